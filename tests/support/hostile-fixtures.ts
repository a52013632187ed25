/**
 * What the hostile-input targets need beyond the seeded demo data, made once through the
 * modules' services: single-use tokens (reset, invitation, unsubscribe) and sessions to end,
 * a throwaway resident whose account forms can be hammered without touching the demo logins,
 * a concern, a comment, a draft brief and response, a held meeting with circulated minutes.
 */
import { eq, sql } from "drizzle-orm";
import { db } from "~/db/client.server";
import { invitations, meetings, users } from "~/db/schema";
import { sessionHandle } from "~/modules/auth/index.server";
import { issueToken, registerResident, startSession } from "~/modules/auth/index.server";
import { createToken } from "~/modules/auth/index.server";
import { createBrief } from "~/modules/briefs/index.server";
import { briefSubject } from "~/modules/briefs";
import { createComment } from "~/modules/comments/index.server";
import { issueApiKey } from "~/modules/concerns/index.server";
import { createConcern } from "~/modules/concerns/index.server";
import { circulateMinutes, createMeeting, recordAttendance, saveMinutesDraft } from "~/modules/meetings/index.server";
import { signUnsubscribeToken } from "~/modules/notifications/index.server";
import { policyInForce } from "~/modules/policies/index.server";
import { saveResponse } from "~/modules/responses/index.server";
import { richTextFromPlainText } from "~/modules/richtext/index.server";
import { generateCaseCsv } from "./metrics-csv";
import { addDays, countyDay, countyToday } from "~/utils/clock";

export const hostileContext = {
  resetTokens: [] as string[],
  invitationToken: "",
  sessionHandles: [] as string[],
  unsubscribeToken: "",
  open311Key: "",
  concernCode: "",
  concernNumber: "",
  member1Id: "",
  member2Id: "",
  member3CommentId: "",
  openVoteAnalysisId: "",
  upcomingMeetingId: "",
  heldMeetingId: "",
  draftBriefId: "",
  draftResponseId: "",
  policyId: "",
  violencePolicyId: "",
  caseCsv: "",
};

const text = (value: string, profile: "comment" | "document") => {
  const r = richTextFromPlainText(value, profile);
  if (!r.ok) throw new Error(`hostile fixture rich text: ${r.error}`);
  return r;
};

async function user(email: string) {
  const [u] = await db.select().from(users).where(eq(users.email, email));
  if (!u) throw new Error(`no demo user ${email}`);
  return u;
}

export async function prepareHostileFixtures() {
  const ctx = hostileContext;
  const analyst = await user("analyst@demo.test");
  const admin = await user("admin@demo.test");
  const member1 = await user("member1@demo.test");
  const member2 = await user("member2@demo.test");
  const member3 = await user("member3@demo.test");
  const member11 = await user("member11@demo.test");
  ctx.member1Id = member1.id;
  ctx.member2Id = member2.id;
  const origin = "http://localhost";
  const today = countyToday();

  // A throwaway resident: its password, email and sessions are what the account targets change.
  const account = await registerResident(
    { email: "hostile.account@example.org", password: "demo-password-2026", displayName: "Hostile Account", locale: "en" },
    origin,
  );
  if (!account.ok) throw new Error("hostile fixture: account");
  for (let i = 0; i < 40; i++) ctx.sessionHandles.push(sessionHandle((await startSession(account.user.id)).session.id));
  // Resetting a password ends the account's sessions: the reset tokens belong to another account.
  const resetting = await registerResident(
    { email: "hostile.reset@example.org", password: "demo-password-2026", displayName: "Hostile Reset", locale: "en" },
    origin,
  );
  if (!resetting.ok) throw new Error("hostile fixture: reset account");
  for (let i = 0; i < 40; i++) ctx.resetTokens.push(await issueToken(db, resetting.user.id, "reset_password", 3_600_000));
  const { token, tokenHash } = createToken();
  await db
    .insert(invitations)
    .values({ email: "hostile.invitee@example.org", role: "cab_member", tokenHash, invitedById: admin.id, expiresAt: new Date(Date.now() + 86_400_000) });
  ctx.invitationToken = token;
  ctx.unsubscribeToken = await signUnsubscribeToken({ userId: member1.id }, "brief_published");
  ctx.open311Key = (await issueApiKey("Hostile input", { id: admin.id })).key;

  const concern = await createConcern({
    kindCode: "drug_sales",
    description: "Hostile fixture: sales on the corner.",
    observedDate: addDays(today, -3),
    observedTime: "20:00",
    address: "1450 E 55th St",
    zip: "64127",
    email: "hostile.reporter@example.org",
    locale: "en",
  });
  if (!concern.ok) throw new Error("hostile fixture: concern");
  ctx.concernCode = concern.trackingCode;
  ctx.concernNumber = String(concern.number);

  const [brief] = await db.execute<{ id: string; slug: string; title: string }>(
    sql`select id, slug, title from briefs where slug = 'repeat-calls-problem-properties-2025'`,
  );
  const comment = await createComment(
    briefSubject(brief!),
    { id: member3.id, role: member3.role, displayName: member3.displayName },
    text("Hostile fixture: a comment to edit, report and hide.", "comment"),
    null,
  );
  ctx.member3CommentId = comment.id;

  const [open] = await db.execute<{ id: string }>(
    sql`select a.id from analyses a join ballots b on b.subject_id = a.id::text and b.subject_type = 'analysis' where b.status = 'open'`,
  );
  ctx.openVoteAnalysisId = open!.id;

  const [upcoming] = await db.select({ id: meetings.id }).from(meetings).where(eq(meetings.status, "scheduled"));
  ctx.upcomingMeetingId = upcoming!.id;
  // A meeting that was held, with draft minutes circulated: corrections and decisions apply to it.
  const day = addDays(today, -7);
  const held = await createMeeting(
    { id: analyst.id },
    { title: "Hostile fixture meeting", mode: "online", link: "https://meet.example.org/h", startsAt: `${day}T18:00`, endsAt: `${day}T19:00`, isPublic: true },
    { origin },
  );
  await db.update(meetings).set({ status: "held" }).where(eq(meetings.id, held.id));
  await recordAttendance({ id: analyst.id }, held.id, [{ userId: member11.id, status: "present" }], { origin });
  const draft = await saveMinutesDraft({ id: analyst.id }, held.id, text("The chair opened the meeting.", "document"), { origin });
  await circulateMinutes({ id: analyst.id }, draft.minutesId, { origin });
  ctx.heldMeetingId = held.id;

  ctx.draftBriefId = (
    await createBrief(
      { id: analyst.id },
      { title: "Hostile draft brief", summary: "A summary of this brief for the board.", topics: [] },
      text("Draft.", "document"),
    )
  ).id;
  const policy = await policyInForce("documented_concern", today);
  const violence = await policyInForce("connection_to_violence", today);
  ctx.policyId = policy!.id;
  ctx.violencePolicyId = violence!.id;
  const saved = await saveResponse(
    { id: analyst.id },
    null,
    {
      title: "Hostile draft response",
      summary: "Two residents reported sales from parked cars. Here is what the office did.",
      body: text("Draft.", "document"),
      policyVersionId: policy!.id,
      criterionStatement: "Both reports come from residents of the block and name a place and time.",
      concernIds: [],
      cluster: null,
      ref: null,
      snapshotIds: [],
      newSnapshot: null,
    },
    { publish: false },
  );
  ctx.draftResponseId = saved.response.id;
  ctx.caseCsv = generateCaseCsv(30, { year: 2031, prefix: "H" });
}
