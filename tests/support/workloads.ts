/**
 * Traffic for the fault tests (and the soak): page loads and writes against a running server.
 * A write workload says how to make one write and how to check afterwards that every write the
 * server acknowledged is really in the database. The lead adds concern submissions, votes and
 * comments here as those land: one entry in WRITE_WORKLOADS each.
 */
import type postgres from "postgres";
import { addDays, countyToday } from "../../app/utils/clock";

export type WriteResult = {
  status: number;
  /** What identifies the write, when the server acknowledged it. */
  key: string | null;
  /** The response text of a 5xx, to check it says "try again". */
  body?: string;
};

export type WriteWorkload = {
  name: string;
  /** Makes write number `n`. Must send a fresh X-Forwarded-For per call (per-address rate limits). */
  write: (ctx: { baseUrl: string; n: number; signal: AbortSignal }) => Promise<WriteResult>;
  /** Of the acknowledged keys, those that are NOT in the database. */
  missing: (sql: postgres.Sql, keys: string[]) => Promise<string[]>;
};

export const randomIp = () => `10.${1 + Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 255)}.${1 + Math.floor(Math.random() * 250)}`;
const runId = Math.random().toString(36).slice(2, 8);

export function formPost(baseUrl: string, path: string, fields: Record<string, string>, signal: AbortSignal, headers: Record<string, string> = {}) {
  return fetch(baseUrl + path, {
    method: "POST",
    redirect: "manual",
    signal,
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseUrl, "X-Forwarded-For": randomIp(), ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

/** A resident signs up: acknowledged by the 302 to /account; the key is the email. */
export const signupWorkload: WriteWorkload = {
  name: "signup",
  async write({ baseUrl, n, signal }) {
    const email = `load-${runId}-${n}@example.org`;
    const response = await formPost(baseUrl, "/signup", { displayName: `Load ${n}`, email, password: "load-test-password" }, signal);
    const body = await response.text();
    return {
      status: response.status,
      key: response.status === 302 && response.headers.get("location") === "/account" ? email : null,
      body: response.status >= 500 ? body : undefined,
    };
  },
  async missing(sql, keys) {
    if (!keys.length) return [];
    const found = await sql<{ email: string }[]>`select email from users where email = any(${keys})`;
    const have = new Set(found.map((r) => r.email));
    return keys.filter((k) => !have.has(k));
  },
};

/**
 * A demo user signs in: acknowledged by the 302 with a session cookie; the key is the session id.
 * Logins are limited to 10 a minute per account, so they rotate over the 12 demo members.
 */
export const loginWorkload: WriteWorkload = {
  name: "login",
  async write({ baseUrl, n, signal }) {
    const response = await formPost(
      baseUrl,
      "/login",
      { email: `member${(n % 12) + 1}@demo.test`, password: process.env.DEMO_PASSWORD ?? "demo-password-2026" },
      signal,
    );
    const body = await response.text();
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("cab_session="));
    const id = cookie?.split(";")[0]!.slice("cab_session=".length);
    return { status: response.status, key: response.status === 302 && id ? id : null, body: response.status >= 500 ? body : undefined };
  },
  async missing(sql, keys) {
    if (!keys.length) return [];
    const found = await sql<{ id: string }[]>`select id from sessions where id = any(${keys})`;
    const have = new Set(found.map((r) => r.id));
    return keys.filter((k) => !have.has(k));
  },
};

/** The county's calendar day (a concern cannot be observed "tomorrow"). */

/**
 * A resident reports a concern: the form's confirm step (intent "submit", as after the "similar
 * reports" page), honeypot empty. Acknowledged by the 302 to its receipt; the key is the
 * tracking code the receipt shows, which must then be in the database.
 */
export function concernSubmission(n: number, extra: Record<string, string> = {}) {
  return {
    intent: "submit",
    kind: "other",
    description: `Load ${runId}-${n}: cars stopping at the corner all night.`,
    observedDate: addDays(countyToday(), -1), // an evening today may be ahead on the county clock
    observedTime: "21:30",
    address: `${100 + (n % 9800)} Load Test Ave`,
    zip: "64130",
    website: "",
    ...extra,
  };
}

export const concernWorkload: WriteWorkload = {
  name: "concern",
  async write({ baseUrl, n, signal }) {
    const response = await formPost(baseUrl, "/concerns/new", concernSubmission(n), signal);
    const body = await response.text();
    const code = response.status === 302 ? (/^\/concerns\/received\/([A-Z0-9]{12})(\?|$)/.exec(response.headers.get("location") ?? "")?.[1] ?? null) : null;
    return { status: response.status, key: code, body: response.status >= 500 ? body : undefined };
  },
  async missing(sql, keys) {
    if (!keys.length) return [];
    const found = await sql<{ code: string }[]>`select tracking_code as code from concerns where tracking_code = any(${keys})`;
    const have = new Set(found.map((r) => r.code));
    return keys.filter((k) => !have.has(k));
  },
};

export const WRITE_WORKLOADS: WriteWorkload[] = [signupWorkload, loginWorkload, concernWorkload];

/** Pages loaded during the faults test: public ones and a signed-in one (whose session check needs the database). */
export const PAGE_LOADS: { path: string; as?: string }[] = [
  { path: "/" },
  { path: "/concerns/new" },
  { path: "/dashboard" },
  { path: "/login" },
  { path: "/briefs" },
  { path: "/staff", as: "analyst@demo.test" },
  { path: "/briefs", as: "member1@demo.test" },
];
