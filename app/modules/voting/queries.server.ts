import { and, asc, eq, sql } from "drizzle-orm";
import { db, type DbOrTx } from "~/db/client.server";
import { ballotEligible, ballotParticipation, ballotRecusals, ballots, ballotSecretChoices, ballotVotes } from "~/db/schema/voting";
import { users } from "~/db/schema/auth";
import { computeTally, type Tally, type VoteChoice } from "./tally";

export type Ballot = typeof ballots.$inferSelect;

export async function getBallot(id: string, tx: DbOrTx = db) {
  const [ballot] = await tx.select().from(ballots).where(eq(ballots.id, id));
  return ballot ?? null;
}

export async function getBallotForSubject(subjectType: string, subjectId: string, tx: DbOrTx = db) {
  const [ballot] = await tx
    .select()
    .from(ballots)
    .where(and(eq(ballots.subjectType, subjectType), eq(ballots.subjectId, subjectId)));
  return ballot ?? null;
}

/** Counts from the rows, every time: there is no stored counter to drift. */
export async function tallyBallot(ballot: Pick<Ballot, "id" | "mode" | "quorumPercent" | "thresholdPercent">, tx: DbOrTx = db): Promise<Tally> {
  const choiceTable = ballot.mode === "secret" ? ballotSecretChoices : ballotVotes;
  const [choiceRows, [eligible], [recused], [participants]] = await Promise.all([
    tx
      .select({ choice: choiceTable.choice, n: sql<number>`count(*)::int` })
      .from(choiceTable)
      .where(eq(choiceTable.ballotId, ballot.id))
      .groupBy(choiceTable.choice),
    tx
      .select({ n: sql<number>`count(*)::int` })
      .from(ballotEligible)
      .where(eq(ballotEligible.ballotId, ballot.id)),
    tx
      .select({ n: sql<number>`count(*)::int` })
      .from(ballotRecusals)
      .where(eq(ballotRecusals.ballotId, ballot.id)),
    ballot.mode === "secret"
      ? tx
          .select({ n: sql<number>`count(*)::int` })
          .from(ballotParticipation)
          .where(eq(ballotParticipation.ballotId, ballot.id))
      : tx
          .select({ n: sql<number>`count(*)::int` })
          .from(ballotVotes)
          .where(eq(ballotVotes.ballotId, ballot.id)),
  ]);
  const counts: Record<VoteChoice, number> = { support: 0, oppose: 0, abstain: 0 };
  for (const row of choiceRows) counts[row.choice] = row.n;
  return computeTally({
    counts,
    participants: participants!.n,
    eligible: eligible!.n,
    recused: recused!.n,
    quorumPercent: ballot.quorumPercent,
    thresholdPercent: ballot.thresholdPercent,
  });
}

export type VoterState = {
  eligible: boolean;
  recusal: { conflict: string } | null;
  /** Named ballots only: the member's current choice. */
  vote: { choice: VoteChoice; reason: string | null } | null;
  /** Secret ballots: whether the member took part (their choice is not stored with them). */
  participated: boolean;
};

export async function getVoterState(ballot: Pick<Ballot, "id" | "mode">, userId: string, tx: DbOrTx = db): Promise<VoterState> {
  const [[eligible], [recusal], [vote], [participation]] = await Promise.all([
    tx
      .select({ userId: ballotEligible.userId })
      .from(ballotEligible)
      .where(and(eq(ballotEligible.ballotId, ballot.id), eq(ballotEligible.userId, userId))),
    tx
      .select({ conflict: ballotRecusals.conflict })
      .from(ballotRecusals)
      .where(and(eq(ballotRecusals.ballotId, ballot.id), eq(ballotRecusals.userId, userId))),
    tx
      .select({ choice: ballotVotes.choice, reason: ballotVotes.reason })
      .from(ballotVotes)
      .where(and(eq(ballotVotes.ballotId, ballot.id), eq(ballotVotes.userId, userId))),
    tx
      .select({ userId: ballotParticipation.userId })
      .from(ballotParticipation)
      .where(and(eq(ballotParticipation.ballotId, ballot.id), eq(ballotParticipation.userId, userId))),
  ]);
  return {
    eligible: Boolean(eligible),
    recusal: recusal ?? null,
    vote: ballot.mode === "named" ? (vote ?? null) : null,
    participated: Boolean(participation) || Boolean(vote),
  };
}

/** The public record of a named ballot: who chose what, and why. Never called for secret ballots. */
export async function listNamedVotes(ballot: Pick<Ballot, "id" | "mode">, tx: DbOrTx = db) {
  if (ballot.mode !== "named") return [];
  return tx
    .select({ name: users.displayName, choice: ballotVotes.choice, reason: ballotVotes.reason })
    .from(ballotVotes)
    .innerJoin(users, eq(users.id, ballotVotes.userId))
    .where(eq(ballotVotes.ballotId, ballot.id))
    .orderBy(asc(users.displayName));
}

export async function listRecusals(ballotId: string, tx: DbOrTx = db) {
  return tx
    .select({ name: users.displayName, conflict: ballotRecusals.conflict })
    .from(ballotRecusals)
    .innerJoin(users, eq(users.id, ballotRecusals.userId))
    .where(eq(ballotRecusals.ballotId, ballotId))
    .orderBy(asc(users.displayName));
}

/** Members on the snapshot who have neither voted nor recused (for the closing reminder). */
export async function listNonVoters(ballot: Pick<Ballot, "id" | "mode">, tx: DbOrTx = db) {
  const voted =
    ballot.mode === "secret"
      ? sql`exists (select 1 from ${ballotParticipation} p where p.ballot_id = ${ballotEligible.ballotId} and p.user_id = ${ballotEligible.userId})`
      : sql`exists (select 1 from ${ballotVotes} v where v.ballot_id = ${ballotEligible.ballotId} and v.user_id = ${ballotEligible.userId})`;
  const rows = await tx
    .select({ userId: ballotEligible.userId })
    .from(ballotEligible)
    .where(
      and(
        eq(ballotEligible.ballotId, ballot.id),
        sql`not ${voted}`,
        sql`not exists (select 1 from ${ballotRecusals} r where r.ballot_id = ${ballotEligible.ballotId} and r.user_id = ${ballotEligible.userId})`,
      ),
    );
  return rows.map((r) => r.userId);
}

export async function listEligible(ballotId: string, tx: DbOrTx = db) {
  const rows = await tx.select({ userId: ballotEligible.userId }).from(ballotEligible).where(eq(ballotEligible.ballotId, ballotId));
  return rows.map((r) => r.userId);
}
