/**
 * seed:large — 2,000,000 de-identified case rows for 2019–2025, made inside PostgreSQL with
 * INSERT … SELECT over generate_series (no rows cross the wire), then aggregated into metric
 * facts by the metrics module's own recomputeFacts(). Randomness is a hash of the row number
 * and a fixed seed (hashint8extended), so every run makes the same rows. The shape follows
 * seeds/metrics.ts (the demo's synthetic cases) and passes the import's row rules (csv.ts).
 */
import { sql } from "drizzle-orm";
import { AGENCIES, AGES, DECLINE, DISPOSITIONS, OFFENSES, RACE_DRUG_SALE, RACE_DRUG_USER, RACE_OTHER, SEXES, ZIPS } from "../../seeds/metrics";
import { LARGE_SEED } from "../seed-large";

export const LARGE_CASES = 2_000_000;
const CHUNK = 250_000;
const FIRST_DAY = "2019-01-01";
const DAYS = 2557; // through 2025-12-31
const LAST = "2025-12-31";

type Weighted = [string, number][];
/** A uniform [0, 1) number for row i and stream k: a hash, not a generator, so chunks are independent. */
const u = (k: number) => `((hashint8extended(g.i, ${LARGE_SEED + k}) & 140737488355327)::float8 / 140737488355328)`;
/** A weighted pick as a CASE over cumulative shares. */
function pick(options: Weighted, r: string) {
  const total = options.reduce((a, [, w]) => a + w, 0);
  let acc = 0;
  const whens = options.slice(0, -1).map(([v, w]) => `when ${r} < ${((acc += w) / total).toFixed(6)} then '${v}'`);
  return `(case ${whens.join(" ")} else '${options.at(-1)![0]}' end)`;
}

function insertChunk(from: number, to: number, importId: string) {
  return `
insert into metric_cases (case_id, participant_id, received_date, offense_category, drug_level, race_ethnicity, sex, age_band, referring_agency, zip,
  filed_date, declined_date, decline_reason, diverted_date, disposed_date, sentenced_date, disposition, firearm_recovered, import_id)
select 'LRG-' || lpad(i::text, 7, '0'), 'LP' || lpad(i::text, 7, '0'), received, offense, drug_level, race, sex, age, agency, zip,
  case when filed_ok then filed_date end,
  case when not filed and declining and declined_date <= '${LAST}' then declined_date end,
  case when not filed and declining and declined_date <= '${LAST}' then decline_reason end,
  case when not filed and not declining and diverted_date <= '${LAST}' then diverted_date end,
  case when filed_ok and disposed_date <= '${LAST}' then disposed_date end,
  case when filed_ok and disposed_date <= '${LAST}' and disposition in ('plea', 'trial_conviction') and r_sent < 0.85 and sentenced_date <= '${LAST}' then sentenced_date end,
  case when filed_ok and disposed_date <= '${LAST}' then disposition end,
  firearm,
  '${importId}'::uuid
from (
  select b.*,
    filed and filed_date <= '${LAST}' as filed_ok,
    case when filed and r_disp < 0.88 then filed_date + 60 + floor(r_disp_days * 340)::int end as disposed_date,
    ${pick(DISPOSITIONS, "r_disposition")} as disposition,
    filed_date + 60 + floor(r_disp_days * 340)::int + 14 + floor(r_sent_days * 76)::int as sentenced_date,
    r_decl < (case when offense = 'drug' and extract(year from received) >= 2023 then 0.7 else 0.82 end) as declining,
    received + 1 + floor(r_decl_days * 20)::int as declined_date,
    case when offense = 'drug' and extract(year from received) >= 2023 and r_reason < 0.8 then 'no_documented_concern' else ${pick(DECLINE, "r_reason2")} end as decline_reason,
    received + 5 + floor(r_div_days * 35)::int as diverted_date,
    case when drug_level = 'sale' then ${pick(RACE_DRUG_SALE, "r_race")} when drug_level = 'user' then ${pick(RACE_DRUG_USER, "r_race")} else ${pick(RACE_OTHER, "r_race")} end as race,
    r_fire < (case offense when 'drug' then 0.035 when 'weapons' then 0.9 when 'violent' then 0.25 else 0.01 end) as firearm
  from (
    select a.*,
      case when offense = 'drug' then (case when r_level < 0.76 then 'user' else 'sale' end) end as drug_level,
      r_file < (case when offense <> 'drug' then 0.72 when extract(year from received) < 2023 then 0.62 when r_level >= 0.76 then 0.45 else 0.18 end) as filed,
      received + 1 + floor(r_file_days * 30)::int as filed_date
    from (
      select g.i, date '${FIRST_DAY}' + floor(${u(1)} * ${DAYS})::int as received,
        ${pick(OFFENSES, u(2))} as offense, ${pick(SEXES, u(3))} as sex, ${pick(AGES, u(4))} as age,
        ${pick(AGENCIES, u(5))} as agency, ${pick(ZIPS, u(6))} as zip,
        ${u(7)} as r_level, ${u(8)} as r_race, ${u(9)} as r_file, ${u(10)} as r_file_days, ${u(11)} as r_disp, ${u(12)} as r_disp_days,
        ${u(13)} as r_disposition, ${u(14)} as r_sent, ${u(15)} as r_sent_days, ${u(16)} as r_decl, ${u(17)} as r_decl_days,
        ${u(18)} as r_reason, ${u(19)} as r_reason2, ${u(20)} as r_div_days, ${u(21)} as r_fire
      from generate_series(${from}::bigint, ${to}::bigint) as g(i)
    ) a
  ) b
) c`;
}

export async function seedLargeCases(log: (line: string) => void = () => {}) {
  const { db } = await import("../../app/db/client.server");
  const { metricImports } = await import("../../app/db/schema");
  const { recomputeFacts, syncMeasureCatalogue } = await import("../../app/modules/metrics/index.server");
  const [{ done }] = (await db.execute(
    sql`select exists (select 1 from metric_cases where case_id = ${`LRG-${String(LARGE_CASES).padStart(7, "0")}`}) as done`,
  )) as unknown as [{ done: boolean }];
  if (done) return 0;
  await db.transaction(async (tx) => {
    // The aggregation groups ~7 million (case, measure) pairs: give it memory instead of disk.
    await tx.execute(sql`set local work_mem = '256MB'`);
    await tx.execute(sql`set local synchronous_commit = off`);
    await tx.execute(sql`delete from metric_cases where case_id like 'LRG-%'`);
    const [imp] = await tx
      .insert(metricImports)
      .values({
        fileName: "large-synthetic-cases-2019-2025.csv",
        periodStart: FIRST_DAY,
        periodEnd: "2025-12-01",
        status: "completed",
        totalRows: LARGE_CASES,
        processedRows: LARGE_CASES,
        summary: { before: 0, after: LARGE_CASES, months: [] },
        startedAt: new Date(),
        completedAt: new Date(),
      })
      .returning({ id: metricImports.id });
    for (let from = 1; from <= LARGE_CASES; from += CHUNK) {
      const t = Date.now();
      await tx.execute(sql.raw(insertChunk(from, Math.min(LARGE_CASES, from + CHUNK - 1), imp!.id)));
      log(`    case rows ${from}–${Math.min(LARGE_CASES, from + CHUNK - 1)} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
    }
    const t = Date.now();
    await syncMeasureCatalogue(tx);
    await recomputeFacts(tx, FIRST_DAY, "2026-01-01");
    log(`    facts recomputed (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  });
  const [{ facts }] = (await db.execute(sql`select count(*)::int as facts from metric_facts`)) as unknown as [{ facts: number }];
  log(`    metric_facts: ${facts} rows`);
  return LARGE_CASES;
}
