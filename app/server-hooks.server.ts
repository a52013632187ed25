/**
 * What server/index.ts needs from the app, exported through entry.server so that the
 * server process and the Remix build share one set of modules (one pool, one lucia).
 */
import type { Session, User } from "lucia";
import { checkDatabase, closeDatabase } from "~/db/client.server";
import { runMigrations } from "~/db/migrate.server";
import { stringsFile } from "~/i18n/i18n.server";
import { lucia } from "~/modules/auth/index.server";

export type Authentication = { user: User | null; session: Session | null; setCookie: string | null };

/** Validates the session cookie: one query; refreshes the cookie when lucia extends the session. */
export async function authenticate(cookieHeader: string | undefined): Promise<Authentication> {
  const sessionId = lucia.readSessionCookie(cookieHeader ?? "");
  if (!sessionId) return { user: null, session: null, setCookie: null };
  const { session, user } = await lucia.validateSession(sessionId);
  if (!session) return { user: null, session: null, setCookie: lucia.createBlankSessionCookie().serialize() };
  if (user.deactivated) {
    await lucia.invalidateUserSessions(user.id);
    return { user: null, session: null, setCookie: lucia.createBlankSessionCookie().serialize() };
  }
  const setCookie = session.fresh ? lucia.createSessionCookie(session.id).serialize() : null;
  return { user, session, setCookie };
}

export const serverHooks = {
  authenticate,
  checkDatabase,
  closeDatabase,
  async runMigrations() {
    await runMigrations();
    // Concerns saved before public locations were parsed get theirs (ZIP only until then).
    const { backfillPublicLocations } = await import("~/modules/concerns/index.server");
    await backfillPublicLocations();
  },
  /** A language's page strings by file name (`es.<hash>.json`), or null. */
  stringsFile,
  async seed() {
    const { seedDemoData } = await import("../seeds/demo.server");
    return seedDemoData();
  },
  async startWorker() {
    const { startWorker } = await import("../server/jobs");
    return startWorker();
  },
};
export type ServerHooks = typeof serverHooks;
