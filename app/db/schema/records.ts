import { date, index, pgTable, serial, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";

/**
 * Public records requests (Sunshine Law, RSMo 610.023): who asked (private: staff only), what,
 * when it was received, the period it covers, its due date (business days after receipt, as
 * computed when logged) and when it was answered.
 */
export const recordsRequests = pgTable(
  "records_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** A short reference for people ("RR-12"). */
    number: serial("number").notNull().unique(),
    /** Private: never on a public page. */
    requesterName: text("requester_name").notNull(),
    /** Private: never on a public page (email, phone or postal address as given). */
    requesterContact: text("requester_contact").notNull(),
    description: text("description").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull(),
    periodFrom: date("period_from", { mode: "string" }).notNull(),
    periodTo: date("period_to", { mode: "string" }).notNull(),
    dueOn: date("due_on", { mode: "string" }).notNull(),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    answeredById: text("answered_by_id").references(() => users.id, { onDelete: "set null" }),
    answerNote: text("answer_note"),
    createdById: text("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("records_requests_received_idx").on(t.receivedAt)],
);
