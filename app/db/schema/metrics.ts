import { boolean, date, index, integer, jsonb, numeric, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";

export const caseStageEnum = pgEnum("metric_case_stage", ["referred", "filed", "declined", "diverted", "disposed", "sentenced"]);
export const measureDirectionEnum = pgEnum("metric_direction", ["up", "down", "neutral"]);
export const measureKindEnum = pgEnum("metric_measure_kind", ["case", "program", "context", "concern"]);
export const measureUnitEnum = pgEnum("metric_unit", ["count", "percent"]);
export const metricImportStatusEnum = pgEnum("metric_import_status", [
  "validating",
  "invalid",
  "ready",
  "queued",
  "importing",
  "completed",
  "failed",
  "discarded",
]);

/** The catalogue of published measures, modelled on the Prosecutorial Performance Indicators. */
export const metricMeasures = pgTable("metric_measures", {
  key: text("key").primaryKey(),
  kind: measureKindEnum("kind").notNull().default("case"),
  nameEn: text("name_en").notNull(),
  nameEs: text("name_es").notNull(),
  definitionEn: text("definition_en").notNull(),
  definitionEs: text("definition_es").notNull(),
  numeratorEn: text("numerator_en").notNull(),
  numeratorEs: text("numerator_es").notNull(),
  /** Another measure whose count is the denominator (percent measures). */
  denominatorKey: text("denominator_key"),
  denominatorEn: text("denominator_en"),
  denominatorEs: text("denominator_es"),
  unit: measureUnitEnum("unit").notNull().default("count"),
  stage: caseStageEnum("stage"),
  direction: measureDirectionEnum("direction").notNull().default("neutral"),
  /** Monthly target, for program measures that have one (Partners for Peace referrals). */
  monthlyTarget: integer("monthly_target"),
  /** Yearly target, for program measures whose target is set per year (Partners for Peace referrals: 500 a year). */
  yearlyTarget: integer("yearly_target"),
  sortOrder: integer("sort_order").notNull().default(0),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Shared columns of a de-identified case row (no names, nothing finer than ZIP). */
function caseColumns() {
  return {
    caseId: text("case_id").notNull(),
    participantId: text("participant_id").notNull(),
    receivedDate: date("received_date").notNull(),
    offenseCategory: text("offense_category").notNull(),
    drugLevel: text("drug_level"),
    raceEthnicity: text("race_ethnicity").notNull(),
    sex: text("sex").notNull(),
    ageBand: text("age_band").notNull(),
    referringAgency: text("referring_agency").notNull(),
    zip: text("zip").notNull(),
    filedDate: date("filed_date"),
    /** The grounds a filing cites under the charging policy (community_concern | violence_connection); null = not recorded. */
    filingGrounds: text("filing_grounds"),
    declinedDate: date("declined_date"),
    declineReason: text("decline_reason"),
    divertedDate: date("diverted_date"),
    disposedDate: date("disposed_date"),
    sentencedDate: date("sentenced_date"),
    disposition: text("disposition"),
    firearmRecovered: boolean("firearm_recovered").notNull().default(false),
  };
}

/** Staff-only case-level rows; the public sees only metric_facts. */
export const metricCases = pgTable(
  "metric_cases",
  {
    ...caseColumns(),
    importId: uuid("import_id").references(() => metricImports.id, { onDelete: "set null" }),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.participantId] }), index("metric_cases_received_idx").on(t.receivedDate)],
);

/** An upload of case-level CSV for one declared period (whole months). */
export const metricImports = pgTable(
  "metric_imports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    uploadedBy: text("uploaded_by").references(() => users.id, { onDelete: "set null" }),
    importedBy: text("imported_by").references(() => users.id, { onDelete: "set null" }),
    fileName: text("file_name").notNull(),
    /** First day of the first month, and first day of the last month (inclusive). */
    periodStart: date("period_start").notNull(),
    periodEnd: date("period_end").notNull(),
    status: metricImportStatusEnum("status").notNull(),
    totalRows: integer("total_rows").notNull().default(0),
    processedRows: integer("processed_rows").notNull().default(0),
    errorCount: integer("error_count").notNull().default(0),
    errors: jsonb("errors").$type<{ row: number; column: string; message: string }[]>().notNull().default([]),
    summary: jsonb("summary")
      .$type<{ before: number; after: number; months: { month: string; before: number; after: number }[] }>()
      .notNull()
      .default({ before: 0, after: 0, months: [] }),
    failureMessage: text("failure_message"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    completedAt: timestamp("completed_at", { withTimezone: true }),
  },
  (t) => [index("metric_imports_created_idx").on(t.createdAt)],
);

/** Validated rows of an import waiting for confirmation; deleted when imported or discarded. */
export const metricImportRows = pgTable(
  "metric_import_rows",
  {
    importId: uuid("import_id")
      .notNull()
      .references(() => metricImports.id, { onDelete: "cascade" }),
    rowNumber: integer("row_number").notNull(),
    ...caseColumns(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.rowNumber] })],
);

/**
 * Aggregated counts the public pages read: measure × month × dimensions. Program measures
 * carry '' in the dimensions they are not broken down by.
 */
export const metricFacts = pgTable(
  "metric_facts",
  {
    measureKey: text("measure_key")
      .notNull()
      .references(() => metricMeasures.key, { onDelete: "cascade" }),
    month: date("month").notNull(),
    offenseCategory: text("offense_category").notNull().default(""),
    referringAgency: text("referring_agency").notNull().default(""),
    raceEthnicity: text("race_ethnicity").notNull().default(""),
    sex: text("sex").notNull().default(""),
    ageBand: text("age_band").notNull().default(""),
    zip: text("zip").notNull().default(""),
    count: integer("count").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.measureKey, t.month, t.offenseCategory, t.referringAgency, t.raceEthnicity, t.sex, t.ageBand, t.zip] }),
    index("metric_facts_month_idx").on(t.month),
  ],
);

/**
 * metric_facts summed per measure × month, in total (dimension '') and by each single
 * dimension (dimension = the facts column, value = its value). Kept in step with metric_facts
 * by statement triggers (drizzle/*_bench_sql.sql), so every write to the facts updates it in
 * the same transaction. The public dashboard reads it whenever a view needs at most one
 * dimension (the usual case): a few hundred rows instead of millions of facts.
 */
export const metricRollups = pgTable(
  "metric_rollups",
  {
    measureKey: text("measure_key").notNull(),
    dimension: text("dimension").notNull(),
    value: text("value").notNull(),
    month: date("month").notNull(),
    count: integer("count").notNull(),
    /** How many facts rows it sums: the row goes when the last one does (a month "has data" exactly as in the facts). */
    facts: integer("facts").notNull(),
  },
  (t) => [primaryKey({ columns: [t.measureKey, t.dimension, t.value, t.month] }), index("metric_rollups_dimension_month_idx").on(t.dimension, t.month)],
);

/** A cited figure, frozen: value, definition, filters and as-of date. */
export const metricSnapshots = pgTable(
  "metric_snapshots",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    measureKey: text("measure_key")
      .notNull()
      .references(() => metricMeasures.key),
    /** null when the value was suppressed (a small count) at the time. */
    value: numeric("value"),
    numerator: integer("numerator"),
    denominator: integer("denominator"),
    unit: measureUnitEnum("unit").notNull(),
    nameEn: text("name_en").notNull(),
    nameEs: text("name_es").notNull(),
    definitionEn: text("definition_en").notNull(),
    definitionEs: text("definition_es").notNull(),
    definitionHash: text("definition_hash").notNull(),
    filters: jsonb("filters").$type<Record<string, string>>().notNull().default({}),
    asOf: timestamp("as_of", { withTimezone: true }).notNull().defaultNow(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [index("metric_snapshots_measure_idx").on(t.measureKey)],
);

export const publishedCellStateEnum = pgEnum("metric_cell_state", ["shown", "primary", "complementary"]);

/**
 * The publication: every number the public can see about the measures, decided once per data
 * change (import, recompute, seed) with suppression coordinated across all of them. grain is
 * month | quarter | year | all; dimension/value are '' for a period's total, else a URL dimension
 * (race, zip, …) and its value (breakdowns are published by year). count is null when hidden.
 */
export const metricPublishedCells = pgTable(
  "metric_published_cells",
  {
    measureKey: text("measure_key").notNull(),
    grain: text("grain").notNull(),
    period: text("period").notNull(),
    dimension: text("dimension").notNull().default(""),
    value: text("value").notNull().default(""),
    count: integer("count"),
    state: publishedCellStateEnum("state").notNull(),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.measureKey, t.grain, t.period, t.dimension, t.value] })],
);

/**
 * One row: which publication is current. publishMetrics gives it a new random token in the same
 * transaction that replaces the cells, so a reader can cache what it shaped from the cells and
 * know with one primary-key read whether that is still the publication (several app instances
 * included; a restored backup brings its own token).
 */
export const metricPublication = pgTable("metric_publication", {
  id: integer("id").primaryKey().default(1),
  token: uuid("token").notNull(),
  publishedAt: timestamp("published_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Events outside the office that staff mark on the dashboard's time series (a state law, a change
 * in police practice). applies_to holds "all", a topic ("drug", "weapons") or measure keys.
 */
export const metricEvents = pgTable(
  "metric_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    occurredOn: date("occurred_on", { mode: "string" }).notNull(),
    titleEn: text("title_en").notNull(),
    titleEs: text("title_es").notNull(),
    descriptionEn: text("description_en").notNull().default(""),
    descriptionEs: text("description_es").notNull().default(""),
    appliesTo: text("applies_to").array().notNull(),
    createdById: text("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("metric_events_day_idx").on(t.occurredOn)],
);

/**
 * Each public measure's definition as it changed: a row whenever the catalogue sync finds a
 * definition different from the latest recorded (the first row is when it was first published).
 * The data notes page lists them.
 */
export const metricMeasureVersions = pgTable(
  "metric_measure_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    measureKey: text("measure_key")
      .notNull()
      .references(() => metricMeasures.key, { onDelete: "cascade" }),
    nameEn: text("name_en").notNull(),
    nameEs: text("name_es").notNull(),
    definitionEn: text("definition_en").notNull(),
    definitionEs: text("definition_es").notNull(),
    definitionHash: text("definition_hash").notNull(),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("metric_measure_versions_measure_idx").on(t.measureKey, t.recordedAt)],
);

/** The limitations of the data, written by staff for the public data notes (plain paragraphs, EN and ES); one row. */
export const metricDataNotes = pgTable("metric_data_notes", {
  id: integer("id").primaryKey().default(1),
  limitationsEn: text("limitations_en").notNull().default(""),
  limitationsEs: text("limitations_es").notNull().default(""),
  updatedBy: text("updated_by").references(() => users.id, { onDelete: "set null" }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Published distributions of days (time to filing decision, time to disposition) by year of
 * referral, in total (dimension '') and by race/ethnicity: decided in publishMetrics, in the same
 * transaction as the cells. A row whose base has fewer than MIN_PUBLIC_COUNT cases is
 * "insufficient" and carries no quantile; the base itself is never stored (it is a count).
 */
export const metricPublishedStats = pgTable(
  "metric_published_stats",
  {
    statKey: text("stat_key").notNull(),
    period: text("period").notNull(),
    dimension: text("dimension").notNull().default(""),
    value: text("value").notNull().default(""),
    state: text("state").notNull(),
    p25: integer("p25"),
    p50: integer("p50"),
    p75: integer("p75"),
    p90: integer("p90"),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.statKey, t.period, t.dimension, t.value] })],
);
