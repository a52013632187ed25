import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { emailOutbox, users } from "~/db/schema";
import {
  approveClosedMinutes,
  closedMinutesFor,
  createMeeting,
  getProceedings,
  recordAttendance,
  recordMotion,
  saveClosedMinutes,
  saveMinutesDraft,
  circulateMinutes,
  recordApproval,
  publishMinutes,
} from "~/modules/meetings/index.server";
import { openAnalysisVote, proposeAnalysis, voteOnAnalysis } from "~/modules/analyses/index.server";
import { richTextFromPlainText } from "~/modules/richtext/index.server";
import { closeBallot } from "~/modules/voting/index.server";
import { addHoliday, countyHolidays, noticeDeadline, recordsDueDate, sunshineRules } from "~/modules/sunshine/index.server";
import { countedHoursBefore, countyTimeToDate, toCountyDateTimeValue, weekday } from "~/utils/clock";
import { DomainError } from "~/utils/errors";
import { clientFor } from "../support/app";

const ctx = { origin: "http://portal.test", ip: null };

function rich(text: string) {
  const r = richTextFromPlainText(text, "document");
  if (!r.ok) throw new Error(r.error);
  return r;
}

async function userId(email: string) {
  const [u] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return u!.id;
}

async function boardMembers() {
  return db.select({ id: users.id, name: users.displayName }).from(users).where(eq(users.role, "cab_member")).orderBy(users.email);
}

async function refusalOf(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error("expected a refusal");
}

/** A county wall time `hours` from now, to the minute (a datetime-local value). */
const fromNow = (hours: number) => toCountyDateTimeValue(new Date(Date.now() + hours * 3_600_000));

describe("notice deadline (Sunshine rules)", () => {
  it("starts from the Missouri defaults", async () => {
    const rules = await sunshineRules();
    expect(rules).toMatchObject({ noticeHours: 24, weekendsCount: false, holidaysCount: false, recordsBusinessDays: 3 });
    // The calendar holds the federal and Missouri holidays, Truman Day included.
    expect(await countyHolidays("2027-05-01", "2027-05-31")).toEqual(["2027-05-07", "2027-05-31"]); // May 8, 2027 is a Saturday
    expect(await countyHolidays("2028-05-08", "2028-05-08")).toEqual(["2028-05-08"]);
  });

  it("a Monday 10:00 meeting with the Friday a holiday needs notice by the Thursday 10:00", async () => {
    const monday = "2029-03-12";
    expect(weekday(monday)).toBe(1);
    const start = countyTimeToDate(monday, "10:00");
    // Pure clock: weekends only, then with the Friday a holiday.
    expect(countedHoursBefore(start, 24)).toEqual(countyTimeToDate("2029-03-09", "10:00"));
    expect(countedHoursBefore(start, 24, { holidays: ["2029-03-09"] })).toEqual(countyTimeToDate("2029-03-08", "10:00"));
    // Through the admin calendar: the sunshine module reads the holiday from it.
    expect(await noticeDeadline(start)).toEqual(countyTimeToDate("2029-03-09", "10:00"));
    await addHoliday({ id: await userId("admin@demo.test") }, { day: "2029-03-09", nameEn: "Test holiday", nameEs: "Festivo de prueba" });
    expect(await noticeDeadline(start)).toEqual(countyTimeToDate("2029-03-08", "10:00"));
    // A Tuesday 18:00 meeting after a holiday Monday: Friday 18:00.
    expect(await noticeDeadline(countyTimeToDate("2029-09-04", "18:00"))).toEqual(countyTimeToDate("2029-08-31", "18:00")); // Labor Day 2029-09-03
  });

  it("the records clock skips weekends and holidays", async () => {
    // Received the day before Thanksgiving 2027: Thu (holiday), Fri, Mon, Tue → due Tuesday.
    expect(await recordsDueDate(countyTimeToDate("2027-11-24", "15:00"))).toBe("2027-11-30");
    expect(await recordsDueDate(countyTimeToDate("2027-12-03", "09:00"))).toBe("2027-12-08"); // a Friday
  });
});

describe("notice of a meeting", () => {
  it("records when notice was posted and the deadline it met; the public page shows it", async () => {
    const staff = await clientFor("analyst@demo.test");
    const created = await staff.post("/staff/meetings/new", {
      intent: "save",
      title: "Notice check meeting",
      mode: "online",
      link: "https://meet.example.org/cab-notice",
      startsAt: fromNow(24 * 10),
      endsAt: fromNow(24 * 10 + 2),
      isPublic: "on",
      agenda__text: "Tentative agenda: response times",
    });
    expect(created.status).toBe(302);
    const id = created.headers.get("location")!.split("/")[3]!;
    const visitor = await clientFor();
    const data = (await (await visitor.get(`/meetings/${id}?_data=routes%2Fmeetings.%24id`)).json()) as {
      notice: { postedAt: string | null; deadline: string | null; late: boolean; shortNoticeReason: string | null };
    };
    expect(data.notice.postedAt).toBeTruthy();
    expect(data.notice.deadline).toBeTruthy();
    expect(data.notice.late).toBe(false);
    const html = await (await visitor.get(`/meetings/${id}`)).text();
    expect(html).toContain(`Notice posted ${data.notice.postedAt}`);
    expect(html).toContain(`It met the deadline of ${data.notice.deadline}`);
    // The calendar feed carries the notice too.
    const ics = await (await visitor.get(`/meetings/${id}/ics`)).text();
    expect(ics.replace(/\r\n[ \t]/g, "")).toMatch(/Public notice posted \d{4}-\d\d-\d\d \d\d:\d\d/);
  });

  it("scheduling too late needs a short-notice reason, which the notice and the minutes show", async () => {
    const staff = { id: await userId("analyst@demo.test") };
    const input = { title: "Short notice meeting", mode: "in_person" as const, place: "Room 3", startsAt: fromNow(3), endsAt: fromNow(5), isPublic: true };
    const refused = await refusalOf(createMeeting(staff, input, ctx));
    expect(refused.key).toBe("meetings:errors.shortNoticeReasonRequired");
    expect(refused.field).toBe("shortNoticeReason");

    // Through the form: a field error a person understands, what they typed kept.
    const client = await clientFor("analyst@demo.test");
    const form = {
      intent: "save",
      title: "Short notice meeting",
      mode: "in_person",
      place: "Room 3",
      startsAt: fromNow(3),
      endsAt: fromNow(5),
      isPublic: "on",
    };
    const page = await client.post("/staff/meetings/new", form);
    expect(page.status).toBe(400);
    const text = await page.text();
    expect(text).toContain("This notice is late under the open-meetings rules");
    expect(text).toContain('value="Room 3"');

    const ok = await client.post("/staff/meetings/new", { ...form, shortNoticeReason: "Emergency session on the shooting near 35th St" });
    expect(ok.status).toBe(302);
    const id = ok.headers.get("location")!.split("/")[3]!;
    const html = await (await clientFor()).get(`/meetings/${id}`);
    const publicText = await html.text();
    expect(publicText).toContain("Short notice:");
    expect(publicText).toContain("Emergency session on the shooting near 35th St");
    expect(publicText).toContain("this meeting was held on short notice");
    const proceedings = await getProceedings(id);
    expect(proceedings!.notice.shortNoticeReason).toBe("Emergency session on the shooting near 35th St");
    // The members' notice emails say it is short notice, and why, each in the member's language.
    const emails = await db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.template, "meeting_scheduled"), sql`${emailOutbox.text} like ${"%Emergency session on the shooting near 35th St%"}`));
    expect(emails.find((e) => e.locale === "en")?.text).toContain("It is called on short notice, because: Emergency session");
    expect(emails.find((e) => e.locale === "es")?.text).toContain("Se convoca con poca antelación, por este motivo: Emergency session");
  });

  it("a closed portion needs a listed exception", async () => {
    const staff = { id: await userId("analyst@demo.test") };
    const base = {
      title: "Closed portion check",
      mode: "in_person" as const,
      place: "Room 4",
      startsAt: fromNow(24 * 12),
      endsAt: fromNow(24 * 12 + 2),
      isPublic: true,
    };
    const refused = await refusalOf(createMeeting(staff, { ...base, closedExceptionCode: "610.021(99)", closedTopic: "Anything we like" }, ctx));
    expect(refused.key).toBe("meetings:errors.exceptionNotListed");
    const client = await clientFor("analyst@demo.test");
    const noTopic = await client.post("/staff/meetings/new", {
      intent: "save",
      ...base,
      isPublic: "on",
      startsAt: base.startsAt,
      endsAt: base.endsAt,
      closedExceptionCode: "610.021(1)",
    });
    expect(noTopic.status).toBe(400);
    expect(await noTopic.text()).toContain("Say what the closed portion is about.");
    const meeting = await createMeeting(staff, { ...base, closedExceptionCode: "610.021(1)", closedTopic: "Advice from counsel on a pending lawsuit" }, ctx);
    expect(meeting.closedExceptionCode).toBe("610.021(1)");
  });
});

describe("roll call, minutes and closed sessions", () => {
  const PLANTED = "Zanzibarquux";
  // Searches ask for a part of the word, so a page repeating the query cannot pass for a leak.
  const PART = "anzibarqu";

  async function heldMeeting(closed: boolean) {
    const staff = { id: await userId("analyst@demo.test") };
    const meeting = await createMeeting(
      staff,
      {
        title: `Roll call meeting ${Math.random().toString(36).slice(2, 7)}`,
        mode: "in_person",
        place: "Room 210, 415 E 12th St",
        startsAt: "2026-10-06T18:00",
        endsAt: "2026-10-06T20:00",
        isPublic: true,
        ...(closed ? { closedExceptionCode: "610.021(1)", closedTopic: "Advice from counsel on a pending lawsuit" } : {}),
      },
      ctx,
    );
    const all = await boardMembers();
    await recordAttendance(
      staff,
      meeting.id,
      all.map((m, i) => ({ userId: m.id, status: i < 8 ? ("present" as const) : ("absent" as const) })),
      ctx,
    );
    return { staff, meeting, all, present: all.slice(0, 8), absent: all.slice(8) };
  }

  it("the minutes list members present and absent and a roll call for every vote, from attendance and votes", async () => {
    const { staff, meeting, present, absent } = await heldMeeting(false);
    const vote = Object.fromEntries(present.map((m, i) => [m.id, i < 5 ? "support" : i === 5 ? "oppose" : i === 6 ? "abstain" : "recused"])) as Record<
      string,
      "support" | "oppose" | "abstain" | "recused"
    >;
    const motion = await recordMotion(
      staff,
      meeting.id,
      { kind: "motion", text: "To accept the analysis of response times", moverId: present[0]!.id, seconderId: present[1]!.id, vote },
      ctx,
    );
    expect(motion.passed).toBe(true);
    // Someone absent cannot vote.
    const refused = await refusalOf(recordMotion(staff, meeting.id, { kind: "motion", text: "x", vote: { [absent[0]!.id]: "support" } }, ctx));
    expect(refused.key).toBe("meetings:errors.voterNotPresent");

    // Minutes approval by roll call feeds the record too.
    const { minutesId } = await saveMinutesDraft(staff, meeting.id, rich("The chair opened the meeting."), ctx);
    await circulateMinutes(staff, minutesId, ctx);
    await recordApproval(staff, minutesId, { votedAtMeetingId: meeting.id, votes: Object.fromEntries(present.map((m) => [m.id, "support" as const])) }, ctx);
    await publishMinutes(staff, minutesId, ctx);

    const p = (await getProceedings(meeting.id))!;
    expect(p.present.sort()).toEqual(present.map((m) => m.name).sort());
    expect(p.absent.sort()).toEqual(absent.map((m) => m.name).sort());
    expect(p.motions).toHaveLength(1);
    const call = p.motions[0]!.rollCall;
    expect(call).toHaveLength(8);
    expect(call.find((c) => c.name === present[5]!.name)).toMatchObject({ choice: "oppose", recused: false });
    expect(call.find((c) => c.name === present[7]!.name)).toMatchObject({ choice: null, recused: true });
    expect(p.motions[0]!.mover).toBe(present[0]!.name);
    expect(p.minutesApprovals).toHaveLength(1);
    expect(p.minutesApprovals[0]!.rollCall.filter((c) => c.choice === "support")).toHaveLength(8);

    // The public page (approved minutes) renders it, in Spanish for a Spanish reader.
    const visitor = await clientFor();
    const html = await (await visitor.get(`/meetings/${meeting.id}`)).text();
    expect(html).toContain("Record of proceedings");
    // The motion's words are marked as user content inside the sentence: read the text, not the tags.
    expect(html.replace(/<[^>]+>/g, "")).toContain("Motion: To accept the analysis of response times");
    for (const m of present) expect(html).toContain(m.name);
    expect(html).toContain("Recused");
    const es = await (await (await clientFor()).get(`/meetings/${meeting.id}`, { headers: { "Accept-Language": "es" } })).text();
    expect(es).toContain("Registro de la sesión");
    expect(es).toContain("Miembros ausentes");
  });

  it("an analysis voted in the portal between meetings is in the next meeting's record, by roll call, and not in the one before", async () => {
    const staff = { id: await userId("analyst@demo.test") };
    const members = await boardMembers();
    const meetingOn = async (day: string) =>
      createMeeting(
        staff,
        { title: `Portal votes ${day}`, mode: "online", link: "https://meet.example/cab", startsAt: `${day}T18:00`, endsAt: `${day}T19:00`, isPublic: true },
        ctx,
      );
    const before = await meetingOn("2033-05-03");
    const after = await meetingOn("2033-05-17");
    const question = "Should the unit map repeat calls near schools?";
    const analysis = await proposeAnalysis(
      { id: staff.id, role: "csu_staff" },
      { question, whyItMatters: "Asked at meetings.", dataNeeded: "Calls by block.", links: [] },
    );
    const opened = await openAnalysisVote(staff, analysis.id, {
      mode: "named",
      resultsVisibility: "after_close",
      closesAt: new Date(Date.now() + 3_600_000),
      quorumPercent: 10,
      thresholdPercent: 50,
    });
    expect(opened.ok).toBe(true);
    await voteOnAnalysis(analysis.id, members[0]!.id, "support", null);
    await voteOnAnalysis(analysis.id, members[1]!.id, "oppose", "Not a priority this year.");
    // It closes between the two meetings.
    await closeBallot(opened.ok ? opened.ballot.id : "", new Date("2033-05-10T17:00:00Z"));

    const earlier = (await getProceedings(before.id))!;
    expect(earlier.portalVotes.map((v) => v.title)).not.toContain(question);
    const later = (await getProceedings(after.id))!;
    const reported = later.portalVotes.find((v) => v.title === question);
    expect(reported).toBeDefined();
    expect(reported!.rollCall.find((c) => c.name === members[0]!.name)?.choice).toBe("support");
    expect(reported!.rollCall.find((c) => c.name === members[1]!.name)?.choice).toBe("oppose");
    expect(reported!.rollCall.filter((c) => c.choice === null).length).toBe(members.length - 2);

    // Once the later meeting is held and its minutes published, its public page prints the vote, in both languages.
    await recordAttendance(
      staff,
      after.id,
      members.map((m) => ({ userId: m.id, status: "present" as const })),
      ctx,
    );
    const { minutesId } = await saveMinutesDraft(staff, after.id, rich("The chair opened the meeting."), ctx);
    await circulateMinutes(staff, minutesId, ctx);
    await recordApproval(staff, minutesId, { votedAtMeetingId: after.id, votes: Object.fromEntries(members.map((m) => [m.id, "support" as const])) }, ctx);
    await publishMinutes(staff, minutesId, ctx);
    const text = (html: string) => html.replace(/<[^>]+>/g, "");
    const en = text(await (await (await clientFor()).get(`/meetings/${after.id}`)).text());
    expect(en).toContain(`Vote on the analysis “${question}”`);
    const es = text(await (await (await clientFor()).get(`/meetings/${after.id}`, { headers: { "Accept-Language": "es" } })).text());
    expect(es).toContain(`Votación sobre el análisis «${question}»`);
  });

  it("closing needs the exception the notice named; closed minutes stay with the board; the open record shows the vote to close", async () => {
    // A meeting whose notice named no closed portion cannot be closed.
    const open = await heldMeeting(false);
    const everyone = (ids: { id: string }[]) => Object.fromEntries(ids.map((m) => [m.id, "support" as const]));
    const notNoticed = await refusalOf(
      recordMotion(open.staff, open.meeting.id, { kind: "close_session", text: "To close", exceptionCode: "610.021(1)", vote: everyone(open.present) }, ctx),
    );
    expect(notNoticed.key).toBe("meetings:errors.closedNotNoticed");

    const { staff, meeting, present } = await heldMeeting(true);
    const wrong = await refusalOf(
      recordMotion(staff, meeting.id, { kind: "close_session", text: "To close", exceptionCode: "610.021(3)", vote: everyone(present) }, ctx),
    );
    expect(wrong.key).toBe("meetings:errors.closedNotNoticed");
    const unlisted = await refusalOf(
      recordMotion(staff, meeting.id, { kind: "close_session", text: "To close", exceptionCode: "not-a-law", vote: everyone(present) }, ctx),
    );
    expect(unlisted.key).toBe("meetings:errors.exceptionNotListed");

    const close = await recordMotion(
      staff,
      meeting.id,
      { kind: "close_session", text: "To close the meeting to receive advice from counsel", exceptionCode: "610.021(1)", vote: everyone(present) },
      ctx,
    );
    expect(close.passed).toBe(true);
    await saveClosedMinutes(staff, meeting.id, close.id, `Counsel advised on the ${PLANTED} matter. No vote was taken.`, ctx);
    expect((await approveClosedMinutes(staff, meeting.id, close.id, everyone(present), ctx)).passed).toBe(true);
    const { minutesId } = await saveMinutesDraft(staff, meeting.id, rich("The board met."), ctx);
    await circulateMinutes(staff, minutesId, ctx);
    await recordApproval(staff, minutesId, { votedAtMeetingId: meeting.id, votes: everyone(present) }, ctx);
    await publishMinutes(staff, minutesId, ctx);

    // Board members and staff read the closed minutes; residents and visitors never do.
    expect((await closedMinutesFor(meeting.id, { role: "cab_member" }))![0]!.body).toContain(PLANTED);
    expect(await closedMinutesFor(meeting.id, { role: "resident" })).toBeNull();
    expect(await closedMinutesFor(meeting.id, null)).toBeNull();

    const member = await clientFor("member1@demo.test");
    expect(await (await member.get(`/meetings/${meeting.id}`)).text()).toContain(PLANTED);

    const resident = await clientFor("resident@demo.test");
    const visitor = await clientFor();
    const paths = [
      `/meetings/${meeting.id}`,
      `/meetings/${meeting.id}?_data=routes%2Fmeetings.%24id`,
      `/meetings/${meeting.id}/ics`,
      "/meetings.ics",
      "/meetings",
      `/meetings?q=${PART}`,
      `/meetings?q=${PART}&_data=routes%2Fmeetings._index`,
      `/search?q=${PART}`,
      `/search?q=${PART}&_data=routes%2Fsearch`,
      "/briefs.atom",
      `/staff/meetings/${meeting.id}/votes`,
      `/staff/meetings/${meeting.id}/votes?_data=routes%2Fstaff.meetings.%24id.votes`,
      `/staff/meetings/${meeting.id}/minutes?_data=routes%2Fstaff.meetings.%24id.minutes`,
      "/open311/v2/requests.json",
      `/open311/v2/requests.json?q=${PART}`,
    ];
    for (const who of [resident, visitor]) {
      for (const path of paths) {
        const res = await who.get(path);
        const body = await res.text();
        expect(body, `${path} leaked the closed minutes`).not.toContain(PLANTED);
      }
    }

    // The open record: that a closed session took place, when, why, and the roll call to close.
    const html = await (await visitor.get(`/meetings/${meeting.id}`)).text();
    expect(html).toContain("Motion to close the meeting under RSMo 610.021(1)");
    expect(html).toContain("went into closed session under RSMo 610.021(1)");
    expect(html).toContain("Advice from counsel on a pending lawsuit");
    expect(html).toContain("Its minutes are kept separately and were approved by the board.");
    const p = (await getProceedings(meeting.id))!;
    expect(p.closedSessions).toHaveLength(1);
    expect(JSON.stringify(p)).not.toContain(PLANTED);
    expect(p.motions[0]!.rollCall.filter((c) => c.choice === "support")).toHaveLength(present.length);
  });
});
