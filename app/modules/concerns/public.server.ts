/**
 * THE public projection of a concern. Every public page and the Open311 API read concerns
 * through here and nowhere else: the select below names only public columns, so an exact
 * address, coordinates, contact details or the free-text description cannot leak by accident
 * (descriptions are free text a resident may have put a name or an address in).
 */
import { and, desc, eq, inArray, is, isNull, SQL, sql } from "drizzle-orm";
import { db, type DbOrTx } from "~/db/client.server";
import { concernKinds, concerns, concernStatusHistory } from "~/db/schema/concerns";
import type { PublicLocation } from "./block";
import { publicLocationFor } from "./location.server";
import { OPEN_STATUSES, type ConcernStatus } from "./status";
import { COUNTY_TIME_ZONE } from "~/utils/clock";

/** How far back the "similar reports" step looks for an open concern on the same block. */
export const SIMILAR_DAYS = 180;

export const publicConcernColumns = {
  number: concerns.number,
  kindCode: concernKinds.code,
  kindNameEn: concernKinds.nameEn,
  kindNameEs: concernKinds.nameEs,
  /** The parsed public location (block.ts); rows not parsed yet are the ZIP only. */
  location: sql<PublicLocation>`coalesce(${concerns.publicLocation}, '{"kind":"zip"}'::jsonb)`.as("public_location"),
  /** The same in English (Open311, staff forms); null for the ZIP only. */
  block: sql<string | null>`case when ${concerns.publicLocation} is null then null else ${concerns.publicBlock} end`.as("public_block"),
  zip: concerns.zip,
  district: concerns.district,
  status: concerns.status,
  /** The month seen, on the county's calendar: the public never sees the day or time. */
  observedMonth: sql<string>`to_char(${concerns.observedAt} at time zone ${sql.raw(`'${COUNTY_TIME_ZONE}'`)}, 'YYYY-MM')`.as("observed_month"),
  /** Submission and last-update times, to the day (Open311 needs them; the hour is not needed). */
  requestedDay: sql<string>`to_char(${concerns.createdAt} at time zone 'UTC', 'YYYY-MM-DD')`.as("requested_day"),
  updatedDay: sql<string>`to_char(${concerns.updatedAt} at time zone 'UTC', 'YYYY-MM-DD')`.as("updated_day"),
  /** Other residents who added to it: the count only from 11 up (a public count under 11 is "fewer than 11"). */
  corroborations: sql<
    number | null
  >`(select case when count(*) >= 11 then count(*)::int end from concern_corroborations cc where cc.concern_id = ${concerns.id})`.as("corroborations"),
  latestPublicNote: sql<
    string | null
  >`(select h.public_note from concern_status_history h where h.concern_id = ${concerns.id} and h.public_note is not null order by h.created_at desc limit 1)`.as(
    "latest_public_note",
  ),
};

export type PublicConcern = {
  number: number;
  kindCode: string;
  kindNameEn: string;
  kindNameEs: string;
  location: PublicLocation;
  block: string | null;
  zip: string;
  district: string | null;
  status: ConcernStatus;
  observedMonth: string;
  requestedDay: string;
  updatedDay: string;
  /** null: fewer than 11. */
  corroborations: number | null;
  latestPublicNote: string | null;
};

/** Public concerns matching `where` (hidden ones never). */
export async function selectPublicConcerns(
  where: SQL | undefined,
  { limit = 1000, tx = db, order = "newest" }: { limit?: number; tx?: DbOrTx; order?: "newest" | "oldest" } = {},
): Promise<PublicConcern[]> {
  // Run as plain SQL with the same columns under their names: for a thousand rows (an Open311
  // page), drizzle's per-field row mapping was a quarter of the request's CPU.
  return tx.execute<PublicConcern>(sql`
    select ${publicSelectList} from ${concerns} inner join ${concernKinds} on ${eq(concernKinds.id, concerns.kindId)}
    where ${and(eq(concerns.hidden, false), where)}
    order by ${order === "newest" ? desc(concerns.createdAt) : concerns.createdAt} limit ${limit}`) as unknown as Promise<PublicConcern[]>;
}

/** publicConcernColumns as a select list, each under its key ("kindCode", not "code"). */
const publicSelectList = sql.join(
  Object.entries(publicConcernColumns).map(([key, column]) => sql`${is(column, SQL.Aliased) ? column.sql : column} as ${sql.identifier(key)}`),
  sql`, `,
);

/** The public projection of these concerns (hidden ones left out), oldest first. */
export async function publicConcernsByIds(ids: string[], { limit = 1000, tx = db }: { limit?: number; tx?: DbOrTx } = {}): Promise<PublicConcern[]> {
  return ids.length ? selectPublicConcerns(inArray(concerns.id, ids), { limit, tx, order: "oldest" }) : [];
}

/**
 * The "similar reports" step: whether an open concern of this kind is on the block (or at the
 * intersection) the resident typed, in this ZIP. It says only that one exists, and where (what
 * the resident typed, generalised): no concern number, count or date, so it tells no more than
 * the public overview's list of blocks. Adding to it goes through corroborateOnBlock.
 */
export async function similarOpenReport(input: { kindCode: string; zip: string; address: string }): Promise<{ location: PublicLocation } | null> {
  const parsed = await publicLocationFor(input.address);
  if (!parsed.key) return null;
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(concerns)
    .innerJoin(concernKinds, eq(concernKinds.id, concerns.kindId))
    .where(
      and(
        eq(concernKinds.code, input.kindCode),
        eq(concerns.zip, input.zip),
        eq(concerns.blockKey, parsed.key),
        eq(concerns.hidden, false),
        inArray(concerns.status, [...OPEN_STATUSES]),
        isNull(concerns.duplicateOfId),
        sql`${concerns.createdAt} > now() - interval '${sql.raw(String(SIMILAR_DAYS))} days'`,
      ),
    )
    .limit(1);
  return row ? { location: parsed.location } : null;
}

/** A status history entry as the public may see it: no internal note, no actor. */
type PublicHistoryEntry = {
  status: ConcernStatus;
  publicNote: string | null;
  publicNoteCode: string | null;
  publicNoteParams: Record<string, string> | null;
  day: string;
};

async function publicHistory(concernId: string): Promise<PublicHistoryEntry[]> {
  const rows = await db
    .select({
      status: concernStatusHistory.status,
      publicNote: concernStatusHistory.publicNote,
      publicNoteCode: concernStatusHistory.publicNoteCode,
      publicNoteParams: concernStatusHistory.publicNoteParams,
      day: sql<string>`to_char(${concernStatusHistory.createdAt} at time zone ${sql.raw(`'${COUNTY_TIME_ZONE}'`)}, 'YYYY-MM-DD')`,
    })
    .from(concernStatusHistory)
    .where(eq(concernStatusHistory.concernId, concernId))
    .orderBy(concernStatusHistory.createdAt);
  return rows;
}

export type Tracking = {
  concern: PublicConcern;
  history: PublicHistoryEntry[];
  /** The tracking code belongs to a corroboration added to `concern`. */
  corroboration: { day: string } | null;
  /** This concern was merged into another one, shown here by its public projection. */
  mergedInto: PublicConcern | null;
};

/** What /concerns/track/:code shows. Looks up concerns and corroborations by their code. */
export async function trackingByCode(code: string): Promise<Tracking | null> {
  const found = await db.execute<{ concern_id: string; kind: "concern" | "corroboration"; day: string }>(sql`
    select id as concern_id, 'concern' as kind, '' as day from concerns where tracking_code = ${code}
    union all
    select concern_id, 'corroboration', to_char(created_at at time zone ${sql.raw(`'${COUNTY_TIME_ZONE}'`)}, 'YYYY-MM-DD') from concern_corroborations where tracking_code = ${code}
    limit 1`);
  const hit = found[0];
  if (!hit) return null;
  const rows = await db
    .select({ ...publicConcernColumns, id: concerns.id, duplicateOfId: concerns.duplicateOfId, hidden: concerns.hidden })
    .from(concerns)
    .innerJoin(concernKinds, eq(concernKinds.id, concerns.kindId))
    .where(eq(concerns.id, hit.concern_id));
  const row = rows[0];
  if (!row) return null;
  const { id, duplicateOfId, hidden: _hidden, ...concern } = row;
  let mergedInto: PublicConcern | null = null;
  if (duplicateOfId) {
    const [target] = await selectPublicConcerns(eq(concerns.id, duplicateOfId), { limit: 1 });
    mergedInto = target ?? null;
  }
  return {
    concern: concern as PublicConcern,
    history: await publicHistory(id),
    corroboration: hit.kind === "corroboration" ? { day: hit.day } : null,
    mergedInto,
  };
}

/** The projection as a subquery, for public aggregates (the overview). */
export function publicConcernsSubquery(where?: SQL) {
  return db
    .select(publicConcernColumns)
    .from(concerns)
    .innerJoin(concernKinds, eq(concernKinds.id, concerns.kindId))
    .where(and(eq(concerns.hidden, false), isNull(concerns.duplicateOfId), where))
    .as("pc");
}
