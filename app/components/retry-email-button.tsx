import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** For the admin outbox: a plain form (works without JavaScript) to retry a failed email. */
export function RetryEmailButton({ id, to }: { id: string; to: string }) {
  const { t } = useTranslation("notifications");
  return (
    <Form method="post" action={`/admin/outbox/${id}/retry`} className="inline-form">
      <button type="submit" className="secondary" aria-label={t("retry.label", { to })}>
        {t("retry.button")}
      </button>
    </Form>
  );
}
