import { parseWithZod } from "@conform-to/zod";
import { readIntent } from "~/utils/forms.server";
import { countyDay, countyToday } from "~/utils/clock";
import { json } from "@remix-run/node";
import { getAnalysis } from "~/modules/analyses/index.server";
import { visibleCommentSubject } from "~/modules/comments/index.server";
import { concernIdsByNumbers, listKinds, openConcernIdsInCluster, visibleConcernsObservedAt } from "~/modules/concerns/index.server";
import { getMeasure, getSnapshot, notOfferedReason, parseDashboardFilters } from "~/modules/metrics/index.server";
import { policyVersionById } from "~/modules/policies/index.server";
import { readRichTextField, richTextErrorKey, type RichText } from "~/modules/richtext/index.server";
import { parseIdList, parseNumberList, parseRefLink, ResponseFormSchema } from "./schemas";
import type { ResponseInput } from "./service.server";

/** A version is in force on a county day from its first day up to (not including) its end day. */
function policyInForceOn(policy: { effectiveFrom: string; effectiveTo: string | null }, day: string) {
  return policy.effectiveFrom <= day && (policy.effectiveTo === null || day < policy.effectiveTo);
}

/**
 * Reads the response form: plain fields through zod (conform), the body through the richtext
 * module, then every reference checked against its module (concern numbers, snapshots, the
 * policy version, the measure, the kind, the analysis or comment). Any problem → the 400
 * response to send back with field errors; what was typed is kept.
 */
export async function readResponseForm(formData: FormData) {
  // Save or publish, named by the button; anything else is a 400 page (no field shows an intent error).
  readIntent(formData, ["save", "publish"], "save");
  const submission = parseWithZod(formData, { schema: ResponseFormSchema });
  const body = readRichTextField(formData, "body", "document");
  const errors: Record<string, string[]> = {};
  const add = (field: string, key: string) => (errors[field] ??= []).push(key);
  if (!body) add("body", "responses:errors.bodyRequired");
  else if (!body.ok) add("body", richTextErrorKey(body.error));

  let input: ResponseInput | null = null;
  if (submission.status === "success") {
    const v = submission.value;
    const numbers = [...new Set([...(v.concern ?? []), ...(parseNumberList(v.concernNumbers) ?? [])])];
    const found = await concernIdsByNumbers(numbers);
    const missing = numbers.filter((n) => !found.some((f) => f.number === n));
    if (missing.length) add("concernNumbers", "responses:errors.unknownConcern");

    const policy = await policyVersionById(v.policyVersionId);
    if (!policy) add("policyVersionId", "responses:errors.policy");

    let cluster: ResponseInput["cluster"] = null;
    if (v.clusterZip && v.clusterKind) {
      const kind = (await listKinds()).find((k) => k.code === v.clusterKind);
      if (!kind) add("clusterKind", "responses:errors.kind");
      else cluster = { zip: v.clusterZip, kindId: kind.id };
    }

    // The policy cited must be the one in force for what the response answers: on the county day
    // each concern was observed (named ones and the cluster's open ones), or today if it names none.
    if (policy) {
      const ids = [...found.map((f) => f.id), ...(cluster ? await openConcernIdsInCluster(cluster) : [])];
      const observed = await visibleConcernsObservedAt([...new Set(ids)]);
      const days = observed.size ? [...observed.values()].map((at) => countyDay(at)) : [countyToday()];
      if (days.some((day) => !policyInForceOn(policy, day))) add("policyVersionId", "responses:errors.policyNotInForce");
    }

    const ref = parseRefLink(v.refLink);
    if (ref && ref !== "invalid") {
      const exists = ref.type === "analysis" ? await getAnalysis(ref.id) : await visibleCommentSubject(ref.id);
      if (!exists) add("refLink", "responses:errors.refMissing");
    }

    const snapshotIds = parseIdList(v.snapshotIds) ?? [];
    for (const id of snapshotIds) if (!(await getSnapshot(id))) add("snapshotIds", "responses:errors.unknownSnapshot");

    let newSnapshot: ResponseInput["newSnapshot"] = null;
    if (v.newMeasure) {
      const measure = await getMeasure(v.newMeasure);
      if (!measure) add("newMeasure", "responses:errors.measure");
      else {
        const filters: Record<string, string> = { grain: v.newGrain ?? "year" };
        if (v.newYear) filters.year = v.newYear;
        if (v.newOffense) filters.offense = v.newOffense;
        if (v.newZip) filters.zip = v.newZip;
        if (v.newRace) filters.race = v.newRace;
        // A figure can only be cited as the dashboard publishes it (one dimension, by year).
        if (notOfferedReason(measure, parseDashboardFilters(new URLSearchParams(filters)))) add("newMeasure", "responses:errors.snapshotNotOffered");
        else newSnapshot = { measure: measure.key, filters };
      }
    }

    if (body?.ok) {
      input = {
        title: v.title,
        summary: v.summary,
        body: body as RichText,
        policyVersionId: v.policyVersionId,
        criterionStatement: v.criterionStatement,
        concernIds: found.map((f) => f.id),
        cluster,
        ref: ref === "invalid" ? null : ref,
        snapshotIds: [...new Set(snapshotIds)],
        newSnapshot,
      };
    }
  }

  if (submission.status !== "success" || Object.keys(errors).length || !input) {
    const typed = formData.get("body__text");
    const hideFields = ["body", ...(typeof typed === "string" && typed.length > 100_000 ? ["body__text"] : [])];
    const fieldErrors = { ...(submission.status === "error" ? (submission.error ?? {}) : {}), ...errors } as Record<string, string[]>;
    return { ok: false as const, response: json({ result: submission.reply({ fieldErrors, hideFields }) }, { status: 400 }) };
  }
  return { ok: true as const, intent: submission.value.intent, input };
}
