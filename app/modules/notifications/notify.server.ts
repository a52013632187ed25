import { appUrl as configuredAppUrl } from "~/utils/env.server";
import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "~/db/client.server";
import { emailUnsubscribes, notificationPreferences, notifications } from "~/db/schema/notifications";
import { contactsOf } from "~/modules/auth/index.server";
import { getFixedT } from "~/i18n/i18n.server";
import { NotificationEmail } from "../../../emails/notification-email";
import { insertOutbox, renderEmail, type OutboxEmail } from "./email.server";
import { DEFAULT_DELIVERY, type Delivery, type NotificationType } from "./types";
import { unsubscribeHeaders, unsubscribeUrl } from "./unsubscribe.server";

export { NOTIFICATION_TYPES, type NotificationType } from "./types";

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

/**
 * A portal account, or a bare email: a resident who reported a concern and left an address, with
 * no account. A bare recipient is told about *their report*: the reporter's wording
 * (`events.<type>.reporterBody` where the type has one), a button to `url` (their tracking page)
 * when given, and no link to account settings they do not have.
 */
export type Recipient = { userId: string } | { email: string; locale: string; url?: string };

// Rendered once per language, then each recipient's own unsubscribe link is put in its place.
const UNSUBSCRIBE_PLACEHOLDER = "https://unsubscribe.invalid/cab-portal-placeholder";

/**
 * The one way modules tell people about something. Call it inside the transaction of the
 * change: the in-app notifications, the emails and their send jobs commit (or roll back)
 * with it. Each person's preference for the event's type decides the email: sent now
 * ("immediately", the default), gathered into a daily or weekly digest, or not at all ("off").
 * The in-app notification is always written.
 */
export async function notify(tx: DbOrTx, event: NotificationEvent, recipients: Recipient[], origin = appUrl()) {
  const userIds = [...new Set(recipients.flatMap((r) => ("userId" in r ? [r.userId] : [])))];
  const accounts = await contactsOf(tx, userIds);
  const active = accounts.filter((a) => !a.deactivatedAt);
  const delivery = await deliveryFor(
    tx,
    event.type,
    active.map((a) => a.id),
  );

  if (active.length) {
    for (let i = 0; i < active.length; i += 1000) {
      await tx
        .insert(notifications)
        .values(
          active.slice(i, i + 1000).map((a) => {
            const d = delivery.get(a.id) ?? DEFAULT_DELIVERY;
            return {
              userId: a.id,
              type: event.type,
              eventKey: event.key,
              url: event.url,
              params: event.params,
              digest: d === "daily" || d === "weekly" ? d : null,
            };
          }),
        )
        .onConflictDoNothing();
    }
  }

  const bare = dedupeBy(
    recipients.flatMap((r) => ("email" in r ? [{ email: r.email.trim(), locale: r.locale, url: r.url ?? event.url }] : [])),
    (r) => r.email.toLowerCase(),
  );
  const unsubscribed = await unsubscribedEmails(
    tx,
    event.type,
    bare.map((b) => b.email.toLowerCase()),
  );
  const emails = [
    ...active
      .filter((a) => (delivery.get(a.id) ?? DEFAULT_DELIVERY) === "immediately")
      .map((a) => ({ to: a.email, userId: a.id as string | null, locale: a.locale, reporter: false, url: event.url })),
    ...bare.filter((b) => !unsubscribed.has(b.email.toLowerCase())).map((b) => ({ to: b.email, userId: null, locale: b.locale, reporter: true, url: b.url })),
  ];
  if (!emails.length) return;

  // One rendering per language and audience (and, for reporters, per tracking page).
  const templateKey = (e: (typeof emails)[number]) => `${e.locale}\u0000${e.reporter ? e.url : ""}`;
  const templates = new Map<string, { subject: string; html: string; text: string }>();
  for (const email of emails) {
    const key = templateKey(email);
    if (templates.has(key)) continue;
    const t = await getFixedT(email.locale, ["notifications", "emails", "common"]);
    const texts = {
      brand: t("common:appName"),
      subject: t(`notifications:events.${event.type}.subject`, event.params),
      body: email.reporter
        ? t([`notifications:events.${event.type}.reporterBody`, `notifications:events.${event.type}.body`], event.params)
        : t(`notifications:events.${event.type}.body`, event.params),
      button: email.reporter ? t("notifications:email.openReport") : t("notifications:open"),
      footer: email.reporter ? t("notifications:email.footerReporter") : t("notifications:email.footer"),
      unsubscribe: t("notifications:email.unsubscribe", { type: t(`notifications:types.${event.type}`) }),
      preferences: t("notifications:email.preferences"),
    };
    // A reporter without an account has no settings page to be sent to: only the one-click stop link.
    const links = { unsubscribeUrl: UNSUBSCRIBE_PLACEHOLDER, preferencesUrl: email.reporter ? undefined : `${origin}/account/notifications` };
    const rendered = await renderEmail(NotificationEmail({ lang: email.locale, url: `${origin}${email.url}`, texts, links }));
    templates.set(key, { subject: texts.subject, ...rendered });
  }

  const outbox: OutboxEmail[] = [];
  for (const email of emails) {
    const template = templates.get(templateKey(email))!;
    const link = await unsubscribeUrl(origin, email.userId ? { userId: email.userId } : { email: email.to }, event.type);
    outbox.push({
      template: event.type,
      to: email.to,
      userId: email.userId,
      locale: email.locale,
      subject: template.subject,
      html: template.html.replaceAll(UNSUBSCRIBE_PLACEHOLDER, link),
      text: template.text.replaceAll(UNSUBSCRIBE_PLACEHOLDER, link),
      idempotencyKey: `${event.key}:${email.userId ?? email.to.toLowerCase()}`,
      headers: unsubscribeHeaders(link),
      attachments: event.attachments,
    });
  }
  await insertOutbox(tx, outbox);
}

/** Each person's choice for this type (no row: the default). */
async function deliveryFor(tx: DbOrTx, type: NotificationType, userIds: string[]) {
  const map = new Map<string, Delivery>();
  if (!userIds.length) return map;
  const rows = await tx
    .select({ userId: notificationPreferences.userId, delivery: notificationPreferences.delivery })
    .from(notificationPreferences)
    .where(and(eq(notificationPreferences.type, type), inArray(notificationPreferences.userId, userIds)));
  for (const row of rows) map.set(row.userId, row.delivery);
  return map;
}

async function unsubscribedEmails(tx: DbOrTx, type: NotificationType, emails: string[]) {
  if (!emails.length) return new Set<string>();
  const rows = await tx
    .select({ email: emailUnsubscribes.email })
    .from(emailUnsubscribes)
    .where(and(eq(emailUnsubscribes.type, type), inArray(emailUnsubscribes.email, emails)));
  return new Set(rows.map((r) => r.email));
}

function dedupeBy<T>(items: T[], key: (item: T) => string) {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The configured public origin (APP_URL); see ~/utils/env.server. */
export function appUrl() {
  return configuredAppUrl();
}
