import { and, eq, inArray, sql } from "drizzle-orm";
import { Logger, runOnce } from "graphile-worker";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import {
  analyses,
  auditLog,
  ballotEligible,
  ballotParticipation,
  ballots,
  ballotSealedChoices,
  ballotTallies,
  ballotVotes,
  emailOutbox,
  notifications,
  users,
} from "~/db/schema";
import { hashPassword } from "~/modules/auth/index.server";
import { taskList } from "../../server/jobs";
import { openBallot, remindBallot } from "~/modules/voting/index.server";
import { tallyBallot } from "~/modules/voting/index.server";
import { clientFor, type Client } from "../support/app";
import { toCountyDateTimeValue } from "~/utils/clock";

const CHOICES = ["support", "oppose", "abstain"] as const;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The page as a person sees it: the <main> element (the document also carries every i18n string for hydration). */
async function mainOf(response: Response | Promise<Response>) {
  const html = await (await response).text();
  const m = /<main[^>]*>([\s\S]*)<\/main>/.exec(html);
  return m ? m[1]! : "";
}

/** Runs every due graphile-worker job once, in this process, against this file's database. */
async function runDueJobs() {
  await runOnce({ connectionString: process.env.DATABASE_URL, taskList, noHandleSignals: true, logger: new Logger(() => () => {}) });
}

async function propose(client: Client, question: string, extra: Record<string, string> = {}) {
  const response = await client.post("/analyses/new", {
    question,
    whyItMatters: "Residents keep asking about it at meetings.",
    dataNeeded: "Counts by month and ZIP code.",
    ...extra,
  });
  expect(response.status).toBe(302);
  const id = /^\/analyses\/([0-9a-f-]{36})$/.exec(response.headers.get("location") ?? "")?.[1];
  expect(id).toBeTruthy();
  return id!;
}

async function openVote(staff: Client, id: string, fields: Record<string, string> = {}) {
  const response = await staff.post(`/analyses/${id}/manage`, {
    intent: "open-vote",
    closesAt: toCountyDateTimeValue(new Date(Date.now() + 60 * 60 * 1000)),
    quorumPercent: "50",
    thresholdPercent: "50",
    mode: "named",
    resultsVisibility: "after_close",
    ...fields,
  });
  expect(response.status).toBe(302);
  const subjectType = fields.mode === "secret" ? "analysis_poll" : "analysis";
  const [ballot] = await db
    .select()
    .from(ballots)
    .where(and(eq(ballots.subjectType, subjectType), eq(ballots.subjectId, id)));
  return ballot!;
}

/** Moves the close a couple of seconds ahead through the staff form, waits, and lets the job run. */
async function closeSoonAndRunJobs(
  staff: Client,
  id: string,
  ballot: { quorumPercent: number; thresholdPercent: number; resultsVisibility: string; mode?: string },
) {
  const response = await staff.post(`/analyses/${id}/manage`, {
    intent: "vote-settings",
    ballot: ballot.mode === "secret" ? "poll" : "vote",
    closesAt: toCountyDateTimeValue(new Date(Date.now() + 2500), undefined, true),
    quorumPercent: String(ballot.quorumPercent),
    thresholdPercent: String(ballot.thresholdPercent),
    resultsVisibility: ballot.resultsVisibility,
  });
  expect(response.status).toBe(302);
  await sleep(3000);
  // Nobody visits any page: the job alone closes the vote.
  await runDueJobs();
}

async function vote(client: Client, id: string, choice: string, reason?: string, ballot: "vote" | "poll" = "vote") {
  return client.post(`/analyses/${id}`, { intent: "vote", ballot, choice, ...(reason ? { reason } : {}) });
}

let staff: Client;
let member1: Client;

beforeAll(async () => {
  staff = await clientFor("analyst@demo.test");
  member1 = await clientFor("member1@demo.test");
});

describe("proposing an analysis", () => {
  it("lets a CAB member propose with typed links, and shows it to everyone", async () => {
    const id = await propose(member1, "Which blocks generate the most repeat concerns about open-air drug markets?", {
      links: "/concerns/AB12CD Elm St corner\nhttp://127.0.0.1/briefs/drug-charging-first-year\n/briefs/drug-charging-first-year#comment-c42",
    });
    const [row] = await db.select().from(analyses).where(eq(analyses.id, id));
    expect(row!.proposerRole).toBe("member");
    expect(row!.status).toBe("proposed");
    const links = await db.execute<{ subject_type: string; subject_id: string; url: string }>(
      sql`select subject_type, subject_id, url from analysis_links where analysis_id = ${id} order by subject_type`,
    );
    expect(links.map((l) => [l.subject_type, l.subject_id])).toEqual([
      ["concern", "AB12CD"],
      ["brief", "drug-charging-first-year"],
      ["comment", "c42"],
    ]);
    const visitor = await clientFor();
    const page = await mainOf(visitor.get(`/analyses/${id}`));
    expect(page).toContain("Which blocks generate the most repeat concerns");
    // What prompted it (a concern's tracking code) stays with the board.
    expect(page).not.toContain("AB12CD");
    expect(await mainOf(member1.get(`/analyses/${id}`))).toContain("/concerns/AB12CD");
    const list = await mainOf(visitor.get("/analyses"));
    expect(list).toContain("Which blocks generate the most repeat concerns");
  });

  it("keeps residents and visitors out, and explains invalid input without a 500", async () => {
    const resident = await clientFor("resident@demo.test");
    expect((await resident.post("/analyses/new", { question: "A question from a resident?", whyItMatters: "x", dataNeeded: "y" })).status).toBe(403);
    const visitor = await clientFor();
    expect((await visitor.post("/analyses/new", { question: "x" })).status).toBe(302);
    const bad = await member1.post("/analyses/new", { question: "short", whyItMatters: "", dataNeeded: "d", links: "https://evil.example/phish" });
    expect(bad.status).toBe(400);
    const html = await mainOf(bad);
    expect(html).toContain("This is too short.");
    expect(html).toContain("Each line must be a link to a concern, brief or comment in this portal");
    expect(html).toContain("https://evil.example/phish"); // what was typed is kept
  });
});

describe("50 members voting at once (named ballot)", () => {
  it("records exactly one vote per member from 10 concurrent requests each, and the tally equals the rows", async () => {
    const passwordHash = await hashPassword("demo-password-2026");
    const extra = Array.from({ length: 38 }, (_, i) => ({
      email: `voter${i + 1}@analyses.test`,
      displayName: `Voter ${i + 1}`,
      role: "cab_member" as const,
      passwordHash,
      emailVerifiedAt: new Date(),
    }));
    await db.insert(users).values(extra);
    const emails = [...Array.from({ length: 12 }, (_, i) => `member${i + 1}@demo.test`), ...extra.map((u) => u.email)];
    const clients: Client[] = [];
    for (let i = 0; i < emails.length; i += 5) clients.push(...(await Promise.all(emails.slice(i, i + 5).map((e) => clientFor(e)))));
    expect(clients).toHaveLength(50);

    const id = await propose(member1, "Do diversion referrals differ by the defendant's ZIP code?");
    const ballot = await openVote(staff, id);
    const eligible = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(ballotEligible)
      .where(eq(ballotEligible.ballotId, ballot.id));
    expect(eligible[0]!.n).toBe(50);

    const requests = clients.flatMap((client, i) => Array.from({ length: 10 }, (_, k) => vote(client, id, CHOICES[(i + k) % 3]!, `attempt ${k}`)));
    const responses = await Promise.all(requests);
    expect(responses.map((r) => r.status).filter((s) => s !== 302)).toEqual([]);

    const rows = await db.select().from(ballotVotes).where(eq(ballotVotes.ballotId, ballot.id));
    expect(rows).toHaveLength(50);
    expect(new Set(rows.map((r) => r.userId)).size).toBe(50);

    // The constraint, not an if: a second row for the same member is impossible.
    await expect(db.insert(ballotVotes).values({ ballotId: ballot.id, userId: rows[0]!.userId, choice: "support" })).rejects.toMatchObject({
      cause: expect.objectContaining({ code: "23505" }),
    });

    // Results stay hidden while the vote is open.
    const during = await mainOf(member1.get(`/analyses/${id}`));
    expect(during).toContain("Results are hidden until the vote closes.");
    expect(during).not.toContain("Final results");

    await closeSoonAndRunJobs(staff, id, ballot);
    const [closed] = await db.select().from(ballots).where(eq(ballots.id, ballot.id));
    expect(closed!.status).toBe("closed");

    const byChoice = await db
      .select({ choice: ballotVotes.choice, n: sql<number>`count(*)::int` })
      .from(ballotVotes)
      .where(eq(ballotVotes.ballotId, ballot.id))
      .groupBy(ballotVotes.choice);
    const counts = Object.fromEntries(CHOICES.map((c) => [c, byChoice.find((r) => r.choice === c)?.n ?? 0]));
    const tally = await tallyBallot(closed!);
    expect({ support: tally.support, oppose: tally.oppose, abstain: tally.abstain }).toEqual(counts);
    expect(tally.participants).toBe(50);
    expect(tally.support + tally.oppose + tally.abstain).toBe(50);

    const page = await mainOf(member1.get(`/analyses/${id}`));
    for (const c of CHOICES) {
      const label = { support: "Support", oppose: "Oppose", abstain: "Abstain" }[c];
      expect(page).toMatch(new RegExp(`<th scope="row">${label}</th><td>${counts[c]}</td>`));
    }
    expect(page).toContain("50 of 50 members (100%)");
    expect(closed!.result).toBe(tally.result);

    // Everyone eligible heard the result, in the app and by email.
    const told = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(notifications)
      .where(and(eq(notifications.type, "vote_closed"), eq(notifications.url, `/analyses/${id}`)));
    expect(told[0]!.n).toBeGreaterThanOrEqual(50);
  }, 240_000);
});

describe("refusals with a clear message", () => {
  it("refuses a resident, a recused member, a non-eligible account and a vote after the close", async () => {
    const id = await propose(member1, "How many concerns mention abandoned houses, by district?");
    const ballot = await openVote(staff, id, { quorumPercent: "10" });

    const member2 = await clientFor("member2@demo.test");
    const recusal = await member2.post(`/analyses/${id}`, { intent: "recuse", conflict: "I own rental property in the area studied." });
    expect(recusal.status).toBe(302);
    const recused = await vote(member2, id, "support");
    expect(recused.status).toBe(403);
    expect(await mainOf(recused)).toContain("you recused yourself from this vote because of a conflict of interest");

    const resident = await clientFor("resident@demo.test");
    const byResident = await vote(resident, id, "support");
    expect(byResident.status).toBe(403);
    expect(await mainOf(byResident)).toContain("solo los miembros de la junta pueden votar los análisis propuestos");

    const byStaff = await vote(staff, id, "support");
    expect(byStaff.status).toBe(403);
    expect(await mainOf(byStaff)).toContain("you are not on this vote");

    const member3 = await clientFor("member3@demo.test");
    expect((await vote(member3, id, "support", "Worth knowing.")).status).toBe(302);
    // A named vote can change until the close.
    expect((await vote(member3, id, "oppose")).status).toBe(302);
    const [mine] = await db.select().from(ballotVotes).where(eq(ballotVotes.ballotId, ballot.id));
    expect(mine!.choice).toBe("oppose");

    await closeSoonAndRunJobs(staff, id, ballot);
    const late = await vote(member3, id, "support");
    expect(late.status).toBe(409);
    expect(await mainOf(late)).toContain("this vote has closed, and votes are no longer accepted");
    const [still] = await db.select().from(ballotVotes).where(eq(ballotVotes.ballotId, ballot.id));
    expect(still!.choice).toBe("oppose");

    // The database refuses too, behind the service.
    const [m4] = await db.select().from(users).where(eq(users.email, "member4@demo.test"));
    await expect(db.insert(ballotVotes).values({ ballotId: ballot.id, userId: m4!.id, choice: "support" })).rejects.toThrow();

    // The recused member left the denominator.
    const tally = await tallyBallot((await db.select().from(ballots).where(eq(ballots.id, ballot.id)))[0]!);
    expect(tally.recused).toBe(1);
    expect(tally.denominator).toBe(tally.eligible - 1);

    // The result reaches each member in their language (member7 reads Spanish).
    const [spanish] = await db
      .select()
      .from(emailOutbox)
      .where(
        and(eq(emailOutbox.template, "vote_closed"), eq(emailOutbox.toAddress, "member7@demo.test"), sql`${emailOutbox.subject} like ${`%${ballot.title}%`}`),
      );
    expect(spanish!.locale).toBe("es");
    const resultEs = { passed: "Aprobada", failed: "No aprobada", no_quorum: "Sin quórum" }[tally.result];
    expect(spanish!.text).toContain(resultEs);
    expect(spanish!.text).not.toContain("$t(");
  }, 60_000);
});

describe("secret mode is only an informal poll", () => {
  it("refuses a secret official vote, seals the poll's choices, never lets them change, and cannot decide the proposal", async () => {
    const id = await propose(member1, "Are warrant sweeps followed by fewer concerns in the same blocks?");
    // The service refuses a secret ballot for an official action, whatever a form says.
    const [analyst] = await db.select({ id: users.id }).from(users).where(eq(users.email, "analyst@demo.test"));
    const refused = await db.transaction((tx) =>
      openBallot(tx, {
        official: true,
        mode: "secret",
        resultsVisibility: "after_close",
        closesAt: new Date(Date.now() + 3_600_000),
        quorumPercent: 50,
        thresholdPercent: 50,
        subjectType: "analysis",
        subjectId: id,
        title: "x",
        url: `/analyses/${id}`,
        eligibleUserIds: [],
        actor: { id: analyst!.id },
      }),
    );
    expect(refused).toEqual({ ok: false, reason: "secret_not_official" });

    const ballot = await openVote(staff, id, { mode: "secret", resultsVisibility: "live" });
    expect(ballot.subjectType).toBe("analysis_poll");
    expect(ballot.mode).toBe("secret");
    expect(ballot.resultsVisibility).toBe("after_close"); // a live secret tally would leak choices
    const page = await mainOf(member1.get(`/analyses/${id}`));
    expect(page).toContain("Informal poll (secret)");
    expect(page).toContain("it cannot accept or decline the proposal");
    const visitor = await clientFor();
    const pageEs = await mainOf(visitor.get(`/analyses/${id}`, { headers: { "Accept-Language": "es" } }));
    expect(pageEs).toContain("Sondeo informal (secreto)");

    const voters = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => clientFor(`member${n}@demo.test`)));
    const attempts = await Promise.all(voters.flatMap((c, i) => Array.from({ length: 5 }, (_, k) => vote(c, id, CHOICES[(i + k) % 3]!, undefined, "poll"))));
    const statuses = attempts.map((r) => r.status);
    expect(statuses.filter((s) => s === 302)).toHaveLength(6);
    expect(statuses.filter((s) => s === 409)).toHaveLength(24);

    const again = await vote(voters[0]!, id, "oppose", undefined, "poll");
    expect(again.status).toBe(409);
    expect(await mainOf(again)).toContain("a secret vote cannot be changed");

    const participation = await db.select().from(ballotParticipation).where(eq(ballotParticipation.ballotId, ballot.id));
    const sealed = await db.select().from(ballotSealedChoices).where(eq(ballotSealedChoices.ballotId, ballot.id));
    expect(participation).toHaveLength(6);
    expect(sealed).toHaveLength(6);
    // Every sealed row is the same length and no two are alike, whatever was chosen.
    expect(new Set(sealed.map((r) => r.sealed.length))).toEqual(new Set([44]));
    expect(new Set(sealed.map((r) => r.sealed.toString("hex"))).size).toBe(6);
    // No column anywhere holds a choice in the clear except the named votes.
    const choiceTables = await db.execute<{ table_name: string }>(
      sql`select distinct table_name from information_schema.columns where table_schema = 'public' and udt_name = 'vote_choice' order by table_name`,
    );
    expect(choiceTables.map((t) => t.table_name)).toEqual(["ballot_votes"]);
    // A sealed choice cannot be edited, even directly, and no tally can be written before the close.
    await expect(db.execute(sql`update ballot_sealed_choices set sealed = sealed where ballot_id = ${ballot.id}`)).rejects.toThrow();
    await expect(db.insert(ballotTallies).values({ ballotId: ballot.id, support: 1, oppose: 0, abstain: 0 })).rejects.toThrow();

    // Results wait for the close, even for staff.
    const manage = await mainOf(staff.get(`/analyses/${id}/manage`));
    expect(manage).toContain("6 of");
    expect(manage).not.toContain("Final results");

    await closeSoonAndRunJobs(staff, id, ballot);
    const [closed] = await db.select().from(ballots).where(eq(ballots.id, ballot.id));
    expect(closed!.status).toBe("closed");
    expect(await db.select().from(ballotSealedChoices).where(eq(ballotSealedChoices.ballotId, ballot.id))).toHaveLength(0);
    const tally = await tallyBallot(closed!);
    // Members i = 0..5 each got their first attempt's choice CHOICES[i % 3] or a later one: 6 in all.
    expect(tally.support + tally.oppose + tally.abstain).toBe(6);
    expect(tally.participants).toBe(6);
    const after = await mainOf(member1.get(`/analyses/${id}`));
    expect(after).toContain("Final results");
    expect(after).not.toMatch(/how each member voted/i);

    // The poll decides nothing: the decision is refused until an official vote exists and closes.
    const decide = await staff.post(`/analyses/${id}/manage`, { intent: "decision", status: "accepted", note: "The poll liked it." });
    expect(decide.status).toBe(409);
    expect(await mainOf(decide)).toContain("An informal poll cannot decide a proposal");
    const [still] = await db.select().from(analyses).where(eq(analyses.id, id));
    expect(still!.status).toBe("proposed");
    // The official vote can still be opened next to the poll.
    const official = await openVote(staff, id, { mode: "named" });
    expect(official.mode).toBe("named");
  }, 60_000);
});

describe("jobs, decisions, audit and the public pipeline", () => {
  it("schedules one close job and one reminder per ballot, and reminds only members who have not voted", async () => {
    const id = await propose(member1, "Which courts see the longest delays in drug cases?");
    const ballot = await openVote(staff, id, { closesAt: toCountyDateTimeValue(new Date(Date.now() + 3 * 24 * 60 * 60 * 1000)) });
    const jobs = await db.execute<{ key: string; task_identifier: string; run_at: Date }>(
      sql`select key, task_identifier, run_at from graphile_worker.jobs where key like ${`ballot:${ballot.id}:%`} order by key`,
    );
    expect(jobs.map((j) => [j.key, j.task_identifier])).toEqual([
      [`ballot:${ballot.id}:close`, "close_ballot"],
      [`ballot:${ballot.id}:remind`, "remind_ballot"],
    ]);
    expect(new Date(jobs[0]!.run_at).getTime()).toBe(ballot.closesAt.getTime());
    expect(new Date(jobs[1]!.run_at).getTime()).toBe(ballot.closesAt.getTime() - 24 * 60 * 60 * 1000);

    const member5 = await clientFor("member5@demo.test");
    expect((await vote(member5, id, "support")).status).toBe(302);
    const member6 = await clientFor("member6@demo.test");
    expect((await member6.post(`/analyses/${id}`, { intent: "recuse", conflict: "My employer supplied the data." })).status).toBe(302);

    // As the reminder job would, 24 hours before the close.
    const sent = await remindBallot(ballot.id, new Date(ballot.closesAt.getTime() - 23 * 60 * 60 * 1000));
    const eligible = await db.select().from(ballotEligible).where(eq(ballotEligible.ballotId, ballot.id));
    expect(sent).toBe(eligible.length - 2);
    const reminded = await db
      .select({ email: users.email })
      .from(notifications)
      .innerJoin(users, eq(users.id, notifications.userId))
      .where(and(eq(notifications.type, "vote_closing"), eq(notifications.url, `/analyses/${id}`)));
    const remindedEmails = reminded.map((r) => r.email);
    expect(remindedEmails).toContain("member1@demo.test");
    expect(remindedEmails).not.toContain("member5@demo.test");
    expect(remindedEmails).not.toContain("member6@demo.test");
  });

  it("records decisions and progress after the close, audits everything, and shows accepted work publicly", async () => {
    const id = await propose(member1, "Are juvenile cases diverted at the same rate in every district?");
    const ballot = await openVote(staff, id, { quorumPercent: "5" });
    const early = await staff.post(`/analyses/${id}/manage`, { intent: "decision", status: "accepted", note: "Too soon" });
    expect(early.status).toBe(409);
    expect(await mainOf(early)).toContain("The decision can be recorded once the vote has closed.");

    // Quorum and threshold lock once someone has voted.
    expect((await vote(member1, id, "support")).status).toBe(302);
    const locked = await staff.post(`/analyses/${id}/manage`, {
      intent: "vote-settings",
      closesAt: toCountyDateTimeValue(ballot.closesAt),
      quorumPercent: "90",
      thresholdPercent: "50",
      resultsVisibility: "after_close",
    });
    expect(locked.status).toBe(409);
    expect(await mainOf(locked)).toContain("Members have already voted, so the quorum and threshold can no longer change.");

    await closeSoonAndRunJobs(staff, id, ballot);

    const member2 = await clientFor("member2@demo.test");
    expect((await member2.post(`/analyses/${id}/manage`, { intent: "decision", status: "accepted" })).status).toBe(403);
    const declineNoReason = await staff.post(`/analyses/${id}/manage`, { intent: "decision", status: "declined" });
    expect(declineNoReason.status).toBe(409);
    expect(await mainOf(declineNoReason)).toContain("Give the reason for declining.");

    expect((await staff.post(`/analyses/${id}/manage`, { intent: "decision", status: "accepted", note: "The board supports it." })).status).toBe(302);
    expect((await staff.post(`/analyses/${id}/manage`, { intent: "decision", status: "in_progress" })).status).toBe(302);
    const noBrief = await staff.post(`/analyses/${id}/manage`, { intent: "decision", status: "completed" });
    expect(noBrief.status).toBe(409);
    expect(await mainOf(noBrief)).toContain("Link the brief that completes this analysis.");

    const visitor = await clientFor();
    let pipeline = await mainOf(visitor.get("/analyses/pipeline"));
    expect(pipeline).toContain("Are juvenile cases diverted at the same rate in every district?");
    expect(pipeline).toContain("In progress");

    expect(
      (await staff.post(`/analyses/${id}/manage`, { intent: "decision", status: "completed", brief: "http://127.0.0.1/briefs/juvenile-diversion-2026" }))
        .status,
    ).toBe(302);
    const [done] = await db.select().from(analyses).where(eq(analyses.id, id));
    expect(done!.status).toBe("completed");
    expect(done!.resultBriefSlug).toBe("juvenile-diversion-2026");
    pipeline = await mainOf(visitor.get("/analyses/pipeline"));
    expect(pipeline).toContain('href="/briefs/juvenile-diversion-2026"');
    expect(pipeline).toContain("Completed");

    // Nothing after completed.
    expect((await staff.post(`/analyses/${id}/manage`, { intent: "decision", status: "declined", note: "x" })).status).toBe(409);

    const audit = await db
      .select({ action: auditLog.action, actorId: auditLog.actorId })
      .from(auditLog)
      .where(inArray(auditLog.subjectId, [id, ballot.id]));
    const actions = audit.map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining(["analysis.proposed", "ballot.opened", "ballot.settings_changed", "ballot.closed", "analysis.decided", "analysis.progress"]),
    );
    expect(actions.filter((a) => a === "analysis.progress")).toHaveLength(2);
    expect(audit.find((a) => a.action === "ballot.closed")!.actorId).toBeNull(); // closed by the job
  }, 60_000);

  it("never 500s on malformed staff input or unknown ids", async () => {
    const id = await propose(member1, "Do bail recommendations differ across similar cases?");
    const bad = await staff.post(`/analyses/${id}/manage`, {
      intent: "open-vote",
      closesAt: "tomorrow",
      quorumPercent: "lots",
      thresholdPercent: "120",
      mode: "loud",
    });
    expect(bad.status).toBe(400);
    const html = await mainOf(bad);
    expect(html).toContain("Enter a date and time.");
    expect(html).toContain("Enter a whole number from 0 to 100.");
    const past = await staff.post(`/analyses/${id}/manage`, {
      intent: "open-vote",
      closesAt: toCountyDateTimeValue(new Date(Date.now() - 60_000)),
      quorumPercent: "50",
      thresholdPercent: "50",
    });
    expect(past.status).toBe(409);
    expect(await mainOf(past)).toContain("The closing time must be in the future.");
    expect((await staff.get("/analyses/not-a-uuid")).status).toBe(404);
    expect((await staff.get("/analyses/00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await member1.post(`/analyses/${id}`, { intent: "vote", choice: "maybe" })).status).toBe(400);
    expect((await member1.post(`/analyses/${id}`, { intent: "vote", choice: "support" })).status).toBe(409); // no vote open
  });
});

describe("the county's time zone", () => {
  it("reads the typed closing time as county wall-clock time and shows it back the same way", async () => {
    const id = await propose(member1, "Do weekend arrests differ by district?");
    // 18:00 in Chicago in January (CST, UTC-6) is midnight UTC the next day; in July (CDT) 23:00 UTC.
    const winter = await openVote(staff, id, { closesAt: "2031-01-15T18:00" });
    expect(winter.closesAt.toISOString()).toBe("2031-01-16T00:00:00.000Z");
    const page = await mainOf(staff.get(`/analyses/${id}/manage`));
    expect(page).toContain('value="2031-01-15T18:00"');
    expect(page).toContain("America/Chicago");
    const moved = await staff.post(`/analyses/${id}/manage`, {
      intent: "vote-settings",
      closesAt: "2031-07-15T18:00",
      quorumPercent: "50",
      thresholdPercent: "50",
      resultsVisibility: "after_close",
    });
    expect(moved.status).toBe(302);
    const [summer] = await db.select().from(ballots).where(eq(ballots.id, winter.id));
    expect(summer!.closesAt.toISOString()).toBe("2031-07-15T23:00:00.000Z");
  });
});
