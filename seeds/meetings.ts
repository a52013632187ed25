import { and, eq, inArray, isNull } from "drizzle-orm";
import { db } from "~/db/client.server";
import { actionItems, agendaItems, meetingAttendance, meetingMotions, meetings, minutes, minutesApprovals, minutesRevisions, users } from "~/db/schema";
import { quorumPercent } from "~/modules/meetings/index.server";
import type { RichDoc } from "~/db/schema";
import { richTextFromPlainText } from "~/modules/richtext/index.server";
import { approvalOutcome } from "~/modules/meetings/index.server";
import { noticeDeadline } from "~/modules/sunshine/index.server";
import type { VoteChoice } from "~/modules/voting";
import { recordRollCall } from "~/modules/voting/index.server";
import { COUNTY_TIME_ZONE, addDays, countyDateTimeToDate, countyToday } from "~/utils/clock";

/** Seed text through the shared rich-text module, as if typed in the no-JavaScript textarea. */
function toRichText(text: string) {
  const result = richTextFromPlainText(text, "document");
  if (!result.ok) throw new Error(`seed text refused: ${result.error}`);
  return { doc: result.doc as RichDoc, html: result.html, text: result.text };
}

/** A roll call from counts: the first present members answer yes, the next no, the next abstain. */
function rollCallFrom(present: string[], counts: { support?: number; oppose?: number; abstain?: number }) {
  const s = counts.support ?? present.length;
  const o = counts.oppose ?? 0;
  const a = counts.abstain ?? 0;
  return present.slice(0, s + o + a).map((userId, i) => ({ userId, choice: (i < s ? "support" : i < s + o ? "oppose" : "abstain") as VoteChoice }));
}

/** 18:00 county time, `days` from today. */
function eveningIn(days: number, hours = 2) {
  const zone = COUNTY_TIME_ZONE;
  const day = addDays(countyToday(zone), days);
  const startsAt = countyDateTimeToDate(`${day}T18:00`, zone)!;
  return { startsAt, endsAt: new Date(startsAt.getTime() + hours * 3600_000) };
}

type PastMeeting = {
  title: string;
  daysAgo: number;
  agenda: string;
  minutes: string;
  decisions: { text: string; support?: number; oppose?: number; abstain?: number }[];
  actions: { what: string; ownerEmail?: string; ownerName?: string; dueInDays: number; status: "open" | "in_progress" | "done" }[];
  present: number;
  vote: { support: number; oppose: number; abstain: number };
};

const PAST: PastMeeting[] = [
  {
    title: "Board meeting: drug charging and community concerns",
    daysAgo: 63,
    agenda:
      "Welcome and introductions.\n\nPresentation of the quarterly brief on drug charging.\n\nDiscussion: how documented community concerns reach charging decisions.",
    minutes:
      "The chair opened the meeting at 6:02 p.m. Nine members were present.\n\nThe Crime Strategies Unit presented the quarterly brief on drug charging. Members asked how a community concern becomes documented and how often it is cited.\n\nThe board asked the unit to report, next quarter, how many drug filings cited a documented concern.",
    decisions: [
      {
        text: "Ask the Crime Strategies Unit for a quarterly count of drug filings that cite a documented community concern.",
        support: 8,
        oppose: 0,
        abstain: 1,
      },
    ],
    actions: [
      { what: "Report the count of drug filings citing a documented concern", ownerName: "Crime Strategies Unit", dueInDays: 20, status: "in_progress" },
      { what: "Share the concern form with neighborhood associations", ownerEmail: "member3@demo.test", dueInDays: -20, status: "done" },
    ],
    present: 9,
    vote: { support: 8, oppose: 0, abstain: 1 },
  },
  {
    title: "Board meeting: response times to resident concerns",
    daysAgo: 28,
    agenda: "Approval of the previous minutes.\n\nResponse times to resident concerns.\n\nPlanning the spring listening sessions.",
    minutes:
      "The chair opened the meeting at 6:05 p.m. Eight members were present.\n\nStaff presented the median time from a resident concern to the office's first response. Members asked for the figures by district.\n\nThe board agreed to hold two listening sessions in the spring.",
    decisions: [{ text: "Hold two listening sessions in the spring, one in each of the two districts with the most concerns." }],
    actions: [
      { what: "Publish response times by district on the dashboard", ownerName: "CSU staff", dueInDays: 30, status: "open" },
      { what: "Find venues for the two listening sessions", ownerEmail: "member5@demo.test", dueInDays: 45, status: "open" },
    ],
    present: 8,
    vote: { support: 7, oppose: 1, abstain: 0 },
  },
];

export async function seedMeetings() {
  const members = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(and(eq(users.role, "cab_member"), isNull(users.deactivatedAt)));
  const [staff] = await db.select({ id: users.id }).from(users).where(eq(users.email, "analyst@demo.test"));
  if (!members.length || !staff) return;
  const byEmail = new Map(members.map((m) => [m.email, m.id]));
  const existing = new Set(
    (
      await db
        .select({ title: meetings.title })
        .from(meetings)
        .where(inArray(meetings.title, [...PAST.map((p) => p.title), UPCOMING_TITLE]))
    ).map((m) => m.title),
  );

  for (const p of PAST) {
    if (existing.has(p.title)) continue;
    await db.transaction(async (tx) => {
      const agenda = toRichText(p.agenda);
      const when = eveningIn(-p.daysAgo);
      // Notice went out a week ahead, well before its deadline.
      const notice = { noticePostedAt: new Date(when.startsAt.getTime() - 7 * 86_400_000), noticeDeadline: await noticeDeadline(when.startsAt, tx) };
      const [meeting] = await tx
        .insert(meetings)
        .values({
          title: p.title,
          mode: "hybrid",
          place: "County Administration Building, Room 210, 415 E 12th St",
          link: "https://meet.example.org/cab",
          ...when,
          ...notice,
          status: "held",
          isPublic: true,
          agendaDoc: agenda.doc,
          agendaHtml: agenda.html,
          agendaText: agenda.text,
          createdById: staff.id,
        })
        .returning();
      await tx.insert(meetingAttendance).values(
        members.map((m, i) => ({
          meetingId: meeting!.id,
          userId: m.id,
          status: i < p.present ? ("present" as const) : i === p.present ? ("excused" as const) : ("absent" as const),
          recordedById: staff.id,
        })),
      );
      const [row] = await tx.insert(minutes).values({ meetingId: meeting!.id }).returning();
      const body = toRichText(p.minutes);
      const [revision] = await tx
        .insert(minutesRevisions)
        .values({ minutesId: row!.id, number: 1, kind: "draft", bodyDoc: body.doc, bodyHtml: body.html, bodyText: body.text, createdById: staff.id })
        .returning();
      await tx.update(minutes).set({ currentRevisionId: revision!.id, status: "circulated", circulatedAt: new Date() }).where(eq(minutes.id, row!.id));
      // Every vote by roll call (the Sunshine Law): each decision was a motion, moved and seconded by present members.
      const present = members.slice(0, p.present).map((m) => m.id);
      const percent = quorumPercent();
      const quorumMet = present.length * 100 >= percent * members.length;
      for (const [i, d] of p.decisions.entries()) {
        const votes = rollCallFrom(present, d);
        const yes = votes.filter((v) => v.choice === "support").length;
        const no = votes.filter((v) => v.choice === "oppose").length;
        const [motion] = await tx
          .insert(meetingMotions)
          .values({
            meetingId: meeting!.id,
            text: d.text,
            moverId: present[i % present.length]!,
            seconderId: present[(i + 1) % present.length]!,
            passed: quorumMet && yes > no,
            recordedById: staff.id,
            createdAt: new Date(when.startsAt.getTime() + (40 + i * 15) * 60_000),
          })
          .returning();
        await recordRollCall(tx, {
          subjectType: "meeting_motion",
          subjectId: motion!.id,
          title: d.text,
          url: `/meetings/${meeting!.id}`,
          eligibleUserIds: present,
          votes,
          quorumMet,
          quorumPercent: percent,
          actor: { id: staff.id },
        });
      }
      for (const a of p.actions) {
        const due = addDays(countyToday(), a.dueInDays);
        await tx.insert(actionItems).values({
          minutesId: row!.id,
          what: a.what,
          ownerUserId: a.ownerEmail ? (byEmail.get(a.ownerEmail) ?? null) : null,
          ownerName: a.ownerEmail && byEmail.has(a.ownerEmail) ? null : (a.ownerName ?? "CSU staff"),
          dueDate: due,
          status: a.status,
        });
      }
      // Voted at the same meeting (the rules allow this one or a later one); quorum from its attendance.
      const outcome = approvalOutcome({
        support: p.vote.support,
        oppose: p.vote.oppose,
        presentCount: p.present,
        eligibleCount: members.length,
        quorumPercent: percent,
      });
      const [approval] = await tx
        .insert(minutesApprovals)
        .values({
          minutesId: row!.id,
          revisionId: revision!.id,
          votedAtMeetingId: meeting!.id,
          ...p.vote,
          presentCount: p.present,
          eligibleCount: members.length,
          quorumPercent: percent,
          ...outcome,
          recordedById: staff.id,
        })
        .returning();
      await recordRollCall(tx, {
        subjectType: "minutes_approval",
        subjectId: approval!.id,
        title: p.title,
        url: `/meetings/${meeting!.id}`,
        eligibleUserIds: present,
        votes: rollCallFrom(present, p.vote),
        quorumMet: outcome.quorumMet,
        quorumPercent: percent,
        actor: { id: staff.id },
      });
      if (outcome.passed)
        await tx.update(minutes).set({ status: "approved", approvalId: approval!.id, publishedAt: new Date() }).where(eq(minutes.id, row!.id));
    });
  }

  if (!existing.has(UPCOMING_TITLE)) {
    await db.transaction(async (tx) => {
      const agenda = toRichText("Approval of the previous minutes.\n\nThe office's response to concerns about open-air drug markets.\n\nPublic comment.");
      const when = eveningIn(14);
      const [meeting] = await tx
        .insert(meetings)
        .values({
          title: UPCOMING_TITLE,
          mode: "in_person",
          place: "Eastside Library, Community Room, 2100 E 35th St",
          ...when,
          // Scheduling posts the notice.
          noticePostedAt: new Date(),
          noticeDeadline: await noticeDeadline(when.startsAt, tx),
          status: "scheduled",
          isPublic: true,
          agendaDoc: agenda.doc,
          agendaHtml: agenda.html,
          agendaText: agenda.text,
          createdById: staff.id,
        })
        .returning();
      await tx.insert(agendaItems).values([
        { meetingId: meeting!.id, position: 1, title: "Approval of the previous minutes" },
        // No link yet: office responses have no public page (/responses) so far, and a dead link is worse than none.
        { meetingId: meeting!.id, position: 2, title: "Response to concerns about open-air drug markets" },
        { meetingId: meeting!.id, position: 3, title: "Public comment" },
      ]);
    });
  }
}

const UPCOMING_TITLE = "Board meeting: open-air drug markets";
