import { sql } from "drizzle-orm";
import { db } from "~/db/client.server";
import { users } from "~/db/schema";
import { hashPassword } from "~/modules/auth/index.server";
import type { AccountRole } from "~/modules/auth";

export const DEMO_USERS: { email: string; displayName: string; role: AccountRole; locale?: string }[] = [
  { email: "admin@demo.test", displayName: "Alex Admin", role: "admin" },
  { email: "analyst@demo.test", displayName: "Dana Analyst", role: "csu_staff" },
  ...Array.from({ length: 12 }, (_, i) => ({
    email: `member${i + 1}@demo.test`,
    displayName: [
      "Ruth Okafor",
      "Luis Herrera",
      "Janet Miles",
      "Omar Haddad",
      "Grace Kim",
      "Tom Whitfield",
      "Ana Morales",
      "Dwayne Carter",
      "Mei Lin",
      "Frank Russo",
      "Keisha Brown",
      "Pedro Alvarez",
    ][i]!,
    role: "cab_member" as const,
    locale: i === 6 || i === 11 ? "es" : "en",
  })),
  { email: "resident@demo.test", displayName: "Rosa Resident", role: "resident", locale: "es" },
];

export function demoPassword() {
  return process.env.DEMO_PASSWORD ?? "demo-password-2026";
}

/** Creates the demo accounts that are missing; existing ones (and their passwords) are left alone. */
export async function seedUsers() {
  const existing = await db
    .select({ email: users.email })
    .from(users)
    .where(sql`lower(${users.email}) like '%@demo.test'`);
  const have = new Set(existing.map((u) => u.email));
  const missing = DEMO_USERS.filter((u) => !have.has(u.email));
  if (missing.length) {
    const passwordHash = await hashPassword(demoPassword());
    await db
      .insert(users)
      .values(missing.map((u) => ({ ...u, locale: u.locale ?? "en", passwordHash, emailVerifiedAt: new Date() })))
      .onConflictDoNothing();
  }
  return DEMO_USERS.map(({ email, role }) => ({ email, role }));
}
