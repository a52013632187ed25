import { and, asc, desc, eq, gte, inArray, isNotNull, lt, sql } from "drizzle-orm";
import { db } from "~/db/client.server";
import { startOfCountyDay } from "~/utils/clock";
import { briefReceipts, briefRevisions, briefs } from "~/db/schema/briefs";
import { activeCabMembersSubquery, displayNameOf } from "~/modules/auth/index.server";
import type { Role } from "~/modules/auth";
import { canSeeBrief, visibleStatuses } from "./visibility";

/** The brief at `slug` if this viewer may see it; null otherwise (the route answers 404 either way). */
export async function getBriefForViewer(slug: string, role: Role | null | undefined) {
  const [brief] = await db
    .select()
    .from(briefs)
    .where(eq(briefs.slug, slug.slice(0, 200)));
  if (!brief || !canSeeBrief(role, brief.status)) return null;
  return brief;
}

export async function getBrief(id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [brief] = await db.select().from(briefs).where(eq(briefs.id, id));
  return brief ?? null;
}

const listColumns = {
  id: briefs.id,
  slug: briefs.slug,
  title: briefs.title,
  summary: briefs.summary,
  topics: briefs.topics,
  status: briefs.status,
  periodStart: briefs.periodStart,
  periodEnd: briefs.periodEnd,
  publishedAt: briefs.publishedAt,
  publishAt: briefs.publishAt,
  sentToCabAt: briefs.sentToCabAt,
  updatedAt: briefs.updatedAt,
};

/** Briefs a viewer may see in the list: public ones, plus CAB review for members (never drafts here). */
export async function listBriefs(role: Role | null | undefined, { topic, limit = 50 }: { topic?: string | null; limit?: number } = {}) {
  const statuses = visibleStatuses(role).filter((s) => s !== "draft");
  return db
    .select(listColumns)
    .from(briefs)
    .where(and(inArray(briefs.status, statuses), topic ? sql`${topic} = any(${briefs.topics})` : undefined))
    .orderBy(desc(sql`coalesce(${briefs.publishedAt}, ${briefs.sentToCabAt}, ${briefs.updatedAt})`))
    .limit(limit);
}

export async function listPublicBriefs(limit = 50) {
  return db
    .select({ ...listColumns, bodyHtml: briefs.bodyHtml })
    .from(briefs)
    .where(eq(briefs.status, "public"))
    .orderBy(desc(briefs.publishedAt))
    .limit(limit);
}

export async function listAllBriefs() {
  return db.select(listColumns).from(briefs).orderBy(desc(briefs.updatedAt)).limit(500);
}

export async function listRevisions(briefId: string) {
  return db
    .select({
      id: briefRevisions.id,
      number: briefRevisions.number,
      statusAtSave: briefRevisions.statusAtSave,
      reason: briefRevisions.reason,
      createdAt: briefRevisions.createdAt,
      authorName: displayNameOf(briefRevisions.authorId),
    })
    .from(briefRevisions)
    .where(eq(briefRevisions.briefId, briefId))
    .orderBy(desc(briefRevisions.number));
}

export async function getRevisionPair(briefId: string, a: number, b: number) {
  const rows = await db
    .select()
    .from(briefRevisions)
    .where(and(eq(briefRevisions.briefId, briefId), inArray(briefRevisions.number, [a, b])));
  return { a: rows.find((r) => r.number === a) ?? null, b: rows.find((r) => r.number === b) ?? null };
}

/** The public change log: edits made after publication, with their reasons. */
export async function changeLog(briefId: string) {
  return db
    .select({ number: briefRevisions.number, reason: briefRevisions.reason, createdAt: briefRevisions.createdAt })
    .from(briefRevisions)
    .where(and(eq(briefRevisions.briefId, briefId), eq(briefRevisions.statusAtSave, "public"), isNotNull(briefRevisions.reason)))
    .orderBy(asc(briefRevisions.number));
}

/** Every current CAB member with their receipt for this brief (delivered, opened, nudged). */
export async function receiptsFor(briefId: string) {
  const members = activeCabMembersSubquery();
  return db
    .select({
      userId: members.id,
      name: members.displayName,
      deliveredAt: briefReceipts.deliveredAt,
      openedAt: briefReceipts.openedAt,
      lastNudgedAt: briefReceipts.lastNudgedAt,
      nudgeCount: sql<number>`coalesce(${briefReceipts.nudgeCount}, 0)`.mapWith(Number),
    })
    .from(members)
    .leftJoin(briefReceipts, and(eq(briefReceipts.userId, members.id), eq(briefReceipts.briefId, briefId)))
    .orderBy(asc(members.displayName));
}

/**
 * For full-text search: the briefs this role may read (never drafts) as a subquery with the
 * columns search expects (id, title, url, body, search_en, search_es). The search module puts it
 * in its one statement instead of reading the table.
 */
export function searchableBriefs(role: Role | null | undefined) {
  const statuses = visibleStatuses(role).filter((s) => s !== "draft");
  const list = sql.join(
    statuses.map((s) => sql`${s}`),
    sql`, `,
  );
  return sql`(select b.id, b.title, '/briefs/' || b.slug as url, b.summary || ' ' || b.body_text as body, b.search_en, b.search_es
    from ${briefs} b where b.status in (${list}))`;
}

/**
 * For a public records request: the briefs saved or published in [from, to) — each with its
 * revisions saved in the period (who saved it, at which stage, why) and its current text.
 */
export async function briefsForRecords(from: Date, to: Date) {
  const inPeriod = (col: typeof briefRevisions.createdAt | typeof briefs.publishedAt) =>
    sql`${col} >= ${from.toISOString()}::timestamptz and ${col} < ${to.toISOString()}::timestamptz`;
  const revisions = await db
    .select({
      briefId: briefRevisions.briefId,
      number: briefRevisions.number,
      title: briefRevisions.title,
      statusAtSave: briefRevisions.statusAtSave,
      reason: briefRevisions.reason,
      createdAt: briefRevisions.createdAt,
      authorName: displayNameOf(briefRevisions.authorId),
    })
    .from(briefRevisions)
    .where(inPeriod(briefRevisions.createdAt))
    .orderBy(asc(briefRevisions.createdAt));
  const published = await db.select({ id: briefs.id }).from(briefs).where(inPeriod(briefs.publishedAt));
  const ids = [...new Set([...revisions.map((r) => r.briefId), ...published.map((b) => b.id)])];
  if (!ids.length) return [];
  const rows = await db
    .select({
      id: briefs.id,
      slug: briefs.slug,
      title: briefs.title,
      summary: briefs.summary,
      status: briefs.status,
      sentToCabAt: briefs.sentToCabAt,
      publishedAt: briefs.publishedAt,
      bodyText: briefs.bodyText,
    })
    .from(briefs)
    .where(inArray(briefs.id, ids))
    .orderBy(asc(briefs.createdAt));
  return rows.map((b) => ({ ...b, revisions: revisions.filter((r) => r.briefId === b.id) }));
}

/** Titles of briefs by id (for lists that name what a record is about). */
export async function briefTitles(ids: readonly string[]) {
  const valid = [...new Set(ids)].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  if (!valid.length) return new Map<string, { title: string; slug: string }>();
  const rows = await db.select({ id: briefs.id, title: briefs.title, slug: briefs.slug }).from(briefs).where(inArray(briefs.id, valid));
  return new Map(rows.map((r) => [r.id, { title: r.title, slug: r.slug }]));
}

/** Briefs made public in a county calendar year (the annual report), oldest first. */
export async function briefsPublishedInYear(year: number) {
  const from = startOfCountyDay(`${year}-01-01`);
  const to = startOfCountyDay(`${year + 1}-01-01`);
  return db
    .select({ slug: briefs.slug, title: briefs.title, publishedAt: briefs.publishedAt })
    .from(briefs)
    .where(and(eq(briefs.status, "public"), isNotNull(briefs.publishedAt), gte(briefs.publishedAt, from), lt(briefs.publishedAt, to)))
    .orderBy(asc(briefs.publishedAt));
}
