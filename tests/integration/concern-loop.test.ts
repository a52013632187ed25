import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { metricPublication, users } from "~/db/schema";
import { concernIdsByNumbers, createConcern, mergeDuplicate, setHidden } from "~/modules/concerns/index.server";
import { documentConcern, policyInForce, recordCitation } from "~/modules/policies/index.server";
import { concernLoopCounts, refreshConcernLoop, saveResponse } from "~/modules/responses/index.server";
import { richTextFromPlainText } from "~/modules/richtext/index.server";
import { availableYears } from "~/modules/metrics/index.server";
import { countyToday } from "~/utils/clock";
import { CRONTAB, taskList } from "../../server/jobs";
import { clientFor, type Client } from "../support/app";

/**
 * Concerns in the loop against a fixture counted by hand, made through the modules' own writes
 * (report, document, cite, respond) in two years the demo data does not reach:
 *
 *   2020     received  documented  cited  answered        2021     received  documented  cited  answered
 *   64127       25         13                 12          64127       14         11                 12
 *   64130       24         12                 11          64130       12          2                  0
 *   total       49         25        11       23          64109        3          1                  0
 *                                                         total       29         14        12       12
 *
 * Plus, in 2021, a report hidden by moderators and one merged as a duplicate: neither counts.
 * 2020 has no count under 11, so every figure is shown and must be the hand figure; 2021's small
 * ZIP cells must be "fewer than 11", with enough else hidden that none can be worked out.
 */
type ZipPlan = { received: number; documented: number; cited: number; answered: number };
const PLAN: Record<string, Record<string, ZipPlan>> = {
  "2020": { "64127": { received: 25, documented: 13, cited: 11, answered: 12 }, "64130": { received: 24, documented: 12, cited: 0, answered: 11 } },
  "2021": {
    "64127": { received: 14, documented: 11, cited: 11, answered: 12 },
    "64130": { received: 12, documented: 2, cited: 1, answered: 0 },
    "64109": { received: 3, documented: 1, cited: 0, answered: 0 },
  },
};
const STAGES = ["concerns_received", "concerns_documented", "concerns_cited", "concerns_responded"] as const;
const sum = (year: string, f: (p: ZipPlan) => number) => Object.values(PLAN[year]!).reduce((a, p) => a + f(p), 0);
const HAND = (year: string) => ({
  concerns_received: sum(year, (p) => p.received),
  concerns_documented: sum(year, (p) => p.documented),
  concerns_cited: sum(year, (p) => p.cited),
  concerns_responded: sum(year, (p) => p.answered),
});

function csvTable(text: string) {
  const [header, ...rows] = text
    .trim()
    .split("\n")
    .filter((l) => !l.startsWith("#"))
    .map((l) => l.split(","));
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ""])));
}

async function token() {
  const [row] = await db.select({ token: metricPublication.token }).from(metricPublication);
  return row?.token ?? null;
}

let visitor: Client;
let before: Awaited<ReturnType<typeof concernLoopCounts>>;

beforeAll(async () => {
  visitor = await clientFor();
  const [analyst] = await db.select().from(users).where(eq(users.email, "analyst@demo.test"));
  const actor = { id: analyst!.id };
  before = await concernLoopCounts();
  let seq = 0;
  const report = async (year: string, zip: string) => {
    seq++;
    const observed = `${year}-03-${String(1 + (seq % 27)).padStart(2, "0")}`;
    const r = await createConcern({
      kindCode: "drug_sales",
      description: `Loop fixture ${seq}: sales on the corner in the evenings.`,
      observedDate: observed,
      observedTime: "19:00",
      address: `${1200 + seq * 4} E 35th St`,
      zip,
      locale: "en",
      source: "seed",
      createdAt: new Date(`${year}-03-28T15:00:00Z`),
    });
    if (!r.ok) throw new Error(`fixture concern refused: ${JSON.stringify(r)}`);
    return { number: r.number, observed };
  };
  const answered: number[] = [];
  for (const [year, zips] of Object.entries(PLAN)) {
    const documentationIds: string[] = [];
    for (const [zip, plan] of Object.entries(zips)) {
      for (let i = 0; i < plan.received; i++) {
        const { number, observed } = await report(year, zip);
        if (i < plan.documented) {
          const inForce = (await policyInForce("documented_concern", observed))!;
          const doc = await documentConcern({ number, policyVersionId: inForce.id, checked: inForce.checklist.map((c) => c.id) }, actor);
          if (!doc.ok) throw new Error(`fixture documentation refused: ${doc.error}`);
          if (i < plan.cited) documentationIds.push(doc.documentation.id);
        }
        if (i < plan.answered) answered.push(number);
      }
    }
    const decidedOn = `${year}-06-01`;
    const policy = (await policyInForce("documented_concern", decidedOn))!;
    const cited = await recordCitation({ caseRef: `CR-LOOP-${year}`, decision: "filed", policyVersionId: policy.id, decidedOn, documentationIds }, actor);
    if (!cited.ok) throw new Error(`fixture citation refused: ${cited.error}`);
  }
  // Answered: one published response names them all (a draft would not count).
  const policy = (await policyInForce("documented_concern", "2021-06-01"))!;
  const body = richTextFromPlainText("We looked into every one of these reports.", "document");
  if (!body.ok) throw new Error("fixture body");
  await saveResponse(
    actor,
    null,
    {
      title: "Loop fixture response",
      summary: "What the office did about these reports.",
      body,
      policyVersionId: policy.id,
      criterionStatement: "Each report names a place and a time.",
      concernIds: (await concernIdsByNumbers(answered)).map((r) => r.id),
      cluster: null,
      ref: null,
      snapshotIds: [],
      newSnapshot: null,
    },
    { publish: true },
  );
  // Neither of these counts: a report the moderators hid, and one merged into another.
  const hidden = await report("2021", "64109");
  await setHidden(hidden.number, true, "spam", actor);
  const duplicate = await report("2021", "64130");
  const original = await report("2021", "64130");
  await mergeDuplicate(duplicate.number, original.number, undefined, actor);
  // The original of the merge counts once: one more received in 64130.
  PLAN["2021"]!["64130"]!.received++;
  expect(await refreshConcernLoop()).toBe(true);
}, 120_000);

describe("concerns in the loop", () => {
  it("counts each stage by the year a concern was received, as counted by hand", async () => {
    const after = await concernLoopCounts();
    const total = (rows: typeof after, measure: string, year: string, zip?: string) =>
      rows.filter((r) => r.measureKey === measure && r.month.startsWith(year) && (zip === undefined || r.zip === zip)).reduce((a, r) => a + r.count, 0);
    for (const year of Object.keys(PLAN)) {
      const hand = HAND(year);
      for (const s of STAGES) expect(total(after, s, year) - total(before, s, year), `${s} ${year}`).toBe(hand[s]);
      for (const [zip, plan] of Object.entries(PLAN[year]!)) {
        expect(total(after, "concerns_received", year, zip) - total(before, "concerns_received", year, zip)).toBe(plan.received);
        expect(total(after, "concerns_documented", year, zip) - total(before, "concerns_documented", year, zip)).toBe(plan.documented);
        expect(total(after, "concerns_responded", year, zip) - total(before, "concerns_responded", year, zip)).toBe(plan.answered);
      }
    }
  });

  it("publishes a year without small counts exactly, page and CSV alike, with shares of the stage before", async () => {
    // The demo data has no concerns in 2020: the published figures are the fixture's alone.
    expect(before.some((r) => r.month.startsWith("2020"))).toBe(false);
    const rows = csvTable(await (await visitor.get("/dashboard/concerns-loop/csv?year=2020")).text());
    const loop = rows.find((r) => r.table === "loop")!;
    const hand = HAND("2020");
    for (const s of STAGES) expect(loop[s], s).toBe(String(hand[s]));
    expect(loop.concerns_documented_share_percent).toBe(((hand.concerns_documented / hand.concerns_received) * 100).toFixed(1));
    expect(loop.concerns_cited_share_percent).toBe(((hand.concerns_cited / hand.concerns_documented) * 100).toFixed(1));
    for (const [zip, plan] of Object.entries(PLAN["2020"]!)) {
      const z = rows.find((r) => r.table === "by_zip" && r.zip === zip)!;
      expect([z.concerns_received, z.concerns_documented, z.concerns_responded]).toEqual([plan.received, plan.documented, plan.answered].map(String));
      // Citations are county-wide only.
      expect(z.concerns_cited).toBe("not published");
    }
    const html = await (await visitor.get("/dashboard/concerns-loop?year=2020")).text();
    expect(html).toContain('data-loop-table="summary"');
    expect(html).toMatch(
      new RegExp(`data-stage="concerns_received"><th scope="row">[^<]+</th><td data-state="shown" data-count="">${hand.concerns_received}<`),
    );
    // The measure pages read the same cells.
    const measure = csvTable(await (await visitor.get("/dashboard/concerns_documented/csv?grain=year&by=zip")).text());
    expect(measure.find((r) => r.period === "2020")!["zip=64127"]).toBe("13");
  });

  it("hides a ZIP's small counts so that nothing a visitor reads works them out", async () => {
    const rows = csvTable(await (await visitor.get("/dashboard/concerns-loop/csv?year=2021")).text());
    const z = (zip: string) => rows.find((r) => r.table === "by_zip" && r.zip === zip)!;
    expect(z("64109").concerns_received).toBe("fewer than 11");
    expect(z("64130").concerns_documented).toBe("fewer than 11");
    expect(z("64109").concerns_documented).toBe("fewer than 11");
    // A hidden count has no share beside it.
    expect(z("64109").concerns_documented_share_percent).toBe("withheld");
    // Each line with a hidden cell hides another that is not a 0 (so none is the total less the others).
    const loop = rows.find((r) => r.table === "loop")!;
    for (const s of ["concerns_received", "concerns_documented"] as const) {
      const cells = [loop[s]!, ...["64127", "64130", "64109"].map((zip) => z(zip)[s]!)];
      const hidden = cells.filter((c) => c === "fewer than 11" || c === "suppressed");
      expect(hidden.length, s).toBeGreaterThanOrEqual(2);
    }
    // What the page shows of a ZIP never includes a concern's place or words.
    const html = await (await visitor.get("/dashboard/concerns-loop?year=2021")).text();
    expect(html).not.toContain("E 35th St");
    expect(html).not.toContain("Loop fixture");
  });

  it("shows the latest complete year unless another is asked for", async () => {
    // The year under way is mostly small counts (hidden); the demo's history is last year's.
    const lastYear = String(Number(countyToday().slice(0, 4)) - 1);
    const rows = csvTable(await (await visitor.get("/dashboard/concerns-loop/csv")).text());
    expect(rows.find((r) => r.table === "loop")!.period).toBe(lastYear);
    expect(rows.filter((r) => r.table === "by_zip").every((r) => r.period === lastYear)).toBe(true);
    // One year at a time: no all-years total to offer.
    const html = await (await visitor.get("/dashboard/concerns-loop")).text();
    expect(html).not.toContain(">All years<");
  });

  it("republishes only when a count changed, and the hourly job picks up a new report", async () => {
    const t1 = await token();
    expect(await refreshConcernLoop()).toBe(false);
    expect(await token()).toBe(t1);
    expect(CRONTAB).toMatch(/^\S+ \S+ \S+ \S+ \S+ concern_loop_refresh\b/m);
    const r = await createConcern({
      kindCode: "drug_sales",
      description: "Loop fixture, late: sales on the corner.",
      observedDate: "2020-09-10",
      observedTime: "19:00",
      address: "1300 E 35th St",
      zip: "64130",
      locale: "en",
      source: "seed",
      createdAt: new Date("2020-09-11T15:00:00Z"),
    });
    expect(r.ok).toBe(true);
    // Not yet counted: the publication changes with the recount, not with each report.
    const received = async () => csvTable(await (await visitor.get("/dashboard/concerns-loop/csv?year=2020")).text()).find((row) => row.table === "loop")!;
    expect((await received()).concerns_received).toBe(String(HAND("2020").concerns_received));
    await taskList.concern_loop_refresh!({}, {} as Parameters<NonNullable<typeof taskList.concern_loop_refresh>>[1]);
    expect(await token()).not.toBe(t1);
    expect((await received()).concerns_received).toBe(String(HAND("2020").concerns_received + 1));
  });

  it("puts the year's loop in the annual report, each figure linked to its page", async () => {
    const html = await (await visitor.get("/reports/annual/2020")).text();
    expect(html).toContain('data-report-loop=""');
    for (const s of STAGES) expect(html).toContain(`href="/dashboard/${s}?grain=year&amp;year=2020"`);
    expect(html).toContain('href="/dashboard/concerns-loop?year=2020"');
  });

  it("says so in the annual report of a year without concerns, rather than showing zeros", async () => {
    const loopYears = await availableYears({ kind: "concern" });
    const year = (await availableYears()).find((y) => !loopYears.includes(y));
    expect(year, "a year of case data without concerns").toBeDefined();
    const html = await (await visitor.get(`/reports/annual/${year}`)).text();
    expect(html).toContain('data-report-loop="none"');
    expect(html).not.toContain('data-report-loop=""');
  });
});
