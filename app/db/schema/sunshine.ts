import { sql } from "drizzle-orm";
import { boolean, check, date, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./auth";

// ──────────────────────── Open-meetings rules (Sunshine Law) ────────────────────────
// Configuration with Missouri defaults (RSMo chapter 610), kept by admins so an office elsewhere
// can set its own: notice hours and what counts toward them, the records clock, the county's
// holiday calendar and the list of reasons a meeting may be closed.

/** One row (id = 1): the rules in force. */
export const sunshineSettings = pgTable(
  "sunshine_settings",
  {
    id: integer("id").primaryKey().default(1),
    /** Notice must be posted at least this many hours before a meeting. */
    noticeHours: integer("notice_hours").notNull().default(24),
    /** Whether Saturdays and Sundays count toward the notice hours (Missouri: no). */
    weekendsCount: boolean("weekends_count").notNull().default(false),
    /** Whether the county's holidays count toward the notice hours (Missouri: no). */
    holidaysCount: boolean("holidays_count").notNull().default(false),
    /** A records request is answered within this many business days (Missouri: 3). */
    recordsBusinessDays: integer("records_business_days").notNull().default(3),
    updatedById: text("updated_by_id").references(() => users.id, { onDelete: "set null" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("sunshine_settings_single_row", sql`${t.id} = 1`),
    check("sunshine_settings_notice_hours", sql`${t.noticeHours} between 0 and 720`),
    check("sunshine_settings_records_days", sql`${t.recordsBusinessDays} between 1 and 60`),
  ],
);

/** The county's holidays (days the offices are closed): an admin-managed calendar. */
export const sunshineHolidays = pgTable(
  "sunshine_holidays",
  {
    day: date("day").primaryKey(),
    nameEn: text("name_en").notNull(),
    nameEs: text("name_es").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("sunshine_holidays_names", sql`length(btrim(${t.nameEn})) > 0 and length(btrim(${t.nameEs})) > 0`)],
);

/** The reasons a meeting may be closed (RSMo 610.021 subsections by default), each cited and explained. */
export const sunshineExceptions = pgTable(
  "sunshine_exceptions",
  {
    /** A short stable code, e.g. "610.021(1)"; meetings keep it. */
    code: text("code").primaryKey(),
    citation: text("citation").notNull(),
    titleEn: text("title_en").notNull(),
    titleEs: text("title_es").notNull(),
    descriptionEn: text("description_en").notNull(),
    descriptionEs: text("description_es").notNull(),
    /** Retired exceptions stay (old meetings cite them) but cannot be chosen for a new closed session. */
    active: boolean("active").notNull().default(true),
    position: integer("position").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("sunshine_exceptions_code", sql`${t.code} ~ '^[A-Za-z0-9.()_-]{1,40}$'`)],
);
