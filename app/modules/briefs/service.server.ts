import { and, eq, isNotNull, isNull, like, or, sql } from "drizzle-orm";
import { db, type DbOrTx } from "~/db/client.server";
import { briefReceipts, briefRevisions, briefs } from "~/db/schema/briefs";
import { activeCabMembers, isActiveAccount } from "~/modules/auth/index.server";
import { recordAudit } from "~/modules/audit/index.server";
import { enqueueJob } from "~/modules/notifications/index.server";
import { notify } from "~/modules/notifications/index.server";
import type { RichText } from "~/modules/richtext/index.server";
import type { BriefFormValues } from "./schemas";
import { DomainError } from "~/utils/errors";

type Actor = { id: string };
type Meta = { ip?: string | null };

export function slugify(title: string) {
  const base = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
  return base || "brief";
}

async function uniqueSlug(tx: DbOrTx, title: string) {
  const base = slugify(title);
  const taken = new Set(
    (
      await tx
        .select({ slug: briefs.slug })
        .from(briefs)
        .where(or(eq(briefs.slug, base), like(briefs.slug, `${base}-%`)))
    ).map((r) => r.slug),
  );
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

const PUBLISH_TASK = "publish_brief";
const briefUrl = (slug: string) => `/briefs/${slug}`;

/** A new draft and its first revision. */
export async function createBrief(actor: Actor, values: BriefFormValues, body: RichText, meta: Meta = {}) {
  return db.transaction(async (tx) => {
    const slug = await uniqueSlug(tx, values.title);
    const [brief] = await tx
      .insert(briefs)
      .values({
        slug,
        title: values.title,
        summary: values.summary,
        topics: values.topics,
        periodStart: values.periodStart ?? null,
        periodEnd: values.periodEnd ?? null,
        bodyJson: body.doc,
        bodyHtml: body.html,
        bodyText: body.text,
        authorId: actor.id,
        revisionCount: 1,
      })
      .returning();
    await tx.insert(briefRevisions).values({
      briefId: brief!.id,
      number: 1,
      title: values.title,
      summary: values.summary,
      bodyJson: body.doc,
      bodyText: body.text,
      statusAtSave: "draft",
      authorId: actor.id,
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "brief.create",
      subjectType: "brief",
      subjectId: brief!.id,
      data: { title: values.title },
      ipAddress: meta.ip,
    });
    return brief!;
  });
}

/** Saves a new revision. Once a brief is public, every edit needs a one-line reason (its change log). */
export async function updateBrief(actor: Actor, briefId: string, values: BriefFormValues, body: RichText, meta: Meta = {}) {
  return db.transaction(async (tx) => {
    const [brief] = await tx.select().from(briefs).where(eq(briefs.id, briefId)).for("update");
    if (!brief) throw new DomainError("briefs:errors.notFound", { status: 404 });
    const reason = values.reason?.trim() || null;
    if (brief.status === "public" && !reason) throw new DomainError("briefs:errors.reasonRequired", { field: "reason" });
    const number = brief.revisionCount + 1;
    await tx.insert(briefRevisions).values({
      briefId,
      number,
      title: values.title,
      summary: values.summary,
      bodyJson: body.doc,
      bodyText: body.text,
      statusAtSave: brief.status,
      reason,
      authorId: actor.id,
    });
    const [updated] = await tx
      .update(briefs)
      .set({
        title: values.title,
        summary: values.summary,
        topics: values.topics,
        periodStart: values.periodStart ?? null,
        periodEnd: values.periodEnd ?? null,
        bodyJson: body.doc,
        bodyHtml: body.html,
        bodyText: body.text,
        revisionCount: number,
        updatedAt: new Date(),
      })
      .where(eq(briefs.id, briefId))
      .returning();
    await recordAudit(tx, {
      actorId: actor.id,
      action: "brief.update",
      subjectType: "brief",
      subjectId: briefId,
      data: { revision: number, reason },
      ipAddress: meta.ip,
    });
    return updated!;
  });
}

/** Tells CAB members about the brief (in-app + email) and records the delivery per member. */
async function deliverToMembers(tx: DbOrTx, brief: typeof briefs.$inferSelect, stage: "cab_review" | "public") {
  let members = await activeCabMembers(tx);
  if (stage === "public") {
    // Members who already received it for review are not told twice.
    const already = new Set(
      (
        await tx
          .select({ userId: briefReceipts.userId })
          .from(briefReceipts)
          .where(and(eq(briefReceipts.briefId, brief.id), isNotNull(briefReceipts.deliveredAt)))
      ).map((r) => r.userId),
    );
    members = members.filter((m) => !already.has(m.id));
  }
  if (!members.length) return 0;
  await notify(
    tx,
    { type: "brief_published", key: `brief:${brief.id}:${stage}`, url: briefUrl(brief.slug), params: { title: brief.title } },
    members.map((m) => ({ userId: m.id })),
  );
  const now = new Date();
  await tx
    .insert(briefReceipts)
    .values(members.map((m) => ({ briefId: brief.id, userId: m.id, deliveredAt: now })))
    .onConflictDoUpdate({
      target: [briefReceipts.briefId, briefReceipts.userId],
      set: { deliveredAt: sql`coalesce(${briefReceipts.deliveredAt}, excluded.delivered_at)` },
    });
  return members.length;
}

/**
 * Sends a draft to the CAB (members only can see it). With `embargoUntil`, a job makes it
 * public at that time, with no request needed.
 */
export async function sendToCabReview(actor: Actor, briefId: string, embargoUntil: Date | null, meta: Meta = {}) {
  return db.transaction(async (tx) => {
    const [brief] = await tx.select().from(briefs).where(eq(briefs.id, briefId)).for("update");
    if (!brief) throw new DomainError("briefs:errors.notFound", { status: 404 });
    if (brief.status === "public") throw new DomainError("briefs:errors.alreadyPublic");
    if (embargoUntil && embargoUntil.getTime() <= Date.now()) throw new DomainError("briefs:errors.dateInPast", { field: "embargoUntil" });
    const [updated] = await tx
      .update(briefs)
      .set({ status: "cab_review", sentToCabAt: brief.sentToCabAt ?? new Date(), publishAt: embargoUntil, updatedAt: new Date() })
      .where(eq(briefs.id, briefId))
      .returning();
    if (embargoUntil) await enqueueJob(tx, PUBLISH_TASK, { briefId }, { jobKey: `brief-publish:${briefId}`, runAt: embargoUntil });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "brief.cab_review",
      subjectType: "brief",
      subjectId: briefId,
      data: { embargoUntil: embargoUntil?.toISOString() ?? null },
      ipAddress: meta.ip,
    });
    const delivered = await deliverToMembers(tx, updated!, "cab_review");
    return { brief: updated!, delivered };
  });
}

async function makePublic(tx: DbOrTx, brief: typeof briefs.$inferSelect, publishedAt: Date) {
  const [updated] = await tx
    .update(briefs)
    .set({ status: "public", publishedAt, publishAt: null, updatedAt: new Date() })
    .where(eq(briefs.id, brief.id))
    .returning();
  const delivered = await deliverToMembers(tx, updated!, "public");
  return { brief: updated!, delivered };
}

/** Publishes now, or schedules publication at `at` (a job does it then). */
export async function publishBrief(actor: Actor, briefId: string, at: Date | null, meta: Meta = {}) {
  return db.transaction(async (tx) => {
    const [brief] = await tx.select().from(briefs).where(eq(briefs.id, briefId)).for("update");
    if (!brief) throw new DomainError("briefs:errors.notFound", { status: 404 });
    if (brief.status === "public") throw new DomainError("briefs:errors.alreadyPublic");
    if (at && at.getTime() > Date.now()) {
      const [updated] = await tx.update(briefs).set({ publishAt: at, updatedAt: new Date() }).where(eq(briefs.id, briefId)).returning();
      await enqueueJob(tx, PUBLISH_TASK, { briefId }, { jobKey: `brief-publish:${briefId}`, runAt: at });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "brief.schedule",
        subjectType: "brief",
        subjectId: briefId,
        data: { publishAt: at.toISOString() },
        ipAddress: meta.ip,
      });
      return { brief: updated!, delivered: 0, scheduled: true };
    }
    const result = await makePublic(tx, brief, new Date());
    await recordAudit(tx, { actorId: actor.id, action: "brief.publish", subjectType: "brief", subjectId: briefId, ipAddress: meta.ip });
    return { ...result, scheduled: false };
  });
}

/**
 * The graphile-worker task: makes a brief public when its embargo or scheduled time has come.
 * Safe to run twice or early (it checks the time and the state under a row lock).
 */
export async function publishDueBrief(briefId: string) {
  return db.transaction(async (tx) => {
    const [brief] = await tx.select().from(briefs).where(eq(briefs.id, briefId)).for("update");
    if (!brief || brief.status === "public" || !brief.publishAt) return false;
    if (brief.publishAt.getTime() > Date.now() + 1000) return false;
    await makePublic(tx, brief, brief.publishAt);
    await recordAudit(tx, {
      actorId: null,
      action: "brief.publish_scheduled",
      subjectType: "brief",
      subjectId: briefId,
      data: { publishAt: brief.publishAt.toISOString() },
    });
    return true;
  });
}

/** Emails again the members who received the brief but have not opened it. */
export async function nudgeUnopened(actor: Actor, briefId: string, meta: Meta = {}) {
  return db.transaction(async (tx) => {
    const [brief] = await tx.select().from(briefs).where(eq(briefs.id, briefId));
    if (!brief) throw new DomainError("briefs:errors.notFound", { status: 404 });
    if (brief.status === "draft") throw new DomainError("briefs:errors.notDelivered");
    const pending = await tx
      .select({ userId: briefReceipts.userId })
      .from(briefReceipts)
      .where(
        and(eq(briefReceipts.briefId, briefId), isNotNull(briefReceipts.deliveredAt), isNull(briefReceipts.openedAt), isActiveAccount(briefReceipts.userId)),
      );
    if (!pending.length) return 0;
    const now = new Date();
    await notify(
      tx,
      { type: "brief_published", key: `brief:${briefId}:nudge:${now.getTime()}`, url: briefUrl(brief.slug), params: { title: brief.title } },
      pending.map((p) => ({ userId: p.userId })),
    );
    await tx
      .update(briefReceipts)
      .set({ lastNudgedAt: now, nudgeCount: sql`${briefReceipts.nudgeCount} + 1` })
      .where(and(eq(briefReceipts.briefId, briefId), isNotNull(briefReceipts.deliveredAt), isNull(briefReceipts.openedAt)));
    await recordAudit(tx, {
      actorId: actor.id,
      action: "brief.nudge",
      subjectType: "brief",
      subjectId: briefId,
      data: { count: pending.length },
      ipAddress: meta.ip,
    });
    return pending.length;
  });
}

/** A CAB member's first view of a brief (the "opened" receipt); later views change nothing. */
export async function recordBriefOpened(briefId: string, userId: string) {
  await db
    .insert(briefReceipts)
    .values({ briefId, userId, openedAt: new Date() })
    .onConflictDoUpdate({
      target: [briefReceipts.briefId, briefReceipts.userId],
      set: { openedAt: sql`coalesce(${briefReceipts.openedAt}, excluded.opened_at)` },
      setWhere: isNull(briefReceipts.openedAt),
    });
}
