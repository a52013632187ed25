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
import { NOTIFICATION_TYPES } from "~/modules/notifications";
import { hostileContext as ctx } from "../support/hostile-fixtures";
import type { Role } from "./authorization-matrix.table";
import { addDays, countyToday, countyWallTime } from "~/utils/clock";

export type HostileTarget = {
  name: string;
  /** The URL (or a lookup in the seeded test database for one with an id in it). */
  path: string | ((sql: postgres.Sql) => Promise<string>);
  /** Who sends it: a demo user playing this role (see ROLE_USERS); default visitor. */
  as?: Role;
  /** Signs in as this person instead (per-person rate limits: spread targets over the members). */
  user?: string;
  /**
   * The body a well-behaved client sends: a form, JSON, or multipart with a file (`file`). Bodies of
   * every other shape are sent too. "query" is a GET whose search parameters are the hostile part.
   */
  kind: "form" | "json" | "multipart" | "query";
  /** For multipart: the file field a well-behaved client attaches. */
  file?: { field: string; name: string; type: string; content: () => string };
  /** A valid body (fresh for each call, e.g. a new email), which the generators mutate field by field. */
  valid: () => Record<string, string>;
  /** Statuses that mean "accepted" for this endpoint (e.g. 302 after a form post). */
  accept: number[];
  /** Tables an invalid request must not write to. */
  tables: string[];
  /** Exact row-count changes an accepted request makes (all or nothing). */
  /** The row changes of an accepted request (or a list of the shapes it may take). */
  onSuccess?: Record<string, number> | Record<string, number>[];
};

export let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;
const members = Array.from({ length: 12 }, (_, i) => `member${i + 1}@demo.test`);
const AUTH_TABLES = ["users", "sessions", "auth_tokens", "email_outbox", "audit_log", "invitations"];

const CONCERN_TABLES = ["concerns", "concern_corroborations", "concern_status_history", "concern_follows", "email_outbox", "audit_log", "notifications"];
const COMMENT_TABLES = ["comments", "comment_edits", "comment_reports", "audit_log", "notifications", "email_outbox"];
const VOTING_TABLES = [
  "analyses",
  "analysis_links",
  "analysis_progress",
  "ballots",
  "ballot_eligible",
  "ballot_votes",
  "ballot_participation",
  "ballot_sealed_choices",
  "ballot_tallies",
  "ballot_recusals",
  "audit_log",
];
const MEETING_TABLES = [
  "meetings",
  "agenda_items",
  "meeting_rsvps",
  "meeting_attendance",
  "minutes",
  "minutes_revisions",
  "minutes_decisions",
  "action_items",
  "minutes_corrections",
  "minutes_approvals",
  "audit_log",
  "notifications",
  "email_outbox",
];
const BRIEF_TABLES = ["briefs", "brief_revisions", "brief_receipts", "consultations", "audit_log", "notifications", "email_outbox"];
const RESPONSE_TABLES = [
  "responses",
  "response_concerns",
  "response_snapshots",
  "metric_snapshots",
  "concern_status_history",
  "audit_log",
  "notifications",
  "email_outbox",
];
const METRIC_TABLES = ["metric_imports", "metric_import_rows", "metric_cases", "metric_facts", "metric_snapshots", "audit_log"];
const POLICY_TABLES = ["policy_versions", "concern_documentations", "citations", "citation_concerns", "concern_kinds", "concern_status_history", "audit_log"];
const NOTIFY_TABLES = ["notifications", "notification_preferences", "email_unsubscribes"];
// "Today" and "in N days at HH:00" on the county's calendar, as the app reads them (not the UTC day).
const today = () => countyToday();
// A concern seen yesterday evening: an evening "today" may still be ahead on the county clock.
const yesterday = () => addDays(countyToday(), -1);
const wall = (days: number, hour: number) => countyWallTime(days, hour);
const iso = (ms: number) => new Date(Date.now() + ms).toISOString();
const paragraph = (text: string) => JSON.stringify({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

/** The comment form of <CommentThread> on any commentable page. */
const commentTarget = (name: string, path: HostileTarget["path"], user: string, as: Role = "cab_member"): HostileTarget => ({
  name: `comment on ${name}`,
  path,
  as,
  user,
  kind: "form",
  valid: () => ({ intent: "comment.create", formId: "new-comment", body__text: `A hostile-input test comment ${unique()}.` }),
  accept: [302],
  tables: COMMENT_TABLES,
  onSuccess: { comments: 1, audit_log: 1 },
});

/** GET pages whose search parameters are read: filters, queries, codes. */
const queryTarget = (name: string, path: string, valid: () => Record<string, string>, as?: Role, accept = [200]): HostileTarget => ({
  name: `GET ${name}`,
  path,
  as,
  kind: "query",
  valid,
  accept,
  tables: [],
});

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
    // Signup no longer signs in, and answers an address that has an account the same way (its
    // owner is emailed instead): either a new account with its verification email, or that email alone.
    onSuccess: [{ users: 1, auth_tokens: 1, email_outbox: 1 }, { email_outbox: 1 }],
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
  // ---- account and notifications (a throwaway resident, so the demo logins stay as they are) ----
  {
    name: "forgot-password",
    path: "/forgot-password",
    kind: "form",
    valid: () => ({ email: `nobody-${unique()}@example.org` }),
    accept: [200],
    tables: AUTH_TABLES,
    onSuccess: {},
  },
  {
    name: "reset-password",
    path: "/reset-password",
    kind: "form",
    valid: () => ({ token: ctx.resetTokens.pop() ?? "used-up", password: "another-long-password-2026" }),
    accept: [302],
    tables: AUTH_TABLES,
  },
  {
    name: "accept an invitation",
    path: () => Promise.resolve(`/invitations/${ctx.invitationToken}`),
    kind: "form",
    valid: () => ({ displayName: "Invited Person", password: "a-long-enough-password" }),
    accept: [302],
    tables: AUTH_TABLES,
    onSuccess: { users: 1, sessions: 1 },
  },
  {
    name: "verify-email: send again",
    path: "/verify-email",
    as: "resident",
    user: "hostile.account@example.org",
    kind: "form",
    valid: () => ({}),
    accept: [302],
    tables: AUTH_TABLES,
  },
  {
    name: "account: change email",
    path: "/account",
    as: "resident",
    user: "hostile.account@example.org",
    kind: "form",
    valid: () => ({ intent: "change-email", email: `changed-${unique()}@example.org`, currentPassword: "demo-password-2026" }),
    accept: [200],
    tables: AUTH_TABLES,
    // The link to the new address and the notice to the old one.
    onSuccess: { auth_tokens: 1, email_outbox: 2 },
  },
  {
    name: "account: end a session",
    path: "/account/sessions",
    as: "resident",
    user: "hostile.account@example.org",
    kind: "form",
    // Before "change password", which ends the account's other sessions.
    valid: () => ({ intent: "revoke", session: ctx.sessionHandles.pop() ?? "none-left" }),
    accept: [302],
    tables: AUTH_TABLES,
  },
  {
    name: "account: change password",
    path: "/account",
    as: "resident",
    user: "hostile.account@example.org",
    kind: "form",
    // The same password again: accepted, so the account keeps working for the other targets.
    valid: () => ({ intent: "change-password", currentPassword: "demo-password-2026", newPassword: "demo-password-2026" }),
    accept: [200],
    tables: AUTH_TABLES,
  },
  {
    name: "notification settings",
    path: "/account/notifications",
    as: "cab_member",
    kind: "form",
    valid: () => ({
      ...Object.fromEntries(NOTIFICATION_TYPES.map((type) => [type, "immediately"])),
      brief_published: "weekly",
      comment_reply: "daily",
      vote_closing: "off",
    }),
    accept: [302],
    tables: NOTIFY_TABLES,
  },
  {
    name: "notifications inbox",
    path: "/notifications",
    as: "cab_member",
    kind: "form",
    valid: () => ({ intent: "read_all" }),
    accept: [302],
    tables: NOTIFY_TABLES,
  },
  {
    name: "unsubscribe",
    path: "/unsubscribe",
    kind: "form",
    valid: () => ({ token: ctx.unsubscribeToken }),
    accept: [200],
    tables: NOTIFY_TABLES,
  },

  // ---- concerns (both steps of the form), follow, Open311 ----
  {
    name: "concerns/new: check for similar",
    path: "/concerns/new",
    kind: "form",
    valid: () => ({
      intent: "check",
      kind: "nuisance_property",
      description: "Cars blocking the alley every night",
      observedDate: yesterday(),
      observedTime: "22:10",
      address: `${7700 + (counter++ % 90)} Hostile Rd`,
      zip: "64109",
    }),
    accept: [200, 302],
    tables: CONCERN_TABLES,
  },
  {
    name: "concerns/new: submit",
    path: "/concerns/new",
    kind: "form",
    valid: () => ({
      intent: "submit",
      kind: "drug_sales",
      description: "Hand-to-hand sales by the bus stop",
      observedDate: yesterday(),
      observedTime: "19:45",
      address: `${8100 + (counter++ % 90)} Hostile Ave`,
      zip: "64130",
      name: "Hostile Tester",
      email: `reporter-${unique()}@example.org`,
      phone: "216-555-0100",
      consent: "on",
    }),
    accept: [302],
    tables: CONCERN_TABLES,
  },
  {
    name: "follow a concern",
    path: () => Promise.resolve(`/concerns/track/${ctx.concernCode}`),
    as: "resident",
    kind: "form",
    valid: () => ({ intent: "follow" }),
    accept: [302],
    tables: CONCERN_TABLES,
  },
  {
    name: "Open311 POST requests.json",
    path: "/open311/v2/requests.json",
    kind: "form",
    valid: () => ({
      api_key: ctx.open311Key,
      service_code: "drug_sales",
      description: "Sales from a parked car every evening",
      address_string: `${1200 + (counter++ % 90)} Posting Ave`,
      "attribute[zipcode]": "64130",
      "attribute[observed_date]": today(),
      first_name: "Api",
      last_name: "Reporter",
    }),
    accept: [201],
    tables: CONCERN_TABLES,
    // The concern and its first status, nothing else (no email was given to confirm).
    onSuccess: { concerns: 1, concern_status_history: 1 },
  },

  // ---- comments on every commentable page ----
  commentTarget("a brief", `/briefs/repeat-calls-problem-properties-2025`, "member3@demo.test"),
  commentTarget("an analysis", (sql) => one(sql`select '/analyses/' || id from analyses where status = 'in_progress' limit 1`), "member4@demo.test"),
  commentTarget(
    "a response",
    (sql) => one(sql`select '/responses/' || slug from responses where status = 'published' order by created_at limit 1`),
    "member5@demo.test",
  ),
  commentTarget("a consultation", "/consultations/jag-fy2026-notice-of-intent", "resident@demo.test", "resident"),
  {
    name: "edit my comment",
    path: "/briefs/repeat-calls-problem-properties-2025",
    as: "cab_member",
    user: "member3@demo.test",
    kind: "form",
    valid: () => ({ intent: "comment.edit", commentId: ctx.member3CommentId, formId: `edit-${ctx.member3CommentId}`, body__text: `Edited ${unique()}.` }),
    accept: [302],
    tables: COMMENT_TABLES,
  },
  {
    name: "report a comment",
    path: "/briefs/repeat-calls-problem-properties-2025",
    as: "cab_member",
    user: "member6@demo.test",
    kind: "form",
    valid: () => ({ intent: "comment.report", commentId: ctx.member3CommentId, reason: "Off topic." }),
    accept: [302],
    tables: COMMENT_TABLES,
  },
  {
    name: "hide a comment (staff)",
    path: "/briefs/repeat-calls-problem-properties-2025",
    as: "csu_staff",
    kind: "form",
    valid: () => ({ intent: "comment.hide", commentId: ctx.member3CommentId, reason: "Moderated in a test." }),
    accept: [302],
    tables: COMMENT_TABLES,
  },

  // ---- analyses and voting ----
  {
    name: "propose an analysis",
    path: "/analyses/new",
    as: "cab_member",
    user: "member7@demo.test",
    kind: "form",
    valid: () => ({
      question: `Do hostile inputs ever reach the database ${unique()}?`,
      whyItMatters: "Because it matters.",
      dataNeeded: "Counts only.",
      links: "",
    }),
    accept: [302],
    tables: VOTING_TABLES,
    onSuccess: { analyses: 1, analysis_progress: 1, audit_log: 1 },
  },
  {
    name: "vote",
    path: () => Promise.resolve(`/analyses/${ctx.openVoteAnalysisId}`),
    as: "cab_member",
    user: "member8@demo.test",
    kind: "form",
    valid: () => ({ intent: "vote", choice: "support", reason: "Worth knowing." }),
    accept: [302],
    tables: VOTING_TABLES,
  },
  {
    name: "recuse",
    path: () => Promise.resolve(`/analyses/${ctx.openVoteAnalysisId}`),
    as: "cab_member",
    user: "member9@demo.test",
    kind: "form",
    valid: () => ({ intent: "recuse", conflict: "I own rental property in the area studied." }),
    accept: [302],
    tables: VOTING_TABLES,
  },
  {
    name: "manage an analysis: vote settings",
    path: () => Promise.resolve(`/analyses/${ctx.openVoteAnalysisId}/manage`),
    as: "csu_staff",
    kind: "form",
    valid: () => ({ intent: "vote-settings", closesAt: wall(8, 18), quorumPercent: "50", thresholdPercent: "50", resultsVisibility: "after_close" }),
    accept: [302],
    tables: VOTING_TABLES,
  },
  {
    name: "manage an analysis: decision",
    path: (sql) => one(sql`select '/analyses/' || id || '/manage' from analyses where status = 'in_progress' limit 1`),
    as: "csu_staff",
    kind: "form",
    valid: () => ({ intent: "decision", status: "completed", note: "Done.", brief: "/briefs/repeat-calls-problem-properties-2025" }),
    accept: [302],
    tables: VOTING_TABLES,
  },

  // ---- meetings ----
  {
    name: "RSVP",
    path: () => Promise.resolve(`/meetings/${ctx.upcomingMeetingId}`),
    as: "cab_member",
    user: "member10@demo.test",
    kind: "form",
    valid: () => ({ intent: "rsvp", response: "yes" }),
    accept: [302],
    tables: MEETING_TABLES,
  },
  {
    name: "propose a minutes correction",
    path: () => Promise.resolve(`/meetings/${ctx.heldMeetingId}`),
    as: "cab_member",
    user: "member11@demo.test",
    kind: "form",
    valid: () => ({ intent: "propose-correction", text: "I arrived late." }),
    accept: [302],
    tables: MEETING_TABLES,
    onSuccess: { minutes_corrections: 1, audit_log: 1 },
  },
  {
    name: "staff: new meeting",
    path: "/staff/meetings/new",
    as: "csu_staff",
    kind: "form",
    valid: () => ({
      intent: "save",
      title: `Hostile input meeting ${unique()}`,
      mode: "online",
      link: "https://meet.example.org/cab",
      startsAt: wall(40, 18),
      endsAt: wall(40, 19),
      isPublic: "on",
      agenda__text: "One item.",
    }),
    accept: [302],
    tables: MEETING_TABLES,
  },
  {
    name: "staff: edit a meeting (agenda item)",
    path: () => Promise.resolve(`/staff/meetings/${ctx.upcomingMeetingId}/edit`),
    as: "csu_staff",
    kind: "form",
    valid: () => ({
      intent: "add-agenda-item",
      title: "Another item",
      subjectType: "brief",
      url: "/briefs/repeat-calls-problem-properties-2025",
      label: "Brief",
    }),
    accept: [302],
    tables: MEETING_TABLES,
  },
  {
    name: "staff: attendance",
    path: () => Promise.resolve(`/staff/meetings/${ctx.heldMeetingId}/attendance`),
    as: "csu_staff",
    kind: "form",
    valid: () => ({ [`status-${ctx.member1Id}`]: "present", [`status-${ctx.member2Id}`]: "excused" }),
    accept: [302],
    tables: MEETING_TABLES,
  },
  {
    name: "staff: minutes (add a decision)",
    path: () => Promise.resolve(`/staff/meetings/${ctx.heldMeetingId}/minutes`),
    as: "csu_staff",
    kind: "form",
    valid: () => ({ intent: "add-decision", text: "The board agreed.", support: "7", oppose: "1", abstain: "0" }),
    accept: [302],
    tables: MEETING_TABLES,
  },

  // ---- briefs and consultations (the editors) ----
  {
    name: "staff: new brief",
    path: "/staff/briefs/new",
    as: "csu_staff",
    kind: "form",
    valid: () => ({
      title: `Hostile brief ${unique()}`,
      summary: "A summary of this brief for the board.",
      topics: "drug cases, charging",
      periodStart: "2025-01-01",
      periodEnd: "2025-06-30",
      body: paragraph("Body text."),
    }),
    accept: [302],
    tables: BRIEF_TABLES,
    onSuccess: { briefs: 1, brief_revisions: 1, audit_log: 1 },
  },
  {
    name: "staff: edit a brief",
    path: () => Promise.resolve(`/staff/briefs/${ctx.draftBriefId}/edit`),
    as: "csu_staff",
    kind: "form",
    valid: () => ({
      intent: "save",
      title: "Hostile draft brief",
      summary: "A summary of this brief for the board.",
      topics: "",
      body__text: `Version ${unique()}.`,
      reason: "",
    }),
    accept: [302],
    tables: BRIEF_TABLES,
  },
  {
    name: "staff: new consultation",
    path: "/staff/consultations/new",
    as: "csu_staff",
    kind: "form",
    valid: () => ({
      title: `Hostile notice ${unique()}`,
      partners: "City of Riverside",
      opensAt: iso(-60_000),
      closesAt: iso(86_400_000),
      notice__text: "Comment below.",
    }),
    accept: [302],
    tables: BRIEF_TABLES,
    onSuccess: { consultations: 1, audit_log: 1 },
  },
  {
    name: "staff: edit a consultation",
    path: (sql) => one(sql`select '/staff/consultations/' || id || '/edit' from consultations where slug = 'jag-fy2026-notice-of-intent'`),
    as: "csu_staff",
    kind: "form",
    valid: () => ({
      title: "Notice of intent to apply for a Justice Assistance Grant (FY 2026)",
      partners: "City of Riverside",
      opensAt: iso(-2 * 86_400_000),
      closesAt: iso(28 * 86_400_000),
      notice__text: "Comment below.",
    }),
    accept: [302],
    tables: BRIEF_TABLES,
  },

  // ---- responses (the editor) ----
  {
    name: "staff: new response (draft)",
    path: "/staff/responses/new",
    as: "csu_staff",
    kind: "form",
    valid: () => ({
      intent: "save",
      title: `Hostile response ${unique()}`,
      summary: "Two residents reported sales from parked cars. Here is what the office did.",
      body__text: "We reviewed the reports.",
      policyVersionId: ctx.policyId,
      criterionStatement: "Both reports come from residents of the block and name a place and time.",
      concernNumbers: ctx.concernNumber,
      newMeasure: "drug_filed",
      newGrain: "year",
      newYear: "2025",
    }),
    accept: [302],
    tables: RESPONSE_TABLES,
    // No exact counts: a draft without concerns or without a new figure is just as valid.
  },
  {
    name: "staff: edit a response",
    path: () => Promise.resolve(`/staff/responses/${ctx.draftResponseId}/edit`),
    as: "csu_staff",
    kind: "form",
    valid: () => ({
      intent: "save",
      title: "Hostile draft response",
      summary: "Two residents reported sales from parked cars. Here is what the office did.",
      body__text: `Version ${unique()}.`,
      policyVersionId: ctx.policyId,
      criterionStatement: "Both reports come from residents of the block and name a place and time.",
      concernNumbers: ctx.concernNumber,
    }),
    accept: [302],
    tables: RESPONSE_TABLES,
  },

  // ---- concern triage, kinds, citations, policies ----
  {
    name: "staff: triage a concern",
    path: () => Promise.resolve(`/staff/concerns/${ctx.concernNumber}`),
    as: "csu_staff",
    kind: "form",
    valid: () => ({ intent: "hide", reason: "Hidden in a test." }),
    accept: [302],
    tables: CONCERN_TABLES,
  },
  {
    name: "staff: concern kinds",
    path: "/staff/concerns/kinds",
    as: "csu_staff",
    kind: "form",
    valid: () => ({
      intent: "create",
      code: `k_${unique()}`.slice(0, 40),
      nameEn: "Test kind",
      nameEs: "Tipo de prueba",
      descriptionEn: "",
      descriptionEs: "",
    }),
    accept: [302],
    tables: POLICY_TABLES,
    onSuccess: { concern_kinds: 1, audit_log: 1 },
  },
  {
    name: "staff: cite documented concerns",
    path: "/staff/citations",
    as: "csu_staff",
    kind: "form",
    valid: () => ({ intent: "cite", caseRef: `CR-HOSTILE-${unique()}`, decision: "filed", policyVersionId: ctx.violencePolicyId, decidedOn: today() }),
    accept: [302],
    tables: POLICY_TABLES,
  },
  {
    name: "admin: new policy version",
    path: "/admin/policies",
    as: "admin",
    kind: "form",
    valid: () => ({
      kind: "connection_to_violence",
      name: "Hostile policy",
      text: "Text.",
      effectiveFrom: `${2090 + (counter++ % 9)}-0${1 + (counter % 9)}-01`,
      checklist: "",
    }),
    accept: [302],
    tables: POLICY_TABLES,
  },

  // ---- metrics ----
  {
    name: "staff: metrics import upload",
    path: "/staff/metrics/import",
    as: "csu_staff",
    kind: "multipart",
    valid: () => ({ periodStart: "2031-01", periodEnd: "2031-12" }),
    file: { field: "file", name: "cases.csv", type: "text/csv", content: () => ctx.caseCsv },
    accept: [302],
    tables: METRIC_TABLES,
  },
  {
    name: "staff: discard an import",
    path: (sql) => one(sql`select '/staff/metrics/imports/' || id from metric_imports order by created_at limit 1`),
    as: "csu_staff",
    kind: "form",
    // The seeded import is done: discarding it is refused in words (409), never a 500.
    valid: () => ({ intent: "discard" }),
    accept: [302, 409],
    tables: METRIC_TABLES,
  },
  {
    name: "staff: record an event on the dashboard",
    path: "/staff/metrics/events",
    as: "csu_staff",
    kind: "form",
    valid: () => ({ intent: "create", occurredOn: "2031-05-01", titleEn: "Hostile event", titleEs: "Evento hostil", appliesTo: "weapons" }),
    accept: [302],
    tables: [...METRIC_TABLES, "metric_events"],
  },
  {
    name: "staff: cite a dashboard figure",
    path: "/dashboard/drug_filed",
    as: "csu_staff",
    kind: "form",
    valid: () => ({ filters: "grain=year&year=2025&zip=64127" }),
    accept: [302],
    tables: METRIC_TABLES,
    onSuccess: { metric_snapshots: 1, audit_log: 1 },
  },

  // ---- admin ----
  {
    name: "admin: invite",
    path: "/admin/users",
    as: "admin",
    kind: "form",
    valid: () => ({ intent: "invite", email: `invited-${unique()}@example.org`, role: "cab_member", locale: "en" }),
    accept: [200],
    tables: AUTH_TABLES,
    onSuccess: { invitations: 1, email_outbox: 1, audit_log: 1 },
  },
  {
    name: "admin: issue an Open311 key",
    path: "/admin/api-keys",
    as: "admin",
    kind: "form",
    valid: () => ({ intent: "issue", name: `Hostile key ${unique()}` }),
    accept: [200],
    tables: [...AUTH_TABLES, "open311_api_keys"],
    onSuccess: { open311_api_keys: 1, audit_log: 1 },
  },
  {
    name: "admin: retry an email",
    path: (sql) => one(sql`select '/admin/outbox/' || id || '/retry' from email_outbox order by created_at limit 1`),
    as: "admin",
    kind: "form",
    valid: () => ({}),
    accept: [302],
    tables: AUTH_TABLES,
  },

  // ---- GET parameters: search, dashboard filters, lists ----
  queryTarget("search", "/search", () => ({ q: "drug charging" })),
  // An offered combination of the publication: a year, one filter.
  queryTarget("dashboard measure filters", "/dashboard/drug_filed", () => ({ grain: "year", year: "2025", race: "black" })),
  queryTarget("dashboard measure CSV", "/dashboard/drug_filed/csv", () => ({ grain: "year", year: "2024", sex: "female" })),
  queryTarget("dashboard disparity", "/dashboard/disparity", () => ({ year: "2025", stage: "filed" })),
  queryTarget("dashboard response time", "/dashboard/response-time", () => ({ from: "2025-01", to: "2025-12", district: "Central" })),
  queryTarget("dashboard drug citations", "/dashboard/drug-citations", () => ({ year: "2025" })),
  queryTarget("dashboard drug-policy funnel", "/dashboard/drug-policy", () => ({ year: "2024" })),
  queryTarget("dashboard drug-policy funnel CSV", "/dashboard/drug-policy/csv", () => ({ year: "2024" })),
  queryTarget("dashboard time to decision", "/dashboard/time-to-decision", () => ({ year: "2025" })),
  queryTarget("concerns list", "/concerns", () => ({ zip: "64127", kind: "drug_sales", status: "open", page: "2" })),
  // With a code: to its page; without one: the lookup form again.
  queryTarget("track a concern", "/concerns/track", () => ({ code: ctx.concernCode }), undefined, [200, 302]),
  queryTarget("briefs list", "/briefs", () => ({ topic: "drug cases", q: "charging", page: "1" })),
  queryTarget("meetings list", "/meetings", () => ({ q: "board", past: "1" })),
  queryTarget("analyses list", "/analyses", () => ({ status: "proposed", page: "1" })),
  queryTarget("action items", "/action-items", () => ({ status: "open" })),
  queryTarget("Open311 GET requests.json", "/open311/v2/requests.json", () => ({
    api_key: ctx.open311Key,
    start_date: "2025-01-01",
    end_date: "2025-03-01",
    status: "open",
    service_code: "drug_sales",
  })),
  queryTarget("staff concerns list", "/staff/concerns", () => ({ status: "received", zip: "64127", q: "alley" }), "csu_staff"),
  queryTarget("staff citations lookup", "/staff/citations", () => ({ place: "1400 E 55th St", from: "2025-01-01", to: today() }), "csu_staff"),
  queryTarget("admin audit log", "/admin/audit", () => ({ action: "comment.create", actor: "analyst@demo.test", page: "2" }), "admin"),
];

/** The first column of the first row of a lookup in the seeded database. */
async function one(rows: Promise<postgres.Row[]>): Promise<string> {
  const [row] = await rows;
  if (!row) throw new Error("hostile-input table: a lookup found nothing in the test database");
  return String(Object.values(row)[0]);
}
