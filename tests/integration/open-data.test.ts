import { beforeAll, describe, expect, it } from "vitest";
import { API_PATHS } from "~/modules/metrics";
import { clientFor, type Client } from "../support/app";

type Cell = { period: string; dimension: string | null; value: string | null; state: string; count: number | null; text: string };
type Combination = { grain: string; by: string | null; values?: string[]; cells: string };

let visitor: Client;
let measures: { key: string; kind: string; unit: string; name: { en: string; es: string }; definition: { en: string; es: string } }[];

beforeAll(async () => {
  visitor = await clientFor();
  const r = await visitor.get("/api/v1/measures");
  expect(r.status).toBe(200);
  measures = (await r.json()).measures;
});

async function getJson(path: string, client = visitor) {
  const r = await client.get(path, { headers: { Accept: "application/json" } });
  return { status: r.status, headers: r.headers, body: await r.json() };
}

describe("the open-data API (/api/v1)", () => {
  it("lists the measures with their definitions in English and Spanish", () => {
    expect(measures.length).toBeGreaterThan(5);
    for (const m of measures) {
      expect(m.name.en && m.name.es && m.definition.en && m.definition.es, m.key).toBeTruthy();
      expect(m.kind).not.toBe("context");
    }
  });

  it("gives the same cells as the measure page's loader, for the same combination", async () => {
    const year = (await (await visitor.get("/dashboard/referred?grain=year&_data=routes%2Fdashboard.%24measure")).json()).years.at(-1);
    const pairs: [string, string, string][] = [
      ["referred", "grain=year&by=race", "grain=year&by=race"],
      ["filed", "grain=year&by=zip", "grain=year&by=zip"],
      ["declined", "grain=quarter", "grain=quarter"],
      ["referred", `grain=month&year=${year}`, `grain=month&year=${year}`],
    ];
    for (const [key, pageQuery, apiQuery] of pairs) {
      const page = await (await visitor.get(`/dashboard/${key}?${pageQuery}&_data=routes%2Fdashboard.%24measure`)).json();
      const api = await getJson(`/api/v1/measures/${key}/cells?${apiQuery}`);
      expect(api.status).toBe(200);
      const fromApi = new Map((api.body.cells as Cell[]).map((c) => [`${c.period}|${c.value ?? ""}`, { value: c.count, state: c.state }]));
      const { periods, columns, table, periodTotals } = page.table;
      expect(periods.length, key).toBeGreaterThan(0);
      if (table) {
        periods.forEach((p: string, i: number) =>
          columns.forEach((col: string, j: number) => expect(fromApi.get(`${p}|${col}`), `${key} ${p} ${col}`).toEqual(table.cells[i][j])),
        );
        expect(fromApi.size).toBe(periods.length * columns.length);
      } else {
        periods.forEach((p: string, i: number) => expect(fromApi.get(`${p}|`), `${key} ${p}`).toEqual(periodTotals[i]));
        expect(fromApi.size).toBe(periods.length);
      }
    }
  });

  it("never gives a suppressed cell's number: every offered combination of every measure, read as an attacker would", async () => {
    let hidden = 0;
    let total = 0;
    for (const m of measures) {
      const detail = await getJson(`/api/v1/measures/${m.key}`);
      expect(detail.status).toBe(200);
      for (const c of detail.body.combinations as Combination[]) {
        const r = await visitor.get(c.cells);
        expect(r.status, c.cells).toBe(200);
        const raw = await r.text();
        const body = JSON.parse(raw);
        for (const cell of body.cells as Cell[]) {
          total++;
          expect(Object.keys(cell).sort()).toEqual(["count", "dimension", "period", "state", "text", "value"]);
          if (cell.state === "shown") {
            expect(cell.text).toBe(String(cell.count));
          } else {
            hidden++;
            expect(cell.count, `${c.cells} ${cell.period} ${cell.value}`).toBeNull();
            expect(cell.text).toBe(cell.state === "primary" ? "fewer than 11" : "suppressed");
          }
        }
        // Nothing else in the answer could carry a number: no rates, no sums, no extras.
        expect(Object.keys(body).sort()).toEqual(["by", "cells", "grain", "measure", "publishedAt"]);
      }
    }
    expect(total).toBeGreaterThan(100);
    // The demo publication has hidden cells, so the check above had something to catch.
    expect(hidden).toBeGreaterThan(0);
  }, 120_000);

  it("answers 404 in JSON for a combination not offered, an unknown measure or path", async () => {
    for (const path of [
      "/api/v1/measures/referred/cells?grain=month&by=race",
      "/api/v1/measures/referred/cells?grain=year&by=race&year=20x4",
      "/api/v1/measures/referred/cells?grain=week",
      "/api/v1/measures/drug_referred/cells?grain=year&by=offense",
      "/api/v1/measures/p4p_referrals/cells?grain=year&by=race",
      "/api/v1/measures/nope/cells",
      "/api/v1/measures/nope",
      "/api/v1/nothing-here",
    ]) {
      const r = await visitor.get(path);
      expect(r.status, path).toBe(404);
      expect(r.headers.get("content-type"), path).toContain("application/json");
      expect((await r.json()).error, path).toBeTruthy();
    }
  });

  it("is CORS-enabled for reads, without credentials, and cacheable like public pages", async () => {
    const r = await visitor.get("/api/v1/measures/referred/cells?grain=year", { headers: { Origin: "https://elsewhere.example" } });
    expect(r.status).toBe(200);
    expect(r.headers.get("access-control-allow-origin")).toBe("*");
    expect(r.headers.get("access-control-allow-credentials")).toBeNull();
    expect(r.headers.get("cache-control")).toContain("s-maxage=60");
    expect(r.headers.get("etag")).toBeTruthy();
    expect(r.headers.get("set-cookie")).toBeNull();
    const pre = await visitor.request("/api/v1/measures", {
      method: "OPTIONS",
      origin: "https://elsewhere.example",
      headers: { "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "accept" },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe("*");
    expect(pre.headers.get("access-control-allow-methods")).toContain("GET");
    expect(pre.headers.get("access-control-allow-credentials")).toBeNull();
    // Read-only: a write is refused, whatever its origin.
    const post = await visitor.request("/api/v1/measures", { method: "POST", origin: "https://elsewhere.example", body: "x" });
    expect(post.status).toBe(405);
  });

  it("describes itself in a valid OpenAPI 3.1 document listing every route", async () => {
    const r = await visitor.get("/api/v1/openapi.json");
    expect(r.status).toBe(200);
    const doc = JSON.parse(await r.text());
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual([...API_PATHS].sort());
    // Every path answers (with a real key in place of {key}), and every $ref resolves.
    for (const p of API_PATHS) {
      const real = p.replace("{key}", "referred");
      expect((await visitor.get(real)).status, real).toBe(200);
    }
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]!);
    for (const ref of refs) expect(doc.components.schemas[ref], ref).toBeTruthy();
  });

  it("has a human page explaining it, in English and Spanish", async () => {
    const en = await visitor.get("/data/api?lng=en");
    expect(en.status).toBe(200);
    expect(await en.text()).toContain("Open data: the dashboard");
    const es = await visitor.get("/data/api?lng=es");
    expect(await es.text()).toContain("Datos abiertos");
  });

  it("data notes: a public changelog without uploader names or file names, and limitations staff write", async () => {
    const analyst = await clientFor("analyst@demo.test");
    const saved = await analyst.post("/staff/data-notes", {
      limitationsEn: "Counts come from the case system as of each import.\n\nPolice referrals before 2022 lack ZIP codes.",
      limitationsEs: "Los conteos vienen del sistema de casos.",
    });
    expect(saved.status).toBe(302);
    const page = await visitor.get("/data/notes?lng=en");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("<p>Police referrals before 2022 lack ZIP codes.</p>");
    expect(html).toContain("first published");
    const es = await (await visitor.get("/data/notes?lng=es")).text();
    expect(es).toContain("Los conteos vienen del sistema de casos.");
    // Public-safe fields only: no uploader, no file name of any import.
    const { db } = await import("~/db/client.server");
    const { sql } = await import("drizzle-orm");
    const rows = await db.execute<{ file_name: string; name: string | null }>(
      sql`select i.file_name, u.display_name as name from metric_imports i left join users u on u.id = i.uploaded_by`,
    );
    for (const r of rows) {
      expect(html).not.toContain(r.file_name);
      if (r.name) expect(html).not.toContain(r.name);
    }
    // Only staff write them.
    const member = await clientFor("member1@demo.test");
    expect((await member.post("/staff/data-notes", { limitationsEn: "x", limitationsEs: "y" })).status).toBe(403);
    expect((await member.get("/staff/data-notes")).status).toBe(403);
  });
});
