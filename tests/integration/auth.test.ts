import { and, count, desc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { auditLog, authTokens, emailOutbox, invitations, sessions, users } from "~/db/schema";
import { recordAudit } from "~/modules/audit/index.server";
import { clientFor, type Client, startOfFreshRateWindow } from "../support/app";

const NEW_PASSWORD = "a-new-password-2026";
const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? "demo-password-2026";

let admin: Client | null = null;
/** One signed-in admin for the whole file: logins are rate limited per account. */
async function adminClient() {
  admin ??= await clientFor("admin@demo.test");
  return admin;
}

/** The page as rendered, without its scripts: the hydration data carries every translated string. */
async function rendered(response: Response) {
  return (await response.text()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, "");
}

async function userByEmail(email: string) {
  const [user] = await db.select().from(users).where(eq(users.email, email));
  return user!;
}

async function emailsTo(to: string, template: string) {
  return db
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.toAddress, to), eq(emailOutbox.template, template)))
    .orderBy(desc(emailOutbox.createdAt));
}

/** The path (and query) of the link in the newest captured email of this kind. */
async function linkFromEmail(to: string, template: string, path: string) {
  const [email] = await emailsTo(to, template);
  expect(email, `a ${template} email to ${to}`).toBeDefined();
  expect(email!.status).toBe("captured");
  const match = email!.text.match(new RegExp(`https?://[^\\s"'<>\\]\\[]*${path.replace(/[?]/g, "\\?")}[^\\s"'<>\\]\\[]*`));
  expect(match, `a ${path} link in the email text`).not.toBeNull();
  const url = new URL(match![0]);
  return url.pathname + url.search;
}

async function auditRows(action: string, subjectId: string) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.subjectId, subjectId)));
}

async function invite(email: string, role: "cab_member" | "csu_staff" | "admin" = "cab_member", locale = "en") {
  const response = await (await adminClient()).post("/admin/users", { intent: "invite", email, role, locale });
  expect(response.status).toBe(200);
  expect(await rendered(response)).toContain(`Invitation sent to ${email}`);
  return linkFromEmail(email, "invitation", "/invitations/");
}

describe("auth: residents sign up and verify their email", () => {
  it("signup → verification email in the outbox → following the link verifies, once", async () => {
    const email = "new.resident@example.org";
    const client = await clientFor();
    const signup = await client.post("/signup", { displayName: "New Resident", email, password: NEW_PASSWORD });
    expect(signup.status).toBe(302);
    // The same answer as for an address that has an account (see hardening.test.ts): sign in next.
    expect(signup.headers.get("location")).toBe("/login");
    expect((await userByEmail(email)).emailVerifiedAt).toBeNull();
    await client.login(email, NEW_PASSWORD);

    const account = await client.get("/account");
    expect(account.status).toBe(200);
    expect(await rendered(account)).toContain("Please confirm your email address");

    // "Send the email again" gives a second, working link.
    const resend = await client.post("/verify-email", {});
    expect(resend.status).toBe(302);
    expect(await emailsTo(email, "verify-email")).toHaveLength(2);

    const link = await linkFromEmail(email, "verify-email", "/verify-email?token=");
    const visitor = await clientFor();
    const verified = await visitor.get(link);
    expect(verified.status).toBe(200);
    expect(await rendered(verified)).toContain("your email address is confirmed");
    expect((await userByEmail(email)).emailVerifiedAt).not.toBeNull();

    const again = await visitor.get(link);
    expect(again.status).toBe(400);
    expect(await rendered(again)).toContain("This link is no longer valid");

    const after = await rendered(await client.get("/account"));
    expect(after).not.toContain("Please confirm your email address");
    expect(after).not.toContain('action="/verify-email"');
    // A verified user asking again is not sent anything.
    await client.post("/verify-email", {});
    expect(await emailsTo(email, "verify-email")).toHaveLength(2);
  });
});

describe("auth: password reset", () => {
  it("a reset link works once, ends every session, and a used link is refused", async () => {
    const email = "member5@demo.test";
    const signedIn = await clientFor(email);
    const elsewhere = await clientFor(email);
    const user = await userByEmail(email);

    const visitor = await clientFor();
    const asked = await visitor.post("/forgot-password", { email });
    expect(asked.status).toBe(200);
    const askedText = await rendered(asked);
    expect(askedText).toContain("If an account uses that email, a reset link is on its way.");

    const link = await linkFromEmail(email, "reset-password", "/reset-password?token=");
    const form = await visitor.get(link);
    expect(form.status).toBe(200);
    expect(await rendered(form)).toContain("Choose a new password");
    const token = new URL(link, "http://x").searchParams.get("token")!;

    const reset = await visitor.post(link, { token, password: NEW_PASSWORD });
    expect(reset.status).toBe(302);
    expect(reset.headers.get("location")).toBe("/login");

    // Sessions that existed before the reset are gone.
    const [left] = await db.select({ n: count() }).from(sessions).where(eq(sessions.userId, user.id));
    expect(left!.n).toBe(0);
    for (const client of [signedIn, elsewhere]) {
      const r = await client.get("/account");
      expect(r.status).toBe(302);
      expect(r.headers.get("location")).toBe("/login?redirectTo=%2Faccount");
    }

    // The used token is refused, on the page and on a second post.
    const reused = await visitor.get(link);
    expect(reused.status).toBe(400);
    const reusedText = await rendered(reused);
    expect(reusedText).toContain("This reset link is no longer valid");
    expect(reusedText).toContain('href="/forgot-password"');
    const repost = await visitor.post(link, { token, password: "yet-another-password" });
    expect(repost.status).toBe(400);
    expect(await rendered(repost)).toContain("This reset link is no longer valid");

    const fresh = await clientFor();
    expect((await fresh.post("/login", { email, password: DEMO_PASSWORD })).status).toBe(400);
    expect((await fresh.post("/login", { email, password: NEW_PASSWORD })).status).toBe(302);
  });

  it("refuses an expired reset link and leaves the password alone", async () => {
    const email = "member6@demo.test";
    const visitor = await clientFor();
    expect((await visitor.post("/forgot-password", { email })).status).toBe(200);
    const link = await linkFromEmail(email, "reset-password", "/reset-password?token=");
    const user = await userByEmail(email);
    await db
      .update(authTokens)
      .set({ expiresAt: sql`now() - interval '1 minute'` })
      .where(and(eq(authTokens.userId, user.id), eq(authTokens.kind, "reset_password")));

    const page = await visitor.get(link);
    expect(page.status).toBe(400);
    expect(await rendered(page)).toContain("This reset link is no longer valid");
    const token = new URL(link, "http://x").searchParams.get("token")!;
    const post = await visitor.post(link, { token, password: NEW_PASSWORD });
    expect(post.status).toBe(400);
    expect((await userByEmail(email)).passwordHash).toBe(user.passwordHash);
  });

  it("answers the same whether or not the account exists", async () => {
    const visitor = await clientFor();
    const known = await visitor.post("/forgot-password", { email: "member7@demo.test" });
    const unknown = await visitor.post("/forgot-password", { email: "nobody-here@example.org" });
    expect(known.status).toBe(unknown.status);
    const strip = (html: string) => html.replace(/value="[^"]*"/g, "").replace(/nonce="[^"]*"/g, "");
    expect(strip(await rendered(unknown))).toBe(strip(await rendered(known)));
    expect(await emailsTo("nobody-here@example.org", "reset-password")).toHaveLength(0);
  });

  it("gives the 11th reset request in a minute a 429, per address and per account", { timeout: 60_000 }, async () => {
    await startOfFreshRateWindow();
    const client = await clientFor();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await client.post("/forgot-password", { email: `someone${i}@example.org` })).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(200));
    expect(statuses[10]).toBe(429);

    // Eleven different addresses asking for one account.
    const perAccount: number[] = [];
    for (let i = 0; i < 11; i++) perAccount.push((await (await clientFor()).post("/forgot-password", { email: "member8@demo.test" })).status);
    expect(perAccount.slice(0, 10)).toEqual(Array(10).fill(200));
    expect(perAccount[10]).toBe(429);
  });
});

describe("auth: invitations", () => {
  it("an invitation creates a user with the invited role and signs them in; it works once", async () => {
    const email = "new.cab.member@example.org";
    const link = await invite(email, "cab_member", "es");
    const [invitation] = await db.select().from(invitations).where(eq(invitations.email, email));
    expect(await auditRows("invitation.created", invitation!.id)).toHaveLength(1);
    const [mail] = await emailsTo(email, "invitation");
    expect(mail!.locale).toBe("es");
    expect(mail!.subject).toMatch(/invit/i);

    const invitee = await clientFor();
    const page = await invitee.get(link);
    expect(page.status).toBe(200);
    expect(await rendered(page)).toContain(email);
    const accepted = await invitee.post(link, { displayName: "Nueva Integrante", password: NEW_PASSWORD });
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("location")).toBe("/account");
    const account = await invitee.get("/account");
    expect(account.status).toBe(200);
    expect(await rendered(account)).toContain("CAB member");
    const user = await userByEmail(email);
    expect(user.role).toBe("cab_member");
    expect(user.emailVerifiedAt).not.toBeNull();

    // Used: refused on the page and on a post, and nobody else is created.
    const other = await clientFor();
    const used = await other.get(link);
    expect(used.status).toBe(400);
    expect(await rendered(used)).toContain("This invitation is no longer valid");
    const repost = await other.post(link, { displayName: "Someone Else", password: NEW_PASSWORD });
    expect(repost.status).toBe(400);
    expect(other.cookies.has("cab_session")).toBe(false);
  });

  it("an invitation to csu_staff makes a csu_staff user", async () => {
    const email = "new.analyst@example.org";
    const link = await invite(email, "csu_staff");
    const invitee = await clientFor();
    expect((await invitee.post(link, { displayName: "New Analyst", password: NEW_PASSWORD })).status).toBe(302);
    expect((await userByEmail(email)).role).toBe("csu_staff");
    expect((await invitee.get("/staff")).status).toBe(200);
  });

  it("refuses an expired invitation and a revoked one", async () => {
    const expiredEmail = "late.member@example.org";
    const expiredLink = await invite(expiredEmail);
    await db
      .update(invitations)
      .set({ expiresAt: sql`now() - interval '1 minute'` })
      .where(eq(invitations.email, expiredEmail));
    const visitor = await clientFor();
    const page = await visitor.get(expiredLink);
    expect(page.status).toBe(400);
    expect(await rendered(page)).toContain("This invitation is no longer valid");
    const post = await visitor.post(expiredLink, { displayName: "Late", password: NEW_PASSWORD });
    expect(post.status).toBe(400);
    expect(await db.select().from(users).where(eq(users.email, expiredEmail))).toHaveLength(0);

    const revokedEmail = "revoked.member@example.org";
    const revokedLink = await invite(revokedEmail);
    const [invitation] = await db.select().from(invitations).where(eq(invitations.email, revokedEmail));
    const admin = await adminClient();
    // Revoking is a second step: the first post only asks.
    const ask = await admin.post("/admin/users", { intent: "revoke-invitation", invitationId: invitation!.id });
    expect(ask.status).toBe(200);
    expect(await ask.text()).toContain(`Revoke the invitation to ${revokedEmail}?`);
    expect(await auditRows("invitation.revoked", invitation!.id)).toHaveLength(0);
    const revoke = await admin.post("/admin/users", { intent: "revoke-invitation", invitationId: invitation!.id, confirm: "yes" });
    expect(revoke.status).toBe(200);
    expect(await auditRows("invitation.revoked", invitation!.id)).toHaveLength(1);
    expect((await visitor.get(revokedLink)).status).toBe(400);
    expect((await visitor.post(revokedLink, { displayName: "Revoked", password: NEW_PASSWORD })).status).toBe(400);
  });

  it("refuses to invite an email that already has an account", async () => {
    const response = await (await adminClient()).post("/admin/users", { intent: "invite", email: "member9@demo.test", role: "csu_staff", locale: "en" });
    expect(response.status).toBe(400);
    expect(await rendered(response)).toContain("That email already has an account");
  });
});

describe("auth: administration", () => {
  it("audits a role change and a deactivation; the deactivated user's client is sent to login at once", async () => {
    const email = "member10@demo.test";
    const member = await clientFor(email);
    const target = await userByEmail(email);
    const adminUser = await userByEmail("admin@demo.test");
    const adminC = await adminClient();

    expect((await member.get("/staff")).status).toBe(403);
    const promote = await adminC.post("/admin/users", { intent: "change-role", userId: target.id, role: "csu_staff" });
    expect(promote.status).toBe(200);
    const [roleRow] = await auditRows("user.role_changed", target.id);
    expect(roleRow).toMatchObject({ actorId: adminUser.id, data: { from: "cab_member", to: "csu_staff" } });
    expect((await member.get("/staff")).status).toBe(200);

    // Deactivating asks first: nothing happens until the second post says confirm=yes.
    const asked = await adminC.post("/admin/users", { intent: "deactivate", userId: target.id });
    expect(asked.status).toBe(200);
    expect(await rendered(asked)).toContain("They are signed out everywhere at once");
    expect(await auditRows("user.deactivated", target.id)).toHaveLength(0);
    expect((await member.get("/account")).status).toBe(200);
    const deactivate = await adminC.post("/admin/users", { intent: "deactivate", userId: target.id, confirm: "yes" });
    expect(deactivate.status).toBe(200);
    expect(await auditRows("user.deactivated", target.id)).toHaveLength(1);
    const next = await member.get("/account");
    expect(next.status).toBe(302);
    expect(next.headers.get("location")).toBe("/login?redirectTo=%2Faccount");
    expect((await (await clientFor()).post("/login", { email, password: DEMO_PASSWORD })).status).toBe(400);

    const reactivate = await adminC.post("/admin/users", { intent: "reactivate", userId: target.id });
    expect(reactivate.status).toBe(200);
    expect(await auditRows("user.reactivated", target.id)).toHaveLength(1);
    expect((await (await clientFor()).post("/login", { email, password: DEMO_PASSWORD })).status).toBe(302);
  });

  it("an admin cannot demote or deactivate themself", async () => {
    const adminUser = await userByEmail("admin@demo.test");
    const adminC = await adminClient();
    for (const body of [
      { intent: "change-role", userId: adminUser.id, role: "resident" },
      { intent: "deactivate", userId: adminUser.id },
    ] as Record<string, string>[]) {
      const r = await adminC.post("/admin/users", body);
      expect(r.status).toBe(400);
      expect(await rendered(r)).toContain("You cannot change your own role or deactivate yourself.");
    }
    const after = await userByEmail("admin@demo.test");
    expect(after.role).toBe("admin");
    expect(after.deactivatedAt).toBeNull();
    expect((await adminC.get("/admin/users")).status).toBe(200);
  });

  it("admin pages: 403 for a cab_member, login for a visitor", async () => {
    const member = await clientFor("member11@demo.test");
    for (const path of ["/admin", "/admin/users", "/admin/outbox", "/admin/audit"]) {
      const r = await member.get(path);
      expect(r.status, path).toBe(403);
    }
    const post = await member.post("/admin/users", { intent: "invite", email: "x@example.org", role: "admin", locale: "en" });
    expect(post.status).toBe(403);
    expect(await db.select().from(invitations).where(eq(invitations.email, "x@example.org"))).toHaveLength(0);

    const visitor = await clientFor();
    for (const path of ["/admin/users", "/admin/outbox", "/admin/audit", "/account", "/account/sessions"]) {
      const r = await visitor.get(path);
      expect(r.status, path).toBe(302);
      expect(r.headers.get("location")).toBe(`/login?redirectTo=${encodeURIComponent(path)}`);
    }
  });

  it("shows the outbox (list and one email's text) and the audit log, paginated", async () => {
    const adminC = await adminClient();
    await invite("outbox.check@example.org");
    const list = await adminC.get("/admin/outbox");
    expect(list.status).toBe(200);
    const listHtml = await rendered(list);
    expect(listHtml).toContain("outbox.check@example.org");
    const [mail] = await emailsTo("outbox.check@example.org", "invitation");
    expect(listHtml).toContain(`/admin/outbox/${mail!.id}`);
    const one = await adminC.get(`/admin/outbox/${mail!.id}`);
    expect(one.status).toBe(200);
    expect(await rendered(one)).toContain("/invitations/");
    expect((await adminC.get("/admin/outbox/not-a-uuid")).status).toBe(404);
    expect((await adminC.get("/admin/outbox/00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await adminC.get("/admin/outbox?page=abc")).status).toBe(200);

    // Enough entries for a second page.
    await db.transaction(async (tx) => {
      for (let i = 0; i < 55; i++) await recordAudit(tx, { actorId: null, action: `test.entry_${i}`, subjectType: "test" });
    });
    const audit = await adminC.get("/admin/audit");
    expect(audit.status).toBe(200);
    const auditHtml = await rendered(audit);
    expect(auditHtml).toContain("test.entry_54");
    expect(auditHtml).not.toContain("invitation.created");
    const older = auditHtml.match(/href="(\/admin\/audit\?before=\d+)"/);
    expect(older).not.toBeNull();
    const page2 = await rendered(await adminC.get(older![1]!));
    expect(page2).toContain("invitation.created");
    expect(page2).not.toContain("test.entry_54<");
    expect((await adminC.get("/admin/audit?before=-1")).status).toBe(200);
  });
});

describe("auth: my account", () => {
  it("changes the email only after the new address confirms it", async () => {
    const client = await clientFor("member3@demo.test");
    const newEmail = "member3.new@example.org";
    const r = await client.post("/account", { intent: "change-email", email: newEmail, currentPassword: DEMO_PASSWORD });
    expect(r.status).toBe(200);
    expect(await rendered(r)).toContain("We sent a confirmation link to the new address");
    expect((await userByEmail("member3@demo.test")).email).toBe("member3@demo.test");

    const taken = await client.post("/account", { intent: "change-email", email: "member4@demo.test", currentPassword: DEMO_PASSWORD });
    expect(taken.status).toBe(400);
    expect(await rendered(taken)).toContain("Another account already uses this email.");

    const link = await linkFromEmail(newEmail, "change-email", "/verify-email?change=1");
    const confirmed = await client.get(link);
    expect(confirmed.status).toBe(200);
    expect(await rendered(confirmed)).toContain("Your email address has been changed.");
    const [user] = await db.select().from(users).where(eq(users.email, newEmail));
    expect(user).toBeDefined();
    expect(await auditRows("user.email_changed", user!.id)).toHaveLength(1);
    expect((await client.get(link)).status).toBe(400);
    expect((await (await clientFor()).post("/login", { email: newEmail, password: DEMO_PASSWORD })).status).toBe(302);
  });

  it("changes the password only with the current one", async () => {
    const client = await clientFor("member4@demo.test");
    const wrong = await client.post("/account", { intent: "change-password", currentPassword: "not-my-password", newPassword: NEW_PASSWORD });
    expect(wrong.status).toBe(400);
    expect(await rendered(wrong)).toContain("The current password is not correct.");
    const ok = await client.post("/account", { intent: "change-password", currentPassword: DEMO_PASSWORD, newPassword: NEW_PASSWORD });
    expect(ok.status).toBe(200);
    expect(await rendered(ok)).toContain("Your password was changed.");
    expect((await (await clientFor()).post("/login", { email: "member4@demo.test", password: NEW_PASSWORD })).status).toBe(302);
  });

  it("lists my sessions, revokes one, and signs out everywhere", async () => {
    const email = "member12@demo.test";
    const here = await clientFor(email);
    await here.post("/set-locale", { locale: "en", redirectTo: "/" });
    const phone = await clientFor();
    await phone.request("/login", {
      method: "POST",
      body: new URLSearchParams({ email, password: DEMO_PASSWORD }),
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "User-Agent": "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36",
      },
    });
    const page = await here.get("/account/sessions");
    expect(page.status).toBe(200);
    const html = await rendered(page);
    expect(html).toContain("This browser");
    expect(html).toContain("Chrome on Android");
    expect(html).toContain(phone.ip);
    // Pages name sessions by a hash: the session ids (the cookie values) never appear.
    expect(html).not.toContain(here.cookies.get("cab_session")!);
    expect(html).not.toContain(phone.cookies.get("cab_session")!);
    const handles = [...html.matchAll(/name="session" value="([^"]+)"/g)].map((m) => m[1]!);
    expect(handles).toHaveLength(1);

    // Someone else cannot end my session by its handle.
    const stranger = await clientFor("member1@demo.test");
    expect((await stranger.post("/account/sessions", { intent: "revoke", session: handles[0]! })).status).toBe(404);
    expect((await phone.get("/account")).status).toBe(200);

    const revoked = await here.post("/account/sessions", { intent: "revoke", session: handles[0]! });
    expect(revoked.status).toBe(302);
    expect((await phone.get("/account")).status).toBe(302);
    expect((await here.get("/account")).status).toBe(200);

    // Signing out everywhere asks first (it signs out this browser too); asking changes nothing.
    const asked = await here.post("/account/sessions", { intent: "everywhere" });
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain("including this one? You will need your password");
    expect((await here.get("/account")).status).toBe(200);
    const everywhere = await here.post("/account/sessions", { intent: "everywhere", confirm: "yes" });
    expect(everywhere.status).toBe(302);
    expect(everywhere.headers.get("location")).toBe("/login");
    expect((await here.get("/account")).status).toBe(302);
    const user = await userByEmail(email);
    const [left] = await db.select({ n: count() }).from(sessions).where(eq(sessions.userId, user.id));
    expect(left!.n).toBe(0);
  });
});

describe("auth: malformed input to every auth form gives 400 with field errors, never 500", () => {
  // Longer than every field allows, while the whole body stays under the 64 KB form limit (past it: 413, hardening.test.ts).
  const huge = "x".repeat(15_000);

  type FormCase = { path: string; client: () => Promise<Client>; fields: string[]; fixed?: Record<string, string> };

  async function resetPath() {
    const email = "member2@demo.test";
    await (await clientFor()).post("/forgot-password", { email });
    return linkFromEmail(email, "reset-password", "/reset-password?token=");
  }

  const cases: Record<string, () => Promise<FormCase>> = {
    login: async () => ({ path: "/login", client: () => clientFor(), fields: ["email", "password"] }),
    signup: async () => ({ path: "/signup", client: () => clientFor(), fields: ["displayName", "email", "password"] }),
    "forgot password": async () => ({ path: "/forgot-password", client: () => clientFor(), fields: ["email"] }),
    "reset password": async () => ({ path: await resetPath(), client: () => clientFor(), fields: ["token", "password"] }),
    "invitation accept": async () => ({ path: await invite("malformed.invitee@example.org"), client: () => clientFor(), fields: ["displayName", "password"] }),
    "change email": async () => ({ path: "/account", client: () => clientFor("member7@demo.test"), fields: ["email"], fixed: { intent: "change-email" } }),
    "change password": async () => ({
      path: "/account",
      client: () => clientFor("member9@demo.test"),
      fields: ["currentPassword", "newPassword"],
      fixed: { intent: "change-password" },
    }),
    "admin invite": async () => ({ path: "/admin/users", client: adminClient, fields: ["email", "role", "locale"], fixed: { intent: "invite" } }),
  };

  it.each(Object.keys(cases))("%s", async (name) => {
    const form = { name, ...(await cases[name]!()) };
    const client = await form.client();
    const bodies: Record<string, string | string[]>[] = [
      { ...form.fixed },
      { ...form.fixed, ...Object.fromEntries(form.fields.map((f) => [f, huge])) },
      { ...form.fixed, ...Object.fromEntries(form.fields.map((f) => [f, ["one@example.org", "two@example.org"]])) },
      { ...form.fixed, ...Object.fromEntries(form.fields.map((f) => [f, ""])) },
    ];
    for (const [i, body] of bodies.entries()) {
      const r = await client.post(form.path, body);
      expect(r.status, `${form.name} body ${i}`).toBe(400);
      const html = await rendered(r);
      expect(html, `${form.name} body ${i}`).toMatch(/class="field-errors"|This reset link is no longer valid/);
    }
    const jsonBody = await client.request(form.path, {
      method: "POST",
      body: JSON.stringify(Object.fromEntries(form.fields.map((f) => [f, { nested: [1, 2] }]))),
      headers: { "Content-Type": "application/json" },
    });
    expect(jsonBody.status, `${form.name} JSON`).toBe(400);
    const garbage = await client.request(form.path, { method: "POST", body: "%%%&&&==", headers: { "Content-Type": "multipart/form-data; boundary=nope" } });
    expect(garbage.status, `${form.name} broken multipart`).toBe(400);
  });

  it("keeps what was typed (except passwords) when a form comes back with errors", async () => {
    const client = await clientFor();
    const r = await client.post("/signup", { displayName: "Kept Name", email: "kept@example.org", password: "short" });
    expect(r.status).toBe(400);
    const html = await rendered(r);
    expect(html).toContain('value="Kept Name"');
    expect(html).toContain('value="kept@example.org"');
    expect(html).toContain("Use at least 10 characters.");
    expect(html).not.toContain('value="short"');
  });
});
