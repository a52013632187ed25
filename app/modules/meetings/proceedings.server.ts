// The record of proceedings: what the open minutes must say under the Sunshine Law, built from
// data (never stored as English text) so each reader gets it in their language: the notice, when
// and where, members present and absent, and every vote by roll call, including the vote to close
// a session and why. The closed session's own minutes are NOT part of it (closedMinutesFor).
import { and, asc, desc, eq, lt, ne } from "drizzle-orm";
import { db } from "~/db/client.server";
import { meetings, minutes, minutesApprovals } from "~/db/schema/meetings";
import { hasRole, type Role } from "~/modules/auth";
import { getClosedException } from "~/modules/sunshine/index.server";
import type { ClosedException } from "~/modules/sunshine";
import { closedRollCallsBetween, getBallotsForSubjects, listRollCall } from "~/modules/voting/index.server";
import { MINUTES_APPROVAL_SUBJECT } from "./minutes.server";
import { CLOSED_MINUTES_SUBJECT, MOTION_SUBJECT, closedMinutesRows, motionRows } from "./motions.server";
import { getAttendance } from "./queries.server";

export type RollCallEntry = { name: string; choice: "support" | "oppose" | "abstain" | null; recused: boolean };

async function rollCallsFor(subjectType: string, ids: string[]) {
  const ballots = await getBallotsForSubjects(subjectType, ids);
  const out = new Map<string, RollCallEntry[]>();
  for (const [id, ballot] of ballots)
    out.set(
      id,
      (await listRollCall(ballot)).map((v) => ({ name: v.name, choice: v.choice, recused: v.recused })),
    );
  return out;
}

async function exceptionsByCode(codes: (string | null)[]) {
  const out = new Map<string, ClosedException>();
  for (const code of new Set(codes.filter((c): c is string => !!c))) {
    const e = await getClosedException(code);
    if (e) out.set(code, e);
  }
  return out;
}

/** The public record of a meeting's proceedings (the caller has checked the viewer may see the meeting). */
export async function getProceedings(meetingId: string) {
  const [meeting] = await db.select().from(meetings).where(eq(meetings.id, meetingId));
  if (!meeting) return null;
  const [attendance, motions, closed] = await Promise.all([getAttendance(meetingId), motionRows(meetingId), closedMinutesRows(meetingId)]);
  const names = new Map(attendance.map((a) => [a.userId, a.displayName]));
  const rollCalls = await rollCallsFor(
    MOTION_SUBJECT,
    motions.map((m) => m.id),
  );
  const exceptions = await exceptionsByCode([meeting.closedExceptionCode, ...motions.map((m) => m.exceptionCode)]);
  // Minutes (of this or an earlier meeting) approved by a vote taken at this meeting.
  const approvalRows = await db
    .select({
      id: minutesApprovals.id,
      passed: minutesApprovals.passed,
      createdAt: minutesApprovals.createdAt,
      meetingId: meetings.id,
      meetingTitle: meetings.title,
      meetingStartsAt: meetings.startsAt,
    })
    .from(minutesApprovals)
    .innerJoin(minutes, eq(minutes.id, minutesApprovals.minutesId))
    .innerJoin(meetings, eq(meetings.id, minutes.meetingId))
    .where(eq(minutesApprovals.votedAtMeetingId, meetingId))
    .orderBy(asc(minutesApprovals.createdAt));
  const approvalCalls = await rollCallsFor(
    MINUTES_APPROVAL_SUBJECT,
    approvalRows.map((a) => a.id),
  );
  const closedApprovals = await rollCallsFor(
    CLOSED_MINUTES_SUBJECT,
    closed.flatMap((c) => Array.from({ length: c.approvalVotes }, (_, i) => `${c.id}#${i + 1}`)),
  );
  // Analysis votes are held in the portal between meetings: each is reported at the first meeting after it closed.
  const [previous] = await db
    .select({ startsAt: meetings.startsAt })
    .from(meetings)
    .where(and(lt(meetings.startsAt, meeting.startsAt), ne(meetings.status, "cancelled")))
    .orderBy(desc(meetings.startsAt))
    .limit(1);
  const portalVotes = await closedRollCallsBetween("analysis", previous?.startsAt ?? null, meeting.startsAt);
  const exceptionOf = (code: string | null) => (code ? (exceptions.get(code) ?? null) : null);
  return {
    when: { startsAt: meeting.startsAt, endsAt: meeting.endsAt },
    mode: meeting.mode,
    place: meeting.place,
    link: meeting.link,
    notice: {
      postedAt: meeting.noticePostedAt,
      deadline: meeting.noticeDeadline,
      shortNoticeReason: meeting.shortNoticeReason,
      closedException: exceptionOf(meeting.closedExceptionCode),
      closedTopic: meeting.closedTopic,
    },
    present: attendance.filter((a) => a.status === "present").map((a) => a.displayName),
    absent: attendance.filter((a) => a.status === "absent").map((a) => a.displayName),
    excused: attendance.filter((a) => a.status === "excused").map((a) => a.displayName),
    motions: motions.map((m) => ({
      id: m.id,
      kind: m.kind,
      text: m.text,
      mover: m.moverId ? (names.get(m.moverId) ?? null) : null,
      seconder: m.seconderId ? (names.get(m.seconderId) ?? null) : null,
      passed: m.passed,
      at: m.createdAt,
      exception: exceptionOf(m.exceptionCode),
      rollCall: rollCalls.get(m.id) ?? [],
    })),
    minutesApprovals: approvalRows.map((a) => ({
      id: a.id,
      passed: a.passed,
      meetingId: a.meetingId,
      meetingTitle: a.meetingTitle,
      meetingStartsAt: a.meetingStartsAt,
      rollCall: approvalCalls.get(a.id) ?? [],
    })),
    portalVotes: portalVotes.map((v) => ({
      id: v.id,
      title: v.title,
      url: v.url,
      passed: v.result === "passed",
      noQuorum: v.result === "no_quorum",
      closedAt: v.closedAt,
      // A member's written reason stays on the analysis page; the public record carries name and vote only.
      rollCall: v.rollCall.map((e) => ({ name: e.name, choice: e.choice, recused: e.recused })),
    })),
    // That a closed session took place, when, why and the vote to close are public (the motion above);
    // its minutes are not: only whether they have been approved, and the roll calls approving them.
    closedSessions: closed.map((c) => {
      const motion = motions.find((m) => m.id === c.motionId);
      return {
        motionId: c.motionId,
        at: motion?.createdAt ?? c.createdAt,
        topic: meeting.closedTopic,
        exception: exceptionOf(motion?.exceptionCode ?? null),
        approved: c.status === "approved",
        approvalRollCalls: Array.from({ length: c.approvalVotes }, (_, i) => closedApprovals.get(`${c.id}#${i + 1}`) ?? []),
      };
    }),
  };
}

export type Proceedings = NonNullable<Awaited<ReturnType<typeof getProceedings>>>;

/** The closed sessions' minutes, for board members and staff only (null for anyone else). */
export async function closedMinutesFor(meetingId: string, viewer: { role: Role } | null) {
  if (!hasRole(viewer?.role, "cab_member")) return null;
  const rows = await closedMinutesRows(meetingId);
  return rows.map((r) => ({ id: r.id, motionId: r.motionId, body: r.body, status: r.status, approvedAt: r.approvedAt }));
}
