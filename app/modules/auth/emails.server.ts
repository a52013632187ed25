import crypto from "node:crypto";
import type { DbOrTx } from "~/db/client.server";
import { getFixedT } from "~/i18n/i18n.server";
import { queueEmail } from "~/modules/notifications/index.server";
import { AuthEmail, type AuthEmailKind } from "../../../emails/auth-email";

type AuthEmailInput = { to: string; userId: string | null; locale: string; url: string; name: string; role?: string };

/** Verification, invitation, reset and email-change messages: one template, four texts. */
export async function queueAuthEmail(tx: DbOrTx, kind: AuthEmailKind, input: AuthEmailInput) {
  const t = await getFixedT(input.locale, ["emails", "common"]);
  const role = input.role ? t(`common:roles.${input.role}`) : "";
  const texts = {
    brand: t("common:appName"),
    subject: t(`emails:${kind}.subject`),
    heading: t(`emails:${kind}.heading`),
    body: t(`emails:${kind}.body`, { name: input.name, role }),
    button: t(`emails:${kind}.button`),
    expiry: t(`emails:${kind}.expiry`),
    ignore: t("emails:ignore"),
    footer: t("emails:footer"),
    linkHelp: t("emails:linkHelp"),
  };
  await queueEmail(tx, {
    template: kind,
    to: input.to,
    userId: input.userId,
    locale: input.locale,
    subject: texts.subject,
    body: AuthEmail({ lang: input.locale, url: input.url, texts }),
    // Each token is new, so each message is its own event.
    idempotencyKey: `${kind}:${crypto.randomUUID()}`,
  });
}
