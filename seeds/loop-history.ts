import { eq, like, sql } from "drizzle-orm";
import { db } from "~/db/client.server";
import { concerns, users } from "~/db/schema";
import { changeStatus, concernIdsByNumbers, createConcern } from "~/modules/concerns/index.server";
import { documentConcern, policyInForce, recordCitation } from "~/modules/policies/index.server";
import { saveResponse } from "~/modules/responses/index.server";
import { richTextFromPlainText } from "~/modules/richtext/index.server";
import { addDays, countyToday } from "~/utils/clock";
import { SEED_ZIPS, STREETS } from "./concerns";

const PREFIX = "Demo history";
const TITLE = (year: number) => `What became of the concerns residents reported in ${year}`;

/**
 * Idempotent: a year of concerns before this one (about 20 a month over the seed ZIPs), taken
 * through the loop with the modules' own writes — documented (drug sales, about two in five) and
 * cited in a monthly drug filing, the rest reviewed and closed, a third of them named in a
 * year-end office response — and then dated as they would have happened (the writes stamp "now"),
 * so the dashboard's concern loop, response clock and annual report have a full year to show.
 */
export async function seedLoopHistory() {
  const [analyst] = await db.select().from(users).where(eq(users.email, "analyst@demo.test"));
  if (!analyst) return;
  const [done] = await db
    .select({ id: concerns.id })
    .from(concerns)
    .where(like(concerns.description, `${PREFIX}%`))
    .limit(1);
  if (done) return;
  const actor = { id: analyst.id };
  const year = Number(countyToday().slice(0, 4)) - 1;
  const answered: number[] = [];
  for (let month = 1; month <= 12; month++) {
    const mm = String(month).padStart(2, "0");
    const documentationIds: string[] = [];
    const n = 16 + ((month * 7) % 9);
    for (let i = 0; i < n; i++) {
      // The ZIP varies apart from the kind (i % 5), so every ZIP has drug reports documented.
      const { zip } = SEED_ZIPS[(month + i + Math.floor(i / 5) * 2) % SEED_ZIPS.length]!;
      const { street, from } = STREETS[zip]![(month + i) % STREETS[zip]!.length]!;
      const observed = `${year}-${mm}-${String(1 + ((i * 5 + month) % 27)).padStart(2, "0")}`;
      const drug = i % 5 < 3;
      const r = await createConcern({
        kindCode: drug ? "drug_sales" : i % 5 === 3 ? "nuisance_property" : "gun_violence",
        description: `${PREFIX} ${month}-${i + 1}: ${drug ? "hand-to-hand sales near the corner in the evenings" : "trouble at the same house most nights"}.`,
        observedDate: observed,
        observedTime: `${String(17 + (i % 6)).padStart(2, "0")}:15`,
        address: `${from + ((i * 3) % 6) * 100 + (i % 7) * 2} ${street}`,
        zip,
        locale: i % 3 === 0 ? "es" : "en",
        source: "seed",
        createdAt: new Date(`${addDays(observed, 1)}T15:00:00Z`),
      });
      if (!r.ok) continue;
      const inForce = drug && i % 3 !== 2 ? await policyInForce("documented_concern", observed) : null;
      const doc = inForce ? await documentConcern({ number: r.number, policyVersionId: inForce.id, checked: inForce.checklist.map((c) => c.id) }, actor) : null;
      if (doc?.ok) {
        if (i % 2 === 0) documentationIds.push(doc.documentation.id);
      } else {
        await changeStatus(r.number, { status: "under_review", publicNoteCode: { code: "reviewing" } }, actor);
        await changeStatus(r.number, { status: "closed", publicNoteCode: { code: "closedAfterReview" } }, actor);
      }
      if (i % 3 === 0) answered.push(r.number);
    }
    const decidedOn = addDays(`${month === 12 ? year + 1 : year}-${month === 12 ? "01" : String(month + 1).padStart(2, "0")}-01`, -1);
    const policy = await policyInForce("documented_concern", decidedOn);
    if (policy && documentationIds.length)
      await recordCitation({ caseRef: `CR-DEMO-${year}-${mm}`, decision: "filed", policyVersionId: policy.id, decidedOn, documentationIds }, actor);
  }
  const policy = await policyInForce("documented_concern", `${year}-12-15`);
  const body = richTextFromPlainText(
    [
      `Over ${year} residents reported drug sales, gunfire and problem houses across the East Side, Midtown and the Northeast.`,
      "Crime Strategies Unit staff reviewed every report. Those that met the documented community concern policy were documented, and the drug cases filed each month cite them. The others were reviewed and closed, or passed to the police and city departments.",
      "The dashboard's concerns-in-the-loop page counts all of this by year and ZIP code, so you can see what became of concerns like yours without anyone's report being shown.",
    ].join("\n\n"),
    "document",
  );
  if (policy && body.ok)
    await saveResponse(
      actor,
      null,
      {
        title: TITLE(year),
        summary: `A year-end answer to the concerns residents reported in ${year}: what was documented, what was cited, what was closed.`,
        body,
        policyVersionId: policy.id,
        criterionStatement:
          "Each documented report was made by a resident, names a specific place and time, and describes drug sales there, as the policy's checklist asks; the drug filings that cite them rest on that documentation.",
        concernIds: (await concernIdsByNumbers(answered)).map((c) => c.id),
        cluster: null,
        ref: null,
        snapshotIds: [],
        newSnapshot: null,
      },
      { publish: true },
    );
  // As it would have happened: reviews and documentation within days of each report, the response at year end.
  const mine = sql`(select id from concerns where description like ${`${PREFIX}%`})`;
  const publishedAt = `${year}-12-18T16:00:00Z`;
  await db.execute(sql`update responses set published_at = ${publishedAt}::timestamptz, created_at = ${publishedAt}::timestamptz, updated_at = ${publishedAt}::timestamptz
    where title = ${TITLE(year)}`);
  await db.execute(sql`update concern_status_history h set created_at = c.created_at + make_interval(days => 1 + c.number % 6 + (case h.status when 'under_review' then 0 else 2 end))
    from concerns c where h.concern_id = c.id and c.id in ${mine} and h.status not in ('received', 'responded')`);
  await db.execute(sql`update concern_status_history set created_at = ${publishedAt}::timestamptz where concern_id in ${mine} and status = 'responded'`);
  await db.execute(sql`update concern_documentations d set documented_at = c.created_at + make_interval(days => 3 + c.number % 6)
    from concerns c where d.concern_id = c.id and c.id in ${mine}`);
  await db.execute(sql`update concerns c set updated_at = coalesce((select max(h.created_at) from concern_status_history h where h.concern_id = c.id), c.created_at),
    closed_at = (select max(h.created_at) from concern_status_history h where h.concern_id = c.id and h.status = 'closed') where c.id in ${mine}`);
}
