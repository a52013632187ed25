/**
 * Private objects for the authorization matrix, made once on top of the seeded demo data through
 * the modules' own services (the seeds have no draft, hidden or secret objects): another
 * resident's concern with contact details, member2's comment hidden by staff, a draft brief, a
 * draft response, a CAB-only meeting, a secret ballot with member2's vote in it, an Open311 key.
 * The table's `params` find them again in the database by the marker texts below.
 */
import { eq, sql } from "drizzle-orm";
import { db } from "~/db/client.server";
import { analyses, briefs, users } from "~/db/schema";
import { openAnalysisVote, voteOnAnalysis } from "~/modules/analyses/index.server";
import { sessionHandle } from "~/modules/auth/index.server";
import { startSession } from "~/modules/auth/index.server";
import { createBrief } from "~/modules/briefs/index.server";
import { briefSubject } from "~/modules/briefs";
import { createComment, moderateComment } from "~/modules/comments/index.server";
import { issueApiKey } from "~/modules/concerns/index.server";
import { createConcern } from "~/modules/concerns/index.server";
import { createMeeting } from "~/modules/meetings/index.server";
import { policyInForce } from "~/modules/policies/index.server";
import { saveResponse } from "~/modules/responses/index.server";
import { richTextFromPlainText } from "~/modules/richtext/index.server";
import { addDays, countyDay, countyToday } from "~/utils/clock";

/** Another resident's concern: these private details must reach no page but the staff one. */
export const OTHER_CONCERN = {
  description: "Matrix fixture: another resident's concern about the corner lot.",
  address: "4321 Matrixprivate Ave",
  name: "Matrixia Privatereporter",
  email: "matrix.private.reporter@example.org",
  phone: "216-555-0199",
};
export const HIDDEN_COMMENT = "Matrix fixture: a remark by member two, hidden by staff.";
export const HIDDEN_COMMENT_BRIEF = "repeat-calls-problem-properties-2025";
export const CAB_BRIEF = "diversion-outcomes-2024-board-review";
export const DRAFT_BRIEF_TITLE = "Matrix fixture draft brief for staff eyes";
export const DRAFT_RESPONSE_TITLE = "Matrix fixture draft response for staff eyes";
export const PRIVATE_MEETING_TITLE = "Matrix fixture closed board session";
export const SECRET_QUESTION = "Did the violence-interruption referrals change repeat-shooting rates in the districts that had them?";

export const fixtures = { open311Key: "", member2Name: "", member2SessionHandle: "" };

function text(value: string, profile: "comment" | "document") {
  const r = richTextFromPlainText(value, profile);
  if (!r.ok) throw new Error(`fixture rich text: ${r.error}`);
  return r;
}

async function user(email: string) {
  const [u] = await db.select().from(users).where(eq(users.email, email));
  if (!u) throw new Error(`no demo user ${email}`);
  return u;
}

export async function prepareMatrixFixtures() {
  const analyst = await user("analyst@demo.test");
  const admin = await user("admin@demo.test");
  const member2 = await user("member2@demo.test");
  fixtures.member2Name = member2.displayName;
  const today = countyToday();

  const concern = await createConcern({
    kindCode: "nuisance_property",
    description: OTHER_CONCERN.description,
    observedDate: addDays(today, -2),
    observedTime: "20:15",
    address: OTHER_CONCERN.address,
    zip: "64128",
    name: OTHER_CONCERN.name,
    email: OTHER_CONCERN.email,
    phone: OTHER_CONCERN.phone,
    consent: true,
    locale: "en",
  });
  if (!concern.ok) throw new Error(`fixture concern: ${concern.error}`);

  const [brief] = await db.select().from(briefs).where(eq(briefs.slug, HIDDEN_COMMENT_BRIEF));
  const subject = briefSubject(brief!);
  const member2Actor = { id: member2.id, role: member2.role, displayName: member2.displayName };
  const analystActor = { id: analyst.id, role: analyst.role, displayName: analyst.displayName };
  await createComment(subject, member2Actor, text(HIDDEN_COMMENT, "comment"), null);
  const [comment] = await db.execute<{ id: string }>(
    // The newest comment by member2 on that brief.
    sql`select id from comments where author_id = ${member2.id} and subject_id = ${brief!.id} order by created_at desc limit 1`,
  );
  await moderateComment(subject, analystActor, comment!.id, { action: "hide", reason: "Matrix fixture moderation" });

  await createBrief(
    { id: analyst.id },
    { title: DRAFT_BRIEF_TITLE, summary: "A draft that only office staff may see.", topics: [] },
    text("Draft body.", "document"),
  );

  const policy = await policyInForce("documented_concern", today);
  await saveResponse(
    { id: analyst.id },
    null,
    {
      title: DRAFT_RESPONSE_TITLE,
      summary: "A draft response that only office staff may see.",
      body: text("Draft response body.", "document"),
      policyVersionId: policy!.id,
      criterionStatement: "Draft.",
      concernIds: [],
      cluster: null,
      ref: null,
      snapshotIds: [],
      newSnapshot: null,
    },
    { publish: false },
  );

  const start = addDays(countyToday(), 20);
  await createMeeting(
    { id: analyst.id },
    {
      title: PRIVATE_MEETING_TITLE,
      mode: "online",
      link: "https://meet.example.org/closed",
      startsAt: `${start}T18:00`,
      endsAt: `${start}T19:00`,
      isPublic: false,
    },
    { origin: "http://localhost" },
  );

  const [analysis] = await db.select().from(analyses).where(eq(analyses.question, SECRET_QUESTION));
  const opened = await openAnalysisVote({ id: analyst.id }, analysis!.id, {
    mode: "secret",
    resultsVisibility: "live",
    closesAt: new Date(Date.now() + 5 * 86_400_000),
    quorumPercent: 50,
    thresholdPercent: 50,
  });
  if (!opened.ok) throw new Error(`fixture ballot: ${opened.reason}`);
  const voted = await voteOnAnalysis(analysis!.id, member2.id, "oppose", null, "poll");
  if (!voted.ok) throw new Error(`fixture vote: ${voted.reason}`);

  // member2 signed in elsewhere: nobody else can end that session by its handle.
  fixtures.member2SessionHandle = sessionHandle((await startSession(member2.id)).session.id);
  fixtures.open311Key = (await issueApiKey("Matrix fixture", { id: admin.id })).key;
}
