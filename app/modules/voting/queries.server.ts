import { and, eq, inArray, sql } from "drizzle-orm";
import { db, type DbOrTx } from "~/db/client.server";
import { ballotEligible, ballotParticipation, ballotRecusals, ballots, ballotTallies, ballotVotes } from "~/db/schema/voting";
import { displayNamesOf } from "~/modules/auth/index.server";
import { computeTally, type Tally, type VoteChoice } from "./tally";

export type Ballot = typeof ballots.$inferSelect;

/** The (one) ballot on a subject, e.g. ("analysis", id) or ("minutes_approval", id). */
export async function getBallotForSubject(subjectType: string, subjectId: string, tx: DbOrTx = db) {
  const [ballot] = await tx
    .select()
    .from(ballots)
    .where(and(eq(ballots.subjectType, subjectType), eq(ballots.subjectId, subjectId)));
  return ballot ?? null;
}

/** The ballots of many subjects of one type at once (for lists), keyed by subject id. */
export async function getBallotsForSubjects(subjectType: string, subjectIds: readonly string[], tx: DbOrTx = db) {
  if (!subjectIds.length) return new Map<string, Ballot>();
  const rows = await tx
    .select()
    .from(ballots)
    .where(and(eq(ballots.subjectType, subjectType), inArray(ballots.subjectId, [...new Set(subjectIds)])));
  return new Map(rows.map((b) => [b.subjectId, b]));
}

/** An official action may rest only on a named roll call; a secret ballot is an informal poll. */
export function isOfficial(ballot: Pick<Ballot, "mode">) {
  return ballot.mode === "named";
}

/**
 * Named ballots: counted from the votes, every time (no stored counter to drift).
 * Informal polls: there is no count before the close (the choices are sealed); after it,
 * the counts written by the close.
 */
export async function tallyBallot(ballot: Pick<Ballot, "id" | "mode" | "status" | "quorumPercent" | "thresholdPercent">, tx: DbOrTx = db): Promise<Tally> {
  const counts: Record<VoteChoice, number> = { support: 0, oppose: 0, abstain: 0 };
  const [[eligible], [recused], [participants]] = await Promise.all([
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
  if (ballot.mode === "named") {
    const rows = await tx
      .select({ choice: ballotVotes.choice, n: sql<number>`count(*)::int` })
      .from(ballotVotes)
      .where(eq(ballotVotes.ballotId, ballot.id))
      .groupBy(ballotVotes.choice);
    for (const row of rows) counts[row.choice] = row.n;
  } else if (ballot.status === "closed") {
    const [row] = await tx.select().from(ballotTallies).where(eq(ballotTallies.ballotId, ballot.id));
    if (row) Object.assign(counts, { support: row.support, oppose: row.oppose, abstain: row.abstain });
  }
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
  /** Informal polls: whether the member took part (their choice is sealed, not stored with them). */
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

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

/**
 * The roll call of a named ballot: every member on the voter list with their choice (and
 * reason), or null when they did not vote; recused members are marked. Never for polls.
 */
export async function listRollCall(ballot: Pick<Ballot, "id" | "mode">, tx: DbOrTx = db) {
  if (ballot.mode !== "named") return [];
  const [eligible, votes, recusals] = await Promise.all([
    tx.select({ userId: ballotEligible.userId }).from(ballotEligible).where(eq(ballotEligible.ballotId, ballot.id)),
    tx
      .select({ userId: ballotVotes.userId, choice: ballotVotes.choice, reason: ballotVotes.reason })
      .from(ballotVotes)
      .where(eq(ballotVotes.ballotId, ballot.id)),
    tx.select({ userId: ballotRecusals.userId }).from(ballotRecusals).where(eq(ballotRecusals.ballotId, ballot.id)),
  ]);
  const names = await displayNamesOf(
    eligible.map((e) => e.userId),
    tx,
  );
  const voteOf = new Map(votes.map((v) => [v.userId, v]));
  const recused = new Set(recusals.map((r) => r.userId));
  return eligible
    .map((e) => ({
      name: names.get(e.userId) ?? "—",
      choice: voteOf.get(e.userId)?.choice ?? null,
      reason: voteOf.get(e.userId)?.reason ?? null,
      recused: recused.has(e.userId),
    }))
    .sort(byName);
}

/**
 * Named ballots of one subject type that closed in (after, until]: the votes the board took in the
 * portal between two meetings, reported in the second meeting's record of proceedings. Informal
 * polls are left out: they are not official actions.
 */
export async function closedRollCallsBetween(subjectType: string, after: Date | null, until: Date, tx: DbOrTx = db) {
  const rows = await tx
    .select()
    .from(ballots)
    .where(
      and(
        eq(ballots.subjectType, subjectType),
        eq(ballots.mode, "named"),
        eq(ballots.status, "closed"),
        sql`${ballots.closedAt} <= ${until.toISOString()}::timestamptz`,
        after ? sql`${ballots.closedAt} > ${after.toISOString()}::timestamptz` : undefined,
      ),
    )
    .orderBy(ballots.closedAt);
  return Promise.all(
    rows.map(async (b) => ({ id: b.id, title: b.title, url: b.url, result: b.result!, closedAt: b.closedAt!, rollCall: await listRollCall(b, tx) })),
  );
}

/** The named votes only (who chose what, and why), by name. */
export async function listNamedVotes(ballot: Pick<Ballot, "id" | "mode">, tx: DbOrTx = db) {
  const roll = await listRollCall(ballot, tx);
  return roll.flatMap((r) => (r.choice ? [{ name: r.name, choice: r.choice, reason: r.reason }] : []));
}

export async function listRecusals(ballotId: string, tx: DbOrTx = db) {
  const rows = await tx
    .select({ userId: ballotRecusals.userId, conflict: ballotRecusals.conflict })
    .from(ballotRecusals)
    .where(eq(ballotRecusals.ballotId, ballotId));
  const names = await displayNamesOf(
    rows.map((r) => r.userId),
    tx,
  );
  return rows.map((r) => ({ name: names.get(r.userId) ?? "—", conflict: r.conflict })).sort(byName);
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

/**
 * For a public records request: every ballot whose voting window overlaps [from, to). Named roll
 * calls come with each member's recorded choice (and reason), by name; an informal secret poll
 * only with its outcome once closed (the counts written by its close) — never who chose what,
 * which nothing stores.
 */
export async function ballotsForRecords(from: Date, to: Date, tx: DbOrTx = db) {
  const rows = await tx
    .select()
    .from(ballots)
    .where(
      and(
        sql`${ballots.opensAt} < ${to.toISOString()}::timestamptz`,
        sql`coalesce(${ballots.closedAt}, greatest(${ballots.closesAt}, now())) >= ${from.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(ballots.opensAt);
  return Promise.all(
    rows.map(async (b) => {
      const official = isOfficial(b);
      const tally = official || b.status === "closed" ? await tallyBallot(b, tx) : null;
      return {
        id: b.id,
        subjectType: b.subjectType,
        title: b.title,
        url: b.url,
        mode: b.mode,
        status: b.status,
        result: b.result,
        opensAt: b.opensAt,
        closesAt: b.closesAt,
        closedAt: b.closedAt,
        tally: tally && { support: tally.support, oppose: tally.oppose, abstain: tally.abstain, participants: tally.participants, eligible: tally.eligible },
        rollCall: official ? await listRollCall(b, tx) : [],
      };
    }),
  );
}
