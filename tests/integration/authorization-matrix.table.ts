/**
 * THE authorization matrix: for every route of the Remix build, what each role gets.
 * The test (authorization-matrix.test.ts) reads the route manifest of the real build and FAILS
 * when a route has no entry here, so a new route is one entry below.
 *
 * Expectations:
 *   200, 400, 403, 404, 405, 429   that status
 *   "login"                         302 to /login?redirectTo=<this page>
 *   "302 /path"                     302 to exactly /path ("302 /path/*": to a path under /path/)
 * Roles are played by demo users (ROLE_USERS). A route with private objects gets several cases
 * (an array), e.g. one with the role's own object and one with another person's.
 */
import type postgres from "postgres";
import {
  CAB_BRIEF,
  DRAFT_BRIEF_TITLE,
  DRAFT_RESPONSE_TITLE,
  fixtures,
  HIDDEN_COMMENT,
  HIDDEN_COMMENT_BRIEF,
  OTHER_CONCERN,
  PRIVATE_MEETING_TITLE,
  SECRET_QUESTION,
} from "../support/matrix-fixtures";

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

export type Expect = 200 | 201 | 204 | 400 | 403 | 404 | 405 | 409 | 429 | "login" | `302 ${string}`;
export type RoleExpect = Record<Role, Expect>;
/** A sample value for a dynamic segment: fixed, or looked up in the seeded test database. */
export type ParamValue = string | ((sql: postgres.Sql) => Promise<string>);

export type RouteCase = {
  /** Names the case when a route has several (e.g. "own concern", "another resident's concern"). */
  label?: string;
  /** Values for the route's dynamic segments (`:id` → params.id, splat `*` → params["*"]). */
  params?: Record<string, ParamValue>;
  /** Appended to the URL, e.g. "?page=2" (or made when the case runs, e.g. with an api_key). */
  search?: string | (() => string);
  get: RoleExpect;
  post: RoleExpect;
  /** The form the POST sends (default: an empty form). */
  body?: Record<string, string> | (() => Record<string, string>);
  /** The POST ends or changes the session (logout): each role signs in afresh for it. */
  fresh?: boolean;
  /**
   * Private texts (another person's address, a hidden comment, a draft's title) that must not be
   * in what these roles get for the GET: neither the page nor its `?_data` JSON.
   */
  mustNotShow?: { texts: ParamValue[]; to: Role[] }[];
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

// ---- sample values, looked up in the seeded test database ----

/** The first column of the first row, or a clear failure naming the lookup. */
async function first(what: string, rows: Promise<postgres.Row[]>): Promise<string> {
  const [row] = await rows;
  if (!row) throw new Error(`authorization matrix: no ${what} in the test database`);
  return String(Object.values(row)[0]);
}

const P = {
  publicBrief: `${HIDDEN_COMMENT_BRIEF}`,
  cabBrief: CAB_BRIEF,
  draftBrief: (sql: postgres.Sql) => first("draft brief", sql`select slug from briefs where title = ${DRAFT_BRIEF_TITLE}`),
  briefId: (sql: postgres.Sql) => first("brief", sql`select id from briefs where slug = ${HIDDEN_COMMENT_BRIEF}`),
  openConsultation: "jag-fy2026-notice-of-intent",
  closedConsultation: "diversion-program-guidelines-2025",
  consultationId: (sql: postgres.Sql) => first("consultation", sql`select id from consultations where slug = 'jag-fy2026-notice-of-intent'`),
  analysis: (sql: postgres.Sql) => first("analysis with a named vote", sql`select id from analyses where status = 'in_progress' limit 1`),
  secretAnalysis: (sql: postgres.Sql) => first("analysis with a secret vote", sql`select id from analyses where question = ${SECRET_QUESTION}`),
  publicMeeting: (sql: postgres.Sql) =>
    first("held public meeting", sql`select id from meetings where is_public and status = 'held' order by starts_at limit 1`),
  privateMeeting: (sql: postgres.Sql) => first("CAB-only meeting", sql`select id from meetings where title = ${PRIVATE_MEETING_TITLE}`),
  otherConcernCode: (sql: postgres.Sql) =>
    first("another resident's concern", sql`select tracking_code from concerns where description = ${OTHER_CONCERN.description}`),
  otherConcernNumber: (sql: postgres.Sql) =>
    first("another resident's concern", sql`select number from concerns where description = ${OTHER_CONCERN.description}`),
  measure: "drug_filed",
  snapshot: (sql: postgres.Sql) => first("metric snapshot", sql`select id from metric_snapshots order by as_of limit 1`),
  publishedResponse: (sql: postgres.Sql) => first("published response", sql`select slug from responses where status = 'published' order by created_at limit 1`),
  draftResponse: (sql: postgres.Sql) => first("draft response", sql`select slug from responses where title = ${DRAFT_RESPONSE_TITLE}`),
  responseId: (sql: postgres.Sql) => first("response", sql`select id from responses where status = 'published' order by created_at limit 1`),
  importId: (sql: postgres.Sql) => first("metric import", sql`select id from metric_imports order by created_at limit 1`),
  outboxId: (sql: postgres.Sql) => first("outbox email", sql`select id from email_outbox order by created_at limit 1`),
};

/** Another resident's contact details and exact address: only the staff concern page shows them. */
const PRIVATE_CONCERN_TEXTS = [OTHER_CONCERN.address, OTHER_CONCERN.name, OTHER_CONCERN.email, OTHER_CONCERN.phone];
const EVERYONE: Role[] = [...ROLES];
const BELOW_MEMBER: Role[] = ["visitor", "resident"];
const BELOW_STAFF: Role[] = ["visitor", "resident", "cab_member"];

/** GET 200 for all, no action. */
const publicPage = (extra: Partial<RouteCase> = {}): RouteCase => ({ get: all(200), post: all(405), ...extra });
/** A staff page without an action. */
const staffPage = (extra: Partial<RouteCase> = {}): RouteCase => ({ get: atLeast("csu_staff"), post: all(405), ...extra });
/** A staff page whose action refuses an empty form. */
const staffForm = (extra: Partial<RouteCase> = {}): RouteCase => ({ get: atLeast("csu_staff"), post: atLeast("csu_staff", 400), ...extra });
const adminPage = (): RouteCase => ({ get: atLeast("admin"), post: all(405) });
const adminForm = (): RouteCase => ({ get: atLeast("admin"), post: atLeast("admin", 400) });
/** Who sees what: `seen` roles get `ok`, the others a 404 (the object is not revealed). */
const seenBy = (seen: Role[], ok: Expect = 200, hidden: Expect = 404): RoleExpect =>
  Object.fromEntries(ROLES.map((r) => [r, seen.includes(r) ? ok : hidden])) as RoleExpect;
const MEMBERS_UP: Role[] = ["cab_member", "csu_staff", "admin"];
const STAFF_UP: Role[] = ["csu_staff", "admin"];
const SIGNED_IN = atLeast("resident");

// ---- the matrix ----

export const MATRIX: Record<string, Entry> = {
  root: layout("the document shell: its loader runs (and is checked) for every page below"),

  // ---- public pages. POST to a page without an action is 405. ----
  "routes/_index": publicPage(),
  "routes/bench.floor": publicPage(), // the benchmark floor (bench/run.ts): a trivial public page
  "routes/briefs._index": publicPage({
    mustNotShow: [
      { texts: [DRAFT_BRIEF_TITLE], to: BELOW_STAFF },
      { texts: ["Diversion outcomes, 2024"], to: BELOW_MEMBER },
    ],
  }),
  // The public feed is the same for everyone: no CAB-only or draft brief in it.
  "routes/briefs[.]atom": publicPage({ mustNotShow: [{ texts: [DRAFT_BRIEF_TITLE, "Diversion outcomes, 2024"], to: EVERYONE }] }),
  "routes/analyses._index": publicPage(),
  "routes/analyses.pipeline": publicPage(),
  "routes/meetings._index": publicPage({ mustNotShow: [{ texts: [PRIVATE_MEETING_TITLE], to: BELOW_MEMBER }] }),
  "routes/meetings[.]ics": publicPage({ mustNotShow: [{ texts: [PRIVATE_MEETING_TITLE], to: EVERYONE }] }),
  "routes/action-items": publicPage(),
  "routes/dashboard._index": publicPage(),
  "routes/dashboard.disparity": publicPage(),
  // The open data API: reads for anyone (CORS, no credentials); every write is a 405.
  "routes/api.v1._index": publicPage(),
  "routes/api.v1.measures._index": publicPage(),
  "routes/api.v1.measures.$key._index": publicPage({ params: { key: P.measure } }),
  "routes/api.v1.measures.$key.cells": publicPage({ params: { key: P.measure }, search: "?grain=year" }),
  "routes/api.v1.openapi[.]json": publicPage(),
  "routes/api.v1.time-to-decision": publicPage(),
  "routes/api.v1.$": { params: { "*": "no-such-thing" }, get: all(404), post: all(405) },
  "routes/data.api": publicPage(),
  "routes/data.notes": publicPage(),
  "routes/dashboard.drug-policy": publicPage(),
  "routes/dashboard.drug-policy.csv": publicPage(),
  "routes/dashboard.concerns-loop": publicPage(),
  "routes/dashboard.concerns-loop.csv": publicPage(),
  "routes/dashboard.drug-citations": publicPage(),
  "routes/dashboard.drug-citations.csv": publicPage(),
  "routes/dashboard.response-time": publicPage(),
  "routes/reports.annual._index": publicPage(),
  // The annual report: public, and never shows a draft response (only published ones are the year's).
  "routes/reports.annual.$year": publicPage({ params: { year: "2025" }, mustNotShow: [{ texts: [DRAFT_RESPONSE_TITLE], to: EVERYONE }] }),
  "routes/dashboard.response-time.csv": publicPage(),
  "routes/dashboard.time-to-decision": publicPage(),
  "routes/dashboard.time-to-decision.csv": publicPage(),
  "routes/dashboard.$measure.csv": publicPage({ params: { measure: P.measure } }),
  "routes/dashboard.snapshots.$id": publicPage({ params: { id: P.snapshot } }),
  // Staff cite a figure: a snapshot is made and they are sent to it.
  "routes/dashboard.$measure": { params: { measure: P.measure }, get: all(200), post: atLeast("csu_staff", "302 /dashboard/snapshots/*") },
  "routes/concerns._index": publicPage({ mustNotShow: [{ texts: PRIVATE_CONCERN_TEXTS, to: EVERYONE }] }),
  "routes/consultations._index": publicPage(),
  "routes/responses._index": publicPage({ mustNotShow: [{ texts: [DRAFT_RESPONSE_TITLE], to: BELOW_STAFF }] }),
  "routes/search": [
    publicPage(),
    publicPage({
      label: "searching for the private fixtures",
      search: "?q=matrix+fixture",
      mustNotShow: [
        { texts: [DRAFT_BRIEF_TITLE, DRAFT_RESPONSE_TITLE, HIDDEN_COMMENT, ...PRIVATE_CONCERN_TEXTS], to: BELOW_STAFF },
        { texts: [PRIVATE_MEETING_TITLE], to: BELOW_MEMBER },
      ],
    }),
  ],

  // ---- concerns: anyone may submit; the code is the key to the tracking page ----
  "routes/concerns.new": { get: all(200), post: all(400) }, // an empty form: field errors
  "routes/concerns.track._index": [publicPage(), publicPage({ label: "a code that cannot be one", search: "?code=nope", get: all(400) })],
  // Another resident's concern, by its code: the public projection only, never their details.
  "routes/concerns.track.$code": [
    {
      label: "another resident's concern",
      params: { code: P.otherConcernCode },
      get: all(200),
      post: { ...SIGNED_IN, resident: 400, cab_member: 400, csu_staff: 400, admin: 400 }, // follow needs an account; no intent is a 400
      mustNotShow: [{ texts: PRIVATE_CONCERN_TEXTS, to: EVERYONE }],
    },
    { label: "an unknown code", params: { code: "2222-3333-4444" }, get: all(404), post: { ...all(404), visitor: "login" } },
  ],
  "routes/concerns.received.$code": [
    publicPage({ label: "another resident's concern", params: { code: P.otherConcernCode }, mustNotShow: [{ texts: PRIVATE_CONCERN_TEXTS, to: EVERYONE }] }),
    publicPage({ label: "an unknown code", params: { code: "2222-3333-4444" }, get: all(404) }),
  ],

  // ---- Open311 GeoReport v2: public discovery and services; reading requests needs an api_key ----
  "routes/open311.v2.$resource": [
    { label: "discovery", params: { resource: "discovery.json" }, get: all(200), post: all(404) },
    { label: "services", params: { resource: "services.xml" }, get: all(200), post: all(404) },
    // A session is no api_key: every role is refused alike.
    { label: "requests without a key", params: { resource: "requests.json" }, get: all(403), post: all(403) },
    {
      label: "requests with a key",
      params: { resource: "requests.json" },
      search: () => `?api_key=${fixtures.open311Key}`,
      body: () => ({ api_key: fixtures.open311Key }),
      get: all(200),
      post: all(400), // keyed but empty: service_code is required
      mustNotShow: [{ texts: PRIVATE_CONCERN_TEXTS, to: EVERYONE }],
    },
    { label: "an unknown resource", params: { resource: "nothing.json" }, get: all(404), post: all(404) },
  ],
  "routes/open311.v2.services.$code": [
    { params: { code: "drug_sales.json" }, get: all(200), post: all(404) },
    { label: "an unknown service", params: { code: "no_such_service.json" }, get: all(404), post: all(404) },
  ],
  "routes/open311.v2.requests.$id": [
    { label: "without a key", params: { id: async (sql) => `${await P.otherConcernNumber(sql)}.json` }, get: all(403), post: all(404) },
    {
      label: "with a key",
      params: { id: async (sql) => `${await P.otherConcernNumber(sql)}.json` },
      search: () => `?api_key=${fixtures.open311Key}`,
      get: all(200),
      post: all(404),
      mustNotShow: [{ texts: PRIVATE_CONCERN_TEXTS, to: EVERYONE }],
    },
  ],

  // ---- briefs: public ones for all, CAB review for members and up, drafts for staff; others 404 ----
  "routes/briefs.$slug": [
    {
      label: "public, with member2's comment hidden by staff",
      params: { slug: P.publicBrief },
      get: all(200),
      post: all(400), // no comment intent
      mustNotShow: [{ texts: [HIDDEN_COMMENT], to: BELOW_STAFF }],
    },
    {
      label: "public, an empty comment",
      params: { slug: P.publicBrief },
      body: { intent: "comment.create" },
      get: all(200),
      post: { ...atLeast("cab_member", 400), resident: 403 }, // the board's discussion: residents read it
    },
    { label: "CAB review", params: { slug: P.cabBrief }, get: seenBy(MEMBERS_UP), post: seenBy(MEMBERS_UP, 400) },
    {
      label: "CAB review, an empty comment",
      params: { slug: P.cabBrief },
      body: { intent: "comment.create" },
      get: seenBy(MEMBERS_UP),
      post: seenBy(MEMBERS_UP, 400),
    },
    { label: "a draft", params: { slug: P.draftBrief }, get: seenBy(STAFF_UP), post: seenBy(STAFF_UP, 400) },
    { label: "no such brief", params: { slug: "no-such-brief" }, get: all(404), post: all(404) },
  ],
  "routes/consultations.$slug": [
    { label: "open", params: { slug: P.openConsultation }, get: all(200), post: all(400) },
    // Residents' channel: any account may comment while it is open.
    {
      label: "open, an empty comment",
      params: { slug: P.openConsultation },
      body: { intent: "comment.create" },
      get: all(200),
      post: atLeast("resident", 400),
    },
    {
      label: "closed, a comment",
      params: { slug: P.closedConsultation },
      body: { intent: "comment.create", body__text: "Late." },
      get: all(200),
      post: { ...atLeast("resident", 403) },
    },
    { label: "no such consultation", params: { slug: "no-such-consultation" }, get: all(404), post: all(404) },
  ],

  // ---- analyses and voting ----
  "routes/analyses.new": { get: atLeast("cab_member"), post: atLeast("cab_member", 400) },
  "routes/analyses.$id": [
    { label: "named vote, closed", params: { id: P.analysis }, get: all(200), post: { ...atLeast("cab_member", 400) } },
    {
      // member2 voted "oppose" in it: no page says who chose what.
      label: "secret vote with member2's ballot",
      params: { id: P.secretAnalysis },
      get: all(200),
      post: atLeast("cab_member", 400),
      mustNotShow: [{ texts: [() => Promise.resolve(fixtures.member2Name)], to: EVERYONE }],
    },
    { label: "no such analysis", params: { id: "00000000-0000-0000-0000-000000000000" }, get: all(404), post: { ...atLeast("cab_member", 400) } },
  ],
  "routes/analyses.$id_.manage": [
    { params: { id: P.analysis }, get: atLeast("csu_staff"), post: atLeast("csu_staff", 400) },
    { label: "no such analysis", params: { id: "not-a-uuid" }, get: atLeast("csu_staff", 404), post: atLeast("csu_staff", 404) },
  ],

  // ---- meetings: public ones for all, closed sessions for members and up ----
  "routes/meetings.$id": [
    { label: "public, held", params: { id: P.publicMeeting }, get: all(200), post: atLeast("cab_member", 400) },
    {
      label: "CAB-only",
      params: { id: P.privateMeeting },
      get: seenBy(MEMBERS_UP),
      post: atLeast("cab_member", 400),
    },
    { label: "no such meeting", params: { id: "00000000-0000-0000-0000-000000000000" }, get: all(404), post: atLeast("cab_member", 404) },
  ],
  "routes/meetings.$id_.ics": [
    publicPage({ label: "public", params: { id: P.publicMeeting } }),
    { label: "CAB-only", params: { id: P.privateMeeting }, get: seenBy(MEMBERS_UP), post: all(405) },
  ],

  // ---- responses: published for all, drafts for staff only ----
  "routes/responses.$slug": [
    { label: "published", params: { slug: P.publishedResponse }, get: all(200), post: all(400) },
    {
      label: "published, an empty comment",
      params: { slug: P.publishedResponse },
      body: { intent: "comment.create" },
      get: all(200),
      post: { ...atLeast("cab_member", 400), resident: 403 },
    },
    { label: "a draft", params: { slug: P.draftResponse }, get: seenBy(STAFF_UP), post: all(404) },
  ],

  // ---- the staff area ----
  "routes/staff._index": staffPage(),
  "routes/staff.briefs._index": staffPage(),
  "routes/staff.briefs.new": staffForm(),
  "routes/staff.briefs.$id.edit": staffForm({ params: { id: P.briefId } }),
  "routes/staff.briefs.$id.compare": [
    staffPage({ params: { id: P.briefId }, search: "?a=1&b=1" }),
    staffPage({ label: "no such revisions", params: { id: P.briefId }, search: "?a=1&b=99", get: atLeast("csu_staff", 404) }),
    staffPage({ label: "revisions that are not numbers", params: { id: P.briefId }, search: "?a=x&b=1.5", get: atLeast("csu_staff", 400) }),
  ],
  "routes/staff.consultations.new": staffForm(),
  "routes/staff.consultations.$id.edit": staffForm({ params: { id: P.consultationId } }),
  "routes/staff.citations": staffForm(),
  "routes/staff.concerns._index": staffPage(),
  "routes/staff.concerns.kinds": staffForm(),
  // Another resident's concern in full: office staff only.
  "routes/staff.concerns.$number": [
    staffForm({ label: "another resident's concern", params: { number: P.otherConcernNumber } }),
    staffForm({ label: "no such concern", params: { number: "999999" }, get: atLeast("csu_staff", 404), post: atLeast("csu_staff", 404) }),
  ],
  "routes/staff.meetings._index": staffPage(),
  "routes/staff.meetings.new": staffForm(),
  "routes/staff.meetings.$id.edit": staffForm({ params: { id: P.publicMeeting } }),
  "routes/staff.meetings.$id.attendance": staffForm({ params: { id: P.publicMeeting } }),
  "routes/staff.meetings.$id.minutes": staffForm({ params: { id: P.publicMeeting } }),
  "routes/staff.metrics._index": staffPage(),
  "routes/staff.metrics.import": staffForm(),
  "routes/staff.metrics.imports.$id": staffForm({ params: { id: P.importId } }),
  "routes/staff.metrics.events": staffForm(),
  // An empty form is valid: it clears the limitations (both languages may be blank).
  "routes/staff.data-notes": { get: atLeast("csu_staff"), post: atLeast("csu_staff", "302 /staff/data-notes") },
  "routes/staff.meetings.$id.votes": staffForm({ params: { id: P.publicMeeting } }),
  "routes/staff.records._index": staffForm(),
  // No request with this number: the same 404 for staff; everyone else is refused first.
  "routes/staff.records.$number": { params: { number: "999999" }, get: atLeast("csu_staff", 404), post: atLeast("csu_staff", 404) },
  "routes/staff.records.export": staffPage(),
  "routes/staff.records.export[.]html": staffPage({ search: "?from=2025-01-01&to=2025-12-31" }),
  "routes/admin.sunshine._index": adminForm(),
  "routes/admin.sunshine.exceptions": adminForm(),
  "routes/admin.sunshine.holidays": adminForm(),
  "routes/staff.responses._index": staffPage(),
  "routes/staff.responses.new": staffForm(),
  "routes/staff.responses.$id.edit": staffForm({ params: { id: P.responseId } }),

  // ---- admin ----
  "routes/admin._index": adminPage(),
  "routes/admin.audit": adminPage(),
  "routes/admin.outbox._index": adminPage(),
  "routes/admin.outbox.$id": { ...adminPage(), params: { id: P.outboxId } },
  // Retry is a button on the outbox page; a GET just goes back to the list.
  "routes/admin.outbox_.$id.retry": { params: { id: P.outboxId }, get: all("302 /admin/outbox"), post: atLeast("admin", "302 /admin/outbox") },
  "routes/admin.api-keys": adminForm(),
  "routes/admin.policies": adminForm(),
  "routes/admin.users": adminForm(),

  // ---- the signed-in person's own things ----
  "routes/account._index": { get: SIGNED_IN, post: atLeast("resident", 400) },
  "routes/account.sessions": [
    { get: SIGNED_IN, post: atLeast("resident", 400) },
    // Only your own sessions can be found by handle: member2's is "not found" for everyone else.
    {
      label: "ending member2's session",
      body: () => ({ intent: "revoke", session: fixtures.member2SessionHandle }),
      get: SIGNED_IN,
      post: atLeast("resident", 404),
    },
  ],
  "routes/account_.notifications": { get: SIGNED_IN, post: atLeast("resident", 400) },
  "routes/notifications": { get: SIGNED_IN, post: atLeast("resident", 400) },
  "routes/verify-email": { get: SIGNED_IN, post: atLeast("resident", "302 /account") },

  // ---- authentication. An empty form is a 400 with field errors; signed-in people are sent home. ----
  "routes/login": { get: visitorsOnly(), post: visitorsOnly(400) },
  "routes/signup": { get: visitorsOnly(), post: visitorsOnly(400) },
  "routes/forgot-password": { get: all(200), post: all(400) },
  "routes/reset-password": { get: all(400), post: all(400) }, // no token
  "routes/invitations.$token": { params: { token: "not-a-real-invitation" }, get: all(400), post: all(400) },
  "routes/unsubscribe": { get: all(400), post: all(400) }, // no token
  "routes/logout": { get: all("302 /"), post: all("302 /"), fresh: true },
  "routes/set-locale": { get: all("302 /"), post: all("302 /"), body: { locale: "es", redirectTo: "/" } },

  // Anything else is a real 404, for GET and POST alike.
  "routes/$": { params: { "*": "no-such-page/at-all" }, get: all(404), post: all(404) },
};
