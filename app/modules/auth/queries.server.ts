import crypto from "node:crypto";
import { and, asc, desc, eq, gt, inArray, isNull } from "drizzle-orm";
import { db, type DbOrTx } from "~/db/client.server";
import { authTokens, invitations, sessions, users } from "~/db/schema/auth";
import { hashToken } from "./tokens.server";

/**
 * A session's id is its secret (it is the cookie value), so pages never show it: they
 * name a session by a hash of the id instead.
 */
export function sessionHandle(sessionId: string) {
  return crypto.createHash("sha256").update(`session:${sessionId}`).digest("base64url").slice(0, 22);
}

export async function listSessions(userId: string, currentSessionId: string | null) {
  const rows = await db
    .select({ id: sessions.id, createdAt: sessions.createdAt, expiresAt: sessions.expiresAt, userAgent: sessions.userAgent, ipAddress: sessions.ipAddress })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, new Date())))
    .orderBy(desc(sessions.createdAt));
  return rows.map(({ id, ...rest }) => ({ ...rest, handle: sessionHandle(id), current: id === currentSessionId }));
}

/** The session id behind a handle, only among this user's own sessions. */
export async function findSessionByHandle(userId: string, handle: string) {
  const rows = await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, userId));
  return rows.find((row) => sessionHandle(row.id) === handle)?.id ?? null;
}

/** Whether an emailed token would still work, without using it up. */
export async function isTokenUsable(token: string, kind: "verify_email" | "reset_password" | "change_email") {
  const [row] = await db
    .select({ id: authTokens.id })
    .from(authTokens)
    .where(and(eq(authTokens.tokenHash, hashToken(token)), eq(authTokens.kind, kind), isNull(authTokens.usedAt), gt(authTokens.expiresAt, new Date())));
  return Boolean(row);
}

export async function getAccount(userId: string) {
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      role: users.role,
      emailVerifiedAt: users.emailVerifiedAt,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(eq(users.id, userId));
  return row ?? null;
}

export async function listUsers() {
  return db
    .select({
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      role: users.role,
      deactivatedAt: users.deactivatedAt,
      emailVerifiedAt: users.emailVerifiedAt,
      createdAt: users.createdAt,
    })
    .from(users)
    .orderBy(asc(users.displayName), asc(users.email));
}

export async function listPendingInvitations() {
  return db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      createdAt: invitations.createdAt,
      invitedBy: users.displayName,
    })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedById))
    .where(and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, new Date())))
    .orderBy(desc(invitations.createdAt));
}

/** Display names of the given accounts (for lists in other modules, which never read the users table). */
export async function displayNamesOf(ids: readonly string[], tx: DbOrTx = db): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await tx.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Each account's language, for notifications worded per reader. */
export async function localesOf(ids: readonly string[], tx: DbOrTx = db): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await tx.select({ id: users.id, locale: users.locale }).from(users).where(inArray(users.id, unique));
  return new Map(rows.map((r) => [r.id, r.locale]));
}

/** Every active CAB member (not deactivated), by display name: who may vote on the board's business. */
export async function listActiveCabMembers(tx: DbOrTx = db) {
  return tx
    .select({ id: users.id, displayName: users.displayName })
    .from(users)
    .where(and(eq(users.role, "cab_member"), isNull(users.deactivatedAt)))
    .orderBy(asc(users.displayName));
}
