/**
 * THE authorization matrix: for every route of the Remix build, what each role gets.
 * The test (authorization-matrix.test.ts) reads the route manifest of the real build and FAILS
 * when a route has no entry here, so a new route is one entry below.
 *
 * Expectations:
 *   200, 400, 403, 404, 405, 429   that status
 *   "login"                         302 to /login?redirectTo=<this page>
 *   "302 /path"                     302 to exactly /path
 * Roles are played by demo users (ROLE_USERS). A route with private objects gets several cases
 * (an array), e.g. one with the role's own object and one with another person's.
 */
import type postgres from "postgres";

export const ROLES = ["visitor", "resident", "cab_member", "csu_staff", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** Who plays each role. cab_member is member1; "another member" in a case is member2. */
export const ROLE_USERS: Record<Role, string | null> = {
  visitor: null,
  resident: "resident@demo.test",
  cab_member: "member1@demo.test",
  csu_staff: "analyst@demo.test",
  admin: "admin@demo.test",
};

export type Expect = 200 | 201 | 204 | 400 | 403 | 404 | 405 | 429 | "login" | `302 ${string}`;
export type RoleExpect = Record<Role, Expect>;
/** A sample value for a dynamic segment: fixed, or looked up in the seeded test database. */
export type ParamValue = string | ((sql: postgres.Sql) => Promise<string>);

export type RouteCase = {
  /** Names the case when a route has several (e.g. "own concern", "another resident's concern"). */
  label?: string;
  /** Values for the route's dynamic segments (`:id` → params.id, splat `*` → params["*"]). */
  params?: Record<string, ParamValue>;
  /** Appended to the URL, e.g. "?page=2". */
  search?: string;
  get: RoleExpect;
  post: RoleExpect;
  /** The form the POST sends (default: an empty form). */
  body?: Record<string, string>;
  /** The POST ends or changes the session (logout): each role signs in afresh for it. */
  fresh?: boolean;
};

/** Routes without a URL of their own (root, pathless layouts, parents of index routes). */
export type LayoutEntry = { layout: string };
export type Entry = RouteCase | RouteCase[] | LayoutEntry;

// ---- helpers: most rows are one of these shapes ----

/** Every role gets the same. */
export const all = (expect: Expect): RoleExpect => ({ visitor: expect, resident: expect, cab_member: expect, csu_staff: expect, admin: expect });

/** Visitors go to login, roles below `role` get 403, `role` and above get `ok`. */
export function atLeast(role: Exclude<Role, "visitor">, ok: Expect = 200, below: Expect = 403): RoleExpect {
  const rank = ROLES.indexOf(role);
  return Object.fromEntries(ROLES.map((r, i) => [r, r === "visitor" ? "login" : i >= rank ? ok : below])) as RoleExpect;
}

/** Pages for people who are not signed in (login, signup): signed-in users are sent on. */
export const visitorsOnly = (ok: Expect = 200, signedIn: Expect = "302 /"): RoleExpect => ({
  visitor: ok,
  resident: signedIn,
  cab_member: signedIn,
  csu_staff: signedIn,
  admin: signedIn,
});

export const roles = (expect: RoleExpect) => expect;
export const layout = (why: string): LayoutEntry => ({ layout: why });

// ---- the matrix ----

export const MATRIX: Record<string, Entry> = {
  root: layout("the document shell: its loader runs (and is checked) for every page below"),

  // Public pages. POST to a page without an action is 405.
  "routes/_index": { get: all(200), post: all(405) },
  "routes/briefs._index": { get: all(200), post: all(405) },
  "routes/analyses._index": { get: all(200), post: all(405) },
  "routes/meetings._index": { get: all(200), post: all(405) },
  "routes/dashboard._index": { get: all(200), post: all(405) },
  "routes/concerns._index": { get: all(200), post: all(405) },
  "routes/concerns.new": { get: all(200), post: all(405) },

  // The benchmark floor (bench/run.ts): a trivial public page.
  "routes/bench.floor": { get: all(200), post: all(405) },

  // Staff area.
  "routes/staff._index": { get: atLeast("csu_staff"), post: all(405) },

  // Authentication. An empty form is a 400 with field errors; signed-in people are sent home.
  "routes/login": { get: visitorsOnly(), post: visitorsOnly(400) },
  "routes/signup": { get: visitorsOnly(), post: visitorsOnly(400) },
  "routes/logout": { get: all("302 /"), post: all("302 /"), fresh: true },
  "routes/set-locale": { get: all("302 /"), post: all("302 /"), body: { locale: "es", redirectTo: "/" } },

  // Anything else is a real 404, for GET and POST alike.
  "routes/$": { params: { "*": "no-such-page/at-all" }, get: all(404), post: all(404) },
};
