import { date, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";

/** draft (staff only) → cab_review (CAB members only, maybe until publishAt) → public. */
export const briefStatusEnum = pgEnum("brief_status", ["draft", "cab_review", "public"]);

export const briefs = pgTable(
  "briefs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    topics: text("topics").array().notNull().default([]),
    periodStart: date("period_start"),
    periodEnd: date("period_end"),
    /** ProseMirror JSON as validated on the server; bodyHtml is its sanitized rendering, made once at save. */
    bodyJson: jsonb("body_json").notNull(),
    bodyHtml: text("body_html").notNull(),
    bodyText: text("body_text").notNull(),
    status: briefStatusEnum("status").notNull().default("draft"),
    /** When set and not yet public: the time a job makes it public (embargo end or scheduled publication). */
    publishAt: timestamp("publish_at", { withTimezone: true }),
    sentToCabAt: timestamp("sent_to_cab_at", { withTimezone: true }),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    revisionCount: integer("revision_count").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("briefs_slug_unique").on(t.slug), index("briefs_status_published_idx").on(t.status, t.publishedAt)],
);

/** Every save of a brief, in order; `reason` is required for edits after publication (the public change log). */
export const briefRevisions = pgTable(
  "brief_revisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    briefId: uuid("brief_id")
      .notNull()
      .references(() => briefs.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    bodyJson: jsonb("body_json").notNull(),
    bodyText: text("body_text").notNull(),
    statusAtSave: briefStatusEnum("status_at_save").notNull(),
    reason: text("reason"),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("brief_revisions_number_unique").on(t.briefId, t.number)],
);

/** Per CAB member: when the brief was delivered to them (notified) and first opened. */
export const briefReceipts = pgTable(
  "brief_receipts",
  {
    briefId: uuid("brief_id")
      .notNull()
      .references(() => briefs.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    openedAt: timestamp("opened_at", { withTimezone: true }),
    lastNudgedAt: timestamp("last_nudged_at", { withTimezone: true }),
    nudgeCount: integer("nudge_count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.briefId, t.userId] })],
);
