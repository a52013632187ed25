import crypto from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { db } from "~/db/client.server";
import { open311ApiKeys } from "~/db/schema/concerns";
import { displayNameOf } from "~/modules/auth/index.server";
import { recordAudit } from "~/modules/audit/index.server";

type Actor = { id: string; ipAddress?: string | null };

export function hashApiKey(key: string) {
  return crypto.createHash("sha256").update(key).digest("hex");
}

/** Issues a key; the raw key is returned once and only its hash is stored. */
export async function issueApiKey(name: string, actor: Actor) {
  const key = `cab311_${crypto.randomBytes(24).toString("base64url")}`;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(open311ApiKeys)
      .values({ name, keyHash: hashApiKey(key), keyPrefix: key.slice(0, 11), createdById: actor.id })
      .returning({ id: open311ApiKeys.id });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "open311_key.issued",
      subjectType: "open311_api_key",
      subjectId: row!.id,
      data: { name },
      ipAddress: actor.ipAddress,
    });
    return { id: row!.id, key };
  });
}

export async function revokeApiKey(id: string, actor: Actor) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(open311ApiKeys)
      .set({ revokedAt: new Date() })
      .where(and(eq(open311ApiKeys.id, id), isNull(open311ApiKeys.revokedAt)))
      .returning({ id: open311ApiKeys.id, name: open311ApiKeys.name });
    if (!row) return { ok: false as const };
    await recordAudit(tx, {
      actorId: actor.id,
      action: "open311_key.revoked",
      subjectType: "open311_api_key",
      subjectId: id,
      data: { name: row.name },
      ipAddress: actor.ipAddress,
    });
    return { ok: true as const };
  });
}

export async function listApiKeys() {
  return db
    .select({
      id: open311ApiKeys.id,
      name: open311ApiKeys.name,
      keyPrefix: open311ApiKeys.keyPrefix,
      createdAt: open311ApiKeys.createdAt,
      lastUsedAt: open311ApiKeys.lastUsedAt,
      revokedAt: open311ApiKeys.revokedAt,
      createdBy: displayNameOf(open311ApiKeys.createdById),
    })
    .from(open311ApiKeys)
    .orderBy(desc(open311ApiKeys.createdAt));
}

/**
 * The active key with this value, or null. Notes when it was last used, at most once a minute:
 * an UPDATE on every call would make all of a partner's concurrent requests queue on that
 * one row's lock.
 */
export async function verifyApiKey(key: string | null | undefined) {
  if (!key || key.length > 200) return null;
  const rows = await db.execute<{ id: string }>(sql`
    with k as (select id, last_used_at from open311_api_keys where key_hash = ${hashApiKey(key)} and revoked_at is null),
    touched as (
      update open311_api_keys set last_used_at = now()
       where id in (select id from k where last_used_at is null or last_used_at < now() - interval '1 minute')
    )
    select id from k`);
  return rows[0] ? { id: rows[0].id } : null;
}
