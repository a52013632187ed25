import { eq, inArray } from "drizzle-orm";
import { db } from "~/db/client.server";
import { analyses, analysisProgress, ballotEligible, ballotRecusals, ballots, ballotVotes, users } from "~/db/schema";
import { enqueueJob } from "~/modules/notifications/index.server";
import { closeJobKey, remindJobKey, REMINDER_BEFORE_MS } from "~/modules/voting/index.server";
import { tallyBallot } from "~/modules/voting/index.server";
import type { VoteChoice } from "~/modules/voting";

const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY);

const IN_PROGRESS_QUESTION = "Are drug charges filed under the documented-concern rule concentrated in a few ZIP codes?";
const OPEN_VOTE_QUESTION = "How long does the office take to answer resident concerns, district by district?";
const STAFF_QUESTION = "Did the violence-interruption referrals change repeat-shooting rates in the districts that had them?";

/**
 * Demo proposals: one decided after a closed vote and now in progress, one with a vote open,
 * and one staff proposal waiting for a vote. Idempotent: each is keyed by its question.
 * History is written as rows directly (it happened in the past), without notifications.
 */
export async function seedAnalyses() {
  const people = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(inArray(users.email, ["analyst@demo.test", ...Array.from({ length: 12 }, (_, i) => `member${i + 1}@demo.test`)]));
  const byEmail = new Map(people.map((p) => [p.email, p.id]));
  const analyst = byEmail.get("analyst@demo.test");
  const members = Array.from({ length: 12 }, (_, i) => byEmail.get(`member${i + 1}@demo.test`)).filter((id): id is string => Boolean(id));
  if (!analyst || members.length < 12) return;

  const existing = new Set(
    (
      await db
        .select({ q: analyses.question })
        .from(analyses)
        .where(inArray(analyses.question, [IN_PROGRESS_QUESTION, OPEN_VOTE_QUESTION, STAFF_QUESTION]))
    ).map((r) => r.q),
  );

  if (!existing.has(IN_PROGRESS_QUESTION)) {
    await db.transaction(async (tx) => {
      const [a] = await tx
        .insert(analyses)
        .values({
          question: IN_PROGRESS_QUESTION,
          whyItMatters:
            "The charging policy says drug cases are filed only with a documented community concern or a connection to violence. If the concerns that get cited come from a few neighborhoods, the rule could still fall unevenly.",
          dataNeeded: "Drug charging decisions since the policy took effect, the concerns cited in each, and the ZIP codes of both (no names).",
          proposerId: members[0],
          proposerRole: "member",
          status: "in_progress",
          decisionNote: "Accepted after the board vote. The unit will start once the first quarter of data is imported.",
          createdAt: daysAgo(40),
          updatedAt: daysAgo(10),
        })
        .returning();
      const [ballot] = await tx
        .insert(ballots)
        .values({
          subjectType: "analysis",
          subjectId: a!.id,
          title: a!.question,
          url: `/analyses/${a!.id}`,
          mode: "named",
          opensAt: daysAgo(38),
          closesAt: daysAgo(31),
          quorumPercent: 50,
          thresholdPercent: 50,
          openedById: analyst,
          createdAt: daysAgo(38),
        })
        .returning();
      await tx.insert(ballotEligible).values(members.map((userId) => ({ ballotId: ballot!.id, userId })));
      const choices: VoteChoice[] = ["support", "support", "support", "oppose", "support", "support", "abstain", "support", "oppose", "support"];
      await tx.insert(ballotVotes).values(
        choices.map((choice, i) => ({
          ballotId: ballot!.id,
          userId: members[i]!,
          choice,
          reason: i === 3 ? "The concern data is too thin to compare ZIP codes yet." : i === 0 ? "This is what residents keep asking about." : null,
          createdAt: daysAgo(36),
          updatedAt: daysAgo(36),
        })),
      );
      await tx.insert(ballotRecusals).values({
        ballotId: ballot!.id,
        userId: members[11]!,
        conflict: "I chair a neighborhood group whose concerns are among those cited.",
        createdAt: daysAgo(37),
      });
      const tally = await tallyBallot(ballot!, tx);
      await tx
        .update(ballots)
        .set({ status: "closed", result: tally.result, closedAt: daysAgo(31) })
        .where(eq(ballots.id, ballot!.id));
      await tx.insert(analysisProgress).values([
        { analysisId: a!.id, status: "proposed", actorId: members[0], createdAt: daysAgo(40) },
        { analysisId: a!.id, status: "accepted", note: "Accepted after the board vote.", actorId: analyst, createdAt: daysAgo(30) },
        { analysisId: a!.id, status: "planned", note: "Scheduled for next quarter.", actorId: analyst, createdAt: daysAgo(25) },
        { analysisId: a!.id, status: "in_progress", note: "Data request sent to the records unit.", actorId: analyst, createdAt: daysAgo(10) },
      ]);
    });
  }

  if (!existing.has(OPEN_VOTE_QUESTION)) {
    await db.transaction(async (tx) => {
      const [a] = await tx
        .insert(analyses)
        .values({
          question: OPEN_VOTE_QUESTION,
          whyItMatters: "Residents in some districts say they never hear back. Response times by district would show whether that is true.",
          dataNeeded: "Dates each concern was received, triaged and answered, by district.",
          proposerId: members[2],
          proposerRole: "member",
          createdAt: daysAgo(5),
          updatedAt: daysAgo(2),
        })
        .returning();
      const closesAt = new Date(Date.now() + 6 * DAY);
      const [ballot] = await tx
        .insert(ballots)
        .values({
          subjectType: "analysis",
          subjectId: a!.id,
          title: a!.question,
          url: `/analyses/${a!.id}`,
          mode: "named",
          opensAt: daysAgo(2),
          closesAt,
          quorumPercent: 50,
          thresholdPercent: 50,
          openedById: analyst,
          createdAt: daysAgo(2),
        })
        .returning();
      await tx.insert(ballotEligible).values(members.map((userId) => ({ ballotId: ballot!.id, userId })));
      await tx.insert(ballotVotes).values([
        { ballotId: ballot!.id, userId: members[2]!, choice: "support", reason: "I proposed it." },
        { ballotId: ballot!.id, userId: members[4]!, choice: "support" },
      ]);
      await tx.insert(analysisProgress).values({ analysisId: a!.id, status: "proposed", actorId: members[2], createdAt: daysAgo(5) });
      await enqueueJob(tx, "close_ballot", { ballotId: ballot!.id }, { jobKey: closeJobKey(ballot!.id), runAt: closesAt });
      await enqueueJob(
        tx,
        "remind_ballot",
        { ballotId: ballot!.id },
        { jobKey: remindJobKey(ballot!.id), runAt: new Date(closesAt.getTime() - REMINDER_BEFORE_MS) },
      );
    });
  }

  if (!existing.has(STAFF_QUESTION)) {
    await db.transaction(async (tx) => {
      const [a] = await tx
        .insert(analyses)
        .values({
          question: STAFF_QUESTION,
          whyItMatters: "The board asked whether the program is worth expanding. Counts of referrals alone cannot answer that.",
          dataNeeded: "Monthly counts of referrals and of repeat shootings by district, before and after the program started (counts only).",
          proposerId: analyst,
          proposerRole: "staff",
          createdAt: daysAgo(1),
          updatedAt: daysAgo(1),
        })
        .returning();
      await tx.insert(analysisProgress).values({ analysisId: a!.id, status: "proposed", actorId: analyst, createdAt: daysAgo(1) });
    });
  }
}
