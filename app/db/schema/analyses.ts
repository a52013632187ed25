import { sql } from "drizzle-orm";
import { bigserial, check, foreignKey, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";

// ───────────────────────────── Proposed analyses ─────────────────────────────

/** Where a proposal stands. "Voting" and "awaiting decision" are read from its ballot, not stored twice. */
export const analysisStatusEnum = pgEnum("analysis_status", ["proposed", "accepted", "planned", "in_progress", "completed", "declined"]);
export const analysisProposerRoleEnum = pgEnum("analysis_proposer_role", ["member", "staff"]);
export const analysisLinkTypeEnum = pgEnum("analysis_link_type", ["concern", "brief", "comment"]);

export const analyses = pgTable(
  "analyses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    question: text("question").notNull(),
    whyItMatters: text("why_it_matters").notNull(),
    dataNeeded: text("data_needed").notNull(),
    proposerId: text("proposer_id").references(() => users.id, { onDelete: "set null" }),
    /** What the proposer was when proposing (a CAB member or CSU staff), kept even if their role changes. */
    proposerRole: analysisProposerRoleEnum("proposer_role").notNull(),
    status: analysisStatusEnum("status").notNull().default("proposed"),
    /** The latest decision note (why accepted / declined, or a progress note). History is in analysis_progress. */
    decisionNote: text("decision_note"),
    /** The brief that answers the question, by slug (the briefs module lives elsewhere): /briefs/<slug>. */
    resultBriefSlug: text("result_brief_slug"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("analyses_status_idx").on(t.status, t.updatedAt),
    index("analyses_created_idx").on(t.createdAt),
    check("analyses_completed_has_brief", sql`${t.status} <> 'completed' or ${t.resultBriefSlug} is not null`),
    check("analyses_declined_has_reason", sql`${t.status} <> 'declined' or ${t.decisionNote} is not null`),
  ],
);

/**
 * What prompted a proposal: a concern, a brief or a comment. Those modules are built
 * elsewhere, so a link is a typed reference (type + id) plus the portal path it came from.
 */
export const analysisLinks = pgTable(
  "analysis_links",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    analysisId: uuid("analysis_id")
      .notNull()
      .references(() => analyses.id, { onDelete: "cascade" }),
    subjectType: analysisLinkTypeEnum("subject_type").notNull(),
    subjectId: text("subject_id").notNull(),
    url: text("url").notNull(),
    label: text("label"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("analysis_links_unique").on(t.analysisId, t.subjectType, t.subjectId)],
);

/** Every step a proposal went through: proposed, accepted, planned, in progress, completed or declined. */
export const analysisProgress = pgTable(
  "analysis_progress",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    analysisId: uuid("analysis_id")
      .notNull()
      .references(() => analyses.id, { onDelete: "cascade" }),
    status: analysisStatusEnum("status").notNull(),
    note: text("note"),
    briefSlug: text("brief_slug"),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("analysis_progress_analysis_idx").on(t.analysisId, t.createdAt)],
);

// ──────────────────────── Voting engine (any subject) ────────────────────────
// Ballots are keyed by (subject_type, subject_id) so other modules (e.g. minutes approval)
// can use the same engine. Tallies are always counted from the rows below; nothing here
// keeps a running counter.

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

/** Secret ballots, part 1: who took part (never what they chose). */
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

/**
 * Secret ballots, part 2: the choices, with nothing that could lead back to a voter —
 * no user column, no id, no timestamp, no sequence. Every secret vote rewrites the
 * ballot's rows in random order (see voting/service.server.ts) so that neither the
 * physical order nor the inserting transaction (xmin) matches a participation row.
 */
export const ballotSecretChoices = pgTable(
  "ballot_secret_choices",
  {
    ballotId: uuid("ballot_id")
      .notNull()
      .references(() => ballots.id, { onDelete: "cascade" }),
    choice: voteChoiceEnum("choice").notNull(),
  },
  (t) => [index("ballot_secret_choices_ballot_idx").on(t.ballotId)],
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
