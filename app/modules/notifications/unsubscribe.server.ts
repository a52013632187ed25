import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { db } from "~/db/client.server";
import { notificationSecrets } from "~/db/schema/notifications";
import { isUnsubscribeScope, type UnsubscribeScope } from "./types";

/**
 * Signed one-click unsubscribe links. The token names who (an account id or a bare email)
 * and what (a notification type or a digest), signed with HMAC-SHA256. No login is needed:
 * the signature is the permission, and all it can do is switch emails off.
 */

export type UnsubscribeSubject = { userId: string } | { email: string };
export type UnsubscribeToken = { subject: UnsubscribeSubject; scope: UnsubscribeScope };

let keyPromise: Promise<Buffer> | null = null;

/**
 * The HMAC key: derived from SESSION_SECRET when set; otherwise a random secret generated
 * once and kept in the database, so every instance sharing it (and every restart) agrees
 * and old links keep working.
 */
function signingKey(): Promise<Buffer> {
  keyPromise ??= (async () => {
    const secret = process.env.SESSION_SECRET || (await storedSecret("unsubscribe"));
    return crypto.createHmac("sha256", secret).update("cab-portal:unsubscribe:v1").digest();
  })().catch((error) => {
    keyPromise = null;
    throw error;
  });
  return keyPromise;
}

async function storedSecret(name: string) {
  // Its own autocommit statement (not the caller's transaction): a rollback must not lose it.
  await db
    .insert(notificationSecrets)
    .values({ name, value: crypto.randomBytes(32).toString("base64url") })
    .onConflictDoNothing();
  const [row] = await db.select({ value: notificationSecrets.value }).from(notificationSecrets).where(eq(notificationSecrets.name, name));
  return row!.value;
}

export async function signUnsubscribeToken(subject: UnsubscribeSubject, scope: UnsubscribeScope) {
  const body = "userId" in subject ? { u: subject.userId, s: scope } : { e: subject.email.toLowerCase(), s: scope };
  const payload = Buffer.from(JSON.stringify(body)).toString("base64url");
  const signature = crypto
    .createHmac("sha256", await signingKey())
    .update(payload)
    .digest("base64url");
  return `${payload}.${signature}`;
}

/** The token's content, or null when it is malformed or its signature is wrong. */
export async function verifyUnsubscribeToken(token: unknown): Promise<UnsubscribeToken | null> {
  if (typeof token !== "string" || token.length > 1000) return null;
  const [payload, signature, extra] = token.split(".");
  if (!payload || !signature || extra !== undefined) return null;
  // Compared as text: base64url has several spellings of the same bytes; only ours is valid.
  const expected = Buffer.from(
    crypto
      .createHmac("sha256", await signingKey())
      .update(payload)
      .digest("base64url"),
  );
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
  try {
    const body = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { u?: unknown; e?: unknown; s?: unknown };
    if (!isUnsubscribeScope(body.s)) return null;
    if (typeof body.u === "string") return { subject: { userId: body.u }, scope: body.s };
    if (typeof body.e === "string") return { subject: { email: body.e }, scope: body.s };
    return null;
  } catch {
    return null;
  }
}

export async function unsubscribeUrl(origin: string, subject: UnsubscribeSubject, scope: UnsubscribeScope) {
  return `${origin}/unsubscribe?token=${await signUnsubscribeToken(subject, scope)}`;
}

/** RFC 8058 one-click headers: mail clients POST `List-Unsubscribe=One-Click` to the URL. */
export function unsubscribeHeaders(url: string): Record<string, string> {
  return { "List-Unsubscribe": `<${url}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}
