import { desc, eq, sql } from "drizzle-orm";
import { db } from "~/db/client.server";
import { consultations } from "~/db/schema/consultations";

export async function listConsultations() {
  return db
    .select({
      id: consultations.id,
      slug: consultations.slug,
      title: consultations.title,
      partners: consultations.partners,
      opensAt: consultations.opensAt,
      closesAt: consultations.closesAt,
      hasSummary: consultations.summaryHtml,
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
 * title, url, body, search_en, search_es).
 */
export function searchableConsultations() {
  return sql`(select c.id, c.title, '/consultations/' || c.slug as url, c.notice_text || ' ' || coalesce(c.summary_text, '') as body, c.search_en, c.search_es
    from ${consultations} c)`;
}
