import { eq } from "drizzle-orm";
import { db } from "~/db/client.server";
import { users } from "~/db/schema";
import type { Client } from "./app";
import { addMonths, countyToday } from "~/utils/clock";

export async function userId(email: string) {
  const [u] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return u!.id;
}

/** Issues an Open311 key through the admin page, as an admin would. */
export async function issueKeyViaAdmin(admin: Client, name: string) {
  const r = await admin.post("/admin/api-keys", { intent: "issue", name });
  if (r.status !== 200) throw new Error(`issuing a key failed with ${r.status}`);
  const html = await r.text();
  const key = /data-testid="new-api-key">([^<]+)</.exec(html)?.[1];
  if (!key) throw new Error("no key on the page");
  return key;
}

/** The 15th of the previous month, on the county calendar: inside the public overview's window. */
export function lastMonthDay(today = countyToday()) {
  return addMonths(`${today.slice(0, 7)}-15`, -1);
}
