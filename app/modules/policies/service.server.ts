import { and, eq, inArray, isNull, or, sql, TransactionRollbackError } from "drizzle-orm";
import { db } from "~/db/client.server";
import { citationConcerns, citations, concernDocumentations, policyVersions, type ChecklistItem } from "~/db/schema/policies";
import { recordAudit } from "~/modules/audit/index.server";
import { countyDay } from "~/utils/clock";
import { applyStatus, lockConcernByNumber, visibleConcernsObservedAt } from "~/modules/concerns/index.server";
import { policyInForce, policyVersionById, qualifies, type PolicyKind } from "./queries.server";

type Actor = { id: string; ipAddress?: string | null };

export type NewPolicyVersion = { kind: PolicyKind; name: string; text: string; effectiveFrom: string; effectiveTo?: string | null; checklist: string[] };

/**
 * Adds a dated version. The version in force when it starts is closed the day it starts
 * (a new prosecutor replaces a policy); any other overlap is refused.
 */
export async function createPolicyVersion(input: NewPolicyVersion, actor: Actor) {
  return db
    .transaction(async (tx) => {
      // One writer per kind at a time, so two admins cannot create overlapping versions.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`policy:${input.kind}`}))`);
      const current = await policyInForce(input.kind, input.effectiveFrom, tx);
      if (current && current.effectiveFrom < input.effectiveFrom) {
        await tx.update(policyVersions).set({ effectiveTo: input.effectiveFrom }).where(eq(policyVersions.id, current.id));
        await recordAudit(tx, {
          actorId: actor.id,
          action: "policy_version.ended",
          subjectType: "policy_version",
          subjectId: current.id,
          data: { effectiveTo: input.effectiveFrom, previousEffectiveTo: current.effectiveTo },
          ipAddress: actor.ipAddress,
        });
      }
      const end = input.effectiveTo ?? null;
      const overlapping = await tx
        .select({ id: policyVersions.id })
        .from(policyVersions)
        .where(
          and(
            eq(policyVersions.kind, input.kind),
            or(isNull(policyVersions.effectiveTo), sql`${policyVersions.effectiveTo} > ${input.effectiveFrom}`),
            end ? sql`${policyVersions.effectiveFrom} < ${end}` : undefined,
          ),
        );
      if (overlapping.length) {
        tx.rollback();
      }
      const [{ next }] = (await tx
        .select({ next: sql<number>`coalesce(max(${policyVersions.version}), 0)::int + 1` })
        .from(policyVersions)
        .where(eq(policyVersions.kind, input.kind))) as [{ next: number }];
      const checklist: ChecklistItem[] = input.checklist.map((label, i) => ({ id: `v${next}-${i + 1}`, label }));
      const [row] = await tx
        .insert(policyVersions)
        .values({
          kind: input.kind,
          version: next,
          name: input.name,
          text: input.text,
          effectiveFrom: input.effectiveFrom,
          effectiveTo: end,
          checklist,
          createdById: actor.id,
        })
        .returning();
      await recordAudit(tx, {
        actorId: actor.id,
        action: "policy_version.created",
        subjectType: "policy_version",
        subjectId: row!.id,
        data: { kind: input.kind, version: next, effectiveFrom: input.effectiveFrom, effectiveTo: end },
        ipAddress: actor.ipAddress,
      });
      return { ok: true as const, version: row! };
    })
    .catch((error: unknown) => {
      if (error instanceof TransactionRollbackError) return { ok: false as const, error: "overlap" as const };
      throw error;
    });
}

/**
 * Documents a concern against the policy version in force on the day it was observed, with
 * that version's checklist; gives it a citation number and moves it to "documented".
 */
export async function documentConcern(input: { number: number; policyVersionId: string; checked: string[]; publicNote?: string }, actor: Actor) {
  return db.transaction(async (tx) => {
    const concern = await lockConcernByNumber(tx, input.number);
    if (!concern) return { ok: false as const, error: "not_found" as const };
    if (!["received", "under_review"].includes(concern.status) || concern.duplicateOfId) return { ok: false as const, error: "bad_status" as const };
    const observedDay = countyDay(concern.observedAt);
    const inForce = await policyInForce("documented_concern", observedDay, tx);
    if (!inForce) return { ok: false as const, error: "no_policy" as const };
    // The form showed a version; if the policy changed since, the staff member must look again.
    if (inForce.id !== input.policyVersionId) return { ok: false as const, error: "policy_changed" as const };
    const answers = Object.fromEntries(inForce.checklist.map((item) => [item.id, input.checked.includes(item.id)]));
    if (!qualifies(inForce.id, answers, inForce).ok) return { ok: false as const, error: "incomplete" as const };
    const [{ n }] = (await tx.execute<{ n: string }>(sql`select nextval('concern_citation_number_seq') as n`)) as unknown as [{ n: string }];
    const citationNumber = `DC-${observedDay.slice(0, 4)}-${String(n).padStart(5, "0")}`;
    const [documentation] = await tx
      .insert(concernDocumentations)
      .values({ concernId: concern.id, policyVersionId: inForce.id, checklistAnswers: answers, citationNumber, documentedById: actor.id })
      .returning();
    await recordAudit(tx, {
      actorId: actor.id,
      action: "concern.documented",
      subjectType: "concern",
      subjectId: concern.id,
      data: { policyVersionId: inForce.id, citationNumber, answers },
      ipAddress: actor.ipAddress,
    });
    await applyStatus(tx, concern, "documented", { publicNote: input.publicNote || null, publicNoteCode: { code: "documented" } }, actor);
    return { ok: true as const, citationNumber, documentation: documentation! };
  });
}

export type NewCitation = {
  caseRef: string;
  decision: "filed" | "declined";
  policyVersionId: string;
  decidedOn: string;
  documentationIds: string[];
  note?: string;
  offenseCategory?: string;
};

/** Records a charging decision citing documented concerns; the policy version is stored with it. */
export async function recordCitation(input: NewCitation, actor: Actor) {
  return db.transaction(async (tx) => {
    const policy = await policyVersionById(input.policyVersionId, tx);
    if (!policy) return { ok: false as const, error: "no_policy" as const };
    const ids = [...new Set(input.documentationIds)];
    if (policy.kind === "documented_concern" && input.decision === "filed" && !ids.length) return { ok: false as const, error: "no_concerns" as const };
    const found = ids.length
      ? await tx
          .select({
            id: concernDocumentations.id,
            concernId: concernDocumentations.concernId,
            policyVersionId: concernDocumentations.policyVersionId,
            answers: concernDocumentations.checklistAnswers,
          })
          .from(concernDocumentations)
          .where(inArray(concernDocumentations.id, ids))
      : [];
    // A hidden concern cannot be cited: the concerns module leaves it out.
    const observedAt = await visibleConcernsObservedAt(
      found.map((d) => d.concernId),
      tx,
    );
    const docs = found.flatMap((d) => {
      const at = observedAt.get(d.concernId);
      return at ? [{ ...d, observedAt: at }] : [];
    });
    if (docs.length !== ids.length) return { ok: false as const, error: "unknown_concern" as const };
    for (const doc of docs) {
      const inForce = await policyInForce("documented_concern", countyDay(doc.observedAt), tx);
      if (!qualifies(doc.policyVersionId, doc.answers, inForce).ok) return { ok: false as const, error: "not_qualifying" as const };
    }
    const [citation] = await tx
      .insert(citations)
      .values({
        caseRef: input.caseRef,
        decision: input.decision,
        policyVersionId: policy.id,
        decidedOn: input.decidedOn,
        note: input.note || null,
        offenseCategory: input.offenseCategory ?? "drug",
        recordedById: actor.id,
      })
      .returning();
    if (ids.length) await tx.insert(citationConcerns).values(ids.map((documentationId) => ({ citationId: citation!.id, documentationId })));
    await recordAudit(tx, {
      actorId: actor.id,
      action: "citation.recorded",
      subjectType: "citation",
      subjectId: citation!.id,
      data: { caseRef: input.caseRef, decision: input.decision, policyVersionId: policy.id, documentationIds: ids },
      ipAddress: actor.ipAddress,
    });
    return { ok: true as const, citation: citation! };
  });
}
