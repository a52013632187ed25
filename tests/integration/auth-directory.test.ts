import { asc, eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { meetingQuorum } from "~/modules/meetings/index.server";
import { comments, meetingAttendance, meetings, users } from "~/db/schema";
import { activeCabMemberCount, activeCabMemberIds, activeCabMembers, displayNameOf, emailOf, isActiveCabMember } from "~/modules/auth/index.server";

// The people directory other modules read instead of the users table (auth owns it).

async function account(email: string) {
  const [row] = await db.select().from(users).where(eq(users.email, email));
  return row!;
}

describe("auth's people directory", () => {
  it("lists active CAB members only: no residents, no staff, no deactivated member", async () => {
    const gone = await account("member3@demo.test");
    await db.update(users).set({ deactivatedAt: new Date() }).where(eq(users.id, gone.id));
    const resident = await account("resident@demo.test");
    const analyst = await account("analyst@demo.test");

    const members = await activeCabMembers();
    const ids = members.map((m) => m.id);
    expect(ids).not.toContain(gone.id);
    expect(ids).not.toContain(resident.id);
    expect(ids).not.toContain(analyst.id);
    expect(members.length).toBe(11); // member1…member12 less the deactivated one
    expect(members.map((m) => m.displayName)).toEqual([...members.map((m) => m.displayName)].sort((a, b) => a.localeCompare(b, "en")));
    expect(new Set(await activeCabMemberIds())).toEqual(new Set(ids));
    expect(await activeCabMemberCount()).toBe(11);

    await db.update(users).set({ deactivatedAt: null }).where(eq(users.id, gone.id));
    expect(await activeCabMemberCount()).toBe(12);
  });

  it("names the right person in a single-table select (drizzle leaves its columns unqualified there)", async () => {
    // Rows by different authors (an "id" column in the table, as a trap); every name must be its own author's.
    const body = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "hello" }] }] };
    const authors = await Promise.all(["member1@demo.test", "member2@demo.test", "analyst@demo.test"].map(account));
    await db.insert(comments).values(
      authors.map((a) => {
        const id = crypto.randomUUID();
        return {
          id,
          subjectType: "brief",
          subjectId: crypto.randomUUID(),
          rootId: id,
          authorId: a.id,
          bodyJson: body,
          bodyHtml: "<p>hello</p>",
          bodyText: "hello",
        };
      }),
    );
    const rows = await db
      .select({ id: comments.id, authorId: comments.authorId, name: displayNameOf(comments.authorId), email: emailOf(comments.authorId) })
      .from(comments)
      .limit(50);
    expect(rows.length).toBeGreaterThan(1);
    const people = await db
      .select({ id: users.id, displayName: users.displayName, email: users.email })
      .from(users)
      .where(inArray(users.id, [...new Set(rows.map((r) => r.authorId))]));
    const byId = new Map(people.map((p) => [p.id, p]));
    for (const r of rows) {
      expect(r.name).toBe(byId.get(r.authorId)!.displayName);
      expect(r.email).toBe(byId.get(r.authorId)!.email);
    }
    // Even when the caller's column has the same name as the directory's own ("id"), it stays the caller's.
    const self = await db.select({ id: users.id, displayName: users.displayName, name: displayNameOf(users.id) }).from(users);
    expect(self.length).toBeGreaterThan(10);
    for (const r of self) expect(r.name).toBe(r.displayName);
    // An id with no account gives null, not someone else's name.
    const [none] = await db
      .select({ name: displayNameOf(sql`${"no-such-user"}`) })
      .from(meetings)
      .limit(1);
    expect(none).toBeTruthy();
    expect(none!.name).toBeNull();
  });

  it("counts only active board members among those present (quorum)", async () => {
    const [meeting] = await db.select({ id: meetings.id }).from(meetings).orderBy(asc(meetings.startsAt)).limit(1);
    expect(meeting).toBeTruthy();
    const member = await account("member5@demo.test");
    const resident = await account("resident@demo.test");
    await db.delete(meetingAttendance).where(eq(meetingAttendance.meetingId, meeting!.id));
    await db.insert(meetingAttendance).values([
      { meetingId: meeting!.id, userId: member.id, status: "present" },
      { meetingId: meeting!.id, userId: resident.id, status: "present" },
    ]);
    const counted = await db
      .select({ userId: meetingAttendance.userId, member: isActiveCabMember(meetingAttendance.userId) })
      .from(meetingAttendance)
      .where(eq(meetingAttendance.meetingId, meeting!.id));
    expect(Object.fromEntries(counted.map((c) => [c.userId, c.member]))).toEqual({ [member.id]: true, [resident.id]: false });
    // The meetings module's quorum goes through it: the resident is not counted, every active member is eligible.
    const quorum = await meetingQuorum(meeting!.id);
    expect(quorum.present).toBe(1);
    expect(quorum.eligible).toBe(12);
  });
});
