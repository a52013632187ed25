import { createReadStream } from "node:fs";
import { once } from "node:events";
import { parse } from "csv-parse";
import { and, eq, inArray, sql } from "drizzle-orm";
import { db, getSql, type DbOrTx, type Transaction } from "~/db/client.server";
import { metricFacts, metricImportRows, metricImports, metricMeasures, metricSnapshots } from "~/db/schema/metrics";
import { recordAudit } from "~/modules/audit/index.server";
import { enqueueJob } from "~/modules/notifications/index.server";
import { CASE_MEASURES, CONCERN_LOOP_MEASURES, MEASURES, type ConcernLoopMeasure } from "./catalogue";
import { CSV_ERRORS, nextMonth, validateHeader, validateRow, type CaseRow, type RowError } from "./csv";
import { recordMeasureVersions } from "./datanotes.server";
import { publishMetrics } from "./publication.server";
import { dashboardTable, definitionHash, parseDashboardFilters, type DashboardFilters } from "./queries.server";

/** At most this many row errors are kept and listed; the count covers them all. */
const MAX_LISTED_ERRORS = 1000;
const STAGE_BATCH = 1000;
const COMMIT_CHUNK = 10_000;
const IMPORT_LOCK = 724_312;

/** Keeps the measures table in step with the catalogue in code (idempotent). */
export async function syncMeasureCatalogue(tx: DbOrTx) {
  const rows = MEASURES.map((m, i) => ({
    key: m.key,
    kind: m.kind,
    nameEn: m.nameEn,
    nameEs: m.nameEs,
    definitionEn: m.definitionEn,
    definitionEs: m.definitionEs,
    numeratorEn: m.numeratorEn,
    numeratorEs: m.numeratorEs,
    denominatorKey: m.denominatorKey ?? null,
    denominatorEn: m.denominatorEn ?? null,
    denominatorEs: m.denominatorEs ?? null,
    unit: m.unit,
    stage: m.stage ?? null,
    direction: m.direction,
    monthlyTarget: m.monthlyTarget ?? null,
    yearlyTarget: m.yearlyTarget ?? null,
    sortOrder: i,
  }));
  await tx
    .insert(metricMeasures)
    .values(rows)
    .onConflictDoUpdate({
      target: metricMeasures.key,
      set: Object.fromEntries(
        [
          "kind",
          "name_en",
          "name_es",
          "definition_en",
          "definition_es",
          "numerator_en",
          "numerator_es",
          "denominator_key",
          "denominator_en",
          "denominator_es",
          "unit",
          "stage",
          "direction",
          "monthly_target",
          "yearly_target",
          "sort_order",
        ].map((c) => [c.replace(/_([a-z])/g, (_, l: string) => l.toUpperCase()), sql.raw(`excluded.${c}`)]),
      ),
    });
  // The public data notes list each definition as it changed.
  await recordMeasureVersions(tx);
}

/** Recomputes the case measures' facts for [start, endExclusive) from metric_cases, in one statement. */
export async function recomputeFacts(tx: DbOrTx, start: string, endExclusive: string) {
  await tx.execute(sql`delete from metric_facts f using metric_measures m
    where f.measure_key = m.key and m.kind = 'case' and f.month >= ${start}::date and f.month < ${endExclusive}::date`);
  const hits = sql.raw(CASE_MEASURES.map((m) => `('${m.key}', ${m.condition})`).join(", "));
  await tx.execute(sql`insert into metric_facts (measure_key, month, offense_category, referring_agency, race_ethnicity, sex, age_band, zip, count)
    select m.key, date_trunc('month', c.received_date)::date, c.offense_category, c.referring_agency, c.race_ethnicity, c.sex, c.age_band, c.zip, count(*)::int
    from metric_cases c cross join lateral (values ${hits}) as m(key, hit)
    where m.hit and c.received_date >= ${start}::date and c.received_date < ${endExclusive}::date
    group by 1, 2, 3, 4, 5, 6, 7, 8`);
  await publishMetrics(tx);
}

/** One count of the concern loop: a stage's concerns received in a month ("YYYY-MM-01"), in a ZIP ("" for none). */
export type ConcernLoopFact = { measureKey: ConcernLoopMeasure; month: string; zip: string; count: number };

const CONCERN_LOOP_LOCK = 724_313;

/**
 * Replaces the concern loop's facts with these counts and republishes, in one transaction; when
 * nothing changed nothing is written (the hourly refresh of unchanged counts is one read, and the
 * publication — every reader's cache — stays as it is). Returns whether it republished.
 * Every stage gets a row (0 if need be) for every month concerns were received, so the stages
 * cover the same periods and a year without a citation publishes 0 rather than no cell.
 */
export async function replaceConcernLoopFacts(counts: ConcernLoopFact[]): Promise<boolean> {
  const byKey = new Map<string, ConcernLoopFact>();
  for (const c of counts) if (c.count > 0) byKey.set(`${c.measureKey}|${c.month}|${c.zip}`, c);
  const months = new Set(counts.filter((c) => c.measureKey === "concerns_received" && c.count > 0).map((c) => c.month));
  const covered = new Set([...byKey.values()].map((c) => `${c.measureKey}|${c.month}`));
  for (const measureKey of CONCERN_LOOP_MEASURES)
    for (const month of months) if (!covered.has(`${measureKey}|${month}`)) byKey.set(`${measureKey}|${month}|`, { measureKey, month, zip: "", count: 0 });
  const wanted = [...byKey.values()];
  const fingerprint = (rows: { measureKey: string; month: string; zip: string; count: number }[]) =>
    rows
      .map((r) => `${r.measureKey}|${r.month}|${r.zip}|${r.count}`)
      .sort()
      .join("\n");
  return db.transaction(async (tx) => {
    // One refresh at a time: two at once would each delete and insert the same rows.
    await tx.execute(sql`select pg_advisory_xact_lock(${CONCERN_LOOP_LOCK})`);
    const current = await tx
      .select({ measureKey: metricFacts.measureKey, month: metricFacts.month, zip: metricFacts.zip, count: metricFacts.count })
      .from(metricFacts)
      .where(inArray(metricFacts.measureKey, [...CONCERN_LOOP_MEASURES]));
    if (fingerprint(current) === fingerprint(wanted)) return false;
    await tx.delete(metricFacts).where(inArray(metricFacts.measureKey, [...CONCERN_LOOP_MEASURES]));
    for (let i = 0; i < wanted.length; i += 2000) await tx.insert(metricFacts).values(wanted.slice(i, i + 2000));
    await publishMetrics(tx);
    return true;
  });
}

const STAGE_COLUMNS = [
  "import_id",
  "row_number",
  "case_id",
  "participant_id",
  "received_date",
  "offense_category",
  "drug_level",
  "race_ethnicity",
  "sex",
  "age_band",
  "referring_agency",
  "zip",
  "filed_date",
  "filing_grounds",
  "declined_date",
  "decline_reason",
  "diverted_date",
  "disposed_date",
  "sentenced_date",
  "disposition",
  "firearm_recovered",
];

/** One line of COPY text format. Validated values hold no tabs, newlines or backslashes. */
function copyLine(importId: string, rowNumber: number, r: CaseRow) {
  const v = (x: string | null) => (x === null ? "\\N" : x);
  return (
    [
      importId,
      String(rowNumber),
      r.caseId,
      r.participantId,
      r.receivedDate,
      r.offenseCategory,
      v(r.drugLevel),
      r.raceEthnicity,
      r.sex,
      r.ageBand,
      r.referringAgency,
      r.zip,
      v(r.filedDate),
      v(r.filingGrounds ?? null),
      v(r.declinedDate),
      v(r.declineReason),
      v(r.divertedDate),
      v(r.disposedDate),
      v(r.sentencedDate),
      v(r.disposition),
      r.firearmRecovered ? "t" : "f",
    ].join("\t") + "\n"
  );
}

/** Bulk-loads validated rows into metric_cases with COPY (the seeds use it). */
export async function copyIntoCases(rows: CaseRow[], importId: string | null) {
  const cols = STAGE_COLUMNS.filter((c) => c !== "row_number");
  const copy = await getSql()
    .unsafe(`copy metric_cases (${cols.join(", ")}) from stdin`)
    .writable();
  for (let i = 0; i < rows.length; i += 2000) {
    const chunk = rows
      .slice(i, i + 2000)
      .map((r) => copyLine(importId ?? "\\N", -1, r).replace(/^([^\t]*)\t-1\t/, "$1\t"))
      .join("");
    if (!copy.write(chunk)) await once(copy, "drain");
  }
  copy.end();
  await once(copy, "finish");
}

type UploadInput = { filePath: string; fileName: string; periodStart: string; periodEnd: string; actorId: string; ipAddress?: string | null };

/**
 * Reads an uploaded CSV as a stream, validates every row and keeps the valid rows in staging.
 * Nothing reaches the case data here: a file with any error is marked invalid and its staged
 * rows are removed; a clean file waits ("ready") for a person to confirm the preview.
 */
export async function stageImport(input: UploadInput): Promise<string> {
  const endExclusive = nextMonth(input.periodEnd);
  const [created] = await db
    .insert(metricImports)
    .values({
      uploadedBy: input.actorId,
      fileName: input.fileName.slice(0, 200),
      periodStart: input.periodStart,
      periodEnd: input.periodEnd,
      status: "validating",
    })
    .returning({ id: metricImports.id });
  const importId = created!.id;

  const errors: RowError[] = [];
  let errorCount = 0;
  let total = 0;
  const seen = new Set<string>();
  const addError = (e: RowError) => {
    errorCount++;
    if (errors.length < MAX_LISTED_ERRORS) errors.push(e);
  };
  // Valid rows stream into staging with COPY (a 100,000-row file in a few seconds); once any
  // error is found nothing more is written and what was staged is removed at the end.
  const copy = await getSql()
    .unsafe(`copy metric_import_rows (${STAGE_COLUMNS.join(", ")}) from stdin`)
    .writable();
  let buffer: string[] = [];
  const flush = async () => {
    if (!buffer.length) return;
    const chunk = buffer.join("");
    buffer = [];
    if (errorCount === 0 && !copy.write(chunk)) await once(copy, "drain");
  };

  let headerChecked = false;
  const parser = createReadStream(input.filePath).pipe(
    parse({
      bom: true,
      columns: (header: string[]) => {
        const headerErrors = validateHeader(header);
        headerErrors.forEach(addError);
        headerChecked = true;
        return header.map((h) => h.trim().toLowerCase());
      },
      relax_column_count: true,
      skip_empty_lines: true,
      trim: false,
      info: true,
    }),
  );
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number; invalid_field_length: number } }>) {
      total++;
      const rowNumber = info.lines;
      if (info.invalid_field_length > 0) {
        addError({ row: rowNumber, column: "", message: CSV_ERRORS.columnCount });
        continue;
      }
      const result = validateRow(record, rowNumber, { start: input.periodStart, endExclusive });
      if (!result.ok) {
        result.errors.forEach(addError);
        continue;
      }
      const key = `${result.row.caseId}\u0000${result.row.participantId}`;
      if (seen.has(key)) {
        addError({ row: rowNumber, column: "participant_id", message: CSV_ERRORS.duplicate });
        continue;
      }
      seen.add(key);
      buffer.push(copyLine(importId, rowNumber, result.row));
      if (buffer.length >= STAGE_BATCH) await flush();
      if (total % 10_000 === 0) await db.update(metricImports).set({ processedRows: total }).where(eq(metricImports.id, importId));
    }
  } catch (error) {
    // A file csv-parse cannot read at all (e.g. an unclosed quote) is one error, not a 500.
    addError({ row: total + 2, column: "", message: "metrics:csv.errors.unreadable" });
    void error;
  }
  if (!headerChecked) addError({ row: 1, column: "", message: "metrics:csv.errors.empty" });
  await flush();
  copy.end();
  await once(copy, "finish");

  if (errorCount === 0) {
    // Case ids that already belong to another period would be duplicated, not replaced.
    const clashes = await db.execute<{ row_number: number }>(sql`select s.row_number from metric_import_rows s
      join metric_cases c on c.case_id = s.case_id and c.participant_id = s.participant_id
      where s.import_id = ${importId} and (c.received_date < ${input.periodStart}::date or c.received_date >= ${endExclusive}::date)
      order by s.row_number`);
    for (const c of clashes) addError({ row: Number(c.row_number), column: "case_id", message: CSV_ERRORS.otherPeriod });
  }
  if (total === 0 && errorCount === 0) addError({ row: 2, column: "", message: "metrics:csv.errors.empty" });

  const summary = errorCount === 0 ? await periodSummary(importId, input.periodStart, endExclusive) : { before: 0, after: 0, months: [] };
  await db.transaction(async (tx) => {
    if (errorCount > 0) await tx.delete(metricImportRows).where(eq(metricImportRows.importId, importId));
    await tx
      .update(metricImports)
      .set({ status: errorCount ? "invalid" : "ready", totalRows: total, processedRows: total, errorCount, errors, summary })
      .where(eq(metricImports.id, importId));
    await recordAudit(tx, {
      actorId: input.actorId,
      action: "metrics.import.uploaded",
      subjectType: "metric_import",
      subjectId: importId,
      data: { fileName: input.fileName, rows: total, errorCount, periodStart: input.periodStart, periodEnd: input.periodEnd },
      ipAddress: input.ipAddress ?? null,
    });
  });
  return importId;
}

/** Cases per month now, and after the staged rows would replace the period. */
async function periodSummary(importId: string, start: string, endExclusive: string) {
  const rows = await db.execute<{ month: string; before: number; after: number }>(sql`
    select to_char(g.month, 'YYYY-MM') as month,
      (select count(*)::int from metric_cases c where c.received_date >= g.month and c.received_date < g.month + interval '1 month') as before,
      (select count(*)::int from metric_import_rows s where s.import_id = ${importId} and s.received_date >= g.month and s.received_date < g.month + interval '1 month') as after
    from generate_series(${start}::date, (${endExclusive}::date - interval '1 month'), interval '1 month') as g(month)
    order by g.month`);
  const months = rows.map((r) => ({ month: r.month, before: Number(r.before), after: Number(r.after) }));
  return { before: months.reduce((a, m) => a + m.before, 0), after: months.reduce((a, m) => a + m.after, 0), months };
}

/** Staff confirm a clean preview: the import runs as a job (progress in the import row). */
export async function confirmImport(importId: string, actorId: string, ipAddress?: string | null) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(metricImports)
      .set({ status: "queued", importedBy: actorId, processedRows: 0 })
      .where(and(eq(metricImports.id, importId), eq(metricImports.status, "ready")))
      .returning({ id: metricImports.id });
    if (!row) return false;
    await enqueueJob(tx, "metrics_commit_import", { importId }, { jobKey: `metrics_import:${importId}`, maxAttempts: 1 });
    await recordAudit(tx, { actorId, action: "metrics.import.confirmed", subjectType: "metric_import", subjectId: importId, ipAddress: ipAddress ?? null });
    return true;
  });
}

export async function discardImport(importId: string, actorId: string, ipAddress?: string | null) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(metricImports)
      .set({ status: "discarded" })
      .where(and(eq(metricImports.id, importId), sql`${metricImports.status} in ('ready', 'invalid')`))
      .returning({ id: metricImports.id });
    if (!row) return false;
    await tx.delete(metricImportRows).where(eq(metricImportRows.importId, importId));
    await recordAudit(tx, { actorId, action: "metrics.import.discarded", subjectType: "metric_import", subjectId: importId, ipAddress: ipAddress ?? null });
    return true;
  });
}

/**
 * The job: replaces exactly the declared period with the staged rows and recomputes its facts,
 * all in one transaction. Progress goes to the import row over a separate connection so that
 * the status page can show it while the transaction is still open.
 */
export async function runImport(importId: string) {
  const [imp] = await db.select().from(metricImports).where(eq(metricImports.id, importId));
  if (!imp || imp.status !== "queued") return;
  await db.update(metricImports).set({ status: "importing", startedAt: new Date(), processedRows: 0 }).where(eq(metricImports.id, importId));
  const start = imp.periodStart;
  const endExclusive = nextMonth(imp.periodEnd);
  try {
    await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${IMPORT_LOCK})`);
      const summary = await summaryInTx(tx, importId, start, endExclusive);
      await tx.execute(sql`delete from metric_cases where received_date >= ${start}::date and received_date < ${endExclusive}::date`);
      const [{ max }] = (await tx.execute<{ max: number | null }>(
        sql`select max(row_number) as max from metric_import_rows where import_id = ${importId}`,
      )) as unknown as [{ max: number | null }];
      const last = Number(max ?? 0);
      let done = 0;
      for (let from = 0; from <= last; from += COMMIT_CHUNK) {
        const inserted =
          await tx.execute(sql`insert into metric_cases (case_id, participant_id, received_date, offense_category, drug_level, race_ethnicity, sex, age_band,
            referring_agency, zip, filed_date, filing_grounds, declined_date, decline_reason, diverted_date, disposed_date, sentenced_date, disposition, firearm_recovered, import_id)
          select case_id, participant_id, received_date, offense_category, drug_level, race_ethnicity, sex, age_band,
            referring_agency, zip, filed_date, filing_grounds, declined_date, decline_reason, diverted_date, disposed_date, sentenced_date, disposition, firearm_recovered, import_id
          from metric_import_rows where import_id = ${importId} and row_number >= ${from} and row_number < ${from + COMMIT_CHUNK}`);
        done += inserted.count ?? 0;
        await db.update(metricImports).set({ processedRows: done }).where(eq(metricImports.id, importId));
      }
      await syncMeasureCatalogue(tx);
      await recomputeFacts(tx, start, endExclusive);
      await tx.delete(metricImportRows).where(eq(metricImportRows.importId, importId));
      await tx.update(metricImports).set({ status: "completed", processedRows: done, summary, completedAt: new Date() }).where(eq(metricImports.id, importId));
      await recordAudit(tx, {
        actorId: imp.importedBy,
        action: "metrics.import.completed",
        subjectType: "metric_import",
        subjectId: importId,
        data: { periodStart: start, periodEnd: imp.periodEnd, before: summary.before, after: summary.after },
      });
    });
  } catch (error) {
    await db
      .update(metricImports)
      .set({ status: "failed", failureMessage: error instanceof Error ? error.message.slice(0, 500) : "failed", completedAt: new Date() })
      .where(eq(metricImports.id, importId));
  }
}

async function summaryInTx(tx: Transaction, importId: string, start: string, endExclusive: string) {
  const rows = await tx.execute<{ month: string; before: number; after: number }>(sql`
    select to_char(g.month, 'YYYY-MM') as month,
      (select count(*)::int from metric_cases c where c.received_date >= g.month and c.received_date < g.month + interval '1 month') as before,
      (select count(*)::int from metric_import_rows s where s.import_id = ${importId} and s.received_date >= g.month and s.received_date < g.month + interval '1 month') as after
    from generate_series(${start}::date, (${endExclusive}::date - interval '1 month'), interval '1 month') as g(month)
    order by g.month`);
  const months = rows.map((r) => ({ month: r.month, before: Number(r.before), after: Number(r.after) }));
  return { before: months.reduce((a, m) => a + m.before, 0), after: months.reduce((a, m) => a + m.after, 0), months };
}

// ---------------------------------------------------------------------------------------------
// Snapshots

/**
 * Freezes a metric as cited: its value under the filters (after suppression), the definition
 * and the as-of time. Call inside the transaction of whatever cites it (a response); returns
 * the snapshot id.
 */
export async function createSnapshot(
  tx: DbOrTx,
  input: { measure: string; filters: Partial<DashboardFilters> | Record<string, string>; actorId?: string | null },
): Promise<string> {
  const [measure] = await tx.select().from(metricMeasures).where(eq(metricMeasures.key, input.measure));
  if (!measure || measure.kind === "context") throw new Error(`unknown measure ${input.measure}`);
  const filters = parseDashboardFilters(
    new URLSearchParams(
      Object.entries(input.filters)
        .filter(([, v]) => v !== undefined && v !== "")
        .map(([k, v]) => [k, String(v)]),
    ),
  );
  const table = await dashboardTable(measure, { ...filters, by: "" }, tx);
  const [row] = await tx
    .insert(metricSnapshots)
    .values({
      measureKey: measure.key,
      value: table.headline.value === null ? null : String(table.headline.value),
      numerator: table.headline.numerator,
      denominator: table.headline.denominator,
      unit: measure.unit,
      nameEn: measure.nameEn,
      nameEs: measure.nameEs,
      definitionEn: measure.definitionEn,
      definitionEs: measure.definitionEs,
      definitionHash: definitionHash(measure),
      filters: filtersToRecord(filters),
    })
    .returning({ id: metricSnapshots.id });
  if (input.actorId !== undefined) {
    await recordAudit(tx, {
      actorId: input.actorId,
      action: "metrics.snapshot.created",
      subjectType: "metric_snapshot",
      subjectId: row!.id,
      data: { measure: measure.key },
    });
  }
  return row!.id;
}

function filtersToRecord(f: DashboardFilters): Record<string, string> {
  const out: Record<string, string> = { grain: f.grain };
  if (f.year) out.year = String(f.year);
  for (const [k, v] of Object.entries(f.dims)) if (v) out[k] = v;
  return out;
}
