import { eq, sql } from "drizzle-orm";
import { db } from "~/db/client.server";
import { concernKinds, concerns, policyVersions, users, zipAreas, citations } from "~/db/schema";
import { changeStatus, createConcern, mergeDuplicate } from "~/modules/concerns/index.server";
import { createPolicyVersion, documentConcern, recordCitation } from "~/modules/policies/index.server";
import { addDays, countyDay, countyToday } from "~/utils/clock";

export const SEED_KINDS = [
  {
    code: "drug_sales",
    nameEn: "Drug sales",
    nameEs: "Venta de drogas",
    descriptionEn: "Selling drugs in the open",
    descriptionEs: "Venta de drogas a la vista",
  },
  {
    code: "gun_violence",
    nameEn: "Gun violence",
    nameEs: "Violencia con armas",
    descriptionEn: "Shots fired, people with guns",
    descriptionEs: "Disparos, personas armadas",
  },
  {
    code: "nuisance_property",
    nameEn: "Nuisance property",
    nameEs: "Propiedad problemática",
    descriptionEn: "A house or lot where trouble keeps happening",
    descriptionEs: "Una casa o un terreno donde siempre hay problemas",
  },
  { code: "other", nameEn: "Other", nameEs: "Otro", descriptionEn: "", descriptionEs: "" },
];

// Kansas City ZIPs, each one the dashboard publishes case figures for (seeds/metrics.ts ZIPS), so a
// resident can follow their ZIP from a concern to the dashboard. Approximate populations for a
// demo; labelled as demo data on the site.
export const SEED_ZIPS = [
  { zip: "64127", district: "East Side", population: 15200 },
  { zip: "64128", district: "Central", population: 11900 },
  { zip: "64130", district: "Southeast", population: 21500 },
  { zip: "64124", district: "Northeast", population: 12100 },
  { zip: "64109", district: "Midtown", population: 11600 },
];

export async function seedConcernKinds() {
  for (const [i, kind] of SEED_KINDS.entries()) {
    await db
      .insert(concernKinds)
      .values({ ...kind, sortOrder: (i + 1) * 10 })
      .onConflictDoNothing({ target: concernKinds.code });
  }
  await db.insert(zipAreas).values(SEED_ZIPS).onConflictDoNothing();
}

/** Kansas City streets that run through each seed ZIP, with the hundred blocks the demo reports fall on. */
export const STREETS: Record<string, { street: string; from: number }[]> = {
  "64127": [
    { street: "Prospect Ave", from: 1900 },
    { street: "E 27th St", from: 3000 },
  ],
  "64128": [
    { street: "E 35th St", from: 2400 },
    { street: "Prospect Ave", from: 3500 },
  ],
  "64130": [
    { street: "Prospect Ave", from: 5500 },
    { street: "E 59th St", from: 2500 },
  ],
  "64124": [
    { street: "Independence Ave", from: 2400 },
    { street: "Benton Blvd", from: 400 },
  ],
  "64109": [
    { street: "Troost Ave", from: 3100 },
    { street: "Linwood Blvd", from: 1200 },
  ],
};

/**
 * Idempotent demo data: kinds, ZIP populations, a policy history (an older version replaced
 * by the current one), ~40 concerns spread over months and ZIPs, one documented and cited.
 */
export async function seedConcerns() {
  await seedConcernKinds();
  const [admin] = await db.select().from(users).where(eq(users.email, "admin@demo.test"));
  const [analyst] = await db.select().from(users).where(eq(users.email, "analyst@demo.test"));
  if (!admin || !analyst) return;
  const today = countyToday();
  const [{ n: policies }] = (await db.select({ n: sql<number>`count(*)::int` }).from(policyVersions)) as [{ n: number }];
  if (policies === 0) {
    const checklist = [
      "The activity was seen by a resident of the block",
      "It describes a specific place and time",
      "It describes drug sales or their direct effects on the block",
    ];
    await createPolicyVersion(
      {
        kind: "documented_concern",
        name: "Community concern policy (2019)",
        text: "Drug possession and small sales are charged only where a resident has reported a concern about that place that office staff have documented.",
        effectiveFrom: "2019-01-01",
        checklist: checklist.slice(0, 2),
      },
      { id: admin.id },
    );
    await createPolicyVersion(
      {
        kind: "documented_concern",
        name: "Documented community concern policy",
        text: "Drug cases are filed only with a documented community concern about the place, reviewed by the Crime Strategies Unit against this checklist.",
        effectiveFrom: addDays(today, -400),
        checklist,
      },
      { id: admin.id },
    );
    await createPolicyVersion(
      {
        kind: "connection_to_violence",
        name: "Demonstrable connection to violence",
        text: "Drug cases may be filed without a documented concern where the investigation shows a demonstrable connection to violence.",
        effectiveFrom: "2019-01-01",
        checklist: [],
      },
      { id: admin.id },
    );
  }
  const [{ n: existing }] = (await db
    .select({ n: sql<number>`count(*)::int` })
    .from(concerns)
    .where(eq(concerns.source, "seed"))) as [{ n: number }];
  if (existing > 0) return;

  const kinds = SEED_KINDS.map((k) => k.code);
  const statuses = ["received", "under_review", "not_documented", "referred", "responded", "closed"] as const;
  const created: { number: number; i: number }[] = [];
  // A deterministic spread: most concerns in the last six months, a few on the same blocks.
  for (let i = 0; i < 40; i++) {
    const zip = SEED_ZIPS[i % SEED_ZIPS.length]!.zip;
    const streets = STREETS[zip]!;
    const { street, from } = streets[Math.floor(i / SEED_ZIPS.length) % streets.length]!;
    const house = from + ((i * 37) % 5) * 100 + (i % 9) * 4;
    const daysAgo = 3 + ((i * 11) % 170);
    const day = addDays(today, -daysAgo);
    const r = await createConcern({
      kindCode: kinds[i % 7 === 0 ? 1 : i % 5 === 0 ? 2 : i % 9 === 0 ? 3 : 0]!,
      description: `Demo report ${i + 1}: people gathering and hand-to-hand exchanges near the corner most evenings.`,
      observedDate: day,
      observedTime: `${String(17 + (i % 5)).padStart(2, "0")}:30`,
      address: `${house} ${street}`,
      zip,
      email: i % 4 === 0 ? `resident${i + 1}@example.org` : undefined,
      locale: i % 3 === 0 ? "es" : "en",
      source: "seed",
      createdAt: new Date(`${addDays(day, 1)}T15:00:00Z`),
    });
    if (r.ok) created.push({ number: r.number, i });
  }
  for (const { number, i } of created) {
    const target = statuses[i % statuses.length]!;
    if (target === "received") continue;
    await changeStatus(number, { status: "under_review", publicNoteCode: { code: "reviewing" } }, { id: analyst.id });
    if (target === "under_review") continue;
    if (target === "closed") {
      await changeStatus(number, { status: "closed", publicNoteCode: { code: "closedAfterReview" } }, { id: analyst.id });
      continue;
    }
    await changeStatus(number, { status: target === "responded" ? "referred" : target, publicNoteCode: { code: "reviewedByCsu" } }, { id: analyst.id });
    if (target === "responded") await changeStatus(number, { status: "responded", publicNoteCode: { code: "respondedAtMeeting" } }, { id: analyst.id });
  }
  // One duplicate merged into another on the same block.
  if (created.length > 10) await mergeDuplicate(created[10]!.number, created[0]!.number, { code: "sameReported" }, { id: analyst.id });

  // One documented concern, cited in a drug filing.
  const first = created.find((c) => c.i % statuses.length === 1);
  if (first) {
    const [row] = await db.select({ observedAt: concerns.observedAt }).from(concerns).where(eq(concerns.number, first.number));
    const day = countyDay(row!.observedAt);
    const [policy] = await db
      .select()
      .from(policyVersions)
      .where(
        sql`${policyVersions.kind} = 'documented_concern' and ${policyVersions.effectiveFrom} <= ${day} and (${policyVersions.effectiveTo} is null or ${policyVersions.effectiveTo} > ${day})`,
      );
    if (policy) {
      const doc = await documentConcern({ number: first.number, policyVersionId: policy.id, checked: policy.checklist.map((c) => c.id) }, { id: analyst.id });
      const [{ n: cites }] = (await db.select({ n: sql<number>`count(*)::int` }).from(citations)) as [{ n: number }];
      if (doc.ok && cites === 0) {
        await recordCitation(
          { caseRef: "CR-DEMO-0001", decision: "filed", policyVersionId: policy.id, decidedOn: today, documentationIds: [doc.documentation.id] },
          { id: analyst.id },
        );
      }
    }
  }
}
