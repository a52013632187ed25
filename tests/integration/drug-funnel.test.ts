import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { CSV_HEADER } from "~/modules/metrics";
import { csvLine } from "~/modules/metrics/index.server";
import { startWorker } from "../../server/jobs";
import { clientFor, type Client } from "../support/app";

/**
 * The drug-policy funnel against a fixture counted by hand: March 2032 and March 2031 (years the
 * demo data does not reach), each imported through the staff import (upload, preview, confirm,
 * the job), then the page and its CSV read as a visitor. 2032 has no small count: every figure is
 * shown and must be the hand figure. 2031, imported next, is the same but for one small cell.
 *
 * Drug cases (all user level, one race, sex, age and agency), by ZIP:
 *
 *   ZIP    concern  violence  not recorded  filed  declined  referred  firearm
 *   64127     20       15          12         47      30        77        12
 *   64130     14       18          13         45      25        70         0
 *   64109     16       14          11         41      20        61         0
 *   total     50       47          36        133      75       208        12
 *
 * In 2031 64109 has 2 filings citing a concern, 2 citing violence and 1 without grounds (filed 5,
 * referred 25; totals: concern 36, violence 35, not recorded 26, filed 97, referred 172).
 *
 * Plus, in every ZIP, 25 property cases filed and 15 declined (so a ZIP's filings are not all drug
 * filings). The 5 is "fewer than 11"; at least one other cell of each line it is in must be hidden
 * too, and no hidden cell may be worked out from what the page or the CSV shows. The grounds are
 * and declinations are published for the county only, not by ZIP.
 */
/** March 2032: every count 11 or more, so every figure is shown and must equal the hand figure. */
const FULL_YEAR = "2032";
/** March 2031: the same, except one small cell. */
const YEAR = "2031";
type Counts = { concern: number; violence: number; unrecorded: number; declined: number; firearm: number };
const FULL: Record<string, Counts> = {
  "64127": { concern: 20, violence: 15, unrecorded: 12, declined: 30, firearm: 12 },
  "64130": { concern: 14, violence: 18, unrecorded: 13, declined: 25, firearm: 0 },
  "64109": { concern: 16, violence: 14, unrecorded: 11, declined: 20, firearm: 0 },
};
const FIXTURE: Record<string, Counts> = { ...FULL, "64109": { ...FULL["64109"]!, concern: 2, violence: 2, unrecorded: 1 } };
type Zip = string;
const ZIPS = Object.keys(FIXTURE);

const STAGES = ["drug_referred", "drug_filed", "drug_filed_concern", "drug_filed_violence", "drug_filed_unrecorded", "drug_declined"] as const;
type Stage = (typeof STAGES)[number];
const ZIP_STAGES = ["drug_referred", "drug_filed"] as const;
const COUNTY_ONLY = ["drug_filed_concern", "drug_filed_violence", "drug_filed_unrecorded", "drug_declined"] as const;

/** The hand figures: each stage's count per ZIP and in total. */
function hand(zip: Zip | "total", fixture = FIXTURE): Record<Stage, number> {
  const rows = zip === "total" ? ZIPS.map((z) => fixture[z]!) : [fixture[zip]!];
  const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((a, r) => a + f(r), 0);
  const filed = sum((r) => r.concern + r.violence + r.unrecorded);
  const declined = sum((r) => r.declined);
  return {
    drug_referred: filed + declined,
    drug_filed: filed,
    drug_filed_concern: sum((r) => r.concern),
    drug_filed_violence: sum((r) => r.violence),
    drug_filed_unrecorded: sum((r) => r.unrecorded),
    drug_declined: declined,
  };
}
const SMALL = { zip: "64109" as Zip, stage: "drug_filed" as Stage };

function fixtureCsv(year: string, fixture: Record<string, Counts>) {
  const RECEIVED = `${year}-03-10`;
  const lines = [CSV_HEADER.join(",")];
  let seq = 0;
  const add = (over: Record<string, string>) => {
    seq++;
    const record: Record<string, string> = {
      case_id: `FUN-${year}-${seq}`,
      participant_id: "P1",
      received_date: RECEIVED,
      offense_category: "drug",
      drug_level: "user",
      race_ethnicity: "black",
      sex: "male",
      age_band: "25_34",
      referring_agency: "KCPD",
      zip: "",
      filed_date: "",
      filing_grounds: "",
      declined_date: "",
      decline_reason: "",
      diverted_date: "",
      disposed_date: "",
      sentenced_date: "",
      disposition: "",
      firearm_recovered: "false",
      ...over,
    };
    lines.push(csvLine(CSV_HEADER.map((h) => record[h])));
  };
  for (const zip of ZIPS) {
    const f = fixture[zip]!;
    let firearms = f.firearm;
    const gun = () => (firearms-- > 0 ? "true" : "false");
    for (const [grounds, n] of [
      ["community_concern", f.concern],
      ["violence_connection", f.violence],
      ["", f.unrecorded],
    ] as const)
      for (let i = 0; i < n; i++) add({ zip, filed_date: RECEIVED, filing_grounds: grounds, firearm_recovered: gun() });
    for (let i = 0; i < f.declined; i++) add({ zip, declined_date: RECEIVED, decline_reason: "no_documented_concern", firearm_recovered: gun() });
    for (let i = 0; i < 25; i++) add({ zip, offense_category: "property", drug_level: "", filed_date: RECEIVED });
    for (let i = 0; i < 15; i++) add({ zip, offense_category: "property", drug_level: "", declined_date: RECEIVED, decline_reason: "insufficient_evidence" });
  }
  return lines.join("\n") + "\n";
}

async function upload(client: Client, csv: string, periodStart: string, periodEnd: string, name: string) {
  const form = new FormData();
  form.append("periodStart", periodStart);
  form.append("periodEnd", periodEnd);
  form.append("file", new Blob([csv], { type: "text/csv" }), name);
  return client.request("/staff/metrics/import", { method: "POST", body: form });
}

function visible(html: string) {
  return html.replace(/<script[\s\S]*?<\/script>/g, "");
}

type Seen = { text: string; state: string };
/** A funnel table of the page: row key → stage → what the page shows. */
function pageTable(html: string, kind: "year" | "zip"): Map<string, Map<Stage, Seen>> {
  const table = html.match(new RegExp(`<table[^>]*data-funnel-table="${kind}"[\\s\\S]*?</table>`))![0];
  const out = new Map<string, Map<Stage, Seen>>();
  for (const row of table.matchAll(/<tr data-row="([^"]+)">([\s\S]*?)<\/tr>/g)) {
    const cells = new Map<Stage, Seen>();
    for (const c of row[2]!.matchAll(/<td data-stage="(\w+)" data-state="(\w+)"><span data-count="">([^<]*)<\/span>/g))
      cells.set(c[1] as Stage, { text: c[3]!, state: c[2]! });
    out.set(row[1]!, cells);
  }
  return out;
}

/** The CSV's rows: table|period|zip → stage → text. */
function csvTable(text: string) {
  const lines = text
    .trim()
    .split("\n")
    .filter((l) => !l.startsWith("#"));
  const header = lines[0]!.split(",");
  const out = new Map<string, Map<string, string>>();
  for (const l of lines.slice(1)) {
    const v = l.split(",");
    out.set(`${v[0]}|${v[1]}|${v[2]}`, new Map(header.map((h, i) => [h, v[i]!])));
  }
  return out;
}

const FEWER = "fewer than 11";
const SUPPRESSED = "suppressed";

/**
 * What a reader can work out about a line of the table (parts adding up to a shown total): the
 * hidden parts share total − Σ shown parts; each "fewer than 11" part must still be able to be 1
 * and 10 with the others in their ranges ("fewer than 11" 1–10, "suppressed" ≥ 11).
 */
function lineLeaks(total: string, parts: string[]): string | null {
  if (!/^\d+$/.test(total)) return null; // a hidden total: nothing to subtract from
  const hidden = parts.filter((p) => !/^\d+$/.test(p));
  const rest = Number(total) - parts.filter((p) => /^\d+$/.test(p)).reduce((a, p) => a + Number(p), 0);
  if (hidden.length === 0) return rest === 0 ? null : `shown parts do not add up (${rest})`;
  if (hidden.length === 1) return `one hidden part: it is ${rest}`;
  const fewer = hidden.filter((p) => p === FEWER).length;
  const suppressed = hidden.filter((p) => p === SUPPRESSED).length;
  if (!fewer) return null;
  // One "fewer than 11" at 10, the other ones at 1, the suppressed at 11 or more: needs rest ≥ 10 + (fewer−1) + 11·suppressed.
  if (rest < 10 + (fewer - 1) + 11 * suppressed) return `a "fewer than 11" part cannot reach 10 (hidden parts share ${rest})`;
  // …and at 1 with the others at 10 and the suppressed unbounded above: fine when any is suppressed.
  if (!suppressed && rest > 1 + (fewer - 1) * 10) return `a "fewer than 11" part cannot be 1 (hidden parts share ${rest})`;
  return null;
}

let stopWorker: (() => Promise<void>) | null = null;
let visitor: Client;
async function importMonth(analyst: Client, csv: string, month: string) {
  const uploaded = await upload(analyst, csv, month, month, `funnel-${month}.csv`);
  expect(uploaded.status).toBe(302);
  const statusPath = uploaded.headers.get("location")!;
  expect(visible(await (await analyst.get(statusPath)).text())).toContain("Preview: every row is valid");
  expect((await analyst.post(statusPath, { intent: "confirm" })).status).toBe(302);
  stopWorker ??= await startWorker();
  const deadline = Date.now() + 60_000;
  for (;;) {
    const html = await (await analyst.get(statusPath)).text();
    if (/data-status="completed"/.test(html)) break;
    if (/data-status="failed"/.test(html) || Date.now() > deadline) throw new Error("the fixture import did not complete");
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  const analyst = await clientFor("analyst@demo.test");
  await importMonth(analyst, fixtureCsv(FULL_YEAR, FULL), `${FULL_YEAR}-03`);
  visitor = await clientFor();
}, 180_000);
afterAll(async () => {
  await stopWorker?.();
});

describe("the drug-policy funnel", () => {
  it("shows the hand-computed funnel for the year, on the page and in the CSV", async () => {
    const res = await visitor.get(`/dashboard/drug-policy?year=${FULL_YEAR}`);
    expect(res.status).toBe(200);
    const html = visible(await res.text());
    expect(html).toContain("<title>Drug-policy funnel · Dashboard · CAB Portal</title>");
    const total = hand("total", FULL);
    const year = pageTable(html, "year").get(FULL_YEAR)!;
    const chart = html.match(/<svg[^>]*data-chart="bar-rows"[\s\S]*?<\/svg>/)![0];
    const csv = csvTable(await (await visitor.get(`/dashboard/drug-policy/csv?year=${FULL_YEAR}`)).text());
    const csvYear = csv.get(`funnel|${FULL_YEAR}|`)!;
    for (const s of STAGES) {
      // The year's funnel: every count shown and equal to the hand figure, in the chart, the tables and the CSV.
      expect(year.get(s), s).toEqual({ text: total[s].toLocaleString("en-US"), state: "shown" });
      expect(chart).toContain(`data-series="${s}" data-state="shown" data-value="${total[s]}"`);
      expect(csvYear.get(s), s).toBe(String(total[s]));
      expect(csv.get(`by_year|${FULL_YEAR}|`)!.get(s)).toBe(String(total[s]));
      if (s !== "drug_referred") {
        const share = ((total[s] / total.drug_referred) * 100).toFixed(1);
        expect(csvYear.get(`${s}_share_percent`), s).toBe(share);
        expect(html).toMatch(
          new RegExp(`<tr data-stage="${s}"[^>]*><th scope="row">[^<]*</th><td data-state="shown" data-count="">[^<]*</td><td data-share="">${share}%</td>`),
        );
      }
    }
    // The summary table beside the chart is the same.
    const summary = html.match(/<table class="metric-table funnel-table"[\s\S]*?<\/table>/)![0];
    for (const s of STAGES)
      expect(summary).toMatch(new RegExp(`data-stage="${s}"[^>]*><th scope="row">[^<]*</th><td data-state="shown" data-count="">${total[s]}</td>`));
    // Firearms recovered in referred drug cases, as a share.
    const firearm = html.match(/<dl class="measure-facts" data-funnel-firearm="">([\s\S]*?)<\/dl>/)![1]!;
    expect(firearm).toContain('<dd data-state="shown" data-count="">12</dd>');
    expect(firearm).toContain(`<dd data-share="">${((12 / total.drug_referred) * 100).toFixed(1)}%</dd>`);
    // …and the ZIP split, every cell of it; the grounds and declinations are not published by ZIP.
    const zips = pageTable(html, "zip");
    for (const zip of ZIPS) {
      for (const s of ZIP_STAGES) {
        expect(zips.get(zip)!.get(s), `${zip} ${s}`).toEqual({ text: String(hand(zip, FULL)[s]), state: "shown" });
        expect(csv.get(`by_zip|${FULL_YEAR}|${zip}`)!.get(s), `${zip} ${s}`).toBe(String(hand(zip, FULL)[s]));
      }
      for (const s of COUNTY_ONLY) {
        expect(zips.get(zip)!.has(s), `${zip} ${s}`).toBe(false);
        expect(csv.get(`by_zip|${FULL_YEAR}|${zip}`)!.get(s), `${zip} ${s}`).toBe("not published");
      }
    }
    for (const key of COUNTY_ONLY) expect((await visitor.get(`/dashboard/${key}/csv?grain=year&by=zip`)).status, key).toBe(404);
    // The CSU baseline is there, labelled as the reference it is.
    const baseline = html.match(/<aside[^>]*data-baseline=""[\s\S]*?<\/aside>/)![0];
    expect(baseline).toContain("Reference: the CSU&#x27;s published baseline");
    expect(baseline).toContain("about 39% of the county&#x27;s population and about 85% of referred drug-sale defendants");
    expect(baseline).toContain("under 5% of referred drug cases (CSU baseline)");
    expect(baseline).toContain("The portal does not compute them");
  });

  it("shows the ZIP split as published: hand figures where shown, the small cell hidden, nothing recoverable by subtraction", async () => {
    // The month with the small cell, imported after the year without one was checked (a hidden
    // year total is complemented in the all-years line by the smallest other year: 2032's).
    await importMonth(await clientFor("analyst@demo.test"), fixtureCsv(YEAR, FIXTURE), `${YEAR}-03`);
    const html = visible(await (await visitor.get(`/dashboard/drug-policy?year=${YEAR}`)).text());
    const zips = pageTable(html, "zip");
    const csv = csvTable(await (await visitor.get(`/dashboard/drug-policy/csv?year=${YEAR}`)).text());
    // Only ZIPs with drug referrals that year are listed (the demo data's other ZIPs have none in 2031).
    expect([...zips.keys()].sort()).toEqual([...ZIPS].sort());
    let shown = 0;
    for (const zip of ZIPS) {
      const want = hand(zip);
      for (const s of ZIP_STAGES) {
        const seen = zips.get(zip)!.get(s)!;
        const fromCsv = csv.get(`by_zip|${YEAR}|${zip}`)!.get(s)!;
        expect(fromCsv, `${zip} ${s}: CSV = page`).toBe(seen.state === "shown" ? seen.text : seen.state === "primary" ? FEWER : SUPPRESSED);
        if (seen.state === "shown") {
          shown++;
          expect(seen.text, `${zip} ${s}`).toBe(String(want[s]));
        } else {
          // A hidden cell is a small count, or a complement that is at least 11 (never a 0).
          if (seen.state === "primary") expect(want[s], `${zip} ${s}`).toBeLessThan(11);
          else expect(want[s], `${zip} ${s}`).toBeGreaterThanOrEqual(11);
          expect(seen.text).toBe(seen.state === "primary" ? "fewer than 11" : "suppressed");
        }
      }
    }
    // The small cell is hidden as "fewer than 11"; one ZIP stays wholly shown.
    expect(zips.get(SMALL.zip)!.get(SMALL.stage)).toEqual({ text: "fewer than 11", state: "primary" });
    expect(shown).toBeGreaterThanOrEqual(ZIP_STAGES.length);
    // Its share is withheld too.
    expect(csv.get(`by_zip|${YEAR}|${SMALL.zip}`)!.get(`${SMALL.stage}_share_percent`)).toBe("withheld");

    // Subtraction: each stage's ZIPs add up to the year's figure.
    const text = (zip: string, s: Stage) => csv.get(`by_zip|${YEAR}|${zip}`)!.get(s)!;
    const year = csv.get(`funnel|${YEAR}|`)!;
    const leaks: string[] = [];
    for (const s of ZIP_STAGES) {
      const why = lineLeaks(
        year.get(s)!,
        ZIPS.map((z) => text(z, s)),
      );
      if (why) leaks.push(`${s} over ZIPs: ${why}`);
    }
    // …and the year's grounds add up to its filings.
    const grounds = lineLeaks(year.get("drug_filed")!, [year.get("drug_filed_concern")!, year.get("drug_filed_violence")!, year.get("drug_filed_unrecorded")!]);
    if (grounds) leaks.push(`year grounds: ${grounds}`);
    expect(leaks).toEqual([]);
    // No share reveals a hidden count either: a hidden count's share is withheld everywhere.
    for (const zip of ZIPS)
      for (const s of ZIP_STAGES.slice(1))
        if (!/^\d+$/.test(text(zip, s))) expect(csv.get(`by_zip|${YEAR}|${zip}`)!.get(`${s}_share_percent`), `${zip} ${s}`).toBe("withheld");
  });

  it("marks every charging-policy version on the yearly trend, at its effective date", async () => {
    const html = visible(await (await visitor.get(`/dashboard/drug-policy?year=${YEAR}`)).text());
    const policies = (await db.execute<{ d: string }>(sql`select effective_from::text as d from policy_versions order by effective_from`)).map((r) => r.d);
    expect(policies.length).toBeGreaterThan(1);
    const trend = html.match(/<svg[^>]*data-series="drug_filed"[\s\S]*?<\/svg>/)![0];
    const years = [...trend.matchAll(/<g data-period="(\d{4})"/g)].map((m) => m[1]!);
    expect(years).toContain(YEAR);
    const inRange = policies.filter((d) => years.includes(d.slice(0, 4)));
    expect(inRange.length).toBeGreaterThan(0);
    for (const d of inRange) {
      const m = trend.match(new RegExp(`<g data-marker="policy" data-date="${d}" data-at="([\\d.]+)%"`));
      expect(m, d).not.toBeNull();
      // At its day within its year's slot.
      const [y, mo, da] = d.split("-").map(Number) as [number, number, number];
      const frac = (Date.UTC(y, mo - 1, da) - Date.UTC(y, 0, 1)) / 86_400_000 / (new Date(Date.UTC(y, 1, 29)).getUTCDate() === 29 ? 366 : 365);
      expect(Number(m![1])).toBeCloseTo(((years.indexOf(String(y)) + frac) / years.length) * 100, 2);
      expect(html).toContain(`data-marker-item="policy" data-date="${d}"`);
    }
    // The declined share's chart carries the same markers.
    const declined = html.match(/<svg[^>]*data-series="drug_declined"[\s\S]*?<\/svg>/)![0];
    for (const d of inRange) expect(declined).toContain(`data-marker="policy" data-date="${d}"`);
  });

  it("speaks Spanish, offers all years without a ZIP split, and is linked from the dashboard", async () => {
    const es = visible(await (await visitor.get(`/dashboard/drug-policy?year=${YEAR}`, { headers: { "Accept-Language": "es" } })).text());
    expect(es).toContain("<title>Embudo de la política de drogas · Panel de datos · Portal del CAB</title>");
    expect(es).toContain("Referencia: la línea de base publicada por la CSU");
    expect(es).toContain("menos de 11");
    const all = visible(await (await visitor.get("/dashboard/drug-policy?year=")).text());
    expect(all).toContain("The split by ZIP code is published one year at a time");
    expect(all).not.toContain('data-funnel-table="zip"');
    const allCsv = await (await visitor.get("/dashboard/drug-policy/csv?year=all")).text();
    expect(allCsv).toContain("\nfunnel,all,,");
    expect(allCsv).not.toContain("\nby_zip,");
    const home = visible(await (await visitor.get("/dashboard")).text());
    expect(home).toContain('href="/dashboard/drug-policy"');
  });

  it("refuses filing grounds on a case that was not filed, with a clear message (en/es)", async () => {
    const analyst = await clientFor("analyst@demo.test");
    const lines = fixtureCsv(YEAR, FIXTURE).trim().split("\n").slice(0, 2);
    const RECEIVED = `${YEAR}-03-10`;
    const header = lines[0]!.split(",");
    const row = lines[1]!.split(",");
    row[header.indexOf("case_id")] = "GROUNDS-1";
    row[header.indexOf("filed_date")] = "";
    row[header.indexOf("declined_date")] = RECEIVED;
    row[header.indexOf("decline_reason")] = "no_documented_concern";
    row[header.indexOf("filing_grounds")] = "community_concern";
    const bad = [...row];
    bad[header.indexOf("case_id")] = "GROUNDS-2";
    bad[header.indexOf("filed_date")] = RECEIVED;
    bad[header.indexOf("declined_date")] = "";
    bad[header.indexOf("decline_reason")] = "";
    bad[header.indexOf("filing_grounds")] = "hunch";
    const res = await upload(analyst, [lines[0], row.join(","), bad.join(",")].join("\n") + "\n", "2031-03", "2031-03", "grounds.csv");
    const path = res.headers.get("location")!;
    const html = visible(await (await analyst.get(path)).text());
    expect(html).toContain("This file has errors, so nothing was imported");
    expect(html).toMatch(
      /<tr data-row="2"><td>2<\/td><td><code>filing_grounds<\/code><\/td><td>filing_grounds is only for filed cases: set filed_date, or leave filing_grounds empty\.<\/td>/,
    );
    expect(html).toMatch(/<tr data-row="3"><td>3<\/td><td><code>filing_grounds<\/code><\/td><td>Not one of the allowed codes\.<\/td>/);
    await analyst.post("/set-locale", { locale: "es", redirectTo: path });
    const es = visible(await (await analyst.get(path)).text());
    expect(es).toContain("filing_grounds es solo para casos presentados");
    // The refused file changed nothing: the imported months are still there.
    const [{ n }] = (await db.execute<{ n: number }>(sql`select count(*)::int as n from metric_cases where case_id like 'FUN-%'`)) as unknown as [
      { n: number },
    ];
    expect(Number(n)).toBe(ZIPS.reduce((a, z) => a + hand(z, FULL).drug_referred + hand(z).drug_referred + 2 * 40, 0));
  });
});
