/**
 * Concerns in the loop: what became of residents' concerns, counted for the public dashboard.
 * The counts come from the modules that own each step — concerns (received), policies
 * (documented, cited in a charging decision) and this one (answered by a published response) —
 * and go to the metrics publication as facts, where they are suppressed and audited with every
 * other public number. Nothing here is published directly.
 *
 * Each stage counts concerns by the month they were received (a cohort: "of 2025's concerns, how
 * many were documented"; the publication shows years), so every stage is part of the one before
 * it at the same place.
 */
import { eq } from "drizzle-orm";
import { db, type DbOrTx } from "~/db/client.server";
import { responseConcerns, responses } from "~/db/schema/responses";
import { loopConcerns } from "~/modules/concerns/index.server";
import { replaceConcernLoopFacts, type ConcernLoopFact } from "~/modules/metrics/index.server";
import { documentedAndCitedConcerns } from "~/modules/policies/index.server";

/** Concerns a published response answers. */
async function answeredConcernIds(dbx: DbOrTx = db): Promise<Set<string>> {
  const rows = await dbx
    .selectDistinct({ id: responseConcerns.concernId })
    .from(responseConcerns)
    .innerJoin(responses, eq(responses.id, responseConcerns.responseId))
    .where(eq(responses.status, "published"));
  return new Set(rows.map((r) => r.id));
}

/** The loop's counts by stage, month received and ZIP. */
export async function concernLoopCounts(dbx: DbOrTx = db): Promise<ConcernLoopFact[]> {
  const [received, { documented, cited }, answered] = await Promise.all([loopConcerns(dbx), documentedAndCitedConcerns(dbx), answeredConcernIds(dbx)]);
  const counts = new Map<string, ConcernLoopFact>();
  const add = (measureKey: ConcernLoopFact["measureKey"], month: string, zip: string) => {
    const k = `${measureKey}|${month}|${zip}`;
    const c = counts.get(k);
    if (c) c.count++;
    else counts.set(k, { measureKey, month, zip, count: 1 });
  };
  for (const c of received) {
    add("concerns_received", c.month, c.zip);
    if (documented.has(c.id)) add("concerns_documented", c.month, c.zip);
    // Only a documented concern can be cited (the policy cites its documentation).
    if (documented.has(c.id) && cited.has(c.id)) add("concerns_cited", c.month, c.zip);
    if (answered.has(c.id)) add("concerns_responded", c.month, c.zip);
  }
  return [...counts.values()];
}

/**
 * Recounts the loop and republishes when a count changed (the hourly job, the seeds, tests).
 * Returns whether the publication changed.
 */
export async function refreshConcernLoop(): Promise<boolean> {
  return replaceConcernLoopFacts(await concernLoopCounts());
}
