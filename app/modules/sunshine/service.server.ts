import { eq, max, sql } from "drizzle-orm";
import { db } from "~/db/client.server";
import { sunshineExceptions, sunshineHolidays, sunshineSettings } from "~/db/schema/sunshine";
import { recordAudit } from "~/modules/audit/index.server";
import { DomainError } from "~/utils/errors";
import type { SettingsInput } from "./schemas";

export type Actor = { id: string };
export type Ctx = { ip?: string | null };

export async function updateSunshineSettings(actor: Actor, input: SettingsInput, ctx: Ctx = {}) {
  return db.transaction(async (tx) => {
    const values = {
      noticeHours: input.noticeHours,
      weekendsCount: input.weekendsCount,
      holidaysCount: input.holidaysCount,
      recordsBusinessDays: input.recordsBusinessDays,
      updatedById: actor.id,
      updatedAt: new Date(),
    };
    await tx
      .insert(sunshineSettings)
      .values({ id: 1, ...values })
      .onConflictDoUpdate({ target: sunshineSettings.id, set: values });
    await recordAudit(tx, { actorId: actor.id, action: "sunshine.settings", subjectType: "sunshine", subjectId: "settings", data: input, ipAddress: ctx.ip });
  });
}

export async function addHoliday(actor: Actor, input: { day: string; nameEn: string; nameEs: string }, ctx: Ctx = {}) {
  return db.transaction(async (tx) => {
    const inserted = await tx.insert(sunshineHolidays).values(input).onConflictDoNothing().returning();
    if (!inserted.length) throw new DomainError("sunshine:errors.holidayExists", { field: "day" });
    await recordAudit(tx, { actorId: actor.id, action: "sunshine.holiday.add", subjectType: "sunshine", subjectId: input.day, data: input, ipAddress: ctx.ip });
  });
}

export async function removeHoliday(actor: Actor, day: string, ctx: Ctx = {}) {
  return db.transaction(async (tx) => {
    const removed = await tx.delete(sunshineHolidays).where(eq(sunshineHolidays.day, day)).returning();
    if (!removed.length) throw new DomainError("sunshine:errors.notFound", { status: 404 });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "sunshine.holiday.remove",
      subjectType: "sunshine",
      subjectId: day,
      data: { nameEn: removed[0]!.nameEn },
      ipAddress: ctx.ip,
    });
  });
}

/** Adds an exception or rewrites one (same code). */
export async function saveClosedException(
  actor: Actor,
  input: { code: string; citation: string; titleEn: string; titleEs: string; descriptionEn: string; descriptionEs: string },
  ctx: Ctx = {},
) {
  return db.transaction(async (tx) => {
    const [last] = await tx.select({ n: max(sunshineExceptions.position) }).from(sunshineExceptions);
    const { code, ...text } = input;
    await tx
      .insert(sunshineExceptions)
      .values({ ...input, position: (last?.n ?? 0) + 1 })
      .onConflictDoUpdate({ target: sunshineExceptions.code, set: { ...text, updatedAt: sql`now()` } });
    await recordAudit(tx, { actorId: actor.id, action: "sunshine.exception.save", subjectType: "sunshine", subjectId: code, data: input, ipAddress: ctx.ip });
  });
}

/** Retired exceptions cannot be chosen for a new closed session; meetings that cited one keep it. */
export async function setClosedExceptionActive(actor: Actor, code: string, active: boolean, ctx: Ctx = {}) {
  return db.transaction(async (tx) => {
    const updated = await tx.update(sunshineExceptions).set({ active, updatedAt: new Date() }).where(eq(sunshineExceptions.code, code)).returning();
    if (!updated.length) throw new DomainError("sunshine:errors.notFound", { status: 404 });
    await recordAudit(tx, {
      actorId: actor.id,
      action: active ? "sunshine.exception.restore" : "sunshine.exception.retire",
      subjectType: "sunshine",
      subjectId: code,
      ipAddress: ctx.ip,
    });
  });
}
