import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { metricCases, metricFacts } from "~/db/schema";
import { DIMENSIONS, MEASURES } from "~/modules/metrics";
import type { CaseRow } from "~/modules/metrics/index.server";
import { recomputeFacts, syncMeasureCatalogue } from "~/modules/metrics/index.server";
import { clientFor, type Client } from "../support/app";
import { disclosures, seriesEquations, tableEquations, type Equation } from "../support/disclosure";

/**
 * A fixture full of small cells. By offense and year it is built to tempt subtraction:
 * 2023 has drug 120, violent 7, property 45 — the 2023 total minus the two large cells would
 * give 7 away if only the 7 were hidden.
 */
const BLOCKS: { year: number; offense: string; n: number }[] = [
  { year: 2023, offense: "drug", n: 120 },
  { year: 2023, offense: "violent", n: 7 },
  { year: 2023, offense: "property", n: 45 },
  { year: 2024, offense: "drug", n: 88 },
  { year: 2024, offense: "violent", n: 95 },
  { year: 2024, offense: "property", n: 60 },
  { year: 2024, offense: "weapons", n: 3 },
];

function fixtureRows(): CaseRow[] {
  const rows: CaseRow[] = [];
  let seq = 0;
  for (const b of BLOCKS) {
    for (let i = 0; i < b.n; i++) {
      seq++;
      const month = 1 + (i % 12);
      const received = `${b.year}-${String(month).padStart(2, "0")}-${String(1 + (i % 27)).padStart(2, "0")}`;
      const filed = i % 2 === 0;
      const declined = !filed && i % 3 === 0;
      const diverted = !filed && !declined && i % 4 === 1;
      rows.push({
        caseId: `FIX-${seq}`,
        participantId: "P1",
        receivedDate: received,
        offenseCategory: b.offense,
        drugLevel: b.offense === "drug" ? (i % 5 === 0 ? "sale" : "user") : null,
        raceEthnicity: seq % 41 === 0 ? "native" : ["black", "white", "hispanic", "black", "white"][i % 5]!,
        sex: i % 9 === 0 ? "female" : "male",
        ageBand: ["18_24", "25_34", "35_44", "45_54", "under_18"][i % 5]!,
        referringAgency: seq % 60 === 0 ? "RAYTOWN PD" : i % 6 === 0 ? "JACKSON SO" : "KCPD",
        zip: seq % 50 === 0 ? "64063" : ["64127", "64130", "64109"][i % 3]!,
        filedDate: filed ? received : null,
        declinedDate: declined ? received : null,
        declineReason: declined ? "insufficient_evidence" : null,
        divertedDate: diverted ? received : null,
        disposedDate: filed && i % 4 === 0 ? received : null,
        sentencedDate: filed && i % 8 === 0 ? received : null,
        disposition: filed && i % 4 === 0 ? "plea" : null,
        firearmRecovered: i % 17 === 0,
      });
    }
  }
  return rows;
}

beforeAll(async () => {
  await syncMeasureCatalogue(db);
  await db.execute(sql`delete from metric_facts`);
  await db.execute(sql`delete from metric_cases`);
  const rows = fixtureRows();
  for (let i = 0; i < rows.length; i += 500) await db.insert(metricCases).values(rows.slice(i, i + 500));
  await recomputeFacts(db, "2023-01-01", "2025-01-01");
  // Program counts with small months, and a population.
  const program: (typeof metricFacts.$inferInsert)[] = [];
  for (let m = 1; m <= 12; m++) {
    program.push({ measureKey: "p4p_referrals", month: `2024-${String(m).padStart(2, "0")}-01`, count: m % 4 === 0 ? 4 : 20 + m });
    program.push({ measureKey: "firearm_cases", month: `2023-${String(m).padStart(2, "0")}-01`, count: m === 5 ? 9 : 30 + m });
  }
  for (const [race, n] of [
    ["black", 39_000],
    ["white", 45_000],
    ["hispanic", 10_000],
    ["asian", 3_000],
    ["native", 1_000],
  ] as const) {
    program.push({ measureKey: "population", month: "2024-01-01", raceEthnicity: race, count: n });
  }
  await db.insert(metricFacts).values(program);
});

function visible(html: string) {
  return html.replace(/<script[\s\S]*?<\/script>/g, "");
}

type Parsed = { entries: (number | null)[]; equations: Equation[]; shape: string };

/** Reads the published count table of a measure page: body rows, then the totals row. */
function parseHtmlTable(html: string): Parsed | null {
  const table = visible(html).match(/<table class="metric-table" data-metric-table="">([\s\S]*?)<\/table>/);
  if (!table) return null;
  const rows = [...table[1]!.matchAll(/<tr>([\s\S]*?)<\/tr>/g)]
    .map((r) => [...r[1]!.matchAll(/<td data-state="(\w+)">([^<]*)<\/td>/g)].map((c) => (c[1] === "shown" ? Number(c[2]!.replace(/,/g, "")) : null)))
    .filter((cells) => cells.length > 0);
  return toParsed(rows);
}

function parseCsv(text: string): Parsed {
  const lines = text
    .trim()
    .split("\n")
    .filter((l) => !l.startsWith("#"));
  const header = lines[0]!.split(",");
  const countCols = header.map((h, i) => (h !== "period" && h !== "rate_percent" ? i : -1)).filter((i) => i >= 0);
  const rows = lines.slice(1).map((l) => {
    const cells = l.split(",");
    return countCols.map((i) => (cells[i] === "fewer than 11" || cells[i] === "suppressed" ? null : Number(cells[i])));
  });
  return toParsed(rows);
}

function toParsed(rows: (number | null)[][]): Parsed {
  const R = rows.length - 1; // the last row is the totals row
  const width = rows[0]!.length;
  if (width === 1) return { entries: rows.map((r) => r[0]!), equations: seriesEquations(R), shape: `series ${R}` };
  return { entries: rows.flat(), equations: tableEquations(R, width - 1), shape: `table ${R}x${width - 1}` };
}

async function inBatches<T>(items: T[], size: number, fn: (item: T) => Promise<void>) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

const GRAINS = ["grain=year", "grain=quarter", "grain=month&year=2023", "grain=month&year=2024"];

describe("dashboard suppression", () => {
  let visitor: Client;
  beforeAll(async () => {
    visitor = await clientFor();
  });

  it("hides the tempting 7 and a complement in the same row and column", async () => {
    const html = await (await visitor.get("/dashboard/referred?grain=year&by=offense")).text();
    const page = visible(html);
    const row2023 = page.match(/<tr><th scope="row">2023<\/th>([\s\S]*?)<\/tr>/)![1]!;
    const states = [...row2023.matchAll(/data-state="(\w+)"/g)].map((m) => m[1]);
    // columns: violent, property, drug, weapons, public_order, traffic, other, total
    expect(states[0]).toBe("primary");
    expect(row2023).toContain("fewer than 11");
    expect(states.filter((s) => s !== "shown").length).toBeGreaterThanOrEqual(2);
    expect(row2023).toContain(">172<"); // the row total is still published
    expect(parseHtmlTable(html)).not.toBeNull();
    expect(disclosures(parseHtmlTable(html)!.entries, parseHtmlTable(html)!.equations)).toEqual([]);
  });

  it("no page or CSV shows a count from 1 to 10 or lets one be derived from its totals", async () => {
    const publicMeasures = MEASURES.filter((m) => m.kind !== "context");
    const pages: string[] = [];
    for (const m of publicMeasures) {
      for (const g of GRAINS) {
        const bys = m.kind === "case" ? ["", ...DIMENSIONS] : [""];
        for (const by of bys) pages.push(`/dashboard/${m.key}/csv?${g}${by ? `&by=${by}` : ""}`);
      }
    }
    // HTML pages for a few measures at every grain and breakdown (the CSV covers every measure).
    for (const key of ["referred", "filed", "drug_referred", "p4p_referrals", "firearm_cases"]) {
      for (const g of GRAINS) for (const by of ["", ...DIMENSIONS]) pages.push(`/dashboard/${key}?${g}${by ? `&by=${by}` : ""}`);
    }
    // Filtered views: every single-value filter of every dimension.
    const filters = [
      "offense=drug",
      "offense=violent",
      "offense=weapons",
      "race=black",
      "race=native",
      "sex=female",
      "age=under_18",
      "agency=RAYTOWN%20PD",
      "agency=JACKSON%20SO",
      "zip=64063",
      "zip=64127",
    ];
    for (const f of filters) {
      for (const by of ["", "race", "zip"]) {
        pages.push(`/dashboard/referred?grain=year&${f}${by ? `&by=${by}` : ""}`);
        pages.push(`/dashboard/filed/csv?grain=quarter&${f}${by ? `&by=${by}` : ""}`);
      }
    }
    const problems: string[] = [];
    let checked = 0;
    await inBatches(pages, 4, async (path) => {
      const response = await visitor.get(path);
      expect(response.status, path).toBe(200);
      const body = await response.text();
      expect(body).not.toContain("FIX-");
      const parsed = path.includes("/csv?") ? parseCsv(body) : parseHtmlTable(body);
      if (!parsed) {
        expect(visible(body)).toContain("No data has been published");
        return;
      }
      checked++;
      for (const p of disclosures(parsed.entries, parsed.equations)) problems.push(`${path} (${parsed.shape}): ${p}`);
    });
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(300);
  }, 240_000);

  it("keeps the dashboard's headline figures and the disparity view free of small counts", async () => {
    const index = visible(await (await visitor.get("/dashboard")).text());
    expect(index).toContain("Synthetic data");
    const headlines = [...index.matchAll(/<strong>([^<]*)<\/strong>/g)].map((m) => m[1]!);
    for (const h of headlines) if (!h.endsWith("%") && /^[\d,]+$/.test(h)) expect(Number(h.replace(/,/g, ""))).not.toSatisfy((n: number) => n >= 1 && n <= 10);
    const disparity = visible(await (await visitor.get("/dashboard/disparity?year=2024")).text());
    expect(disparity).toContain("insufficient data");
    // weapons 2024 has 3 cases: every group's filing rate there is insufficient
    const weapons = visible(await (await visitor.get("/dashboard/disparity?year=2024&offense=weapons")).text());
    expect(weapons.match(/data-status="(ok|reference)"/g) ?? []).toHaveLength(0);
  });
});
