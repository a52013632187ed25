import { and, asc, desc, eq, gte, lt, sql } from "drizzle-orm";
import { db, type DbOrTx } from "~/db/client.server";
import { startOfCountyDay } from "~/utils/clock";
import { concernFollows, responseConcerns, responses, responseSnapshots } from "~/db/schema/responses";
import { getAnalysis } from "~/modules/analyses/index.server";
import { hasRole, type Role } from "~/modules/auth";
import { displayNameOf } from "~/modules/auth/index.server";
import { concernNumbersByIds, listKinds, publicConcernsByIds, triageQueue } from "~/modules/concerns/index.server";
import { listMeasures, snapshotView } from "~/modules/metrics/index.server";
import { listPolicyVersions, policyVersionById } from "~/modules/policies/index.server";

export type Response = typeof responses.$inferSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// `${sql`${responses.id}`}` keeps the column qualified when drizzle builds a single-table select.
const linkedCount = sql<number>`(select count(*) from response_concerns rc where rc.response_id = ${sql`${responses.id}`})::int`;

/** Published responses, newest first (the public list). */
export async function listPublishedResponses(limit = 100) {
  return db
    .select({
      id: responses.id,
      slug: responses.slug,
      title: responses.title,
      summary: responses.summary,
      publishedAt: responses.publishedAt,
      concernCount: linkedCount,
    })
    .from(responses)
    .where(eq(responses.status, "published"))
    .orderBy(desc(responses.publishedAt))
    .limit(limit);
}

/** Every response, drafts first, for staff. */
export async function listResponsesForStaff(limit = 200) {
  return db
    .select({
      id: responses.id,
      slug: responses.slug,
      title: responses.title,
      status: responses.status,
      publishedAt: responses.publishedAt,
      updatedAt: responses.updatedAt,
      authorName: displayNameOf(responses.authorId),
      concernCount: linkedCount,
    })
    .from(responses)
    .orderBy(asc(responses.status), desc(responses.updatedAt))
    .limit(limit);
}

async function snapshotIdsOf(responseId: string, dbx: DbOrTx = db) {
  const rows = await dbx
    .select({ id: responseSnapshots.snapshotId })
    .from(responseSnapshots)
    .where(eq(responseSnapshots.responseId, responseId))
    .orderBy(asc(responseSnapshots.position));
  return rows.map((r) => r.id);
}

async function linksOf(responseId: string, dbx: DbOrTx = db) {
  return dbx.select().from(responseConcerns).where(eq(responseConcerns.responseId, responseId));
}

/** A response as its staff edit form needs it (staff only: ids and numbers of linked concerns). */
export async function getResponseForStaff(id: string) {
  if (!UUID.test(id)) return null;
  const [row] = await db.select().from(responses).where(eq(responses.id, id));
  if (!row) return null;
  const [links, snapshotIds, kinds] = await Promise.all([linksOf(row.id), snapshotIdsOf(row.id), listKinds()]);
  const numbers = await concernNumbersByIds(links.map((l) => l.concernId));
  const numberOf = new Map(numbers.map((n) => [n.id, n.number]));
  return {
    ...row,
    directNumbers: links
      .filter((l) => l.via === "direct")
      .map((l) => numberOf.get(l.concernId)!)
      .filter(Boolean)
      .sort((a, b) => a - b),
    clusterNumbers: links
      .filter((l) => l.via === "cluster")
      .map((l) => numberOf.get(l.concernId)!)
      .filter(Boolean)
      .sort((a, b) => a - b),
    announced: links.filter((l) => l.notifiedAt).length,
    snapshotIds,
    clusterKindCode: kinds.find((k) => k.id === row.clusterKindId)?.code ?? "",
  };
}

/**
 * A response page: published for everyone, a draft only for staff (others get null → 404).
 * Linked concerns come only through the concerns module's public projection.
 */
export async function getResponseForViewer(slug: string, role: Role | null | undefined) {
  if (!slug || slug.length > 120) return null;
  const [row] = await db.select().from(responses).where(eq(responses.slug, slug));
  if (!row) return null;
  if (row.status !== "published" && !hasRole(role, "csu_staff")) return null;
  const [links, snapshotIds, kinds, policy] = await Promise.all([
    linksOf(row.id),
    snapshotIdsOf(row.id),
    listKinds(),
    row.policyVersionId ? policyVersionById(row.policyVersionId) : null,
  ]);
  const ids = links.map((l) => l.concernId);
  const linked = await publicConcernsByIds(ids);
  const snapshots = (await Promise.all(snapshotIds.map((id) => snapshotView(id)))).flatMap((v) =>
    v ? [{ snapshot: { ...v.snapshot, asOf: v.snapshot.asOf.toISOString() }, live: v.live, definitionChanged: v.definitionChanged }] : [],
  );
  const kind = kinds.find((k) => k.id === row.clusterKindId) ?? null;
  let ref: { type: "analysis" | "comment"; url: string; title: string | null } | null = null;
  if (row.refType && row.refId && row.refUrl) {
    const analysis = row.refType === "analysis" ? await getAnalysis(row.refId) : null;
    ref = { type: row.refType, url: row.refUrl, title: analysis?.question ?? null };
  }
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    bodyHtml: row.bodyHtml,
    status: row.status,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
    criterionStatement: row.criterionStatement,
    policy: policy
      ? {
          name: policy.name,
          version: policy.version,
          kind: policy.kind,
          text: policy.text,
          effectiveFrom: policy.effectiveFrom,
          effectiveTo: policy.effectiveTo,
        }
      : null,
    cluster: row.clusterZip && kind ? { zip: row.clusterZip, kindNameEn: kind.nameEn, kindNameEs: kind.nameEs } : null,
    ref,
    concerns: linked,
    snapshots,
  };
}

/** Published responses that answer a concern (its tracking page lists them). */
export async function publishedResponsesForConcern(concernId: string) {
  return db
    .select({ slug: responses.slug, title: responses.title, summary: responses.summary, publishedAt: responses.publishedAt })
    .from(responseConcerns)
    .innerJoin(responses, eq(responses.id, responseConcerns.responseId))
    .where(and(eq(responseConcerns.concernId, concernId), eq(responses.status, "published")))
    .orderBy(asc(responses.publishedAt));
}

export async function isFollowing(concernId: string, userId: string) {
  const [row] = await db
    .select({ userId: concernFollows.userId })
    .from(concernFollows)
    .where(and(eq(concernFollows.concernId, concernId), eq(concernFollows.userId, userId)));
  return Boolean(row);
}

/** What the staff form offers: policy versions, kinds, measures, and concerns waiting for an answer. */
export async function responseFormOptions() {
  const [policies, kinds, measures, waiting] = await Promise.all([listPolicyVersions(), listKinds(), listMeasures(), triageQueue({ status: "open" }, 200)]);
  return {
    policies: policies.map((p) => ({ id: p.id, kind: p.kind, name: p.name, version: p.version, effectiveFrom: p.effectiveFrom, effectiveTo: p.effectiveTo })),
    kinds: kinds.map((k) => ({ code: k.code, nameEn: k.nameEn, nameEs: k.nameEs })),
    measures: measures.map((m) => ({ key: m.key, nameEn: m.nameEn, nameEs: m.nameEs, kind: m.kind })),
    // Staff-only page, but the form needs no more than the public block to pick a concern.
    waiting: waiting.map((w) => ({
      number: w.number,
      kindNameEn: w.kindNameEn,
      kindNameEs: w.kindNameEs,
      block: w.block,
      zip: w.zip,
      status: w.status,
      daysWaiting: w.daysWaiting,
    })),
  };
}

/**
 * For full-text search: published responses for everyone, drafts too for staff (the only ones
 * whose response page opens on a draft), as a subquery with the columns search expects.
 */
export function searchableResponses(role: Role | null | undefined) {
  const visible = hasRole(role, "csu_staff") ? sql`true` : sql`r.status = 'published'`;
  const body = sql`r.summary || ' ' || r.body_text`;
  const vector = (config: string) =>
    sql`setweight(to_tsvector(${sql.raw(`'${config}'`)}::regconfig, r.title), 'A') || setweight(to_tsvector(${sql.raw(`'${config}'`)}::regconfig, ${body}), 'C')`;
  return sql`(select r.id, r.title, '/responses/' || r.slug as url, ${body} as body, ${vector("english")} as search_en, ${vector("spanish")} as search_es
    from ${responses} r where ${visible})`;
}

/** Office responses published in a county calendar year (the annual report), oldest first. */
export async function responsesPublishedInYear(year: number) {
  const from = startOfCountyDay(`${year}-01-01`);
  const to = startOfCountyDay(`${year + 1}-01-01`);
  return db
    .select({ slug: responses.slug, title: responses.title, publishedAt: responses.publishedAt })
    .from(responses)
    .where(and(eq(responses.status, "published"), gte(responses.publishedAt, from), lt(responses.publishedAt, to)))
    .orderBy(asc(responses.publishedAt));
}
