import { and, count, desc, eq, isNull, sql } from "drizzle-orm";
import { db } from "~/db/client.server";
import { notificationPreferences, notifications } from "~/db/schema/notifications";
import { DEFAULT_DELIVERY, NOTIFICATION_TYPES, type Delivery, type NotificationType } from "./types";

/** A notification's link without its query or fragment: the page it is about. */
export const notificationPath = sql`split_part(split_part(${notifications.url}, '#', 1), '?', 1)`;

/**
 * The number in the header's inbox link. `opening` is the path of the page being loaded: its
 * own loader marks the notifications about it read (markReadAbout) at the same moment, in
 * parallel with this count, so they are not counted (the badge agrees with the page).
 */
export async function unreadCount(userId: string, opening?: string) {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), opening ? sql`${notificationPath} <> ${opening}` : undefined));
  return row?.n ?? 0;
}

export async function listNotifications(userId: string, limit = 100) {
  return db
    .select({
      id: notifications.id,
      type: notifications.type,
      url: notifications.url,
      params: notifications.params,
      readAt: notifications.readAt,
      createdAt: notifications.createdAt,
    })
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit);
}

/** Every type with this person's choice (the default where they made none). */
export async function getPreferences(userId: string): Promise<Record<NotificationType, Delivery>> {
  const rows = await db
    .select({ type: notificationPreferences.type, delivery: notificationPreferences.delivery })
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, userId));
  const chosen = new Map(rows.map((r) => [r.type, r.delivery]));
  return Object.fromEntries(NOTIFICATION_TYPES.map((type) => [type, chosen.get(type) ?? DEFAULT_DELIVERY])) as Record<NotificationType, Delivery>;
}
