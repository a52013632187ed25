import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { concerns, open311ApiKeys } from "~/db/schema";
import { createConcern } from "~/modules/concerns/index.server";
import { clientFor, type Client, startOfFreshRateWindow } from "../support/app";
import { issueKeyViaAdmin } from "../support/concerns";
import { addDays, countyDay, countyToday } from "~/utils/clock";

let admin: Client;
let key: string;
let knownNumber: number;
const today = countyToday();

async function body(r: Response) {
  return r.headers.get("content-type")?.includes("json") ? r.json() : r.text();
}

function expectJsonError(json: unknown, code: number) {
  expect(Array.isArray(json)).toBe(true);
  const [err] = json as { code: number; description: string }[];
  expect(err!.code).toBe(code);
  expect(typeof err!.description).toBe("string");
  expect(err!.description.length).toBeGreaterThan(0);
}

function expectXmlError(xml: string, code: number) {
  expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>/);
  expect(xml).toMatch(new RegExp(`<errors><error><code>${code}</code><description>[^<]+</description></error></errors>`));
}

beforeAll(async () => {
  admin = await clientFor("admin@demo.test");
  key = await issueKeyViaAdmin(admin, "Test 311 app");
  const r = await createConcern({ kindCode: "drug_sales", description: "x", observedDate: today, address: "1500 Open St", zip: "64128", locale: "en" });
  if (!r.ok) throw new Error("seed failed");
  knownNumber = r.number;
});

describe("Open311 discovery and services", () => {
  it("serves discovery in JSON and XML", async () => {
    const c = await clientFor();
    const j = await c.get("/open311/v2/discovery.json");
    expect(j.status).toBe(200);
    expect(j.headers.get("content-type")).toMatch(/application\/json/);
    const d = (await j.json()) as { endpoints: { specification: string; url: string; formats: string[] }[]; contact: string };
    expect(d.endpoints[0]!.specification).toBe("http://wiki.open311.org/GeoReport_v2");
    expect(d.endpoints[0]!.url).toMatch(/\/open311\/v2$/);
    expect(d.endpoints[0]!.formats).toEqual(["application/json", "text/xml"]);
    const x = await c.get("/open311/v2/discovery.xml");
    expect(x.headers.get("content-type")).toMatch(/text\/xml/);
    const xml = await x.text();
    expect(xml).toContain("<discovery>");
    expect(xml).toContain("<endpoints><endpoint><specification>http://wiki.open311.org/GeoReport_v2</specification>");
    expect(xml).toContain("<formats><format>application/json</format><format>text/xml</format></formats>");
  });

  it("lists services in JSON and XML", async () => {
    const c = await clientFor();
    const list = (await (await c.get("/open311/v2/services.json")).json()) as Record<string, unknown>[];
    const drug = list.find((s) => s.service_code === "drug_sales")!;
    expect(drug).toMatchObject({ service_name: "Drug sales", metadata: true, type: "realtime" });
    expect(Object.keys(drug).sort()).toEqual(["description", "group", "keywords", "metadata", "service_code", "service_name", "type"]);
    const xml = await (await c.get("/open311/v2/services.xml")).text();
    expect(xml).toMatch(/<services><service><service_code>drug_sales<\/service_code><service_name>Drug sales<\/service_name>/);
  });

  it("defines a service's attributes, and 404s an unknown service", async () => {
    const c = await clientFor();
    const def = (await (await c.get("/open311/v2/services/drug_sales.json")).json()) as {
      service_code: string;
      attributes: { code: string; required: boolean; order: number; datatype: string; values: unknown[] }[];
    };
    expect(def.service_code).toBe("drug_sales");
    expect(def.attributes.map((a) => a.code)).toEqual(["zipcode", "observed_date", "consent_to_contact"]);
    expect(def.attributes[0]).toMatchObject({ required: true, datatype: "string", order: 1 });
    expect(def.attributes[2]!.values).toEqual([
      { key: "yes", name: "Yes" },
      { key: "no", name: "No" },
    ]);
    const xml = await (await c.get("/open311/v2/services/drug_sales.xml")).text();
    expect(xml).toContain("<service_definition><service_code>drug_sales</service_code><attributes><attribute><variable>true</variable><code>zipcode</code>");
    expect(xml).toContain("<values><value><key>yes</key><name>Yes</name></value>");

    const missing = await c.get("/open311/v2/services/no_such_service.json");
    expect(missing.status).toBe(404);
    expectJsonError(await missing.json(), 404);
    const missingXml = await c.get("/open311/v2/services/no_such_service.xml");
    expect(missingXml.status).toBe(404);
    expectXmlError(await missingXml.text(), 404);
  });

  it("404s an unknown format or resource", async () => {
    const c = await clientFor();
    expect((await c.get("/open311/v2/services.csv")).status).toBe(404);
    const r = await c.get("/open311/v2/nothing.json");
    expect(r.status).toBe(404);
    expectJsonError(await r.json(), 404);
  });
});

describe("Open311 POST requests", () => {
  const good = () => ({
    service_code: "drug_sales",
    description: "Sales from a parked car every evening",
    address_string: "1234 Posting Ave",
    "attribute[zipcode]": "64130",
    "attribute[observed_date]": today,
    email: "api.reporter@example.net",
    first_name: "Api",
    last_name: "Reporter",
  });

  it("refuses a missing, invalid or revoked api_key with 403 (JSON and XML)", async () => {
    const c = await clientFor();
    const none = await c.post("/open311/v2/requests.json", good(), { origin: null });
    expect(none.status).toBe(403);
    expectJsonError(await none.json(), 403);
    const bad = await c.post("/open311/v2/requests.xml", { ...good(), api_key: "cab311_not-a-key" }, { origin: null });
    expect(bad.status).toBe(403);
    expectXmlError(await bad.text(), 403);

    const revokedKey = await issueKeyViaAdmin(admin, "Revoked app");
    const [{ id }] = (await db.select({ id: open311ApiKeys.id }).from(open311ApiKeys).where(eq(open311ApiKeys.name, "Revoked app"))) as [{ id: string }];
    expect(await (await admin.get("/admin/api-keys")).text()).toContain("Revoke the key for Revoked app");
    // Revoking asks first; the key works until the confirmation.
    const asked = await admin.post("/admin/api-keys", { intent: "revoke", id });
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain("this cannot be undone");
    expect((await c.post("/open311/v2/requests.json", { ...good(), api_key: revokedKey }, { origin: null })).status).toBe(201);
    expect((await admin.post("/admin/api-keys", { intent: "revoke", id, confirm: "yes" })).status).toBe(200);
    const revoked = await c.post("/open311/v2/requests.json", { ...good(), api_key: revokedKey }, { origin: null });
    expect(revoked.status).toBe(403);
  });

  it("answers missing or invalid fields with 400 naming them", async () => {
    const c = await clientFor();
    const cases: [Record<string, string>, RegExp][] = [
      [{ ...good(), service_code: "" }, /service_code/],
      [{ ...good(), service_code: "unknown_service" }, /service_code/],
      [{ ...good(), address_string: "" }, /address_string/],
      [{ ...good(), description: "" }, /description/],
      [{ ...good(), "attribute[zipcode]": "" }, /zipcode/],
      [{ ...good(), "attribute[zipcode]": "ABCDE" }, /zipcode/],
      [{ ...good(), email: "not-an-email" }, /email/],
      [{ ...good(), "attribute[observed_date]": "2999-01-01" }, /observed_date/],
    ];
    for (const [fields, pattern] of cases) {
      const r = await c.post("/open311/v2/requests.json", { ...fields, api_key: key }, { origin: null });
      expect(r.status, JSON.stringify(fields)).toBe(400);
      const json = (await r.json()) as { code: number; description: string }[];
      expectJsonError(json, 400);
      expect(json[0]!.description).toMatch(pattern);
    }
    const xml = await c.post("/open311/v2/requests.xml", { ...good(), description: "", api_key: key }, { origin: null });
    expect(xml.status).toBe(400);
    expectXmlError(await xml.text(), 400);
    const notForm = await c.request("/open311/v2/requests.json", { method: "POST", body: "{", headers: { "Content-Type": "application/json" }, origin: null });
    expect([400, 403]).toContain(notForm.status);
  });

  it("creates a request and returns its id (JSON and XML), without private fields", async () => {
    const c = await clientFor();
    const r = await c.post("/open311/v2/requests.json", { ...good(), api_key: key }, { origin: null });
    expect(r.status).toBe(201);
    const [created] = (await r.json()) as { service_request_id: string; service_notice: string }[];
    expect(created!.service_request_id).toMatch(/^\d+$/);
    const [row] = await db
      .select()
      .from(concerns)
      .where(eq(concerns.number, Number(created!.service_request_id)));
    expect(row).toMatchObject({
      source: "open311",
      address: "1234 Posting Ave",
      publicBlock: "1200 block of Posting Ave",
      reporterEmail: "api.reporter@example.net",
      zip: "64130",
    });
    const rx = await c.post("/open311/v2/requests.xml", { ...good(), api_key: key }, { origin: null });
    expect(rx.status).toBe(201);
    expect(await rx.text()).toMatch(/<service_requests><request><service_request_id>\d+<\/service_request_id>/);
    const got = await (await c.get(withKey(`/open311/v2/requests/${created!.service_request_id}.json`))).text();
    expect(got).toContain("1200 block of Posting Ave");
    expect(got).not.toContain("1234 Posting");
    expect(got).not.toContain("api.reporter@example.net");
    expect(got).not.toContain("Sales from a parked car");
  });
});

/** Reading requests needs a key too (a keyless list would undo the public overview's suppression). */
const withKey = (url: string) => `${url}${url.includes("?") ? "&" : "?"}api_key=${encodeURIComponent(key)}`;

describe("Open311 GET requests", () => {
  it("refuses to list or show requests without a valid api_key (403, JSON and XML)", async () => {
    const c = await clientFor();
    for (const url of ["/open311/v2/requests.json", `/open311/v2/requests/${knownNumber}.json`, "/open311/v2/requests.json?api_key=cab311_wrong"]) {
      const r = await c.get(url);
      expect(r.status, url).toBe(403);
      expectJsonError(await r.json(), 403);
    }
    const x = await c.get("/open311/v2/requests.xml");
    expect(x.status).toBe(403);
    expectXmlError(await x.text(), 403);
  });

  it("lists recent requests with the spec's fields, open/closed status and detailed status notes", async () => {
    const c = await clientFor();
    const list = (await (await c.get(withKey("/open311/v2/requests.json"))).json()) as Record<string, string>[];
    expect(list.length).toBeGreaterThan(0);
    const mine = list.find((r) => r.service_request_id === String(knownNumber))!;
    expect(mine).toMatchObject({ status: "open", service_code: "drug_sales", address: "1500 block of Open St", zipcode: "64128" });
    expect(mine.status_notes).toMatch(/^Received/);
    expect(mine.requested_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00Z$/);
    expect(Object.keys(mine)).not.toContain("lat");
    expect(Object.keys(mine)).not.toContain("long");
    for (const r of list) expect(["open", "closed"]).toContain(r.status);
    const xml = await (await c.get(withKey("/open311/v2/requests.xml"))).text();
    expect(xml).toContain(`<request><service_request_id>${knownNumber}</service_request_id><status>open</status>`);
  });

  it("filters by status, service_code, id list and dates", async () => {
    const c = await clientFor();
    const open = (await (await c.get(withKey("/open311/v2/requests.json?status=open"))).json()) as { status: string }[];
    expect(open.every((r) => r.status === "open")).toBe(true);
    const closed = (await (await c.get(withKey("/open311/v2/requests.json?status=closed"))).json()) as { status: string; status_notes: string }[];
    expect(closed.length).toBeGreaterThan(0);
    expect(closed.every((r) => r.status === "closed")).toBe(true);
    expect(closed.some((r) => /^(Closed|Not documented|Responded|Duplicate)/.test(r.status_notes))).toBe(true);
    const gun = (await (await c.get(withKey("/open311/v2/requests.json?service_code=gun_violence"))).json()) as { service_code: string }[];
    expect(gun.every((r) => r.service_code === "gun_violence")).toBe(true);
    const byId = (await (await c.get(withKey(`/open311/v2/requests.json?service_request_id=${knownNumber},999999`))).json()) as {
      service_request_id: string;
    }[];
    expect(byId.map((r) => r.service_request_id)).toEqual([String(knownNumber)]);
    const old = (await // Before the demo's year of history (last calendar year) and everything since: no requests.
    (await c.get(withKey(`/open311/v2/requests.json?start_date=${addDays(today, -800)}&end_date=${addDays(today, -730)}`))).json()) as unknown[];
    expect(old).toEqual([]);
    const recent = (await (await c.get(withKey(`/open311/v2/requests.json?start_date=${addDays(today, -2)}T00:00:00Z`))).json()) as {
      service_request_id: string;
    }[];
    expect(recent.some((r) => r.service_request_id === String(knownNumber))).toBe(true);
  });

  it("rejects bad dates, ranges over 90 days and bad statuses with 400 (JSON and XML)", async () => {
    const c = await clientFor();
    const bad = [
      "start_date=yesterday",
      "end_date=2026-13-45",
      `start_date=${today}&end_date=${addDays(today, -1)}`,
      `start_date=${addDays(today, -91)}&end_date=${today}`,
      "status=pending",
      "service_request_id=abc",
    ];
    for (const q of bad) {
      const r = await c.get(withKey(`/open311/v2/requests.json?${q}`));
      expect(r.status, q).toBe(400);
      expectJsonError(await r.json(), 400);
      const x = await c.get(withKey(`/open311/v2/requests.xml?${q}`));
      expect(x.status, q).toBe(400);
      expectXmlError(await x.text(), 400);
    }
    const ok = await c.get(withKey(`/open311/v2/requests.json?start_date=${addDays(today, -90)}&end_date=${today}`));
    expect(ok.status).toBe(200);
  });

  it("gets one request by id, and 404s an unknown one (JSON and XML)", async () => {
    const c = await clientFor();
    const one = (await (await c.get(withKey(`/open311/v2/requests/${knownNumber}.json`))).json()) as { service_request_id: string }[];
    expect(one).toHaveLength(1);
    expect(one[0]!.service_request_id).toBe(String(knownNumber));
    const xml = await (await c.get(withKey(`/open311/v2/requests/${knownNumber}.xml`))).text();
    expect(xml).toContain(`<service_requests><request><service_request_id>${knownNumber}</service_request_id>`);
    for (const id of ["999999", "abc"]) {
      const r = await c.get(withKey(`/open311/v2/requests/${id}.json`));
      expect(r.status).toBe(404);
      expectJsonError(await body(r), 404);
      const x = await c.get(withKey(`/open311/v2/requests/${id}.xml`));
      expect(x.status).toBe(404);
      expectXmlError(await x.text(), 404);
    }
  });

  it("rate-limits one address", { timeout: 60_000 }, async () => {
    await startOfFreshRateWindow();
    const c = await clientFor();
    let last = 0;
    for (let i = 0; i < 121; i++) last = (await c.get("/open311/v2/services.json")).status;
    expect(last).toBe(429);
    const r = await c.get("/open311/v2/services.json");
    expectJsonError(await r.json(), 429);
    expect(r.headers.get("retry-after")).toBeTruthy();
  });
});
