import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { citationConcerns, citations, concernDocumentations, concerns, policyVersions } from "~/db/schema";
import { createConcern } from "~/modules/concerns/index.server";
import { drugCitationCountsByMonth, lookupDocumentedConcerns, policyInForce } from "~/modules/policies/index.server";
import { clientFor, type Client } from "../support/app";
import { addDays, countyDay, countyToday } from "~/utils/clock";

const today = countyToday();
let admin: Client;
let analyst: Client;

async function newConcern(daysAgo: number, address: string) {
  const r = await createConcern({
    kindCode: "drug_sales",
    description: "Sales on the corner",
    observedDate: addDays(today, -daysAgo),
    address,
    zip: "64127",
    locale: "en",
  });
  if (!r.ok) throw new Error("seed");
  return r.number;
}

/** Documents a concern through the staff page, ticking every item the page offers. */
async function documentViaPage(number: number) {
  const page = await (await analyst.get(`/staff/concerns/${number}`)).text();
  const policyVersionId = /name="policyVersionId" value="([0-9a-f-]{36})"/.exec(page)?.[1];
  const checklist = [...page.matchAll(/name="checklist" value="([^"]+)"/g)].map((m) => m[1]!);
  expect(policyVersionId).toBeTruthy();
  const r = await analyst.post(`/staff/concerns/${number}`, { intent: "document", policyVersionId: policyVersionId!, checklist });
  expect(r.status).toBe(302);
  const [row] = await db
    .select({ doc: concernDocumentations })
    .from(concernDocumentations)
    .innerJoin(concerns, eq(concerns.id, concernDocumentations.concernId))
    .where(eq(concerns.number, number));
  return row!.doc;
}

beforeAll(async () => {
  admin = await clientFor("admin@demo.test");
  analyst = await clientFor("analyst@demo.test");
});

describe("charging policies as dated versions", () => {
  it("documents under the version in force on the observed day, and the lookup and citations follow policy changes", async () => {
    const oldVersion = (await policyInForce("documented_concern", today))!;
    expect(oldVersion).toBeTruthy();
    const before = await newConcern(30, "2210 Policy Ave");
    const docBefore = await documentViaPage(before);
    expect(docBefore.policyVersionId).toBe(oldVersion.id);
    expect(docBefore.citationNumber).toMatch(/^DC-\d{4}-\d{5}$/);

    // A new prosecutor replaces the policy from ten days ago.
    const created = await admin.post("/admin/policies", {
      kind: "documented_concern",
      name: "New prosecutor's policy",
      text: "Concerns must be corroborated.",
      effectiveFrom: addDays(today, -10),
      checklist: "Seen by a resident\nA specific place and time\nCorroborated by a second report or staff visit\nDirect effect on the block",
    });
    expect(created.status).toBe(302);
    const newVersion = (await policyInForce("documented_concern", today))!;
    expect(newVersion.id).not.toBe(oldVersion.id);
    expect(newVersion.checklist).toHaveLength(4);
    const [closed] = await db.select().from(policyVersions).where(eq(policyVersions.id, oldVersion.id));
    expect(closed!.effectiveTo).toBe(addDays(today, -10));

    const after = await newConcern(3, "2250 Policy Ave");
    const page = await (await analyst.get(`/staff/concerns/${after}`)).text();
    expect(page).toContain("New prosecutor&#x27;s policy");
    // Documenting with too few items is refused, keeping the concern undocumented.
    const partial = await analyst.post(`/staff/concerns/${after}`, {
      intent: "document",
      policyVersionId: newVersion.id,
      checklist: [newVersion.checklist[0]!.id],
    });
    expect(partial.status).toBe(400);
    expect(await partial.text()).toContain("Every checklist item must be met");
    const docAfter = await documentViaPage(after);
    expect(docAfter.policyVersionId).toBe(newVersion.id);

    // The lookup judges each concern under the version in force on its own day.
    const rows = await lookupDocumentedConcerns({ place: "2200 block of Policy Ave", from: addDays(today, -60), to: today });
    const byNumber = new Map(rows.map((r) => [r.number, r]));
    expect(byNumber.get(before)).toMatchObject({ qualifies: true, inForce: { id: oldVersion.id }, documentedUnder: { id: oldVersion.id } });
    expect(byNumber.get(after)).toMatchObject({ qualifies: true, inForce: { id: newVersion.id }, documentedUnder: { id: newVersion.id } });
    const html = await (await analyst.get(`/staff/citations?place=${encodeURIComponent("2234 Policy Ave")}&from=${addDays(today, -60)}&to=${today}`)).text();
    expect(html).toContain(docBefore.citationNumber);
    expect(html).toContain(docAfter.citationNumber);

    // A citation records the policy version it was decided under.
    const cite = await analyst.post(`/staff/citations?place=2234+Policy+Ave`, {
      intent: "cite",
      caseRef: "CR-2026-TEST-1",
      decision: "filed",
      policyVersionId: newVersion.id,
      decidedOn: today,
      documentationIds: [docBefore.id, docAfter.id],
    });
    expect(cite.status).toBe(302);
    const [citation] = await db.select().from(citations).where(eq(citations.caseRef, "CR-2026-TEST-1"));
    expect(citation!.policyVersionId).toBe(newVersion.id);
    const cited = await db.select().from(citationConcerns).where(eq(citationConcerns.citationId, citation!.id));
    expect(cited.map((c) => c.documentationId).sort()).toEqual([docBefore.id, docAfter.id].sort());

    // A retroactive version for the old dates: the concern documented under the old one no longer qualifies.
    const retro = await admin.post("/admin/policies", {
      kind: "documented_concern",
      name: "Interim policy",
      text: "Interim.",
      effectiveFrom: addDays(today, -40),
      effectiveTo: addDays(today, -10),
      checklist: "Interim item",
    });
    expect(retro.status).toBe(302);
    const again = await lookupDocumentedConcerns({ place: "64127", from: addDays(today, -60), to: today });
    const beforeRow = again.find((r) => r.number === before)!;
    expect(beforeRow.qualifies).toBe(false);
    expect(beforeRow.reason).toBe("other_version");
    expect(beforeRow.inForce!.id).not.toBe(oldVersion.id);
    expect(again.find((r) => r.number === after)!.qualifies).toBe(true);
    const refused = await analyst.post("/staff/citations", {
      intent: "cite",
      caseRef: "CR-2026-TEST-2",
      decision: "filed",
      policyVersionId: newVersion.id,
      decidedOn: today,
      documentationIds: [docBefore.id],
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("does not qualify");
    expect(await db.select().from(citations).where(eq(citations.caseRef, "CR-2026-TEST-2"))).toHaveLength(0);
  });

  it("refuses overlapping versions and bad dates, keeping what was typed", async () => {
    const r = await admin.post("/admin/policies", {
      kind: "documented_concern",
      name: "Overlapping policy",
      text: "x",
      effectiveFrom: addDays(today, -500),
      effectiveTo: addDays(today, -5),
      checklist: "one",
    });
    expect(r.status).toBe(400);
    const html = await r.text();
    expect(html).toContain("overlaps another version");
    expect(html).toContain('value="Overlapping policy"');
    const bad = await admin.post("/admin/policies", {
      kind: "documented_concern",
      name: "Bad",
      text: "x",
      effectiveFrom: "2026-02-10",
      effectiveTo: "2026-01-01",
      checklist: "",
    });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain("The end date must be after the start date.");
    expect(badHtml).toContain("needs at least one checklist item");
  });

  it("counts drug filings citing a documented concern, on violence, and declined, by month", async () => {
    const violence = (await policyInForce("connection_to_violence", today))!;
    const base = await drugCitationCountsByMonth();
    const month = today.slice(0, 7);
    const was = base.find((m) => m.month === month) ?? { filedDocumentedConcern: 0, filedConnectionToViolence: 0, declined: 0 };
    for (const [caseRef, decision] of [
      ["CR-V-1", "filed"],
      ["CR-V-2", "declined"],
    ] as const) {
      const r = await analyst.post("/staff/citations", { intent: "cite", caseRef, decision, policyVersionId: violence.id, decidedOn: today });
      expect(r.status).toBe(302);
    }
    const now = (await drugCitationCountsByMonth()).find((m) => m.month === month)!;
    expect(now.filedConnectionToViolence).toBe(was.filedConnectionToViolence + 1);
    expect(now.declined).toBe(was.declined + 1);
    expect(now.filedDocumentedConcern).toBe(was.filedDocumentedConcern);
    // A documented-concern filing must cite a concern.
    const current = (await policyInForce("documented_concern", today))!;
    const empty = await analyst.post("/staff/citations", {
      intent: "cite",
      caseRef: "CR-EMPTY",
      decision: "filed",
      policyVersionId: current.id,
      decidedOn: today,
    });
    expect(empty.status).toBe(400);
    expect(
      await db
        .select()
        .from(citations)
        .where(and(eq(citations.caseRef, "CR-EMPTY"))),
    ).toHaveLength(0);
  });

  it("keeps policies to admins and citations to staff", async () => {
    const member = await clientFor("member1@demo.test");
    expect((await member.get("/staff/citations")).status).toBe(403);
    expect((await analyst.get("/admin/policies")).status).toBe(403);
    expect((await analyst.post("/admin/policies", { kind: "documented_concern", name: "x", text: "x", effectiveFrom: today, checklist: "a" })).status).toBe(
      403,
    );
    expect((await (await clientFor()).get("/staff/concerns")).status).toBe(302);
  });
});
