/**
 * What `npm run bench` measures (and `npm run soak` mixes): ONE entry per page or endpoint,
 * against the large data (npm run seed:large). An entry whose path is null (or resolves to
 * null, or answers 404) is reported as "not yet available".
 */
import type postgres from "postgres";
import { BIG_BRIEF_SLUG, SOAK_BRIEF_SLUG } from "../scripts/large/briefs";
import { LARGE_ANCHOR } from "../scripts/large/concerns";
import { LARGE_API_KEY, SOAK_ANALYSIS_QUESTION } from "../scripts/large/governance";
import { addDays, countyDay, countyToday } from "../app/utils/clock";

export type BenchPage = {
  name: string;
  method?: "GET" | "POST";
  /** The URL; a function looks one up in the large data (e.g. the brief with 1,000 comments). */
  path: string | null | ((sql: postgres.Sql) => Promise<string | null>);
  /** Sign in as this user first. */
  as?: string;
  /** Sign in as one of these users, one per connection (per-account limits, e.g. 30 comments a minute). */
  asMany?: string[];
  /** POST: a fresh form body for each request (unique codes, emails…). */
  body?: () => Record<string, string>;
  /** Statuses that count as success (default: 200 for GET, 302/303 for POST). */
  ok?: number[];
  /** POST: rows that each acknowledged request adds (checked afterwards: nothing lost). */
  count?: (sql: postgres.Sql) => Promise<number>;
  /** POST: what identifies an acknowledged write, read from its response (e.g. the tracking code in Location). */
  key?: (status: number, headers: Record<string, string>) => string | null;
  /** POST: of the acknowledged keys, those NOT in the database afterwards (must be none). */
  missing?: (sql: postgres.Sql, keys: string[]) => Promise<string[]>;
  /** A response must hold at least this many records (a JSON array). */
  minRecords?: number;
  /** In the soak's traffic mix (default true); "only": in the soak only. */
  soak?: boolean | "only";
  /** Soak: at most this many requests a second (per-account limits). */
  soakRate?: number;
};

let n = 0;
const DAY = 86_400_000;
/** Open311 window: the 30 days before the large data's "now" (about 13,000 concerns; the API returns 1,000). */
const OPEN311_START = countyDay(LARGE_ANCHOR - 30 * DAY);
const OPEN311_END = countyDay(LARGE_ANCHOR);
/** The seeded CAB members of the large data (user0001–user0040@large.test). */
export const LARGE_MEMBERS = Array.from({ length: 40 }, (_, i) => `user${String(i + 1).padStart(4, "0")}@large.test`);
const today = () => countyToday();
const runId = `${process.pid.toString(36)}${Date.now().toString(36)}`;

export const FLOOR: BenchPage = { name: "floor (trivial Remix page)", path: "/bench/floor" };

export const PAGES: BenchPage[] = [
  { name: "home", path: "/" },
  { name: "dashboard", path: "/dashboard" },
  // A percent measure: its numerator and its denominator (cases referred) are both read.
  { name: "measure page (/dashboard/filed)", path: "/dashboard/filed" },
  { name: "brief with 1,000 comments", path: `/briefs/${BIG_BRIEF_SLUG}`, as: "member1@demo.test" },
  {
    name: "concern tracking page",
    // A concern with a full history (received → … → closed).
    path: async (sql) => {
      const [row] = await sql`select c.tracking_code from concerns c
        where c.source = 'seed' and c.description like 'Benchmark concern %' and c.status = 'closed' and not c.hidden
          and (select count(*) from concern_status_history h where h.concern_id = c.id) >= 5
        order by c.number limit 1`;
      return row ? `/concerns/track/${row.tracking_code}` : null;
    },
  },
  {
    name: "Open311 requests.json (1,000 records)",
    path: `/open311/v2/requests.json?api_key=${encodeURIComponent(LARGE_API_KEY)}&start_date=${OPEN311_START}&end_date=${OPEN311_END}`,
    minRecords: 1000,
  },
  // Real navigation to a page that is not there: the full not-found page (asset-like paths get a cheap 404).
  { name: "missing page (404)", path: "/no-such-page-here", ok: [404] },
  // A public page with a form: its JavaScript counts too.
  { name: "concern form (GET)", path: "/concerns/new" },
  {
    name: "concern submission (POST)",
    method: "POST",
    path: "/concerns/new",
    // The confirm step ("submit"): straight to a new concern and its receipt, as after the
    // "similar reports" page. The honeypot is sent empty, as a person's browser does.
    body: () => ({
      intent: "submit",
      kind: "other",
      description: `Bench submission ${runId}-${++n}: cars stopping at the corner all night.`,
      observedDate: addDays(today(), -1), // an evening today may be ahead on the county clock
      observedTime: "21:30",
      address: `${100 + (n % 9800)} Benchmark Test Rd`,
      zip: "64130",
      website: "",
    }),
    ok: [302],
    key: (status, headers) => (status === 302 ? (/^\/concerns\/received\/([A-Z0-9]{12})/.exec(headers.location ?? "")?.[1] ?? null) : null),
    missing: async (sql, keys) => {
      const have = new Set<string>();
      for (let i = 0; i < keys.length; i += 5000) {
        for (const r of await sql<{ code: string }[]>`select tracking_code as code from concerns where tracking_code = any(${keys.slice(i, i + 5000)})`)
          have.add(r.code);
      }
      return keys.filter((k) => !have.has(k));
    },
  },
  // The soak's writes: members vote (and change their vote) and comment.
  {
    name: "vote (POST, signed in)",
    method: "POST",
    soak: "only",
    asMany: LARGE_MEMBERS,
    path: async (sql) => {
      const [row] = await sql`select id from analyses where question = ${SOAK_ANALYSIS_QUESTION}`;
      return row ? `/analyses/${row.id}` : null;
    },
    body: () => ({ intent: "vote", choice: ["support", "oppose", "abstain"][n++ % 3]! }),
    ok: [302],
  },
  {
    name: "comment (POST, signed in)",
    method: "POST",
    soak: "only",
    asMany: LARGE_MEMBERS,
    // 30 comments a minute per member: 40 members × 30 = 20/s at most; stay well under.
    soakRate: 8,
    path: `/briefs/${SOAK_BRIEF_SLUG}`,
    body: () => ({ intent: "comment.create", body__text: `Soak comment ${runId}-${++n}: could we see this by district?` }),
    ok: [302],
    key: (status, headers) => (status === 302 ? (/#comment-([0-9a-f-]{36})$/.exec(headers.location ?? "")?.[1] ?? null) : null),
    missing: async (sql, keys) => {
      const have = new Set<string>();
      for (let i = 0; i < keys.length; i += 5000) {
        for (const r of await sql<{ id: string }[]>`select id::text from comments where id = any(${keys.slice(i, i + 5000)}::uuid[])`) have.add(r.id);
      }
      return keys.filter((k) => !have.has(k));
    },
  },
  {
    name: "sign-up (POST, argon2)",
    method: "POST",
    path: "/signup",
    body: () => ({ displayName: "Bench", email: `bench-${runId}-${++n}@example.org`, password: "bench-password-2026" }),
    soak: false,
    count: async (sql) => Number((await sql`select count(*)::int as n from users where email like 'bench-%@example.org'`)[0]!.n),
  },
];
