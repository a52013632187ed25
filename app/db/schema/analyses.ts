import { sql } from "drizzle-orm";
import { bigserial, check, index, pgEnum, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
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
