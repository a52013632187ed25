/**
 * Property-based hostile input: random and malformed bodies to every action and API endpoint in
 * hostile-input.table.ts. Each must answer a 4xx with a clear message (or what the table says a
 * legitimate submission gets), never a 5xx, and a refused request writes nothing.
 */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { getSql } from "~/db/client.server";
import { fixedHostileBodies, hostileBody, type HostileBody } from "../support/hostile-bodies";
import { Client, clientFor } from "../support/app";
import { ROLE_USERS } from "./authorization-matrix.table";
import { HOSTILE_TARGETS, type HostileTarget } from "./hostile-input.table";

const NUM_RUNS = Number(process.env.HOSTILE_RUNS ?? 30);
const stats = { inputs: 0, byStatus: new Map<number, number>(), byKind: new Map<string, number>() };
const bump = <K>(map: Map<K, number>, key: K) => map.set(key, (map.get(key) ?? 0) + 1);
const randomIp = () => `172.${1 + Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 255)}.${1 + Math.floor(Math.random() * 250)}`;

async function rowCounts(tables: string[]) {
  const sql = getSql();
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const [row] = await sql.unsafe(`select count(*)::int as n from "${table}"`);
    counts[table] = row!.n as number;
  }
  return counts;
}

/** A 4xx must say what went wrong, in words (translated, not an i18n key). */
function unclearMessage(response: Response, text: string): string | null {
  if (!text.trim()) return "empty body";
  const type = response.headers.get("content-type") ?? "";
  if (type.includes("text/html")) {
    if (!/class="field-errors"|role="alert"|class="error-page"/.test(text)) return "HTML without field errors, an alert or an error page";
    const rawKey = text.match(/>\s*((?:common|auth|admin|errors)[:.][a-zA-Z]+\.[a-zA-Z.]+)\s*</);
    if (rawKey) return `shows an untranslated key "${rawKey[1]}"`;
    return null;
  }
  if (type.includes("json")) {
    try {
      const body = JSON.parse(text) as Record<string, unknown>;
      const message = body.error ?? body.message ?? body.reason ?? (body.result as { error?: unknown } | undefined)?.error ?? body.errors;
      return message ? null : `JSON without error/message/reason: ${text.slice(0, 120)}`;
    } catch {
      return "content-type JSON but the body is not JSON";
    }
  }
  return null;
}

function toInit(input: HostileBody): RequestInit {
  const headers = new Headers();
  // fetch labels a string body text/plain itself; bytes go out with exactly the content type we chose.
  const body = (typeof input.body === "string" ? Buffer.from(input.body, "utf8") : input.body) as BodyInit | null;
  if (input.contentType !== null) headers.set("Content-Type", input.contentType);
  return { method: "POST", headers, body };
}

async function send(target: HostileTarget, url: string, signedIn: Client | null, input: HostileBody) {
  const client = signedIn ?? (await clientFor());
  const init = toInit(input);
  // A new address per request: this tests input handling; the per-address limit has its own test.
  (init.headers as Headers).set("X-Forwarded-For", randomIp());
  const tables = [...new Set([...target.tables, ...Object.keys(target.onSuccess ?? {})])];
  const before = await rowCounts(tables);
  const started = Date.now();
  const response = await client.request(url, init);
  const text = await response.text();
  const after = await rowCounts(tables);
  stats.inputs++;
  bump(stats.byStatus, response.status);
  bump(stats.byKind, input.kind);

  const what = `${target.name}: ${input.kind} (${input.contentType ?? "no content type"}) → ${response.status} in ${Date.now() - started} ms`;
  const changed = tables.filter((t) => after[t] !== before[t]).map((t) => `${t} ${before[t]}→${after[t]}`);
  expect(response.status, `${what}: a 5xx\n${text.slice(0, 300)}`).toBeLessThan(500);
  if (target.accept.includes(response.status)) {
    if (target.onSuccess) {
      const wrong = tables.filter((t) => after[t]! - before[t]! !== (target.onSuccess![t] ?? 0));
      expect(wrong.map((t) => `${t}: changed by ${after[t]! - before[t]!}, expected ${target.onSuccess![t] ?? 0}`), `${what}: all-or-nothing write`).toEqual([]);
    }
    return;
  }
  expect(response.status, `${what}: neither accepted (${target.accept.join("/")}) nor a 4xx`).toBeGreaterThanOrEqual(400);
  expect(changed, `${what}: a refused request wrote rows`).toEqual([]);
  expect(unclearMessage(response, text), `${what}: no clear message\n${text.slice(0, 300)}`).toBeNull();
}

describe("hostile and malformed input", () => {
  afterAll(() => {
    const statuses = [...stats.byStatus].sort().map(([s, n]) => `${s}×${n}`).join(" ");
    const kinds = [...stats.byKind].map(([k, n]) => `${k} ${n}`).join(", ");
    console.log(`hostile input: ${stats.inputs} inputs to ${HOSTILE_TARGETS.length} endpoints (${statuses}); kinds: ${kinds}`);
  });

  for (const target of HOSTILE_TARGETS) {
    it(`${target.name}: 4xx with a message or accepted, never 5xx, nothing written when refused`, { timeout: 120_000 }, async () => {
      const url = typeof target.path === "function" ? await target.path(getSql()) : target.path;
      const signedIn = target.as && target.as !== "visitor" ? await clientFor(ROLE_USERS[target.as]!) : null;
      await fc.assert(
        fc.asyncProperty(hostileBody(target.valid), (input) => send(target, url, signedIn, input)),
        { numRuns: NUM_RUNS, examples: fixedHostileBodies(target.valid).map((b) => [b]), endOnFailure: true },
      );
    });
  }

  it("the valid body of each target is accepted (the generators start from something real)", async () => {
    for (const target of HOSTILE_TARGETS) {
      const url = typeof target.path === "function" ? await target.path(getSql()) : target.path;
      const signedIn = target.as && target.as !== "visitor" ? await clientFor(ROLE_USERS[target.as]!) : null;
      const client = signedIn ?? (await clientFor());
      const response = await client.request(url, {
        method: "POST",
        headers: { "Content-Type": target.kind === "json" ? "application/json" : "application/x-www-form-urlencoded", "X-Forwarded-For": randomIp() },
        body: target.kind === "json" ? JSON.stringify(target.valid()) : new URLSearchParams(target.valid()).toString(),
      });
      expect(target.accept, `${target.name}: the valid body got ${response.status}`).toContain(response.status);
    }
  });
});
