import { inArray } from "drizzle-orm";
import type { DbOrTx } from "~/db/client.server";
import { notifications, users } from "~/db/schema";
import { getFixedT } from "~/i18n/i18n.server";
import { NotificationEmail } from "../../../emails/notification-email";
import { queueEmail } from "./email.server";

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

export type NotificationEvent = {
  type: NotificationType;
  /** Identifies this event: the same key never notifies the same person twice. */
  key: string;
  /** Path of the thing the notification is about, e.g. "/briefs/some-slug". */
  url: string;
  /** Interpolated into the texts `notifications:events.<type>.*` (title, status, …). */
  params: Record<string, string | number>;
  attachments?: { filename: string; content: string; contentType?: string }[];
};

/** A portal account, or a bare email (a resident who reported a concern without an account). */
export type Recipient = { userId: string } | { email: string; locale: string };

/**
 * The one way modules tell people about something. Call it inside the transaction of the
 * change: the in-app notifications and the emails commit (or roll back) with it.
 */
export async function notify(tx: DbOrTx, event: NotificationEvent, recipients: Recipient[], origin = appUrl()) {
  const userIds = [...new Set(recipients.flatMap((r) => ("userId" in r ? [r.userId] : [])))];
  const accounts = userIds.length
    ? await tx.select({ id: users.id, email: users.email, locale: users.locale, deactivatedAt: users.deactivatedAt }).from(users).where(inArray(users.id, userIds))
    : [];
  const active = accounts.filter((a) => !a.deactivatedAt);
  if (active.length) {
    await tx
      .insert(notifications)
      .values(active.map((a) => ({ userId: a.id, type: event.type, eventKey: event.key, url: event.url, params: event.params })))
      .onConflictDoNothing();
  }
  const emails = [
    ...active.map((a) => ({ to: a.email, userId: a.id as string | null, locale: a.locale })),
    ...recipients.flatMap((r) => ("email" in r ? [{ to: r.email, userId: null, locale: r.locale }] : [])),
  ];
  for (const email of emails) {
    const t = await getFixedT(email.locale, ["notifications", "emails"]);
    const texts = {
      subject: t(`notifications:events.${event.type}.subject`, event.params),
      body: t(`notifications:events.${event.type}.body`, event.params),
      button: t("notifications:open"),
      footer: t("emails:footer"),
    };
    await queueEmail(tx, {
      template: event.type,
      to: email.to,
      userId: email.userId,
      locale: email.locale,
      subject: texts.subject,
      body: NotificationEmail({ lang: email.locale, url: `${origin}${event.url}`, texts }),
      idempotencyKey: `${event.key}:${email.userId ?? email.to.toLowerCase()}`,
      attachments: event.attachments,
    });
  }
}

function appUrl() {
  return (process.env.APP_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, "");
}
