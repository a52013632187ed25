import { eq, like, or } from "drizzle-orm";
import { db } from "~/db/client.server";
import { consultations } from "~/db/schema/consultations";
import { recordAudit } from "~/modules/audit/index.server";
import { slugify } from "~/modules/briefs/index.server";
import type { RichText } from "~/modules/richtext/index.server";

export type ConsultationInput = { title: string; partners: string[]; opensAt: Date; closesAt: Date; notice: RichText; summary: RichText | null };

export async function createConsultation(actor: { id: string }, input: ConsultationInput, ip?: string | null) {
  return db.transaction(async (tx) => {
    const base = slugify(input.title);
    const taken = new Set(
      (
        await tx
          .select({ slug: consultations.slug })
          .from(consultations)
          .where(or(eq(consultations.slug, base), like(consultations.slug, `${base}-%`)))
      ).map((r) => r.slug),
    );
    let slug = base;
    for (let i = 2; taken.has(slug); i++) slug = `${base}-${i}`;
    const [row] = await tx
      .insert(consultations)
      .values({
        slug,
        title: input.title,
        partners: input.partners,
        opensAt: input.opensAt,
        closesAt: input.closesAt,
        noticeJson: input.notice.doc,
        noticeHtml: input.notice.html,
        noticeText: input.notice.text,
        summaryJson: input.summary?.doc ?? null,
        summaryHtml: input.summary?.html ?? null,
        summaryText: input.summary?.text ?? null,
        createdById: actor.id,
      })
      .returning();
    await recordAudit(tx, {
      actorId: actor.id,
      action: "consultation.create",
      subjectType: "consultation",
      subjectId: row!.id,
      data: { title: input.title },
      ipAddress: ip,
    });
    return row!;
  });
}

export async function updateConsultation(actor: { id: string }, id: string, input: ConsultationInput, ip?: string | null) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(consultations)
      .set({
        title: input.title,
        partners: input.partners,
        opensAt: input.opensAt,
        closesAt: input.closesAt,
        noticeJson: input.notice.doc,
        noticeHtml: input.notice.html,
        noticeText: input.notice.text,
        summaryJson: input.summary?.doc ?? null,
        summaryHtml: input.summary?.html ?? null,
        summaryText: input.summary?.text ?? null,
        updatedAt: new Date(),
      })
      .where(eq(consultations.id, id))
      .returning();
    if (!row) return null;
    await recordAudit(tx, {
      actorId: actor.id,
      action: "consultation.update",
      subjectType: "consultation",
      subjectId: id,
      data: { hasSummary: !!input.summary },
      ipAddress: ip,
    });
    return row;
  });
}
