import { eq } from "drizzle-orm";
import { db } from "~/db/client.server";
import { analyses, analysisLinks, analysisProgress } from "~/db/schema/analyses";
import { recordAudit } from "~/modules/audit/index.server";
import type { Role } from "~/modules/auth";
import { hasRole } from "~/modules/auth";
import {
  castVote,
  getBallotForSubject,
  isOfficial,
  openBallot,
  recuse,
  updateBallotSettings,
  type Actor,
  type BallotSettings,
  type SettingsChange,
  type VoteOutcome,
} from "~/modules/voting/index.server";
import type { VoteChoice } from "~/modules/voting";
import { activeMemberIds, analysisUrl, BALLOT_SUBJECT, POLL_SUBJECT } from "./queries.server";
import type { LinkRef } from "./links";
import { briefSlugFrom, NEXT_STATUSES, type AnalysisStatus } from "./status";

export type AnalysisActor = Actor & { role: Role };

/** A CAB member or CSU staff proposes a question for the CSU to study. */
export async function proposeAnalysis(actor: AnalysisActor, input: { question: string; whyItMatters: string; dataNeeded: string; links: LinkRef[] }) {
  if (!hasRole(actor.role, "cab_member")) throw new Error("only CAB members and staff can propose analyses");
  return db.transaction(async (tx) => {
    const [analysis] = await tx
      .insert(analyses)
      .values({
        question: input.question.trim(),
        whyItMatters: input.whyItMatters.trim(),
        dataNeeded: input.dataNeeded.trim(),
        proposerId: actor.id,
        proposerRole: hasRole(actor.role, "csu_staff") ? "staff" : "member",
      })
      .returning();
    if (input.links.length) {
      await tx
        .insert(analysisLinks)
        .values(input.links.map((l) => ({ analysisId: analysis!.id, subjectType: l.subjectType, subjectId: l.subjectId, url: l.url, label: l.label })))
        .onConflictDoNothing();
    }
    await tx.insert(analysisProgress).values({ analysisId: analysis!.id, status: "proposed", actorId: actor.id });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "analysis.proposed",
      subjectType: "analysis",
      subjectId: analysis!.id,
      ipAddress: actor.ipAddress,
      data: { links: input.links.length },
    });
    return analysis!;
  });
}

export type OpenVoteRefusal = "not_found" | "not_proposed" | "already_exists" | "closes_in_past" | "secret_not_official";

/** Which ballot of a proposal: its official vote (named roll call) or its informal poll (secret). */
export type BallotKind = "vote" | "poll";
const subjectOf = (kind: BallotKind) => (kind === "poll" ? POLL_SUBJECT : BALLOT_SUBJECT);

/**
 * Staff open the (one) official vote on a proposal — always a named roll call — or its (one)
 * informal poll, which is secret and decides nothing. Every active CAB member is on the voter list.
 */
export async function openAnalysisVote(actor: Actor, analysisId: string, settings: BallotSettings) {
  return db.transaction(async (tx) => {
    const [analysis] = await tx.select().from(analyses).where(eq(analyses.id, analysisId)).for("update");
    if (!analysis) return { ok: false as const, reason: "not_found" as OpenVoteRefusal };
    if (analysis.status !== "proposed") return { ok: false as const, reason: "not_proposed" as OpenVoteRefusal };
    const poll = settings.mode === "secret";
    const opened = await openBallot(tx, {
      ...settings,
      official: !poll,
      subjectType: poll ? POLL_SUBJECT : BALLOT_SUBJECT,
      subjectId: analysis.id,
      title: analysis.question,
      url: analysisUrl(analysis.id),
      eligibleUserIds: await activeMemberIds(tx),
      actor,
    });
    if (!opened.ok) return { ok: false as const, reason: opened.reason as OpenVoteRefusal };
    await tx.update(analyses).set({ updatedAt: new Date() }).where(eq(analyses.id, analysis.id));
    return { ok: true as const, ballot: opened.ballot };
  });
}

async function ballotIdOf(analysisId: string, kind: BallotKind) {
  return (await getBallotForSubject(subjectOf(kind), analysisId))?.id ?? null;
}

export type AnalysisVoteOutcome = VoteOutcome | { ok: false; reason: "no_vote" };

export async function voteOnAnalysis(
  analysisId: string,
  userId: string,
  choice: VoteChoice,
  reason?: string | null,
  kind: BallotKind = "vote",
): Promise<AnalysisVoteOutcome> {
  const ballotId = await ballotIdOf(analysisId, kind);
  if (!ballotId) return { ok: false, reason: "no_vote" };
  return castVote({ ballotId, userId, choice, reason });
}

export async function recuseFromAnalysis(
  analysisId: string,
  userId: string,
  conflict: string,
  ipAddress?: string | null,
  kind: BallotKind = "vote",
): Promise<AnalysisVoteOutcome> {
  const ballotId = await ballotIdOf(analysisId, kind);
  if (!ballotId) return { ok: false, reason: "no_vote" };
  return recuse({ ballotId, userId, conflict, ipAddress });
}

export async function changeAnalysisVoteSettings(actor: Actor, analysisId: string, change: SettingsChange, kind: BallotKind = "vote") {
  const ballotId = await ballotIdOf(analysisId, kind);
  if (!ballotId) return { ok: false as const, reason: "not_found" as const };
  return updateBallotSettings(actor, ballotId, change);
}

export type DecisionRefusal = "not_found" | "vote_not_closed" | "poll_not_official" | "transition" | "reason_required" | "brief_required" | "brief_invalid";

/**
 * After the vote: accepted → planned → in progress → completed (with the brief that answers
 * it), or declined with a reason. Each step is a progress row and an audit row.
 */
export async function decideAnalysis(actor: Actor, analysisId: string, input: { status: AnalysisStatus; note?: string | null; brief?: string | null }) {
  return db.transaction(async (tx) => {
    const [analysis] = await tx.select().from(analyses).where(eq(analyses.id, analysisId)).for("update");
    if (!analysis) return { ok: false as const, reason: "not_found" as DecisionRefusal };
    if (!NEXT_STATUSES[analysis.status].includes(input.status)) return { ok: false as const, reason: "transition" as DecisionRefusal };
    if (analysis.status === "proposed") {
      // Accepting or declining a proposal is an official action: it rests on the named roll
      // call, never on an informal poll (whatever the poll's result).
      const ballot = await getBallotForSubject(BALLOT_SUBJECT, analysisId, tx);
      if (!ballot || !isOfficial(ballot)) {
        const poll = await getBallotForSubject(POLL_SUBJECT, analysisId, tx);
        if (poll || ballot) return { ok: false as const, reason: "poll_not_official" as DecisionRefusal };
        return { ok: false as const, reason: "vote_not_closed" as DecisionRefusal };
      }
      if (ballot.status !== "closed") return { ok: false as const, reason: "vote_not_closed" as DecisionRefusal };
    }
    const note = input.note?.trim() || null;
    if (input.status === "declined" && !note) return { ok: false as const, reason: "reason_required" as DecisionRefusal };
    let briefSlug: string | null = null;
    if (input.brief?.trim()) {
      briefSlug = briefSlugFrom(input.brief);
      if (!briefSlug) return { ok: false as const, reason: "brief_invalid" as DecisionRefusal };
    }
    if (input.status === "completed" && !briefSlug) return { ok: false as const, reason: "brief_required" as DecisionRefusal };
    await tx
      .update(analyses)
      .set({
        status: input.status,
        decisionNote: note ?? analysis.decisionNote,
        resultBriefSlug: briefSlug ?? analysis.resultBriefSlug,
        updatedAt: new Date(),
      })
      .where(eq(analyses.id, analysisId));
    await tx.insert(analysisProgress).values({ analysisId, status: input.status, note, briefSlug, actorId: actor.id });
    await recordAudit(tx, {
      actorId: actor.id,
      action: analysis.status === "proposed" ? "analysis.decided" : "analysis.progress",
      subjectType: "analysis",
      subjectId: analysisId,
      ipAddress: actor.ipAddress,
      data: { from: analysis.status, to: input.status, note, briefSlug },
    });
    return { ok: true as const };
  });
}
