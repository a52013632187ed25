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
 * A consultation as the public may see it: its summary only once it has closed (until then the
 * summary is a staff draft, and is not in the page, its loader data or search).
 */
export async function publicConsultationBySlug(slug: string, now = new Date()) {
  const row = await getConsultationBySlug(slug);
  if (!row) return null;
  const { summaryJson: _json, summaryHtml, summaryText: _text, ...rest } = row;
  return { ...rest, summaryHtml: phaseOf(row, now) === "closed" ? summaryHtml : null };
}
