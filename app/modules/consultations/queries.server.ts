import { desc, eq, sql } from "drizzle-orm";
import { db } from "~/db/client.server";
import { consultations } from "~/db/schema/consultations";
import { phaseOf } from "./schemas";

export async function listConsultations() {
  return db
    .select({
      id: consultations.id,
      slug: consultations.slug,
      title: consultations.title,
      partners: consultations.partners,
      opensAt: consultations.opensAt,
      closesAt: consultations.closesAt,
      // Whether a summary exists is public only once the consultation has closed.
      hasSummary: sql<boolean>`(${consultations.closesAt} <= now() and ${consultations.summaryHtml} is not null)`,
    })
    .from(consultations)
    .orderBy(desc(consultations.opensAt))
    .limit(200);
}

export async function getConsultationBySlug(slug: string) {
  const [row] = await db
    .select()
    .from(consultations)
    .where(eq(consultations.slug, slug.slice(0, 200)));
  return row ?? null;
}

export async function getConsultation(id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await db.select().from(consultations).where(eq(consultations.id, id));
  return row ?? null;
}

/**
 * For full-text search: every consultation as a subquery with the columns search expects (id,
 * title, url, body, search_en, search_es). A summary is searched (and quoted) only once the
 * consultation has closed: before that the vectors are rebuilt from the title and notice alone,
 * so no hit reveals a word of it.
 */
export function searchableConsultations() {
  return sql`(select c.id, c.title, '/consultations/' || c.slug as url,
      c.notice_text || case when c.closes_at <= now() then ' ' || coalesce(c.summary_text, '') else '' end as body,
      case when c.closes_at <= now() then c.search_en else
        setweight(to_tsvector('english'::regconfig, coalesce(c.title, '')), 'A') || setweight(to_tsvector('english'::regconfig, coalesce(c.notice_text, '')), 'C') end as search_en,
      case when c.closes_at <= now() then c.search_es else
        setweight(to_tsvector('spanish'::regconfig, coalesce(c.title, '')), 'A') || setweight(to_tsvector('spanish'::regconfig, coalesce(c.notice_text, '')), 'C') end as search_es
    from ${consultations} c)`;
}

/**
 * A consultation as the public may see it: its summary only once it has closed (until then the
 * summary is a staff draft, and is not in the page, its loader data or search).
 */
export async function publicConsultationBySlug(slug: string, now = new Date()) {
  const row = await getConsultationBySlug(slug);
  if (!row) return null;
  const { summaryJson: _json, summaryHtml, summaryText: _text, ...rest } = row;
  return { ...rest, summaryHtml: phaseOf(row, now) === "closed" ? summaryHtml : null };
}
