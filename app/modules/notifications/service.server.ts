import { and, eq, isNull, sql } from "drizzle-orm";
import { db } from "~/db/client.server";
import { emailUnsubscribes, notificationPreferences, notifications } from "~/db/schema/notifications";
import { accountExists } from "~/modules/auth/index.server";
import { NOTIFICATION_TYPES, type Delivery, type NotificationType } from "./types";
import type { UnsubscribeToken } from "./unsubscribe.server";
import { notificationPath } from "./queries.server";

/** Marks one of the person's notifications read; someone else's id changes nothing. */
export async function markRead(userId: string, notificationId: string) {
  const rows = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.id, notificationId), eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length > 0;
}

/**
 * The page a notification is about has been opened (or acted on): marks the viewer's unread
 * notifications that link to `path` ("/briefs/some-slug") read. A link's query and fragment
 * ("?cpage=2#comment-…") are ignored, so a reply on page 2 of a brief's comments counts as that
 * brief. Call it from the page's loader once the viewer may see the thing. Returns how many.
 */
export async function markReadAbout(userId: string, path: string) {
  const rows = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), sql`${notificationPath} = ${path}`))
    .returning({ id: notifications.id });
  return rows.length;
}

export async function markAllRead(userId: string) {
  const rows = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}

/** Saves a person's choices (one upsert); types not given keep their current choice. */
export async function setPreferences(userId: string, choices: Partial<Record<NotificationType, Delivery>>) {
  const values = NOTIFICATION_TYPES.filter((type) => choices[type]).map((type) => ({ userId, type, delivery: choices[type]!, updatedAt: new Date() }));
  if (!values.length) return;
  await db
    .insert(notificationPreferences)
    .values(values)
    .onConflictDoUpdate({
      target: [notificationPreferences.userId, notificationPreferences.type],
      set: { delivery: sql`excluded.delivery`, updatedAt: sql`excluded.updated_at` },
    });
}

/**
 * Applies a verified unsubscribe token: the type goes "off" for an account (the in-app inbox
 * still shows it), or the bare address is suppressed for that type. A digest token switches
 * off every type that was going into that digest. Doing it twice is harmless.
 */
export async function applyUnsubscribe({ subject, scope }: UnsubscribeToken) {
  if ("userId" in subject) {
    // An account deleted since the email was sent has nothing left to switch off.
    if (!(await accountExists(db, subject.userId))) return;
    if (scope === "digest_daily" || scope === "digest_weekly") {
      const frequency = scope === "digest_daily" ? "daily" : "weekly";
      await db
        .update(notificationPreferences)
        .set({ delivery: "off", updatedAt: new Date() })
        .where(and(eq(notificationPreferences.userId, subject.userId), eq(notificationPreferences.delivery, frequency)));
      return;
    }
    await setPreferences(subject.userId, { [scope]: "off" });
    return;
  }
  // Bare addresses only get immediate emails, so a digest scope has nothing to switch off.
  if (scope === "digest_daily" || scope === "digest_weekly") return;
  await db.insert(emailUnsubscribes).values({ email: subject.email.toLowerCase(), type: scope }).onConflictDoNothing();
}
