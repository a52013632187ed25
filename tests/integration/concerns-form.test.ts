import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { auditLog, concernCorroborations, concernKinds, concerns, emailOutbox } from "~/db/schema";
import { issueKeyViaAdmin } from "../support/concerns";
import { Client, clientFor, startOfFreshRateWindow } from "../support/app";
import { responseTimeTable } from "~/modules/responses/index.server";
import { addDays, countyDay, countyToday, toCountyDateTimeValue } from "~/utils/clock";

const today = countyToday();
const valid = (over: Record<string, string> = {}) => ({
  intent: "review",
  kind: "nuisance_property",
  description: "Cars blocking the alley every night",
  // Yesterday: a time of day "today" could still be in the county's future (the form refuses that).
  observedDate: addDays(today, -1),
  observedTime: "22:10",
  address: "7788 Formtest Rd",
  zip: "64109",
  ...over,
});

/** What a page shows: its <main>, with the HTML entities of text decoded (the strings are also in its script). */
const shown = (html: string) =>
  html
    .slice(html.indexOf("<main"), html.indexOf("</main>"))
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, "&");

describe("the concern form without JavaScript", () => {
  it("opens with what happens, how long the office usually takes (as published) and who sees what", async () => {
    const html = await (await (await clientFor()).get("/concerns/new")).text();
    const page = shown(html);
    expect(page).toContain("Before you start");
    expect(page).toContain("Who sees what");
    expect(page).toContain("Never shown in public: your name, email and phone number, the exact address, the day and time, and what you wrote.");
    // The usual time is the median /dashboard/response-time publishes, or says there is none yet.
    const { overallMedian } = await responseTimeTable(null);
    const days = overallMedian === null ? null : Math.round(overallMedian);
    expect(page).toContain(
      days === null
        ? "once it has answered enough concerns to say"
        : days === 0
          ? "half were answered on the day they were sent"
          : `half were answered within ${days} day${days === 1 ? "" : "s"} of being sent`,
    );
    expect((await (await (await clientFor()).get("/dashboard/response-time")).text()).length).toBeGreaterThan(0);
    // Optional fields say so; the description is counted, never cut (no maxlength).
    expect(page.match(/\(optional\)/g)?.length).toBeGreaterThanOrEqual(4);
    expect(page).toMatch(/<textarea(?![^>]*maxlength)[^>]*name="description"/);
    expect(page).toContain("You can enter up to 4,000 characters.");
    // Exit this page: without JavaScript a plain link to a neutral site, sending no referrer.
    expect(page).toMatch(/<a href="https:\/\/www\.bbc\.com\/weather" class="button exit-this-page-button" rel="noreferrer nofollow"/);
    expect(page).toContain("It does not erase your browser history.");
  });

  it("answers malformed submissions with an error summary and a specific message per field, keeping what was typed, never a 500", async () => {
    const c = await clientFor();
    const empty = await c.post("/concerns/new", { intent: "review" });
    expect(empty.status).toBe(400);
    const emptyPage = shown(await empty.text());
    expect(emptyPage).toContain("There is a problem");
    // The summary takes focus on load (no JavaScript needed) and links each message to its field.
    expect(emptyPage).toMatch(/<div class="alert alert-error error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" autofocus=""/);
    for (const [message, target] of [
      ["Choose what kind of concern it is", "#kind-"],
      ["Describe what you saw", "#concern-description"],
      ["Enter the date you saw it", "#concern-observedDate"],
      ["Enter where it happened: a street address or an intersection", "#concern-address"],
      ["Enter the ZIP code", "#concern-zip"],
    ]) {
      expect(emptyPage, message).toMatch(new RegExp(`<a href="${target}[^"]*">${message}</a>`));
    }
    expect(emptyPage).not.toContain("This field is required.");

    const cases: [Record<string, string>, string, number?][] = [
      [valid({ description: "x".repeat(4001) }), "What you saw must be 4,000 characters or fewer."],
      [valid({ zip: "4411" }), "Enter a ZIP code of 5 digits, like 64130"],
      [valid({ observedDate: addDays(today, 2) }), "The date you saw it must be today or in the past"],
      [valid({ observedDate: "2026-02-30" }), "Enter a real date, like 2026-03-08"],
      [valid({ observedTime: "25:99" }), "Enter a time like 14:30"],
      [valid({ email: "not-an-email" }), "Enter an email address like name@example.com."],
      [valid({ phone: "call me" }), "Enter a phone number using digits, like 816-555-0134"],
      [valid({ consent: "on" }), "To be contacted, leave an email or a phone number"],
      [valid({ kind: "no_such_kind" }), "Choose what kind of concern it is"],
      [valid({ latitude: "abc", longitude: "1" }), "This value is not valid."],
      [valid({ intent: "drop table" }), "This value is not valid."],
      [valid({ website: "http://spam.example" }), "We could not accept this submission."],
      [valid({ address: "a".repeat(300) }), "The address must be 200 characters or fewer"],
      // Over the 64 KB form limit: refused before anything reads the body.
      [valid({ address: "a".repeat(100_000), description: "b".repeat(100_000) }), "Too much was sent", 413],
    ];
    for (const [fields, message, status = 400] of cases) {
      const r = await c.post("/concerns/new", fields);
      expect(r.status, JSON.stringify(fields).slice(0, 80)).toBe(status);
      const html = await r.text();
      expect(shown(html) || html, message).toContain(message);
      if (status === 400) expect(shown(html)).toContain("There is a problem");
      if (fields.address && fields.address.length < 100) expect(html).toContain(`value="${fields.address}"`);
      if (fields.description && fields.description.length < 100) expect(html).toContain(fields.description);
    }
    const json = await c.request("/concerns/new", { method: "POST", body: "{not a form", headers: { "Content-Type": "application/json" } });
    expect(json.status).toBe(400);
    expect(await db.select().from(concerns).where(eq(concerns.address, "7788 Formtest Rd"))).toHaveLength(0);
  });

  it("refuses 5,000 pasted characters with a clear message and keeps every one of them", async () => {
    const c = await clientFor();
    const pasted = "Long account of what happens on the corner. ".repeat(120).slice(0, 5000);
    const r = await c.post("/concerns/new", valid({ description: pasted }));
    expect(r.status).toBe(400);
    const page = shown(await r.text());
    expect(page).toContain("What you saw must be 4,000 characters or fewer. Your text is kept below");
    const textarea = /<textarea[^>]*>([\s\S]*?)<\/textarea>/.exec(page)![1]!;
    expect(textarea.trim()).toBe(pasted.trim());
    expect(page).not.toMatch(/<textarea[^>]*maxlength/);
  });

  it("refuses an observed time later than now on the county clock (a few minutes of skew allowed)", async () => {
    const c = await clientFor();
    const inAnHour = toCountyDateTimeValue(new Date(Date.now() + 60 * 60_000));
    const anHourAgo = toCountyDateTimeValue(new Date(Date.now() - 60 * 60_000));
    // Late in the county's evening an hour from now is tomorrow: that is the date's refusal.
    const later = await c.post("/concerns/new", valid({ observedDate: inAnHour.slice(0, 10), observedTime: inAnHour.slice(11) }));
    expect(later.status).toBe(400);
    expect(shown(await later.text())).toContain(
      inAnHour.slice(0, 10) === today ? "The time you saw it must be now or earlier" : "The date you saw it must be today or in the past",
    );
    const earlier = await c.post("/concerns/new", valid({ observedDate: anHourAgo.slice(0, 10), observedTime: anHourAgo.slice(11) }));
    expect(earlier.status).toBe(200);
    expect(shown(await earlier.text())).toContain("Check your answers before sending your report");
  });

  it("refuses to send a report of a kind that does not exist or was retired: the kind's error, what was typed kept, nothing written", async () => {
    const c = await clientFor();
    await db.update(concernKinds).set({ active: false }).where(eq(concernKinds.code, "other"));
    try {
      for (const kind of ["no_such_kind", "other"]) {
        const address = `4242 Retired Kind Rd ${kind}`;
        const r = await c.post("/concerns/new", valid({ kind, address, intent: "send" }));
        expect(r.status, kind).toBe(400);
        const page = shown(await r.text());
        expect(page).toContain("Choose what kind of concern it is");
        expect(page).toContain(address);
        expect(await db.select({ id: concerns.id }).from(concerns).where(eq(concerns.address, address))).toHaveLength(0);
      }
    } finally {
      await db.update(concernKinds).set({ active: true }).where(eq(concernKinds.code, "other"));
    }
  });

  it("checks the answers before sending: change buttons return to the form with that field focused; only Send writes", async () => {
    const c = await clientFor();
    const answers = valid({ email: "form.person@example.net", name: "Pat Q. Resident", consent: "on", address: "7788 Formtest Rd" });
    const review = await c.post("/concerns/new", answers);
    expect(review.status).toBe(200);
    const check = shown(await review.text());
    expect(check).toContain("Check your answers before sending your report");
    expect(check).toContain("Nothing has been sent yet.");
    // What the public will see of the location, next to what was typed.
    expect(check).toContain("7700 block of Formtest Rd, 64109");
    expect(check).toContain('type="hidden" name="description" value="Cars blocking the alley every night"');
    for (const field of ["kind", "description", "observedDate", "address", "zip", "name", "email", "phone", "consent"]) {
      expect(check, field).toContain(`name="change" value="${field}"`);
    }
    expect(check).toContain('name="intent" value="send"');
    expect(await db.select().from(concerns).where(eq(concerns.address, "7788 Formtest Rd"))).toHaveLength(0);

    // "Change" next to the description: the form, every answer kept, the cursor in the description.
    const change = await c.post("/concerns/new", { ...answers, change: "description" });
    expect(change.status).toBe(200);
    const form = shown(await change.text());
    expect(form).toMatch(/<textarea[^>]*autofocus=""[^>]*>\s*Cars blocking the alley every night/);
    expect(form).toContain('value="7788 Formtest Rd"');
    expect(form).toContain('value="Pat Q. Resident"');
    expect(form).not.toContain("There is a problem");
    expect(await db.select().from(concerns).where(eq(concerns.address, "7788 Formtest Rd"))).toHaveLength(0);

    const r = await c.post("/concerns/new", { ...answers, intent: "send" });
    expect(r.status).toBe(302);
    const location = r.headers.get("location")!;
    expect(location).toMatch(/^\/concerns\/received\/[2-9A-HJ-KMNP-Z]{12}\?emailed=1$/);
    const code = location.split("/")[3]!.split("?")[0]!;
    const receiptResponse = await c.get(location);
    // The confirmation holds the secret code: never in a shared cache, never a referrer.
    expect(receiptResponse.headers.get("cache-control")).toBe("private, no-store");
    expect(receiptResponse.headers.get("referrer-policy")).toMatch(/(^|, )no-referrer$/);
    const receipt = shown(await receiptResponse.text());
    expect(receipt).toContain("Report sent");
    expect(receipt).toContain(`${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`);
    expect(receipt).toContain("Keep this code private, like a PIN");
    expect(receipt).toContain("What happens next");
    expect(receipt).toContain('data-testid="usual-time"');
    expect(receipt).toContain("We will email you when the status changes.");
    const [row] = await db.select().from(concerns).where(eq(concerns.trackingCode, code));
    expect(row).toMatchObject({
      address: "7788 Formtest Rd",
      publicBlock: "7700 block of Formtest Rd",
      status: "received",
      reporterEmail: "form.person@example.net",
      reporterName: "Pat Q. Resident",
      consentToContact: true,
    });
    const [mail] = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, "form.person@example.net"));
    expect(mail!.subject).toContain(`${code.slice(0, 4)}-`);
    // The older one-step intent still writes (311-style clients, the benchmarks).
    expect((await c.post("/concerns/new", valid({ intent: "submit", address: "7790 Formtest Rd" }))).status).toBe(302);
  });

  it("offers similar open reports on the same block, then checks the answers before adding a corroboration", async () => {
    const c = await clientFor();
    const first = await c.post("/concerns/new", valid({ kind: "gun_violence", address: "9910 Corner St", intent: "send" }));
    expect(first.status).toBe(302);
    const [target] = await db.select().from(concerns).where(eq(concerns.address, "9910 Corner St"));
    const mine = valid({ kind: "gun_violence", address: "9955 Corner St", email: "second@example.net" });
    const step = await c.post("/concerns/new", mine);
    expect(step.status).toBe(200);
    const html = await step.text();
    expect(html).toContain("A similar report is already open");
    // The step names no concern: the server finds it again from kind, block and ZIP.
    expect(html).toContain('name="choice" value="corroborate"');
    expect(html).not.toContain(`corroborate:${target!.number}`);
    expect(html).toContain('type="hidden" name="address" value="9955 Corner St"');
    expect(html).not.toContain("9910 Corner St");
    // "Go back" returns the filled-in form.
    const back = await c.post("/concerns/new", { ...mine, intent: "edit" });
    expect(back.status).toBe(200);
    expect(await back.text()).toContain('value="9955 Corner St"');
    // Choosing to add to it leads to the check-your-answers page, not to a write.
    const check = await c.post("/concerns/new", { ...mine, choice: "corroborate" });
    expect(check.status).toBe(200);
    const checkPage = shown(await check.text());
    expect(checkPage).toContain("Check your answers before adding your report");
    expect(checkPage).toContain("Your report will be added to the open report of this kind on 9900 block of Corner St.");
    expect(checkPage).toContain('name="intent" value="corroborate"');
    expect(await db.select().from(concernCorroborations).where(eq(concernCorroborations.concernId, target!.id))).toHaveLength(0);
    // "It is something else" checks the answers for a new concern.
    expect(shown(await (await c.post("/concerns/new", { ...mine, choice: "new" })).text())).toContain("Check your answers before sending your report");

    const added = await c.post("/concerns/new", { ...mine, choice: "corroborate", intent: "corroborate" });
    expect(added.status).toBe(302);
    expect(added.headers.get("location")).toMatch(/added=1/);
    const corr = await db.select().from(concernCorroborations).where(eq(concernCorroborations.concernId, target!.id));
    expect(corr).toHaveLength(1);
    const receipt = shown(await (await c.get(added.headers.get("location")!)).text());
    expect(receipt).toContain(`Report added to concern #${target!.number}`);
    const tracking = await (await c.get(`/concerns/track/${corr[0]!.trackingCode}`)).text();
    expect(tracking).toContain(`Concern #${target!.number}`);

    // A status change emails the person who added their report too.
    const analyst = await clientFor("analyst@demo.test");
    expect((await analyst.post(`/staff/concerns/${target!.number}`, { intent: "status", status: "under_review", publicNote: "Looking at it" })).status).toBe(
      302,
    );
    const mails = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, "second@example.net"));
    expect(mails.some((m) => m.subject.includes(corr[0]!.trackingCode!.slice(0, 4)) && m.text.includes("Under review"))).toBe(true);
    // Sending new instead works too.
    const fresh = await c.post("/concerns/new", { ...valid({ kind: "gun_violence", address: "9960 Corner St" }), choice: "new", intent: "send" });
    expect(fresh.status).toBe(302);
  });

  it("helps to re-check a mistyped tracking code, says nothing about other codes, and stays rate-limited", { timeout: 90_000 }, async () => {
    const c = await clientFor();
    const short = await c.get("/concerns/track?code=ABCD-EFGH-JK0");
    expect(short.status).toBe(400);
    const shortPage = shown(await short.text());
    expect(shortPage).toContain("Enter the tracking code as 12 letters and numbers, like ABCD-EFGH-JKMN");
    expect(shortPage).toContain("You typed 11 letters and numbers; a tracking code has 12.");
    expect(shortPage).toContain("You typed: 0.");
    expect(shortPage).toContain("If you have lost your code");
    expect(shortPage).toContain('value="ABCD-EFGH-JK0"');

    // The right shape, matching nothing: the page says so and helps, not a generic "Page not found".
    await startOfFreshRateWindow(60, 30);
    const probe = new Client(c.baseUrl);
    const misses: string[] = [];
    for (const code of ["ZZZZZZZZZZZZ", "ZZZZZZZZZZZY"]) {
      const r = await probe.get(`/concerns/track/${code}`);
      expect(r.status).toBe(404);
      expect(r.headers.get("cache-control")).toBe("private, no-store");
      const page = shown(await r.text());
      expect(page).toContain("We could not find a concern with that code");
      expect(page).toContain("Characters that look alike are easy to mistype");
      expect(page).not.toContain("Page not found");
      misses.push(page.replaceAll(`${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`, "CODE"));
    }
    // Two codes that match nothing get the same page: it cannot tell whether some other code exists.
    expect(misses[0]).toBe(misses[1]);
    // Codes cannot be tried in bulk.
    let status = 0;
    for (let i = 0; i < 60 && status !== 429; i++) status = (await probe.get(`/concerns/track/ZZZZZZZZZZ${"23456789"[i % 8]}${"ABCDEFGH"[i % 8]}`)).status;
    expect(status).toBe(429);
  });

  it("lets staff redact, hide and merge, keeping the original only in the audit log", async () => {
    const c = await clientFor();
    await c.post("/concerns/new", valid({ kind: "other", address: "3030 Redact Way", description: "My neighbor Jane Doe at 555-1234 sells", intent: "send" }));
    await c.post("/concerns/new", { ...valid({ kind: "other", address: "3060 Redact Way" }), intent: "submit" });
    const [one] = await db.select().from(concerns).where(eq(concerns.address, "3030 Redact Way"));
    const [two] = await db.select().from(concerns).where(eq(concerns.address, "3060 Redact Way"));
    const analyst = await clientFor("analyst@demo.test");
    const red = await analyst.post(`/staff/concerns/${one!.number}`, {
      intent: "redact",
      description: "My neighbor [redacted] at [redacted] sells",
      reason: "names",
    });
    expect(red.status).toBe(302);
    const [after] = await db.select().from(concerns).where(eq(concerns.id, one!.id));
    expect(after!.description).toBe("My neighbor [redacted] at [redacted] sells");
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, one!.id), eq(auditLog.action, "concern.redacted")));
    expect(audit!.data.original).toBe("My neighbor Jane Doe at 555-1234 sells");

    const bad = await analyst.post(`/staff/concerns/${two!.number}`, { intent: "merge", target: String(two!.number) });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("cannot be a duplicate of itself");
    expect((await analyst.post(`/staff/concerns/${two!.number}`, { intent: "merge", target: String(one!.number) })).status).toBe(302);
    const [merged] = await db.select().from(concerns).where(eq(concerns.id, two!.id));
    expect(merged).toMatchObject({ status: "duplicate", duplicateOfId: one!.id });
    expect(await db.select().from(concernCorroborations).where(eq(concernCorroborations.concernId, one!.id))).toHaveLength(1);

    expect((await analyst.post(`/staff/concerns/${one!.number}`, { intent: "hide", reason: "abusive" })).status).toBe(302);
    const partner = await issueKeyViaAdmin(await clientFor("admin@demo.test"), "Merge test");
    const api = await (await (await clientFor()).get(`/open311/v2/requests/${one!.number}.json?api_key=${encodeURIComponent(partner)}`)).status;
    expect(api).toBe(404);
    const queue = await (await analyst.get("/staff/concerns?status=all&kind=other")).text();
    expect(queue).not.toContain("3030 Redact Way");
    expect(await (await analyst.get("/staff/concerns?status=all&kind=other&hidden=1")).text()).toContain("3030 Redact Way");
    const [last] = await db.select().from(auditLog).where(eq(auditLog.subjectId, one!.id)).orderBy(desc(auditLog.id)).limit(1);
    expect(last!.action).toBe("concern.hidden");

    const badStatus = await analyst.post(`/staff/concerns/${one!.number}`, { intent: "status", status: "documented" });
    expect(badStatus.status).toBe(400);
    expect((await analyst.post(`/staff/concerns/${one!.number}`, { intent: "nonsense" })).status).toBe(400);
    expect((await analyst.get("/staff/concerns/99999999")).status).toBe(404);
  });

  it("shows the public overview with small counts suppressed", async () => {
    const html = await (await (await clientFor()).get("/concerns")).text();
    expect(html).toContain("Reports per 1,000 residents");
    expect(html).toContain("fewer than 11");
    expect(html).not.toMatch(/<td>[1-9]<\/td>|<td>10<\/td>/);
  });
});
