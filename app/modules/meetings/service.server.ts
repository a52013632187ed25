import { and, asc, eq, max, sql } from "drizzle-orm";
import { db, type DbOrTx, type Transaction } from "~/db/client.server";
import { agendaItems, meetingAttendance, meetingRsvps, meetings, type RichDoc } from "~/db/schema/meetings";
import { recordAudit } from "~/modules/audit/index.server";
import { accountExists, activeCabMemberCount, activeCabMembers, isActiveAccount, isActiveCabMember, localeOf } from "~/modules/auth/index.server";
import { notify, type NotificationType } from "~/modules/notifications/index.server";
import type { RichText } from "~/modules/richtext/index.server";
import { getClosedException, noticeDeadline } from "~/modules/sunshine/index.server";
import { COUNTY_TIME_ZONE, countyDateTimeToDate, formatDateTimeRange } from "~/utils/clock";
import { DomainError } from "~/utils/errors";
import { quorumPercent } from "./config.server";
import { meetingsCalendar } from "./ics.server";
import type { MeetingInput } from "./schemas";

export type Actor = { id: string };
export type Ctx = { origin: string; ip?: string | null };

/** Whether `id` is an active account (an action item's owner must be one). */
export async function isActiveUser(tx: DbOrTx, id: string) {
  return accountExists(tx, id, { active: true });
}

/** Active people marked present at a meeting (minutes go to them for corrections). */
export async function presentMembers(tx: DbOrTx, meetingId: string) {
  return tx
    .select({ id: meetingAttendance.userId, locale: localeOf<string>(meetingAttendance.userId) })
    .from(meetingAttendance)
    .where(and(eq(meetingAttendance.meetingId, meetingId), eq(meetingAttendance.status, "present"), isActiveAccount(meetingAttendance.userId)));
}

/** Present board members / board members, for the quorum of a meeting. */
export async function quorumOf(tx: DbOrTx, meetingId: string) {
  const [row] = await tx
    .select({ present: sql<number>`count(*)::int` })
    .from(meetingAttendance)
    .where(and(eq(meetingAttendance.meetingId, meetingId), eq(meetingAttendance.status, "present"), isActiveCabMember(meetingAttendance.userId)));
  const eligible = await activeCabMemberCount(tx);
  const percent = quorumPercent();
  const present = row?.present ?? 0;
  return { present, eligible, percent, met: eligible > 0 && present * 100 >= percent * eligible };
}

/** The meeting, locked for this transaction (a 404 refusal when there is none). */
export async function lockMeeting(tx: Transaction, id: string) {
  const [meeting] = await tx.select().from(meetings).where(eq(meetings.id, id)).for("update");
  if (!meeting) throw new DomainError("meetings:errors.notFound", { status: 404 });
  return meeting;
}

function toTimes(input: Pick<MeetingInput, "startsAt" | "endsAt">) {
  const zone = COUNTY_TIME_ZONE;
  const startsAt = countyDateTimeToDate(input.startsAt, zone);
  const endsAt = countyDateTimeToDate(input.endsAt, zone);
  if (!startsAt) throw new DomainError("meetings:errors.dateTime", { field: "startsAt" });
  if (!endsAt) throw new DomainError("meetings:errors.dateTime", { field: "endsAt" });
  if (endsAt <= startsAt) throw new DomainError("meetings:errors.endsBeforeStarts", { field: "endsAt" });
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
    closedExceptionCode: input.closedExceptionCode || null,
    closedTopic: input.closedExceptionCode ? (input.closedTopic ?? null) : null,
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

/**
 * Posting notice now of a meeting that starts at `startsAt`: the deadline it had to meet (the
 * sunshine rules), and the short-notice reason, required when it is late. A meeting entered
 * after it began had no notice through the portal (null), which the record says.
 */
export async function noticeValues(tx: DbOrTx, startsAt: Date, shortNoticeReason: string | undefined | null, at = new Date()) {
  const reason = shortNoticeReason?.trim() || null;
  if (startsAt <= at) return { noticePostedAt: null, noticeDeadline: null, shortNoticeReason: reason };
  const deadline = await noticeDeadline(startsAt, tx);
  const late = at > deadline;
  if (late && !reason) throw new DomainError("meetings:errors.shortNoticeReasonRequired", { field: "shortNoticeReason" });
  return { noticePostedAt: at, noticeDeadline: deadline, shortNoticeReason: late ? reason : null };
}

/** A closed portion may rest only on an exception the rules list (and, for a new choice, one still in use). */
async function checkException(tx: DbOrTx, code: string | null | undefined, before?: string | null) {
  if (!code) return;
  const exception = await getClosedException(code, tx);
  if (!exception || (!exception.active && code !== before)) throw new DomainError("meetings:errors.exceptionNotListed", { field: "closedExceptionCode" });
}

/** What the public notice says: a change to any of it is a new notice. */
function noticeChanged(before: MeetingRow, after: ReturnType<typeof meetingValues> & { agendaHtml?: string }) {
  return (
    before.startsAt.getTime() !== after.startsAt.getTime() ||
    before.endsAt.getTime() !== after.endsAt.getTime() ||
    before.mode !== after.mode ||
    before.place !== after.place ||
    before.link !== after.link ||
    before.closedExceptionCode !== after.closedExceptionCode ||
    before.closedTopic !== after.closedTopic ||
    (after.agendaHtml !== undefined && before.agendaHtml !== after.agendaHtml)
  );
}

/** The meeting as an .ics attachment (base64, as the email provider wants it). */
function icsAttachment(meeting: MeetingRow, origin: string, method: "request" | "cancel") {
  const ics = meetingsCalendar([meeting], { origin, zone: COUNTY_TIME_ZONE, name: meeting.title, method });
  return {
    filename: "meeting.ics",
    content: Buffer.from(ics, "utf8").toString("base64"),
    contentType: `text/calendar; charset=utf-8; method=${method.toUpperCase()}`,
  };
}

/** Tells every board member, each in their own language (the time is written in it). */
export async function notifyMembers(
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
    const startsAt = formatDateTimeRange(meeting.startsAt, meeting.endsAt, locale);
    await notify(
      tx,
      {
        type,
        key,
        url: `/meetings/${meeting.id}`,
        // Short notice is said, with its reason, in the notice itself (i18next picks body_shortNotice).
        params: { title: meeting.title, startsAt, ...(meeting.shortNoticeReason ? { context: "shortNotice", reason: meeting.shortNoticeReason } : {}) },
        attachments,
      },
      ids.map((userId) => ({ userId })),
      origin,
    );
  }
}

// ---------------------------------------------------------------- meetings

export async function createMeeting(actor: Actor, input: MeetingWrite, ctx: Ctx) {
  const values = { ...EMPTY_AGENDA, ...meetingValues(input) };
  return db.transaction(async (tx) => {
    await checkException(tx, values.closedExceptionCode);
    // Scheduling the meeting posts its notice.
    const notice = await noticeValues(tx, values.startsAt, input.shortNoticeReason);
    const [meeting] = await tx
      .insert(meetings)
      .values({ ...values, ...notice, createdById: actor.id })
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
    if (before.status === "cancelled") throw new DomainError("meetings:errors.cancelled");
    await checkException(tx, values.closedExceptionCode, before.closedExceptionCode);
    // Changing what a scheduled meeting's notice says posts it again (and may make it short notice).
    const notice =
      before.status === "scheduled" && noticeChanged(before, values)
        ? await noticeValues(tx, values.startsAt, input.shortNoticeReason)
        : input.shortNoticeReason !== undefined && before.shortNoticeReason
          ? { shortNoticeReason: input.shortNoticeReason.trim() || before.shortNoticeReason }
          : {};
    const [meeting] = await tx
      .update(meetings)
      .set({ ...values, ...notice, sequence: before.sequence + 1, updatedAt: new Date() })
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

/** Posts the meeting's notice again now (after agenda changes, say), with a reason when it is late. */
export async function postNotice(actor: Actor, id: string, shortNoticeReason: string | undefined, ctx: Ctx) {
  return db.transaction(async (tx) => {
    const before = await lockMeeting(tx, id);
    if (before.status !== "scheduled") throw new DomainError("meetings:errors.notScheduled");
    if (before.startsAt <= new Date()) throw new DomainError("meetings:errors.noticeAfterStart");
    const notice = await noticeValues(tx, before.startsAt, shortNoticeReason);
    const [meeting] = await tx
      .update(meetings)
      .set({ ...notice, sequence: before.sequence + 1, updatedAt: new Date() })
      .where(eq(meetings.id, id))
      .returning();
    await recordAudit(tx, {
      actorId: actor.id,
      action: "meeting.notice.post",
      subjectType: "meeting",
      subjectId: id,
      data: { postedAt: notice.noticePostedAt, deadline: notice.noticeDeadline, shortNoticeReason: notice.shortNoticeReason },
      ipAddress: ctx.ip,
    });
    await notifyMembers(tx, "meeting_changed", `meeting_notice:${id}:${meeting!.sequence}`, meeting!, ctx.origin, undefined, "request");
    return meeting!;
  });
}

export async function cancelMeeting(actor: Actor, id: string, reason: string | undefined, ctx: Ctx) {
  return db.transaction(async (tx) => {
    const before = await lockMeeting(tx, id);
    if (before.status !== "scheduled") throw new DomainError("meetings:errors.notScheduled");
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
    if (!removed.length) throw new DomainError("meetings:errors.notFound", { status: 404 });
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
    if (i < 0) throw new DomainError("meetings:errors.notFound", { status: 404 });
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
    if (meeting.status !== "scheduled") throw new DomainError("meetings:errors.notScheduled");
    if (meeting.startsAt <= new Date()) throw new DomainError("meetings:errors.rsvpClosed");
    await tx
      .insert(meetingRsvps)
      .values({ meetingId, userId: user.id, response })
      .onConflictDoUpdate({ target: [meetingRsvps.meetingId, meetingRsvps.userId], set: { response, updatedAt: new Date() } });
  });
}

export async function recordAttendance(actor: Actor, meetingId: string, entries: { userId: string; status: "present" | "absent" | "excused" }[], ctx: Ctx) {
  return db.transaction(async (tx) => {
    const meeting = await lockMeeting(tx, meetingId);
    if (meeting.status === "cancelled") throw new DomainError("meetings:errors.cancelled");
    const members = new Set((await activeCabMembers(tx)).map((m) => m.id));
    const valid = entries.filter((e) => members.has(e.userId));
    if (!valid.length) throw new DomainError("meetings:errors.attendanceEmpty");
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
