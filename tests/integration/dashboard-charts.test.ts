import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { clientFor } from "../support/app";

/** The page as a reader gets it, without the hydration data (which carries every string). */
const visible = (html: string) => html.replace(/<script[\s\S]*?<\/script>/g, "");
const csvRows = (text: string) =>
  text
    .trim()
    .split("\n")
    .map((l) => l.split(","));
const num = (s: string | undefined) => (s === undefined || !/^\d+$/.test(s) ? null : Number(s));

/** Where a day falls on a chart of the given periods, computed here by hand (not with the app's helper). */
function expectedAt(periods: string[], day: string) {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const month = `${y}-${String(m).padStart(2, "0")}`;
  const i = periods.indexOf(month);
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return ((i + (d - 1) / days) / periods.length) * 100;
}

describe("dashboard charts", () => {
  it("marks every charging-policy version on the drug measures' time series, at its effective date", async () => {
    const visitor = await clientFor();
    const policies = (await db.execute<{ d: string }>(sql`select effective_from::text as d from policy_versions order by effective_from`)).map((r) => r.d);
    expect(policies.length).toBeGreaterThan(1);
    const latest = policies.at(-1)!;
    const year = latest.slice(0, 4);
    for (const key of ["drug_referred", "drug_sale_referred", "drug_filed", "drug_firearm", "drug_declined"]) {
      const html = visible(await (await visitor.get(`/dashboard/${key}?grain=month&year=${year}`)).text());
      const marker = html.match(new RegExp(`<g data-marker="policy" data-date="${latest}" data-at="([\\d.]+)%"`));
      expect(marker, key).not.toBeNull();
      const periods = [...html.matchAll(/<g data-period="(\d{4}-\d{2})"/g)].map((m) => m[1]!);
      expect(Number(marker![1])).toBeCloseTo(expectedAt(periods, latest), 2);
      // Its line is drawn at that x, and the list under the chart names it with its date.
      expect(html).toMatch(new RegExp(`<line x1="${marker![1]}%" x2="${marker![1]}%"`));
      expect(html).toContain(`data-marker-item="policy" data-date="${latest}"`);
    }
    // Every version shows on a drug measure's yearly series (within the years published).
    const yearly = visible(await (await visitor.get("/dashboard/drug_filed?grain=year")).text());
    const years = [...yearly.matchAll(/<g data-period="(\d{4})"/g)].map((m) => m[1]!);
    for (const d of policies.filter((p) => years.includes(p.slice(0, 4)))) expect(yearly).toContain(`data-marker="policy" data-date="${d}"`);
    // Not on a measure that is not about drugs.
    const referred = visible(await (await visitor.get(`/dashboard/referred?grain=month&year=${year}`)).text());
    expect(referred).not.toContain('data-marker="policy"');
    // …unless it is filtered to drug cases.
    const drugOnly = visible(await (await visitor.get(`/dashboard/referred?grain=year&offense=drug`)).text());
    expect(drugOnly).toContain('data-marker="policy"');
  }, 90_000);

  it("marks the Second Amendment Preservation Act on the firearms measures only; staff record and remove events", async () => {
    const visitor = await clientFor();
    const firearms = visible(await (await visitor.get("/dashboard/firearm_cases?grain=month&year=2021")).text());
    const at = firearms.match(/<g data-marker="event" data-date="2021-06-12" data-at="([\d.]+)%"/);
    expect(at).not.toBeNull();
    expect(Number(at![1])).toBeCloseTo(((5 + 11 / 30) / 12) * 100, 2);
    expect(firearms).toContain("Second Amendment Preservation Act");
    expect(visible(await (await visitor.get("/dashboard/referred?grain=month&year=2021")).text())).not.toContain('data-marker="event"');

    // Only staff reach the page.
    expect((await visitor.get("/staff/metrics/events")).status).toBe(302);
    const member = await clientFor("member1@demo.test");
    expect((await member.get("/staff/metrics/events")).status).toBe(403);
    expect((await member.post("/staff/metrics/events", { intent: "create" })).status).toBe(403);

    const staff = await clientFor("analyst@demo.test");
    // A mistake is explained on the field, and what was typed is kept.
    const bad = await staff.post("/staff/metrics/events", { intent: "create", occurredOn: "2024-02-30", titleEn: "County curfew ordinance", titleEs: "" });
    expect(bad.status).toBe(400);
    const badHtml = visible(await bad.text());
    expect(badHtml).toContain("Enter the date as a real day");
    expect(badHtml).toContain("Choose at least one");
    expect(badHtml).toContain('value="County curfew ordinance"');
    // An unknown measure is refused, not stored.
    expect(
      (await staff.post("/staff/metrics/events", { intent: "create", occurredOn: "2024-03-01", titleEn: "x", titleEs: "x", appliesTo: "nope" })).status,
    ).toBe(400);

    const ok = await staff.post("/staff/metrics/events", {
      intent: "create",
      occurredOn: "2024-03-01",
      titleEn: "County curfew ordinance",
      titleEs: "Ordenanza de toque de queda del condado",
      descriptionEn: "",
      descriptionEs: "",
      appliesTo: ["referred"],
    });
    expect(ok.status).toBe(302);
    const referred = visible(await (await visitor.get("/dashboard/referred?grain=month&year=2024")).text());
    expect(referred).toContain('data-marker="event" data-date="2024-03-01"');
    expect(referred).toContain("County curfew ordinance");
    const [row] = await db.execute<{ id: string }>(sql`select id from metric_events where title_en = 'County curfew ordinance'`);
    const [audit] = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from audit_log where action = 'metrics.event.created' and subject_id = ${row!.id}`,
    );
    expect(Number(audit!.n)).toBe(1);
    expect((await staff.post("/staff/metrics/events", { intent: "delete", id: row!.id })).status).toBe(302);
    expect(visible(await (await visitor.get("/dashboard/referred?grain=month&year=2024")).text())).not.toContain('data-date="2024-03-01"');
  });

  it("draws a breakdown as one series per group, and labels hidden cells as what they are", async () => {
    const visitor = await clientFor();
    const csv = csvRows(await (await visitor.get("/dashboard/diverted/csv?grain=year&by=race")).text());
    const header = csv.find((r) => r[0] === "period")!;
    const groups = header.filter((h) => h.startsWith("race=")).map((h) => h.slice(5));
    const html = visible(await (await visitor.get("/dashboard/diverted?grain=year&by=race&show=count")).text());
    const panels = [...html.matchAll(/data-chart="time-series" data-series="([a-z_]+)"/g)].map((m) => m[1]);
    expect(panels).toEqual(groups);
    // Each point is the CSV's cell: a number, or drawn hidden — never a bar for a hidden count.
    let hidden = 0;
    for (const row of csv.filter((r) => /^\d{4}$/.test(r[0]!))) {
      for (const g of groups) {
        const text = row[header.indexOf(`race=${g}`)]!;
        const panel = html.slice(html.indexOf(`data-series="${g}"`));
        const point = panel.match(new RegExp(`<g data-period="${row[0]}" data-state="(\\w+)"(?: data-value="(\\d+)")?`))!;
        if (num(text) !== null) {
          expect([point[1], Number(point[2])]).toEqual(["shown", num(text)]);
        } else {
          hidden++;
          expect(point[1]).toBe(text === "fewer than 11" ? "fewer_than_11" : "suppressed");
          expect(panel.slice(0, panel.indexOf("</svg>"))).toMatch(/<title>(fewer than 11|hidden to protect a small count)<\/title>/);
        }
      }
    }
    expect(hidden).toBeGreaterThan(0);
    expect(html).toContain("Hatched: fewer than 11");

    // One year: one bar row per group, hidden ones labelled in words.
    const one = visible(await (await visitor.get("/dashboard/diverted?grain=year&year=2024&by=race&show=count")).text());
    const rows = [...one.matchAll(/<g data-series="([a-z_]+)" data-state="(\w+)"/g)].map((m) => m[1]);
    expect(rows).toEqual(groups);
    if (/data-state="fewer_than_11"/.test(one)) expect(one).toMatch(/data-state="fewer_than_11"[\s\S]*?>fewer than 11</);
  });

  it("shows a percent measure's breakdown as rates of published cells, withheld when a part is hidden", async () => {
    const visitor = await clientFor();
    const filed = csvRows(await (await visitor.get("/dashboard/filed/csv?grain=year&by=race")).text());
    const referred = csvRows(await (await visitor.get("/dashboard/referred/csv?grain=year&by=race")).text());
    const header = filed.find((r) => r[0] === "period")!;
    const data = await (await visitor.get("/dashboard/filed?grain=year&by=race&_data=routes%2Fdashboard.%24measure")).json();
    const groupRates = data.table.groupRates as (number | null)[][];
    let withheld = 0;
    (data.table.periods as string[]).forEach((p, i) => {
      const f = filed.find((r) => r[0] === p)!;
      const r = referred.find((x) => x[0] === p)!;
      (data.table.columns as string[]).forEach((c, k) => {
        const n = num(f[header.indexOf(`race=${c}`)]);
        const d = num(r[header.indexOf(`race=${c}`)]);
        if (n === null || d === null || d === 0) {
          withheld++;
          expect(groupRates[i]![k], `${p} ${c}`).toBeNull();
        } else expect(groupRates[i]![k]).toBeCloseTo(n / d, 10);
      });
    });
    expect(withheld).toBeGreaterThan(0);
  });

  it("reads the home page's trends and changes from published cells; a change with a hidden year is not shown", async () => {
    const visitor = await clientFor();
    const data = await (await visitor.get("/dashboard?_data=routes%2Fdashboard._index")).json();
    type Card = {
      measure: { key: string; unit: string; denominatorKey: string | null };
      trend: Record<string, never> & {
        year: number;
        priorYear: number;
        value: { value: number | null; state: string };
        change: { status: string; from?: number; to?: number };
        months: { period: string; value: number | null; state: string }[];
      };
    };
    const cards = data.cards as Card[];
    expect(cards.length).toBeGreaterThan(5);
    const yearly = async (key: string) => csvRows(await (await visitor.get(`/dashboard/${key}/csv?grain=year`)).text());
    for (const { measure, trend } of cards) {
      const rows = await yearly(measure.key);
      const value = (y: number) => {
        const row = rows.find((r) => r[0] === String(y));
        if (!row) return null;
        // count, or the CSV's published rate (rate_percent, last column) for a percent measure
        return measure.unit === "percent" ? (row.at(-1) && /^[\d.]+$/.test(row.at(-1)!) ? Number(row.at(-1)) : null) : num(row[1]);
      };
      const now = value(trend.year);
      const before = value(trend.priorYear);
      if (now === null) expect(trend.value.state, measure.key).not.toBe("shown");
      // The CSV rounds a rate to one decimal (18.75 → 18.8): equal to within that rounding.
      else expect(Math.abs(trend.value.value! - now), measure.key).toBeLessThanOrEqual(0.05 + 1e-9);
      // A measure's first published year (the concern loop's years are its own) has nothing to compare with.
      if (trend.priorYear === null) expect(trend.change.status, measure.key).toBe("no_prior");
      else if (now === null || before === null) expect(trend.change.status, measure.key).toBe("hidden");
      else {
        expect(trend.change.status).toBe("ok");
        expect(Math.abs(trend.change.from! - before)).toBeLessThanOrEqual(0.05 + 1e-9);
      }
      // The sparkline's months are the published monthly cells.
      const monthly = csvRows(await (await visitor.get(`/dashboard/${measure.key}/csv?grain=month&year=${trend.year}`)).text());
      for (const p of trend.months.filter((m) => m.period.startsWith(String(trend.year)))) {
        const row = monthly.find((r) => r[0] === p.period)!;
        const published = measure.unit === "percent" ? (/^[\d.]+$/.test(row.at(-1)!) ? Number(row.at(-1)) : null) : num(row[1]);
        if (published === null) expect(p.state, `${measure.key} ${p.period}`).not.toBe("shown");
        else expect(Math.abs(p.value! - published), `${measure.key} ${p.period}`).toBeLessThanOrEqual(0.05 + 1e-9);
      }
    }
    // The page says a change cannot be shown rather than guessing one.
    const html = visible(await (await visitor.get("/dashboard")).text());
    if (cards.some((c) => c.trend.change.status === "hidden")) expect(html).toContain("cannot be shown");
  });

  it("shows the disparity view's counts as the published cells, with the opposite outcome and insufficient data", async () => {
    const visitor = await clientFor();
    const html = visible(await (await visitor.get("/dashboard/disparity?year=2024&reference=white")).text());
    const filed = csvRows(await (await visitor.get("/dashboard/filed/csv?grain=year&by=race")).text());
    const referred = csvRows(await (await visitor.get("/dashboard/referred/csv?grain=year&by=race")).text());
    const header = filed.find((r) => r[0] === "period")!;
    const section = html.slice(html.indexOf('data-stage="filed"'), html.indexOf('data-stage="declined"'));
    for (const g of ["black", "white", "hispanic", "asian", "native"]) {
      const n = filed.find((r) => r[0] === "2024")![header.indexOf(`race=${g}`)]!;
      const b = referred.find((r) => r[0] === "2024")![header.indexOf(`race=${g}`)]!;
      const row = section.match(new RegExp(`<tr data-group="${g}">([\\s\\S]*?)</tr>`))![1]!;
      const tds = [...row.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]!);
      const show = (s: string) => (num(s) !== null ? Number(s).toLocaleString("en-US") : s);
      expect(tds[0], g).toBe(num(n) === null ? (n === "fewer than 11" ? "fewer than 11" : "suppressed") : show(n));
      expect(tds[2], g).toBe(num(b) === null ? (b === "fewer than 11" ? "fewer than 11" : "suppressed") : show(b));
      if (num(n) !== null && num(b) !== null) expect(tds[1]).toBe((num(b)! - num(n)!).toLocaleString("en-US"));
      else {
        expect(tds[1]).toBe("not published");
        expect(tds[4]).toBe("insufficient data");
      }
    }
  });
});
