import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { concerns, responses } from "~/db/schema";
import { changeStatus, corroborateConcern, createConcern, mergeDuplicate, setHidden } from "~/modules/concerns/index.server";
import { policyInForce } from "~/modules/policies/index.server";
import { documentConcern, recordCitation } from "~/modules/policies/index.server";
import { clientFor, type Client } from "../support/app";
import { lastMonthDay, userId } from "../support/concerns";
import { addDays, countyDay, countyToday } from "~/utils/clock";

const visible = (html: string) => html.replace(/<script[\s\S]*?<\/script>/g, "");

// Private values of the concerns this file links: none may appear on a public page (scripts included).
const PRIVATE = [
  "7781 Privatelane Ave",
  "7793 Privatelane Ave",
  "Ramona Reporter",
  "ramona.reporter@example.net",
  "otto.other@example.net",
  "216-555-0142",
  "cora.corroborator@example.net",
  "RESP-SECRET-DESCRIPTION",
  "7790 Privatelane Ave",
  "carl.third@example.net",
];

type Made = { number: number; code: string; id: string };
let a: Made;
let b: Made;
let c: Made;
let policyId = "";
let analyst: Client;
let resident: Client;

async function make(input: { address: string; email?: string; name?: string; phone?: string; locale?: string }): Promise<Made> {
  const r = await createConcern({
    kindCode: "drug_sales",
    description: "RESP-SECRET-DESCRIPTION: sales from a parked car every night.",
    observedDate: lastMonthDay(),
    observedTime: "22:05",
    address: input.address,
    zip: "64130",
    name: input.name,
    email: input.email,
    phone: input.phone,
    consent: Boolean(input.email),
    locale: input.locale ?? "en",
  });
  if (!r.ok) throw new Error("concern");
  const [row] = await db.select({ id: concerns.id }).from(concerns).where(eq(concerns.number, r.number));
  return { number: r.number, code: r.trackingCode, id: row!.id };
}

/** Emails to one address: about one response (by its event key), or of one template. */
async function outbox(to: string, about: { response: string } | { template: string }) {
  const where = "response" in about ? sql`idempotency_key like ${`response:${about.response}:%`}` : sql`template = ${about.template}`;
  return db.execute<{ subject: string; text: string; html: string }>(sql`select subject, text, html from email_outbox where to_address = ${to} and ${where}`);
}

function form(overrides: Record<string, string | string[]> = {}) {
  return {
    intent: "save",
    title: "Sales from parked cars on the 7700 block",
    summary: "Two residents reported sales from parked cars. Here is what the office did.",
    body__text: "We reviewed both reports and documented them.\n\nA drug filing cites them.",
    policyVersionId: policyId,
    criterionStatement: "Both reports come from residents of the block and name a place and time, so they meet the policy's checklist.",
    concernNumbers: `${a.number}, ${b.number}`,
    newMeasure: "drug_filed",
    newGrain: "year",
    newYear: "2025",
    ...overrides,
  };
}

beforeAll(async () => {
  a = await make({ address: "7781 Privatelane Ave", email: "ramona.reporter@example.net", name: "Ramona Reporter", phone: "216-555-0142" });
  b = await make({ address: "7793 Privatelane Ave", email: "otto.other@example.net", locale: "es" });
  c = await make({ address: "7790 Privatelane Ave", email: "carl.third@example.net" });
  const corr = await corroborateConcern(a.number, {
    description: "RESP-SECRET-DESCRIPTION again",
    observedDate: lastMonthDay(),
    email: "cora.corroborator@example.net",
    locale: "en",
  });
  if (!corr.ok) throw new Error("corroborate");
  policyId = (await policyInForce("documented_concern", countyToday()))!.id;
  analyst = await clientFor("analyst@demo.test");
  resident = await clientFor("resident@demo.test");
  // A signed-in resident follows concern B from its tracking page.
  const followed = await resident.post(`/concerns/track/${b.code}`, { intent: "follow" });
  expect(followed.status).toBe(302);
  expect(await (await resident.get(`/concerns/track/${b.code}`)).text()).toContain(`value="unfollow"`);
});

describe("responses: permissions and input", () => {
  it("keeps staff pages from cab members and visitors", async () => {
    const member = await clientFor("member1@demo.test");
    for (const path of ["/staff/responses", "/staff/responses/new"]) expect((await member.get(path)).status).toBe(403);
    expect((await member.post("/staff/responses/new", form())).status).toBe(403);
    const visitor = await clientFor();
    const r = await visitor.get("/staff/responses/new");
    expect(r.status).toBe(302);
    expect(r.headers.get("location")).toMatch(/^\/login/);
    expect((await visitor.post(`/concerns/track/${a.code}`, { intent: "follow" })).status).toBe(302);
  });

  it("answers malformed input with 400 and field errors, keeping what was typed and writing nothing", async () => {
    const [{ n: before }] = (await db.select({ n: sql<number>`count(*)::int` }).from(responses)) as [{ n: number }];
    let r = await analyst.post(
      "/staff/responses/new",
      form({ title: "", concernNumbers: "12, abc", clusterZip: "441", snapshotIds: "not-an-id", criterionStatement: "short" }),
    );
    expect(r.status).toBe(400);
    let html = visible(await r.text());
    expect(html).toContain("Enter concern numbers separated by commas");
    expect(html).toContain("Enter a 5-digit ZIP code.");
    expect(html).toContain("Enter snapshot ids or links");
    expect(html).toContain("at least 20 characters");
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain("We reviewed both reports");
    r = await analyst.post(
      "/staff/responses/new",
      form({
        concernNumbers: "99999999",
        policyVersionId: "00000000-0000-4000-8000-000000000000",
        refLink: "/analyses/00000000-0000-4000-8000-000000000000",
        newMeasure: "no_such_measure",
      }),
    );
    expect(r.status).toBe(400);
    html = visible(await r.text());
    expect(html).toContain("One or more of these concern numbers do not exist.");
    expect(html).toContain("Choose the policy version the response cites.");
    expect(html).toContain("That analysis or comment was not found.");
    expect(html).toContain("Choose a measure from the list.");
    r = await analyst.post("/staff/responses/new", form({ clusterZip: "64130" }));
    expect(r.status).toBe(400);
    expect(await r.text()).toContain("A cluster needs both a ZIP code and a kind of concern.");
    r = await analyst.post("/staff/responses/new", form({ body__text: "" }));
    expect(r.status).toBe(400);
    // A body that is not a form at all is a 400 too, not a 500.
    r = await analyst.request("/staff/responses/new", { method: "POST", body: "%%%", headers: { "Content-Type": "multipart/form-data; boundary=x" } });
    expect(r.status).toBe(400);
    const [{ n: after }] = (await db.select({ n: sql<number>`count(*)::int` }).from(responses)) as [{ n: number }];
    expect(after).toBe(before);
  });

  it("refuses a policy version that was not in force when the concerns it answers were observed", async () => {
    const [{ n: before }] = (await db.select({ n: sql<number>`count(*)::int` }).from(responses)) as [{ n: number }];
    // The demo's documented-concern policy v1 ended 400 days ago; these concerns are from last month.
    const expired = (await policyInForce("documented_concern", addDays(countyToday(), -500)))!;
    expect(expired.id).not.toBe(policyId);
    expect(expired.effectiveTo! <= lastMonthDay()).toBe(true);
    const message = "That version of the policy was not in force when the concerns this response answers were observed.";
    for (const fields of [
      form({ policyVersionId: expired.id }),
      // Through the cluster instead of named concerns.
      form({ policyVersionId: expired.id, concernNumbers: "", clusterZip: "44105", clusterKind: "drug_sales" }),
      // A response that names no concern answers today: the expired version is not in force today either.
      form({ policyVersionId: expired.id, concernNumbers: "" }),
    ]) {
      const r = await analyst.post("/staff/responses/new", fields);
      expect(r.status).toBe(400);
      const html = visible(await r.text());
      expect(html).toContain(message);
      // The field error sits on the policy field, and what was typed is kept.
      expect(html).toMatch(/name="policyVersionId"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*name="policyVersionId"/);
      expect(html).toContain("We reviewed both reports");
    }
    const [{ n: after }] = (await db.select({ n: sql<number>`count(*)::int` }).from(responses)) as [{ n: number }];
    expect(after).toBe(before);
  });
});

describe("responses: draft, publish, notify once", () => {
  let id = "";
  let slug = "";
  let snapshotId = "";
  // What the edit form posts back: the embedded snapshot stays listed, no new one.
  const edit = (overrides: Record<string, string> = {}) => form({ newMeasure: "", snapshotIds: snapshotId, ...overrides });

  it("keeps a draft from visitors and members, and tells no one", async () => {
    const r = await analyst.post("/staff/responses/new", form());
    expect(r.status).toBe(302);
    id = r.headers.get("location")!.split("/")[3]!;
    const [row] = await db.select().from(responses).where(eq(responses.id, id));
    slug = row!.slug;
    expect(row!.status).toBe("draft");
    const snaps = await db.execute<{ snapshot_id: string }>(sql`select snapshot_id from response_snapshots where response_id = ${id}`);
    expect(snaps).toHaveLength(1);
    snapshotId = snaps[0]!.snapshot_id;
    // The edit form lists the embedded snapshot so it is posted back.
    expect(await (await analyst.get(`/staff/responses/${id}/edit`)).text()).toContain(snapshotId);
    expect((await (await clientFor()).get(`/responses/${slug}`)).status).toBe(404);
    expect((await (await clientFor("member1@demo.test")).get(`/responses/${slug}`)).status).toBe(404);
    const preview = await analyst.get(`/responses/${slug}`);
    expect(preview.status).toBe(200);
    expect(await preview.text()).toContain("Draft: only office staff can see this page.");
    expect(await outbox("ramona.reporter@example.net", { response: id })).toHaveLength(0);
    expect(visible(await (await clientFor()).get("/responses").then((x) => x.text()))).not.toContain("Sales from parked cars");
    expect(visible(await (await clientFor()).get(`/concerns/track/${a.code}`).then((x) => x.text()))).not.toContain("Sales from parked cars");
  });

  it("publishes: reporters with an email and followers are notified once, concerns move to responded", async () => {
    const statusMailsBefore = (await outbox("ramona.reporter@example.net", { template: "concern_status_changed" })).length;
    const r = await analyst.post(`/staff/responses/${id}/edit`, edit({ intent: "publish" }));
    expect(r.status).toBe(302);
    for (const email of ["ramona.reporter@example.net", "otto.other@example.net", "cora.corroborator@example.net", "resident@demo.test"]) {
      const mails = await outbox(email, { response: id });
      expect(mails, email).toHaveLength(1);
    }
    // The resident follows with an account: the response itself, and their settings.
    const [followerMail] = await outbox("resident@demo.test", { response: id });
    expect(followerMail!.text).toContain(`/responses/${slug}`);
    expect(followerMail!.html).toContain("/account/notifications");
    // Reporters without an account hear about *their report*, with its tracking page only: no "a concern you follow", no settings they do not have.
    for (const [email, code] of [
      ["ramona.reporter@example.net", a.code],
      ["otto.other@example.net", b.code],
    ] as const) {
      const [mail] = await outbox(email, { response: id });
      expect(mail!.text, email).toContain(`/concerns/track/${code}`);
      expect(mail!.text + mail!.html, email).not.toMatch(
        /you follow|usted sigue|account\/notifications|notification settings|configuración de notificaciones/i,
      );
      expect(mail!.text, email).toMatch(/you reported|usted reportó/);
    }
    expect((await outbox("cora.corroborator@example.net", { response: id }))[0]!.text).toMatch(/\/concerns\/track\/[A-Z0-9]+/);
    expect((await outbox("otto.other@example.net", { response: id }))[0]!.subject).toMatch(/fiscalía/);
    expect(await outbox("carl.third@example.net", { response: id })).toHaveLength(0);
    // One message per person: the status change to "responded" does not send a second email.
    expect((await outbox("ramona.reporter@example.net", { template: "concern_status_changed" })).length).toBe(statusMailsBefore);
    const residentId = await userId("resident@demo.test");
    const inbox = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from notifications where user_id = ${residentId} and event_key = ${`response:${id}`}`,
    );
    expect(Number(inbox[0]!.n)).toBe(1);
    for (const m of [a, b]) {
      const [row] = await db.select({ status: concerns.status }).from(concerns).where(eq(concerns.id, m.id));
      expect(row!.status).toBe("responded");
    }
    const audit = await db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'response.published' and subject_id = ${id}`);
    expect(Number(audit[0]!.n)).toBe(1);
    const history = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from concern_status_history where concern_id = ${a.id} and status = 'responded'`,
    );
    expect(Number(history[0]!.n)).toBe(1);
  });

  it("does not notify again on edit or a second publish; a newly linked concern is told once", async () => {
    let r = await analyst.post(`/staff/responses/${id}/edit`, edit({ title: "Sales from parked cars on the 7700 block (updated)" }));
    expect(r.status).toBe(302);
    r = await analyst.post(`/staff/responses/${id}/edit`, edit({ intent: "publish" }));
    expect(r.status).toBe(302);
    for (const email of ["ramona.reporter@example.net", "otto.other@example.net", "cora.corroborator@example.net", "resident@demo.test"])
      expect(await outbox(email, { response: id }), email).toHaveLength(1);
    r = await analyst.post(`/staff/responses/${id}/edit`, edit({ concernNumbers: `${a.number}, ${b.number}, ${c.number}` }));
    expect(r.status).toBe(302);
    r = await analyst.post(`/staff/responses/${id}/edit`, edit({ concernNumbers: `${a.number}, ${b.number}, ${c.number}` }));
    expect(await outbox("carl.third@example.net", { response: id })).toHaveLength(1);
    expect(await outbox("ramona.reporter@example.net", { response: id })).toHaveLength(1);
    const audit = await db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'response.published' and subject_id = ${id}`);
    expect(Number(audit[0]!.n)).toBe(1);
  });

  it("shows the response on each tracking page and the public pages, with no private data anywhere", async () => {
    const visitor = await clientFor();
    const page = await (await visitor.get(`/responses/${slug}`)).text();
    expect(visible(page)).toContain('<h1 id="response-title" data-user-content="">Sales from parked cars on the 7700 block</h1>');
    expect(page).toContain(snapshotId);
    expect(visible(page)).toContain("7700 block of Privatelane Ave");
    expect(visible(page)).toContain('data-testid="cited-policy"');
    expect(visible(page)).toContain("meet the policy&#x27;s checklist");
    expect(visible(page)).toMatch(/class="snapshot-frozen"/);
    expect(visible(page)).toContain("Discussion");
    const list = await (await visitor.get("/responses")).text();
    expect(visible(list)).toContain(`/responses/${slug}`);
    const pages = [page, list];
    for (const m of [a, b, c]) {
      const tracking = await (await visitor.get(`/concerns/track/${m.code}`)).text();
      expect(visible(tracking)).toContain(`href="/responses/${slug}"`);
      expect(visible(tracking)).toMatch(/answered this concern (after \d+ days?|the same day it was submitted)/);
      pages.push(tracking);
    }
    for (const html of pages) for (const secret of PRIVATE) expect(html.includes(secret), secret).toBe(false);
  });
});

describe("response clock", () => {
  it("shows how long an open concern has waited on its tracking page", async () => {
    const fresh = await make({ address: "7001 Waitingway Rd" });
    await db.execute(sql`update concerns set created_at = now() - interval '9 days 1 hour' where id = ${fresh.id}`);
    const html = visible(await (await clientFor()).get(`/concerns/track/${fresh.code}`).then((r) => r.text()));
    expect(html).toMatch(/Waiting for an answer: (9|10) days since it was submitted/);
  });

  it("publishes the median days to respond by month, matching a hand-computed fixture", async () => {
    const staff = { id: await userId("analyst@demo.test") };
    // March 2020: twelve concerns answered after these many days (one waited under review first).
    const waits = [0, 1, 2, 3, 5, 8, 13, 21, 34, 40, 55, 89];
    const answerAt = "2020-03-20T16:00:00Z";
    const made: Made[] = [];
    for (const [i, days] of waits.entries()) {
      const m = await make({ address: `${100 + i} Fixture St` });
      made.push(m);
      await db.execute(sql`update concerns set created_at = ${answerAt}::timestamptz - make_interval(days => ${days}) where id = ${m.id}`);
      await changeStatus(m.number, { status: "under_review" }, staff);
      await changeStatus(m.number, { status: i % 2 ? "referred" : "not_documented" }, staff);
      await db.execute(
        sql`update concern_status_history set created_at = ${answerAt}::timestamptz where concern_id = ${m.id} and status in ('referred', 'not_documented')`,
      );
      // "Under review" one day after submission is an acknowledgement, not an answer.
      await db.execute(
        sql`update concern_status_history set created_at = ${answerAt}::timestamptz - make_interval(days => ${days}) + interval '1 day' where concern_id = ${m.id} and status = 'under_review'`,
      );
    }
    // Not counted: a hidden concern and a duplicate merged into another, both "answered" that month.
    for (const kind of ["hidden", "duplicate"] as const) {
      const m = await make({ address: `9${kind.length} Excluded St` });
      await db.execute(sql`update concerns set created_at = ${answerAt}::timestamptz - interval '400 days' where id = ${m.id}`);
      await changeStatus(m.number, { status: "under_review" }, staff);
      await changeStatus(m.number, { status: "referred" }, staff);
      await db.execute(sql`update concern_status_history set created_at = ${answerAt}::timestamptz where concern_id = ${m.id}`);
      if (kind === "hidden") await setHidden(m.number, true, "abusive", staff);
      else await mergeDuplicate(m.number, made[0]!.number, undefined, staff);
    }
    // April 2020: three concerns answered (a small month: its count and median are withheld).
    for (let i = 0; i < 3; i++) {
      const m = await make({ address: `${200 + i} Fixture St` });
      await db.execute(sql`update concerns set created_at = ${"2020-04-01T16:00:00Z"}::timestamptz where id = ${m.id}`);
      await changeStatus(m.number, { status: "closed" }, staff);
      await db.execute(sql`update concern_status_history set created_at = ${`2020-04-0${i + 2}T16:00:00Z`}::timestamptz where concern_id = ${m.id}`);
    }
    // By hand. March: 0 1 2 3 5 8 | 13 21 34 40 55 89 → the middle two are 8 and 13 → 10.5.
    // All fifteen (April adds 1, 2, 3): 0 1 1 2 2 3 3 [5] 8 13 21 34 40 55 89 → the 8th is 5.
    const visitor = await clientFor();
    const csv = await (await visitor.get("/dashboard/response-time/csv?year=2020")).text();
    const rows = csv
      .trim()
      .split("\n")
      .filter((l) => !l.startsWith("#"));
    expect(rows).toEqual([
      "month_answered,concerns_answered,median_days_to_respond",
      // 12 answered is shown, so the total is hidden: April's "fewer than 11" cannot be worked out.
      "2020-03,12,10.5",
      "2020-04,fewer than 11,withheld",
      "total,suppressed,5",
    ]);
    const html = visible(await (await visitor.get("/dashboard/response-time?year=2020")).text());
    expect(html).toContain("10.5");
    expect(html).toContain('<dd data-testid="overall-median">5</dd>');
    expect(html).toContain("fewer than 11");
    expect(html).toContain('role="img"');
    // The fixture concern answered after 8 days says so on its tracking page.
    const tracking = visible(await (await visitor.get(`/concerns/track/${made[5]!.code}`)).text());
    expect(tracking).toContain("answered this concern after 8 days");
  });
});

describe("drug citations on the dashboard", () => {
  it("shows filings citing a documented concern vs violence vs declined, with 1..10 never derivable", async () => {
    const staff = { id: await userId("analyst@demo.test") };
    const documented = (await policyInForce("documented_concern", countyToday()))!;
    const violence = (await policyInForce("connection_to_violence", countyToday()))!;
    const m = await make({ address: "5500 Citation Ave" });
    const doc = await documentConcern({ number: m.number, policyVersionId: documented.id, checked: documented.checklist.map((i) => i.id) }, staff);
    if (!doc.ok) throw new Error(doc.error);
    // May 2021: 12 filed on a documented concern, 3 on violence, 14 declined; June 2021: 2, 0, 11.
    const plan: [string, number, number, number][] = [
      ["2021-05-10", 12, 3, 14],
      ["2021-06-10", 2, 0, 11],
    ];
    let n = 0;
    for (const [day, filedDoc, filedViolence, declined] of plan) {
      for (let i = 0; i < filedDoc; i++)
        await recordCitation(
          { caseRef: `FX-${n++}`, decision: "filed", policyVersionId: documented.id, decidedOn: day, documentationIds: [doc.documentation.id] },
          staff,
        );
      for (let i = 0; i < filedViolence; i++)
        await recordCitation({ caseRef: `FX-${n++}`, decision: "filed", policyVersionId: violence.id, decidedOn: day, documentationIds: [] }, staff);
      for (let i = 0; i < declined; i++)
        await recordCitation({ caseRef: `FX-${n++}`, decision: "declined", policyVersionId: documented.id, decidedOn: day, documentationIds: [] }, staff);
    }
    const visitor = await clientFor();
    const csv = await (await visitor.get("/dashboard/drug-citations/csv?year=2021")).text();
    const rows = csv
      .trim()
      .split("\n")
      .filter((l) => !l.startsWith("#"))
      .slice(1)
      .map((l) => l.split(","));
    expect(rows.map((r) => r[0])).toEqual(["2021-05", "2021-06", "total"]);
    const values = rows.map((r) => r.slice(1).map((v) => (/^\d+$/.test(v) ? Number(v) : null)));
    // No published count is 1..10.
    for (const row of values) for (const v of row) if (v !== null) expect(v === 0 || v >= 11, String(v)).toBe(true);
    expect(csv).toContain("fewer than 11");
    // Nothing hidden can be worked out: in every row and column with a shown total, the hidden cells are two or more, or sum to 0 or 11+.
    const truth = [
      [12, 3, 14, 29],
      [2, 0, 11, 13],
      [14, 3, 25, 42],
    ];
    const lines: [number, number][][] = [
      ...[0, 1, 2].map((r) => [0, 1, 2, 3].map((c) => [r, c] as [number, number])),
      ...[0, 1, 2, 3].map((c) => [0, 1, 2].map((r) => [r, c] as [number, number])),
    ];
    for (const line of lines) {
      const [tr, tc] = line.at(-1)!;
      if (values[tr]![tc] === null) continue;
      const hidden = line.slice(0, -1).filter(([r, c]) => values[r]![c] === null);
      if (!hidden.length) continue;
      expect(hidden.length, `line ending ${tr},${tc}`).toBeGreaterThan(1);
      const sum = hidden.reduce((s, [r, c]) => s + truth[r]![c]!, 0);
      expect(sum === 0 || sum >= 11, `hidden sum ${sum}`).toBe(true);
    }
    const html = visible(await (await visitor.get("/dashboard/drug-citations?year=2021")).text());
    expect(html).toContain("Filed, citing a documented concern");
    expect(html).toContain('role="img"');
    expect(html).not.toMatch(/<td data-state="shown">([1-9]|10)<\/td>/);
    expect(html).toContain('<td data-state="primary">fewer than 11</td>');
    const index = visible(await (await visitor.get("/dashboard")).text());
    expect(index).toContain('href="/dashboard/response-time"');
    expect(index).toContain('href="/dashboard/drug-citations"');
  });
});

describe("demo seeds", () => {
  it("publish responses that walk the loop: documented concerns on a block, a citation, a snapshot, the policy", async () => {
    const visitor = await clientFor();
    const list = visible(await (await visitor.get("/responses")).text());
    const slug = /href="\/responses\/(what-the-office-did-about-drug-sales[^"]*)"/.exec(list)?.[1];
    expect(slug).toBeTruthy();
    const page = await (await visitor.get(`/responses/${slug}`)).text();
    expect(visible(page)).toContain("2600 block of Prospect Ave");
    expect(visible(page)).toContain('class="snapshot-frozen"');
    expect(visible(page)).toContain("Documented community concern policy");
    expect(page).not.toContain("block.resident1@example.org");
    expect(page).not.toMatch(/26(08|20|32) Prospect Ave/);
    // One story: the concerns are in a Kansas City ZIP, and the response cites that ZIP's own
    // dashboard figure, a published cell that is not withheld.
    const [cited] = await db.execute<{ value: string | null; filters: Record<string, string>; zips: string[] }>(sql`
      select s.value, s.filters, array(select distinct c.zip from response_concerns rc join concerns c on c.id = rc.concern_id where rc.response_id = r.id) as zips
      from responses r join response_snapshots rs on rs.response_id = r.id join metric_snapshots s on s.id = rs.snapshot_id
      where r.slug = ${slug!}`);
    expect(cited!.zips).toEqual(["64127"]);
    expect(cited!.filters).toMatchObject({ zip: "64127", year: "2025" });
    expect(cited!.value).not.toBeNull();
    const cells = await db.execute<{ measure_key: string; state: string }>(sql`
      select measure_key, state from metric_published_cells
      where measure_key like 'drug_%' and grain = 'year' and period = '2025' and dimension = 'zip' and value = '64127'`);
    expect(cells.some((c) => c.measure_key === "drug_filed")).toBe(true);
    expect(cells.filter((c) => c.measure_key === "drug_filed" || c.measure_key === "drug_referred").every((c) => c.state === "shown")).toBe(true);
    const mails = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from email_outbox where to_address = 'block.resident1@example.org' and template = 'response_published'`,
    );
    expect(Number(mails[0]!.n)).toBe(1);
  });
});
