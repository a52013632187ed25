import { and, eq, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * Search over meetings, minutes and office responses, and what it must never show. Each planted
 * row carries its own made-up word, so a hit can only come from that row; the adversary is an
 * anonymous visitor or a signed-in resident asking for the word of something they may not see.
 */

const { db } = await import("~/db/client.server");
const schema = await import("~/db/schema");
const { approvalOutcome, quorumPercent } = await import("~/modules/meetings/index.server");
const { clientFor } = await import("../support/app");
const { addDays, countyDateTimeToDate, countyToday } = await import("~/utils/clock");
const { comments, meetingAttendance, meetings, minutes, minutesApprovals, minutesRevisions, responses, users } = schema;

type Hit = { kind: string; title: string; url: string };
type Client = Awaited<ReturnType<typeof clientFor>>;

// Letters only (a stemmer leaves them whole), different in every run.
const tag = Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join("");
const word = (name: string) => `zq${name}${tag}`;

const W = {
  publicMeeting: word("openmeeting"),
  approvedMinutes: word("approvedminutes"),
  circulatedMinutes: word("circulatedminutes"),
  draftMinutes: word("draftminutes"),
  closedMeeting: word("closedsession"),
  closedMinutes: word("closedminutes"),
  closedComment: word("closedcomment"),
  publishedResponse: word("publishedresponse"),
  draftResponse: word("draftresponse"),
};

async function search(client: Client, q: string): Promise<Hit[]> {
  const r = await client.get(`/search?q=${encodeURIComponent(q)}&_data=routes%2Fsearch`);
  expect(r.status).toBe(200);
  return ((await r.json()) as { hits: Hit[] }).hits;
}

const doc = (text: string) => ({
  doc: { type: "doc" as const, content: [{ type: "paragraph", content: [{ type: "text", text }] }] },
  html: `<p>${text}</p>`,
  text,
});

/** A held meeting with minutes at `status`, built as the seeds build them (approval from its attendance). */
async function plantMeeting(input: {
  title: string;
  agenda: string;
  isPublic: boolean;
  minutes?: { status: "draft" | "circulated" | "approved"; text: string };
}) {
  const members = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "cab_member"), isNull(users.deactivatedAt)));
  const [staff] = await db.select({ id: users.id }).from(users).where(eq(users.email, "analyst@demo.test"));
  const startsAt = countyDateTimeToDate(`${addDays(countyToday(), -7)}T18:00`)!;
  return db.transaction(async (tx) => {
    const agenda = doc(input.agenda);
    const [meeting] = await tx
      .insert(meetings)
      .values({
        title: input.title,
        mode: "in_person",
        place: "County Administration Building, 415 E 12th St",
        startsAt,
        endsAt: new Date(startsAt.getTime() + 2 * 3600_000),
        status: "held",
        isPublic: input.isPublic,
        agendaDoc: agenda.doc,
        agendaHtml: agenda.html,
        agendaText: agenda.text,
      })
      .returning();
    if (!input.minutes) return meeting!;
    await tx
      .insert(meetingAttendance)
      .values(members.map((m) => ({ meetingId: meeting!.id, userId: m.id, status: "present" as const, recordedById: staff!.id })));
    const [row] = await tx.insert(minutes).values({ meetingId: meeting!.id }).returning();
    const body = doc(input.minutes.text);
    const [revision] = await tx
      .insert(minutesRevisions)
      .values({ minutesId: row!.id, number: 1, kind: "draft", bodyDoc: body.doc, bodyHtml: body.html, bodyText: body.text, createdById: staff!.id })
      .returning();
    await tx.update(minutes).set({ currentRevisionId: revision!.id }).where(eq(minutes.id, row!.id));
    if (input.minutes.status === "draft") return meeting!;
    await tx.update(minutes).set({ status: "circulated", circulatedAt: new Date() }).where(eq(minutes.id, row!.id));
    if (input.minutes.status === "circulated") return meeting!;
    const percent = quorumPercent();
    const vote = { support: members.length, oppose: 0, abstain: 0 };
    const outcome = approvalOutcome({ ...vote, presentCount: members.length, eligibleCount: members.length, quorumPercent: percent });
    const [approval] = await tx
      .insert(minutesApprovals)
      .values({
        minutesId: row!.id,
        revisionId: revision!.id,
        votedAtMeetingId: meeting!.id,
        ...vote,
        presentCount: members.length,
        eligibleCount: members.length,
        quorumPercent: percent,
        ...outcome,
        recordedById: staff!.id,
      })
      .returning();
    await tx.update(minutes).set({ status: "approved", approvalId: approval!.id, publishedAt: new Date() }).where(eq(minutes.id, row!.id));
    return meeting!;
  });
}

async function plantResponse(title: string, text: string, status: "draft" | "published") {
  const body = doc(text);
  const [row] = await db
    .insert(responses)
    .values({
      slug: `search-${status}-${tag}-${Math.random().toString(36).slice(2, 8)}`,
      title,
      summary: `Summary of ${title}.`,
      bodyJson: body.doc,
      bodyHtml: body.html,
      bodyText: body.text,
      status,
      publishedAt: status === "published" ? new Date() : null,
    })
    .returning();
  return row!;
}

let publicMeeting: { id: string };
let closedMeeting: { id: string };
let publishedResponse: { slug: string };

beforeAll(async () => {
  publicMeeting = await plantMeeting({
    title: `Listening session on Central Ave ${W.publicMeeting}`,
    agenda: "Residents speak about Central Ave.",
    isPublic: true,
    minutes: { status: "approved", text: `The board heard residents. ${W.approvedMinutes}` },
  });
  await plantMeeting({
    title: "Board meeting, circulated minutes",
    agenda: "Minutes.",
    isPublic: true,
    minutes: { status: "circulated", text: `Not yet approved ${W.circulatedMinutes}` },
  });
  await plantMeeting({
    title: "Board meeting, draft minutes",
    agenda: "Minutes.",
    isPublic: true,
    minutes: { status: "draft", text: `Staff draft ${W.draftMinutes}` },
  });
  closedMeeting = await plantMeeting({
    title: `Closed session ${W.closedMeeting}`,
    agenda: `Litigation under RSMo 610.021(1) ${W.closedMeeting}`,
    isPublic: false,
    minutes: { status: "approved", text: `Closed minutes ${W.closedMinutes}` },
  });
  const [member] = await db.select({ id: users.id }).from(users).where(eq(users.email, "member1@demo.test"));
  const c = doc(`A member's remark in the closed session ${W.closedComment}`);
  await db
    .insert(comments)
    .values({ subjectType: "meeting", subjectId: closedMeeting.id, authorId: member!.id, bodyJson: c.doc, bodyHtml: c.html, bodyText: c.text });
  publishedResponse = await plantResponse(`What the office did about Central Ave`, `Published answer ${W.publishedResponse}`, "published");
  await plantResponse(`Draft answer about Central Ave`, `Unpublished answer ${W.draftResponse}`, "draft");
});

describe("search: meetings, minutes and office responses", () => {
  it("finds a meeting and a response by the words of their titles (“Central Ave”)", async () => {
    const visitor = await clientFor();
    const hits = await search(visitor, '"Central Ave"');
    const urls = hits.map((h) => h.url);
    expect(urls).toContain(`/meetings/${publicMeeting.id}`);
    expect(urls).toContain(`/responses/${publishedResponse.slug}`);
    expect(hits.find((h) => h.url === `/meetings/${publicMeeting.id}`)!.kind).toBe("meeting");
    expect(hits.find((h) => h.url === `/responses/${publishedResponse.slug}`)!.kind).toBe("response");
    // The draft response has the phrase in its title too, and is not there.
    expect(hits.some((h) => h.title.startsWith("Draft answer"))).toBe(false);
    // The page itself says what each hit is, in the reader's language.
    const html = await (await visitor.get(`/search?q=${encodeURIComponent('"Central Ave"')}`)).text();
    expect(html).toContain("What the office did about Central Ave");
    expect(html).toContain("Office response");
    // And the demo's own response, by the Kansas City street of its block.
    expect((await search(visitor, '"Prospect Ave"')).some((h) => h.kind === "response" && h.title.includes("2600 block of Prospect Ave"))).toBe(true);
  });

  it("finds approved minutes by their text, linking to the minutes on the meeting page", async () => {
    const hits = await search(await clientFor(), W.approvedMinutes);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ kind: "minutes", url: `/meetings/${publicMeeting.id}#minutes` });
  });

  it("never shows draft or circulated minutes, closed sessions or unpublished responses to a visitor or a resident", async () => {
    const adversaries = [await clientFor(), await clientFor("resident@demo.test")];
    const secret = [W.draftMinutes, W.circulatedMinutes, W.closedMeeting, W.closedMinutes, W.closedComment, W.draftResponse];
    for (const client of adversaries) {
      for (const w of secret) expect(await search(client, w), w).toEqual([]);
      // Nor through the operators a visitor can type: a prefix-free OR of all of them, a phrase, a negation.
      expect(await search(client, secret.join(" or "))).toEqual([]);
      expect(await search(client, `"Closed session ${W.closedMeeting}"`)).toEqual([]);
      expect((await search(client, `"Central Ave" -${W.publicMeeting}`)).some((h) => h.title.startsWith("Draft answer") || h.title.startsWith("Closed"))).toBe(
        false,
      );
      // The HTML page lists none either (it echoes the query, so look at its results list).
      const html = await (await client.get(`/search?q=${encodeURIComponent(secret.join(" or "))}`)).text();
      expect(html).toMatch(/<h2 id="results-heading"[^>]*>0 (results|resultados)/);
      expect(html).toContain('<ol class="search-results"></ol>');
      // The closed session's own page is a 404 for them, as its search hits are absent.
      expect((await client.get(`/meetings/${closedMeeting.id}`)).status).toBe(404);
    }
  });

  it("shows board members what the board may see, and staff the drafts they may open", async () => {
    const member = await clientFor("member2@demo.test");
    for (const w of [W.circulatedMinutes, W.closedMeeting, W.closedMinutes, W.closedComment]) expect((await search(member, w)).length, w).toBeGreaterThan(0);
    for (const w of [W.draftMinutes, W.draftResponse]) expect(await search(member, w), w).toEqual([]);
    const staff = await clientFor("analyst@demo.test");
    for (const w of [W.draftMinutes, W.draftResponse, W.closedMinutes]) expect((await search(staff, w)).length, w).toBeGreaterThan(0);
  });
});
