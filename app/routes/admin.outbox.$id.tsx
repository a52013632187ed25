import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { AdminNav } from "~/components/admin-nav";
import { DateTime } from "~/components/date-time";
import { requireRole } from "~/modules/auth/index.server";
import { getOutboxEmail } from "~/modules/notifications/index.server";
import { notFound } from "~/utils/errors";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "email", "admin");

export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "admin");
  const id = z.string().uuid().safeParse(args.params.id);
  const email = id.success ? await getOutboxEmail(id.data) : null;
  if (!email) notFound();
  return json({ email });
}

/** One email as text: the HTML part is never rendered here, so no email can script this page. */
export default function AdminOutboxEmailPage() {
  const { t } = useTranslation("admin");
  const { email } = useLoaderData<typeof loader>();
  return (
    <section>
      <AdminNav />
      <p>
        <Link to="/admin/outbox">{t("outboxTable.back")}</Link>
      </p>
      <h1>{email.subject}</h1>
      <dl className="meta-list">
        <dt>{t("outboxTable.to")}</dt>
        <dd>{email.toAddress}</dd>
        <dt>{t("outboxTable.template")}</dt>
        <dd>
          <code>{email.template}</code>
        </dd>
        <dt>{t("outboxTable.status")}</dt>
        <dd>{t(`outboxStatus.${email.status}`)}</dd>
        <dt>{t("outboxTable.attempts")}</dt>
        <dd>{email.attempts}</dd>
        {email.lastError ? (
          <>
            <dt>{t("outboxTable.lastError")}</dt>
            <dd>{email.lastError}</dd>
          </>
        ) : null}
        <dt>{t("outboxTable.created")}</dt>
        <dd>
          <DateTime value={email.createdAt} />
        </dd>
      </dl>
      <h2>{t("outboxTable.textPart")}</h2>
      <pre className="email-text" lang={email.locale}>
        {email.text}
      </pre>
    </section>
  );
}
