// Shared between server and pages (no .server suffix): the notification vocabulary.

export const NOTIFICATION_TYPES = [
  "brief_published",
  "comment_reply",
  "vote_opened",
  "vote_closing",
  "vote_closed",
  "meeting_scheduled",
  "meeting_changed",
  "meeting_cancelled",
  "minutes_circulated",
  "minutes_approved",
  "concern_status_changed",
  "response_published",
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/** How a person wants a type by email. The in-app inbox always gets the notification. */
export const DELIVERY_OPTIONS = ["immediately", "daily", "weekly", "off"] as const;
export type Delivery = (typeof DELIVERY_OPTIONS)[number];
export const DEFAULT_DELIVERY: Delivery = "immediately";

export type DigestFrequency = "daily" | "weekly";

/** What an unsubscribe link switches off: one type, or a whole digest. */
export type UnsubscribeScope = NotificationType | "digest_daily" | "digest_weekly";

function isNotificationType(value: unknown): value is NotificationType {
  return typeof value === "string" && (NOTIFICATION_TYPES as readonly string[]).includes(value);
}

export function isUnsubscribeScope(value: unknown): value is UnsubscribeScope {
  return isNotificationType(value) || value === "digest_daily" || value === "digest_weekly";
}
