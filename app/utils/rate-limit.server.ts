import { sql } from "drizzle-orm";
import { json } from "@remix-run/node";
import { db } from "~/db/client.server";
import { rateLimitHits } from "~/db/schema/platform";

/**
 * Counts a hit against `key` in a fixed window and says whether it is within `limit`.
 * The counter is one atomic upsert in PostgreSQL, so all app instances share it.
 */
export async function hitRateLimit(rawKey: string, limit: number, windowSeconds = 60) {
  // Keys carry user input (an email); PostgreSQL text refuses NUL, and keys need no more than 300 characters.
  const key = rawKey.replaceAll("\u0000", "\uFFFD").slice(0, 300);
  const windowStart = new Date(Math.floor(Date.now() / (windowSeconds * 1000)) * windowSeconds * 1000);
  const [row] = await db
    .insert(rateLimitHits)
    .values({ key, windowStart, count: 1 })
    .onConflictDoUpdate({
      target: [rateLimitHits.key, rateLimitHits.windowStart],
      set: { count: sql`${rateLimitHits.count} + 1` },
    })
    .returning({ count: rateLimitHits.count });
  const retryAfter = Math.ceil((windowStart.getTime() + windowSeconds * 1000 - Date.now()) / 1000);
  return { allowed: row!.count <= limit, count: row!.count, retryAfter };
}

/** Throws a 429 response when any of the keys is over its limit. */
export async function enforceRateLimits(keys: string[], limit: number, windowSeconds = 60) {
  for (const key of keys) {
    const result = await hitRateLimit(key, limit, windowSeconds);
    if (!result.allowed) {
      throw json({ reason: "rate_limited", retryAfter: result.retryAfter }, { status: 429, headers: { "Retry-After": String(result.retryAfter) } });
    }
  }
}

/** Old windows are useless; the worker calls this now and then. */
export async function pruneRateLimits(olderThanSeconds = 3600) {
  await db.execute(sql`delete from rate_limit_hits where window_start < now() - make_interval(secs => ${olderThanSeconds})`);
}
