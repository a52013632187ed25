import { and, desc, eq } from "drizzle-orm";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { db, getSql } from "~/db/client.server";
import { comments, emailOutbox, meetingAttendance, meetingRsvps, meetings, minutes, minutesRevisions, users } from "~/db/schema";
import {
  amendMinutes,
  circulateMinutes,
  createMeeting,
  publishMinutes,
  recordApproval,
  recordAttendance,
  saveMinutesDraft,
} from "~/modules/meetings/index.server";
import { richTextFromPlainText, type RichText } from "~/modules/richtext/index.server";
import { clientFor } from "../support/app";
import { DomainError } from "~/utils/errors";

const ctx = { origin: "http://portal.test", ip: null };

/** Text through the shared rich-text module, as the no-JavaScript textarea sends it. */
function rich(text: string): RichText {
  const result = richTextFromPlainText(text, "document");
  if (!result.ok) throw new Error(result.error);
  return result;
}

async function userId(email: string) {
  const [u] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return u!.id;
}

async function members() {
  return db.select({ id: users.id, email: users.email }).from(users).where(eq(users.role, "cab_member")).orderBy(users.email);
}

/** A held meeting with `present` of the 12 demo members present, and draft minutes circulated. */
async function circulatedMinutes(present: number, title = `Test meeting ${Math.random().toString(36).slice(2, 8)}`) {
  const staff = { id: await userId("analyst@demo.test") };
  const meeting = await createMeeting(
    staff,
    { title, mode: "in_person", place: "Room 1", startsAt: "2026-02-03T18:00", endsAt: "2026-02-03T20:00", isPublic: true, agenda: rich("Items") },
    ctx,
  );
  const all = await members();
  await recordAttendance(
    staff,
    meeting.id,
    all.map((m, i) => ({ userId: m.id, status: i < present ? ("present" as const) : ("absent" as const) })),
    ctx,
  );
  const { minutesId } = await saveMinutesDraft(staff, meeting.id, rich("The chair opened the meeting.\n\nThe board discussed the brief."), ctx);
  await circulateMinutes(staff, minutesId, ctx);
  return { staff, meeting, minutesId, all };
}

/** A roll call: the first members (present, in circulatedMinutes' order) vote support, then oppose, then abstain. */
function roll(all: { id: string }[], support: number, oppose = 0, abstain = 0) {
  const votes: Record<string, "support" | "oppose" | "abstain"> = {};
  all.slice(0, support + oppose + abstain).forEach((m, i) => {
    votes[m.id] = i < support ? "support" : i < support + oppose ? "oppose" : "abstain";
  });
  return votes;
}

function parseCalendar(text: string) {
  const root = new ICAL.Component(ICAL.parse(text));
  const events = root.getAllSubcomponents("vevent").map((c) => ({ component: c, event: new ICAL.Event(c) }));
  return { root, events };
}

describe("meetings: calendar files", () => {
  it("serves a meeting's .ics and the public feed in the county's time zone with the right instants", async () => {
    const staff = await clientFor("analyst@demo.test");
    const winter = await staff.post("/staff/meetings/new", {
      intent: "save",
      title: "Winter calendar check",
      mode: "hybrid",
      place: "Room 210",
      link: "https://meet.example.org/cab",
      startsAt: "2027-01-15T18:00",
      endsAt: "2027-01-15T20:30",
      isPublic: "on",
      agenda__text: "Budget; and, public comment",
    });
    expect(winter.status).toBe(302);
    const winterId = winter.headers.get("location")!.split("/")[3]!;
    const summer = await staff.post("/staff/meetings/new", {
      intent: "save",
      title: "Summer calendar check",
      mode: "online",
      link: "https://meet.example.org/cab",
      startsAt: "2027-07-15T18:00",
      endsAt: "2027-07-15T19:00",
      isPublic: "on",
    });
    const summerId = summer.headers.get("location")!.split("/")[3]!;

    // Stored as the right UTC instants: 18:00 CST = 00:00Z next day; 18:00 CDT = 23:00Z.
    const [w] = await db.select().from(meetings).where(eq(meetings.id, winterId));
    expect(w!.startsAt.toISOString()).toBe("2027-01-16T00:00:00.000Z");

    const visitor = await clientFor();
    const ics = await visitor.get(`/meetings/${winterId}/ics`);
    expect(ics.status).toBe(200);
    expect(ics.headers.get("content-type")).toMatch(/^text\/calendar/);
    const text = await ics.text();
    expect(text).toContain("DTSTART;TZID=America/Chicago:20270115T180000");
    const { root, events } = parseCalendar(text);
    const vtz = root.getFirstSubcomponent("vtimezone");
    expect(vtz?.getFirstPropertyValue("tzid")).toBe("America/Chicago");
    expect(events).toHaveLength(1);
    const { event, component } = events[0]!;
    expect(component.getFirstProperty("dtstart")!.getParameter("tzid")).toBe("America/Chicago");
    expect(event.summary).toBe("Winter calendar check");
    expect(event.startDate.toJSDate().toISOString()).toBe("2027-01-16T00:00:00.000Z");
    expect(event.endDate.toJSDate().toISOString()).toBe("2027-01-16T02:30:00.000Z");
    expect(event.uid).toBe(`meeting-${winterId}@cab-portal`);

    const feed = await visitor.get("/meetings.ics");
    expect(feed.status).toBe(200);
    const parsed = parseCalendar(await feed.text());
    expect(parsed.root.getFirstSubcomponent("vtimezone")?.getFirstPropertyValue("tzid")).toBe("America/Chicago");
    const byUid = new Map(parsed.events.map((e) => [e.event.uid, e]));
    const s = byUid.get(`meeting-${summerId}@cab-portal`)!;
    expect(s.component.getFirstProperty("dtstart")!.getParameter("tzid")).toBe("America/Chicago");
    expect(s.event.startDate.toJSDate().toISOString()).toBe("2027-07-15T23:00:00.000Z");
    expect(byUid.get(`meeting-${winterId}@cab-portal`)!.event.startDate.toJSDate().toISOString()).toBe("2027-01-16T00:00:00.000Z");
    // The seeded upcoming public meeting is in the feed too.
    expect(parsed.events.some((e) => e.event.summary === "Board meeting: open-air drug markets")).toBe(true);

    // Members were invited by email with the .ics attached.
    const [mail] = await db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.toAddress, "member1@demo.test"), eq(emailOutbox.template, "meeting_scheduled")))
      .orderBy(desc(emailOutbox.createdAt))
      .limit(1);
    expect(mail!.subject).toContain("Summer calendar check");
    const attached = Buffer.from(mail!.attachments[0]!.content, "base64").toString("utf8");
    expect(parseCalendar(attached).events[0]!.event.startDate.toJSDate().toISOString()).toBe("2027-07-15T23:00:00.000Z");
  });

  it("notifies members of a change and a cancellation, each with an updated .ics", async () => {
    const staff = await clientFor("analyst@demo.test");
    const created = await staff.post("/staff/meetings/new", {
      intent: "save",
      title: "Moving meeting",
      mode: "in_person",
      place: "Room 5",
      startsAt: "2027-03-01T18:00",
      endsAt: "2027-03-01T19:00",
      isPublic: "on",
    });
    const id = created.headers.get("location")!.split("/")[3]!;
    const edit = `/staff/meetings/${id}/edit`;
    const badItem = await staff.post(edit, { intent: "add-agenda-item", title: "Brief", subjectType: "brief", url: "https://evil.example/x" });
    expect(badItem.status).toBe(400);
    expect(
      (await staff.post(edit, { intent: "add-agenda-item", title: "The spring brief", subjectType: "brief", url: "/briefs/spring", label: "Spring brief" }))
        .status,
    ).toBe(302);
    // 2027-03-15 is after the DST change: 18:00 CDT = 23:00Z.
    const moved = await staff.post(edit, {
      intent: "save",
      title: "Moving meeting",
      mode: "in_person",
      place: "Room 6",
      startsAt: "2027-03-15T18:00",
      endsAt: "2027-03-15T19:00",
      isPublic: "on",
    });
    expect(moved.status).toBe(302);
    const mails = async (template: string) =>
      db
        .select()
        .from(emailOutbox)
        .where(and(eq(emailOutbox.toAddress, "member2@demo.test"), eq(emailOutbox.template, template)))
        .orderBy(desc(emailOutbox.createdAt));
    const [changed] = await mails("meeting_changed");
    expect(changed!.subject).toBe("Meeting changed: Moving meeting");
    const changedIcs = parseCalendar(Buffer.from(changed!.attachments[0]!.content, "base64").toString("utf8"));
    expect(changedIcs.events[0]!.event.startDate.toJSDate().toISOString()).toBe("2027-03-15T23:00:00.000Z");
    expect(changedIcs.events[0]!.component.getFirstPropertyValue("sequence")).toBe(1);
    const page = await (await clientFor()).get(`/meetings/${id}`);
    expect(await page.text()).toContain('href="/briefs/spring"');

    expect((await staff.post(edit, { intent: "cancel", reason: "Room unavailable" })).status).toBe(302);
    const [cancelled] = await mails("meeting_cancelled");
    const cancelledIcs = Buffer.from(cancelled!.attachments[0]!.content, "base64").toString("utf8");
    expect(cancelledIcs).toContain("METHOD:CANCEL");
    expect(parseCalendar(cancelledIcs).events[0]!.component.getFirstPropertyValue("status")).toBe("CANCELLED");
    const member = await clientFor("member2@demo.test");
    expect((await member.post(`/meetings/${id}`, { intent: "rsvp", response: "yes" })).status).toBe(400);
  });

  it("keeps a non-public meeting out of the feed and away from visitors", async () => {
    const staff = { id: await userId("analyst@demo.test") };
    const m = await createMeeting(
      staff,
      { title: "Closed session", mode: "in_person", place: "Room 3", startsAt: "2027-02-01T12:00", endsAt: "2027-02-01T13:00", isPublic: false },
      ctx,
    );
    const visitor = await clientFor();
    expect((await visitor.get(`/meetings/${m.id}`)).status).toBe(404);
    expect((await visitor.get(`/meetings/${m.id}/ics`)).status).toBe(404);
    expect(await (await visitor.get("/meetings.ics")).text()).not.toContain(m.id);
    const member = await clientFor("member2@demo.test");
    expect((await member.get(`/meetings/${m.id}`)).status).toBe(200);
  });
});

describe("meetings: minutes are published only on an approval that met quorum", () => {
  it("refuses to publish after a vote without quorum, in the service, over HTTP and in the database", async () => {
    const { staff, meeting, minutesId, all: present } = await circulatedMinutes(3); // 3 of 12 present: no quorum
    const approval = await recordApproval(staff, minutesId, { votedAtMeetingId: meeting.id, votes: roll(present, 3) }, ctx);
    expect(approval.quorumMet).toBe(false);
    expect(approval.passed).toBe(false);

    await expect(publishMinutes(staff, minutesId, ctx)).rejects.toMatchObject({ key: "meetings:errors.noPassingApproval" });

    const client = await clientFor("analyst@demo.test");
    const r = await client.post(`/staff/meetings/${meeting.id}/minutes`, { intent: "publish" });
    expect(r.status).toBe(400);
    expect(await r.text()).toContain("no approval vote on the current text met quorum");

    const sql = getSql();
    // A direct write that points at the failing approval is refused by the trigger…
    await expect(sql`update minutes set status = 'approved', approval_id = ${approval.id}, published_at = now() where id = ${minutesId}`).rejects.toThrow(
      /did not meet quorum/,
    );
    // …one with no approval at all by the CHECK constraint…
    await expect(sql`update minutes set status = 'approved', published_at = now() where id = ${minutesId}`).rejects.toThrow(
      /minutes_approved_has_approval|approval/,
    );
    // …and an approval row claiming a quorum its counts do not show cannot be written.
    await expect(
      sql`insert into minutes_approvals (minutes_id, revision_id, voted_at_meeting_id, support, oppose, abstain, present_count, eligible_count, quorum_percent, quorum_met, passed)
          select id, current_revision_id, meeting_id, 3, 0, 0, 3, 12, 50, true, true from minutes where id = ${minutesId}`,
    ).rejects.toThrow(/minutes_approvals_quorum_met/);
    const [row] = await db.select().from(minutes).where(eq(minutes.id, minutesId));
    expect(row!.status).toBe("circulated");

    // A failed vote is history: it cannot be rewritten into a pass.
    await expect(sql`update minutes_approvals set present_count = 12, quorum_met = true, passed = true where id = ${approval.id}`).rejects.toThrow(
      /append-only/,
    );

    // With a later meeting where quorum is present, the vote passes and the minutes are published.
    const later = await createMeeting(
      staff,
      { title: "Later meeting", mode: "online", link: "https://meet.example.org/x", startsAt: "2026-03-03T18:00", endsAt: "2026-03-03T19:00", isPublic: true },
      ctx,
    );
    const all = await members();
    await recordAttendance(
      staff,
      later.id,
      all.map((m, i) => ({ userId: m.id, status: i < 7 ? ("present" as const) : ("excused" as const) })),
      ctx,
    );
    const ok = await recordApproval(staff, minutesId, { votedAtMeetingId: later.id, votes: roll(all, 6, 1) }, ctx);
    expect(ok).toMatchObject({ quorumMet: true, passed: true, presentCount: 7, eligibleCount: 12 });
    await publishMinutes(staff, minutesId, ctx);
    const visitorPage = await (await clientFor()).get(`/meetings/${meeting.id}`);
    const html = await visitorPage.text();
    expect(html).toContain("The board discussed the brief.");
    expect(html).toContain("6 in favor, 1 against, 0 abstaining");
    expect(html).toContain("7 of 12 members present");
    // The approval was a roll call: each member's vote is in the public record, by name.
    const main = /<main[^>]*>([\s\S]*)<\/main>/.exec(html)![1]!;
    // Names are marked as user content (their own element): read the text, not the tags.
    const text = (h: string) => h.replace(/<[^>]+>/g, "");
    const names = new Map((await db.select({ id: users.id, name: users.displayName }).from(users)).map((u) => [u.id, u.name]));
    expect(main).toContain("Roll call");
    expect(text(main)).toContain(`${names.get(all[0]!.id)}: In favor`);
    expect(text(main)).toContain(`${names.get(all[6]!.id)}: Against`);
    // Excused from the later meeting: not on its roll call (this meeting's record of proceedings lists its own absentees by name).
    const approvalRecord = /<section aria-labelledby="approval-heading">([\s\S]*?)<\/section>/.exec(main)![1]!;
    expect(text(approvalRecord)).toContain(`${names.get(all[0]!.id)}: In favor`);
    expect(approvalRecord).not.toContain(names.get(all[7]!.id));
  });

  it("refuses a vote at an earlier meeting or with more votes than members present", async () => {
    const { staff, meeting, minutesId, all } = await circulatedMinutes(6);
    await expect(recordApproval(staff, minutesId, { votedAtMeetingId: meeting.id, votes: roll(all, 6, 1) }, ctx)).rejects.toMatchObject({
      key: "meetings:errors.voterNotPresent",
    });
    const earlier = await createMeeting(
      staff,
      { title: "Earlier", mode: "online", link: "https://meet.example.org/e", startsAt: "2026-01-05T18:00", endsAt: "2026-01-05T19:00", isPublic: true },
      ctx,
    );
    await recordAttendance(
      staff,
      earlier.id,
      all.map((m) => ({ userId: m.id, status: "present" as const })),
      ctx,
    );
    await expect(recordApproval(staff, minutesId, { votedAtMeetingId: earlier.id, votes: roll(all, 12) }, ctx)).rejects.toMatchObject({
      key: "meetings:errors.voteMeetingEarlier",
    });
    const client = await clientFor("analyst@demo.test");
    const r = await client.post(`/staff/meetings/${meeting.id}/minutes`, {
      intent: "record-approval",
      votedAtMeetingId: meeting.id,
      ...Object.fromEntries(Object.entries(roll(all, 7)).map(([id, choice]) => [`votes.${id}`, choice])),
    });
    expect(r.status).toBe(400);
    expect(await r.text()).toContain("was not present at the meeting where the vote was held");
  });
});

describe("meetings: approved minutes change only through an amendment", () => {
  it("refuses edits of revision rows and draft saves; an amendment is a new revision with a reason", async () => {
    const { staff, meeting, minutesId, all } = await circulatedMinutes(8);
    await recordApproval(staff, minutesId, { votedAtMeetingId: meeting.id, votes: roll(all, 8) }, ctx);
    await publishMinutes(staff, minutesId, ctx);
    const sql = getSql();
    const [first] = await db.select().from(minutesRevisions).where(eq(minutesRevisions.minutesId, minutesId));

    await expect(sql`update minutes_revisions set body_html = '<p>silently changed</p>' where id = ${first!.id}`).rejects.toThrow(/append-only/);
    await expect(sql`delete from minutes_revisions where id = ${first!.id}`).rejects.toThrow(/append-only/);
    // A plain (non-amendment) revision cannot be added to approved minutes, nor an amendment without a reason.
    await expect(
      sql`insert into minutes_revisions (minutes_id, number, kind, body_doc, body_html, body_text) values (${minutesId}, 99, 'draft', '{"type":"doc"}', '<p>x</p>', 'x')`,
    ).rejects.toThrow(/amendment/);
    await expect(
      sql`insert into minutes_revisions (minutes_id, number, kind, body_doc, body_html, body_text, reason) values (${minutesId}, 99, 'amendment', '{"type":"doc"}', '<p>x</p>', 'x', '  ')`,
    ).rejects.toThrow(/minutes_revisions_amendment_reason/);
    await expect(sql`update minutes set status = 'circulated' where id = ${minutesId}`).rejects.toThrow(/stay approved/);
    await expect(saveMinutesDraft(staff, meeting.id, rich("Rewritten"), ctx)).rejects.toMatchObject({ key: "meetings:errors.approvedUseAmendment" });

    const client = await clientFor("analyst@demo.test");
    const noReason = await client.post(`/staff/meetings/${meeting.id}/minutes`, { intent: "amend", body__text: "Corrected text", reason: "" });
    expect(noReason.status).toBe(400);

    const amended = await amendMinutes(
      staff,
      minutesId,
      rich("The chair opened the meeting at 6:10 p.m.\n\nThe board discussed the <brief>."),
      "Corrected the opening time",
      ctx,
    );
    expect(amended).toMatchObject({ number: 2, kind: "amendment", reason: "Corrected the opening time" });
    const revisions = await db.select().from(minutesRevisions).where(eq(minutesRevisions.minutesId, minutesId)).orderBy(minutesRevisions.number);
    expect(revisions.map((r) => r.number)).toEqual([1, 2]);
    expect(revisions[0]!.bodyText).toBe("The chair opened the meeting.\nThe board discussed the brief.");

    const page = await (await clientFor()).get(`/meetings/${meeting.id}`);
    const html = await page.text();
    expect(html).toContain("6:10 p.m.");
    expect(html).toContain("the &lt;brief&gt;."); // text is escaped, never trusted as HTML
    expect(html).toContain("Corrected the opening time");
  });
});

describe("meetings: permissions and input", () => {
  it("answers a repeated or unknown intent on a new meeting with a clear 400 and writes nothing", async () => {
    // Found by the hostile-input fuzz: intent=save&intent= failed the schema on a field the form does not show.
    const staff = await clientFor("analyst@demo.test");
    const title = `Repeated intent ${Date.now().toString(36)}`;
    for (const intents of [["save", ""], ["publish"]]) {
      const body = new URLSearchParams([
        ...intents.map((i) => ["intent", i]),
        ["title", title],
        ["mode", "online"],
        ["startsAt", "2027-01-12T18:00"],
        ["endsAt", "2027-01-12T19:00"],
      ]);
      const r = await staff.post("/staff/meetings/new", body);
      expect(r.status, intents.join(",")).toBe(400);
      expect(await r.text()).toMatch(/class="error-page"|role="alert"/);
    }
    expect(await db.select().from(meetings).where(eq(meetings.title, title))).toEqual([]);
  });

  it("sends a visitor to login and gives a resident 403 on staff pages and RSVP", async () => {
    const [upcoming] = await db.select().from(meetings).where(eq(meetings.title, "Board meeting: open-air drug markets"));
    const visitor = await clientFor();
    for (const path of [
      "/staff/meetings",
      "/staff/meetings/new",
      `/staff/meetings/${upcoming!.id}/edit`,
      `/staff/meetings/${upcoming!.id}/attendance`,
      `/staff/meetings/${upcoming!.id}/minutes`,
    ]) {
      const r = await visitor.get(path);
      expect(r.status, path).toBe(302);
      expect(r.headers.get("location")).toBe(`/login?redirectTo=${encodeURIComponent(path)}`);
    }
    const rsvp = await visitor.post(`/meetings/${upcoming!.id}`, { intent: "rsvp", response: "yes" });
    expect(rsvp.status).toBe(302);
    expect(rsvp.headers.get("location")).toMatch(/^\/login/);

    const resident = await clientFor("resident@demo.test");
    expect((await resident.get("/staff/meetings/new")).status).toBe(403);
    expect((await resident.get(`/staff/meetings/${upcoming!.id}/attendance`)).status).toBe(403);
    expect((await resident.post(`/staff/meetings/${upcoming!.id}/attendance`, { [`status-${await userId("member1@demo.test")}`]: "present" })).status).toBe(
      403,
    );
    expect((await resident.post(`/meetings/${upcoming!.id}`, { intent: "rsvp", response: "yes" })).status).toBe(403);

    const member = await clientFor("member4@demo.test");
    expect((await member.get(`/staff/meetings/${upcoming!.id}/minutes`)).status).toBe(403);
    const ok = await member.post(`/meetings/${upcoming!.id}`, { intent: "rsvp", response: "maybe" });
    expect(ok.status).toBe(302);
    const again = await member.post(`/meetings/${upcoming!.id}`, { intent: "rsvp", response: "yes" });
    expect(again.status).toBe(302);
    const rows = await db
      .select()
      .from(meetingRsvps)
      .where(and(eq(meetingRsvps.meetingId, upcoming!.id), eq(meetingRsvps.userId, await userId("member4@demo.test"))));
    expect(rows.map((r) => r.response)).toEqual(["yes"]);
  });

  it("answers malformed input with 400 and field errors, never 500", async () => {
    const staff = await clientFor("analyst@demo.test");
    const empty = await staff.post("/staff/meetings/new", {});
    expect(empty.status).toBe(400);
    const emptyHtml = await empty.text();
    expect(emptyHtml).toContain("field-errors");
    expect(emptyHtml).toContain("This field is required.");

    const bad = await staff.post("/staff/meetings/new", {
      title: "x",
      mode: "online",
      startsAt: "2027-02-30T18:00",
      endsAt: "yesterday",
      link: "javascript:alert(1)",
    });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain("Enter a date and time like");
    expect(badHtml).toContain("Enter a web address starting with https://.");
    expect(badHtml).toContain('value="x"'); // keeps what was typed

    const order = await staff.post("/staff/meetings/new", { title: "Order", mode: "in_person", startsAt: "2027-02-03T18:00", endsAt: "2027-02-03T17:00" });
    expect(order.status).toBe(400);
    const orderHtml = await order.text();
    expect(orderHtml).toContain("The end must be after the start.");
    expect(orderHtml).toContain("Enter the place for an in-person or hybrid meeting.");

    const huge = await staff.post("/staff/meetings/new", { title: "t".repeat(100_000), mode: "zzz", startsAt: "1", endsAt: "2" });
    expect(huge.status).toBe(400);

    const [upcoming] = await db.select().from(meetings).where(eq(meetings.title, "Board meeting: open-air drug markets"));
    const member = await clientFor("member6@demo.test");
    const rsvp = await member.post(`/meetings/${upcoming!.id}`, { intent: "rsvp", response: "bogus" });
    expect(rsvp.status).toBe(400);
    expect(await rsvp.text()).toContain("Choose yes, no or maybe.");
    const noIntent = await member.post(`/meetings/${upcoming!.id}`, { response: "yes" });
    expect(noIntent.status).toBe(400);

    const minutesPage = `/staff/meetings/${upcoming!.id}/minutes`;
    const counts = await staff.post(minutesPage, { intent: "record-approval", votedAtMeetingId: "not-a-uuid", "votes.someone": "maybe" });
    expect(counts.status).toBe(400);
    expect(await counts.text()).toContain("This value is not valid.");
    const attendance = await staff.post(`/staff/meetings/${upcoming!.id}/attendance`, { [`status-${await userId("member1@demo.test")}`]: "asleep" });
    expect(attendance.status).toBe(400);
    // Without JavaScript "Fill in: everyone present" comes back with every member marked present, and saves nothing.
    const filled = await staff.post(`/staff/meetings/${upcoming!.id}/attendance`, { intent: "all-present" });
    expect(filled.status).toBe(200);
    const radios = [...(await filled.text()).matchAll(/<input type="radio"[^>]*>/g)].map((m) => m[0]);
    const present = radios.filter((r) => r.includes('value="present"'));
    expect(present.length).toBeGreaterThan(0);
    expect(present.every((r) => /\bchecked\b/.test(r))).toBe(true);
    expect(radios.filter((r) => !r.includes('value="present"')).some((r) => /\bchecked\b/.test(r))).toBe(false);
    expect(await db.select().from(meetingAttendance).where(eq(meetingAttendance.meetingId, upcoming!.id))).toHaveLength(0);
    const json = await staff.request("/staff/meetings/new", { method: "POST", body: "{nope", headers: { "Content-Type": "application/json" } });
    expect(json.status).toBe(400);
    expect((await staff.get("/meetings/not-a-uuid")).status).toBe(404);
  });

  it("shows circulated minutes to members only, and takes corrections only from those who attended", async () => {
    // This title once made the Spanish email's HTML carry NUL bytes (an email renderer quirk) and the circulation fail.
    const { meeting, all } = await circulatedMinutes(5, "E2E board meeting mwq0jiw2");
    const visitor = await clientFor();
    expect(await (await visitor.get(`/meetings/${meeting.id}`)).text()).not.toContain("The board discussed the brief.");
    const attendee = await clientFor(all[0]!.email);
    const page = await (await attendee.get(`/meetings/${meeting.id}`)).text();
    expect(page).toContain("The board discussed the brief.");
    expect(page).toContain('value="propose-correction"');
    const r = await attendee.post(`/meetings/${meeting.id}`, { intent: "propose-correction", text: "I arrived late." });
    expect(r.status).toBe(302);
    const absent = await clientFor(all[11]!.email);
    const absentPage = await (await absent.get(`/meetings/${meeting.id}`)).text();
    expect(absentPage).toContain("The board discussed the brief."); // members read circulated minutes…
    expect(absentPage).not.toContain('value="propose-correction"'); // …but only attendees correct them
    expect((await absent.post(`/meetings/${meeting.id}`, { intent: "propose-correction", text: "Sneaky" })).status).toBe(403);
  });
});

describe("meetings: agenda and minutes go through the shared rich-text module", () => {
  it("takes the editor's JSON or the no-JavaScript text, refuses unsafe or broken input with 400, keeps what was typed", async () => {
    const staff = await clientFor("analyst@demo.test");
    const base = {
      intent: "save",
      mode: "online",
      link: "https://meet.example.org/rt",
      startsAt: "2027-05-04T18:00",
      endsAt: "2027-05-04T19:00",
      isPublic: "on",
    };
    const doc = {
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Order of business" }] },
        { type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "Welcome <script>" }] }] }] },
      ],
    };
    const created = await staff.post("/staff/meetings/new", { ...base, title: "Rich agenda", agenda: JSON.stringify(doc) });
    expect(created.status).toBe(302);
    const id = created.headers.get("location")!.split("/")[3]!;
    const [row] = await db.select().from(meetings).where(eq(meetings.id, id));
    expect(row!.agendaHtml).toBe("<h2>Order of business</h2><ul><li><p>Welcome &lt;script&gt;</p></li></ul>");
    expect(row!.agendaText).toBe("Order of business\nWelcome <script>");

    // A javascript: link and unknown node types are refused, as field errors, with the typed fields kept.
    const badLink = {
      type: "doc",
      content: [{ type: "paragraph", content: [{ type: "text", text: "x", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] }] }],
    };
    const refused = await staff.post("/staff/meetings/new", { ...base, title: "Unsafe agenda", agenda: JSON.stringify(badLink) });
    expect(refused.status).toBe(400);
    const refusedHtml = await refused.text();
    expect(refusedHtml).toContain("Links must start with https://, http:// or mailto:.");
    expect(refusedHtml).toContain('value="Unsafe agenda"');
    const unknown = await staff.post("/staff/meetings/new", {
      ...base,
      title: "Odd agenda",
      agenda: JSON.stringify({ type: "doc", content: [{ type: "iframe" }] }),
    });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain("formatting that is not allowed");
    expect((await staff.post("/staff/meetings/new", { ...base, title: "Broken agenda", agenda: "{nope" })).status).toBe(400);
    // Without JavaScript a schema error elsewhere keeps the agenda's text in the textarea.
    const kept = await staff.post("/staff/meetings/new", { ...base, title: "", agenda__text: "Typed without JavaScript" });
    expect(kept.status).toBe(400);
    expect(await kept.text()).toContain("Typed without JavaScript</textarea>");

    // The edit page starts from the stored text; a blank agenda clears it.
    const edit = await (await staff.get(`/staff/meetings/${id}/edit`)).text();
    expect(edit).toMatch(/name="agenda__text"[^>]*>Order of business\nWelcome &lt;script&gt;<\/textarea>/);
    expect((await staff.post(`/staff/meetings/${id}/edit`, { ...base, title: "Rich agenda", agenda__text: "" })).status).toBe(302);
    const [cleared] = await db.select().from(meetings).where(eq(meetings.id, id));
    expect(cleared!.agendaHtml).toBe("");
  });

  it("saves minutes from either input, refuses empty or broken text, and never stores control characters", async () => {
    const staffUser = { id: await userId("analyst@demo.test") };
    const meeting = await createMeeting(
      staffUser,
      { title: "Rich minutes", mode: "in_person", place: "Room 9", startsAt: "2026-02-10T18:00", endsAt: "2026-02-10T19:00", isPublic: true },
      ctx,
    );
    const all = await members();
    await recordAttendance(
      staffUser,
      meeting.id,
      all.map((m) => ({ userId: m.id, status: "present" as const })),
      ctx,
    );
    const staff = await clientFor("analyst@demo.test");
    const page = `/staff/meetings/${meeting.id}/minutes`;
    const empty = await staff.post(page, { intent: "save-draft", body__text: "   " });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("This field is required.");
    expect((await staff.post(page, { intent: "save-draft", body: "[1,2" })).status).toBe(400);
    expect((await staff.post(page, { intent: "save-draft", body__text: "Opened at six.\u0000\u0007\n\nClosed at seven." })).status).toBe(302);
    const [revision] = await db
      .select()
      .from(minutesRevisions)
      .innerJoin(minutes, eq(minutes.id, minutesRevisions.minutesId))
      .where(eq(minutes.meetingId, meeting.id));
    expect(revision!.minutes_revisions.bodyHtml).toBe("<p>Opened at six.</p><p>Closed at seven.</p>");
    const doc = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Bold move", marks: [{ type: "bold" }] }] }] };
    expect((await staff.post(page, { intent: "save-draft", body: JSON.stringify(doc) })).status).toBe(302);
    const revisions = await db
      .select()
      .from(minutesRevisions)
      .innerJoin(minutes, eq(minutes.id, minutesRevisions.minutesId))
      .where(eq(minutes.meetingId, meeting.id))
      .orderBy(desc(minutesRevisions.number));
    expect(revisions.map((r) => r.minutes_revisions.bodyHtml)).toEqual(["<p><strong>Bold move</strong></p>", "<p>Opened at six.</p><p>Closed at seven.</p>"]);
    // The page's editor starts from the current revision's text.
    expect(await (await staff.get(page)).text()).toMatch(/name="body__text"[^>]*>Bold move<\/textarea>/);
  });
});

describe("meetings: the board discusses a meeting in comments", () => {
  it("lets a member comment on a meeting; a visitor is sent to sign in and a resident is refused", async () => {
    const [upcoming] = await db.select().from(meetings).where(eq(meetings.title, "Board meeting: open-air drug markets"));
    const id = upcoming!.id;
    const onMeeting = () =>
      db
        .select()
        .from(comments)
        .where(and(eq(comments.subjectType, "meeting"), eq(comments.subjectId, id)));
    const before = (await onMeeting()).length;

    const member = await clientFor("member3@demo.test");
    expect(await (await member.get(`/meetings/${id}`)).text()).toContain('value="comment.create"');
    const posted = await member.post(`/meetings/${id}`, { intent: "comment.create", body__text: "I will bring the neighborhood survey results." });
    expect(posted.status).toBe(302);
    expect(posted.headers.get("location")).toMatch(new RegExp(`^/meetings/${id}(\\?cpage=\\d+)?#comment-`));
    const rows = await onMeeting();
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)!.bodyHtml).toBe("<p>I will bring the neighborhood survey results.</p>");

    // A public meeting's discussion is readable by anyone, but only members and staff write.
    const visitor = await clientFor();
    const page = await (await visitor.get(`/meetings/${id}`)).text();
    expect(page).toContain("I will bring the neighborhood survey results.");
    expect(page).not.toContain('value="comment.create"');
    const anonymous = await visitor.post(`/meetings/${id}`, { intent: "comment.create", body__text: "Drive-by comment" });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/^\/login/);
    const resident = await clientFor("resident@demo.test");
    expect((await resident.post(`/meetings/${id}`, { intent: "comment.create", body__text: "Resident comment" })).status).toBe(403);
    expect(await onMeeting()).toHaveLength(before + 1);

    // A closed session's discussion is not even reachable for someone who cannot see the meeting.
    const closed = await createMeeting(
      { id: await userId("analyst@demo.test") },
      { title: "Closed discussion", mode: "in_person", place: "Room 4", startsAt: "2027-06-01T12:00", endsAt: "2027-06-01T13:00", isPublic: false },
      ctx,
    );
    expect((await visitor.post(`/meetings/${closed.id}`, { intent: "comment.create", body__text: "Sneaky" })).status).toBe(404);
  });
});

describe("replies to a meeting", () => {
  it("asks “Will you attend?” only before the meeting starts; a held or started meeting shows the replies it had and refuses new ones", async () => {
    const member = await clientFor("member8@demo.test");
    const [upcoming] = await db.select().from(meetings).where(eq(meetings.title, "Board meeting: open-air drug markets"));
    const [held] = await db.select().from(meetings).where(eq(meetings.title, "Board meeting: response times to resident concerns"));
    expect(held!.status).toBe("held");
    const before = await (await member.get(`/meetings/${upcoming!.id}`)).text();
    expect(before).toContain("Will you attend?");
    expect(before).toContain('name="response"');

    // Started an hour ago and nobody has marked it held yet: still no question.
    const [started] = await db
      .insert(meetings)
      .values({
        title: "Started meeting",
        mode: "online",
        link: "https://meet.example.org/x",
        startsAt: new Date(Date.now() - 3600_000),
        endsAt: new Date(Date.now() + 3600_000),
      })
      .returning();
    for (const m of [held!, started!]) {
      const html = await (await member.get(`/meetings/${m.id}`)).text();
      expect(html, m.title).not.toContain("Will you attend?");
      expect(html, m.title).not.toContain('name="response"');
      expect(html, m.title).toContain("Replies before the meeting");
      const late = await member.post(`/meetings/${m.id}`, { intent: "rsvp", response: "yes" });
      expect(late.status, m.title).toBe(400);
    }
    expect(await (await member.post(`/meetings/${started!.id}`, { intent: "rsvp", response: "yes" })).text()).toContain(
      "The meeting has started: replies are closed.",
    );
    const rows = await db
      .select()
      .from(meetingRsvps)
      .where(eq(meetingRsvps.userId, await userId("member8@demo.test")));
    expect(rows.filter((r) => r.meetingId === held!.id || r.meetingId === started!.id)).toEqual([]);
  });
});
