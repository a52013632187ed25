import { sql } from "drizzle-orm";
import { boolean, doublePrecision, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import { users } from "./auth";

// Relative (drizzle-kit reads this file without the app's path aliases).
import { CONCERN_STATUSES } from "../../modules/concerns/statuses";
import type { PublicLocation } from "../../modules/concerns/block";

export { CONCERN_STATUSES };
export const concernStatusEnum = pgEnum("concern_status", CONCERN_STATUSES);
export const concernSourceEnum = pgEnum("concern_source", ["web", "open311", "seed"]);

/** What residents can report; managed by staff. `code` is the Open311 service_code. */
export const concernKinds = pgTable("concern_kinds", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  code: text("code").notNull().unique(),
  nameEn: text("name_en").notNull(),
  nameEs: text("name_es").notNull(),
  descriptionEn: text("description_en").notNull().default(""),
  descriptionEs: text("description_es").notNull().default(""),
  active: boolean("active").notNull().default(true),
  sortOrder: integer("sort_order").notNull().default(0),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** ZIP codes the county serves: district and population (for per-1,000-residents rates). */
export const zipAreas = pgTable("zip_areas", {
  zip: text("zip").primaryKey(),
  district: text("district").notNull(),
  population: integer("population").notNull(),
});

/**
 * A resident's concern. PRIVATE columns: address, latitude, longitude, reporter*.
 * Public pages and the API read only the projection in modules/concerns/public.server.ts.
 */
export const concerns = pgTable(
  "concerns",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Public reference (Open311 service_request_id). */
    number: integer("number").notNull().unique().generatedAlwaysAsIdentity({ startWith: 1001 }),
    /** The resident's unguessable key to the tracking page. */
    trackingCode: text("tracking_code").notNull().unique(),
    kindId: integer("kind_id")
      .notNull()
      .references(() => concernKinds.id),
    description: text("description").notNull(),
    observedAt: timestamp("observed_at", { withTimezone: true }).notNull(),
    // --- private ---
    address: text("address").notNull(),
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
    reporterName: text("reporter_name"),
    reporterEmail: text("reporter_email"),
    reporterPhone: text("reporter_phone"),
    consentToContact: boolean("consent_to_contact").notNull().default(false),
    // --- public ---
    reporterLocale: text("reporter_locale").notNull().default("en"),
    zip: text("zip").notNull(),
    /**
     * What the public may see of the location, parsed at save (modules/concerns/block.ts): a hundred
     * block, an intersection of recognised streets, or the ZIP only. Null: not computed yet (rows
     * from before it existed), shown as the ZIP only until backfillPublicLocations() runs.
     */
    publicLocation: jsonb("public_location").$type<PublicLocation>(),
    /** The same in English ("1200 block of E 35th St"), for staff lists and Open311; null for the ZIP only. */
    publicBlock: text("public_block"),
    /** Lowercased block for matching "same block" reports. */
    blockKey: text("block_key"),
    district: text("district"),
    status: concernStatusEnum("status").notNull().default("received"),
    hidden: boolean("hidden").notNull().default(false),
    hiddenReason: text("hidden_reason"),
    duplicateOfId: uuid("duplicate_of_id").references((): AnyPgColumn => concerns.id),
    source: concernSourceEnum("source").notNull().default("web"),
    apiKeyId: uuid("api_key_id").references(() => open311ApiKeys.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
  },
  (t) => [
    index("concerns_status_idx").on(t.status, t.createdAt),
    index("concerns_block_idx").on(t.kindId, t.zip, t.blockKey),
    index("concerns_observed_idx").on(t.observedAt),
    // Open311 lists requests by submission date, newest first.
    index("concerns_created_idx").on(t.createdAt),
    // The start-up backfill looks for rows without a public location: without this it reads them all.
    index("concerns_public_location_pending_idx")
      .on(t.id)
      .where(sql`${t.publicLocation} is null`),
  ],
);

/** Another resident saying "I see this too" (or a duplicate merged in). Count = corroborations. */
export const concernCorroborations = pgTable(
  "concern_corroborations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    concernId: uuid("concern_id")
      .notNull()
      .references(() => concerns.id, { onDelete: "cascade" }),
    /** Set when a duplicate concern was merged in (its reporter then follows this concern). */
    mergedConcernId: uuid("merged_concern_id").references((): AnyPgColumn => concerns.id),
    trackingCode: text("tracking_code").unique(),
    description: text("description"),
    observedAt: timestamp("observed_at", { withTimezone: true }),
    // --- private ---
    reporterName: text("reporter_name"),
    reporterEmail: text("reporter_email"),
    reporterPhone: text("reporter_phone"),
    consentToContact: boolean("consent_to_contact").notNull().default(false),
    reporterLocale: text("reporter_locale").notNull().default("en"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("concern_corroborations_concern_idx").on(t.concernId), uniqueIndex("concern_corroborations_merged_unique").on(t.mergedConcernId)],
);

export const concernStatusHistory = pgTable(
  "concern_status_history",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    concernId: uuid("concern_id")
      .notNull()
      .references(() => concerns.id, { onDelete: "cascade" }),
    status: concernStatusEnum("status").notNull(),
    publicNote: text("public_note"),
    /** A note the system wrote, as a code of modules/concerns/notes.ts (`concerns:notes.<code>`), translated when shown; public_note is then null. */
    publicNoteCode: text("public_note_code"),
    publicNoteParams: jsonb("public_note_params").$type<Record<string, string>>(),
    internalNote: text("internal_note"),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("concern_status_history_concern_idx").on(t.concernId, t.createdAt)],
);

/** Open311 API keys: only a SHA-256 hash is stored; the key is shown once when issued. */
export const open311ApiKeys = pgTable(
  "open311_api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    keyHash: text("key_hash").notNull().unique(),
    keyPrefix: text("key_prefix").notNull(),
    createdById: text("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    index("open311_api_keys_active_idx")
      .on(t.keyHash)
      .where(sql`${t.revokedAt} is null`),
  ],
);

/**
 * The office's street list (optional). When it has any rows, a public location may name only
 * these streets; loaded by an admin at /admin/streets. `key` is streetListKey(name).
 */
export const streetNames = pgTable("street_names", {
  key: text("key").primaryKey(),
  name: text("name").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
