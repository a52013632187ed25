import { secureCookies } from "~/utils/env.server";
import { DrizzlePostgreSQLAdapter } from "@lucia-auth/adapter-drizzle";
import { Lucia, TimeSpan } from "lucia";
import { db } from "~/db/client.server";
import { sessions, users } from "~/db/schema/auth";
import type { AccountRole } from "./roles";

const adapter = new DrizzlePostgreSQLAdapter(db, sessions, users);

export const lucia = new Lucia(adapter, {
  sessionExpiresIn: new TimeSpan(30, "d"),
  sessionCookie: {
    name: "cab_session",
    attributes: {
      // lucia always sets HttpOnly and Path=/; Secure everywhere but local development.
      secure: secureCookies(),
      sameSite: "lax",
    },
  },
  // The drizzle adapter hands over the row with drizzle's (camelCase) keys.
  getUserAttributes: (row) => ({
    email: row.email,
    displayName: row.displayName,
    role: row.role,
    locale: row.locale,
    emailVerified: Boolean(row.emailVerifiedAt),
    deactivated: Boolean(row.deactivatedAt),
  }),
  getSessionAttributes: (row) => ({ createdAt: row.createdAt, userAgent: row.userAgent, ipAddress: row.ipAddress }),
});

declare module "lucia" {
  interface Register {
    Lucia: typeof lucia;
    DatabaseUserAttributes: {
      email: string;
      displayName: string;
      role: AccountRole;
      locale: string;
      emailVerifiedAt: Date | null;
      deactivatedAt: Date | null;
    };
    DatabaseSessionAttributes: { createdAt: Date; userAgent: string | null; ipAddress: string | null };
  }
}
