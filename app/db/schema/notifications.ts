import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";

export const emailStatusEnum = pgEnum("email_status", ["queued", "sent", "retrying", "failed", "captured"]);

/**
 * Every email the portal sends. With no RESEND_API_KEY the row is the delivery ("captured"),
 * readable by admins at /admin/outbox and by tests.
 */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    idempotencyKey: text("idempotency_key").notNull().unique(),
    template: text("template").notNull(),
    toAddress: text("to_address").notNull(),
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
    locale: text("locale").notNull().default("en"),
    subject: text("subject").notNull(),
    html: text("html").notNull(),
    text: text("text").notNull(),
    headers: jsonb("headers").$type<Record<string, string>>().notNull().default({}),
    attachments: jsonb("attachments").$type<{ filename: string; content: string; contentType?: string }[]>().notNull().default([]),
    status: emailStatusEnum("status").notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    providerId: text("provider_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [index("email_outbox_status_idx").on(t.status, t.createdAt), index("email_outbox_to_idx").on(t.toAddress)],
);

/** In-app notifications: one row per (recipient, event); the inbox in the header reads these. */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    eventKey: text("event_key").notNull(),
    url: text("url").notNull(),
    params: jsonb("params").$type<Record<string, string | number>>().notNull().default({}),
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("notifications_user_event_unique").on(t.userId, t.eventKey), index("notifications_user_unread_idx").on(t.userId, t.readAt)],
);
