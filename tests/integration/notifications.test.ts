import { and, eq, inArray, like, sql } from "drizzle-orm";
import { Logger, parseCrontab, type Runner } from "graphile-worker";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { startFakeResend } from "../support/fake-resend";

/**
 * Notifications end to end on a real PostgreSQL, the real graphile-worker and the real resend
 * SDK, talking over loopback HTTP to a fake provider that fails 30% of calls with 429 or 500.
 */

// The resend SDK reads RESEND_BASE_URL when it is first imported: set it before any app import.
const fake = await startFakeResend({ failureRate: 0.3, retryAfterSeconds: 0, seed: 7 });
process.env.RESEND_API_KEY = "re_test_fake_key";
process.env.RESEND_BASE_URL = fake.url;
process.env.EMAIL_RETRY_BASE_MS = "10";
process.env.EMAIL_RETRY_MAX_MS = "100";

const { db } = await import("~/db/client.server");
const schema = await import("~/db/schema");
const { notify } = await import("~/modules/notifications/index.server");
const { createRunner, CRONTAB } = await import("../../server/jobs");
const { enqueueJob } = await import("~/modules/notifications/index.server");
const { sendDigests } = await import("~/modules/notifications/index.server");
const { recoverStalledSends } = await import("~/modules/notifications/index.server");
const { setPreferences } = await import("~/modules/notifications/index.server");
const { clientFor } = await import("../support/app");
const { emailOutbox, notifications, users, notificationPreferences, auditLog } = schema;

const silent = new Logger(() => () => {});
let runner: Runner | null = null;

async function startRunner(concurrency = 4, options: Parameters<typeof createRunner>[0] = {}) {
  runner = await createRunner({ concurrency, crontab: "", pollInterval: 100, logger: silent, ...options });
  return runner;
}
async function stopRunner() {
  const r = runner;
  runner = null;
  await r?.stop();
}
afterEach(stopRunner);
afterAll(() => fake.close());

async function createUsers(prefix: string, count: number, locale = (i: number) => (i % 2 ? "es" : "en")) {
  const rows = Array.from({ length: count }, (_, i) => ({
    email: `${prefix}-${i}@people.test`,
    displayName: `${prefix} ${i}`,
    passwordHash: "not-a-login",
    role: "cab_member" as const,
    locale: locale(i),
  }));
  const inserted = await db.insert(users).values(rows).returning({ id: users.id, email: users.email });
  return inserted;
}

async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs = 30_000, label = "condition") {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${label}`);
}

const deliveredWithPrefix = (prefix: string) => fake.deliveredTo((a) => a.startsWith(`${prefix}-`));
const outboxCounts = async (prefix: string) =>
  db
    .select({ status: emailOutbox.status, n: sql<number>`count(*)::int` })
    .from(emailOutbox)
    .where(like(emailOutbox.toAddress, `${prefix}-%`))
    .groupBy(emailOutbox.status);
const jobCount = async () => (await db.execute<{ n: number }>(sql`select count(*)::int as n from graphile_worker._private_jobs`))[0]!.n;

function expectExactlyOnce(prefix: string, people: { email: string }[]) {
  const delivered = deliveredWithPrefix(prefix);
  const addresses = delivered.flatMap((d) => d.to);
  expect(addresses.length).toBe(people.length);
  expect(new Set(addresses).size).toBe(people.length);
  expect(new Set(addresses)).toEqual(new Set(people.map((p) => p.email)));
}

describe("notifications: durable email through the queue", () => {
  it("delivers one event to 500 recipients exactly once, in batches of at most 100, despite 30% failures", async () => {
    const people = await createUsers("five", 500);
    const before = { ...fake.stats };
    await db.transaction((tx) =>
      notify(
        tx,
        { type: "brief_published", key: "brief:five-hundred", url: "/briefs/five-hundred", params: { title: "Gun violence in District 3" } },
        people.map((p) => ({ userId: p.id })),
      ),
    );
    expect(await outboxCounts("five")).toEqual([{ status: "queued", n: 500 }]);

    await startRunner();
    await waitFor(async () => (await outboxCounts("five")).some((c) => c.status === "sent" && c.n === 500), 40_000, "500 sent");
    expectExactlyOnce("five", people);

    const calls = fake.stats.calls - before.calls;
    expect(fake.stats.batchCalls - before.batchCalls).toBe(calls); // every call was a batch call
    expect(calls).toBeGreaterThan(5); // 5 batches of 100, plus the failed attempts
    expect(fake.stats.failed - before.failed).toBeGreaterThan(0);
    const rows = await db.select().from(emailOutbox).where(like(emailOutbox.toAddress, "five-%"));
    expect(rows.every((r) => r.attempts >= 1 && r.providerId && r.sentAt)).toBe(true);
    expect(rows.some((r) => r.attempts > 1)).toBe(true);

    // The recipient's language, a plain-text part, and a working one-click unsubscribe header.
    const spanish = fake.delivered.find((d) => d.to[0] === "five-1@people.test")!;
    expect(spanish.subject).toBe("Nuevo informe: Gun violence in District 3");
    expect(spanish.text).toContain("Gun violence in District 3");
    expect(spanish.text).not.toMatch(/<[a-z]/i);
    expect(spanish.headers["List-Unsubscribe"]).toMatch(/^<http.*\/unsubscribe\?token=[\w-]+\.[\w-]+>$/);
    expect(spanish.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    const link = spanish.headers["List-Unsubscribe"]!.slice(1, -1);
    expect(spanish.html).toContain(`href="${link}"`);
    expect(spanish.text).toContain(link);
    expect(spanish.html).not.toContain("placeholder");
  });

  it("still delivers exactly 500 when the worker is killed mid-way and restarted", async () => {
    const people = await createUsers("crash", 500);
    await db.transaction((tx) =>
      notify(
        tx,
        { type: "vote_opened", key: "vote:crash-test", url: "/analyses/a1", params: { title: "Stop data", closesAt: "Friday" } },
        people.map((p) => ({ userId: p.id })),
      ),
    );
    fake.setLatency(150);
    let cut = 0;
    try {
      // A short abort timeout: the killed jobs stop retrying almost at once, as a dead process would.
      const first = await startRunner(2, { gracefulShutdownAbortTimeout: 20 });
      await waitFor(() => deliveredWithPrefix("crash").length >= 100 && fake.inFlight() > 0, 30_000, "first batch delivered, another in flight");
      // Crash: the calls in flight reach the provider, but their answers never come back.
      cut = fake.dropInFlight();
      runner = null;
      await first.kill("test crash");
      await first.promise.catch(() => {}); // its pool is closed once it has stopped
      expect(deliveredWithPrefix("crash").length).toBeLessThan(500);
    } finally {
      fake.setLatency(0);
    }
    expect(cut).toBeGreaterThan(0);
    // The dead worker's job stays locked; the recovery cron frees it (here: "15 minutes later").
    expect(await recoverStalledSends(0)).toBeGreaterThan(0);
    const replayedBefore = fake.stats.replayed + fake.stats.conflicts;
    await startRunner();
    await waitFor(async () => (await outboxCounts("crash")).some((c) => c.status === "sent" && c.n === 500), 40_000, "500 sent after restart");
    expectExactlyOnce("crash", people);
    // Each cut call that had delivered was answered from its idempotency key when resent.
    expect(fake.stats.replayed + fake.stats.conflicts - replayedBefore).toBeGreaterThanOrEqual(fake.stats.droppedAfterDelivery);
  });

  it("does not send twice when the provider accepted a batch but the answer was lost", async () => {
    const people = await createUsers("lost", 3);
    fake.setFailureRate(0);
    fake.failNext([{ status: 500, afterDelivery: true }]);
    const before = fake.stats.replayed;
    try {
      await db.transaction((tx) =>
        notify(
          tx,
          { type: "minutes_approved", key: "minutes:lost", url: "/meetings/m1", params: { title: "May meeting" } },
          people.map((p) => ({ userId: p.id })),
        ),
      );
      await startRunner();
      await waitFor(async () => (await outboxCounts("lost")).some((c) => c.status === "sent" && c.n === 3), 20_000, "3 sent");
    } finally {
      fake.setFailureRate(0.3);
    }
    expectExactlyOnce("lost", people);
    expect(fake.stats.replayed).toBeGreaterThan(before);
    const rows = await db.select().from(emailOutbox).where(like(emailOutbox.toAddress, "lost-%"));
    expect(rows.every((r) => r.attempts === 2)).toBe(true);
  });

  it("records a permanent failure, and an admin retry (audited) sends it once", async () => {
    const [person] = await createUsers("perm", 1);
    fake.setFailureRate(0);
    fake.failNext([{ status: 422 }]);
    try {
      await db.transaction((tx) =>
        notify(tx, { type: "vote_closed", key: "vote:perm", url: "/analyses/a2", params: { title: "Bail study", result: "adopted" } }, [
          { userId: person!.id },
        ]),
      );
      await startRunner();
      await waitFor(async () => (await outboxCounts("perm")).some((c) => c.status === "failed"), 20_000, "failed");
      const [failed] = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, person!.email));
      expect(failed!.lastError).toMatch(/422/);
      expect(failed!.attempts).toBe(1);
      expect(deliveredWithPrefix("perm")).toHaveLength(0);

      const member = await clientFor("member1@demo.test");
      expect((await member.post(`/admin/outbox/${failed!.id}/retry`, {})).status).toBe(403);
      const admin = await clientFor("admin@demo.test");
      const response = await admin.post(`/admin/outbox/${failed!.id}/retry`, {});
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toBe("/admin/outbox");
      await waitFor(async () => (await outboxCounts("perm")).some((c) => c.status === "sent"), 20_000, "sent after retry");
      expect(deliveredWithPrefix("perm")).toHaveLength(1);
      const audits = await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "email.retry"), eq(auditLog.subjectId, failed!.id)));
      expect(audits).toHaveLength(1);
      // A second retry of a sent email does nothing.
      await admin.post(`/admin/outbox/${failed!.id}/retry`, {});
      expect(
        await db
          .select()
          .from(auditLog)
          .where(and(eq(auditLog.action, "email.retry"), eq(auditLog.subjectId, failed!.id))),
      ).toHaveLength(1);
      expect((await admin.post(`/admin/outbox/not-a-uuid/retry`, {})).status).toBe(404);
    } finally {
      fake.setFailureRate(0.3);
    }
  });

  it("enqueues nothing when the transaction rolls back", async () => {
    const people = await createUsers("rollback", 5);
    const jobsBefore = await jobCount();
    await expect(
      db.transaction(async (tx) => {
        await notify(
          tx,
          { type: "meeting_cancelled", key: "meeting:rollback", url: "/meetings/x", params: { title: "June", startsAt: "June 3" } },
          people.map((p) => ({ userId: p.id })),
        );
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await db.select().from(emailOutbox).where(like(emailOutbox.toAddress, "rollback-%"))).toHaveLength(0);
    expect(await db.select().from(notifications).where(eq(notifications.eventKey, "meeting:rollback"))).toHaveLength(0);
    expect(await jobCount()).toBe(jobsBefore);

    // The same call committed does enqueue (so the check above can fail).
    await db.transaction((tx) =>
      notify(
        tx,
        { type: "meeting_cancelled", key: "meeting:rollback", url: "/meetings/x", params: { title: "June", startsAt: "June 3" } },
        people.map((p) => ({ userId: p.id })),
      ),
    );
    expect(await db.select().from(emailOutbox).where(like(emailOutbox.toAddress, "rollback-%"))).toHaveLength(5);
    expect(await jobCount()).toBe(jobsBefore + 1);
  });
});

describe("notifications: preferences, digests and unsubscribe", () => {
  it("gathers a day's events into one digest email, in the person's language, from the queue", async () => {
    const [digester, other] = await createUsers("digest", 2, () => "es");
    await setPreferences(digester!.id, { brief_published: "daily", vote_opened: "daily" });
    const events: import("~/modules/notifications/index.server").NotificationEvent[] = [
      { type: "brief_published" as const, key: "brief:d1", url: "/briefs/d1", params: { title: "Robos en el distrito 1" } },
      { type: "brief_published" as const, key: "brief:d2", url: "/briefs/d2", params: { title: "Tiroteos en verano" } },
      { type: "vote_opened" as const, key: "vote:d3", url: "/analyses/d3", params: { title: "Estudio de fianzas", closesAt: "viernes" } },
    ];
    for (const event of events) await db.transaction((tx) => notify(tx, event, [{ userId: digester!.id }, { userId: other!.id }]));

    // No immediate email for the digest reader; the other person gets each one at once.
    expect(await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, digester!.email))).toHaveLength(0);
    expect(await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, other!.email))).toHaveLength(3);
    expect(await db.select().from(notifications).where(eq(notifications.userId, digester!.id))).toHaveLength(3);

    // The crontab line is valid and the task runs from the queue.
    expect(parseCrontab(CRONTAB).map((c) => c.identifier)).toEqual(expect.arrayContaining(["digest_daily", "digest_weekly"]));
    await db.transaction((tx) => enqueueJob(tx, "send_digest", { frequency: "daily" }));
    await startRunner();
    await waitFor(() => fake.deliveredTo((a) => a === digester!.email).length > 0, 20_000, "digest delivered");
    await waitFor(
      async () =>
        (
          await db
            .select()
            .from(emailOutbox)
            .where(and(eq(emailOutbox.toAddress, digester!.email), eq(emailOutbox.status, "sent")))
        ).length === 1,
    );

    const digests = fake.deliveredTo((a) => a === digester!.email);
    expect(digests).toHaveLength(1);
    const [digest] = digests;
    expect(digest!.subject).toBe("Su resumen diario del Portal del CAB: 3 novedades");
    for (const title of ["Robos en el distrito 1", "Tiroteos en verano", "Estudio de fianzas"]) {
      expect(digest!.html).toContain(title);
      expect(digest!.text).toContain(title);
    }
    expect(digest!.headers["List-Unsubscribe"]).toMatch(/unsubscribe\?token=/);

    // Running it again finds nothing new to send.
    expect(await sendDigests("daily")).toBe(0);
  });

  it("sends nothing for a type switched off with the email's unsubscribe link, used without login", async () => {
    const [person] = await createUsers("unsub", 1, () => "en");
    fake.setFailureRate(0);
    try {
      await db.transaction((tx) =>
        notify(tx, { type: "meeting_scheduled", key: "meeting:u1", url: "/meetings/u1", params: { title: "July", startsAt: "July 8" } }, [
          { userId: person!.id },
        ]),
      );
      await startRunner();
      await waitFor(() => fake.deliveredTo((a) => a === person!.email).length === 1, 20_000, "first email");
      await stopRunner();
    } finally {
      fake.setFailureRate(0.3);
    }
    const [email] = fake.deliveredTo((a) => a === person!.email);
    const url = new URL(email!.headers["List-Unsubscribe"]!.slice(1, -1));
    const visitor = await clientFor();

    // GET only asks; it changes nothing (link scanners open links).
    const page = await visitor.get(url.pathname + url.search);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Meetings scheduled");
    expect(html).toMatch(/<button type="submit"[^>]*>Unsubscribe<\/button>/);
    expect(await db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, person!.id))).toHaveLength(0);

    // A tampered token does nothing.
    const token = url.searchParams.get("token")!;
    const [payload, signature] = token.split(".") as [string, string];
    const flip = (text: string, i: number) => text.slice(0, i) + (text[i] === "x" ? "y" : "x") + text.slice(i + 1);
    for (const forged of [
      `${flip(payload, 5)}.${signature}`,
      `${payload}.${flip(signature, 10)}`,
      `${payload}.${flip(signature, signature.length - 1)}`,
      payload,
    ]) {
      expect((await visitor.post(`/unsubscribe?token=${forged}`, { "List-Unsubscribe": "One-Click" }, { origin: null })).status).toBe(400);
    }

    // RFC 8058 one-click: the mail client POSTs with no cookie and no Origin.
    const done = await visitor.post(url.pathname + url.search, { "List-Unsubscribe": "One-Click" }, { origin: null });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain("You will no longer get emails about Meetings scheduled");
    const prefs = await db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, person!.id));
    expect(prefs).toEqual([expect.objectContaining({ type: "meeting_scheduled", delivery: "off" })]);

    // The next event of that type reaches the inbox but sends no email; other types still do.
    await db.transaction((tx) =>
      notify(tx, { type: "meeting_scheduled", key: "meeting:u2", url: "/meetings/u2", params: { title: "August", startsAt: "Aug 5" } }, [
        { userId: person!.id },
      ]),
    );
    await db.transaction((tx) =>
      notify(tx, { type: "minutes_approved", key: "minutes:u3", url: "/meetings/u1", params: { title: "July" } }, [{ userId: person!.id }]),
    );
    const outbox = await db.select({ key: emailOutbox.idempotencyKey }).from(emailOutbox).where(eq(emailOutbox.toAddress, person!.email));
    expect(outbox.map((o) => o.key).sort()).toEqual([`meeting:u1:${person!.id}`, `minutes:u3:${person!.id}`]);
    expect(
      await db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, person!.id), eq(notifications.eventKey, "meeting:u2"))),
    ).toHaveLength(1);
  });

  it("suppresses a bare address (no account) after its unsubscribe link is used", async () => {
    const address = "Resident.Without.Account@people.test";
    await db.transaction((tx) =>
      notify(
        tx,
        { type: "concern_status_changed", key: "concern:c1:triaged", url: "/concerns/track/ABC", params: { code: "ABC", status: "triaged", note: "" } },
        [{ email: address, locale: "es" }],
      ),
    );
    const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.idempotencyKey, "concern:c1:triaged:resident.without.account@people.test"));
    expect(row!.subject).toBe("Novedades sobre su inquietud ABC");
    const url = new URL(row!.headers["List-Unsubscribe"]!.slice(1, -1));
    const visitor = await clientFor();
    // The confirmation page's own form (a browser without JavaScript) posts the token back.
    const page = await (await visitor.get(url.pathname + url.search)).text();
    const token = /name="token" value="([^"]+)"/.exec(page)![1]!;
    expect((await visitor.post("/unsubscribe", { token })).status).toBe(200);
    await db.transaction((tx) =>
      notify(
        tx,
        { type: "concern_status_changed", key: "concern:c1:closed", url: "/concerns/track/ABC", params: { code: "ABC", status: "closed", note: "" } },
        [{ email: address.toLowerCase(), locale: "es" }],
      ),
    );
    expect(await db.select().from(emailOutbox).where(eq(emailOutbox.idempotencyKey, "concern:c1:closed:resident.without.account@people.test"))).toHaveLength(0);
  });
});

describe("notifications: pages (without JavaScript)", () => {
  it("shows the unread count in the header, lists notifications and marks them read", async () => {
    const [member1] = await db.select().from(users).where(eq(users.email, "member1@demo.test"));
    await db.transaction((tx) =>
      notify(tx, { type: "comment_reply", key: "reply:p1", url: "/briefs/b1#c2", params: { author: "Ana", title: "Brief one" } }, [{ userId: member1!.id }]),
    );
    await db.transaction((tx) =>
      notify(tx, { type: "brief_published", key: "brief:p2", url: "/briefs/b2", params: { title: "Brief two" } }, [{ userId: member1!.id }]),
    );
    const client = await clientFor("member1@demo.test");
    const page = await client.get("/notifications");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toMatch(/href="\/notifications"[^>]*>Notifications<span class="inbox-count"> \(\d+ unread\)/);
    expect(html).toContain('href="/briefs/b1#c2"');
    expect(html).toContain("Ana replied to your comment");

    const [reply] = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, member1!.id), eq(notifications.eventKey, "reply:p1")));
    expect((await client.post("/notifications", { intent: "read", id: reply!.id })).status).toBe(302);
    const [after] = await db.select().from(notifications).where(eq(notifications.id, reply!.id));
    expect(after!.readAt).not.toBeNull();

    // Someone else cannot mark my notification read; malformed input is a 400, not a 500.
    const other = await clientFor("member2@demo.test");
    await db.update(notifications).set({ readAt: null }).where(eq(notifications.id, reply!.id));
    await other.post("/notifications", { intent: "read", id: reply!.id });
    expect((await db.select().from(notifications).where(eq(notifications.id, reply!.id)))[0]!.readAt).toBeNull();
    expect((await client.post("/notifications", { intent: "read", id: "nope" })).status).toBe(400);
    expect((await client.post("/notifications", { intent: "explode" })).status).toBe(400);

    expect((await client.post("/notifications", { intent: "read_all" })).status).toBe(302);
    const unread = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, member1!.id), sql`${notifications.readAt} is null`));
    expect(unread).toHaveLength(0);
    const home = await (await client.get("/")).text();
    expect(home).not.toContain("inbox-count");

    // Visitors are sent to login.
    expect((await (await clientFor()).get("/notifications")).status).toBe(302);
  });

  it("saves preferences from the settings page and rejects a forged value", async () => {
    const client = await clientFor("member3@demo.test");
    const page = await client.get("/account/notifications");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Notification settings");
    expect(html).toMatch(/<label for="[^"]+">Reminders before a vote closes<\/label>/);

    const { NOTIFICATION_TYPES } = await import("~/modules/notifications");
    const form = Object.fromEntries(NOTIFICATION_TYPES.map((t) => [t, "immediately"]));
    const saved = await client.post("/account/notifications", { ...form, brief_published: "weekly", vote_closing: "off" });
    expect(saved.status).toBe(302);
    const [member3] = await db.select().from(users).where(eq(users.email, "member3@demo.test"));
    const prefs = await db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, member3!.id));
    expect(Object.fromEntries(prefs.map((p) => [p.type, p.delivery]))).toMatchObject({
      brief_published: "weekly",
      vote_closing: "off",
      vote_opened: "immediately",
    });
    const reloaded = await (await client.get("/account/notifications")).text();
    expect(reloaded).toMatch(/<option value="weekly" selected="">Weekly summary<\/option>/);

    const forged = await client.post("/account/notifications", { ...form, brief_published: "hourly" });
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain("This value is not valid.");

    // A weekly type waits for the weekly digest.
    await db.transaction((tx) =>
      notify(tx, { type: "brief_published", key: "brief:w1", url: "/briefs/w1", params: { title: "Weekly" } }, [{ userId: member3!.id }]),
    );
    expect(
      await db
        .select()
        .from(emailOutbox)
        .where(inArray(emailOutbox.idempotencyKey, [`brief:w1:${member3!.id}`])),
    ).toHaveLength(0);
    const [row] = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, member3!.id), eq(notifications.eventKey, "brief:w1")));
    expect(row!.digest).toBe("weekly");
  });
});

describe("notifications: opening the thing reads them", () => {
  it("marks read the viewer's notifications about the brief, analysis, meeting, response or consultation opened, and only those", async () => {
    const { briefs, analyses, meetings, responses, consultations } = schema;
    const [member] = await db.select().from(users).where(eq(users.email, "member5@demo.test"));
    const [other] = await db.select().from(users).where(eq(users.email, "member6@demo.test"));
    const [brief, secondBrief] = await db.select().from(briefs).where(eq(briefs.status, "public")).limit(2);
    const [analysis] = await db.select().from(analyses).limit(1);
    const [meeting] = await db.select().from(meetings).where(eq(meetings.isPublic, true)).limit(1);
    const [response] = await db.select().from(responses).where(eq(responses.status, "published")).limit(1);
    const [consultation] = await db.select().from(consultations).limit(1);
    expect(brief && secondBrief && analysis && meeting && response && consultation).toBeTruthy();
    const about = {
      brief: `/briefs/${brief!.slug}`,
      reply: `/briefs/${brief!.slug}?cpage=2#comment-00000000-0000-0000-0000-000000000001`,
      secondBrief: `/briefs/${secondBrief!.slug}`,
      analysis: `/analyses/${analysis!.id}`,
      meeting: `/meetings/${meeting!.id}`,
      response: `/responses/${response!.slug}`,
      consultation: `/consultations/${consultation!.slug}#comment-x`,
    };
    const stamp = Date.now();
    await db.transaction(async (tx) => {
      for (const [name, url] of Object.entries(about)) {
        const type = name === "reply" || name === "consultation" ? "comment_reply" : name === "meeting" ? "meeting_changed" : "brief_published";
        await notify(tx, { type, key: `open-reads:${stamp}:${name}`, url, params: { title: name, author: "Ana", startsAt: "" } }, [
          { userId: member!.id },
          { userId: other!.id },
        ]);
      }
    });
    const unreadOf = async (userId: string) =>
      (
        await db
          .select({ key: notifications.eventKey })
          .from(notifications)
          .where(and(eq(notifications.userId, userId), like(notifications.eventKey, `open-reads:${stamp}:%`), sql`${notifications.readAt} is null`))
      )
        .map((r) => r.key.split(":").pop())
        .sort();
    const all = Object.keys(about).sort();
    expect(await unreadOf(member!.id)).toEqual(all);

    const client = await clientFor("member5@demo.test");
    const inboxCount = (html: string) => Number(html.match(/class="inbox-count"> \((\d+) unread\)/)?.[1] ?? 0);
    const before = inboxCount(await (await client.get("/notifications")).text());

    // The brief: its own notification and the reply on page 2 of its comments; not the other brief's.
    const briefPage = await client.get(about.brief);
    expect(briefPage.status).toBe(200);
    // The header on that very page already agrees (the count runs beside the page's loader).
    expect(inboxCount(await briefPage.text())).toBe(before - 2);
    expect(await unreadOf(member!.id)).toEqual(all.filter((n) => n !== "brief" && n !== "reply"));

    expect((await client.get(about.analysis)).status).toBe(200);
    expect((await client.get(about.meeting)).status).toBe(200);
    expect((await client.get(about.response)).status).toBe(200);
    expect((await client.get(`/consultations/${consultation!.slug}`)).status).toBe(200);
    expect(await unreadOf(member!.id)).toEqual(["secondBrief"]);
    // Client-side navigation (?_data) reads them too.
    expect((await client.get(`${about.secondBrief}?_data=routes%2Fbriefs.%24slug`)).status).toBe(200);
    expect(await unreadOf(member!.id)).toEqual([]);

    // Somebody else's notifications about the same pages are untouched.
    expect(await unreadOf(other!.id)).toEqual(all);
  });

  it("does not read a notification about a page the viewer may not open", async () => {
    const { briefs } = schema;
    const [resident] = await db.select().from(users).where(eq(users.email, "resident@demo.test"));
    const [boardOnly] = await db.select().from(briefs).where(eq(briefs.status, "cab_review")).limit(1);
    expect(boardOnly).toBeTruthy();
    const key = `open-reads:${Date.now()}:board-only`;
    await db.transaction((tx) =>
      notify(tx, { type: "brief_published", key, url: `/briefs/${boardOnly!.slug}`, params: { title: "x" } }, [{ userId: resident!.id }]),
    );
    const client = await clientFor("resident@demo.test");
    expect((await client.get(`/briefs/${boardOnly!.slug}`)).status).toBe(404);
    const [row] = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, resident!.id), eq(notifications.eventKey, key)));
    expect(row!.readAt).toBeNull();
  });
});
