import crypto from "node:crypto";
import { and, asc, eq, inArray, isNull, lte } from "drizzle-orm";
import { db } from "~/db/client.server";
import { notificationPreferences, notifications } from "~/db/schema/notifications";
import { contactsOf } from "~/modules/auth/index.server";
import { getFixedT } from "~/i18n/i18n.server";
import { DigestEmail } from "../../../emails/digest-email";
import { queueEmail } from "./email.server";
import { appUrl } from "./notify.server";
import type { DigestFrequency } from "./types";
import { unsubscribeHeaders, unsubscribeUrl } from "./unsubscribe.server";
import { formatDateTime } from "~/utils/clock";

/**
 * Gathers every notification waiting for this digest (created up to `now`) into ONE email
 * per person. Runs from the queue's crontab (see server/jobs.ts). Each person is one
 * transaction: their notifications are marked digested together with the email and its send
 * job, so a crash or a second run never sends a digest twice nor loses an event.
 * Returns how many digest emails were queued.
 */
export async function sendDigests(frequency: DigestFrequency, now = new Date(), origin = appUrl()) {
  const pending = await db
    .selectDistinct({ userId: notifications.userId })
    .from(notifications)
    .where(and(eq(notifications.digest, frequency), isNull(notifications.digestedAt), lte(notifications.createdAt, now)));
  let sent = 0;
  for (const { userId } of pending) {
    if (await sendDigestTo(userId, frequency, now, origin)) sent++;
  }
  return sent;
}

async function sendDigestTo(userId: string, frequency: DigestFrequency, now: Date, origin: string) {
  return db.transaction(async (tx) => {
    const items = await tx
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, userId), eq(notifications.digest, frequency), isNull(notifications.digestedAt), lte(notifications.createdAt, now)))
      .orderBy(asc(notifications.createdAt))
      .for("update", { skipLocked: true });
    if (!items.length) return false;
    await tx
      .update(notifications)
      .set({ digestedAt: now })
      .where(
        inArray(
          notifications.id,
          items.map((i) => i.id),
        ),
      );

    const [user] = await contactsOf(tx, [userId]);
    if (!user || user.deactivatedAt) return false;
    // A type switched off since the event is left out; any other change still gets it here.
    const prefs = await tx
      .select({ type: notificationPreferences.type, delivery: notificationPreferences.delivery })
      .from(notificationPreferences)
      .where(eq(notificationPreferences.userId, userId));
    const off = new Set(prefs.filter((p) => p.delivery === "off").map((p) => p.type));
    const included = items.filter((i) => !off.has(i.type));
    if (!included.length) return false;

    const locale = user.locale;
    const t = await getFixedT(locale, ["notifications", "emails", "common"]);
    const link = await unsubscribeUrl(origin, { userId }, `digest_${frequency}`);
    const texts = {
      brand: t("common:appName"),
      subject: t(`notifications:digest.${frequency}.subject`, { count: included.length }),
      heading: t(`notifications:digest.${frequency}.heading`),
      intro: t(`notifications:digest.intro`, { count: included.length }),
      open: t("notifications:open"),
      footer: t("notifications:email.footer"),
      unsubscribe: t(`notifications:digest.${frequency}.unsubscribe`),
      preferences: t("notifications:email.preferences"),
    };
    const digestItems = included.map((i) => ({
      title: t(`notifications:events.${i.type}.subject`, i.params),
      body: t(`notifications:events.${i.type}.body`, i.params),
      url: `${origin}${i.url}`,
      when: formatDateTime(i.createdAt, locale),
    }));
    const key = crypto
      .createHash("sha256")
      .update(
        included
          .map((i) => i.id)
          .sort()
          .join(","),
      )
      .digest("base64url");
    await queueEmail(tx, {
      template: `digest_${frequency}`,
      to: user.email,
      userId,
      locale,
      subject: texts.subject,
      body: DigestEmail({ lang: locale, items: digestItems, texts, links: { unsubscribeUrl: link, preferencesUrl: `${origin}/account/notifications` } }),
      idempotencyKey: `digest:${frequency}:${userId}:${key}`,
      headers: unsubscribeHeaders(link),
    });
    return true;
  });
}
