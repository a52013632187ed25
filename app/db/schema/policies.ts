import { date, index, integer, jsonb, pgEnum, pgSequence, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { concerns } from "./concerns";

export const policyKindEnum = pgEnum("policy_kind", ["documented_concern", "connection_to_violence"]);
export const citationDecisionEnum = pgEnum("citation_decision", ["filed", "declined"]);

export type ChecklistItem = { id: string; label: string };

/**
 * Charging policies as dated versions. A version is in force on day D when
 * effective_from <= D and (effective_to is null or D < effective_to); at most one per kind.
 */
export const policyVersions = pgTable(
  "policy_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: policyKindEnum("kind").notNull(),
    version: integer("version").notNull(),
    name: text("name").notNull(),
    text: text("text").notNull(),
    effectiveFrom: date("effective_from", { mode: "string" }).notNull(),
    effectiveTo: date("effective_to", { mode: "string" }),
    checklist: jsonb("checklist").$type<ChecklistItem[]>().notNull().default([]),
    createdById: text("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("policy_versions_kind_version_unique").on(t.kind, t.version), index("policy_versions_dates_idx").on(t.kind, t.effectiveFrom)],
);

export const concernCitationNumberSeq = pgSequence("concern_citation_number_seq", { startWith: 1 });

/** A concern documented against the policy version in force on its observed date. */
export const concernDocumentations = pgTable("concern_documentations", {
  id: uuid("id").primaryKey().defaultRandom(),
  concernId: uuid("concern_id")
    .notNull()
    .unique()
    .references(() => concerns.id, { onDelete: "cascade" }),
  policyVersionId: uuid("policy_version_id")
    .notNull()
    .references(() => policyVersions.id),
  checklistAnswers: jsonb("checklist_answers").$type<Record<string, boolean>>().notNull().default({}),
  /** What prosecutors cite: "DC-2026-00042". */
  citationNumber: text("citation_number").notNull().unique(),
  documentedById: text("documented_by_id").references(() => users.id, { onDelete: "set null" }),
  documentedAt: timestamp("documented_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A charging decision that cites (or declines on) the policy; feeds the dashboard. */
export const citations = pgTable(
  "citations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseRef: text("case_ref").notNull(),
    decision: citationDecisionEnum("decision").notNull(),
    policyVersionId: uuid("policy_version_id")
      .notNull()
      .references(() => policyVersions.id),
    offenseCategory: text("offense_category").notNull().default("drug"),
    decidedOn: date("decided_on", { mode: "string" }).notNull(),
    note: text("note"),
    recordedById: text("recorded_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("citations_decided_idx").on(t.decidedOn)],
);

export const citationConcerns = pgTable(
  "citation_concerns",
  {
    citationId: uuid("citation_id")
      .notNull()
      .references(() => citations.id, { onDelete: "cascade" }),
    documentationId: uuid("documentation_id")
      .notNull()
      .references(() => concernDocumentations.id),
  },
  (t) => [primaryKey({ columns: [t.citationId, t.documentationId] })],
);
