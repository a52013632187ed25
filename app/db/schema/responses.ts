import { index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { concernKinds, concerns } from "./concerns";
import { metricSnapshots } from "./metrics";
import { policyVersions } from "./policies";

export const responseStatusEnum = pgEnum("response_status", ["draft", "published"]);
/** What else a response answers: a CAB analysis or a CAB comment (typed reference to another module). */
export const responseRefTypeEnum = pgEnum("response_ref_type", ["analysis", "comment"]);
/** How a concern came to be linked: named by staff, or one of the ZIP-and-kind cluster at publication. */
export const responseConcernViaEnum = pgEnum("response_concern_via", ["direct", "cluster"]);

/** The office's public answer to concerns, a cluster of them, or a CAB comment or analysis. */
export const responses = pgTable(
  "responses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    /** ProseMirror JSON checked on the server; bodyHtml is its sanitized rendering, made once at save. */
    bodyJson: jsonb("body_json").notNull(),
    bodyHtml: text("body_html").notNull(),
    bodyText: text("body_text").notNull(),
    /** The charging policy version the response cites, and in plain words how its criterion applies. */
    policyVersionId: uuid("policy_version_id").references(() => policyVersions.id),
    criterionStatement: text("criterion_statement").notNull().default(""),
    /** A ZIP-and-kind cluster of concerns (both or neither). */
    clusterZip: text("cluster_zip"),
    clusterKindId: integer("cluster_kind_id").references(() => concernKinds.id),
    refType: responseRefTypeEnum("ref_type"),
    refId: text("ref_id"),
    /** Path of the referenced thing ("/analyses/<id>", "/briefs/<slug>#comment-<id>"). */
    refUrl: text("ref_url"),
    status: responseStatusEnum("status").notNull().default("draft"),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("responses_slug_unique").on(t.slug), index("responses_status_published_idx").on(t.status, t.publishedAt)],
);

export const responseConcerns = pgTable(
  "response_concerns",
  {
    responseId: uuid("response_id")
      .notNull()
      .references(() => responses.id, { onDelete: "cascade" }),
    concernId: uuid("concern_id")
      .notNull()
      .references(() => concerns.id, { onDelete: "cascade" }),
    via: responseConcernViaEnum("via").notNull().default("direct"),
    /** Set when the concern's reporters and followers were told (once per response and concern). */
    notifiedAt: timestamp("notified_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.responseId, t.concernId] }), index("response_concerns_concern_idx").on(t.concernId)],
);

/** Metric snapshots embedded in a response, in order. */
export const responseSnapshots = pgTable(
  "response_snapshots",
  {
    responseId: uuid("response_id")
      .notNull()
      .references(() => responses.id, { onDelete: "cascade" }),
    snapshotId: uuid("snapshot_id")
      .notNull()
      .references(() => metricSnapshots.id),
    position: integer("position").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.responseId, t.snapshotId] })],
);

/** A signed-in person following a concern (they hear when the office publishes a response to it). */
export const concernFollows = pgTable(
  "concern_follows",
  {
    concernId: uuid("concern_id")
      .notNull()
      .references(() => concerns.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("concern_follows_unique").on(t.concernId, t.userId), index("concern_follows_user_idx").on(t.userId)],
);
