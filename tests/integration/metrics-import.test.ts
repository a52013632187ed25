import { and, eq, gte, lt, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { metricCases, metricImportRows, metricImports } from "~/db/schema";
import { CSV_HEADER } from "~/modules/metrics";
import { csvLine } from "~/modules/metrics/index.server";
import { startWorker } from "../../server/jobs";
import { clientFor, type Client } from "../support/app";
import { generateCaseCsv } from "../support/metrics-csv";

let stopWorker: (() => Promise<void>) | null = null;
afterAll(async () => {
  await stopWorker?.();
});

async function upload(client: Client, csv: string, periodStart: string, periodEnd: string, name = "cases.csv") {
  const form = new FormData();
  form.append("periodStart", periodStart);
  form.append("periodEnd", periodEnd);
  form.append("file", new Blob([csv], { type: "text/csv" }), name);
  return client.request("/staff/metrics/import", { method: "POST", body: form });
}

/** The page as rendered, without the scripts (which carry every translation string). */
function visible(html: string) {
  return html.replace(/<script[\s\S]*?<\/script>/g, "");
}

async function countCases(start: string, endExclusive: string) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(metricCases)
    .where(and(gte(metricCases.receivedDate, start), lt(metricCases.receivedDate, endExclusive)));
  return Number(row!.n);
}

async function factSum(measure: string, start: string, endExclusive: string) {
  const [row] = await db.execute<{ n: number }>(
    sql`select coalesce(sum(count), 0)::int as n from metric_facts where measure_key = ${measure} and month >= ${start}::date and month < ${endExclusive}::date`,
  );
  return Number(row!.n);
}

async function waitFor(client: Client, path: string, done: (html: string) => boolean, seen: number[]) {
  const deadline = Date.now() + 45_000;
  for (;;) {
    const html = await (await client.get(path)).text();
    const m = html.match(/<progress[^>]*value="(\d+)"/);
    if (m) seen.push(Number(m[1]));
    if (done(html)) return html;
    if (Date.now() > deadline) throw new Error(`timed out waiting on ${path}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

describe("metrics import", () => {
  it("refuses visitors and members", async () => {
    const visitor = await clientFor();
    expect((await visitor.get("/staff/metrics/import")).status).toBe(302);
    const member = await clientFor("member1@demo.test");
    expect((await member.get("/staff/metrics/import")).status).toBe(403);
    expect((await upload(member, generateCaseCsv(3, { year: 2031 }), "2031-01", "2031-12")).status).toBe(403);
  });

  it("imports a 100,000-row file with recorded progress, then re-importing a month replaces exactly that month", async () => {
    const analyst = await clientFor("analyst@demo.test");
    const seededBefore = await countCases("2024-01-01", "2025-01-01");
    const csv = generateCaseCsv(100_000, { year: 2030 });
    const started = Date.now();
    const uploaded = await upload(analyst, csv, "2030-01", "2030-12", "big-2030.csv");
    expect(uploaded.status).toBe(302);
    const statusPath = uploaded.headers.get("location")!;
    expect(statusPath).toMatch(/^\/staff\/metrics\/imports\/[0-9a-f-]{36}$/);
    const id = statusPath.split("/").at(-1)!;

    // Preview: every row valid, nothing written to the case data yet.
    const preview = await (await analyst.get(statusPath)).text();
    expect(preview).toContain("Preview: every row is valid");
    expect(preview).toContain("from 2030-01 to 2030-12: 0 rows now, 100,000 after");
    expect(await countCases("2030-01-01", "2031-01-01")).toBe(0);
    const [staged] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(metricImportRows)
      .where(eq(metricImportRows.importId, id));
    expect(Number(staged!.n)).toBe(100_000);

    const confirmed = await analyst.post(statusPath, { intent: "confirm" });
    expect(confirmed.status).toBe(302);
    // Queued: the page shows a progress bar and refreshes itself without JavaScript.
    const queued = await (await analyst.get(statusPath)).text();
    expect(queued).toMatch(/<meta http-equiv="refresh" content="2"/);
    expect(queued).toMatch(/<progress[^>]*max="100000"/);

    stopWorker = await startWorker();
    const seen: number[] = [];
    const done = await waitFor(analyst, statusPath, (html) => /data-status="(completed|failed)"/.test(html), seen);
    expect(done).toContain('data-status="completed"');
    expect(done).not.toMatch(/http-equiv="refresh"/);
    const [imp] = await db.select().from(metricImports).where(eq(metricImports.id, id));
    expect(imp!.status).toBe("completed");
    expect(imp!.processedRows).toBe(100_000);
    expect(imp!.summary).toMatchObject({ before: 0, after: 100_000 });
    expect(seen.every((v, i) => i === 0 || v >= seen[i - 1]!)).toBe(true);
    expect(await countCases("2030-01-01", "2031-01-01")).toBe(100_000);
    expect(await factSum("referred", "2030-01-01", "2031-01-01")).toBe(100_000);
    // filed: every third row
    expect(await factSum("filed", "2030-01-01", "2031-01-01")).toBe(33_334);
    const [{ n: stagingLeft }] = (await db.execute<{ n: number }>(
      sql`select count(*)::int as n from metric_import_rows where import_id = ${id}`,
    )) as unknown as [{ n: number }];
    expect(Number(stagingLeft)).toBe(0);
    expect(await countCases("2024-01-01", "2025-01-01")).toBe(seededBefore);
    expect(Date.now() - started).toBeLessThan(60_000);

    // Re-import June 2030 only, with 50 different rows.
    const juneBefore = await countCases("2030-06-01", "2030-07-01");
    const mayBefore = await countCases("2030-05-01", "2030-06-01");
    const mayFacts = await factSum("referred", "2030-05-01", "2030-06-01");
    expect(juneBefore).toBeGreaterThan(8000);
    const again = await upload(analyst, generateCaseCsv(50, { year: 2030, months: [6], prefix: "R" }), "2030-06", "2030-06", "june-fix.csv");
    const againPath = again.headers.get("location")!;
    const againPreview = await (await analyst.get(againPath)).text();
    expect(againPreview).toContain(`${juneBefore.toLocaleString("en-US")} rows now, 50 after`);
    await analyst.post(againPath, { intent: "confirm" });
    await waitFor(analyst, againPath, (html) => /data-status="(completed|failed)"/.test(html), []);
    expect(await countCases("2030-06-01", "2030-07-01")).toBe(50);
    const june = await db
      .select({ caseId: metricCases.caseId })
      .from(metricCases)
      .where(and(gte(metricCases.receivedDate, "2030-06-01"), lt(metricCases.receivedDate, "2030-07-01")));
    expect(june.every((r) => r.caseId.startsWith("R2030-"))).toBe(true);
    expect(await countCases("2030-05-01", "2030-06-01")).toBe(mayBefore);
    expect(await countCases("2030-01-01", "2031-01-01")).toBe(100_000 - juneBefore + 50);
    expect(await factSum("referred", "2030-06-01", "2030-07-01")).toBe(50);
    expect(await factSum("referred", "2030-05-01", "2030-06-01")).toBe(mayFacts);

    // The list says who imported what, when, and what changed.
    const list = await (await analyst.get("/staff/metrics")).text();
    expect(list).toContain("june-fix.csv");
    expect(list).toContain("Dana Analyst");
    expect(list).toContain(`${juneBefore} → 50 rows`);
    const audit = await db.execute<{ action: string }>(sql`select action from audit_log where subject_id = ${id} order by id`);
    expect(audit.map((a) => a.action)).toEqual(["metrics.import.uploaded", "metrics.import.confirmed", "metrics.import.completed"]);
  }, 90_000);

  it("lists the bad rows of a malformed file and writes nothing", async () => {
    const analyst = await clientFor("analyst@demo.test");
    const before = await countCases("2024-03-01", "2024-04-01");
    const factsBefore = await factSum("referred", "2024-03-01", "2024-04-01");
    const good = generateCaseCsv(6, { year: 2024, months: [3], prefix: "M" })
      .trim()
      .split("\n");
    const header = CSV_HEADER;
    const row = (over: Record<string, string>) => {
      const base = Object.fromEntries(header.map((h, i) => [h, good[1]!.split(",")[i] ?? ""]));
      return csvLine(header.map((h) => ({ ...base, case_id: `BAD-${Math.random()}`, ...over })[h]));
    };
    const lines = [
      good[0]!, // header (line 1)
      good[1]!, // line 2 ok
      row({ received_date: "2024-02-30" }), // line 3: not a date
      good[2]!, // line 4 ok
      row({ race_ethnicity: "martian" }), // line 5: unknown code
      row({ offense_category: "drug", drug_level: "" }), // line 6: drug without level
      row({ received_date: "2024-05-02", filed_date: "" }), // line 7: outside the period
      good[1]!, // line 8: duplicate of line 2
    ];
    const response = await upload(analyst, lines.join("\n") + "\n", "2024-03", "2024-03", "bad.csv");
    expect(response.status).toBe(302);
    const html = visible(await (await analyst.get(response.headers.get("location")!)).text());
    expect(html).toContain("This file has errors, so nothing was imported");
    const rows = [...html.matchAll(/<tr data-row="(\d+)"><td>\d+<\/td><td><code>([^<]*)<\/code><\/td><td>([^<]*)<\/td>/g)].map((m) => [
      Number(m[1]),
      m[2],
      m[3],
    ]);
    expect(rows).toEqual([
      [3, "received_date", "Not a valid date (use YYYY-MM-DD)."],
      [5, "race_ethnicity", "Not one of the allowed codes."],
      [6, "drug_level", "drug_level (user or sale) is required for drug offenses."],
      [7, "received_date", "received_date is outside the period of this import."],
      [8, "participant_id", "This case_id and participant_id appear earlier in the file."],
    ]);
    expect(html).not.toContain("Import and replace this period");
    expect(await countCases("2024-03-01", "2024-04-01")).toBe(before);
    expect(await factSum("referred", "2024-03-01", "2024-04-01")).toBe(factsBefore);
    const [{ n }] = (await db.execute<{ n: number }>(sql`select count(*)::int as n from metric_import_rows`)) as unknown as [{ n: number }];
    expect(Number(n)).toBe(0);
    // A confirm of an invalid import does nothing.
    await analyst.post(response.headers.get("location")!, { intent: "confirm" });
    expect(await countCases("2024-03-01", "2024-04-01")).toBe(before);

    // Discarding asks first, naming the file; asking leaves it; yes discards it; a second discard is refused in words.
    const statusPath = response.headers.get("location")!;
    const asked = await analyst.post(statusPath, { intent: "discard" });
    expect(asked.status).toBe(200);
    expect(visible(await asked.text())).toContain("Discard the upload “bad.csv”?");
    expect(visible(await (await analyst.get(statusPath)).text())).not.toContain("This upload was discarded.");
    const discarded = await analyst.post(statusPath, { intent: "discard", confirm: "yes" });
    expect(discarded.headers.get("location")).toBe("/staff/metrics");
    expect(visible(await (await analyst.get(statusPath)).text())).toContain("This upload was discarded.");
    const again = await analyst.post(statusPath, { intent: "discard", confirm: "yes" });
    expect(visible(await (await analyst.get(again.headers.get("location")!)).text())).toContain("This upload can no longer be discarded");
  });

  it("answers a missing header, a missing file or a bad period with errors, never a 500", async () => {
    const analyst = await clientFor("analyst@demo.test");
    const noHeader = await upload(analyst, "case_id,foo\nA,1\n", "2031-01", "2031-01");
    const page = await (await analyst.get(noHeader.headers.get("location")!)).text();
    expect(page).toContain("This required column is missing from the header.");
    expect(page).toContain("This column is not part of the format.");
    const badPeriod = await upload(analyst, generateCaseCsv(2, { year: 2031 }), "2031-12", "2031-01");
    expect(badPeriod.status).toBe(400);
    expect(await badPeriod.text()).toContain("Enter the first and last month as YYYY-MM");
    const form = new FormData();
    form.append("periodStart", "2031-01");
    form.append("periodEnd", "2031-01");
    const noFile = await analyst.request("/staff/metrics/import", { method: "POST", body: form });
    expect(noFile.status).toBe(400);
    const urlencoded = await analyst.post("/staff/metrics/import", { periodStart: "2031-01" });
    expect(urlencoded.status).toBe(400);
  });
});
