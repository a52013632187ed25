import { and, asc, desc, eq, gte, isNull, lte, or, sql, type SQL } from "drizzle-orm";
import { db, type DbOrTx } from "~/db/client.server";
import { citations, concernDocumentations, policyVersions } from "~/db/schema/policies";
import { concernsObservedAt } from "~/modules/concerns/index.server";

export type PolicyKind = "documented_concern" | "connection_to_violence";
export type PolicyVersion = typeof policyVersions.$inferSelect;

export async function listPolicyVersions(tx: DbOrTx = db) {
  return tx.select().from(policyVersions).orderBy(asc(policyVersions.kind), desc(policyVersions.effectiveFrom));
}

export async function policyVersionById(id: string, tx: DbOrTx = db) {
  const [row] = await tx.select().from(policyVersions).where(eq(policyVersions.id, id));
  return row ?? null;
}

/** The version of a kind in force on a county calendar day ("YYYY-MM-DD"). */
export async function policyInForce(kind: PolicyKind, day: string, tx: DbOrTx = db) {
  const [row] = await tx
    .select()
    .from(policyVersions)
    .where(
      and(
        eq(policyVersions.kind, kind),
        lte(policyVersions.effectiveFrom, day),
        or(isNull(policyVersions.effectiveTo), sql`${policyVersions.effectiveTo} > ${day}`),
      ),
    )
    .orderBy(desc(policyVersions.effectiveFrom))
    .limit(1);
  return row ?? null;
}

/** A documentation qualifies when it was made under the version in force on the observed day and meets all its items. */
export function qualifies(documentedUnder: string, answers: Record<string, boolean>, inForce: PolicyVersion | null) {
  if (!inForce) return { ok: false as const, reason: "no_policy" as const };
  if (documentedUnder !== inForce.id) return { ok: false as const, reason: "other_version" as const };
  const missing = inForce.checklist.filter((item) => !answers[item.id]);
  if (missing.length) return { ok: false as const, reason: "incomplete" as const };
  return { ok: true as const, reason: null };
}

export type LookupRow = {
  documentationId: string;
  number: number;
  citationNumber: string;
  kindNameEn: string;
  kindNameEs: string;
  block: string | null;
  zip: string;
  observedDay: string;
  documentedUnder: { id: string; name: string; version: number };
  inForce: { id: string; name: string; version: number } | null;
  qualifies: boolean;
  reason: "no_policy" | "other_version" | "incomplete" | null;
};

/**
 * The prosecutors' criterion lookup: documented concerns at an address, block or ZIP whose
 * observed day falls in [from, to], each judged under the policy version in force on that day.
 */
export async function lookupDocumentedConcerns(input: { place: string; from: string; to: string }): Promise<LookupRow[]> {
  // The concerns module picks the concerns (place, days, not hidden); the join stays one statement.
  const observed = concernsObservedAt(input);
  if (!observed) return [];
  const rows = await db
    .select({
      documentationId: concernDocumentations.id,
      answers: concernDocumentations.checklistAnswers,
      citationNumber: concernDocumentations.citationNumber,
      number: observed.number,
      kindNameEn: observed.kindNameEn,
      kindNameEs: observed.kindNameEs,
      block: observed.block,
      zip: observed.zip,
      observedDay: observed.observedDay,
      policy: policyVersions,
    })
    .from(concernDocumentations)
    .innerJoin(observed, eq(observed.id, concernDocumentations.concernId))
    .innerJoin(policyVersions, eq(policyVersions.id, concernDocumentations.policyVersionId))
    .orderBy(observed.observedAt)
    .limit(500);
  const cache = new Map<string, PolicyVersion | null>();
  const result: LookupRow[] = [];
  for (const r of rows) {
    if (!cache.has(r.observedDay)) cache.set(r.observedDay, await policyInForce("documented_concern", r.observedDay));
    const inForce = cache.get(r.observedDay)!;
    const q = qualifies(r.policy.id, r.answers, inForce);
    result.push({
      documentationId: r.documentationId,
      number: r.number,
      citationNumber: r.citationNumber,
      kindNameEn: r.kindNameEn,
      kindNameEs: r.kindNameEs,
      block: r.block,
      zip: r.zip,
      observedDay: r.observedDay,
      documentedUnder: { id: r.policy.id, name: r.policy.name, version: r.policy.version },
      inForce: inForce ? { id: inForce.id, name: inForce.name, version: inForce.version } : null,
      qualifies: q.ok,
      reason: q.reason,
    });
  }
  return result;
}

export async function listCitations(limit = 50) {
  return db
    .select({
      id: citations.id,
      caseRef: citations.caseRef,
      decision: citations.decision,
      decidedOn: citations.decidedOn,
      policyName: policyVersions.name,
      policyVersion: policyVersions.version,
      policyKind: policyVersions.kind,
      cited: sql<
        string[]
      >`coalesce((select array_agg(d.citation_number order by d.citation_number) from citation_concerns cc join concern_documentations d on d.id = cc.documentation_id where cc.citation_id = ${citations.id}), '{}')`,
    })
    .from(citations)
    .innerJoin(policyVersions, eq(policyVersions.id, citations.policyVersionId))
    .orderBy(desc(citations.decidedOn), desc(citations.createdAt))
    .limit(limit);
}

export type CitationMonth = { month: string; filedDocumentedConcern: number; filedConnectionToViolence: number; declined: number };

/**
 * For the dashboard: drug charging decisions by month — filings citing a documented community
 * concern, filings on a connection to violence, and declinations.
 */
export async function drugCitationCountsByMonth(range?: { from?: string; to?: string }): Promise<CitationMonth[]> {
  const where: SQL[] = [eq(citations.offenseCategory, "drug")];
  if (range?.from) where.push(gte(citations.decidedOn, range.from));
  if (range?.to) where.push(lte(citations.decidedOn, range.to));
  const rows = await db
    .select({
      month: sql<string>`to_char(${citations.decidedOn}, 'YYYY-MM')`,
      filedDocumentedConcern: sql<number>`count(*) filter (where ${citations.decision} = 'filed' and ${policyVersions.kind} = 'documented_concern')::int`,
      filedConnectionToViolence: sql<number>`count(*) filter (where ${citations.decision} = 'filed' and ${policyVersions.kind} = 'connection_to_violence')::int`,
      declined: sql<number>`count(*) filter (where ${citations.decision} = 'declined')::int`,
    })
    .from(citations)
    .innerJoin(policyVersions, eq(policyVersions.id, citations.policyVersionId))
    .where(and(...where))
    .groupBy(sql`1`)
    .orderBy(sql`1`);
  return rows;
}

/** A concern's documentation under the policy, with the version it was documented under (null when not documented). */
export async function documentationForConcern(concernId: string, tx: DbOrTx = db) {
  const [row] = await tx
    .select({ documentation: concernDocumentations, policy: policyVersions })
    .from(concernDocumentations)
    .innerJoin(policyVersions, eq(policyVersions.id, concernDocumentations.policyVersionId))
    .where(eq(concernDocumentations.concernId, concernId));
  return row ?? null;
}

/** The concerns documented under the policy, and those of them a charging decision cited (for the concern loop's counts). */
export async function documentedAndCitedConcerns(dbx: DbOrTx = db): Promise<{ documented: Set<string>; cited: Set<string> }> {
  const rows = await dbx.execute<{ concern_id: string; cited: boolean }>(sql`
    select d.concern_id, exists (select 1 from citation_concerns cc where cc.documentation_id = d.id) as cited
    from concern_documentations d`);
  return { documented: new Set(rows.map((r) => r.concern_id)), cited: new Set(rows.filter((r) => r.cited).map((r) => r.concern_id)) };
}
