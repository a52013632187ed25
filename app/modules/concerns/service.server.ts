import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { db, type DbOrTx, type Transaction } from "~/db/client.server";
import { concernCorroborations, concernKinds, concerns, concernStatusHistory, zipAreas } from "~/db/schema/concerns";
import { getFixedT } from "~/i18n/i18n.server";
import { isLocale } from "~/locales";
import { recordAudit } from "~/modules/audit/index.server";
import { notify } from "~/modules/notifications/index.server";
import { formatTrackingCode } from "./format";
import { publicLocationColumns, publicLocationFor } from "./location.server";
import { SIMILAR_DAYS } from "./public.server";
import { CLOSED_STATUSES, NEXT_STATUSES, OPEN_STATUSES, type ConcernStatus } from "./status";
import { countyTimeToDate } from "~/utils/clock";
import { newTrackingCode } from "./tracking-code.server";
import type { SystemNote } from "./notes";

export type NewConcern = {
  kindCode: string;
  description: string;
  observedDate: string;
  observedTime?: string;
  address: string;
  zip: string;
  latitude?: number;
  longitude?: number;
  name?: string;
  email?: string;
  phone?: string;
  consent?: boolean;
  locale: string;
  source?: "web" | "open311" | "seed";
  apiKeyId?: string | null;
  ipAddress?: string | null;
  /** For seeds and tests: when it was submitted. */
  createdAt?: Date;
};

export type CreateResult = { ok: true; number: number; trackingCode: string; concernId: string } | { ok: false; error: "unknown_kind" };

export async function activeKindByCode(code: string, tx: DbOrTx = db) {
  const [kind] = await tx
    .select()
    .from(concernKinds)
    .where(and(eq(concernKinds.code, code), eq(concernKinds.active, true)));
  return kind ?? null;
}

async function districtOf(tx: DbOrTx, zip: string) {
  const [area] = await tx.select({ district: zipAreas.district }).from(zipAreas).where(eq(zipAreas.zip, zip));
  return area?.district ?? null;
}

/** Who hears about a concern's changes: its reporter, people who added to it, reporters of merged duplicates. */
async function followers(tx: DbOrTx, concernId: string) {
  // Each follower is sent to their own tracking page (a merged duplicate's or a corroboration's code).
  const rows = await tx.execute<{ email: string; locale: string; code: string }>(sql`
    select reporter_email as email, reporter_locale as locale, tracking_code as code from concerns where (id = ${concernId} or duplicate_of_id = ${concernId}) and reporter_email is not null
    union all
    select reporter_email, reporter_locale, tracking_code from concern_corroborations where concern_id = ${concernId} and reporter_email is not null and tracking_code is not null`);
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.email.toLowerCase()) && seen.add(r.email.toLowerCase()));
}

/** Emails the followers of a concern, each in their own language, inside the caller's transaction. */
async function notifyStatus(
  tx: DbOrTx,
  concern: { id: string; trackingCode: string },
  historyId: string,
  status: ConcernStatus,
  note: string | SystemNote | null,
  only?: { email: string; locale: string; code: string },
) {
  const recipients = only ? [only] : await followers(tx, concern.id);
  for (const r of recipients) {
    const locale = isLocale(r.locale) ? r.locale : "en";
    const t = await getFixedT(locale, "concerns");
    // A system note is written in each recipient's language; a staff member's note as they wrote it.
    const noteText = typeof note === "string" ? note : note ? t(`notes.${note.code}`, { ...(note.params ?? {}) }) : "";
    await notify(
      tx,
      {
        type: "concern_status_changed",
        key: `concern-status:${historyId}`,
        url: `/concerns/track/${r.code}`,
        params: { code: formatTrackingCode(r.code), status: t(`status.${status}`), note: noteText },
      },
      [{ email: r.email, locale }],
    );
  }
}

/**
 * A new concern and its "received" entry are one statement: the kind and the district are looked
 * up inside the insert, so a resident's report costs one round trip to the database instead of
 * six (it is the busiest write the public can make). With an email address the notice is queued
 * in the same transaction. An unknown or retired kind fails the insert (kind_id is required).
 */
export async function createConcern(input: NewConcern): Promise<CreateResult> {
  const location = publicLocationColumns(await publicLocationFor(input.address));
  const trackingCode = newTrackingCode();
  const insertConcern = (tx: DbOrTx) =>
    tx
      .insert(concerns)
      .values({
        trackingCode,
        kindId: sql`(select ${concernKinds.id} from ${concernKinds} where ${concernKinds.code} = ${input.kindCode} and ${concernKinds.active})`,
        description: input.description,
        observedAt: countyTimeToDate(input.observedDate, input.observedTime ?? "12:00"),
        address: input.address.trim(),
        latitude: input.latitude ?? null,
        longitude: input.longitude ?? null,
        reporterName: input.name || null,
        reporterEmail: input.email?.toLowerCase() || null,
        reporterPhone: input.phone || null,
        consentToContact: Boolean(input.consent && (input.email || input.phone)),
        reporterLocale: input.locale,
        zip: input.zip,
        ...location,
        district: sql`(select ${zipAreas.district} from ${zipAreas} where ${zipAreas.zip} = ${input.zip})`,
        source: input.source ?? "web",
        apiKeyId: input.apiKeyId ?? null,
        ...(input.createdAt ? { createdAt: input.createdAt, updatedAt: input.createdAt } : {}),
      })
      .returning({ id: concerns.id, number: concerns.number });
  const write = async (tx: DbOrTx) => {
    const received = sql`${input.createdAt ? sql`${input.createdAt.toISOString()}::timestamptz` : sql`now()`}`;
    const rows = await tx.execute<{ id: string; number: number; history_id: string }>(sql`
      with inserted as (${insertConcern(tx).getSQL()}),
      history as (
        insert into ${concernStatusHistory} (concern_id, status, public_note_code, created_at)
        select id, 'received', 'received', ${received} from inserted
        returning id
      )
      select inserted.id, inserted.number, history.id as history_id from inserted, history`);
    return rows[0]!;
  };
  try {
    const row = input.email
      ? await db.transaction(async (tx) => {
          const r = await write(tx);
          await notifyStatus(tx, { id: r.id, trackingCode }, r.history_id, "received", { code: "received" });
          return r;
        })
      : await write(db);
    return { ok: true as const, number: Number(row.number), trackingCode, concernId: row.id };
  } catch (error) {
    if (isMissingKind(error)) return { ok: false as const, error: "unknown_kind" as const };
    throw error;
  }
}

/** The insert's "kind_id is required" failure: no active kind has that code. */
function isMissingKind(error: unknown) {
  const e = (error as { cause?: unknown })?.cause ?? error;
  return (e as { code?: string })?.code === "23502" && (e as { column_name?: string })?.column_name === "kind_id";
}

type CorroborationInput = Omit<NewConcern, "kindCode" | "address" | "zip">;

/**
 * A resident adds their report to the open concern of the same kind, block and ZIP as the one
 * they typed (the "similar reports" step): the target is found here from what they typed, never
 * taken from the form, so a report cannot be added to a concern elsewhere or of another kind.
 */
export async function corroborateOnBlock(input: NewConcern) {
  return db.transaction(async (tx) => {
    const parsed = await publicLocationFor(input.address);
    if (!parsed.key) return { ok: false as const, error: "not_open" as const };
    const [target] = await tx
      .select({ number: concerns.number })
      .from(concerns)
      .innerJoin(concernKinds, eq(concernKinds.id, concerns.kindId))
      .where(
        and(
          eq(concernKinds.code, input.kindCode),
          eq(concerns.zip, input.zip),
          eq(concerns.blockKey, parsed.key),
          eq(concerns.hidden, false),
          isNull(concerns.duplicateOfId),
          inArray(concerns.status, [...OPEN_STATUSES]),
          sql`${concerns.createdAt} > now() - interval '${sql.raw(String(SIMILAR_DAYS))} days'`,
        ),
      )
      .orderBy(asc(concerns.createdAt))
      .limit(1);
    if (!target) return { ok: false as const, error: "not_open" as const };
    return addCorroboration(tx, target.number, input);
  });
}

/** Staff and seeds: adds a corroboration to concern `number` (still open). */
export async function corroborateConcern(number: number, input: CorroborationInput) {
  return db.transaction((tx) => addCorroboration(tx, number, input));
}

async function addCorroboration(tx: Transaction, number: number, input: CorroborationInput) {
  const [target] = await tx
    .select({ id: concerns.id, status: concerns.status, hidden: concerns.hidden, duplicateOfId: concerns.duplicateOfId, trackingCode: concerns.trackingCode })
    .from(concerns)
    .where(eq(concerns.number, number))
    .for("update");
  if (!target || target.hidden || target.duplicateOfId || CLOSED_STATUSES.includes(target.status)) return { ok: false as const, error: "not_open" as const };
  const trackingCode = newTrackingCode();
  const [row] = await tx
    .insert(concernCorroborations)
    .values({
      concernId: target.id,
      trackingCode,
      description: input.description,
      observedAt: countyTimeToDate(input.observedDate, input.observedTime ?? "12:00"),
      reporterName: input.name || null,
      reporterEmail: input.email?.toLowerCase() || null,
      reporterPhone: input.phone || null,
      consentToContact: Boolean(input.consent && (input.email || input.phone)),
      reporterLocale: input.locale,
    })
    .returning({ id: concernCorroborations.id });
  await tx.update(concerns).set({ updatedAt: new Date() }).where(eq(concerns.id, target.id));
  if (input.email) {
    await notifyStatus(
      tx,
      target,
      `corroboration:${row!.id}`,
      target.status,
      { code: "corroborated" },
      {
        email: input.email.toLowerCase(),
        locale: input.locale,
        code: trackingCode,
      },
    );
  }
  return { ok: true as const, number, trackingCode };
}

type Actor = { id: string; ipAddress?: string | null };

async function lockConcern(tx: Transaction, number: number) {
  const [row] = await tx.select().from(concerns).where(eq(concerns.number, number)).for("update");
  return row ?? null;
}

/** Writes a status change, its history row, audit row and the followers' emails, together. */
/** A concern by its public number, locked for the rest of the transaction (null when there is none). */
export async function lockConcernByNumber(tx: Transaction, number: number) {
  const [row] = await tx.select().from(concerns).where(eq(concerns.number, number)).for("update");
  return row ?? null;
}

export async function applyStatus(
  tx: Transaction,
  concern: { id: string; trackingCode: string; status: ConcernStatus },
  status: ConcernStatus,
  notes: { publicNote?: string | null; publicNoteCode?: SystemNote | null; internalNote?: string | null },
  actor: Actor,
  extra: Partial<typeof concerns.$inferInsert> = {},
  options: { email?: boolean } = {},
) {
  const closed = CLOSED_STATUSES.includes(status);
  await tx
    .update(concerns)
    .set({ status, updatedAt: new Date(), closedAt: closed ? new Date() : null, ...extra })
    .where(eq(concerns.id, concern.id));
  const [history] = await tx
    .insert(concernStatusHistory)
    .values({
      concernId: concern.id,
      status,
      // A note typed by staff wins; otherwise the system's note, stored as its code.
      publicNote: notes.publicNote || null,
      publicNoteCode: notes.publicNote ? null : (notes.publicNoteCode?.code ?? null),
      publicNoteParams: notes.publicNote ? null : (notes.publicNoteCode?.params ?? null),
      internalNote: notes.internalNote || null,
      actorId: actor.id,
    })
    .returning({ id: concernStatusHistory.id });
  await recordAudit(tx, {
    actorId: actor.id,
    action: "concern.status_changed",
    subjectType: "concern",
    subjectId: concern.id,
    data: { from: concern.status, to: status },
    ipAddress: actor.ipAddress,
  });
  // The caller may send its own message instead (a published response tells the same people, once).
  if (options.email !== false) await notifyStatus(tx, concern, history!.id, status, notes.publicNote || notes.publicNoteCode || null);
}

export async function changeStatus(
  number: number,
  input: { status: ConcernStatus; publicNote?: string; publicNoteCode?: SystemNote; internalNote?: string },
  actor: Actor,
) {
  return db.transaction(async (tx) => {
    const concern = await lockConcern(tx, number);
    if (!concern) return { ok: false as const, error: "not_found" as const };
    if (!NEXT_STATUSES[concern.status].includes(input.status)) return { ok: false as const, error: "bad_transition" as const };
    await applyStatus(tx, concern, input.status, input, actor);
    return { ok: true as const };
  });
}

/** Marks `number` a duplicate of `target`: it closes as "duplicate" and counts as a corroboration of the target. */
export async function mergeDuplicate(number: number, targetNumber: number, publicNote: string | SystemNote | undefined, actor: Actor) {
  return db.transaction(async (tx) => {
    if (number === targetNumber) return { ok: false as const, error: "self" as const };
    const concern = await lockConcern(tx, number);
    const target = await lockConcern(tx, targetNumber);
    if (!concern || !target) return { ok: false as const, error: "not_found" as const };
    if (concern.duplicateOfId) return { ok: false as const, error: "already_merged" as const };
    if (target.duplicateOfId || target.hidden) return { ok: false as const, error: "bad_target" as const };
    // Anything already merged into this one now belongs to the target too.
    await tx.update(concerns).set({ duplicateOfId: target.id }).where(eq(concerns.duplicateOfId, concern.id));
    await tx.update(concernCorroborations).set({ concernId: target.id }).where(eq(concernCorroborations.concernId, concern.id));
    await tx.insert(concernCorroborations).values({ concernId: target.id, mergedConcernId: concern.id, observedAt: concern.observedAt });
    await applyStatus(
      tx,
      concern,
      "duplicate",
      typeof publicNote === "string" ? { publicNote } : { publicNote: null, publicNoteCode: publicNote ?? null },
      actor,
      { duplicateOfId: target.id },
    );
    await recordAudit(tx, {
      actorId: actor.id,
      action: "concern.merged",
      subjectType: "concern",
      subjectId: concern.id,
      data: { into: target.id, intoNumber: target.number },
      ipAddress: actor.ipAddress,
    });
    return { ok: true as const };
  });
}

/** Replaces a description with a redacted one; the original survives only in the audit log. */
export async function redactDescription(number: number, description: string, reason: string | undefined, actor: Actor) {
  return db.transaction(async (tx) => {
    const concern = await lockConcern(tx, number);
    if (!concern) return { ok: false as const, error: "not_found" as const };
    if (concern.description === description) return { ok: true as const };
    await tx.update(concerns).set({ description, updatedAt: new Date() }).where(eq(concerns.id, concern.id));
    await recordAudit(tx, {
      actorId: actor.id,
      action: "concern.redacted",
      subjectType: "concern",
      subjectId: concern.id,
      data: { original: concern.description, reason: reason ?? null },
      ipAddress: actor.ipAddress,
    });
    return { ok: true as const };
  });
}

export async function setHidden(number: number, hidden: boolean, reason: string | undefined, actor: Actor) {
  return db.transaction(async (tx) => {
    const concern = await lockConcern(tx, number);
    if (!concern) return { ok: false as const, error: "not_found" as const };
    await tx
      .update(concerns)
      .set({ hidden, hiddenReason: hidden ? (reason ?? null) : null, updatedAt: new Date() })
      .where(eq(concerns.id, concern.id));
    await recordAudit(tx, {
      actorId: actor.id,
      action: hidden ? "concern.hidden" : "concern.unhidden",
      subjectType: "concern",
      subjectId: concern.id,
      data: { reason: reason ?? null },
      ipAddress: actor.ipAddress,
    });
    return { ok: true as const };
  });
}

export type KindInput = { code?: string; nameEn: string; nameEs: string; descriptionEn?: string; descriptionEs?: string; active?: boolean };

export async function createKind(input: KindInput & { code: string }, actor: Actor) {
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: concernKinds.id }).from(concernKinds).where(eq(concernKinds.code, input.code));
    if (existing) return { ok: false as const, error: "code_taken" as const };
    const [{ max }] = (await tx.select({ max: sql<number>`coalesce(max(${concernKinds.sortOrder}), 0)::int` }).from(concernKinds)) as [{ max: number }];
    const [kind] = await tx
      .insert(concernKinds)
      .values({
        code: input.code,
        nameEn: input.nameEn,
        nameEs: input.nameEs,
        descriptionEn: input.descriptionEn ?? "",
        descriptionEs: input.descriptionEs ?? "",
        active: input.active ?? true,
        sortOrder: max + 10,
      })
      .returning();
    await recordAudit(tx, {
      actorId: actor.id,
      action: "concern_kind.created",
      subjectType: "concern_kind",
      subjectId: String(kind!.id),
      data: { code: input.code },
      ipAddress: actor.ipAddress,
    });
    return { ok: true as const, kind: kind! };
  });
}

export async function updateKind(id: number, input: KindInput, actor: Actor) {
  return db.transaction(async (tx) => {
    const [kind] = await tx
      .update(concernKinds)
      .set({
        nameEn: input.nameEn,
        nameEs: input.nameEs,
        descriptionEn: input.descriptionEn ?? "",
        descriptionEs: input.descriptionEs ?? "",
        active: input.active ?? false,
      })
      .where(eq(concernKinds.id, id))
      .returning();
    if (!kind) return { ok: false as const, error: "not_found" as const };
    await recordAudit(tx, {
      actorId: actor.id,
      action: "concern_kind.updated",
      subjectType: "concern_kind",
      subjectId: String(id),
      data: { ...input },
      ipAddress: actor.ipAddress,
    });
    return { ok: true as const };
  });
}

/** Statuses a published response does not move: it is already answered, closed or merged away. */
const NOT_RESPONDABLE: readonly ConcernStatus[] = ["responded", "closed", "duplicate"];

/**
 * A published office response answers these concerns: each one not already responded, closed or
 * merged moves to "responded" (status history with the system's note, shown in each reader's language, and
 * an audit row), in the caller's transaction. The status email is left out on purpose: the caller
 * sends the response notification to the same people (returned here: everyone who would have had
 * the status email, i.e. reporters, people who added to it and reporters of merged duplicates).
 */
export async function markRespondedByResponse(tx: Transaction, concernIds: string[], note: SystemNote, actor: Actor) {
  const contacts: { email: string; locale: string; code: string }[] = [];
  const seen = new Set<string>();
  for (const id of [...new Set(concernIds)].sort()) {
    const [concern] = await tx.select().from(concerns).where(eq(concerns.id, id)).for("update");
    if (!concern) continue;
    if (!NOT_RESPONDABLE.includes(concern.status)) {
      await applyStatus(tx, concern, "responded", { publicNoteCode: note }, actor, {}, { email: false });
    }
    for (const r of await followers(tx, concern.id)) {
      if (seen.has(r.email.toLowerCase())) continue;
      seen.add(r.email.toLowerCase());
      contacts.push({ email: r.email, locale: isLocale(r.locale) ? r.locale : "en", code: r.code });
    }
  }
  return { contacts };
}
