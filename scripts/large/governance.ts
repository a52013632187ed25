/**
 * seed:large — 50 held meetings with approved minutes (attendance, decisions, action items,
 * the approval vote), 50 proposed analyses (most voted on and closed), one analysis with a
 * ballot open for a year that every CAB member may vote on (the soak's votes), and a fixed
 * Open311 API key (the benchmark reads requests.json with it).
 */
import { sql, eq } from "drizzle-orm";
import type { RichDoc } from "../../app/db/schema";
import { addDays, countyDay } from "../../app/utils/clock";
import type { prng } from "../seed-large";

/** The benchmark's Open311 key: only its hash is stored, like any issued key. Benchmark data only. */
export const LARGE_API_KEY = "cab311_large-benchmark-key-not-secret";
export const SOAK_ANALYSIS_QUESTION = "Benchmark: should the office publish concern response times every month?";
const MEETINGS = 50;
const ANALYSES = 50;
const DAY = 86_400_000;

async function largePeople() {
  const { db } = await import("../../app/db/client.server");
  const rows = (await db.execute(
    sql`select id, role from users where email like '%@large.test' and role in ('cab_member', 'csu_staff') order by email`,
  )) as unknown as { id: string; role: string }[];
  return { members: rows.filter((r) => r.role === "cab_member").map((r) => r.id), staff: rows.filter((r) => r.role === "csu_staff").map((r) => r.id) };
}

export async function seedLargeMeetings({ random }: { random: ReturnType<typeof prng> }) {
  const { db } = await import("../../app/db/client.server");
  const s = await import("../../app/db/schema");
  const { richTextFromPlainText } = await import("../../app/modules/richtext/index.server");
  const toRichText = (text: string) => {
    const rich = richTextFromPlainText(text, "document");
    if (!rich.ok) throw new Error(`seed text refused: ${rich.error}`);
    return { ...rich, doc: rich.doc as RichDoc };
  };
  const { approvalOutcome } = await import("../../app/modules/meetings/index.server");
  const { quorumPercent } = await import("../../app/modules/meetings/index.server");
  const { LARGE_ANCHOR } = await import("./concerns");
  const [{ n }] = (await db.execute(sql`select count(*)::int as n from meetings where title like 'Benchmark board meeting %'`)) as unknown as [{ n: number }];
  if (n >= MEETINGS) return 0;
  const { members, staff } = await largePeople();
  const percent = quorumPercent();
  let rows = 0;
  for (let i = n; i < MEETINGS; i++) {
    await db.transaction(async (tx) => {
      const startsAt = new Date(LARGE_ANCHOR - (MEETINGS - i) * 30 * DAY + 6 * 3600_000);
      const agenda = toRichText(`Approval of the previous minutes.\n\nBrief ${i + 1} presented by the Crime Strategies Unit.\n\nPublic comment.`);
      const [meeting] = await tx
        .insert(s.meetings)
        .values({
          id: random.uuid(),
          title: `Benchmark board meeting ${i + 1}`,
          mode: "hybrid",
          place: "County Administration Building, Room 210",
          link: "https://meet.example.org/cab",
          startsAt,
          endsAt: new Date(startsAt.getTime() + 2 * 3600_000),
          status: "held",
          isPublic: true,
          agendaDoc: agenda.doc,
          agendaHtml: agenda.html,
          agendaText: agenda.text,
          createdById: random.pick(staff),
          createdAt: startsAt,
          updatedAt: startsAt,
        })
        .returning();
      await tx
        .insert(s.agendaItems)
        .values(
          ["Approval of the previous minutes", `Brief ${i + 1}`, "Public comment"].map((title, k) => ({ meetingId: meeting!.id, position: k + 1, title })),
        );
      const present = random.int(Math.ceil(members.length * 0.6), members.length);
      await tx.insert(s.meetingAttendance).values(
        members.map((userId, k) => ({
          meetingId: meeting!.id,
          userId,
          status: k < present ? ("present" as const) : random.next() < 0.5 ? ("excused" as const) : ("absent" as const),
          recordedById: staff[0]!,
        })),
      );
      const [m] = await tx.insert(s.minutes).values({ meetingId: meeting!.id }).returning();
      const body = toRichText(
        `The chair opened the meeting at 6:0${i % 10} p.m. ${present} members were present.\n\nThe Crime Strategies Unit presented brief ${i + 1}. Members asked about district figures.\n\nThe board asked for a follow-up at the next meeting.`,
      );
      const [rev] = await tx
        .insert(s.minutesRevisions)
        .values({ minutesId: m!.id, number: 1, kind: "draft", bodyDoc: body.doc, bodyHtml: body.html, bodyText: body.text, createdById: staff[0]! })
        .returning();
      await tx.update(s.minutes).set({ currentRevisionId: rev!.id, status: "circulated", circulatedAt: startsAt }).where(eq(s.minutes.id, m!.id));
      await tx
        .insert(s.minutesDecisions)
        .values({ minutesId: m!.id, text: `Ask the unit for a follow-up on brief ${i + 1}.`, support: present - 2, oppose: 1, abstain: 1 });
      await tx.insert(s.actionItems).values({
        minutesId: m!.id,
        what: `Follow up on brief ${i + 1}`,
        ownerName: "Crime Strategies Unit",
        dueDate: addDays(countyDay(startsAt), 30),
        status: i < MEETINGS - 3 ? "done" : "open",
      });
      const vote = { support: present - 3, oppose: 2, abstain: 1 };
      const outcome = approvalOutcome({ ...vote, presentCount: present, eligibleCount: members.length, quorumPercent: percent });
      const [approval] = await tx
        .insert(s.minutesApprovals)
        .values({
          minutesId: m!.id,
          revisionId: rev!.id,
          votedAtMeetingId: meeting!.id,
          ...vote,
          presentCount: present,
          eligibleCount: members.length,
          quorumPercent: percent,
          ...outcome,
          recordedById: staff[0]!,
        })
        .returning();
      if (outcome.passed)
        await tx.update(s.minutes).set({ status: "approved", approvalId: approval!.id, publishedAt: startsAt }).where(eq(s.minutes.id, m!.id));
      rows += 8 + members.length;
    });
  }
  return rows;
}

export async function seedLargeAnalyses({ random }: { random: ReturnType<typeof prng> }) {
  const { db } = await import("../../app/db/client.server");
  const s = await import("../../app/db/schema");
  const { tallyBallot } = await import("../../app/modules/voting/index.server");
  const { enqueueJob } = await import("../../app/modules/notifications/index.server");
  const { closeJobKey } = await import("../../app/modules/voting/index.server");
  const { LARGE_ANCHOR } = await import("./concerns");
  const [{ n }] = (await db.execute(sql`select count(*)::int as n from analyses where question like 'Benchmark%'`)) as unknown as [{ n: number }];
  if (n >= ANALYSES + 1) return 0;
  const { members, staff } = await largePeople();
  // Every active CAB member (the demo's too) may vote in the soak's open ballot.
  const allMembers = (
    (await db.execute(sql`select id from users where role = 'cab_member' and deactivated_at is null order by email`)) as unknown as { id: string }[]
  ).map((r) => r.id);
  let rows = 0;
  await db.transaction(async (tx) => {
    for (let i = 0; i < ANALYSES; i++) {
      const at = LARGE_ANCHOR - random.int(30, 900) * DAY;
      const voted = i % 5 !== 4;
      const [a] = await tx
        .insert(s.analyses)
        .values({
          id: random.uuid(),
          question: `Benchmark question ${i + 1}: how did ${random.pick(["drug filings", "diversion", "response times", "referrals"])} change in district ${random.int(1, 5)}?`,
          whyItMatters: "Residents asked about it at a meeting.",
          dataNeeded: "Monthly counts by district (no names).",
          proposerId: random.pick(members),
          proposerRole: "member",
          status: voted ? "accepted" : "proposed",
          decisionNote: voted ? "Accepted after the board vote." : null,
          createdAt: new Date(at),
          updatedAt: new Date(at + 10 * DAY),
        })
        .returning();
      await tx.insert(s.analysisProgress).values({ analysisId: a!.id, status: "proposed", actorId: a!.proposerId, createdAt: new Date(at) });
      rows += 2;
      if (!voted) continue;
      const [ballot] = await tx
        .insert(s.ballots)
        .values({
          subjectType: "analysis",
          subjectId: a!.id,
          title: a!.question,
          url: `/analyses/${a!.id}`,
          mode: "named",
          opensAt: new Date(at + DAY),
          closesAt: new Date(at + 8 * DAY),
          quorumPercent: 50,
          thresholdPercent: 50,
          openedById: staff[0]!,
          createdAt: new Date(at + DAY),
        })
        .returning();
      await tx.insert(s.ballotEligible).values(members.map((userId) => ({ ballotId: ballot!.id, userId })));
      const voters = members.filter(() => random.next() < 0.8);
      await tx.insert(s.ballotVotes).values(
        voters.map((userId) => ({
          ballotId: ballot!.id,
          userId,
          choice: random.next() < 0.75 ? ("support" as const) : random.next() < 0.7 ? ("oppose" as const) : ("abstain" as const),
          createdAt: new Date(at + 2 * DAY),
          updatedAt: new Date(at + 2 * DAY),
        })),
      );
      const tally = await tallyBallot(ballot!, tx);
      await tx
        .update(s.ballots)
        .set({ status: "closed", result: tally.result, closedAt: new Date(at + 8 * DAY) })
        .where(eq(s.ballots.id, ballot!.id));
      await tx
        .insert(s.analysisProgress)
        .values({ analysisId: a!.id, status: "accepted", note: "Accepted after the board vote.", actorId: staff[0]!, createdAt: new Date(at + 10 * DAY) });
      rows += 3 + members.length + voters.length;
    }
    // The soak's open ballot: a year long, named (members may change their vote).
    const [a] = await tx
      .insert(s.analyses)
      .values({
        question: SOAK_ANALYSIS_QUESTION,
        whyItMatters: "Benchmark traffic votes here.",
        dataNeeded: "None.",
        proposerId: members[0]!,
        proposerRole: "member",
      })
      .returning();
    const closesAt = new Date(Date.now() + 365 * DAY);
    const [ballot] = await tx
      .insert(s.ballots)
      .values({
        subjectType: "analysis",
        subjectId: a!.id,
        title: a!.question,
        url: `/analyses/${a!.id}`,
        mode: "named",
        closesAt,
        quorumPercent: 50,
        thresholdPercent: 50,
        openedById: staff[0]!,
      })
      .returning();
    await tx.insert(s.ballotEligible).values(allMembers.map((userId) => ({ ballotId: ballot!.id, userId })));
    await tx.insert(s.analysisProgress).values({ analysisId: a!.id, status: "proposed", actorId: members[0]! });
    await enqueueJob(tx, "close_ballot", { ballotId: ballot!.id }, { jobKey: closeJobKey(ballot!.id), runAt: closesAt });
    rows += 3 + allMembers.length;
  });
  return rows;
}

export async function seedLargeApiKey() {
  const { db } = await import("../../app/db/client.server");
  const { open311ApiKeys } = await import("../../app/db/schema");
  const { hashApiKey } = await import("../../app/modules/concerns/index.server");
  const inserted = await db
    .insert(open311ApiKeys)
    .values({ name: "Benchmarks (npm run seed:large)", keyHash: hashApiKey(LARGE_API_KEY), keyPrefix: LARGE_API_KEY.slice(0, 11) })
    .onConflictDoNothing()
    .returning({ id: open311ApiKeys.id });
  return inserted.length;
}
