/** Staff-only reads: these return private columns. Never call them from a public route. */
import { and, asc, desc, eq, gte, inArray, isNull, lte, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db, type DbOrTx } from "~/db/client.server";
import { concernCorroborations, concernKinds, concerns, concernStatusHistory } from "~/db/schema/concerns";
import { displayNameOf } from "~/modules/auth/index.server";
import { blockKeyFor } from "./block";
import { OPEN_STATUSES, type ConcernStatus } from "./status";
import { COUNTY_TIME_ZONE } from "~/utils/clock";

export async function listKinds({ activeOnly = false } = {}) {
  return db
    .select()
    .from(concernKinds)
    .where(activeOnly ? eq(concernKinds.active, true) : undefined)
    .orderBy(asc(concernKinds.sortOrder), asc(concernKinds.id));
}

export type TriageFilters = { kind?: string; zip?: string; status?: ConcernStatus | "open" | "all"; minDays?: number; hidden?: boolean };

export async function triageQueue(filters: TriageFilters, limit = 200) {
  const where: SQL[] = [];
  if (filters.kind) where.push(eq(concernKinds.code, filters.kind));
  if (filters.zip) where.push(eq(concerns.zip, filters.zip));
  if (!filters.status || filters.status === "open") where.push(sql`${concerns.status} in ('received', 'under_review', 'documented', 'referred')`);
  else if (filters.status !== "all") where.push(eq(concerns.status, filters.status));
  if (filters.minDays) where.push(lte(concerns.createdAt, sql`now() - make_interval(days => ${filters.minDays})`));
  if (!filters.hidden) where.push(eq(concerns.hidden, false));
  return db
    .select({
      number: concerns.number,
      kindNameEn: concernKinds.nameEn,
      kindNameEs: concernKinds.nameEs,
      zip: concerns.zip,
      address: concerns.address,
      block: concerns.publicBlock,
      status: concerns.status,
      hidden: concerns.hidden,
      createdAt: concerns.createdAt,
      observedAt: concerns.observedAt,
      daysWaiting: sql<number>`floor(extract(epoch from (coalesce(${concerns.closedAt}, now()) - ${concerns.createdAt})) / 86400)::int`,
      corroborations: sql<number>`(select count(*) from concern_corroborations cc where cc.concern_id = ${concerns.id})::int`,
    })
    .from(concerns)
    .innerJoin(concernKinds, eq(concernKinds.id, concerns.kindId))
    .where(and(...where))
    .orderBy(asc(concerns.createdAt))
    .limit(limit);
}

/** Everything about one concern, for csu_staff and admin only (its documentation: policies' documentationForConcern). */
export async function concernForStaff(number: number) {
  const duplicateOf = alias(concerns, "duplicate_of");
  const [row] = await db
    .select({ concern: concerns, kind: concernKinds, duplicateOfNumber: duplicateOf.number })
    .from(concerns)
    .innerJoin(concernKinds, eq(concernKinds.id, concerns.kindId))
    .leftJoin(duplicateOf, eq(duplicateOf.id, concerns.duplicateOfId))
    .where(eq(concerns.number, number));
  if (!row) return null;
  const [history, corroborations, merged] = await Promise.all([
    db
      .select({
        id: concernStatusHistory.id,
        status: concernStatusHistory.status,
        publicNote: concernStatusHistory.publicNote,
        publicNoteCode: concernStatusHistory.publicNoteCode,
        publicNoteParams: concernStatusHistory.publicNoteParams,
        internalNote: concernStatusHistory.internalNote,
        createdAt: concernStatusHistory.createdAt,
        actor: displayNameOf(concernStatusHistory.actorId),
      })
      .from(concernStatusHistory)
      .where(eq(concernStatusHistory.concernId, row.concern.id))
      .orderBy(desc(concernStatusHistory.createdAt)),
    db.select().from(concernCorroborations).where(eq(concernCorroborations.concernId, row.concern.id)).orderBy(concernCorroborations.createdAt),
    db.select({ number: concerns.number }).from(concerns).where(eq(concerns.duplicateOfId, row.concern.id)),
  ]);
  return { ...row, history, corroborations, merged };
}

/**
 * Concerns observed at a place (a five-digit ZIP, or the block of an address) on county days
 * from..to, hidden ones left out: a subquery (id, number, kindNameEn, kindNameEs, block, zip,
 * observedAt, observedDay) that the policies module joins to its documentations in one
 * statement. Null when the place is neither a ZIP nor an address with a hundred block.
 */
export function concernsObservedAt(input: { place: string; from: string; to: string }, name = "observed_concerns") {
  const place = input.place.trim();
  const localDay = sql`(${concerns.observedAt} at time zone ${sql.raw(`'${COUNTY_TIME_ZONE}'`)})::date`;
  const where: SQL[] = [eq(concerns.hidden, false), gte(localDay, input.from), lte(localDay, input.to)];
  if (/^\d{5}$/.test(place)) where.push(eq(concerns.zip, place));
  else {
    const key = blockKeyFor(place);
    if (!key) return null;
    where.push(eq(concerns.blockKey, key));
  }
  return db
    .select({
      id: concerns.id,
      number: concerns.number,
      kindNameEn: concernKinds.nameEn,
      kindNameEs: concernKinds.nameEs,
      block: concerns.publicBlock,
      zip: concerns.zip,
      observedAt: concerns.observedAt,
      observedDay: sql<string>`to_char(${concerns.observedAt} at time zone ${sql.raw(`'${COUNTY_TIME_ZONE}'`)}, 'YYYY-MM-DD')`.as("observed_day"),
    })
    .from(concerns)
    .innerJoin(concernKinds, eq(concernKinds.id, concerns.kindId))
    .where(and(...where))
    .as(name);
}

/** When each of these concerns was observed, for those not hidden (others are left out). */
export async function visibleConcernsObservedAt(ids: string[], dbx: DbOrTx = db) {
  const rows = ids.length
    ? await dbx
        .select({ id: concerns.id, observedAt: concerns.observedAt })
        .from(concerns)
        .where(and(inArray(concerns.id, ids), eq(concerns.hidden, false)))
    : [];
  return new Map(rows.map((r) => [r.id, r.observedAt]));
}

export async function concernIdByNumber(number: number) {
  const [row] = await db.select({ id: concerns.id }).from(concerns).where(eq(concerns.number, number));
  return row?.id ?? null;
}

/** The open concerns of one kind in one ZIP (a "cluster" an office response can answer). */
export async function openConcernIdsInCluster(input: { zip: string; kindId: number }, dbx: DbOrTx = db) {
  const rows = await dbx
    .select({ id: concerns.id })
    .from(concerns)
    .where(
      and(
        eq(concerns.zip, input.zip),
        eq(concerns.kindId, input.kindId),
        eq(concerns.hidden, false),
        isNull(concerns.duplicateOfId),
        inArray(concerns.status, [...OPEN_STATUSES]),
      ),
    );
  return rows.map((r) => r.id);
}

/** Public numbers of concerns by id (staff forms that link concerns). */
export async function concernNumbersByIds(ids: string[], dbx: DbOrTx = db) {
  if (!ids.length) return [];
  return dbx.select({ id: concerns.id, number: concerns.number }).from(concerns).where(inArray(concerns.id, ids)).orderBy(asc(concerns.number));
}

/** Ids of concerns by public number; numbers not found are left out. */
export async function concernIdsByNumbers(numbers: number[], dbx: DbOrTx = db) {
  if (!numbers.length) return [];
  return dbx.select({ id: concerns.id, number: concerns.number }).from(concerns).where(inArray(concerns.number, numbers));
}
