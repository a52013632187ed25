/**
 * The authorization matrix, checked against the real build: every route in the Remix route
 * manifest × every role × GET and POST, as the table says. A route without a table entry fails.
 * Beside the document request, a `?_data=<route>` request must never give 200 where the page
 * itself is refused (Remix's data requests skip its own CSRF and rendering paths).
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { getSql } from "~/db/client.server";
import { Client, clientFor } from "../support/app";
import { prepareMatrixFixtures } from "../support/matrix-fixtures";
import { MATRIX, ROLE_USERS, ROLES, type Entry, type Expect, type LayoutEntry, type Role, type RouteCase } from "./authorization-matrix.table";

const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
const routes = build.routes;
const routeIds = Object.keys(routes).sort();
const hasChildren = (id: string) => Object.values(routes).some((r) => r?.parentId === id);

/** The URL pattern of a route: its own path joined to its ancestors'. */
function patternOf(id: string) {
  const parts: string[] = [];
  for (let r: (typeof routes)[string] | undefined = routes[id]; r; r = r.parentId ? routes[r.parentId] : undefined) if (r.path) parts.unshift(r.path);
  return (
    "/" +
    parts
      .join("/")
      .replace(/\/+/g, "/")
      .replace(/^\/|\/$/g, "")
  );
}

const isLayout = (entry: Entry): entry is LayoutEntry => !Array.isArray(entry) && "layout" in entry;
const casesOf = (entry: Entry): RouteCase[] => (isLayout(entry) ? [] : Array.isArray(entry) ? entry : [entry]);

async function urlFor(id: string, routeCase: RouteCase) {
  const pattern = patternOf(id);
  const segments: string[] = [];
  for (const segment of pattern.split("/").filter(Boolean)) {
    const optional = segment.endsWith("?");
    const bare = optional ? segment.slice(0, -1) : segment;
    const name = bare === "*" ? "*" : bare.startsWith(":") ? bare.slice(1) : null;
    if (!name) {
      segments.push(bare);
      continue;
    }
    const value = routeCase.params?.[name];
    if (value === undefined) {
      if (optional) continue;
      throw new Error(`${id} (${pattern}): the table gives no sample value for "${name}" (params.${name === "*" ? '"*"' : name})`);
    }
    segments.push(typeof value === "function" ? await value(getSql()) : value);
  }
  const search = typeof routeCase.search === "function" ? routeCase.search() : (routeCase.search ?? "");
  return "/" + segments.join("/") + search;
}

function matches(expect: Expect, response: Response, url: string) {
  const location = response.headers.get("location");
  if (expect === "login") return response.status === 302 && location === `/login?redirectTo=${encodeURIComponent(url)}`;
  if (typeof expect === "string") {
    const target = expect.slice(4);
    return response.status === 302 && (target.endsWith("/*") ? Boolean(location?.startsWith(target.slice(0, -1))) : location === target);
  }
  return response.status === expect;
}

function describeResponse(response: Response) {
  const location = response.headers.get("location");
  return location ? `${response.status} ${location}` : String(response.status);
}

// One signed-in client per role, made once (logins are rate-limited and argon2 is slow).
const clients = new Map<Role, Client>();
async function clientAs(role: Role, fresh = false) {
  if (!fresh && clients.has(role)) return clients.get(role)!;
  const client = await clientFor(ROLE_USERS[role] ?? undefined);
  if (!fresh) clients.set(role, client);
  return client;
}

let checks = 0;

/** The texts of `mustNotShow` that apply to this role (HTML-escaped too, as a page would show them). */
async function secretsFor(routeCase: RouteCase, role: Role) {
  const texts: string[] = [];
  for (const rule of routeCase.mustNotShow ?? []) {
    if (!rule.to.includes(role)) continue;
    for (const value of rule.texts) {
      const text = typeof value === "function" ? await value(getSql()) : value;
      if (!text) throw new Error("mustNotShow: an empty text would match anything");
      texts.push(text, text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/'/g, "&#x27;").replace(/"/g, "&quot;"));
    }
  }
  return [...new Set(texts)];
}

describe("authorization matrix", () => {
  beforeAll(async () => {
    await prepareMatrixFixtures();
    for (const role of ROLES) await clientAs(role);
  });

  it("has a table entry for every route in the manifest, and none for routes that are gone", () => {
    const missing = routeIds.filter((id) => !(id in MATRIX));
    const stale = Object.keys(MATRIX).filter((id) => !(id in routes));
    expect(missing.map((id) => `route "${id}" (${patternOf(id)}) has no entry in authorization-matrix.table.ts`)).toEqual([]);
    expect(stale.map((id) => `table entry "${id}" names no route in the build`)).toEqual([]);
  });

  it("marks only routes with children as layouts", () => {
    const wrong = Object.entries(MATRIX)
      .filter(([id, entry]) => id in routes && isLayout(entry) && !hasChildren(id))
      .map(([id]) => `"${id}" is a leaf route: give it GET/POST expectations, not layout()`);
    expect(wrong).toEqual([]);
  });

  for (const id of routeIds) {
    const entry = MATRIX[id];
    if (!entry || isLayout(entry)) continue;
    for (const routeCase of casesOf(entry)) {
      const name = `${id}${routeCase.label ? ` (${routeCase.label})` : ""}`;
      it(`${name}: GET and POST for every role`, async () => {
        const url = await urlFor(id, routeCase);
        const problems: string[] = [];
        for (const role of ROLES) {
          const client = await clientAs(role);
          const get = await client.get(url);
          checks++;
          if (!matches(routeCase.get[role], get, url)) problems.push(`GET  ${url} as ${role}: expected ${routeCase.get[role]}, got ${describeResponse(get)}`);

          // Private texts this role must not get: neither on the page nor in its data.
          const secrets = await secretsFor(routeCase, role);
          if (secrets.length && get.status === 200) {
            const page = await get.text();
            const sep = url.includes("?") ? "&" : "?";
            const data = await (await client.get(`${url}${sep}_data=${encodeURIComponent(id)}`)).text();
            checks++;
            for (const secret of secrets) {
              if (page.includes(secret) || data.includes(secret)) problems.push(`GET  ${url} as ${role}: shows "${secret}", which it must not`);
            }
          } else await get.arrayBuffer();

          // Where the page is refused, its data must be too.
          if (routeCase.get[role] !== 200) {
            const sep = url.includes("?") ? "&" : "?";
            const data = await client.get(`${url}${sep}_data=${encodeURIComponent(id)}`);
            const body = await data.text();
            checks++;
            if (data.status === 200) problems.push(`GET  ${url}?_data as ${role}: refused page, but its data came back 200 (${body.slice(0, 80)})`);
          }

          const poster = routeCase.fresh ? await clientAs(role, true) : client;
          const post = await poster.post(url, (typeof routeCase.body === "function" ? routeCase.body() : routeCase.body) ?? {});
          await post.arrayBuffer();
          checks++;
          if (!matches(routeCase.post[role], post, url))
            problems.push(`POST ${url} as ${role}: expected ${routeCase.post[role]}, got ${describeResponse(post)}`);
        }
        expect(problems, problems.join("\n")).toEqual([]);
      });
    }
  }

  it("reports what it checked", () => {
    const cases = routeIds.flatMap((id) => (MATRIX[id] ? casesOf(MATRIX[id]!) : []));
    console.log(`authorization matrix: ${routeIds.length} routes (${cases.length} cases) × ${ROLES.length} roles, ${checks} requests checked`);
    expect(checks).toBeGreaterThan(0);
  });
});
