/**
 * What `npm run bench` measures (and `npm run soak` mixes): ONE entry per page or endpoint.
 * An entry whose path is null (or resolves to null, or answers 404) is reported as
 * "not yet available" — fill in the path when the page lands.
 */
import type postgres from "postgres";

export type BenchPage = {
  name: string;
  method?: "GET" | "POST";
  /** The URL; a function looks one up in the large data (e.g. the brief with 1,000 comments). */
  path: string | null | ((sql: postgres.Sql) => Promise<string | null>);
  /** Sign in as this demo user first. */
  as?: string;
  /** POST: a fresh form body for each request (unique codes, emails…). */
  body?: () => Record<string, string>;
  /** Statuses that count as success (default: 200 for GET, 302/303 for POST). */
  ok?: number[];
  /** POST: rows that each acknowledged request adds (checked afterwards: nothing lost). */
  count?: (sql: postgres.Sql) => Promise<number>;
  /** In the soak's traffic mix (default true). */
  soak?: boolean;
};

let n = 0;

export const FLOOR: BenchPage = { name: "floor (trivial Remix page)", path: "/bench/floor" };

export const PAGES: BenchPage[] = [
  { name: "home", path: "/" },
  // LEAD: the placeholder is measured until the real dashboard replaces it.
  { name: "dashboard", path: "/dashboard" },
  // LEAD: e.g. async (sql) => `/dashboard/${(await sql`select slug from measures limit 1`)[0]?.slug}`
  { name: "measure page", path: null },
  // LEAD: the seeded brief with 1,000 comments, read by a member.
  { name: "brief with 1,000 comments", path: null, as: "member1@demo.test" },
  // LEAD: a tracking page by code, e.g. async (sql) => `/concerns/track/${(await sql`select code from concerns limit 1`)[0]?.code}`
  { name: "concern tracking page", path: null },
  // 1,000 records: set the query (e.g. "?page_size=1000") when the Open311 endpoint lands.
  { name: "Open311 requests.json (1,000 records)", path: "/open311/v2/requests.json" },
  {
    name: "concern submission (POST)",
    method: "POST",
    // LEAD: the concern form's path, fields and a row count (e.g. select count(*) from concerns).
    path: null,
    body: () => ({ description: `Bench concern ${++n}`, category: "other" }),
    ok: [302, 303],
  },
  { name: "sign-up (POST, argon2)", method: "POST", path: "/signup", body: () => ({ displayName: "Bench", email: `bench-${process.pid}-${Date.now()}-${++n}@example.org`, password: "bench-password-2026" }), soak: false,
    count: async (sql) => Number((await sql`select count(*)::int as n from users where email like 'bench-%@example.org'`)[0]!.n) },
];
