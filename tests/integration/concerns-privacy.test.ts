import { beforeAll, describe, expect, it } from "vitest";
import { changeStatus, corroborateConcern, createConcern, mergeDuplicate } from "~/modules/concerns/index.server";
import { clientFor, type Client } from "../support/app";
import { issueKeyViaAdmin, lastMonthDay, userId } from "../support/concerns";
import { addDays, countyDay, countyToday } from "~/utils/clock";

// Known private values: none of them may appear on any public page or API response.
const PRIVATE = [
  "4321 Secretwood",
  "Zelda Privateperson",
  "zelda.private@example.net",
  "216-555-0199",
  "41.4991234",
  "-81.6954321",
  "SECRET-DESCRIPTION-TOKEN",
  "Quentin Corroborator",
  "quentin.corr@example.net",
  "440-555-0123",
  "CORROBORATION-SECRET-TEXT",
  "INTERNAL-NOTE-SECRET",
  "87 Hiddenway Ct",
  "hidden.reporter@example.net",
];

const codes: string[] = [];
const numbers: number[] = [];
let apiKey = "";

beforeAll(async () => {
  const analyst = { id: await userId("analyst@demo.test") };
  const observedDate = lastMonthDay();
  for (let i = 0; i < 3; i++) {
    const r = await createConcern({
      kindCode: "drug_sales",
      description: `SECRET-DESCRIPTION-TOKEN number ${i}`,
      observedDate,
      observedTime: "21:15",
      address: `4321 Secretwood Ave${i === 2 ? " Apt 7" : ""}`,
      zip: "64128",
      latitude: 41.4991234,
      longitude: -81.6954321,
      name: "Zelda Privateperson",
      email: "zelda.private@example.net",
      phone: "216-555-0199",
      consent: true,
      locale: "en",
    });
    if (!r.ok) throw new Error("seed");
    codes.push(r.trackingCode);
    numbers.push(r.number);
  }
  const corr = await corroborateConcern(numbers[0]!, {
    description: "CORROBORATION-SECRET-TEXT",
    observedDate,
    name: "Quentin Corroborator",
    email: "quentin.corr@example.net",
    phone: "440-555-0123",
    locale: "es",
  });
  if (!corr.ok) throw new Error("corroborate");
  codes.push(corr.trackingCode);
  await changeStatus(numbers[1]!, { status: "under_review", publicNote: "We are looking into it.", internalNote: "INTERNAL-NOTE-SECRET" }, analyst);
  await mergeDuplicate(numbers[2]!, numbers[0]!, "Same block, same concern.", analyst);
  const hidden = await createConcern({
    kindCode: "other",
    description: "abusive",
    observedDate,
    address: "87 Hiddenway Ct",
    zip: "64124",
    email: "hidden.reporter@example.net",
    locale: "en",
  });
  if (hidden.ok) codes.push(hidden.trackingCode);
  const admin = await clientFor("admin@demo.test");
  apiKey = await issueKeyViaAdmin(admin, "Privacy crawl");
});

function expectClean(where: string, text: string) {
  for (const secret of PRIVATE) expect(text.includes(secret), `${secret} leaked on ${where}`).toBe(false);
}

/** Follows every same-site link a visitor can see, from the home page and the concern pages. */
async function crawl(client: Client, starts: string[], limit = 150) {
  const seen = new Map<string, string>();
  const queue = [...starts];
  while (queue.length && seen.size < limit) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    const r = await client.get(path);
    const text = await r.text();
    seen.set(path, text);
    if (!(r.headers.get("content-type") ?? "").includes("html")) continue;
    for (const [, href] of text.matchAll(/href="([^"]+)"/g)) {
      const link = href!.replace(/&amp;/g, "&");
      if (!link.startsWith("/") || link.startsWith("//") || link.startsWith("/build/") || /\.(css|js|ico|png|svg)$/.test(link)) continue;
      if (/^\/(logout|set-locale)/.test(link)) continue;
      if (!seen.has(link)) queue.push(link);
    }
  }
  return seen;
}

describe("privacy: no public page or API response shows private concern data", () => {
  it("crawls every public page a visitor can reach, including tracking pages", async () => {
    const visitor = await clientFor();
    const starts = [
      "/",
      "/concerns",
      "/concerns/new",
      "/concerns/track",
      ...codes.flatMap((c) => [`/concerns/track/${c}`, `/concerns/received/${c}`, `/concerns/track?code=${c.slice(0, 4)}-${c.slice(4, 8)}-${c.slice(8)}`]),
    ];
    const pages = await crawl(visitor, starts);
    expect(pages.size).toBeGreaterThan(10);
    for (const [path, text] of pages) expectClean(path, text);
    // The public data IS there: the test would see a leak.
    expect(pages.get("/concerns")).toContain("4300 block of Secretwood Ave");
    expect(pages.get(`/concerns/track/${codes[0]}`)).toContain("4300 block of Secretwood Ave");
    expect(pages.get(`/concerns/track/${codes[1]}`)).toContain("We are looking into it.");
    expect(pages.get(`/concerns/track/${codes[3]}`)).toContain(`#${numbers[0]}`);
    // Spanish pages too.
    const es = await clientFor();
    await es.post("/set-locale", { locale: "es", redirectTo: "/concerns" });
    for (const path of ["/concerns", `/concerns/track/${codes[0]}`, `/concerns/track/${codes[3]}`])
      expectClean(`es ${path}`, await (await es.get(path)).text());
  });

  it("shows no private data on the similar-reports step of the form", async () => {
    const visitor = await clientFor();
    const r = await visitor.post("/concerns/new", {
      intent: "check",
      kind: "drug_sales",
      description: "I saw it too",
      observedDate: countyToday(),
      address: "4399 Secretwood Ave",
      zip: "64128",
    });
    expect(r.status).toBe(200);
    const html = await r.text();
    expect(html).toContain("A similar report is already open");
    expect(html).toContain("4300 block of Secretwood Ave");
    // No concern number on this step (the page's strings are in its script; look at what it shows).
    expect(html.slice(html.indexOf("<main"), html.indexOf("</main>"))).not.toContain(`#${numbers[0]}`);
    expectClean("similar step", html);
  });

  it("shows no private data in any Open311 response (JSON and XML)", async () => {
    const c = await clientFor();
    const today = countyToday();
    const paths = [
      "discovery",
      "services",
      "services/drug_sales",
      "services/other",
      "requests",
      "requests?status=open",
      "requests?status=closed",
      "requests?service_code=drug_sales",
      `requests?service_request_id=${numbers.join(",")}`,
      `requests?start_date=${addDays(today, -60)}&end_date=${today}`,
      ...numbers.map((n) => `requests/${n}`),
    ];
    let sawBlock = false;
    for (const p of paths) {
      for (const format of ["json", "xml"]) {
        const [path, query] = p.split("?");
        const url = `/open311/v2/${path}.${format}?${query ? `${query}&` : ""}api_key=${encodeURIComponent(apiKey)}`;
        const r = await c.get(url);
        expect(r.status, url).toBe(200);
        const text = await r.text();
        expectClean(url, text);
        sawBlock ||= text.includes("4300 block of Secretwood Ave");
      }
    }
    expect(sawBlock).toBe(true);
    for (const format of ["json", "xml"]) {
      const r = await c.post(
        `/open311/v2/requests.${format}`,
        {
          api_key: apiKey,
          service_code: "other",
          description: "SECRET-DESCRIPTION-TOKEN",
          address_string: "4321 Secretwood Ave",
          "attribute[zipcode]": "64128",
          email: "zelda.private@example.net",
          phone: "216-555-0199",
          lat: "41.4991234",
          long: "-81.6954321",
        },
        { origin: null },
      );
      expect(r.status).toBe(201);
      expectClean(`POST requests.${format}`, await r.text());
    }
  });
});
