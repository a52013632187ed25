import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import { users } from "./auth";

/** visible; hidden_pending = auto-hidden after 3 reports, awaiting staff; hidden = moderated; deleted by its author. */
export const commentStatusEnum = pgEnum("comment_status", ["visible", "hidden_pending", "hidden", "deleted"]);

/** Comments on any commentable thing, named by (subjectType, subjectId): "brief", "consultation", "analysis", … */
export const comments = pgTable(
  "comments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id").notNull(),
    parentId: uuid("parent_id").references((): AnyPgColumn => comments.id, { onDelete: "cascade" }),
    /** The top-level comment of the thread (itself for a top-level comment): pages load whole threads by it. */
    rootId: uuid("root_id"),
    depth: integer("depth").notNull().default(0),
    authorId: text("author_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Whether the author was office staff when writing: the "Office" badge. */
    authorIsStaff: boolean("author_is_staff").notNull().default(false),
    bodyJson: jsonb("body_json").notNull(),
    bodyHtml: text("body_html").notNull(),
    bodyText: text("body_text").notNull(),
    status: commentStatusEnum("status").notNull().default("visible"),
    moderationReason: text("moderation_reason"),
    moderatedById: text("moderated_by_id").references(() => users.id, { onDelete: "set null" }),
    openReports: integer("open_reports").notNull().default(0),
    editCount: integer("edit_count").notNull().default(0),
    editedAt: timestamp("edited_at", { withTimezone: true }),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Top-level threads of a subject, in order: the paging query.
    index("comments_subject_top_idx")
      .on(t.subjectType, t.subjectId, t.createdAt)
      .where(sql`${t.parentId} is null`),
    index("comments_root_idx").on(t.rootId, t.createdAt),
    index("comments_pending_idx")
      .on(t.status)
      .where(sql`${t.status} = 'hidden_pending'`),
  ],
);

/** Earlier versions of an edited comment, visible to everyone who can see the comment. */
export const commentEdits = pgTable(
  "comment_edits",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    commentId: uuid("comment_id")
      .notNull()
      .references(() => comments.id, { onDelete: "cascade" }),
    bodyHtml: text("body_html").notNull(),
    bodyJson: jsonb("body_json").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("comment_edits_comment_idx").on(t.commentId, t.createdAt)],
);

/** One report per person per comment; resolved when staff review it. */
export const commentReports = pgTable(
  "comment_reports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    commentId: uuid("comment_id")
      .notNull()
      .references(() => comments.id, { onDelete: "cascade" }),
    reporterId: text("reporter_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    reason: text("reason").notNull(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("comment_reports_unique").on(t.commentId, t.reporterId)],
);
