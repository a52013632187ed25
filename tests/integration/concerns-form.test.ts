import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { auditLog, concernCorroborations, concerns, emailOutbox } from "~/db/schema";
import { issueKeyViaAdmin } from "../support/concerns";
import { clientFor } from "../support/app";
import { addDays, countyDay, countyToday } from "~/utils/clock";

const today = countyToday();
const valid = (over: Record<string, string> = {}) => ({
  intent: "check",
  kind: "nuisance_property",
  description: "Cars blocking the alley every night",
  observedDate: today,
  observedTime: "22:10",
  address: "7788 Formtest Rd",
  zip: "64109",
  ...over,
});

describe("the concern form without JavaScript", () => {
  it("answers malformed submissions with field errors that keep what was typed, never a 500", async () => {
    const c = await clientFor();
    const cases: [Record<string, string>, string, number?][] = [
      [{}, "This field is required."],
      [valid({ description: "x".repeat(4001) }), "Please keep it under 4,000 characters."],
      [valid({ zip: "4411" }), "Enter a five-digit ZIP code."],
      [valid({ observedDate: addDays(today, 2) }), "The date cannot be in the future."],
      [valid({ observedDate: "2026-02-30" }), "Enter a date like 2026-03-08."],
      [valid({ observedTime: "25:99" }), "Enter a time like 14:30."],
      [valid({ email: "not-an-email" }), "Enter an email address like name@example.com."],
      [valid({ phone: "call me" }), "Enter a phone number using digits."],
      [valid({ consent: "on" }), "To be contacted, leave an email or a phone number."],
      [valid({ kind: "no_such_kind" }), "Choose a kind of concern."],
      [valid({ latitude: "abc", longitude: "1" }), "This value is not valid."],
      [valid({ intent: "drop table" }), "This value is not valid."],
      [valid({ website: "http://spam.example" }), "We could not accept this submission."],
      [valid({ address: "a".repeat(300) }), "This is too long."],
      // Over the 64 KB form limit: refused before anything reads the body.
      [valid({ address: "a".repeat(100_000), description: "b".repeat(100_000) }), "Too much was sent", 413],
    ];
    for (const [fields, message, status = 400] of cases) {
      const r = await c.post("/concerns/new", fields);
      expect(r.status, JSON.stringify(fields).slice(0, 80)).toBe(status);
      const html = await r.text();
      expect(html, message).toContain(message);
      if (fields.address && fields.address.length < 100) expect(html).toContain(`value="${fields.address}"`);
      if (fields.description && fields.description.length < 100) expect(html).toContain(fields.description);
    }
    const json = await c.request("/concerns/new", { method: "POST", body: "{not a form", headers: { "Content-Type": "application/json" } });
    expect(json.status).toBe(400);
    expect(await db.select().from(concerns).where(eq(concerns.address, "7788 Formtest Rd"))).toHaveLength(0);
  });

  it("submits with no similar report straight to a receipt with the tracking code", async () => {
    const c = await clientFor();
    const r = await c.post("/concerns/new", valid({ email: "form.person@example.net" }));
    expect(r.status).toBe(302);
    const location = r.headers.get("location")!;
    expect(location).toMatch(/^\/concerns\/received\/[2-9A-HJ-KMNP-Z]{12}\?emailed=1$/);
    const code = location.split("/")[3]!.split("?")[0]!;
    const receipt = await (await c.get(location)).text();
    expect(receipt).toContain(`${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`);
    const [row] = await db.select().from(concerns).where(eq(concerns.trackingCode, code));
    expect(row).toMatchObject({
      address: "7788 Formtest Rd",
      publicBlock: "7700 block of Formtest Rd",
      status: "received",
      reporterEmail: "form.person@example.net",
    });
    const [mail] = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, "form.person@example.net"));
    expect(mail!.subject).toContain(`${code.slice(0, 4)}-`);
  });

  it("offers similar open reports on the same block as a second page, and adds a corroboration", async () => {
    const c = await clientFor();
    const first = await c.post("/concerns/new", valid({ kind: "gun_violence", address: "9910 Corner St" }));
    expect(first.status).toBe(302);
    const [target] = await db.select().from(concerns).where(eq(concerns.address, "9910 Corner St"));
    const step = await c.post("/concerns/new", valid({ kind: "gun_violence", address: "9955 Corner St", email: "second@example.net" }));
    expect(step.status).toBe(200);
    const html = await step.text();
    expect(html).toContain("A similar report is already open");
    // The step names no concern: the server finds it again from kind, block and ZIP.
    expect(html).toContain('value="corroborate"');
    expect(html).not.toContain(`corroborate:${target!.number}`);
    expect(html).toContain('type="hidden" name="address" value="9955 Corner St"');
    expect(html).not.toContain("9910 Corner St");
    // "Go back" returns the filled-in form.
    const back = await c.post("/concerns/new", { ...valid({ kind: "gun_violence", address: "9955 Corner St", email: "second@example.net" }), intent: "edit" });
    expect(back.status).toBe(200);
    expect(await back.text()).toContain('value="9955 Corner St"');
    const added = await c.post("/concerns/new", {
      ...valid({ kind: "gun_violence", address: "9955 Corner St", email: "second@example.net" }),
      intent: "corroborate",
    });
    expect(added.status).toBe(302);
    expect(added.headers.get("location")).toMatch(/added=1/);
    const corr = await db.select().from(concernCorroborations).where(eq(concernCorroborations.concernId, target!.id));
    expect(corr).toHaveLength(1);
    const tracking = await (await c.get(`/concerns/track/${corr[0]!.trackingCode}`)).text();
    expect(tracking).toContain(`Concern #${target!.number}`);

    // A status change emails the person who added their report too.
    const analyst = await clientFor("analyst@demo.test");
    expect((await analyst.post(`/staff/concerns/${target!.number}`, { intent: "status", status: "under_review", publicNote: "Looking at it" })).status).toBe(
      302,
    );
    const mails = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, "second@example.net"));
    expect(mails.some((m) => m.subject.includes(corr[0]!.trackingCode!.slice(0, 4)) && m.text.includes("Under review"))).toBe(true);
    // Submitting new instead works too.
    const fresh = await c.post("/concerns/new", { ...valid({ kind: "gun_violence", address: "9960 Corner St" }), intent: "submit" });
    expect(fresh.status).toBe(302);
  });

  it("lets staff redact, hide and merge, keeping the original only in the audit log", async () => {
    const c = await clientFor();
    await c.post("/concerns/new", valid({ kind: "other", address: "3030 Redact Way", description: "My neighbor Jane Doe at 555-1234 sells" }));
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
