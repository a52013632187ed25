import { and, asc, desc, eq, gte, ilike, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db } from "~/db/client.server";
import { startOfCountyDay } from "~/utils/clock";
import {
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
import { activeCabMembers, displayNameOf } from "~/modules/auth/index.server";
import { hasRole, type Role } from "~/modules/auth";
import { getBallotsForSubjects, listRollCall } from "~/modules/voting/index.server";
import { MINUTES_APPROVAL_SUBJECT } from "./minutes.server";
import { quorumOf } from "./service.server";

export type Viewer = { id: string; role: Role } | null;

const isMember = (v: Viewer) => hasRole(v?.role, "cab_member");
const isStaff = (v: Viewer) => hasRole(v?.role, "csu_staff");

/** LIKE wildcards in a search are literal characters. */
function likePattern(q: string) {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const listColumns = {
  id: meetings.id,
  title: meetings.title,
  mode: meetings.mode,
  place: meetings.place,
  startsAt: meetings.startsAt,
  endsAt: meetings.endsAt,
  status: meetings.status,
  isPublic: meetings.isPublic,
};

export async function listUpcoming(viewer: Viewer, now = new Date()) {
  const where: SQL[] = [gte(meetings.endsAt, now), eq(meetings.status, "scheduled")];
  if (!isMember(viewer)) where.push(eq(meetings.isPublic, true));
  return db
    .select(listColumns)
    .from(meetings)
    .where(and(...where))
    .orderBy(asc(meetings.startsAt))
    .limit(50);
}

/** Past meetings with approved minutes, searched in the title, agenda and minutes text. */
export async function listArchive(viewer: Viewer, q: string | null, now = new Date()) {
  const where: (SQL | undefined)[] = [lt(meetings.startsAt, now), eq(minutes.status, "approved")];
  if (!isMember(viewer)) where.push(eq(meetings.isPublic, true));
  const term = q?.trim().slice(0, 200);
  if (term) {
    const p = likePattern(term);
    where.push(or(ilike(meetings.title, p), ilike(meetings.agendaText, p), ilike(minutesRevisions.bodyText, p)));
  }
  return db
    .select({ ...listColumns, publishedAt: minutes.publishedAt })
    .from(meetings)
    .innerJoin(minutes, eq(minutes.meetingId, meetings.id))
    .innerJoin(minutesRevisions, eq(minutesRevisions.id, minutes.currentRevisionId))
    .where(and(...where))
    .orderBy(desc(meetings.startsAt))
    .limit(100);
}

export async function getMeeting(id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [meeting] = await db.select().from(meetings).where(eq(meetings.id, id));
  return meeting ?? null;
}

/** A meeting the viewer may see: non-public meetings are for board members and staff. */
export async function getVisibleMeeting(id: string, viewer: Viewer) {
  const meeting = await getMeeting(id);
  if (!meeting) return null;
  if (!meeting.isPublic && !isMember(viewer)) return null;
  return meeting;
}

export async function getAgenda(meetingId: string) {
  return db.select().from(agendaItems).where(eq(agendaItems.meetingId, meetingId)).orderBy(asc(agendaItems.position), asc(agendaItems.createdAt));
}

export async function getRsvpSummary(meetingId: string, viewer: Viewer) {
  const counts = await db
    .select({ response: meetingRsvps.response, n: sql<number>`count(*)::int` })
    .from(meetingRsvps)
    .where(eq(meetingRsvps.meetingId, meetingId))
    .groupBy(meetingRsvps.response);
  let mine: "yes" | "no" | "maybe" | null = null;
  if (viewer) {
    const [row] = await db
      .select({ response: meetingRsvps.response })
      .from(meetingRsvps)
      .where(and(eq(meetingRsvps.meetingId, meetingId), eq(meetingRsvps.userId, viewer.id)));
    mine = row?.response ?? null;
  }
  const by = Object.fromEntries(counts.map((c) => [c.response, c.n])) as Partial<Record<"yes" | "no" | "maybe", number>>;
  return { yes: by.yes ?? 0, no: by.no ?? 0, maybe: by.maybe ?? 0, mine };
}

export async function getAttendance(meetingId: string) {
  return db
    .select({ userId: meetingAttendance.userId, displayName: displayNameOf<string>(meetingAttendance.userId), status: meetingAttendance.status })
    .from(meetingAttendance)
    .where(eq(meetingAttendance.meetingId, meetingId))
    .orderBy(asc(displayNameOf(meetingAttendance.userId)));
}

/** Quorum of a meeting from its attendance (present board members / board members). */
export function meetingQuorum(meetingId: string) {
  return quorumOf(db, meetingId);
}

export function listCabMembers() {
  return activeCabMembers(db);
}

const approvalMeeting = alias(meetings, "approval_meeting");

/** Each approval with its roll call (who voted how), when one was taken through the portal. */
async function approvalsOf(minutesId: string) {
  const rows = await approvalRows(minutesId);
  const ballots = await getBallotsForSubjects(
    MINUTES_APPROVAL_SUBJECT,
    rows.map((r) => r.id),
  );
  return Promise.all(
    rows.map(async (r) => {
      const ballot = ballots.get(r.id);
      const rollCall = ballot ? (await listRollCall(ballot)).map((v) => ({ name: v.name, choice: v.choice })) : [];
      return { ...r, rollCall };
    }),
  );
}

async function approvalRows(minutesId: string) {
  return db
    .select({
      id: minutesApprovals.id,
      revisionId: minutesApprovals.revisionId,
      support: minutesApprovals.support,
      oppose: minutesApprovals.oppose,
      abstain: minutesApprovals.abstain,
      presentCount: minutesApprovals.presentCount,
      eligibleCount: minutesApprovals.eligibleCount,
      quorumPercent: minutesApprovals.quorumPercent,
      quorumMet: minutesApprovals.quorumMet,
      passed: minutesApprovals.passed,
      createdAt: minutesApprovals.createdAt,
      meetingId: approvalMeeting.id,
      meetingTitle: approvalMeeting.title,
      meetingStartsAt: approvalMeeting.startsAt,
    })
    .from(minutesApprovals)
    .innerJoin(approvalMeeting, eq(approvalMeeting.id, minutesApprovals.votedAtMeetingId))
    .where(eq(minutesApprovals.minutesId, minutesId))
    .orderBy(asc(minutesApprovals.createdAt));
}

async function revisionsOf(minutesId: string) {
  return db
    .select({
      id: minutesRevisions.id,
      number: minutesRevisions.number,
      kind: minutesRevisions.kind,
      reason: minutesRevisions.reason,
      bodyHtml: minutesRevisions.bodyHtml,
      bodyDoc: minutesRevisions.bodyDoc,
      createdAt: minutesRevisions.createdAt,
    })
    .from(minutesRevisions)
    .where(eq(minutesRevisions.minutesId, minutesId))
    .orderBy(asc(minutesRevisions.number));
}

async function actionItemsOf(minutesId: string) {
  return db
    .select({
      id: actionItems.id,
      what: actionItems.what,
      ownerName: sql<string>`coalesce(${displayNameOf(actionItems.ownerUserId)}, ${actionItems.ownerName})`,
      ownerUserId: actionItems.ownerUserId,
      dueDate: actionItems.dueDate,
      status: actionItems.status,
    })
    .from(actionItems)
    .where(eq(actionItems.minutesId, minutesId))
    .orderBy(asc(actionItems.createdAt));
}

async function decisionsOf(minutesId: string) {
  return db.select().from(minutesDecisions).where(eq(minutesDecisions.minutesId, minutesId)).orderBy(asc(minutesDecisions.createdAt));
}

async function correctionsOf(minutesId: string, onlyBy?: string) {
  const where = onlyBy
    ? and(eq(minutesCorrections.minutesId, minutesId), eq(minutesCorrections.proposedById, onlyBy))
    : eq(minutesCorrections.minutesId, minutesId);
  return db
    .select({
      id: minutesCorrections.id,
      text: minutesCorrections.text,
      status: minutesCorrections.status,
      reviewNote: minutesCorrections.reviewNote,
      proposedBy: displayNameOf<string>(minutesCorrections.proposedById),
      createdAt: minutesCorrections.createdAt,
    })
    .from(minutesCorrections)
    .where(where)
    .orderBy(asc(minutesCorrections.createdAt));
}

/**
 * The minutes as this viewer may see them: approved minutes are public (with their approval
 * record); a circulated draft only to board members (corrections only from those who attended);
 * an uncirculated draft only to staff.
 */
export async function getMinutesFor(meetingId: string, viewer: Viewer) {
  const [row] = await db.select().from(minutes).where(eq(minutes.meetingId, meetingId));
  if (!row) return null;
  const visible = row.status === "approved" || (row.status === "circulated" && isMember(viewer)) || isStaff(viewer);
  if (!visible) return null;
  const revisions = await revisionsOf(row.id);
  const current = revisions.find((r) => r.id === row.currentRevisionId) ?? null;
  const approvals = await approvalsOf(row.id);
  const approval = approvals.find((a) => a.id === row.approvalId) ?? null;
  let attended = false;
  if (viewer) {
    const [a] = await db
      .select({ id: meetingAttendance.id })
      .from(meetingAttendance)
      .where(and(eq(meetingAttendance.meetingId, meetingId), eq(meetingAttendance.userId, viewer.id), eq(meetingAttendance.status, "present")));
    attended = !!a;
  }
  return {
    id: row.id,
    status: row.status,
    circulatedAt: row.circulatedAt,
    publishedAt: row.publishedAt,
    current,
    amendments: revisions.filter((r) => r.kind === "amendment").map(({ bodyDoc: _d, ...r }) => r),
    revisionCount: revisions.length,
    approval,
    approvals: isStaff(viewer) || row.status === "approved" ? approvals : [],
    decisions: await decisionsOf(row.id),
    actionItems: await actionItemsOf(row.id),
    corrections: isStaff(viewer) ? await correctionsOf(row.id) : viewer && isMember(viewer) ? await correctionsOf(row.id, viewer.id) : [],
    canCorrect: row.status === "circulated" && attended && isMember(viewer),
  };
}

/** Open action items; the public sees those from approved minutes of public meetings. */
export async function listActionItems(viewer: Viewer, status: "open" | "in_progress" | "done" | "all" = "all") {
  const where: SQL[] = [];
  if (!isMember(viewer)) where.push(eq(minutes.status, "approved"), eq(meetings.isPublic, true));
  else if (!isStaff(viewer)) where.push(inArray(minutes.status, ["approved", "circulated"]));
  if (status !== "all") where.push(eq(actionItems.status, status));
  return db
    .select({
      id: actionItems.id,
      what: actionItems.what,
      ownerName: sql<string>`coalesce(${displayNameOf(actionItems.ownerUserId)}, ${actionItems.ownerName})`,
      dueDate: actionItems.dueDate,
      status: actionItems.status,
      meetingId: meetings.id,
      meetingTitle: meetings.title,
      meetingStartsAt: meetings.startsAt,
      minutesStatus: minutes.status,
    })
    .from(actionItems)
    .innerJoin(minutes, eq(minutes.id, actionItems.minutesId))
    .innerJoin(meetings, eq(meetings.id, minutes.meetingId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(
      sql`case ${actionItems.status} when 'open' then 0 when 'in_progress' then 1 else 2 end`,
      sql`${actionItems.dueDate} asc nulls last`,
      asc(actionItems.createdAt),
    )
    .limit(500);
}

export async function listMeetingsForStaff() {
  return db
    .select({ ...listColumns, minutesStatus: minutes.status })
    .from(meetings)
    .leftJoin(minutes, eq(minutes.meetingId, meetings.id))
    .orderBy(desc(meetings.startsAt))
    .limit(200);
}

/** Held meetings on or after a date: where an approval vote could have been taken. */
export async function heldMeetingsFrom(from: Date) {
  return db
    .select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt })
    .from(meetings)
    .where(and(eq(meetings.status, "held"), gte(meetings.startsAt, from)))
    .orderBy(asc(meetings.startsAt));
}

/** Every meeting for the calendar feed of public meetings (the last year and what is ahead). */
export async function listPublicForFeed(now = new Date()) {
  const since = new Date(now.getTime() - 365 * 24 * 3600_000);
  return db
    .select()
    .from(meetings)
    .where(and(eq(meetings.isPublic, true), gte(meetings.startsAt, since)))
    .orderBy(asc(meetings.startsAt));
}

/** The text search reads: a title (weight A) and a body (weight C), in one language's stemming. */
function searchVector(config: "english" | "spanish", title: SQL, body: SQL) {
  return sql`setweight(to_tsvector(${sql.raw(`'${config}'`)}::regconfig, coalesce(${title}, '')), 'A') || setweight(to_tsvector(${sql.raw(`'${config}'`)}::regconfig, coalesce(${body}, '')), 'C')`;
}

/**
 * For full-text search: the meetings this viewer may see (public ones for everyone; meetings
 * that are not public, such as a closed session, only for board members and staff), as a
 * subquery with the columns search expects (id, title, url, body, search_en, search_es).
 */
export function searchableMeetings(role: Role | null | undefined) {
  const visible = hasRole(role, "cab_member") ? sql`true` : sql`m.is_public`;
  const body = sql`coalesce(m.place, '') || ' ' || m.agenda_text`;
  return sql`(select m.id, m.title, '/meetings/' || m.id as url, ${body} as body,
      ${searchVector("english", sql`m.title`, body)} as search_en, ${searchVector("spanish", sql`m.title`, body)} as search_es
    from ${meetings} m where ${visible})`;
}

/**
 * For full-text search: minutes as getMinutesFor shows them. Approved minutes of a meeting the
 * viewer may see; a circulated draft also for board members; an uncirculated draft only for staff.
 * The text is the current revision's.
 */
export function searchableMinutes(role: Role | null | undefined) {
  const statuses = hasRole(role, "csu_staff") ? ["draft", "circulated", "approved"] : hasRole(role, "cab_member") ? ["circulated", "approved"] : ["approved"];
  const visibleMeeting = hasRole(role, "cab_member") ? sql`true` : sql`m.is_public`;
  const list = sql.join(
    statuses.map((s) => sql`${s}`),
    sql`, `,
  );
  return sql`(select n.id, m.title, '/meetings/' || m.id || '#minutes' as url, r.body_text as body,
      ${searchVector("english", sql`m.title`, sql`r.body_text`)} as search_en, ${searchVector("spanish", sql`m.title`, sql`r.body_text`)} as search_es
    from ${minutes} n join ${meetings} m on m.id = n.meeting_id join ${minutesRevisions} r on r.id = n.current_revision_id
    where n.status::text in (${list}) and ${visibleMeeting})`;
}

/**
 * For a public records request: the meetings held or scheduled in [from, to), each with its
 * attendance (present and absent by name), its minutes as they stand (status and current text),
 * the decisions recorded and every approval vote with its roll call.
 */
export async function meetingsForRecords(from: Date, to: Date) {
  const rows = await db
    .select(listColumns)
    .from(meetings)
    .where(and(gte(meetings.startsAt, from), lt(meetings.startsAt, to)))
    .orderBy(asc(meetings.startsAt));
  return Promise.all(
    rows.map(async (m) => {
      const [row] = await db.select().from(minutes).where(eq(minutes.meetingId, m.id));
      let minutesRecord = null;
      if (row) {
        const [current] = row.currentRevisionId
          ? await db
              .select({ bodyText: minutesRevisions.bodyText, number: minutesRevisions.number, createdAt: minutesRevisions.createdAt })
              .from(minutesRevisions)
              .where(eq(minutesRevisions.id, row.currentRevisionId))
          : [];
        minutesRecord = {
          status: row.status,
          circulatedAt: row.circulatedAt,
          publishedAt: row.publishedAt,
          text: current?.bodyText ?? "",
          revision: current?.number ?? null,
          decisions: await decisionsOf(row.id),
          approvals: await approvalsOf(row.id),
        };
      }
      return { ...m, attendance: await getAttendance(m.id), minutes: minutesRecord };
    }),
  );
}

/** Titles of meetings by id. */
export async function meetingTitles(ids: readonly string[]) {
  const valid = [...new Set(ids)].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  if (!valid.length) return new Map<string, string>();
  const rows = await db.select({ id: meetings.id, title: meetings.title }).from(meetings).where(inArray(meetings.id, valid));
  return new Map(rows.map((r) => [r.id, r.title]));
}

/** Public meetings held in a county calendar year (the annual report's CAB activity): how many, newest last. */
export async function meetingsHeldInYear(year: number) {
  const from = startOfCountyDay(`${year}-01-01`);
  const to = startOfCountyDay(`${year + 1}-01-01`);
  return db
    .select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt })
    .from(meetings)
    .where(and(eq(meetings.status, "held"), eq(meetings.isPublic, true), gte(meetings.startsAt, from), lt(meetings.startsAt, to)))
    .orderBy(asc(meetings.startsAt));
}
