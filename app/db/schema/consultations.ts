import { jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";

/** An office notice open for public comment between opensAt and closesAt; then read-only with a summary. */
export const consultations = pgTable(
  "consultations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    noticeJson: jsonb("notice_json").notNull(),
    noticeHtml: text("notice_html").notNull(),
    noticeText: text("notice_text").notNull(),
    partners: text("partners").array().notNull().default([]),
    opensAt: timestamp("opens_at", { withTimezone: true }).notNull(),
    closesAt: timestamp("closes_at", { withTimezone: true }).notNull(),
    summaryJson: jsonb("summary_json"),
    summaryHtml: text("summary_html"),
    summaryText: text("summary_text"),
    createdById: text("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("consultations_slug_unique").on(t.slug)],
);
