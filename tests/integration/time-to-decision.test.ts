import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { CSV_HEADER } from "~/modules/metrics";
import { csvLine } from "~/modules/metrics/index.server";
import { startWorker } from "../../server/jobs";
import { addDays } from "~/utils/clock";
import { clientFor, type Client } from "../support/app";

/**
 * Time to decision and to disposition, from a hand-computed fixture imported through the real
 * upload → confirm → job path, for two years the demo data does not have:
 *
 * 2032: 24 decided cases received 1 March, case i decided i days later (filed for i ≤ 16, declined
 * after), and a 25th never decided (hispanic). Filed cases are disposed 100 + 5i days after referral
 * (every fourth a dismissal). Cases 1–12 are black, 13–25 white/hispanic.
 *   decision, all (n 24, days 1..24): nearest rank 25th = 6th = 6, median = 12th = 12, 75th = 18, 90th = ⌈21.6⌉ = 22nd = 22
 *   disposition, all (n 16, 105..180 by 5): 4th = 120, 8th = 140, 12th = 160, ⌈14.4⌉ = 15th = 175
 *   decision, black (n 12, 1..12): 3, 6, 9, ⌈10.8⌉ = 11   · white (n 12, 13..24): 15, 18, 21, 23
 *   disposition, black (n 12, 105..160): 115, 130, 145, 155 · white (n 4): insufficient · hispanic: insufficient
 * 2033: 7 cases decided 701–707 days and disposed 801–807 days after referral: below 11, insufficient
 * everywhere, and none of those day counts may appear in the page, the CSV or the API.
 */
const LEAKS = /\b(70[1-7]|80[1-7])\b/;

function fixtureCsv() {
  const lines = [CSV_HEADER.join(",")];
  const row = (r: Partial<Record<(typeof CSV_HEADER)[number], string>>) =>
    lines.push(
      csvLine(
        CSV_HEADER.map(
          (h) =>
            r[h] ??
            { offense_category: "property", sex: "male", age_band: "25_34", referring_agency: "KCPD", zip: "64127", firearm_recovered: "false" }[h as string] ??
            "",
        ),
      ),
    );
  const r32 = "2032-03-01";
  for (let i = 1; i <= 24; i++) {
    const filed = i <= 16;
    row({
      case_id: `TTD32-${i}`,
      participant_id: "P1",
      received_date: r32,
      race_ethnicity: i <= 12 ? "black" : "white",
      filed_date: filed ? addDays(r32, i) : "",
      declined_date: filed ? "" : addDays(r32, i),
      decline_reason: filed ? "" : "insufficient_evidence",
      disposed_date: filed ? addDays(r32, 100 + 5 * i) : "",
      disposition: filed ? (i % 4 === 0 ? "dismissed" : "plea") : "",
    });
  }
  row({ case_id: "TTD32-25", participant_id: "P1", received_date: r32, race_ethnicity: "hispanic" });
  const r33 = "2033-02-01";
  for (let i = 1; i <= 7; i++)
    row({
      case_id: `TTD33-${i}`,
      participant_id: "P1",
      received_date: r33,
      race_ethnicity: "black",
      filed_date: addDays(r33, 700 + i),
      disposed_date: addDays(r33, 800 + i),
      disposition: "plea",
    });
  return lines.join("\n") + "\n";
}

function visible(html: string) {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replace(/<style[\s\S]*?<\/style>/g, "")
    .replace(/<[^>]+>/g, " ");
}

/** The rows of one stats table on the page: header cell → the four figures, or "insufficient data". */
function tableRows(html: string, id: string) {
  const table = html.match(new RegExp(`data-stats-table="${id}"[\\s\\S]*?</table>`))?.[0] ?? "";
  const out = new Map<string, string[]>();
  for (const m of table.matchAll(/<tr data-state="(\w+)"><th scope="row">([^<]*)<\/th>([\s\S]*?)<\/tr>/g)) {
    out.set(m[2]!, m[1] === "shown" ? [...m[3]!.matchAll(/<td>([^<]*)<\/td>/g)].map((c) => c[1]!) : [visible(m[3]!).trim()]);
  }
  return out;
}

let stopWorker: (() => Promise<void>) | null = null;
let visitor: Client;

beforeAll(async () => {
  const analyst = await clientFor("analyst@demo.test");
  const form = new FormData();
  form.append("periodStart", "2032-01");
  form.append("periodEnd", "2033-12");
  form.append("file", new Blob([fixtureCsv()], { type: "text/csv" }), "time-to-decision.csv");
  const uploaded = await analyst.request("/staff/metrics/import", { method: "POST", body: form });
  expect(uploaded.status).toBe(302);
  const statusPath = uploaded.headers.get("location")!;
  expect(await (await analyst.get(statusPath)).text()).toContain("Preview: every row is valid");
  expect((await analyst.post(statusPath, { intent: "confirm" })).status).toBe(302);
  stopWorker = await startWorker();
  const deadline = Date.now() + 60_000;
  for (;;) {
    const html = await (await analyst.get(statusPath)).text();
    if (/data-status="completed"/.test(html)) break;
    if (/data-status="failed"/.test(html) || Date.now() > deadline) throw new Error("the import did not complete");
    await new Promise((r) => setTimeout(r, 200));
  }
  visitor = await clientFor();
}, 90_000);

afterAll(async () => {
  await stopWorker?.();
});

describe("time to decision and to disposition", () => {
  it("shows the hand-computed quantiles by year on the page, with their charts", async () => {
    const res = await visitor.get("/dashboard/time-to-decision?lng=en&year=2032");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("<title>Time to decision · Dashboard · CAB Portal</title>");
    expect(tableRows(html, "decision_days-years").get("2032")).toEqual(["6", "12", "18", "22"]);
    expect(tableRows(html, "disposition_days-years").get("2032")).toEqual(["120", "140", "160", "175"]);
    expect(tableRows(html, "decision_days-years").get("2033")).toEqual(["insufficient data"]);
    expect(tableRows(html, "disposition_days-years").get("2033")).toEqual(["insufficient data"]);
    // By race/ethnicity, for the year asked for.
    const race = tableRows(html, "decision_days-race");
    expect(race.get("Black")).toEqual(["3", "6", "9", "11"]);
    expect(race.get("White")).toEqual(["15", "18", "21", "23"]);
    expect(race.get("Hispanic/Latino")).toEqual(["insufficient data"]);
    const raceDisp = tableRows(html, "disposition_days-race");
    expect(raceDisp.get("Black")).toEqual(["115", "130", "145", "155"]);
    expect(raceDisp.get("White")).toEqual(["insufficient data"]);
    // The charts draw the same medians (and a dashed stub, no median, where data are insufficient).
    expect(html).toMatch(/<g data-series="2032" data-state="shown" data-median="12">/);
    expect(html).toMatch(/<g data-series="2033" data-state="insufficient">/);
    expect(html).toMatch(/<g data-series="white" data-state="insufficient">/);
    // Spanish.
    const es = await (await visitor.get("/dashboard/time-to-decision?lng=es&year=2032")).text();
    expect(es).toContain("<title>Tiempo hasta la decisión · ");
    expect(es).toContain("datos insuficientes");
  });

  it("lets no quantile of a year under the threshold out: page, CSV, API or the stored table", async () => {
    const page = visible(await (await visitor.get("/dashboard/time-to-decision?lng=en&year=2033")).text());
    expect(page).toContain("By race and ethnicity, referrals of 2033");
    expect(page).not.toMatch(LEAKS);
    const racePage = await (await visitor.get("/dashboard/time-to-decision?lng=en&year=2033")).text();
    expect([...tableRows(racePage, "decision_days-race").values()].every((v) => v[0] === "insufficient data")).toBe(true);

    const csvRes = await visitor.get("/dashboard/time-to-decision/csv");
    expect(csvRes.status).toBe(200);
    expect(csvRes.headers.get("content-type")).toContain("text/csv");
    const csv = await csvRes.text();
    expect(csv).not.toMatch(LEAKS);
    const lines = csv.split("\n");
    expect(lines).toContain("decision_days,2032,all,6,12,18,22");
    expect(lines).toContain("disposition_days,2032,all,120,140,160,175");
    expect(lines).toContain("disposition_days,2032,race=black,115,130,145,155");
    expect(lines).toContain("disposition_days,2032,race=white,insufficient data,insufficient data,insufficient data,insufficient data");
    const rows33 = lines.filter((l) => /^\w+,2033,/.test(l));
    expect(rows33.length).toBe(2 * 8);
    expect(rows33.every((l) => l.endsWith(",insufficient data,insufficient data,insufficient data,insufficient data"))).toBe(true);

    const api = await visitor.get("/api/v1/time-to-decision");
    expect(api.status).toBe(200);
    const body = await api.text();
    expect(body).not.toMatch(LEAKS);
    const json = JSON.parse(body) as {
      minimumBase: number;
      stats: { stat: string; period: string; value: string | null; state: string; p50: number | null }[];
    };
    expect(json.minimumBase).toBe(11);
    expect(json.stats.find((s) => s.stat === "decision_days" && s.period === "2032" && s.value === null)).toMatchObject({
      state: "shown",
      p25: 6,
      p50: 12,
      p75: 18,
      p90: 22,
    });
    const y33 = (await (await visitor.get("/api/v1/time-to-decision?year=2033")).json()) as typeof json;
    expect(y33.stats.length).toBe(16);
    expect(y33.stats.every((s) => s.state === "insufficient" && s.p50 === null)).toBe(true);
    expect((await visitor.get("/api/v1/time-to-decision?year=20x3")).status).toBe(404);
    // The OpenAPI document describes it.
    const doc = (await (await visitor.get("/api/v1/openapi.json")).json()) as { paths: Record<string, unknown> };
    expect(doc.paths["/api/v1/time-to-decision"]).toBeTruthy();

    // The stored publication never held them either.
    const stored = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from metric_published_stats where period = '2033' and (p25 is not null or p50 is not null or p75 is not null or p90 is not null)`,
    );
    expect(Number(stored[0]!.n)).toBe(0);
  });

  it("dismissals and diversions by race read the published cells; a hidden cell stays hidden in the page and the CSV", async () => {
    expect((await visitor.get("/dashboard/diverted?by=race&grain=year")).status).toBe(200);
    const pageRes = await visitor.get("/dashboard/dismissed?by=race&grain=year&lng=en");
    expect(pageRes.status).toBe(200);
    const page = await pageRes.text();
    const csv = (await (await visitor.get("/dashboard/dismissed/csv?by=race&grain=year")).text()).split("\n").filter((l) => l && !l.startsWith("#"));
    const header = csv[0]!.split(",");
    const published = await db.execute<{ period: string; value: string; count: number | null; state: string }>(
      sql`select period, value, count, state::text from metric_published_cells where measure_key = 'dismissed' and grain = 'year' and dimension = 'race'`,
    );
    expect(published.length).toBeGreaterThan(0);
    for (const c of published) {
      const line = csv.find((l) => l.startsWith(`${c.period},`))!.split(",");
      const text = line[header.indexOf(`race=${c.value}`)];
      expect(text, `${c.period} ${c.value}`).toBe(c.state === "shown" ? String(c.count) : c.state === "primary" ? "fewer than 11" : "suppressed");
    }
    // 2032 has three dismissals of black defendants (cases 4, 8, 12): fewer than 11, in the CSV and on the page.
    const row2032 = csv.find((l) => l.startsWith("2032,"))!.split(",");
    expect(row2032[header.indexOf("race=black")]).toBe("fewer than 11");
    const pageRow = page.match(/<tr><th scope="row">2032<\/th>([\s\S]*?)<\/tr>/)![1]!;
    const cells = [...pageRow.matchAll(/<td data-state="(\w+)">([^<]*)<\/td>/g)].map((m) => ({ state: m[1], text: m[2] }));
    const blackAt = header.indexOf("race=black") - 1;
    expect(cells[blackAt]).toEqual({ state: "primary", text: "fewer than 11" });
    // Its rate against disposals is withheld too.
    expect(pageRow).toContain("withheld");
  });

  it("offers firearms from people under 18 as totals only, and Partners for Peace against its yearly target", async () => {
    const f = await visitor.get("/dashboard/firearm_under_18?by=race&grain=year");
    expect(f.status).toBe(404);
    expect(await f.text()).toContain("published as totals only");
    // A yearly count only: by month it is not offered.
    const monthly = await visitor.get("/dashboard/firearm_under_18?grain=month&year=2024");
    expect(monthly.status).toBe(404);
    expect(await monthly.text()).toContain("published by year only");
    expect((await visitor.get("/dashboard/firearm_under_18/csv?grain=month")).status).toBe(404);
    const yearly = await visitor.get("/dashboard/firearm_under_18?grain=year&lng=en");
    expect(yearly.status).toBe(200);
    // Its grain choice offers years only.
    const yearlyHtml = await yearly.text();
    expect(yearlyHtml).toContain('<option value="year"');
    expect(yearlyHtml).not.toContain('<option value="month"');
    const yearCsv = (await (await visitor.get("/dashboard/firearm_under_18/csv?grain=year")).text()).split("\n").filter((l) => /^\d{4},/.test(l));
    const stored = await db.execute<{ period: string; count: number | null; state: string }>(
      sql`select period, count, state::text from metric_published_cells where measure_key = 'firearm_under_18' and grain = 'year' and dimension = ''`,
    );
    expect(stored.length).toBeGreaterThan(0);
    for (const c of stored)
      expect(yearCsv.find((l) => l.startsWith(`${c.period},`))!.split(",")[1], c.period).toBe(
        c.state === "shown" ? String(c.count) : c.state === "primary" ? "fewer than 11" : "suppressed",
      );
    // It is on the dashboard with the other measures.
    expect(await (await visitor.get("/dashboard?lng=en")).text()).toContain('href="/dashboard/firearm_under_18"');
    for (const key of ["firearm_federal", "firearm_local"]) expect((await visitor.get(`/dashboard/${key}?grain=month&year=2024`)).status).toBe(200);

    const csv = (await (await visitor.get("/dashboard/p4p_referrals/csv?grain=year")).text()).split("\n").filter((l) => /^\d{4},/.test(l));
    const page = await (await visitor.get("/dashboard/p4p_referrals?grain=year&lng=en")).text();
    expect(page).toContain("Yearly target: 500 a year");
    let checked = 0;
    for (const line of csv) {
      const [year, count] = line.split(",") as [string, string];
      const cell = page.match(new RegExp(`<td data-target-progress="${year}">([^<]*)</td>`))![1]!;
      if (/^\d+$/.test(count)) {
        const n = Number(count);
        expect(cell).toBe(`${n.toLocaleString("en-US")} of 500 (${((n / 500) * 100).toFixed(1)}%)`);
        checked++;
      } else expect(cell).toBe("withheld");
    }
    expect(checked).toBeGreaterThan(0);
  });
});
