import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { db, type DbOrTx } from "~/db/client.server";
import { analyses, analysisLinks, analysisProgress, ballots } from "~/db/schema/analyses";
import { users } from "~/db/schema/auth";
import { getBallotForSubject } from "~/modules/voting/index.server";
import { PIPELINE_STATUSES, stageOf } from "./status";

export const BALLOT_SUBJECT = "analysis";
export const analysisUrl = (id: string) => `/analyses/${id}`;

export type Analysis = typeof analyses.$inferSelect;

export async function getAnalysis(id: string, tx: DbOrTx = db) {
  const [row] = await tx
    .select({ analysis: analyses, proposerName: users.displayName })
    .from(analyses)
    .leftJoin(users, eq(users.id, analyses.proposerId))
    .where(eq(analyses.id, id));
  if (!row) return null;
  const [links, progress, ballot] = await Promise.all([
    tx.select().from(analysisLinks).where(eq(analysisLinks.analysisId, id)).orderBy(asc(analysisLinks.createdAt)),
    tx
      .select({
        status: analysisProgress.status,
        note: analysisProgress.note,
        briefSlug: analysisProgress.briefSlug,
        createdAt: analysisProgress.createdAt,
        actorName: users.displayName,
      })
      .from(analysisProgress)
      .leftJoin(users, eq(users.id, analysisProgress.actorId))
      .where(eq(analysisProgress.analysisId, id))
      .orderBy(asc(analysisProgress.createdAt), asc(analysisProgress.id)),
    getBallotForSubject(BALLOT_SUBJECT, id, tx),
  ]);
  return { ...row.analysis, proposerName: row.proposerName, links, progress, ballot, stage: stageOf(row.analysis.status, ballot) };
}

/** Every proposal, newest first, with its stage (voting / awaiting decision come from the ballot). */
export async function listAnalyses() {
  const rows = await db
    .select({
      id: analyses.id,
      question: analyses.question,
      status: analyses.status,
      proposerRole: analyses.proposerRole,
      proposerName: users.displayName,
      createdAt: analyses.createdAt,
      ballotStatus: ballots.status,
      closesAt: ballots.closesAt,
    })
    .from(analyses)
    .leftJoin(users, eq(users.id, analyses.proposerId))
    .leftJoin(ballots, and(eq(ballots.subjectType, BALLOT_SUBJECT), sql`${ballots.subjectId} = ${analyses.id}::text`))
    .orderBy(desc(analyses.createdAt));
  return rows.map((r) => ({ ...r, stage: stageOf(r.status, r.ballotStatus ? { status: r.ballotStatus } : null) }));
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
      result: ballots.result,
    })
    .from(analyses)
    .leftJoin(ballots, and(eq(ballots.subjectType, BALLOT_SUBJECT), sql`${ballots.subjectId} = ${analyses.id}::text`))
    .where(inArray(analyses.status, [...PIPELINE_STATUSES]))
    .orderBy(desc(analyses.updatedAt));
  if (!rows.length) return [];
  const steps = await db
    .select({ analysisId: analysisProgress.analysisId, status: analysisProgress.status, createdAt: analysisProgress.createdAt })
    .from(analysisProgress)
    .where(
      inArray(
        analysisProgress.analysisId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(analysisProgress.createdAt), asc(analysisProgress.id));
  return rows.map((r) => ({ ...r, steps: steps.filter((s) => s.analysisId === r.id) }));
}

/**
 * Who may vote on a proposed analysis: every active CAB member when the vote opens. (The
 * auth module has no listing function yet; this reads the users table for ids only.)
 */
export async function activeMemberIds(tx: DbOrTx = db) {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "cab_member"), isNull(users.deactivatedAt)));
  return rows.map((r) => r.id);
}
