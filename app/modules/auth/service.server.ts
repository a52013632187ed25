import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { db, type DbOrTx } from "~/db/client.server";
import { authTokens, invitations, users } from "~/db/schema/auth";
import { recordAudit } from "~/modules/audit/index.server";
import { lucia } from "./lucia.server";
import { hashPassword, verifyPassword } from "./password.server";
import type { AccountRole } from "./roles";
import { queueAuthEmail } from "./emails.server";
import { createToken, hashToken } from "./tokens.server";

const RESET_TOKEN_TTL_MS = 60 * 60 * 1000;
const VERIFY_TOKEN_TTL_MS = 48 * 60 * 60 * 1000;
const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export type SessionMeta = { userAgent?: string | null; ipAddress?: string | null };

export function normalizeEmail(email: string) {
  return email.trim().toLowerCase();
}

async function findUserByEmail(email: string, tx: DbOrTx = db) {
  const [user] = await tx
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${normalizeEmail(email)}`);
  return user ?? null;
}

/** Creates a lucia session and returns its Set-Cookie header value. */
export async function startSession(userId: string, meta: SessionMeta = {}) {
  const session = await lucia.createSession(userId, {
    createdAt: new Date(),
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
    ipAddress: meta.ipAddress ?? null,
  });
  return { session, cookie: lucia.createSessionCookie(session.id).serialize() };
}

export function blankSessionCookie() {
  return lucia.createBlankSessionCookie().serialize();
}

// Verifying against a real hash when the account does not exist keeps timing from telling which emails have accounts.
let dummyHash: Promise<string> | null = null;

/** The user for these credentials, or null. Deactivated accounts cannot sign in. */
export async function verifyLogin(email: string, password: string) {
  const user = await findUserByEmail(email);
  if (!user) {
    dummyHash ??= hashPassword("not-a-real-password");
    await verifyPassword(await dummyHash, password);
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, password))) return null;
  if (user.deactivatedAt) return null;
  return user;
}

export async function signOut(sessionId: string) {
  await lucia.invalidateSession(sessionId);
}

export async function signOutEverywhere(userId: string) {
  await lucia.invalidateUserSessions(userId);
}

/** A resident account, unverified until the emailed link is followed. Returns the raw verification token. */
export async function registerResident(input: { email: string; password: string; displayName: string; locale: string }, origin: string) {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const existing = await findUserByEmail(input.email, tx);
    if (existing) {
      // The person signing up hears the same as a new one; the owner of the address is told.
      await queueAuthEmail(tx, "signup-existing", {
        to: existing.email,
        userId: existing.id,
        locale: existing.locale,
        url: `${origin}/forgot-password`,
        name: existing.displayName,
      });
      return { ok: false as const, reason: "email_taken" as const };
    }
    const [user] = await tx
      .insert(users)
      .values({ email: normalizeEmail(input.email), passwordHash, displayName: input.displayName.trim(), role: "resident", locale: input.locale })
      .returning();
    const token = await issueToken(tx, user!.id, "verify_email", VERIFY_TOKEN_TTL_MS);
    await queueAuthEmail(tx, "verify-email", {
      to: user!.email,
      userId: user!.id,
      locale: user!.locale,
      url: `${origin}/verify-email?token=${token}`,
      name: user!.displayName,
    });
    return { ok: true as const, user: user! };
  });
}

export async function issueToken(tx: DbOrTx, userId: string, kind: "verify_email" | "reset_password" | "change_email", ttlMs: number, newEmail?: string) {
  const { token, tokenHash } = createToken();
  await tx.insert(authTokens).values({ userId, kind, tokenHash, newEmail: newEmail ?? null, expiresAt: new Date(Date.now() + ttlMs) });
  return token;
}

/** Marks a token used, once: a second use (or an expired token) gets null. */
async function consumeToken(tx: DbOrTx, token: string, kind: "verify_email" | "reset_password" | "change_email") {
  const [row] = await tx
    .update(authTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(authTokens.tokenHash, hashToken(token)), eq(authTokens.kind, kind), isNull(authTokens.usedAt), gt(authTokens.expiresAt, new Date())))
    .returning();
  return row ?? null;
}

export async function verifyEmail(token: string) {
  return db.transaction(async (tx) => {
    const row = await consumeToken(tx, token, "verify_email");
    if (!row) return null;
    await tx.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, row.userId));
    return row.userId;
  });
}

/** A fresh verification link for a signed-in user whose address is not confirmed yet. */
export async function resendVerification(userId: string, origin: string) {
  return db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, userId));
    if (!user || user.emailVerifiedAt || user.deactivatedAt) return false;
    const token = await issueToken(tx, user.id, "verify_email", VERIFY_TOKEN_TTL_MS);
    await queueAuthEmail(tx, "verify-email", {
      to: user.email,
      userId: user.id,
      locale: user.locale,
      url: `${origin}/verify-email?token=${token}`,
      name: user.displayName,
    });
    return true;
  });
}

/** Starts a reset if the account exists; callers say the same thing either way. */
export async function requestPasswordReset(email: string, origin: string) {
  const user = await findUserByEmail(email);
  if (!user || user.deactivatedAt) return false;
  await db.transaction(async (tx) => {
    const token = await issueToken(tx, user.id, "reset_password", RESET_TOKEN_TTL_MS);
    await queueAuthEmail(tx, "reset-password", {
      to: user.email,
      userId: user.id,
      locale: user.locale,
      url: `${origin}/reset-password?token=${token}`,
      name: user.displayName,
    });
  });
  return true;
}

export async function resetPassword(token: string, newPassword: string) {
  const passwordHash = await hashPassword(newPassword);
  const userId = await db.transaction(async (tx) => {
    const row = await consumeToken(tx, token, "reset_password");
    if (!row) return null;
    await tx
      .update(users)
      .set({ passwordHash, emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())` })
      .where(eq(users.id, row.userId));
    return row.userId;
  });
  // A reset means the old password may be known to someone else: end every session.
  if (userId) await lucia.invalidateUserSessions(userId);
  return userId;
}

/** A new password ends every other session of the account (the one changing it stays signed in). */
export async function changePassword(userId: string, currentPassword: string, newPassword: string, keepSessionId?: string | null) {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) return false;
  const passwordHash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
    if (keepSessionId) await tx.execute(sql`delete from sessions where user_id = ${userId} and id <> ${keepSessionId}`);
    else await tx.execute(sql`delete from sessions where user_id = ${userId}`);
    await recordAudit(tx, { actorId: userId, action: "user.password_changed", subjectType: "user", subjectId: userId });
  });
  return true;
}

/**
 * Asks for the current password (someone at an unattended, signed-in browser cannot move the
 * account to their own address), sends the link to the new address and tells the old one.
 */
export async function requestEmailChange(user: { id: string; displayName: string; locale: string }, newEmail: string, currentPassword: string, origin: string) {
  const [row] = await db.select().from(users).where(eq(users.id, user.id));
  if (!row || !(await verifyPassword(row.passwordHash, currentPassword))) return { ok: false as const, reason: "wrong_password" as const };
  return db.transaction(async (tx) => {
    if (await findUserByEmail(newEmail, tx)) return { ok: false as const, reason: "email_taken" as const };
    await queueAuthEmail(tx, "email-change-notice", {
      to: row.email,
      userId: user.id,
      locale: user.locale,
      url: `${origin}/forgot-password`,
      name: user.displayName,
    });
    const token = await issueToken(tx, user.id, "change_email", VERIFY_TOKEN_TTL_MS, normalizeEmail(newEmail));
    await queueAuthEmail(tx, "change-email", {
      to: normalizeEmail(newEmail),
      userId: user.id,
      locale: user.locale,
      url: `${origin}/verify-email?change=1&token=${token}`,
      name: user.displayName,
    });
    return { ok: true as const };
  });
}

export async function confirmEmailChange(token: string) {
  return db.transaction(async (tx) => {
    const row = await consumeToken(tx, token, "change_email");
    if (!row?.newEmail) return null;
    if (await findUserByEmail(row.newEmail, tx)) return null;
    await tx.update(users).set({ email: row.newEmail, emailVerifiedAt: new Date() }).where(eq(users.id, row.userId));
    await recordAudit(tx, { actorId: row.userId, action: "user.email_changed", subjectType: "user", subjectId: row.userId });
    return row.userId;
  });
}

export async function setUserLocale(userId: string, locale: string) {
  await db.update(users).set({ locale }).where(eq(users.id, userId));
}

// ---- Administration: every change here is audited in the same transaction. ----

export async function createInvitation(
  actor: { id: string; displayName: string; ipAddress?: string },
  input: { email: string; role: AccountRole; locale: string },
  origin: string,
) {
  return db.transaction(async (tx) => {
    if (await findUserByEmail(input.email, tx)) return { ok: false as const, reason: "email_taken" as const };
    const { token, tokenHash } = createToken();
    const [invitation] = await tx
      .insert(invitations)
      .values({ email: normalizeEmail(input.email), role: input.role, tokenHash, invitedById: actor.id, expiresAt: new Date(Date.now() + INVITATION_TTL_MS) })
      .returning();
    await recordAudit(tx, {
      actorId: actor.id,
      action: "invitation.created",
      subjectType: "invitation",
      subjectId: invitation!.id,
      data: { email: invitation!.email, role: input.role },
      ipAddress: actor.ipAddress,
    });
    await queueAuthEmail(tx, "invitation", {
      to: invitation!.email,
      userId: null,
      locale: input.locale,
      url: `${origin}/invitations/${token}`,
      name: actor.displayName,
      role: input.role,
    });
    return { ok: true as const, invitation: invitation! };
  });
}

export async function findOpenInvitation(token: string) {
  const [invitation] = await db
    .select()
    .from(invitations)
    .where(
      and(eq(invitations.tokenHash, hashToken(token)), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, new Date())),
    );
  return invitation ?? null;
}

export async function acceptInvitation(token: string, input: { displayName: string; password: string; locale: string }) {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [invitation] = await tx
      .update(invitations)
      .set({ acceptedAt: new Date() })
      .where(
        and(eq(invitations.tokenHash, hashToken(token)), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, new Date())),
      )
      .returning();
    if (!invitation) return { ok: false as const, reason: "invalid" as const };
    if (await findUserByEmail(invitation.email, tx)) return { ok: false as const, reason: "email_taken" as const };
    const [user] = await tx
      .insert(users)
      .values({
        email: invitation.email,
        passwordHash,
        displayName: input.displayName.trim(),
        role: invitation.role,
        locale: input.locale,
        emailVerifiedAt: new Date(),
      })
      .returning();
    await tx.update(invitations).set({ acceptedUserId: user!.id }).where(eq(invitations.id, invitation.id));
    await recordAudit(tx, {
      actorId: user!.id,
      action: "invitation.accepted",
      subjectType: "invitation",
      subjectId: invitation.id,
      data: { role: invitation.role },
    });
    return { ok: true as const, user: user! };
  });
}

export async function revokeInvitation(actor: { id: string; ipAddress?: string }, invitationId: string) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(and(eq(invitations.id, invitationId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
      .returning();
    if (row)
      await recordAudit(tx, { actorId: actor.id, action: "invitation.revoked", subjectType: "invitation", subjectId: row.id, ipAddress: actor.ipAddress });
    return Boolean(row);
  });
}

/**
 * A role above resident needs a verified address (the invitation flow verifies it): otherwise
 * whoever self-registered someone else's address first would be promoted in their place.
 */
export async function changeRole(actor: { id: string; ipAddress?: string }, userId: string, role: AccountRole): Promise<"ok" | "not_found" | "unverified"> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ role: users.role, emailVerifiedAt: users.emailVerifiedAt }).from(users).where(eq(users.id, userId)).for("update");
    if (!before) return "not_found";
    if (before.role === role) return "ok";
    if (role !== "resident" && !before.emailVerifiedAt) return "unverified";
    await tx.update(users).set({ role }).where(eq(users.id, userId));
    await recordAudit(tx, {
      actorId: actor.id,
      action: "user.role_changed",
      subjectType: "user",
      subjectId: userId,
      data: { from: before.role, to: role },
      ipAddress: actor.ipAddress,
    });
    return "ok";
  });
}

/** Deactivation ends the user's sessions at once, in the same transaction. */
export async function setDeactivated(actor: { id: string; ipAddress?: string }, userId: string, deactivated: boolean) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ deactivatedAt: deactivated ? new Date() : null })
      .where(eq(users.id, userId))
      .returning({ id: users.id });
    if (!row) return false;
    if (deactivated) await tx.execute(sql`delete from sessions where user_id = ${userId}`);
    await recordAudit(tx, {
      actorId: actor.id,
      action: deactivated ? "user.deactivated" : "user.reactivated",
      subjectType: "user",
      subjectId: userId,
      ipAddress: actor.ipAddress,
    });
    return true;
  });
}
