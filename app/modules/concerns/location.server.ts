/**
 * Public locations on the server: the office's street list (when loaded) and the parse of a
 * typed address into what may be published (block.ts). Writes happen in the caller's transaction.
 */
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { db } from "~/db/client.server";
import { concerns, streetNames } from "~/db/schema/concerns";
import { recordAudit } from "~/modules/audit/index.server";
import { englishLocation, parsePublicLocation, streetListKey, type ParsedLocation } from "./block";

// The list changes rarely (an admin loads it); each process keeps it for a minute.
const TTL_MS = 60_000;
let cached: { at: number; keys: ReadonlySet<string> } | null = null;

export async function streetListKeys(): Promise<ReadonlySet<string>> {
  if (cached && Date.now() - cached.at < TTL_MS) return cached.keys;
  const rows = await db.select({ key: streetNames.key }).from(streetNames);
  const keys = new Set(rows.map((r) => r.key));
  cached = { at: Date.now(), keys };
  return keys;
}

/** What may be published of `address`, checked against the office's street list when there is one. */
export async function publicLocationFor(address: string): Promise<ParsedLocation> {
  return parsePublicLocation(address, { streets: await streetListKeys() });
}

/** The columns a concern stores for its public location. */
export function publicLocationColumns(parsed: ParsedLocation) {
  return { publicLocation: parsed.location, publicBlock: englishLocation(parsed.location), blockKey: parsed.key };
}

export async function listStreetNames() {
  return db.select({ name: streetNames.name }).from(streetNames).orderBy(asc(streetNames.name));
}

export type StreetListResult = { ok: true; count: number; rejected: string[] } | { ok: false; error: "too_many" };

export const STREET_LIST_MAX = 20_000;

/**
 * Replaces the office's street list. Each line is a street as it is written ("Troost Ave",
 * "E 35th St", "The Paseo", "Broadway"); lines that do not read as one street are returned.
 * An empty list turns the check off (the street-type vocabulary alone decides).
 */
export async function replaceStreetList(lines: string[], actor: { id: string | null; ipAddress?: string | null }): Promise<StreetListResult> {
  const wanted = lines.map((l) => l.trim()).filter(Boolean);
  if (wanted.length > STREET_LIST_MAX) return { ok: false, error: "too_many" };
  const rejected: string[] = [];
  const byKey = new Map<string, string>();
  for (const line of wanted) {
    const name = canonicalStreet(line);
    if (!name) rejected.push(line.slice(0, 100));
    else byKey.set(streetListKey(name), name);
  }
  await db.transaction(async (tx) => {
    await tx.delete(streetNames);
    const rows = [...byKey].map(([key, name]) => ({ key, name }));
    for (let i = 0; i < rows.length; i += 1000) await tx.insert(streetNames).values(rows.slice(i, i + 1000));
    await recordAudit(tx, {
      actorId: actor.id,
      action: "street_list.replaced",
      subjectType: "street_list",
      subjectId: "streets",
      data: { count: rows.length, rejected: rejected.length },
      ipAddress: actor.ipAddress,
    });
  });
  cached = null;
  return { ok: true, count: byKey.size, rejected };
}

/**
 * A list line as one street, in the published spelling, or null. A list may hold streets without
 * a type ("Broadway"): it is read as an intersection with a known street and taken apart again.
 */
function canonicalStreet(line: string): string | null {
  const withType = parsePublicLocation(`1 ${line}`);
  if (withType.location.kind === "block") return withType.location.street;
  // No street type: accepted as plain name words (the list is the office's own authority).
  const loose = parsePublicLocation(`1 ${line}`, { streets: new Set([streetListKey(line.replace(/\s+/g, " ").trim()).toLowerCase()]) });
  return loose.location.kind === "block" ? loose.location.street : null;
}

/**
 * Recomputes the public location of concerns that have none yet (rows saved before it existed,
 * or after the street list changed, when `all`). Idempotent; runs at start after the migrations.
 */
export async function backfillPublicLocations({ all = false, batch = 2000 } = {}): Promise<number> {
  let done = 0;
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const rows = await db
      .select({ id: concerns.id, address: concerns.address })
      .from(concerns)
      .where(and(all ? undefined : isNull(concerns.publicLocation), sql`${concerns.id} > ${after}`))
      .orderBy(asc(concerns.id))
      .limit(batch);
    if (!rows.length) return done;
    const keys = await streetListKeys();
    const values = rows.map((r) => {
      const cols = publicLocationColumns(parsePublicLocation(r.address, { streets: keys }));
      return { id: r.id, loc: cols.publicLocation, block: cols.publicBlock, key: cols.blockKey };
    });
    await db.execute(sql`
      update concerns c set public_location = v.loc, public_block = v.block, block_key = v.key
      from jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as v(id uuid, loc jsonb, block text, key text)
      where c.id = v.id`);
    done += rows.length;
    after = rows.at(-1)!.id;
  }
}
