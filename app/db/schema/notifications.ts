import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
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
    /** "daily" / "weekly" when the email waits for a digest; null when sent at once or not at all. */
    digest: text("digest"),
    digestedAt: timestamp("digested_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("notifications_user_event_unique").on(t.userId, t.eventKey),
    index("notifications_user_unread_idx").on(t.userId, t.readAt),
    index("notifications_digest_pending_idx")
      .on(t.digest, t.createdAt)
      .where(sql`${t.digest} is not null and ${t.digestedAt} is null`),
  ],
);

/** How a person wants each notification type by email; no row means "immediately". */
export const deliveryEnum = pgEnum("notification_delivery", ["immediately", "daily", "weekly", "off"]);

export const notificationPreferences = pgTable(
  "notification_preferences",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    delivery: deliveryEnum("delivery").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.type] })],
);

/**
 * Unsubscribes of people without an account (a resident who left an email with a concern).
 * `email` is stored lower-cased; `type` is a notification type.
 */
export const emailUnsubscribes = pgTable(
  "email_unsubscribes",
  {
    email: text("email").notNull(),
    type: text("type").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.email, t.type] })],
);

/** Secrets generated once and shared by every instance (dev default for the unsubscribe HMAC key). */
export const notificationSecrets = pgTable("notification_secrets", {
  name: text("name").primaryKey(),
  value: text("value").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
