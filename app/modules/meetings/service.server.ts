import { and, asc, desc, eq, isNull, max, sql } from "drizzle-orm";
import { db, type DbOrTx, type Transaction } from "~/db/client.server";
import {
  type RichDoc,
  actionItems,
  agendaItems,
  meetingAttendance,
  meetingRsvps,
  meetings,
  minutes,
  minutesApprovals,
  minutesCorrections,
  minutesDecisions,
  minutesRevisions,
} from "~/db/schema/meetings";
import { users } from "~/db/schema/auth";
import { recordAudit } from "~/modules/audit/index.server";
import { listActiveCabMembers } from "~/modules/auth/index.server";
import type { VoteChoice } from "~/modules/voting";
import { recordRollCall } from "~/modules/voting/index.server";
import { notify, type NotificationType } from "~/modules/notifications/index.server";
import { countyTimeZone, quorumPercent } from "./config.server";
import { meetingsCalendar } from "./ics.server";
import type { RichText } from "~/modules/richtext/index.server";
import { formatMeetingRange, wallTimeToUtc } from "./time";
import type { MeetingInput } from "./schemas";

/** A refusal the person can act on: `code` is an i18n key, `field` the form field it is about. */
export class MeetingsError extends Error {
  constructor(
    public code: string,
    public field?: string,
    public status = 400,
  ) {
    super(code);
  }
}

type Actor = { id: string };

/** The voting module keeps each minutes approval's roll call under this subject (the approval's id). */
export const MINUTES_APPROVAL_SUBJECT = "minutes_approval";
type Ctx = { origin: string; ip?: string | null };

/** Majority of votes cast (abstentions do not count either way), as the DB CHECK says. */
export function approvalOutcome(input: { support: number; oppose: number; presentCount: number; eligibleCount: number; quorumPercent: number }) {
  const quorumMet = input.eligibleCount > 0 && input.presentCount * 100 >= input.quorumPercent * input.eligibleCount;
  return { quorumMet, passed: quorumMet && input.support > input.oppose };
}

/** Board members: the people invited to meetings and counted for quorum. */
export async function activeCabMembers(tx: DbOrTx) {
  return tx
    .select({ id: users.id, displayName: users.displayName, locale: users.locale })
    .from(users)
    .where(and(eq(users.role, "cab_member"), isNull(users.deactivatedAt)))
    .orderBy(asc(users.displayName));
}

/** Present board members / board members, for the quorum of a meeting. */
export async function quorumOf(tx: DbOrTx, meetingId: string) {
  const [row] = await tx
    .select({ present: sql<number>`count(*)::int` })
    .from(meetingAttendance)
    .innerJoin(users, eq(users.id, meetingAttendance.userId))
    .where(and(eq(meetingAttendance.meetingId, meetingId), eq(meetingAttendance.status, "present"), eq(users.role, "cab_member"), isNull(users.deactivatedAt)));
  const [all] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(and(eq(users.role, "cab_member"), isNull(users.deactivatedAt)));
  const percent = quorumPercent();
  const present = row?.present ?? 0;
  const eligible = all?.n ?? 0;
  return { present, eligible, percent, met: eligible > 0 && present * 100 >= percent * eligible };
}

async function lockMeeting(tx: Transaction, id: string) {
  const [meeting] = await tx.select().from(meetings).where(eq(meetings.id, id)).for("update");
  if (!meeting) throw new MeetingsError("meetings:errors.notFound", undefined, 404);
  return meeting;
}

async function lockMinutes(tx: Transaction, minutesId: string) {
  const [row] = await tx.select().from(minutes).where(eq(minutes.id, minutesId)).for("update");
  if (!row) throw new MeetingsError("meetings:errors.notFound", undefined, 404);
  return row;
}

function toTimes(input: Pick<MeetingInput, "startsAt" | "endsAt">) {
  const zone = countyTimeZone();
  const startsAt = wallTimeToUtc(input.startsAt, zone);
  const endsAt = wallTimeToUtc(input.endsAt, zone);
  if (!startsAt) throw new MeetingsError("meetings:errors.dateTime", "startsAt");
  if (!endsAt) throw new MeetingsError("meetings:errors.dateTime", "endsAt");
  if (endsAt <= startsAt) throw new MeetingsError("meetings:errors.endsBeforeStarts", "endsAt");
  return { startsAt, endsAt };
}

/**
 * What staff write about a meeting. The agenda text comes from the shared rich-text module
 * (checked against the schema, rendered and sanitized there): `null` clears it; left out
 * (undefined) keeps what a meeting has, or is empty for a new one.
 */
export type MeetingWrite = MeetingInput & { agenda?: RichText | null };

const EMPTY_AGENDA = { agendaDoc: { type: "doc", content: [] } as RichDoc, agendaHtml: "", agendaText: "" };

function agendaValues(agenda: RichText | null | undefined) {
  if (agenda === undefined) return {};
  if (agenda === null) return EMPTY_AGENDA;
  return { agendaDoc: agenda.doc as RichDoc, agendaHtml: agenda.html, agendaText: agenda.text };
}

function meetingValues(input: MeetingWrite) {
  return {
    title: input.title,
    mode: input.mode,
    place: input.mode === "online" ? null : (input.place ?? null),
    link: input.mode === "in_person" ? null : (input.link ?? null),
    ...toTimes(input),
    isPublic: input.isPublic ?? false,
    ...agendaValues(input.agenda),
  };
}

type MeetingRow = typeof meetings.$inferSelect;

/** The meeting as an .ics attachment (base64, as the email provider wants it). */
function icsAttachment(meeting: MeetingRow, origin: string, method: "request" | "cancel") {
  const ics = meetingsCalendar([meeting], { origin, zone: countyTimeZone(), name: meeting.title, method });
  return {
    filename: "meeting.ics",
    content: Buffer.from(ics, "utf8").toString("base64"),
    contentType: `text/calendar; charset=utf-8; method=${method.toUpperCase()}`,
  };
}

/** Tells every board member, each in their own language (the time is written in it). */
async function notifyMembers(
  tx: DbOrTx,
  type: NotificationType,
  key: string,
  meeting: MeetingRow,
  origin: string,
  recipients?: { id: string; locale: string }[],
  withIcs?: "request" | "cancel",
) {
  const people = recipients ?? (await activeCabMembers(tx));
  const byLocale = new Map<string, string[]>();
  for (const p of people) byLocale.set(p.locale, [...(byLocale.get(p.locale) ?? []), p.id]);
  const attachments = withIcs ? [icsAttachment(meeting, origin, withIcs)] : undefined;
  for (const [locale, ids] of byLocale) {
    const startsAt = formatMeetingRange(meeting.startsAt, meeting.endsAt, locale, countyTimeZone());
    await notify(
      tx,
      { type, key, url: `/meetings/${meeting.id}`, params: { title: meeting.title, startsAt }, attachments },
      ids.map((userId) => ({ userId })),
      origin,
    );
  }
}

// ---------------------------------------------------------------- meetings

export async function createMeeting(actor: Actor, input: MeetingWrite, ctx: Ctx) {
  const values = { ...EMPTY_AGENDA, ...meetingValues(input) };
  return db.transaction(async (tx) => {
    const [meeting] = await tx
      .insert(meetings)
      .values({ ...values, createdById: actor.id })
      .returning();
    await recordAudit(tx, {
      actorId: actor.id,
      action: "meeting.create",
      subjectType: "meeting",
      subjectId: meeting!.id,
      data: { title: meeting!.title, startsAt: meeting!.startsAt },
      ipAddress: ctx.ip,
    });
    await notifyMembers(tx, "meeting_scheduled", `meeting_scheduled:${meeting!.id}`, meeting!, ctx.origin, undefined, "request");
    return meeting!;
  });
}

export async function updateMeeting(actor: Actor, id: string, input: MeetingWrite, ctx: Ctx) {
  const values = meetingValues(input);
  return db.transaction(async (tx) => {
    const before = await lockMeeting(tx, id);
    if (before.status === "cancelled") throw new MeetingsError("meetings:errors.cancelled");
    const [meeting] = await tx
      .update(meetings)
      .set({ ...values, sequence: before.sequence + 1, updatedAt: new Date() })
      .where(eq(meetings.id, id))
      .returning();
    await recordAudit(tx, {
      actorId: actor.id,
      action: "meeting.update",
      subjectType: "meeting",
      subjectId: id,
      data: {
        before: { title: before.title, startsAt: before.startsAt, endsAt: before.endsAt, place: before.place, link: before.link },
        after: { title: meeting!.title, startsAt: meeting!.startsAt, endsAt: meeting!.endsAt },
      },
      ipAddress: ctx.ip,
    });
    // Only a scheduled (future) meeting is news to the invited; fixing a held meeting's record is not.
    if (meeting!.status === "scheduled") {
      await notifyMembers(tx, "meeting_changed", `meeting_changed:${id}:${meeting!.sequence}`, meeting!, ctx.origin, undefined, "request");
    }
    return meeting!;
  });
}

export async function cancelMeeting(actor: Actor, id: string, reason: string | undefined, ctx: Ctx) {
  return db.transaction(async (tx) => {
    const before = await lockMeeting(tx, id);
    if (before.status !== "scheduled") throw new MeetingsError("meetings:errors.notScheduled");
    const [meeting] = await tx
      .update(meetings)
      .set({ status: "cancelled", cancelReason: reason ?? null, sequence: before.sequence + 1, updatedAt: new Date() })
      .where(eq(meetings.id, id))
      .returning();
    await recordAudit(tx, {
      actorId: actor.id,
      action: "meeting.cancel",
      subjectType: "meeting",
      subjectId: id,
      data: { reason: reason ?? null },
      ipAddress: ctx.ip,
    });
    await notifyMembers(tx, "meeting_cancelled", `meeting_cancelled:${id}`, meeting!, ctx.origin, undefined, "cancel");
    return meeting!;
  });
}

export async function addAgendaItem(
  actor: Actor,
  meetingId: string,
  item: { title: string; subjectType?: "brief" | "analysis" | "response"; url?: string; label?: string },
  ctx: Ctx,
) {
  return db.transaction(async (tx) => {
    await lockMeeting(tx, meetingId);
    const [last] = await tx
      .select({ n: max(agendaItems.position) })
      .from(agendaItems)
      .where(eq(agendaItems.meetingId, meetingId));
    const url = item.subjectType ? (item.url ?? null) : null;
    const [row] = await tx
      .insert(agendaItems)
      .values({
        meetingId,
        position: (last?.n ?? 0) + 1,
        title: item.title,
        subjectType: item.subjectType ?? null,
        // The id is the last path segment of the linked page (a slug or uuid).
        subjectId: url ? (url.split("/").filter(Boolean).pop() ?? null) : null,
        url,
        label: url ? (item.label ?? null) : null,
      })
      .returning();
    await recordAudit(tx, {
      actorId: actor.id,
      action: "meeting.agenda_item.add",
      subjectType: "meeting",
      subjectId: meetingId,
      data: { title: item.title, url },
      ipAddress: ctx.ip,
    });
    return row!;
  });
}

export async function removeAgendaItem(actor: Actor, meetingId: string, itemId: string, ctx: Ctx) {
  await db.transaction(async (tx) => {
    await lockMeeting(tx, meetingId);
    const removed = await tx
      .delete(agendaItems)
      .where(and(eq(agendaItems.id, itemId), eq(agendaItems.meetingId, meetingId)))
      .returning();
    if (!removed.length) throw new MeetingsError("meetings:errors.notFound", undefined, 404);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "meeting.agenda_item.remove",
      subjectType: "meeting",
      subjectId: meetingId,
      data: { title: removed[0]!.title },
      ipAddress: ctx.ip,
    });
  });
}

export async function moveAgendaItem(actor: Actor, meetingId: string, itemId: string, direction: "up" | "down", ctx: Ctx) {
  await db.transaction(async (tx) => {
    await lockMeeting(tx, meetingId);
    const items = await tx
      .select()
      .from(agendaItems)
      .where(eq(agendaItems.meetingId, meetingId))
      .orderBy(asc(agendaItems.position), asc(agendaItems.createdAt));
    const i = items.findIndex((x) => x.id === itemId);
    if (i < 0) throw new MeetingsError("meetings:errors.notFound", undefined, 404);
    const j = direction === "up" ? i - 1 : i + 1;
    if (j < 0 || j >= items.length) return;
    [items[i], items[j]] = [items[j]!, items[i]!];
    for (const [index, item] of items.entries()) {
      await tx
        .update(agendaItems)
        .set({ position: index + 1 })
        .where(eq(agendaItems.id, item.id));
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: "meeting.agenda_item.move",
      subjectType: "meeting",
      subjectId: meetingId,
      data: { itemId, direction },
      ipAddress: ctx.ip,
    });
  });
}

// ---------------------------------------------------------------- RSVP and attendance

export async function setRsvp(user: Actor, meetingId: string, response: "yes" | "no" | "maybe") {
  return db.transaction(async (tx) => {
    const meeting = await lockMeeting(tx, meetingId);
    if (meeting.status !== "scheduled") throw new MeetingsError("meetings:errors.notScheduled");
    await tx
      .insert(meetingRsvps)
      .values({ meetingId, userId: user.id, response })
      .onConflictDoUpdate({ target: [meetingRsvps.meetingId, meetingRsvps.userId], set: { response, updatedAt: new Date() } });
  });
}

export async function recordAttendance(actor: Actor, meetingId: string, entries: { userId: string; status: "present" | "absent" | "excused" }[], ctx: Ctx) {
  return db.transaction(async (tx) => {
    const meeting = await lockMeeting(tx, meetingId);
    if (meeting.status === "cancelled") throw new MeetingsError("meetings:errors.cancelled");
    const members = new Set((await activeCabMembers(tx)).map((m) => m.id));
    const valid = entries.filter((e) => members.has(e.userId));
    if (!valid.length) throw new MeetingsError("meetings:errors.attendanceEmpty");
    for (const e of valid) {
      await tx
        .insert(meetingAttendance)
        .values({ meetingId, userId: e.userId, status: e.status, recordedById: actor.id })
        .onConflictDoUpdate({
          target: [meetingAttendance.meetingId, meetingAttendance.userId],
          set: { status: e.status, recordedById: actor.id, recordedAt: new Date() },
        });
    }
    // Recording attendance is what makes a meeting "held".
    if (meeting.status !== "held") await tx.update(meetings).set({ status: "held", updatedAt: new Date() }).where(eq(meetings.id, meetingId));
    await recordAudit(tx, {
      actorId: actor.id,
      action: "meeting.attendance",
      subjectType: "meeting",
      subjectId: meetingId,
      data: { entries: valid },
      ipAddress: ctx.ip,
    });
    return quorumOf(tx, meetingId);
  });
}

// ---------------------------------------------------------------- minutes

async function nextRevisionNumber(tx: Transaction, minutesId: string) {
  const [row] = await tx
    .select({ n: max(minutesRevisions.number) })
    .from(minutesRevisions)
    .where(eq(minutesRevisions.minutesId, minutesId));
  return (row?.n ?? 0) + 1;
}

/**
 * Saves the draft's text (from the shared rich-text module) as a new revision (revisions are
 * never edited). Creates the minutes on first save.
 */
export async function saveMinutesDraft(actor: Actor, meetingId: string, rich: RichText, ctx: Ctx) {
  if (!rich.text.trim()) throw new MeetingsError("common:errors.required", "body");
  return db.transaction(async (tx) => {
    const meeting = await lockMeeting(tx, meetingId);
    if (meeting.status !== "held") throw new MeetingsError("meetings:errors.notHeld");
    let [row] = await tx.select().from(minutes).where(eq(minutes.meetingId, meetingId)).for("update");
    if (!row) [row] = await tx.insert(minutes).values({ meetingId }).returning();
    if (row!.status === "approved") throw new MeetingsError("meetings:errors.approvedUseAmendment");
    const [revision] = await tx
      .insert(minutesRevisions)
      .values({
        minutesId: row!.id,
        number: await nextRevisionNumber(tx, row!.id),
        kind: "draft",
        bodyDoc: rich.doc as RichDoc,
        bodyHtml: rich.html,
        bodyText: rich.text,
        createdById: actor.id,
      })
      .returning();
    await tx.update(minutes).set({ currentRevisionId: revision!.id }).where(eq(minutes.id, row!.id));
    await recordAudit(tx, {
      actorId: actor.id,
      action: "minutes.revise",
      subjectType: "minutes",
      subjectId: row!.id,
      data: { revision: revision!.number },
      ipAddress: ctx.ip,
    });
    return { minutesId: row!.id, revision: revision! };
  });
}

async function editableMinutes(tx: Transaction, minutesId: string) {
  const row = await lockMinutes(tx, minutesId);
  if (row.status === "approved") throw new MeetingsError("meetings:errors.approvedFrozen");
  return row;
}

export async function addDecision(actor: Actor, minutesId: string, input: { text: string; support?: number; oppose?: number; abstain?: number }, ctx: Ctx) {
  return db.transaction(async (tx) => {
    await editableMinutes(tx, minutesId);
    const [row] = await tx
      .insert(minutesDecisions)
      .values({ minutesId, text: input.text, support: input.support ?? null, oppose: input.oppose ?? null, abstain: input.abstain ?? null })
      .returning();
    await recordAudit(tx, {
      actorId: actor.id,
      action: "minutes.decision.add",
      subjectType: "minutes",
      subjectId: minutesId,
      data: { decisionId: row!.id },
      ipAddress: ctx.ip,
    });
    return row!;
  });
}

export async function removeDecision(actor: Actor, minutesId: string, decisionId: string, ctx: Ctx) {
  await db.transaction(async (tx) => {
    await editableMinutes(tx, minutesId);
    const removed = await tx
      .delete(minutesDecisions)
      .where(and(eq(minutesDecisions.id, decisionId), eq(minutesDecisions.minutesId, minutesId)))
      .returning();
    if (!removed.length) throw new MeetingsError("meetings:errors.notFound", undefined, 404);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "minutes.decision.remove",
      subjectType: "minutes",
      subjectId: minutesId,
      data: { text: removed[0]!.text },
      ipAddress: ctx.ip,
    });
  });
}

export async function addActionItem(
  actor: Actor,
  minutesId: string,
  input: { what: string; ownerUserId?: string; ownerName?: string; dueDate?: string },
  ctx: Ctx,
) {
  return db.transaction(async (tx) => {
    await editableMinutes(tx, minutesId);
    if (input.ownerUserId) {
      const [owner] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.id, input.ownerUserId), isNull(users.deactivatedAt)));
      if (!owner) throw new MeetingsError("common:errors.invalid", "ownerUserId");
    }
    const [row] = await tx
      .insert(actionItems)
      .values({
        minutesId,
        what: input.what,
        ownerUserId: input.ownerUserId ?? null,
        ownerName: input.ownerUserId ? null : (input.ownerName ?? null),
        dueDate: input.dueDate ?? null,
      })
      .returning();
    await recordAudit(tx, {
      actorId: actor.id,
      action: "minutes.action_item.add",
      subjectType: "minutes",
      subjectId: minutesId,
      data: { actionItemId: row!.id },
      ipAddress: ctx.ip,
    });
    return row!;
  });
}

/** An action item's status is tracking, not minutes text: it can move on after approval. */
export async function setActionItemStatus(actor: Actor, actionItemId: string, status: "open" | "in_progress" | "done", ctx: Ctx) {
  await db.transaction(async (tx) => {
    const [row] = await tx.update(actionItems).set({ status, updatedAt: new Date() }).where(eq(actionItems.id, actionItemId)).returning();
    if (!row) throw new MeetingsError("meetings:errors.notFound", undefined, 404);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "minutes.action_item.status",
      subjectType: "action_item",
      subjectId: actionItemId,
      data: { status },
      ipAddress: ctx.ip,
    });
  });
}

export async function removeActionItem(actor: Actor, minutesId: string, actionItemId: string, ctx: Ctx) {
  await db.transaction(async (tx) => {
    await editableMinutes(tx, minutesId);
    const removed = await tx
      .delete(actionItems)
      .where(and(eq(actionItems.id, actionItemId), eq(actionItems.minutesId, minutesId)))
      .returning();
    if (!removed.length) throw new MeetingsError("meetings:errors.notFound", undefined, 404);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "minutes.action_item.remove",
      subjectType: "minutes",
      subjectId: minutesId,
      data: { what: removed[0]!.what },
      ipAddress: ctx.ip,
    });
  });
}

async function presentMembers(tx: DbOrTx, meetingId: string) {
  return tx
    .select({ id: users.id, locale: users.locale })
    .from(meetingAttendance)
    .innerJoin(users, eq(users.id, meetingAttendance.userId))
    .where(and(eq(meetingAttendance.meetingId, meetingId), eq(meetingAttendance.status, "present"), isNull(users.deactivatedAt)));
}

/** Sends the draft to the members who attended, for corrections. */
export async function circulateMinutes(actor: Actor, minutesId: string, ctx: Ctx) {
  return db.transaction(async (tx) => {
    const row = await lockMinutes(tx, minutesId);
    if (row.status !== "draft") throw new MeetingsError("meetings:errors.notDraft");
    if (!row.currentRevisionId) throw new MeetingsError("meetings:errors.noText");
    await tx.update(minutes).set({ status: "circulated", circulatedAt: new Date() }).where(eq(minutes.id, minutesId));
    const [meeting] = await tx.select().from(meetings).where(eq(meetings.id, row.meetingId));
    await recordAudit(tx, { actorId: actor.id, action: "minutes.circulate", subjectType: "minutes", subjectId: minutesId, ipAddress: ctx.ip });
    await notifyMembers(tx, "minutes_circulated", `minutes_circulated:${minutesId}`, meeting!, ctx.origin, await presentMembers(tx, row.meetingId));
  });
}

/** A member who attended proposes a correction to circulated minutes. */
export async function proposeCorrection(user: Actor, minutesId: string, text: string) {
  return db.transaction(async (tx) => {
    const row = await lockMinutes(tx, minutesId);
    if (row.status !== "circulated") throw new MeetingsError("meetings:errors.notCirculated");
    const [attended] = await tx
      .select({ id: meetingAttendance.id })
      .from(meetingAttendance)
      .where(and(eq(meetingAttendance.meetingId, row.meetingId), eq(meetingAttendance.userId, user.id), eq(meetingAttendance.status, "present")));
    if (!attended) throw new MeetingsError("meetings:errors.onlyAttendees", undefined, 403);
    const [correction] = await tx.insert(minutesCorrections).values({ minutesId, revisionId: row.currentRevisionId!, proposedById: user.id, text }).returning();
    await recordAudit(tx, {
      actorId: user.id,
      action: "minutes.correction.propose",
      subjectType: "minutes",
      subjectId: minutesId,
      data: { correctionId: correction!.id },
    });
    return correction!;
  });
}

export async function reviewCorrection(actor: Actor, correctionId: string, decision: "accepted" | "declined", note: string | undefined, ctx: Ctx) {
  return db.transaction(async (tx) => {
    const [correction] = await tx.select().from(minutesCorrections).where(eq(minutesCorrections.id, correctionId)).for("update");
    if (!correction) throw new MeetingsError("meetings:errors.notFound", undefined, 404);
    await editableMinutes(tx, correction.minutesId);
    if (correction.status !== "pending") throw new MeetingsError("meetings:errors.alreadyReviewed");
    await tx
      .update(minutesCorrections)
      .set({ status: decision, reviewNote: note ?? null, reviewedById: actor.id, reviewedAt: new Date() })
      .where(eq(minutesCorrections.id, correctionId));
    await recordAudit(tx, {
      actorId: actor.id,
      action: `minutes.correction.${decision}`,
      subjectType: "minutes",
      subjectId: correction.minutesId,
      data: { correctionId, note: note ?? null },
      ipAddress: ctx.ip,
    });
  });
}

/**
 * Records the board's vote on the current text of circulated minutes, held at a meeting (the
 * same one or a later one) whose attendance gives the quorum. A vote that fails is recorded too.
 * It is a roll call (the board is a public body): each present member's answer is recorded
 * with their name through the voting module, and the counts are taken from it.
 */
export async function recordApproval(
  actor: Actor,
  minutesId: string,
  input: { votedAtMeetingId: string; votes: Record<string, VoteChoice | undefined> },
  ctx: Ctx,
) {
  return db.transaction(async (tx) => {
    const row = await lockMinutes(tx, minutesId);
    if (row.status !== "circulated") throw new MeetingsError("meetings:errors.notCirculated");
    const [own] = await tx.select().from(meetings).where(eq(meetings.id, row.meetingId));
    const [at] = await tx.select().from(meetings).where(eq(meetings.id, input.votedAtMeetingId));
    if (!at) throw new MeetingsError("common:errors.invalid", "votedAtMeetingId");
    if (at.status !== "held") throw new MeetingsError("meetings:errors.voteMeetingNotHeld", "votedAtMeetingId");
    if (at.startsAt < own!.startsAt) throw new MeetingsError("meetings:errors.voteMeetingEarlier", "votedAtMeetingId");
    const q = await quorumOf(tx, at.id);
    if (q.eligible === 0) throw new MeetingsError("meetings:errors.noMembers");
    const members = new Set((await listActiveCabMembers(tx)).map((m) => m.id));
    const attendance = await tx
      .select({ userId: meetingAttendance.userId })
      .from(meetingAttendance)
      .where(and(eq(meetingAttendance.meetingId, at.id), eq(meetingAttendance.status, "present")));
    const present = attendance.map((a) => a.userId).filter((id) => members.has(id));
    const votes = Object.entries(input.votes).flatMap(([userId, choice]) => (choice ? [{ userId, choice }] : []));
    if (votes.some((v) => !present.includes(v.userId))) throw new MeetingsError("meetings:errors.voterNotPresent");
    const counts = { support: 0, oppose: 0, abstain: 0 };
    for (const v of votes) counts[v.choice]++;
    const outcome = approvalOutcome({
      support: counts.support,
      oppose: counts.oppose,
      presentCount: q.present,
      eligibleCount: q.eligible,
      quorumPercent: q.percent,
    });
    const [approval] = await tx
      .insert(minutesApprovals)
      .values({
        minutesId,
        revisionId: row.currentRevisionId!,
        votedAtMeetingId: at.id,
        ...counts,
        presentCount: q.present,
        eligibleCount: q.eligible,
        quorumPercent: q.percent,
        ...outcome,
        recordedById: actor.id,
      })
      .returning();
    await recordRollCall(tx, {
      subjectType: MINUTES_APPROVAL_SUBJECT,
      subjectId: approval!.id,
      title: own!.title,
      url: `/meetings/${own!.id}`,
      eligibleUserIds: present,
      votes,
      quorumMet: outcome.quorumMet,
      quorumPercent: q.percent,
      actor: { id: actor.id, ipAddress: ctx.ip },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "minutes.approval.record",
      subjectType: "minutes",
      subjectId: minutesId,
      data: { approvalId: approval!.id, votedAtMeetingId: at.id, ...counts, ...outcome },
      ipAddress: ctx.ip,
    });
    return approval!;
  });
}

/** Publishes approved minutes. Refused without a vote on this text that met quorum and passed (the DB refuses too). */
export async function publishMinutes(actor: Actor, minutesId: string, ctx: Ctx) {
  return db.transaction(async (tx) => {
    const row = await lockMinutes(tx, minutesId);
    if (row.status === "approved") throw new MeetingsError("meetings:errors.alreadyApproved");
    const [approval] = await tx
      .select()
      .from(minutesApprovals)
      .where(
        and(
          eq(minutesApprovals.minutesId, minutesId),
          eq(minutesApprovals.revisionId, row.currentRevisionId!),
          eq(minutesApprovals.quorumMet, true),
          eq(minutesApprovals.passed, true),
        ),
      )
      .orderBy(desc(minutesApprovals.createdAt))
      .limit(1);
    if (!approval) throw new MeetingsError("meetings:errors.noPassingApproval");
    await tx.update(minutes).set({ status: "approved", approvalId: approval.id, publishedAt: new Date() }).where(eq(minutes.id, minutesId));
    const [meeting] = await tx.select().from(meetings).where(eq(meetings.id, row.meetingId));
    await recordAudit(tx, {
      actorId: actor.id,
      action: "minutes.publish",
      subjectType: "minutes",
      subjectId: minutesId,
      data: { approvalId: approval.id },
      ipAddress: ctx.ip,
    });
    await notifyMembers(tx, "minutes_approved", `minutes_approved:${minutesId}`, meeting!, ctx.origin);
  });
}

/** The only way approved minutes' text changes: a new amendment revision with a reason. */
export async function amendMinutes(actor: Actor, minutesId: string, rich: RichText, reason: string, ctx: Ctx) {
  if (!rich.text.trim()) throw new MeetingsError("common:errors.required", "body");
  if (!reason.trim()) throw new MeetingsError("common:errors.required", "reason");
  return db.transaction(async (tx) => {
    const row = await lockMinutes(tx, minutesId);
    if (row.status !== "approved") throw new MeetingsError("meetings:errors.notApproved");
    const [revision] = await tx
      .insert(minutesRevisions)
      .values({
        minutesId,
        number: await nextRevisionNumber(tx, minutesId),
        kind: "amendment",
        bodyDoc: rich.doc as RichDoc,
        bodyHtml: rich.html,
        bodyText: rich.text,
        reason: reason.trim(),
        createdById: actor.id,
      })
      .returning();
    await tx.update(minutes).set({ currentRevisionId: revision!.id }).where(eq(minutes.id, minutesId));
    await recordAudit(tx, {
      actorId: actor.id,
      action: "minutes.amend",
      subjectType: "minutes",
      subjectId: minutesId,
      data: { revision: revision!.number, reason },
      ipAddress: ctx.ip,
    });
    return revision!;
  });
}

export async function minutesIdOf(tx: DbOrTx, meetingId: string) {
  const [row] = await tx.select({ id: minutes.id }).from(minutes).where(eq(minutes.meetingId, meetingId));
  return row?.id ?? null;
}
