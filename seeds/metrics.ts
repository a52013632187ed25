import { eq, sql } from "drizzle-orm";
import { db } from "~/db/client.server";
import { metricFacts, metricImports, users } from "~/db/schema";
import type { CaseRow } from "~/modules/metrics/index.server";
import { copyIntoCases, publishMetrics, recomputeFacts, seedEvents, syncMeasureCatalogue } from "~/modules/metrics/index.server";
import { addDays } from "~/utils/clock";

/**
 * SYNTHETIC case-level data for 2019–2025 (about 30,000 case participants), generated with a
 * fixed-seed PRNG so every run gives the same rows. Shaped to match the office's published
 * findings: about a third of police referrals are non-violent drug offenses, mostly user-level
 * possession; Black residents are ~39% of the population but ~85% of referred drug-sale
 * defendants; firearms are recovered in under 5% of referred drug cases.
 */
export const SYNTHETIC_START = "2019-01-01";
export const SYNTHETIC_END_EXCLUSIVE = "2026-01-01";
const SEED = 20_260_101;

export function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Weighted<T extends string> = [T, number][];
function pick<T extends string>(rand: () => number, options: Weighted<T>): T {
  const total = options.reduce((a, [, w]) => a + w, 0);
  let r = rand() * total;
  for (const [v, w] of options) {
    r -= w;
    if (r < 0) return v;
  }
  return options[options.length - 1]![0];
}

export const OFFENSES: Weighted<string> = [
  ["drug", 33],
  ["violent", 22],
  ["property", 22],
  ["public_order", 9],
  ["weapons", 6],
  ["traffic", 5],
  ["other", 3],
];
export const RACE_DRUG_SALE: Weighted<string> = [
  ["black", 85],
  ["white", 8],
  ["hispanic", 5],
  ["asian", 1],
  ["other", 1],
];
export const RACE_DRUG_USER: Weighted<string> = [
  ["black", 52],
  ["white", 37],
  ["hispanic", 8],
  ["asian", 1],
  ["native", 1],
  ["other", 1],
];
export const RACE_OTHER: Weighted<string> = [
  ["black", 56],
  ["white", 32],
  ["hispanic", 8],
  ["asian", 2],
  ["native", 1],
  ["other", 1],
];
export const SEXES: Weighted<string> = [
  ["male", 78],
  ["female", 21],
  ["unknown", 1],
];
export const AGES: Weighted<string> = [
  ["under_18", 4],
  ["18_24", 26],
  ["25_34", 32],
  ["35_44", 20],
  ["45_54", 11],
  ["55_plus", 7],
];
export const AGENCIES: Weighted<string> = [
  ["KCPD", 70],
  ["JACKSON SO", 9],
  ["INDEPENDENCE PD", 8],
  ["LEES SUMMIT PD", 4],
  ["GRANDVIEW PD", 3],
  ["RAYTOWN PD", 3],
  ["MSHP", 3],
];
export const ZIPS: Weighted<string> = [
  ["64127", 10],
  ["64128", 9],
  ["64130", 12],
  ["64132", 7],
  ["64124", 8],
  ["64109", 6],
  ["64110", 6],
  ["64111", 4],
  ["64106", 5],
  ["64105", 3],
  ["64129", 5],
  ["64134", 6],
  ["64137", 3],
  ["64138", 4],
  ["64050", 5],
  ["64055", 3],
  ["64030", 2],
  ["64133", 4],
  ["64063", 1],
  ["64081", 1],
];
export const DECLINE: Weighted<string> = [
  ["insufficient_evidence", 60],
  ["interest_of_justice", 20],
  ["victim_witness", 15],
  ["other", 5],
];
export const DISPOSITIONS: Weighted<string> = [
  ["plea", 65],
  ["dismissed", 25],
  ["trial_conviction", 5],
  ["acquitted", 2],
  ["other", 3],
];

/**
 * The grounds a drug filing cites under the charging policy: from 2023 on almost always recorded
 * (sale cases mostly a connection to violence, possession cases mostly a documented community
 * concern); before the policy rarely recorded at all.
 */
function drugFilingGrounds(rand: () => number, year: number, drugLevel: string | null): string | null {
  if (rand() >= (year >= 2023 ? 0.92 : 0.08)) return null;
  return rand() < (drugLevel === "sale" ? 0.35 : 0.7) ? "community_concern" : "violence_connection";
}

/** The synthetic rows, deterministic. */
export function syntheticCases(): CaseRow[] {
  const rand = mulberry32(SEED);
  // The grounds a drug filing cites come from a stream of their own, so every other field is as before.
  const groundsRand = mulberry32(SEED + 2);
  const rows: CaseRow[] = [];
  let seq = 0;
  const lastDate = "2025-12-31";
  for (let year = 2019; year <= 2025; year++) {
    for (let month = 1; month <= 12; month++) {
      const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
      const n = 330 + Math.floor(rand() * 60);
      for (let i = 0; i < n; i++) {
        seq++;
        const received = `${year}-${String(month).padStart(2, "0")}-${String(1 + Math.floor(rand() * daysInMonth)).padStart(2, "0")}`;
        const offense = pick(rand, OFFENSES);
        const drugLevel = offense === "drug" ? (rand() < 0.76 ? "user" : "sale") : null;
        const race = pick(rand, drugLevel === "sale" ? RACE_DRUG_SALE : drugLevel === "user" ? RACE_DRUG_USER : RACE_OTHER);
        const firearmP = offense === "drug" ? 0.035 : offense === "weapons" ? 0.9 : offense === "violent" ? 0.25 : 0.01;
        // Drug filings fall after the 2023 policy: file only with a documented concern or a link to violence.
        const fileP = offense === "drug" ? (year < 2023 ? 0.62 : drugLevel === "sale" ? 0.45 : 0.18) : 0.72;
        const filed = rand() < fileP;
        let declinedDate: string | null = null;
        let declineReason: string | null = null;
        let divertedDate: string | null = null;
        let filedDate: string | null = null;
        let disposedDate: string | null = null;
        let sentencedDate: string | null = null;
        let disposition: string | null = null;
        if (filed) {
          filedDate = addDays(received, 1 + Math.floor(rand() * 30));
          if (rand() < 0.88) {
            const d = addDays(filedDate, 60 + Math.floor(rand() * 340));
            if (d <= lastDate) {
              disposedDate = d;
              disposition = pick(rand, DISPOSITIONS);
              if ((disposition === "plea" || disposition === "trial_conviction") && rand() < 0.85) {
                const s = addDays(d, 14 + Math.floor(rand() * 76));
                if (s <= lastDate) sentencedDate = s;
              }
            }
          }
        } else if (rand() < (offense === "drug" && year >= 2023 ? 0.7 : 0.82)) {
          declinedDate = addDays(received, 1 + Math.floor(rand() * 20));
          declineReason = offense === "drug" && year >= 2023 && rand() < 0.8 ? "no_documented_concern" : pick(rand, DECLINE);
        } else {
          divertedDate = addDays(received, 5 + Math.floor(rand() * 35));
        }
        const filedInRange = filedDate !== null && filedDate <= lastDate;
        const filingGrounds = filedInRange && offense === "drug" ? drugFilingGrounds(groundsRand, year, drugLevel) : null;
        rows.push({
          caseId: `SYN-${year}-${String(seq).padStart(6, "0")}`,
          participantId: `P${String(seq).padStart(6, "0")}`,
          receivedDate: received,
          offenseCategory: offense,
          drugLevel,
          raceEthnicity: race,
          sex: pick(rand, SEXES),
          ageBand: pick(rand, AGES),
          referringAgency: pick(rand, AGENCIES),
          zip: pick(rand, ZIPS),
          filedDate: filedDate && filedDate <= lastDate ? filedDate : null,
          filingGrounds,
          declinedDate: declinedDate && declinedDate <= lastDate ? declinedDate : null,
          declineReason: declinedDate && declinedDate <= lastDate ? declineReason : null,
          divertedDate: divertedDate && divertedDate <= lastDate ? divertedDate : null,
          disposedDate: filedDate && filedDate <= lastDate ? disposedDate : null,
          sentencedDate: filedDate && filedDate <= lastDate ? sentencedDate : null,
          disposition: filedDate && filedDate <= lastDate ? disposition : null,
          firearmRecovered: rand() < firearmP,
        });
      }
    }
  }
  return rows;
}

const POPULATION: [string, number][] = [
  ["black", 0.39],
  ["white", 0.45],
  ["hispanic", 0.1],
  ["asian", 0.03],
  ["native", 0.01],
  ["other", 0.02],
];

/** Program counts (no individual records) and the synthetic population, as facts. */
function programFacts() {
  const rand = mulberry32(SEED + 1);
  const rand2 = mulberry32(SEED + 2);
  const facts: (typeof metricFacts.$inferInsert)[] = [];
  for (let year = 2019; year <= 2025; year++) {
    for (let month = 1; month <= 12; month++) {
      const m = `${year}-${String(month).padStart(2, "0")}-01`;
      facts.push({ measureKey: "firearm_cases", month: m, count: 45 + Math.floor(rand() * 35) });
      if (year >= 2021) facts.push({ measureKey: "p4p_referrals", month: m, count: 18 + (year - 2021) * 6 + Math.floor(rand() * 14) });
      // Illegal-possession firearms cases sent to federal vs. local prosecution (a separate stream, so the series above stay as they were).
      facts.push({ measureKey: "firearm_federal", month: m, count: 5 + (year - 2019) + Math.floor(rand2() * 6) });
      facts.push({ measureKey: "firearm_local", month: m, count: 16 + Math.floor(rand2() * 12) });
    }
    const total = 700_000 + (year - 2019) * 3_000;
    for (const [race, share] of POPULATION)
      facts.push({ measureKey: "population", month: `${year}-01-01`, raceEthnicity: race, count: Math.round(total * share) });
  }
  return facts;
}

/** Idempotent: the catalogue is upserted; the rows and facts are added only when missing. */
export async function seedMetrics() {
  await syncMeasureCatalogue(db);
  const [{ n }] = (await db.execute<{ n: number }>(sql`select count(*)::int as n from metric_cases`)) as unknown as [{ n: number }];
  if (Number(n) === 0) {
    const rows = syntheticCases();
    const [analyst] = await db.select({ id: users.id }).from(users).where(eq(users.email, "analyst@demo.test"));
    const [imp] = await db
      .insert(metricImports)
      .values({
        uploadedBy: analyst?.id ?? null,
        importedBy: analyst?.id ?? null,
        fileName: "synthetic-cases-2019-2025.csv",
        periodStart: SYNTHETIC_START,
        periodEnd: "2025-12-01",
        status: "completed",
        totalRows: rows.length,
        processedRows: rows.length,
        summary: { before: 0, after: rows.length, months: [] },
        completedAt: new Date(),
        startedAt: new Date(),
      })
      .returning({ id: metricImports.id });
    await copyIntoCases(rows, imp!.id);
    await recomputeFacts(db, SYNTHETIC_START, SYNTHETIC_END_EXCLUSIVE);
  }
  await db.insert(metricFacts).values(programFacts()).onConflictDoNothing();
  await publishMetrics(db);
  await seedEvents(db);
}
