import { and, eq, sql } from "drizzle-orm";
import { db, type DbOrTx, type Transaction } from "~/db/client.server";
import { ballotEligible, ballotParticipation, ballotRecusals, ballots, ballotSealedChoices, ballotTallies, ballotVotes } from "~/db/schema/voting";
import { getFixedT } from "~/i18n/i18n.server";
import { recordAudit } from "~/modules/audit/index.server";
import { localesOf } from "~/modules/auth/index.server";
import { enqueueJob } from "~/modules/notifications/index.server";
import { notify } from "~/modules/notifications/index.server";
import { getVoterState, listEligible, listNonVoters, tallyBallot, type Ballot } from "./queries.server";
import { openChoice, sealChoice, shuffle } from "./seal.server";
import type { BallotResult, BallotMode, ResultsVisibility, VoteChoice } from "./tally";
import { formatNeutralDateTime } from "~/utils/clock";

/**
 * The voting engine. A ballot is keyed by (subject_type, subject_id), so any module can put
 * something to a vote (a proposed analysis, a set of minutes). Every opening, closing and
 * change of settings is audited in the same transaction; jobs close it and send reminders.
 */

const HOUR = 60 * 60 * 1000;
export const REMINDER_BEFORE_MS = 24 * HOUR;

export type Actor = { id: string; ipAddress?: string | null };

export type VoteRefusal = "not_found" | "not_open_yet" | "closed" | "not_eligible" | "recused" | "already_voted_secret" | "already_recused";

export type VoteOutcome = { ok: true } | { ok: false; reason: VoteRefusal };

export type BallotSettings = {
  mode: BallotMode;
  resultsVisibility: ResultsVisibility;
  closesAt: Date;
  quorumPercent: number;
  thresholdPercent: number;
};

export const closeJobKey = (ballotId: string) => `ballot:${ballotId}:close`;
export const remindJobKey = (ballotId: string) => `ballot:${ballotId}:remind`;

/** One close job and (if the window is long enough) one reminder job per ballot; re-adding replaces the run time. */
async function scheduleBallotJobs(tx: DbOrTx, ballot: Pick<Ballot, "id" | "closesAt">, now = new Date()) {
  await enqueueJob(tx, "close_ballot", { ballotId: ballot.id }, { jobKey: closeJobKey(ballot.id), runAt: ballot.closesAt });
  const remindAt = new Date(ballot.closesAt.getTime() - REMINDER_BEFORE_MS);
  if (remindAt > now) {
    await enqueueJob(tx, "remind_ballot", { ballotId: ballot.id }, { jobKey: remindJobKey(ballot.id), runAt: remindAt });
  }
}

export type OpenRefusal = "closes_in_past" | "already_exists" | "secret_not_official";

/**
 * Opens a ballot inside the caller's transaction: the eligible snapshot, the audit row, the
 * jobs and the "vote opened" notifications commit together with whatever the caller changed.
 * `official`: the ballot decides an official action (accepting an analysis, approving
 * minutes), so it must be a named roll call — the board is a public body and no official
 * action is taken by secret ballot. Secret mode is only for informal polls (official: false).
 */
export async function openBallot(
  tx: Transaction,
  input: BallotSettings & { official: boolean; subjectType: string; subjectId: string; title: string; url: string; eligibleUserIds: string[]; actor: Actor },
): Promise<{ ok: true; ballot: Ballot } | { ok: false; reason: OpenRefusal }> {
  const now = new Date();
  if (input.official && input.mode !== "named") return { ok: false, reason: "secret_not_official" };
  if (input.closesAt <= now) return { ok: false as const, reason: "closes_in_past" as const };
  // A live tally of a secret ballot would reveal each choice as it arrives.
  const resultsVisibility = input.mode === "secret" ? "after_close" : input.resultsVisibility;
  const [ballot] = await tx
    .insert(ballots)
    .values({
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      title: input.title,
      url: input.url,
      mode: input.mode,
      resultsVisibility,
      opensAt: now,
      closesAt: input.closesAt,
      quorumPercent: input.quorumPercent,
      thresholdPercent: input.thresholdPercent,
      openedById: input.actor.id,
    })
    .onConflictDoNothing({ target: [ballots.subjectType, ballots.subjectId] })
    .returning();
  if (!ballot) return { ok: false as const, reason: "already_exists" as const };
  const eligible = [...new Set(input.eligibleUserIds)];
  if (eligible.length) await tx.insert(ballotEligible).values(eligible.map((userId) => ({ ballotId: ballot.id, userId })));
  await recordAudit(tx, {
    actorId: input.actor.id,
    action: "ballot.opened",
    subjectType: "ballot",
    subjectId: ballot.id,
    ipAddress: input.actor.ipAddress,
    data: {
      subject: { type: input.subjectType, id: input.subjectId },
      mode: ballot.mode,
      resultsVisibility: ballot.resultsVisibility,
      closesAt: ballot.closesAt.toISOString(),
      quorumPercent: ballot.quorumPercent,
      thresholdPercent: ballot.thresholdPercent,
      eligible: eligible.length,
    },
  });
  await scheduleBallotJobs(tx, ballot, now);
  await notify(
    tx,
    {
      type: "vote_opened",
      key: `vote_opened:${ballot.id}`,
      url: ballot.url,
      params: { title: ballot.title, closesAt: formatNeutralDateTime(ballot.closesAt) },
    },
    eligible.map((userId) => ({ userId })),
  );
  return { ok: true as const, ballot };
}

export type SettingsChange = Partial<Pick<BallotSettings, "closesAt" | "resultsVisibility" | "quorumPercent" | "thresholdPercent">>;
export type SettingsRefusal = "not_found" | "closed" | "closes_in_past" | "settings_locked" | "secret_results_hidden" | "unchanged";

/**
 * Changes an open ballot's settings. The closing time and results visibility can change
 * until the close; quorum and threshold only before anyone has voted, so the rules cannot
 * be moved once the count has started.
 */
export async function updateBallotSettings(actor: Actor, ballotId: string, change: SettingsChange) {
  return db.transaction(async (tx) => {
    const now = new Date();
    const [ballot] = await tx.select().from(ballots).where(eq(ballots.id, ballotId)).for("update");
    if (!ballot) return { ok: false as const, reason: "not_found" as SettingsRefusal };
    if (ballot.status !== "open" || ballot.closesAt <= now) return { ok: false as const, reason: "closed" as SettingsRefusal };
    const before = {
      closesAt: ballot.closesAt.toISOString(),
      resultsVisibility: ballot.resultsVisibility,
      quorumPercent: ballot.quorumPercent,
      thresholdPercent: ballot.thresholdPercent,
    };
    const after = {
      closesAt: (change.closesAt ?? ballot.closesAt).toISOString(),
      resultsVisibility: change.resultsVisibility ?? ballot.resultsVisibility,
      quorumPercent: change.quorumPercent ?? ballot.quorumPercent,
      thresholdPercent: change.thresholdPercent ?? ballot.thresholdPercent,
    };
    const changed = (Object.keys(before) as (keyof typeof before)[]).filter((k) => before[k] !== after[k]);
    if (!changed.length) return { ok: false as const, reason: "unchanged" as SettingsRefusal };
    if (changed.includes("closesAt") && new Date(after.closesAt) <= now) return { ok: false as const, reason: "closes_in_past" as SettingsRefusal };
    if (ballot.mode === "secret" && after.resultsVisibility !== "after_close")
      return { ok: false as const, reason: "secret_results_hidden" as SettingsRefusal };
    if (changed.includes("quorumPercent") || changed.includes("thresholdPercent")) {
      const tally = await tallyBallot(ballot, tx);
      if (tally.participants > 0) return { ok: false as const, reason: "settings_locked" as SettingsRefusal };
    }
    const [updated] = await tx
      .update(ballots)
      .set({
        closesAt: new Date(after.closesAt),
        resultsVisibility: after.resultsVisibility,
        quorumPercent: after.quorumPercent,
        thresholdPercent: after.thresholdPercent,
      })
      .where(eq(ballots.id, ballotId))
      .returning();
    await recordAudit(tx, {
      actorId: actor.id,
      action: "ballot.settings_changed",
      subjectType: "ballot",
      subjectId: ballotId,
      ipAddress: actor.ipAddress,
      data: { subject: { type: ballot.subjectType, id: ballot.subjectId }, changed, before, after },
    });
    if (changed.includes("closesAt")) await scheduleBallotJobs(tx, updated!, now);
    return { ok: true as const, ballot: updated! };
  });
}

async function refusalFor(tx: DbOrTx, ballot: Ballot | undefined, userId: string, now: Date): Promise<VoteRefusal | null> {
  if (!ballot) return "not_found";
  if (ballot.status !== "open" || ballot.closesAt <= now) return "closed";
  if (ballot.opensAt > now) return "not_open_yet";
  const state = await getVoterState(ballot, userId, tx);
  if (!state.eligible) return "not_eligible";
  if (state.recusal) return "recused";
  if (ballot.mode === "secret" && state.participated) return "already_voted_secret";
  return null;
}

/**
 * Casts (or, in a named ballot, changes) a member's vote.
 * Both run under a shared lock on the ballot, so the close (which takes an exclusive lock)
 * counts either before or after a vote, never during.
 * Named: one upsert on UNIQUE(ballot_id, user_id).
 * Informal poll: participation first (ON CONFLICT DO NOTHING: a second attempt adds nothing),
 * then the choice sealed with the key from the environment, in the same transaction. A
 * reader of the database sees that the two rows belong together (same xmin), but the sealed
 * row reads the same whatever was chosen; the close opens and deletes them.
 */
export async function castVote(input: { ballotId: string; userId: string; choice: VoteChoice; reason?: string | null }): Promise<VoteOutcome> {
  return db.transaction(async (tx) => {
    const now = new Date();
    const [ballot] = await tx.select().from(ballots).where(eq(ballots.id, input.ballotId)).for("share");
    const refusal = await refusalFor(tx, ballot, input.userId, now);
    if (refusal) return { ok: false, reason: refusal };
    if (ballot!.mode === "named") {
      const reason = input.reason?.trim() || null;
      await tx
        .insert(ballotVotes)
        .values({ ballotId: input.ballotId, userId: input.userId, choice: input.choice, reason })
        .onConflictDoUpdate({
          target: [ballotVotes.ballotId, ballotVotes.userId],
          set: { choice: input.choice, reason, updatedAt: sql`now()` },
        });
      return { ok: true };
    }
    const [took] = await tx
      .insert(ballotParticipation)
      .values({ ballotId: input.ballotId, userId: input.userId })
      .onConflictDoNothing()
      .returning({ userId: ballotParticipation.userId });
    if (!took) return { ok: false, reason: "already_voted_secret" };
    await tx.insert(ballotSealedChoices).values({ ballotId: input.ballotId, sealed: sealChoice(input.ballotId, input.choice) });
    return { ok: true };
  });
}

/**
 * A member declares a conflict of interest and leaves the denominator. In a named ballot a
 * vote already cast is withdrawn; a secret vote cannot be found again, so recusing after a
 * secret vote is refused.
 */
export async function recuse(input: { ballotId: string; userId: string; conflict: string; ipAddress?: string | null }): Promise<VoteOutcome> {
  return db.transaction(async (tx) => {
    const now = new Date();
    const [ballot] = await tx.select().from(ballots).where(eq(ballots.id, input.ballotId)).for("update");
    const refusal = await refusalFor(tx, ballot, input.userId, now);
    if (refusal === "recused") return { ok: false, reason: "already_recused" };
    if (refusal) return { ok: false, reason: refusal };
    await tx.insert(ballotRecusals).values({ ballotId: input.ballotId, userId: input.userId, conflict: input.conflict.trim() });
    const withdrawn = await tx
      .delete(ballotVotes)
      .where(and(eq(ballotVotes.ballotId, input.ballotId), eq(ballotVotes.userId, input.userId)))
      .returning({ id: ballotVotes.id });
    await recordAudit(tx, {
      actorId: input.userId,
      action: "ballot.recused",
      subjectType: "ballot",
      subjectId: input.ballotId,
      ipAddress: input.ipAddress,
      data: { subject: { type: ballot!.subjectType, id: ballot!.subjectId }, conflict: input.conflict.trim(), withdrewVote: withdrawn.length > 0 },
    });
    return { ok: true };
  });
}

/**
 * Closes a ballot whose time has come (the close_ballot job calls this at closes_at; nobody
 * needs to visit). Counts from the rows under an exclusive lock, stores the outcome, audits
 * it and tells the members. Running it twice, or early, does nothing.
 */
export async function closeBallot(ballotId: string, now = new Date()) {
  let sealedRowsDeleted = false;
  const outcome = await db.transaction(async (tx) => {
    const [ballot] = await tx.select().from(ballots).where(eq(ballots.id, ballotId)).for("update");
    if (!ballot || ballot.status !== "open") return null;
    if (ballot.closesAt > now) {
      // Woken early (the closing time moved): sleep until the real time.
      await scheduleBallotJobs(tx, ballot, now);
      return null;
    }
    // An informal poll's choices are opened here, once: counted in a shuffled order, the
    // counts written and the sealed rows deleted in this transaction (votes wait on the lock).
    let opened: Record<VoteChoice, number> | null = null;
    if (ballot.mode === "secret") {
      const sealed = await tx.select({ sealed: ballotSealedChoices.sealed }).from(ballotSealedChoices).where(eq(ballotSealedChoices.ballotId, ballot.id));
      opened = { support: 0, oppose: 0, abstain: 0 };
      for (const row of shuffle(sealed)) opened[openChoice(ballot.id, row.sealed)]++;
    }
    const [closing] = await tx.update(ballots).set({ status: "closed", result: "no_quorum", closedAt: now }).where(eq(ballots.id, ballot.id)).returning();
    if (opened) {
      // A poll open when sealing began may already hold counts carried over from before (migration 0014).
      await tx
        .insert(ballotTallies)
        .values({ ballotId: ballot.id, ...opened })
        .onConflictDoUpdate({
          target: ballotTallies.ballotId,
          set: {
            support: sql`${ballotTallies.support} + excluded.support`,
            oppose: sql`${ballotTallies.oppose} + excluded.oppose`,
            abstain: sql`${ballotTallies.abstain} + excluded.abstain`,
          },
        });
      await tx.delete(ballotSealedChoices).where(eq(ballotSealedChoices.ballotId, ballot.id));
      sealedRowsDeleted = true;
    }
    const tally = await tallyBallot(closing!, tx);
    const [closed] = await tx.update(ballots).set({ result: tally.result }).where(eq(ballots.id, ballot.id)).returning();
    await recordAudit(tx, {
      actorId: null,
      action: "ballot.closed",
      subjectType: "ballot",
      subjectId: ballot.id,
      data: { subject: { type: ballot.subjectType, id: ballot.subjectId }, ...tally },
    });
    const recipients = new Set(await listEligible(ballot.id, tx));
    if (ballot.openedById) recipients.add(ballot.openedById);
    // The result is a word to translate: notify each language group with its own wording.
    const byLocale = new Map<string, string[]>();
    for (const [id, locale] of await localesOf([...recipients], tx)) byLocale.set(locale, [...(byLocale.get(locale) ?? []), id]);
    for (const [locale, ids] of byLocale) {
      const t = await getFixedT(locale, "analyses");
      await notify(
        tx,
        {
          type: "vote_closed",
          key: `vote_closed:${ballot.id}`,
          url: ballot.url,
          params: { title: ballot.title, result: t(`ballot.result.${tally.result}`) },
        },
        ids.map((userId) => ({ userId })),
      );
    }
    return { ballot: closed!, tally };
  });
  // The deleted sealed rows stay on their pages as dead tuples until a vacuum: remove them
  // now (outside the transaction, as VACUUM requires), so no old row version outlives the close.
  if (sealedRowsDeleted) await vacuumSealedChoices();
  return outcome;
}

export async function vacuumSealedChoices() {
  try {
    await db.execute(sql`vacuum ballot_sealed_choices`);
  } catch (error) {
    // The close itself has committed; autovacuum will get there.
    console.warn("vacuum ballot_sealed_choices failed", error);
  }
}

/**
 * A roll call taken at a meeting (e.g. approving minutes): a named ballot opened and closed
 * at once, inside the caller's transaction, with each present member's answer recorded. The
 * caller decides who could vote (members present) and whether the meeting had its quorum;
 * the motion carries when support is more than `thresholdPercent` of support + oppose.
 */
export async function recordRollCall(
  tx: Transaction,
  input: {
    subjectType: string;
    subjectId: string;
    title: string;
    url: string;
    eligibleUserIds: string[];
    votes: { userId: string; choice: VoteChoice }[];
    /** Members who stepped aside (eligible, no vote), with the conflict they declared. */
    recusals?: { userId: string; conflict: string }[];
    quorumMet: boolean;
    quorumPercent: number;
    thresholdPercent?: number;
    actor: Actor;
  },
) {
  const now = new Date();
  const thresholdPercent = input.thresholdPercent ?? 50;
  const [ballot] = await tx
    .insert(ballots)
    .values({
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      title: input.title,
      url: input.url,
      mode: "named",
      resultsVisibility: "after_close",
      opensAt: new Date(now.getTime() - 1000),
      closesAt: now,
      quorumPercent: input.quorumPercent,
      thresholdPercent,
      openedById: input.actor.id,
    })
    .returning();
  const eligible = [...new Set(input.eligibleUserIds)];
  if (eligible.length) await tx.insert(ballotEligible).values(eligible.map((userId) => ({ ballotId: ballot!.id, userId })));
  if (input.votes.length) await tx.insert(ballotVotes).values(input.votes.map((v) => ({ ballotId: ballot!.id, userId: v.userId, choice: v.choice })));
  if (input.recusals?.length)
    await tx.insert(ballotRecusals).values(input.recusals.map((r) => ({ ballotId: ballot!.id, userId: r.userId, conflict: r.conflict })));
  const counts = { support: 0, oppose: 0, abstain: 0 };
  for (const v of input.votes) counts[v.choice]++;
  const decisive = counts.support + counts.oppose;
  const result: BallotResult = !input.quorumMet ? "no_quorum" : decisive > 0 && counts.support * 100 > thresholdPercent * decisive ? "passed" : "failed";
  const [closed] = await tx.update(ballots).set({ status: "closed", result, closedAt: now }).where(eq(ballots.id, ballot!.id)).returning();
  await recordAudit(tx, {
    actorId: input.actor.id,
    action: "ballot.roll_call",
    subjectType: "ballot",
    subjectId: ballot!.id,
    ipAddress: input.actor.ipAddress,
    data: { subject: { type: input.subjectType, id: input.subjectId }, eligible: eligible.length, ...counts, result },
  });
  return { ballot: closed!, counts, result };
}

/** 24 hours before the close: remind the members who have neither voted nor recused. */
export async function remindBallot(ballotId: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const [ballot] = await tx.select().from(ballots).where(eq(ballots.id, ballotId)).for("share");
    if (!ballot || ballot.status !== "open" || ballot.closesAt <= now) return 0;
    if (ballot.closesAt.getTime() - now.getTime() > REMINDER_BEFORE_MS + 60_000) {
      await scheduleBallotJobs(tx, ballot, now);
      return 0;
    }
    const pending = await listNonVoters(ballot, tx);
    await notify(
      tx,
      {
        type: "vote_closing",
        key: `vote_closing:${ballot.id}`,
        url: ballot.url,
        params: { title: ballot.title, closesAt: formatNeutralDateTime(ballot.closesAt) },
      },
      pending.map((userId) => ({ userId })),
    );
    return pending.length;
  });
}
