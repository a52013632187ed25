import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { briefs, comments, recordsRequests, users } from "~/db/schema";
import { addDays, countyTimeToDate, countyToday, toCountyDateTimeValue } from "~/utils/clock";
import { clientFor, type Client } from "../support/app";

const today = countyToday();
// A period well in the past, so nothing else the suite writes "today" falls into it.
const from = addDays(today, -400);
const to = addDays(today, -394);
const INSIDE = "Records test: a board member remark inside the period";
const BEFORE = "Records test: a remark the day before the period";
const AFTER = "Records test: a remark the day after the period";
const CONTACT = "records-requester-7f3a@example.org / 816-555-0199";
const REQUESTER = "Records Requester Quill";

let analyst: Client;
let number = 0;

async function addComment(text: string, at: Date) {
  const [member] = await db.select().from(users).where(eq(users.email, "member3@demo.test"));
  const [brief] = await db.select().from(briefs).where(eq(briefs.status, "cab_review")).limit(1);
  const doc = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] };
  const [row] = await db
    .insert(comments)
    .values({ subjectType: "brief", subjectId: brief!.id, authorId: member!.id, bodyJson: doc, bodyHtml: `<p>${text}</p>`, bodyText: text, createdAt: at })
    .returning({ id: comments.id });
  await db.update(comments).set({ rootId: row!.id }).where(eq(comments.id, row!.id));
  return brief!;
}

beforeAll(async () => {
  analyst = await clientFor("analyst@demo.test");
  await addComment(INSIDE, countyTimeToDate(from, "00:05"));
  await addComment(`${INSIDE} (last evening)`, countyTimeToDate(to, "23:50"));
  await addComment(BEFORE, countyTimeToDate(addDays(from, -1), "23:55"));
  await addComment(AFTER, countyTimeToDate(addDays(to, 1), "00:01"));
  const r = await analyst.post("/staff/records", {
    requesterName: REQUESTER,
    requesterContact: CONTACT,
    description: "All board communications about the diversion brief.",
    receivedAt: toCountyDateTimeValue(countyTimeToDate(addDays(today, -1), "10:00")),
    periodFrom: from,
    periodTo: to,
  });
  expect(r.status).toBe(302);
  number = Number(/\/staff\/records\/(\d+)$/.exec(r.headers.get("location") ?? "")?.[1]);
  expect(number).toBeGreaterThan(0);
});

describe("records requests", () => {
  it("shows the request with its due date, and the log shows when it was answered", async () => {
    const page = await (await analyst.get(`/staff/records/${number}`)).text();
    expect(page).toContain(REQUESTER);
    expect(page).toContain("Not answered yet");
    const [row] = await db.select().from(recordsRequests).where(eq(recordsRequests.number, number));
    expect(row!.dueOn > addDays(today, -1)).toBe(true);
    const answered = await analyst.post(`/staff/records/${number}`, { intent: "answer", answerNote: "Sent by email." });
    expect(answered.status).toBe(302);
    const after = await (await analyst.get(`/staff/records/${number}`)).text();
    expect(after).not.toContain("Not answered yet");
    expect(after).toContain("Sent by email.");
    const [done] = await db.select().from(recordsRequests).where(eq(recordsRequests.number, number));
    expect(done!.answeredAt).toBeInstanceOf(Date);
    // Twice is refused, and the first time stays.
    const again = await analyst.post(`/staff/records/${number}`, { intent: "answer" });
    expect(again.status).toBe(409);
    const [still] = await db.select().from(recordsRequests).where(eq(recordsRequests.number, number));
    expect(still!.answeredAt!.getTime()).toBe(done!.answeredAt!.getTime());
  });

  it("refuses a form it cannot use with field errors, keeping what was typed", async () => {
    const r = await analyst.post("/staff/records", {
      requesterName: "Someone",
      requesterContact: "",
      description: "Everything",
      receivedAt: "yesterday",
      periodFrom: to,
      periodTo: from,
    });
    expect(r.status).toBe(400);
    const page = await r.text();
    expect(page).toContain("Enter how to reach the requester.");
    expect(page).toContain("Enter the date and time the request was received");
    expect(page).toContain('value="Someone"');
    expect(page).toContain(">Everything</textarea>");
    // With everything else right, a period that ends before it starts is named too.
    const reversed = await analyst.post("/staff/records", {
      requesterName: "Someone",
      requesterContact: "someone@example.org",
      description: "Everything",
      receivedAt: `${addDays(today, -1)}T09:00`,
      periodFrom: to,
      periodTo: from,
    });
    expect(reversed.status).toBe(400);
    expect(await reversed.text()).toContain("The end of the period must be on or after its start.");
  });

  it("exports the board communications of the period, and not those outside it", async () => {
    const r = await analyst.get(`/staff/records/export.html?from=${from}&to=${to}&lng=en&download=1`);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toContain("text/html");
    expect(r.headers.get("content-disposition")).toContain(`board-records-${from}-to-${to}.html`);
    expect(r.headers.get("cache-control")).toContain("no-store");
    const doc = await r.text();
    expect(doc).toMatch(/^<!DOCTYPE html>/);
    expect(doc).not.toMatch(/<script/i);
    expect(doc).toContain(INSIDE);
    expect(doc).toContain(`${INSIDE} (last evening)`);
    expect(doc).not.toContain(BEFORE);
    expect(doc).not.toContain(AFTER);
    for (const section of ["Board communications", "Briefs", "Meetings and minutes", "Votes"]) expect(doc).toContain(section);
    // The requester is never in what the office hands out.
    expect(doc).not.toContain(CONTACT);
    expect(doc).not.toContain(REQUESTER);
    // In Spanish too.
    const es = await (await analyst.get(`/staff/records/export.html?from=${from}&to=${to}&lng=es`)).text();
    expect(es).toContain("Comunicaciones de la junta");
    expect(es).toContain(INSIDE);
  });

  it("includes named roll calls and meetings of the period (the demo's recent record)", async () => {
    const doc = await (await analyst.get(`/staff/records/export.html?from=${addDays(today, -120)}&to=${today}`)).text();
    const [{ n }] = (await db.execute<{ n: number }>(
      sql`select count(*)::int as n from ballots where mode = 'named' and opens_at < now() and coalesce(closed_at, greatest(closes_at, now())) >= now() - interval '120 days'`,
    )) as unknown as [{ n: number }];
    if (n > 0) expect(doc).toContain("Roll call");
    expect(doc).not.toMatch(/undefined|\[object Object\]/);
  });

  it("an invalid period goes back to the form, which says what is wrong", async () => {
    const r = await analyst.get(`/staff/records/export.html?from=${to}&to=${from}`);
    expect(r.status).toBe(302);
    const form = await analyst.get(r.headers.get("location")!);
    expect(form.status).toBe(400);
    expect(await form.text()).toContain("The end of the period must be on or after its start.");
  });

  it("is for office staff only: a board member and a resident get 403, a visitor is sent to sign in", async () => {
    const member = await clientFor("member1@demo.test");
    const resident = await clientFor("resident@demo.test");
    const visitor = await clientFor();
    for (const path of ["/staff/records", `/staff/records/${number}`, "/staff/records/export", `/staff/records/export.html?from=${from}&to=${to}`]) {
      expect((await member.get(path)).status, path).toBe(403);
      expect((await resident.get(path)).status, path).toBe(403);
      const v = await visitor.get(path);
      expect([302, 303, 401, 403, 404], path).toContain(v.status);
      expect(await v.text()).not.toContain(CONTACT);
    }
    const post = await member.post("/staff/records", {
      requesterName: "x",
      requesterContact: "y",
      description: "z",
      receivedAt: `${today}T09:00`,
      periodFrom: from,
      periodTo: to,
    });
    expect(post.status).toBe(403);
    const answer = await resident.post(`/staff/records/${number}`, { intent: "answer" });
    expect(answer.status).toBe(403);
  });

  it("never shows the requester's contact on a public page (searched, crawled, as visitor and board member)", async () => {
    const member = await clientFor("member1@demo.test");
    const visitor = await clientFor();
    const pages = [
      "/",
      "/briefs",
      "/meetings",
      "/analyses",
      "/analyses/pipeline",
      "/responses",
      "/dashboard",
      "/concerns",
      "/consultations",
      "/briefs.atom",
      "/meetings.ics",
    ];
    for (const q of ["records-requester-7f3a", "816-555-0199", "Quill"]) pages.push(`/search?q=${encodeURIComponent(q)}`);
    for (const client of [visitor, member]) {
      for (const path of pages) {
        const r = await client.get(path);
        // A search page repeats what was searched for: that echo is not a leak, anything else is.
        const q = new URL(path, "http://x").searchParams.get("q");
        const body = q ? (await r.text()).split(q).join("") : await r.text();
        expect(body, path).not.toContain("records-requester-7f3a");
        expect(body, path).not.toContain("816-555-0199");
        expect(body, path).not.toContain(REQUESTER);
        // Also the loader data a script would read.
        if (!path.includes(".")) {
          const data = await (await client.get(`${path}${path.includes("?") ? "&" : "?"}_data=root`)).text();
          expect(q ? data.split(q).join("") : data, path).not.toContain("records-requester-7f3a");
        }
      }
    }
  });
});
