import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { copyIntoCases, recomputeFacts, type CaseRow } from "~/modules/metrics/index.server";
import { clientFor, type Client } from "../support/app";

/** The page as a reader gets it, without the hydration data (which carries every string). */
const visible = (html: string) => html.replace(/<script[\s\S]*?<\/script>/g, "");
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, "")
    .replace(/&amp;/g, "&")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, " ")
    .trim();
const en = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits });

/** One figure box of the report (`data-figure="key"`), as HTML. */
function figure(html: string, key: string) {
  const m = html.match(new RegExp(`<div class="report-figure" data-figure="${key}">([\\s\\S]*?)</dd></div>`));
  expect(m, `figure ${key}`).not.toBeNull();
  return m![1]!;
}

/** A measure's yearly published totals, from its public CSV: year → count cell text. */
async function yearly(client: Client, key: string): Promise<Map<string, string>> {
  const body = await (await client.get(`/dashboard/${key}/csv?grain=year`)).text();
  const rows = body
    .split("\n")
    .filter((l) => /^\d{4},/.test(l))
    .map((l) => l.split(","));
  return new Map(rows.map((r) => [r[0]!, r[1]!]));
}
const asNumber = (s: string | undefined) => (s !== undefined && /^\d+$/.test(s) ? Number(s) : null);

/** The change sentence the dashboard writes, computed here from two published values. */
function changeText(from: number, to: number, unit: "count" | "percent", prior: number, before: string) {
  const diff = to - from;
  if (Math.abs(diff) < 1e-9) return `Same as in ${prior} (${before}).`;
  const word = diff > 0 ? "Up" : "Down";
  const amount =
    unit === "percent"
      ? `${en(Math.abs(diff), 1)} percentage points`
      : from > 0
        ? `${en(Math.abs(diff))} (${en(Math.abs(diff / from) * 100, 1)}%)`
        : en(Math.abs(diff));
  return `${word} ${amount} from ${prior} (${before}).`;
}

const SMALL_YEAR = 2012;
const DENOMINATOR: Record<string, string | null> = {
  referred: null,
  filed: "referred",
  drug_filed: "drug_referred",
  p4p_referrals: null,
  drug_referred: "referred",
  drug_firearm: "drug_referred",
  drug_filed_concern: "drug_referred",
  drug_filed_violence: "drug_referred",
  drug_filed_unrecorded: "drug_referred",
  drug_declined: "drug_referred",
};
const UNIT: Record<string, "count" | "percent"> = {
  referred: "count",
  filed: "percent",
  drug_filed: "percent",
  p4p_referrals: "count",
  drug_referred: "percent",
  drug_firearm: "percent",
  drug_filed_concern: "percent",
  drug_filed_violence: "percent",
  drug_filed_unrecorded: "percent",
  drug_declined: "percent",
};

let visitor: Client;
let year: number;

beforeAll(async () => {
  visitor = await clientFor();
  // A year with a handful of cases: every count of it is "fewer than 11" in the publication.
  const rows: CaseRow[] = [0, 1, 2, 3].map((i) => ({
    caseId: `AR${SMALL_YEAR}-${i}`,
    participantId: `ARP${i}`,
    receivedDate: `${SMALL_YEAR}-0${i + 3}-10`,
    offenseCategory: "drug",
    drugLevel: "sale",
    raceEthnicity: "black",
    sex: "male",
    ageBand: "25_34",
    referringAgency: "KCPD",
    zip: "64127",
    filedDate: i % 2 ? `${SMALL_YEAR}-0${i + 3}-12` : null,
    declinedDate: i % 2 ? null : `${SMALL_YEAR}-0${i + 3}-12`,
    declineReason: i % 2 ? null : "insufficient_evidence",
    divertedDate: null,
    disposedDate: null,
    sentencedDate: null,
    disposition: null,
    firearmRecovered: false,
  }));
  await copyIntoCases(rows, null);
  await db.transaction((tx) => recomputeFacts(tx, `${SMALL_YEAR}-01-01`, `${SMALL_YEAR + 1}-01-01`));
  // The year the report is checked for: the one the dashboard home leads with (the latest complete year).
  year = Number(visible(await (await visitor.get("/dashboard")).text()).match(/The figures the office leads with \((\d{4})\)/)![1]);
  // The board's public work dated in that year (moved from the demo's own records): one of each.
  const inYear = `${year}-06-15 12:00:00 America/Chicago`;
  await db.execute(
    sql`update briefs set published_at = ${inYear}::timestamptz where id = (select id from briefs where status = 'public' order by published_at limit 1)`,
  );
  await db.execute(
    sql`update responses set published_at = ${inYear}::timestamptz where id = (select id from responses where status = 'published' order by published_at limit 1)`,
  );
  await db.execute(sql`update meetings set starts_at = ${inYear}::timestamptz, ends_at = ${inYear}::timestamptz + interval '2 hours'
    where id = (select id from meetings where status = 'held' and is_public order by starts_at limit 1)`);
  await db.execute(sql`update analyses set created_at = ${inYear}::timestamptz where id = (select id from analyses order by created_at limit 1)`);
  await db.execute(sql`update analysis_progress set created_at = ${inYear}::timestamptz
    where id = (select id from analysis_progress where status in ('accepted', 'declined') order by created_at limit 1)`);
}, 120_000);

describe("annual report", () => {
  it("lists the years with published data, newest first, and links each report from the dashboard", async () => {
    const list = visible(await (await visitor.get("/reports/annual")).text());
    const years = [...list.matchAll(/href="\/reports\/annual\/(\d{4})"/g)].map((m) => Number(m[1]));
    const published = [...(await yearly(visitor, "referred")).keys()].map(Number).sort((a, b) => b - a);
    expect(years).toEqual(published);
    expect(years).toContain(SMALL_YEAR);
    const home = visible(await (await visitor.get("/dashboard")).text());
    expect(home).toContain('href="/reports/annual"');
  });

  it("shows the year's headline and drug figures as the publication has them, each linked to its measure page", async () => {
    const html = visible(await (await visitor.get(`/reports/annual/${year}`)).text());
    expect(html).toContain(`<h1>Annual report ${year}</h1>`);
    for (const key of Object.keys(UNIT)) {
      const box = figure(html, key);
      expect(box).toContain(`href="/dashboard/${key}?grain=year&amp;year=${year}"`);
      const counts = await yearly(visitor, key);
      const den = DENOMINATOR[key] ? await yearly(visitor, DENOMINATOR[key]!) : null;
      const valueOf = (y: number) => {
        const n = asNumber(counts.get(String(y)));
        if (!den) return n;
        const d = asNumber(den.get(String(y)));
        return n === null || d === null || d === 0 ? null : (n / d) * 100;
      };
      const v = valueOf(year);
      const shownAs = (x: number) => (UNIT[key] === "percent" ? `${en(x, 1)}%` : en(x));
      const value = text(box.match(/<strong class="report-value"[^>]*>([\s\S]*?)<\/strong>/)![1]!);
      // A hidden cell in the dashboard's words: a count "fewer than 11" or hidden as a complement; a share of a hidden count withheld.
      const csvText = counts.get(String(year));
      const hiddenAs = UNIT[key] === "percent" ? "withheld" : csvText === "fewer than 11" ? "fewer than 11" : "hidden to protect a small count";
      expect(value, key).toBe(v === null ? hiddenAs : shownAs(v));
      const before = valueOf(year - 1);
      if (v !== null && before !== null) expect(text(box), key).toContain(changeText(before, v, UNIT[key]!, year - 1, shownAs(before)));
    }
    // The drug section links to the year's drug-policy funnel.
    expect(html).toContain(`href="/dashboard/drug-policy?year=${year}"`);
  });

  it("shows the disparity view's indexes for the year and links to it", async () => {
    const html = visible(await (await visitor.get(`/reports/annual/${year}`)).text());
    const page = visible(await (await visitor.get(`/dashboard/disparity?year=${year}&reference=white`)).text());
    expect(html).toContain(`href="/dashboard/disparity?year=${year}&amp;reference=white"`);
    // Each stage's index per group, as the disparity page's counts table states it.
    const stages = [...page.matchAll(/<section class="disparity-stage"[^>]*data-stage="(\w+)"[\s\S]*?<\/section>/g)];
    expect(stages.length).toBeGreaterThan(3);
    for (const s of stages) {
      const stage = s[1]!;
      for (const r of s[0].matchAll(/<tr data-group="(\w+)">[\s\S]*?<td data-rri-status="(\w+)">([^<]*)<\/td>/g)) {
        const [, group, status, rri] = r;
        const cell = html.match(new RegExp(`<tr data-stage="${stage}">[\\s\\S]*?<td data-group="${group}" data-status="(\\w+)">([^<]*)</td>`));
        expect(cell, `${stage} ${group}`).not.toBeNull();
        expect(cell![1]).toBe(status);
        expect(cell![2]).toBe(rri);
      }
    }
  });

  it("shows the response clock's published figures for the year, as its CSV publishes them", async () => {
    const html = visible(await (await visitor.get(`/reports/annual/${year}`)).text());
    const csv = (await (await visitor.get(`/dashboard/response-time/csv?year=${year}`)).text()).trim().split("\n");
    const [, cell, median] = csv.find((l) => l.startsWith("total,"))!.split(",");
    const answered = figure(html, "answered");
    const days = figure(html, "median-days");
    expect(answered).toContain(`href="/dashboard/response-time?year=${year}"`);
    const strong = (box: string) => text(box.match(/<strong[^>]*>([\s\S]*?)<\/strong>/)![1]!);
    expect(strong(answered)).toBe(/^\d+$/.test(cell!) ? en(Number(cell)) : cell);
    expect(strong(days)).toBe(/^[\d.]+$/.test(median!) ? en(Number(median)) : median);
  });

  it("counts the board's public work in the year and lists the year's published responses", async () => {
    const html = visible(await (await visitor.get(`/reports/annual/${year}`)).text());
    const from = `${year}-01-01 00:00:00 America/Chicago`;
    const to = `${year + 1}-01-01 00:00:00 America/Chicago`;
    const one = async (q: ReturnType<typeof sql>) => Number((await db.execute<{ n: number }>(q))[0]!.n);
    const meetings = await one(
      sql`select count(*)::int as n from meetings where status = 'held' and is_public and starts_at >= ${from}::timestamptz and starts_at < ${to}::timestamptz`,
    );
    const proposed = await one(sql`select count(*)::int as n from analyses where created_at >= ${from}::timestamptz and created_at < ${to}::timestamptz`);
    const decided = await one(
      sql`select count(distinct analysis_id)::int as n from analysis_progress where status in ('accepted', 'declined') and created_at >= ${from}::timestamptz and created_at < ${to}::timestamptz`,
    );
    const completed = await one(
      sql`select count(distinct analysis_id)::int as n from analysis_progress where status = 'completed' and created_at >= ${from}::timestamptz and created_at < ${to}::timestamptz`,
    );
    const briefs = await db.execute<{ slug: string }>(
      sql`select slug from briefs where status = 'public' and published_at >= ${from}::timestamptz and published_at < ${to}::timestamptz`,
    );
    const responses = await db.execute<{ slug: string; title: string }>(
      sql`select slug, title from responses where status = 'published' and published_at >= ${from}::timestamptz and published_at < ${to}::timestamptz`,
    );
    const drafts = await db.execute<{ title: string }>(sql`select title from responses where status <> 'published'`);
    expect(meetings).toBeGreaterThan(0);
    expect(proposed).toBeGreaterThan(0);
    expect(decided).toBeGreaterThan(0);
    expect(briefs.length).toBeGreaterThan(0);
    expect(responses.length).toBeGreaterThan(0);
    const valueIn = (key: string) => text(figure(html, key).match(/<strong[^>]*>([\s\S]*?)<\/strong>/)![1]!);
    expect(valueIn("meetings")).toBe(en(meetings));
    expect(valueIn("analyses-proposed")).toBe(en(proposed));
    expect(valueIn("analyses-decided")).toBe(en(decided));
    expect(valueIn("analyses-completed")).toBe(en(completed));
    expect(valueIn("briefs")).toBe(en(briefs.length));
    for (const b of briefs) expect(html).toContain(`href="/briefs/${b.slug}"`);
    const section = html.match(/data-report-section="responses"[\s\S]*?<\/section>/)![0];
    expect([...section.matchAll(/href="\/responses\/([^"]+)"/g)].map((m) => m[1]).sort()).toEqual(responses.map((r) => r.slug).sort());
    for (const d of drafts) expect(html).not.toContain(d.title);
  });

  it("keeps a small year's cells hidden, as the dashboard shows them", async () => {
    const html = visible(await (await visitor.get(`/reports/annual/${SMALL_YEAR}`)).text());
    expect((await yearly(visitor, "referred")).get(String(SMALL_YEAR))).toBe("fewer than 11");
    const referred = figure(html, "referred");
    expect(referred).toContain('data-state="fewer_than_11"');
    expect(text(referred)).toContain("fewer than 11");
    for (const key of ["filed", "drug_filed", "drug_referred"]) {
      expect(figure(html, key)).toMatch(/data-state="(withheld|fewer_than_11|suppressed)"/);
      // The count beside a share is the dashboard's hidden text too, never the number.
      expect(text(figure(html, key))).not.toMatch(/\(\d+ of /);
    }
    // Its change against a year without data, or hidden, is never a number.
    expect(text(referred)).not.toMatch(/Up \d|Down \d/);
  });

  it("is a 404 for a year without data or a year that is not a year", async () => {
    for (const path of ["/reports/annual/1999", "/reports/annual/2099", "/reports/annual/abcd", "/reports/annual/20255", "/reports/annual/0"]) {
      const response = await visitor.get(path);
      expect(response.status, path).toBe(404);
      await response.arrayBuffer();
    }
  });

  it("is in Spanish for a Spanish reader", async () => {
    const html = visible(await (await visitor.get(`/reports/annual/${year}?lng=es`)).text());
    expect(html).toContain(`<h1>Informe anual ${year}</h1>`);
    expect(html).toContain("Medidas principales");
    expect(html).toContain("Disparidad en cada etapa");
    expect(html).toContain("Respuestas de la oficina");
    expect(html).toMatch(/<title>Informe anual · \d{4}/);
    expect(html).not.toContain("Headline measures");
    expect(html).not.toContain("The board's work");
    const list = visible(await (await visitor.get("/reports/annual?lng=es")).text());
    expect(list).toContain("Informes anuales");
  });
});
