import { and, count, desc, eq, isNull } from "drizzle-orm";
import { db } from "~/db/client.server";
import { notificationPreferences, notifications } from "~/db/schema/notifications";
import { DEFAULT_DELIVERY, NOTIFICATION_TYPES, type Delivery, type NotificationType } from "./types";

/** The number in the header's inbox link. */
export async function unreadCount(userId: string) {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
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
