import { sql } from "drizzle-orm";
import { check, customType, foreignKey, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";

// ──────────────────────── Voting engine (any subject) ────────────────────────
// Ballots are keyed by (subject_type, subject_id) so other modules (e.g. minutes approval)
// can use the same engine. Official votes are named roll calls (mode "named"): each member's
// choice is in ballot_votes, and the tally is counted from those rows. "secret" is only ever
// an informal poll, which no official action can rest on; its counts exist once, at the close.

export const ballotModeEnum = pgEnum("ballot_mode", ["named", "secret"]);
export const ballotStatusEnum = pgEnum("ballot_status", ["open", "closed"]);
export const ballotResultEnum = pgEnum("ballot_result", ["passed", "failed", "no_quorum"]);
export const ballotResultsVisibilityEnum = pgEnum("ballot_results_visibility", ["after_close", "live"]);
export const voteChoiceEnum = pgEnum("vote_choice", ["support", "oppose", "abstain"]);

export const ballots = pgTable(
  "ballots",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id").notNull(),
    /** What was put to the vote, as worded when it opened (used in notifications). */
    title: text("title").notNull(),
    /** Portal path of the subject, for notifications. */
    url: text("url").notNull(),
    mode: ballotModeEnum("mode").notNull().default("named"),
    resultsVisibility: ballotResultsVisibilityEnum("results_visibility").notNull().default("after_close"),
    opensAt: timestamp("opens_at", { withTimezone: true }).notNull().defaultNow(),
    closesAt: timestamp("closes_at", { withTimezone: true }).notNull(),
    /** Share (percent) of eligible, non-recused members who must take part. */
    quorumPercent: integer("quorum_percent").notNull(),
    /** Passes when support is MORE than this percent of support + oppose (abstentions count only for quorum). */
    thresholdPercent: integer("threshold_percent").notNull(),
    status: ballotStatusEnum("status").notNull().default("open"),
    result: ballotResultEnum("result"),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    openedById: text("opened_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One ballot per subject: one vote per member per analysis follows from the vote constraint below.
    uniqueIndex("ballots_subject_unique").on(t.subjectType, t.subjectId),
    index("ballots_status_closes_idx").on(t.status, t.closesAt),
    check("ballots_quorum_range", sql`${t.quorumPercent} between 0 and 100`),
    check("ballots_threshold_range", sql`${t.thresholdPercent} between 0 and 99`),
    check("ballots_window", sql`${t.closesAt} > ${t.opensAt}`),
    check("ballots_closed_has_result", sql`(${t.status} = 'closed') = (${t.result} is not null and ${t.closedAt} is not null)`),
    // A live tally of a secret ballot would reveal each choice as it arrives.
    check("ballots_secret_hides_results", sql`${t.mode} <> 'secret' or ${t.resultsVisibility} = 'after_close'`),
  ],
);

/** Who may vote: a snapshot of the members when the ballot opened. */
export const ballotEligible = pgTable(
  "ballot_eligible",
  {
    ballotId: uuid("ballot_id")
      .notNull()
      .references(() => ballots.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ name: "ballot_eligible_pk", columns: [t.ballotId, t.userId] })],
);

/** Named ballots: the public record of who chose what. Changeable until the close (an upsert). */
export const ballotVotes = pgTable(
  "ballot_votes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ballotId: uuid("ballot_id").notNull(),
    userId: text("user_id").notNull(),
    choice: voteChoiceEnum("choice").notNull(),
    reason: text("reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("ballot_votes_one_per_member").on(t.ballotId, t.userId),
    // Only someone on the eligible snapshot can have a vote row at all.
    foreignKey({
      name: "ballot_votes_eligible_fk",
      columns: [t.ballotId, t.userId],
      foreignColumns: [ballotEligible.ballotId, ballotEligible.userId],
    }).onDelete("cascade"),
  ],
);

/** Informal (secret) polls, part 1: who took part (never what they chose). */
export const ballotParticipation = pgTable(
  "ballot_participation",
  {
    ballotId: uuid("ballot_id").notNull(),
    userId: text("user_id").notNull(),
  },
  (t) => [
    unique("ballot_participation_one_per_member").on(t.ballotId, t.userId),
    foreignKey({
      name: "ballot_participation_eligible_fk",
      columns: [t.ballotId, t.userId],
      foreignColumns: [ballotEligible.ballotId, ballotEligible.userId],
    }).onDelete("cascade"),
  ],
);

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/**
 * Informal (secret) polls, part 2: each choice sealed at cast time — AES-256-GCM with a key
 * kept outside the database (BALLOT_SEAL_KEY; voting/seal.server.ts), a random IV, the
 * ballot id as associated data. No user, no timestamp, no sequence: a random id. A reader of
 * the database can link a row to its voter's transaction (xmin, physical order) while the
 * poll is open, but the row says nothing without the key. At the close the rows are opened,
 * counted into ballot_tallies and deleted in one transaction (then the table is vacuumed).
 */
export const ballotSealedChoices = pgTable(
  "ballot_sealed_choices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ballotId: uuid("ballot_id")
      .notNull()
      .references(() => ballots.id, { onDelete: "cascade" }),
    /** iv (12 bytes) ‖ tag (16) ‖ ciphertext (16): the same length whatever the choice. */
    sealed: bytea("sealed").notNull(),
  },
  (t) => [index("ballot_sealed_choices_ballot_idx").on(t.ballotId)],
);

/** Informal polls, part 3: the counts, written once at the close (there is no live tally). */
export const ballotTallies = pgTable(
  "ballot_tallies",
  {
    ballotId: uuid("ballot_id")
      .primaryKey()
      .references(() => ballots.id, { onDelete: "cascade" }),
    support: integer("support").notNull(),
    oppose: integer("oppose").notNull(),
    abstain: integer("abstain").notNull(),
  },
  (t) => [check("ballot_tallies_counts", sql`${t.support} >= 0 and ${t.oppose} >= 0 and ${t.abstain} >= 0`)],
);

/** A member who declares a conflict of interest leaves the ballot's denominator. */
export const ballotRecusals = pgTable(
  "ballot_recusals",
  {
    ballotId: uuid("ballot_id").notNull(),
    userId: text("user_id").notNull(),
    conflict: text("conflict").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("ballot_recusals_one_per_member").on(t.ballotId, t.userId),
    foreignKey({
      name: "ballot_recusals_eligible_fk",
      columns: [t.ballotId, t.userId],
      foreignColumns: [ballotEligible.ballotId, ballotEligible.userId],
    }).onDelete("cascade"),
  ],
);
