/**
 * Every action and API endpoint that the hostile-input property test (hostile-input.test.ts)
 * throws random and malformed bodies at. A new action or endpoint is one entry below.
 *
 * For each generated body the endpoint must answer a 4xx with a clear message, or one of
 * `accept` (what a legitimate submission gets) — never a 5xx — and a 4xx must leave the row
 * counts of `tables` unchanged (no partial write). When `onSuccess` is given, an accepted
 * submission must change the counts by exactly that much (all of the write, not part of it).
 */
import type postgres from "postgres";
import type { Role } from "./authorization-matrix.table";

export type HostileTarget = {
  name: string;
  /** The URL (or a lookup in the seeded test database for one with an id in it). */
  path: string | ((sql: postgres.Sql) => Promise<string>);
  /** Who sends it: a demo user playing this role (see ROLE_USERS); default visitor. */
  as?: Role;
  /** The body a well-behaved client sends: a form or JSON. Bodies of every other shape are sent too. */
  kind: "form" | "json";
  /** A valid body (fresh for each call, e.g. a new email), which the generators mutate field by field. */
  valid: () => Record<string, string>;
  /** Statuses that mean "accepted" for this endpoint (e.g. 302 after a form post). */
  accept: number[];
  /** Tables an invalid request must not write to. */
  tables: string[];
  /** Exact row-count changes an accepted request makes (all or nothing). */
  onSuccess?: Record<string, number>;
};

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;
const members = Array.from({ length: 12 }, (_, i) => `member${i + 1}@demo.test`);
const AUTH_TABLES = ["users", "sessions", "auth_tokens", "email_outbox", "audit_log", "invitations"];

export const HOSTILE_TARGETS: HostileTarget[] = [
  {
    name: "login",
    path: "/login",
    kind: "form",
    // Spread over the demo members: the per-account limit (10 a minute) would otherwise answer 429 to everything.
    valid: () => ({ email: members[counter++ % members.length]!, password: "demo-password-2026", redirectTo: "/" }),
    accept: [302],
    tables: AUTH_TABLES,
    onSuccess: { sessions: 1 },
  },
  {
    name: "signup",
    path: "/signup",
    kind: "form",
    valid: () => ({ displayName: "Hostile Tester", email: `hostile-${unique()}@example.org`, password: "a-long-enough-password" }),
    accept: [302],
    tables: AUTH_TABLES,
    onSuccess: { users: 1, sessions: 1, auth_tokens: 1, email_outbox: 1 },
  },
  {
    name: "set-locale (visitor)",
    path: "/set-locale",
    kind: "form",
    valid: () => ({ locale: "es", redirectTo: "/briefs" }),
    accept: [302],
    tables: AUTH_TABLES,
  },
  {
    name: "set-locale (signed in)",
    path: "/set-locale",
    as: "resident",
    kind: "form",
    valid: () => ({ locale: "en", redirectTo: "/" }),
    accept: [302],
    tables: AUTH_TABLES,
  },
  {
    name: "logout",
    path: "/logout",
    kind: "form",
    valid: () => ({}),
    accept: [302],
    tables: AUTH_TABLES,
  },
];
