import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AdminNav } from "~/components/admin-nav";
import { DateTime } from "~/components/date-time";
import { Pager } from "~/components/pager";
import { requireRole } from "~/modules/auth/index.server";
import { listOutbox } from "~/modules/notifications/index.server";
import { RetryEmailButton } from "~/components/retry-email-button";
import { TableWrap } from "~/components/table-wrap";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "outbox", "admin");

export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "admin");
  const raw = Number(new URL(args.request.url).searchParams.get("page") ?? 1);
  const page = Number.isInteger(raw) && raw >= 1 && raw <= 100_000 ? raw : 1;
  return json(await listOutbox(page));
}

export default function AdminOutboxPage() {
  const { t } = useTranslation("admin");
  const { rows, page, pages } = useLoaderData<typeof loader>();
  return (
    <section>
      <AdminNav />
      <h1>{t("outbox")}</h1>
      <p className="lead">{t("outboxTable.lead")}</p>
      {rows.length === 0 ? (
        <p>{t("outboxTable.empty")}</p>
      ) : (
        <TableWrap>
          <table>
            <caption className="visually-hidden">{t("outbox")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("outboxTable.created")}</th>
                <th scope="col">{t("outboxTable.to")}</th>
                <th scope="col">{t("outboxTable.subject")}</th>
                <th scope="col">{t("outboxTable.template")}</th>
                <th scope="col">{t("outboxTable.status")}</th>
                <th scope="col">{t("outboxTable.attempts")}</th>
                <th scope="col">{t("outboxTable.lastError")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td>
                    <DateTime value={row.createdAt} />
                  </td>
                  <td>{row.toAddress}</td>
                  <th scope="row">
                    <Link to={`/admin/outbox/${row.id}`}>{row.subject}</Link>
                  </th>
                  <td>
                    <code>{row.template}</code>
                  </td>
                  <td>
                    {t(`outboxStatus.${row.status}`)}
                    {row.status === "failed" ? <RetryEmailButton id={row.id} to={row.toAddress} /> : null}
                  </td>
                  <td>{row.attempts}</td>
                  <td>{row.lastError ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <Pager page={page} pages={pages} label={t("outboxTable.pages")} href={(p) => `/admin/outbox?page=${p}`} />
    </section>
  );
}
