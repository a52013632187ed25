// Minutes: drafts and their revisions, decisions, action items, circulation, corrections,
// approval by roll-call vote, publication and amendments. Meetings themselves (scheduling, agenda,
// RSVP, attendance) are in service.server.ts.
import { and, desc, eq, max } from "drizzle-orm";
import { db, type Transaction } from "~/db/client.server";
import {
  type RichDoc,
  actionItems,
  meetingAttendance,
  meetings,
  minutes,
  minutesApprovals,
  minutesCorrections,
  minutesDecisions,
  minutesRevisions,
} from "~/db/schema/meetings";
import { recordAudit } from "~/modules/audit/index.server";
import type { RichText } from "~/modules/richtext/index.server";
import { DomainError } from "~/utils/errors";
import { activeCabMemberIds } from "~/modules/auth/index.server";
import type { VoteChoice } from "~/modules/voting";
import { recordRollCall } from "~/modules/voting/index.server";
import { isActiveUser, lockMeeting, notifyMembers, presentMembers, quorumOf, type Actor, type Ctx } from "./service.server";

/** The voting module keeps each minutes approval's roll call under this subject (the approval's id). */
export const MINUTES_APPROVAL_SUBJECT = "minutes_approval";

/** Majority of votes cast (abstentions do not count either way), as the DB CHECK says. */
export function approvalOutcome(input: { support: number; oppose: number; presentCount: number; eligibleCount: number; quorumPercent: number }) {
  const quorumMet = input.eligibleCount > 0 && input.presentCount * 100 >= input.quorumPercent * input.eligibleCount;
  return { quorumMet, passed: quorumMet && input.support > input.oppose };
}

async function lockMinutes(tx: Transaction, minutesId: string) {
  const [row] = await tx.select().from(minutes).where(eq(minutes.id, minutesId)).for("update");
  if (!row) throw new DomainError("meetings:errors.notFound", { status: 404 });
  return row;
}

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
  if (!rich.text.trim()) throw new DomainError("common:errors.required", { field: "body" });
  return db.transaction(async (tx) => {
    const meeting = await lockMeeting(tx, meetingId);
    if (meeting.status !== "held") throw new DomainError("meetings:errors.notHeld");
    let [row] = await tx.select().from(minutes).where(eq(minutes.meetingId, meetingId)).for("update");
    if (!row) [row] = await tx.insert(minutes).values({ meetingId }).returning();
    if (row!.status === "approved") throw new DomainError("meetings:errors.approvedUseAmendment");
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
  if (row.status === "approved") throw new DomainError("meetings:errors.approvedFrozen");
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
    if (!removed.length) throw new DomainError("meetings:errors.notFound", { status: 404 });
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
      if (!(await isActiveUser(tx, input.ownerUserId))) throw new DomainError("common:errors.invalid", { field: "ownerUserId" });
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
    if (!row) throw new DomainError("meetings:errors.notFound", { status: 404 });
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
    if (!removed.length) throw new DomainError("meetings:errors.notFound", { status: 404 });
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

/** Sends the draft to the members who attended, for corrections. */
export async function circulateMinutes(actor: Actor, minutesId: string, ctx: Ctx) {
  return db.transaction(async (tx) => {
    const row = await lockMinutes(tx, minutesId);
    if (row.status !== "draft") throw new DomainError("meetings:errors.notDraft");
    if (!row.currentRevisionId) throw new DomainError("meetings:errors.noText");
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
    if (row.status !== "circulated") throw new DomainError("meetings:errors.notCirculated");
    const [attended] = await tx
      .select({ id: meetingAttendance.id })
      .from(meetingAttendance)
      .where(and(eq(meetingAttendance.meetingId, row.meetingId), eq(meetingAttendance.userId, user.id), eq(meetingAttendance.status, "present")));
    if (!attended) throw new DomainError("meetings:errors.onlyAttendees", { status: 403 });
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
    if (!correction) throw new DomainError("meetings:errors.notFound", { status: 404 });
    await editableMinutes(tx, correction.minutesId);
    if (correction.status !== "pending") throw new DomainError("meetings:errors.alreadyReviewed");
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
    if (row.status !== "circulated") throw new DomainError("meetings:errors.notCirculated");
    const [own] = await tx.select().from(meetings).where(eq(meetings.id, row.meetingId));
    const [at] = await tx.select().from(meetings).where(eq(meetings.id, input.votedAtMeetingId));
    if (!at) throw new DomainError("common:errors.invalid", { field: "votedAtMeetingId" });
    if (at.status !== "held") throw new DomainError("meetings:errors.voteMeetingNotHeld", { field: "votedAtMeetingId" });
    if (at.startsAt < own!.startsAt) throw new DomainError("meetings:errors.voteMeetingEarlier", { field: "votedAtMeetingId" });
    const q = await quorumOf(tx, at.id);
    if (q.eligible === 0) throw new DomainError("meetings:errors.noMembers");
    const members = new Set(await activeCabMemberIds(tx));
    const attendance = await tx
      .select({ userId: meetingAttendance.userId })
      .from(meetingAttendance)
      .where(and(eq(meetingAttendance.meetingId, at.id), eq(meetingAttendance.status, "present")));
    const present = attendance.map((a) => a.userId).filter((id) => members.has(id));
    const votes = Object.entries(input.votes).flatMap(([userId, choice]) => (choice ? [{ userId, choice }] : []));
    if (votes.some((v) => !present.includes(v.userId))) throw new DomainError("meetings:errors.voterNotPresent");
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
    if (row.status === "approved") throw new DomainError("meetings:errors.alreadyApproved");
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
    if (!approval) throw new DomainError("meetings:errors.noPassingApproval");
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
  if (!rich.text.trim()) throw new DomainError("common:errors.required", { field: "body" });
  if (!reason.trim()) throw new DomainError("common:errors.required", { field: "reason" });
  return db.transaction(async (tx) => {
    const row = await lockMinutes(tx, minutesId);
    if (row.status !== "approved") throw new DomainError("meetings:errors.notApproved");
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
