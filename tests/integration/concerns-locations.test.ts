import { eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { concernCorroborations, concerns, emailOutbox } from "~/db/schema";
import { englishLocation, type PublicLocation } from "~/modules/concerns";
import { changeStatus, corroborateConcern, createConcern } from "~/modules/concerns/index.server";
import { clientFor, type Client } from "../support/app";
import { issueKeyViaAdmin, lastMonthDay, userId } from "../support/concerns";
import { HOSTILE_LOCATIONS, type HostileLocation } from "../fixtures/hostile-locations";

/**
 * The hostile-location corpus (tests/fixtures/hostile-locations.ts), each string typed as a
 * concern's location, then looked for as an adversary would: on its tracking page (English and
 * Spanish, HTML and loader JSON), on the public overview, in every Open311 response (JSON and
 * XML) and in every email sent to someone other than the reporter (people who added to it, who
 * are told about its status changes). Counts of checks and leaks are printed for the release note.
 */
const ZIP = "64128";
type Planted = HostileLocation & { number: number; code: string; follower: string };
const planted: Planted[] = [];
let apiKey = "";

const decode = (s: string) =>
  s
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&nbsp;/g, "\u00a0")
    .replace(/&amp;/g, "&");
// Asset URLs carry content hashes that could contain any digits; they are not data.
const readable = (s: string) =>
  decode(s.replace(/\/build\/[^"'\s)]*/g, ""))
    .replace(/\\u0026/g, "&")
    .toLowerCase();

let checks = 0;
const leaks: string[] = [];
function expectNoSecrets(where: string, text: string, entries: readonly HostileLocation[] = HOSTILE_LOCATIONS) {
  const hay = readable(text);
  for (const e of entries)
    for (const secret of e.secrets) {
      checks++;
      if (hay.includes(secret.toLowerCase())) leaks.push(`${JSON.stringify(e.input).slice(0, 60)} → "${secret}" on ${where}`);
    }
}

beforeAll(async () => {
  const analyst = { id: await userId("analyst@demo.test") };
  const observedDate = lastMonthDay();
  for (const [i, e] of HOSTILE_LOCATIONS.entries()) {
    const r = await createConcern({
      kindCode: "drug_sales",
      description: "A report typed with a hostile location",
      observedDate,
      address: e.input,
      zip: ZIP,
      email: `hostile.reporter${i}@example.net`,
      locale: i % 2 ? "es" : "en",
    });
    if (!r.ok) throw new Error("seed");
    // Someone else adds to it: they hear about every status change by email.
    const follower = `hostile.follower${i}@example.net`;
    const corr = await corroborateConcern(r.number, { description: "Me too", observedDate, email: follower, locale: i % 2 ? "en" : "es" });
    if (!corr.ok) throw new Error("corroborate");
    await changeStatus(r.number, { status: "under_review", publicNote: "Office staff are reviewing this concern." }, analyst);
    planted.push({ ...e, number: r.number, code: r.trackingCode, follower });
  }
  apiKey = await issueKeyViaAdmin(await clientFor("admin@demo.test"), "Hostile corpus");
}, 120_000);

/** A new client every 25 uses (up to 50 requests): the tracking page allows 60 a minute per address. */
async function clients() {
  let c: Client = await clientFor();
  let n = 0;
  return async () => {
    if (++n % 25 === 0) c = await clientFor();
    return c;
  };
}

describe(`hostile locations (${HOSTILE_LOCATIONS.length} strings): nothing but a block, an intersection or the ZIP is published`, () => {
  it("has at least 100 strings, and stores for each exactly the public location expected", async () => {
    expect(HOSTILE_LOCATIONS.length).toBeGreaterThanOrEqual(100);
    const rows = await db
      .select({ number: concerns.number, location: concerns.publicLocation, block: concerns.publicBlock, address: concerns.address })
      .from(concerns)
      .where(
        inArray(
          concerns.number,
          planted.map((p) => p.number),
        ),
      );
    const byNumber = new Map(rows.map((r) => [r.number, r]));
    let published = 0;
    for (const p of planted) {
      const row = byNumber.get(p.number)!;
      // Staff still see the original.
      expect(row.address).toBe(p.input.trim());
      expect(englishLocation(row.location as PublicLocation), JSON.stringify(p.input)).toBe(p.published);
      expect(row.block).toBe(p.published);
      if (p.published) published++;
    }
    console.info(`hostile corpus: ${planted.length} strings, ${published} published as a block or intersection, ${planted.length - published} as the ZIP only`);
  });

  it("shows no secret on any tracking page (English and Spanish, HTML and loader data)", async () => {
    const next = await clients();
    const es = await clientFor();
    await es.post("/set-locale", { locale: "es", redirectTo: "/concerns" });
    let esCount = 0;
    for (const p of planted) {
      const c = await next();
      const html = await (await c.get(`/concerns/track/${p.code}`)).text();
      expect(html).toContain(`Concern #${p.number}`);
      expectNoSecrets(`track ${p.number}`, html, [p]);
      // The ZIP alone when the location cannot be published as a block or intersection.
      expect(decode(html)).toContain(p.published ?? `ZIP code ${ZIP}`);
      const data = await (await c.get(`/concerns/track/${p.code}?_data=${encodeURIComponent("routes/concerns.track.$code")}`)).text();
      expectNoSecrets(`track ${p.number} _data`, data, [p]);
      // Corroborations are a public count: 1 here, shown as "fewer than 11".
      expect(html).toContain("Fewer than 11");
      if (esCount++ < 45) {
        const esHtml = decode(await (await es.get(`/concerns/track/${p.code}`)).text());
        expectNoSecrets(`es track ${p.number}`, esHtml, [p]);
        const loc = p.published && /^(\d+) block of (.+)$/.exec(p.published);
        if (loc) expect(esHtml).toContain(`cuadra ${loc[1]} de ${loc[2]}`);
      }
    }
    expect(leaks).toEqual([]);
  }, 180_000);

  it("shows no secret on the public overview (both languages, and its loader data)", async () => {
    const en = await clientFor();
    const es = await clientFor();
    await es.post("/set-locale", { locale: "es", redirectTo: "/concerns" });
    const pages = {
      "overview en": await (await en.get("/concerns")).text(),
      "overview es": await (await es.get("/concerns")).text(),
      "overview _data": await (await en.get(`/concerns?_data=${encodeURIComponent("routes/concerns._index")}`)).text(),
    };
    for (const [where, text] of Object.entries(pages)) expectNoSecrets(where, text);
    // What may be published is there: the test would see a leak.
    for (const p of planted.filter((x) => x.published)) expect(decode(pages["overview en"]), p.published!).toContain(p.published!);
    expect(decode(pages["overview es"])).toContain("cuadra 4400 de Troost Ave");
    expect(decode(pages["overview es"])).toContain("E 35th St y Troost Ave");
    expect(leaks).toEqual([]);
  });

  it("shows no secret in any Open311 response (JSON and XML): address is the public location or empty", async () => {
    const c = await clientFor();
    const numbers = planted.map((p) => p.number).join(",");
    for (const format of ["json", "xml"]) {
      const r = await c.get(`/open311/v2/requests.${format}?service_request_id=${numbers}&api_key=${encodeURIComponent(apiKey)}`);
      expect(r.status).toBe(200);
      expectNoSecrets(`open311 list ${format}`, await r.text());
      const recent = await c.get(`/open311/v2/requests.${format}?service_code=drug_sales&api_key=${encodeURIComponent(apiKey)}`);
      expectNoSecrets(`open311 recent ${format}`, await recent.text());
    }
    const list = (await (await c.get(`/open311/v2/requests.json?service_request_id=${numbers}&api_key=${encodeURIComponent(apiKey)}`)).json()) as {
      service_request_id: string;
      address: string;
    }[];
    expect(list).toHaveLength(planted.length);
    for (const p of planted) expect(list.find((x) => x.service_request_id === String(p.number))!.address).toBe(p.published ?? "");
    const next = await clients();
    for (const p of planted.slice(0, 40)) {
      const one = await (await next()).get(`/open311/v2/requests/${p.number}.xml?api_key=${encodeURIComponent(apiKey)}`);
      expectNoSecrets(`open311 request ${p.number}`, await one.text(), [p]);
    }
    expect(leaks).toEqual([]);
  }, 60_000);

  it("sends no secret in any email to someone other than the reporter", async () => {
    const followers = planted.map((p) => p.follower);
    const mails = await db.select().from(emailOutbox).where(inArray(emailOutbox.toAddress, followers));
    // Each follower had the "added" receipt and the status change.
    expect(mails.length).toBeGreaterThanOrEqual(planted.length * 2);
    for (const m of mails) {
      const p = planted.find((x) => x.follower === m.toAddress)!;
      expectNoSecrets(`email to ${m.toAddress}`, `${m.subject}\n${m.html}\n${m.text}`, [p]);
    }
    const corr = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(concernCorroborations)
      .where(inArray(concernCorroborations.reporterEmail, followers));
    expect(corr[0]!.n).toBe(planted.length);
    console.info(
      `hostile corpus: ${checks} secret checks over tracking pages, overview, Open311 and ${mails.length} emails to followers; ${leaks.length} leaks`,
    );
    expect(leaks).toEqual([]);
  });
});

describe("similar reports and corroboration", () => {
  const valid = (over: Record<string, string> = {}) => ({
    intent: "check",
    kind: "nuisance_property",
    description: "Cars parked across the sidewalk every night",
    observedDate: lastMonthDay(),
    address: "6612 Similarity Ave",
    zip: "64130",
    ...over,
  });

  it("says an open report of that kind is on the typed block, without numbers or counts, and adds to it", async () => {
    const c = await clientFor();
    const first = await c.post("/concerns/new", { ...valid(), intent: "submit" });
    expect(first.status).toBe(302);
    const [target] = await db.select().from(concerns).where(eq(concerns.address, "6612 Similarity Ave"));
    const other = await clientFor();
    const step = await other.post("/concerns/new", valid({ address: "6655 Similarity Ave", email: "similar.second@example.net" }));
    expect(step.status).toBe(200);
    const page = await step.text();
    // What the page shows (its <script> carries every string of the language).
    const html = decode(page.slice(page.indexOf("<main"), page.indexOf("</main>")));
    expect(html).toContain("A similar report is already open");
    expect(html).toContain("6600 block of Similarity Ave");
    expect(html).not.toContain(String(target!.number));
    expect(html).not.toMatch(/corroborate:\d/);
    expect(html).not.toMatch(/confirmed it/);
    expect(html).toContain('value="corroborate"');
    const added = await other.post("/concerns/new", valid({ address: "6655 Similarity Ave", email: "similar.second@example.net", intent: "corroborate" }));
    expect(added.status).toBe(302);
    expect(added.headers.get("location")).toMatch(/added=1/);
    const corr = await db.select().from(concernCorroborations).where(eq(concernCorroborations.concernId, target!.id));
    expect(corr).toHaveLength(1);
  });

  it("refuses to add a report to a concern of another kind, block or ZIP, or one named by number", async () => {
    const c = await clientFor();
    const [target] = await db.select().from(concerns).where(eq(concerns.address, "6612 Similarity Ave"));
    const before = (await db.select().from(concernCorroborations).where(eq(concernCorroborations.concernId, target!.id))).length;
    const attempts = [
      valid({ intent: "corroborate", kind: "drug_sales" }),
      valid({ intent: "corroborate", zip: "64128" }),
      valid({ intent: "corroborate", address: "6712 Similarity Ave" }),
      valid({ intent: "corroborate", address: "Zelda Quimby's house" }),
      valid({ intent: `corroborate:${target!.number}`, kind: "drug_sales", zip: "64128", address: "1 Elsewhere St" }),
      valid({ intent: `corroborate:${target!.number}` }),
    ];
    for (const a of attempts) {
      const r = await c.post("/concerns/new", a);
      expect(r.status, JSON.stringify(a)).toBe(400);
    }
    const after = (await db.select().from(concernCorroborations).where(eq(concernCorroborations.concernId, target!.id))).length;
    expect(after).toBe(before);
    // Closed: no longer offered and no longer added to.
    await db.update(concerns).set({ status: "closed" }).where(eq(concerns.id, target!.id));
    const step = await c.post("/concerns/new", valid({ address: "6650 Similarity Ave" }));
    expect(step.status).toBe(200);
    const page = decode(await step.text());
    expect(page).not.toContain("A similar report is already open");
    expect(page).toContain("Check your answers before sending your report");
    // Even a resident who chose to add to it before it closed is sent to a new concern.
    const late = decode(await (await c.post("/concerns/new", valid({ address: "6650 Similarity Ave", choice: "corroborate" }))).text());
    expect(late).toContain("Check your answers before sending your report");
    expect(late).toContain('name="intent" value="send"');
  });
});
