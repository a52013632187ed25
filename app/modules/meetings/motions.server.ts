// Motions put to the board at a meeting, each decided by roll call; motions to close a session
// (only for the exception the notice named) and the closed session's own minutes. The open record
// of proceedings (what the public reads) is built from these rows by proceedings.server.ts.
import { and, asc, eq } from "drizzle-orm";
import { db, type DbOrTx, type Transaction } from "~/db/client.server";
import { closedMinutes, meetingAttendance, meetingMotions } from "~/db/schema/meetings";
import { recordAudit } from "~/modules/audit/index.server";
import { activeCabMemberIds } from "~/modules/auth/index.server";
import { getClosedException } from "~/modules/sunshine/index.server";
import type { VoteChoice } from "~/modules/voting";
import { recordRollCall } from "~/modules/voting/index.server";
import { DomainError } from "~/utils/errors";
import type { MotionChoice } from "./schemas";
import { lockMeeting, quorumOf, type Actor, type Ctx } from "./service.server";

/** The voting module keeps each motion's roll call under this subject (the motion's id). */
export const MOTION_SUBJECT = "meeting_motion";
/** … and each vote approving closed minutes under this one ("<closed minutes id>#<n>"). */
export const CLOSED_MINUTES_SUBJECT = "closed_minutes";

/** Active board members marked present at the meeting: who may move, second and vote. */
export async function presentBoardMembers(meetingId: string, tx: DbOrTx = db) {
  const members = new Set(await activeCabMemberIds(tx));
  const rows = await tx
    .select({ userId: meetingAttendance.userId })
    .from(meetingAttendance)
    .where(and(eq(meetingAttendance.meetingId, meetingId), eq(meetingAttendance.status, "present")));
  return rows.map((r) => r.userId).filter((id) => members.has(id));
}

/** Each present member's answer: votes for the voting engine, recusals apart. Refuses an answer from someone not present. */
function splitRollCall(present: string[], answers: Record<string, MotionChoice | undefined>) {
  const votes: { userId: string; choice: VoteChoice }[] = [];
  const recusals: { userId: string; conflict: string }[] = [];
  for (const [userId, choice] of Object.entries(answers)) {
    if (!choice) continue;
    if (!present.includes(userId)) throw new DomainError("meetings:errors.voterNotPresent");
    if (choice === "recused") recusals.push({ userId, conflict: "Recused at the meeting" });
    else votes.push({ userId, choice });
  }
  if (!votes.length && !recusals.length) throw new DomainError("meetings:errors.rollCallEmpty");
  return { votes, recusals };
}

async function rollCall(
  tx: Transaction,
  meetingId: string,
  subject: { type: string; id: string; title: string },
  present: string[],
  answers: Record<string, MotionChoice | undefined>,
  actor: Actor,
  ctx: Ctx,
) {
  const { votes, recusals } = splitRollCall(present, answers);
  const q = await quorumOf(tx, meetingId);
  const result = await recordRollCall(tx, {
    subjectType: subject.type,
    subjectId: subject.id,
    title: subject.title,
    url: `/meetings/${meetingId}`,
    eligibleUserIds: present,
    votes,
    recusals,
    quorumMet: q.met,
    quorumPercent: q.percent,
    actor: { id: actor.id, ipAddress: ctx.ip },
  });
  return result.result === "passed";
}

export type MotionWrite = {
  kind: "motion" | "close_session";
  text: string;
  moverId?: string;
  seconderId?: string;
  exceptionCode?: string;
  vote: Record<string, MotionChoice | undefined>;
};

/**
 * Records a motion and its roll call at a held meeting (attendance recorded). A motion to close
 * the meeting must cite the exception its notice named, from the rules' list; when it passes, the
 * closed session's minutes are opened (kept apart from the open minutes).
 */
export async function recordMotion(actor: Actor, meetingId: string, input: MotionWrite, ctx: Ctx) {
  return db.transaction(async (tx) => {
    const meeting = await lockMeeting(tx, meetingId);
    if (meeting.status !== "held") throw new DomainError("meetings:errors.recordAttendanceFirst");
    const present = await presentBoardMembers(meetingId, tx);
    if (input.moverId && !present.includes(input.moverId)) throw new DomainError("meetings:errors.moverNotPresent", { field: "moverId" });
    if (input.seconderId && !present.includes(input.seconderId)) throw new DomainError("meetings:errors.moverNotPresent", { field: "seconderId" });
    let exceptionCode: string | null = null;
    if (input.kind === "close_session") {
      const exception = input.exceptionCode ? await getClosedException(input.exceptionCode, tx) : null;
      if (!exception) throw new DomainError("meetings:errors.exceptionNotListed", { field: "exceptionCode" });
      if (meeting.closedExceptionCode !== exception.code) throw new DomainError("meetings:errors.closedNotNoticed", { field: "exceptionCode" });
      exceptionCode = exception.code;
    }
    const [motion] = await tx
      .insert(meetingMotions)
      .values({
        meetingId,
        kind: input.kind,
        text: input.text,
        moverId: input.moverId || null,
        seconderId: input.seconderId || null,
        exceptionCode,
        passed: false,
        recordedById: actor.id,
      })
      .returning();
    const passed = await rollCall(tx, meetingId, { type: MOTION_SUBJECT, id: motion!.id, title: input.text }, present, input.vote, actor, ctx);
    await tx.update(meetingMotions).set({ passed }).where(eq(meetingMotions.id, motion!.id));
    if (input.kind === "close_session" && passed) {
      await tx.insert(closedMinutes).values({ meetingId, motionId: motion!.id, body: "", updatedById: actor.id });
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: input.kind === "close_session" ? "meeting.close_session" : "meeting.motion",
      subjectType: "meeting",
      subjectId: meetingId,
      data: { motionId: motion!.id, passed, exceptionCode },
      ipAddress: ctx.ip,
    });
    return { ...motion!, passed };
  });
}

async function lockClosedMinutes(tx: Transaction, meetingId: string, motionId: string) {
  const [row] = await tx
    .select()
    .from(closedMinutes)
    .where(and(eq(closedMinutes.meetingId, meetingId), eq(closedMinutes.motionId, motionId)))
    .for("update");
  if (!row) throw new DomainError("meetings:errors.notFound", { status: 404 });
  return row;
}

/** Writes the closed session's minutes (limited to the cited topic); refused once approved. */
export async function saveClosedMinutes(actor: Actor, meetingId: string, motionId: string, body: string, ctx: Ctx) {
  return db.transaction(async (tx) => {
    const row = await lockClosedMinutes(tx, meetingId, motionId);
    if (row.status === "approved") throw new DomainError("meetings:errors.approvedFrozen");
    await tx.update(closedMinutes).set({ body, updatedById: actor.id, updatedAt: new Date() }).where(eq(closedMinutes.id, row.id));
    // The audit row names the closed minutes, never their words.
    await recordAudit(tx, { actorId: actor.id, action: "closed_minutes.save", subjectType: "closed_minutes", subjectId: row.id, ipAddress: ctx.ip });
  });
}

/** The board's roll call approving the closed minutes (taken among the members present at the meeting). */
export async function approveClosedMinutes(actor: Actor, meetingId: string, motionId: string, answers: Record<string, MotionChoice | undefined>, ctx: Ctx) {
  return db.transaction(async (tx) => {
    const row = await lockClosedMinutes(tx, meetingId, motionId);
    if (row.status === "approved") throw new DomainError("meetings:errors.alreadyApproved");
    if (!row.body.trim()) throw new DomainError("meetings:errors.noText");
    const present = await presentBoardMembers(meetingId, tx);
    const n = row.approvalVotes + 1;
    const passed = await rollCall(
      tx,
      meetingId,
      { type: CLOSED_MINUTES_SUBJECT, id: `${row.id}#${n}`, title: "Approval of closed-session minutes" },
      present,
      answers,
      actor,
      ctx,
    );
    await tx
      .update(closedMinutes)
      .set({ approvalVotes: n, ...(passed ? { status: "approved" as const, approvedAt: new Date() } : {}), updatedAt: new Date() })
      .where(eq(closedMinutes.id, row.id));
    await recordAudit(tx, {
      actorId: actor.id,
      action: "closed_minutes.approval",
      subjectType: "closed_minutes",
      subjectId: row.id,
      data: { passed },
      ipAddress: ctx.ip,
    });
    return { passed };
  });
}

export async function motionRows(meetingId: string, tx: DbOrTx = db) {
  return tx.select().from(meetingMotions).where(eq(meetingMotions.meetingId, meetingId)).orderBy(asc(meetingMotions.createdAt));
}

export async function closedMinutesRows(meetingId: string, tx: DbOrTx = db) {
  return tx.select().from(closedMinutes).where(eq(closedMinutes.meetingId, meetingId)).orderBy(asc(closedMinutes.createdAt));
}
