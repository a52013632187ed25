import { eq, inArray } from "drizzle-orm";
import { db } from "~/db/client.server";
import { analyses, responses, users } from "~/db/schema";
import { createConcern } from "~/modules/concerns/index.server";
import { concernIdsByNumbers, listKinds } from "~/modules/concerns/index.server";
import { policyInForce } from "~/modules/policies/index.server";
import { documentConcern, recordCitation } from "~/modules/policies/index.server";
import { followConcern, saveResponse } from "~/modules/responses/index.server";
import { richTextFromPlainText, type RichText } from "~/modules/richtext/index.server";
import { addDays, countyDay, countyToday } from "~/utils/clock";

const BLOCK_TITLE = "What the office did about drug sales on the 2600 block of Prospect Ave";
/** Kansas City's East Side: a ZIP the dashboard publishes case figures for. */
const BLOCK_ZIP = "64127";
const CLUSTER_TITLE = "Gun violence reports in ZIP 64124 and the board's question on where drug charges fall";

function body(text: string): RichText {
  const r = richTextFromPlainText(text, "document");
  if (!r.ok) throw new Error(`seed response body: ${r.error}`);
  return r;
}

/**
 * Two published responses that walk the loop (idempotent; runs last, after concerns, policies,
 * analyses and metrics): three residents report drug sales on one block → staff document the
 * concerns under the policy in force → a drug filing cites them → the office responds with a
 * frozen dashboard figure and the policy citation, and the reporters and a follower hear back.
 * The second answers a ZIP-and-kind cluster and a CAB analysis.
 */
export async function seedResponses() {
  const [analyst] = await db.select().from(users).where(eq(users.email, "analyst@demo.test"));
  const [resident] = await db.select().from(users).where(eq(users.email, "resident@demo.test"));
  if (!analyst) return;
  const existing = await db
    .select({ title: responses.title })
    .from(responses)
    .where(inArray(responses.title, [BLOCK_TITLE, CLUSTER_TITLE]));
  const done = new Set(existing.map((r) => r.title));
  const actor = { id: analyst.id };
  const today = countyToday();

  if (!done.has(BLOCK_TITLE)) {
    const numbers: number[] = [];
    const observedDays: string[] = [];
    for (let i = 0; i < 3; i++) {
      const observed = addDays(today, -(50 - i * 6));
      const r = await createConcern({
        kindCode: "drug_sales",
        description: `Demo report: hand-to-hand sales outside the corner store most evenings (${i + 1} of 3).`,
        observedDate: observed,
        observedTime: "19:30",
        address: `${2608 + i * 12} Prospect Ave`,
        zip: BLOCK_ZIP,
        email: i < 2 ? `block.resident${i + 1}@example.org` : undefined,
        locale: i === 1 ? "es" : "en",
        source: "seed",
        createdAt: new Date(`${addDays(observed, 1)}T14:00:00Z`),
      });
      if (r.ok) {
        numbers.push(r.number);
        observedDays.push(observed);
      }
    }
    const documentationIds: string[] = [];
    for (const [i, number] of numbers.entries()) {
      const inForce = await policyInForce("documented_concern", observedDays[i]!);
      if (!inForce) continue;
      const doc = await documentConcern({ number, policyVersionId: inForce.id, checked: inForce.checklist.map((c) => c.id) }, actor);
      if (doc.ok) documentationIds.push(doc.documentation.id);
    }
    const policy = await policyInForce("documented_concern", today);
    if (policy && documentationIds.length) {
      await recordCitation({ caseRef: "CR-DEMO-0055", decision: "filed", policyVersionId: policy.id, decidedOn: addDays(today, -10), documentationIds }, actor);
    }
    const ids = (await concernIdsByNumbers(numbers)).map((r) => r.id);
    if (resident && ids[0]) await followConcern(ids[0], resident.id);
    if (policy) {
      await saveResponse(
        actor,
        null,
        {
          title: BLOCK_TITLE,
          summary: "Three neighbors reported open drug sales on the same block. Staff documented each report, and one drug case filed this month cites them.",
          body: body(
            [
              "Between them, three residents of the 2600 block of Prospect Ave told us about hand-to-hand sales outside the corner store in the evenings.",
              "Crime Strategies Unit staff reviewed each report against the documented community concern policy and documented all three. A drug case filed this month cites them, as the policy requires.",
              `The figure below is the share of drug referrals in ZIP ${BLOCK_ZIP} that led to a filing in 2025, frozen as it was when we cited it. We will keep reporting it on the dashboard.`,
              "Thank you for taking the time to tell us. If the activity continues or moves, please report it again: each report counts.",
            ].join("\n\n"),
          ),
          policyVersionId: policy.id,
          criterionStatement:
            "Each report was made by a resident of the block, names a specific place and time, and describes drug sales on the block, so each meets every item of the policy's checklist. That is what allowed the office to file the drug case: without a documented concern or a connection to violence it would have been declined.",
          concernIds: ids,
          cluster: null,
          ref: null,
          snapshotIds: [],
          // The block's own ZIP: the demo concerns and the dashboard's case data are both Kansas City's,
          // and the publication shows this cell (tests/integration/responses.test.ts checks it is not withheld).
          newSnapshot: { measure: "drug_filed", filters: { grain: "year", year: "2025", zip: BLOCK_ZIP } },
        },
        { publish: true },
      );
    }
  }

  if (!done.has(CLUSTER_TITLE)) {
    const kind = (await listKinds()).find((k) => k.code === "gun_violence");
    const [analysis] = await db
      .select({ id: analyses.id })
      .from(analyses)
      .where(eq(analyses.question, "Are drug charges filed under the documented-concern rule concentrated in a few ZIP codes?"));
    const policy = await policyInForce("connection_to_violence", today);
    if (kind && policy) {
      // Two open reports for the cluster to answer.
      for (let i = 0; i < 2; i++) {
        const observed = addDays(today, -(21 - i * 9));
        await createConcern({
          kindCode: "gun_violence",
          description: `Demo report: several shots heard late at night near the corner (${i + 1} of 2).`,
          observedDate: observed,
          observedTime: "23:10",
          address: `${4100 + i * 200} Independence Ave`,
          zip: "64124",
          email: i === 0 ? "cluster.resident@example.org" : undefined,
          locale: "en",
          source: "seed",
          createdAt: new Date(`${addDays(observed, 1)}T13:00:00Z`),
        });
      }
      await saveResponse(
        actor,
        null,
        {
          title: CLUSTER_TITLE,
          summary:
            "Residents of ZIP 64124 reported shots fired. The office explains how the connection-to-violence policy applies and where the board's question stands.",
          body: body(
            [
              "Residents of ZIP 64124 reported gunfire and people carrying guns near several blocks. These are not drug concerns: the office pursues gun violence without needing a documented concern.",
              "The board asked whether drug charges filed under the documented-concern rule are concentrated in a few ZIP codes. That analysis is in progress; the figure below is the number of firearms cases the office filed last year, for context.",
            ].join("\n\n"),
          ),
          policyVersionId: policy.id,
          criterionStatement:
            "The documented-concern criterion applies to drug cases only. Drug cases connected to this violence may be filed under the connection-to-violence policy, which the investigation must show; reports of gunfire are not documented concerns for drug charges.",
          concernIds: [],
          cluster: { zip: "64124", kindId: kind.id },
          ref: analysis ? { type: "analysis", id: analysis.id, url: `/analyses/${analysis.id}` } : null,
          snapshotIds: [],
          newSnapshot: { measure: "firearm_cases", filters: { grain: "year", year: "2025" } },
        },
        { publish: true },
      );
    }
  }
}
