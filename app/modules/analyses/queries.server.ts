import { and, asc, desc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import { db, type DbOrTx } from "~/db/client.server";
import { startOfCountyDay } from "~/utils/clock";
import { analyses, analysisLinks, analysisProgress } from "~/db/schema/analyses";
import { displayNamesOf, listActiveCabMembers } from "~/modules/auth/index.server";
import { getBallotForSubject, getBallotsForSubjects } from "~/modules/voting/index.server";
import { PIPELINE_STATUSES, stageOf } from "./status";

/** The official vote on a proposal: a named roll call (its result is what the office acts on). */
export const BALLOT_SUBJECT = "analysis";
/** The informal, secret poll a proposal may also have: labelled as such, never an official action. */
export const POLL_SUBJECT = "analysis_poll";
export const analysisUrl = (id: string) => `/analyses/${id}`;

export type Analysis = typeof analyses.$inferSelect;

export async function getAnalysis(id: string, tx: DbOrTx = db) {
  const [analysis] = await tx.select().from(analyses).where(eq(analyses.id, id));
  if (!analysis) return null;
  const [links, progress, ballot, poll] = await Promise.all([
    tx.select().from(analysisLinks).where(eq(analysisLinks.analysisId, id)).orderBy(asc(analysisLinks.createdAt)),
    tx
      .select({
        status: analysisProgress.status,
        note: analysisProgress.note,
        briefSlug: analysisProgress.briefSlug,
        createdAt: analysisProgress.createdAt,
        actorId: analysisProgress.actorId,
      })
      .from(analysisProgress)
      .where(eq(analysisProgress.analysisId, id))
      .orderBy(asc(analysisProgress.createdAt), asc(analysisProgress.id)),
    getBallotForSubject(BALLOT_SUBJECT, id, tx),
    getBallotForSubject(POLL_SUBJECT, id, tx),
  ]);
  const names = await displayNamesOf(
    [analysis.proposerId, ...progress.map((p) => p.actorId)].filter((x): x is string => Boolean(x)),
    tx,
  );
  return {
    ...analysis,
    proposerName: analysis.proposerId ? (names.get(analysis.proposerId) ?? null) : null,
    links,
    progress: progress.map(({ actorId, ...p }) => ({ ...p, actorName: actorId ? (names.get(actorId) ?? null) : null })),
    ballot,
    poll,
    stage: stageOf(analysis.status, ballot),
  };
}

/** Every proposal, newest first, with its stage (voting / awaiting decision come from the official vote). */
export async function listAnalyses() {
  const rows = await db
    .select({
      id: analyses.id,
      question: analyses.question,
      status: analyses.status,
      proposerRole: analyses.proposerRole,
      proposerId: analyses.proposerId,
      createdAt: analyses.createdAt,
    })
    .from(analyses)
    .orderBy(desc(analyses.createdAt));
  const [names, ballots] = await Promise.all([
    displayNamesOf(rows.flatMap((r) => (r.proposerId ? [r.proposerId] : []))),
    getBallotsForSubjects(
      BALLOT_SUBJECT,
      rows.map((r) => r.id),
    ),
  ]);
  return rows.map(({ proposerId, ...r }) => {
    const ballot = ballots.get(r.id);
    return {
      ...r,
      proposerName: proposerId ? (names.get(proposerId) ?? null) : null,
      ballotStatus: ballot?.status ?? null,
      closesAt: ballot?.closesAt ?? null,
      stage: stageOf(r.status, ballot ? { status: ballot.status } : null),
    };
  });
}

/** The public pipeline: every accepted analysis and where it stands, with its dated steps. */
export async function listPipeline() {
  const rows = await db
    .select({
      id: analyses.id,
      question: analyses.question,
      status: analyses.status,
      decisionNote: analyses.decisionNote,
      resultBriefSlug: analyses.resultBriefSlug,
      updatedAt: analyses.updatedAt,
    })
    .from(analyses)
    .where(inArray(analyses.status, [...PIPELINE_STATUSES]))
    .orderBy(desc(analyses.updatedAt));
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [ballots, steps] = await Promise.all([
    getBallotsForSubjects(BALLOT_SUBJECT, ids),
    db
      .select({ analysisId: analysisProgress.analysisId, status: analysisProgress.status, createdAt: analysisProgress.createdAt })
      .from(analysisProgress)
      .where(inArray(analysisProgress.analysisId, ids))
      .orderBy(asc(analysisProgress.createdAt), asc(analysisProgress.id)),
  ]);
  return rows.map((r) => ({ ...r, result: ballots.get(r.id)?.result ?? null, steps: steps.filter((s) => s.analysisId === r.id) }));
}

/** Who may vote on a proposed analysis: every active CAB member when the vote opens. */
export async function activeMemberIds(tx: DbOrTx = db) {
  return (await listActiveCabMembers(tx)).map((m) => m.id);
}

/** The questions of proposed analyses by id (for lists that name what a record is about). */
export async function analysisTitles(ids: readonly string[]) {
  const valid = [...new Set(ids)].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  if (!valid.length) return new Map<string, string>();
  const rows = await db.select({ id: analyses.id, question: analyses.question }).from(analyses).where(inArray(analyses.id, valid));
  return new Map(rows.map((r) => [r.id, r.question]));
}

/**
 * The analysis pipeline's activity in a county calendar year (the annual report): proposals made,
 * proposals decided by the board (accepted or declined — official decisions rest on a roll call),
 * and analyses completed (answered by a brief). Each analysis counts once per step, by the step's date.
 */
export async function analysisActivityInYear(year: number, tx: DbOrTx = db) {
  const from = startOfCountyDay(`${year}-01-01`);
  const to = startOfCountyDay(`${year + 1}-01-01`);
  const [proposed] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(analyses)
    .where(and(gte(analyses.createdAt, from), lt(analyses.createdAt, to)));
  const steps = await tx
    .select({ status: analysisProgress.status, n: sql<number>`count(distinct ${analysisProgress.analysisId})::int` })
    .from(analysisProgress)
    .where(
      and(inArray(analysisProgress.status, ["accepted", "declined", "completed"]), gte(analysisProgress.createdAt, from), lt(analysisProgress.createdAt, to)),
    )
    .groupBy(analysisProgress.status);
  const of = (s: string) => Number(steps.find((r) => r.status === s)?.n ?? 0);
  const [voted] = await tx
    .select({ n: sql<number>`count(distinct ${analysisProgress.analysisId})::int` })
    .from(analysisProgress)
    .where(and(inArray(analysisProgress.status, ["accepted", "declined"]), gte(analysisProgress.createdAt, from), lt(analysisProgress.createdAt, to)));
  return { proposed: Number(proposed?.n ?? 0), decided: Number(voted?.n ?? 0), accepted: of("accepted"), declined: of("declined"), completed: of("completed") };
}
