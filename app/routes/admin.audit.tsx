import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AdminNav } from "~/components/admin-nav";
import { DateTime } from "~/components/date-time";
import { listAuditEntries } from "~/modules/audit/index.server";
import { requireRole } from "~/modules/auth/index.server";
import { TableWrap } from "~/components/table-wrap";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "audit", "admin");

const PAGE_SIZE = 50;

export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "admin");
  const raw = Number(new URL(args.request.url).searchParams.get("before"));
  const before = Number.isSafeInteger(raw) && raw > 0 ? raw : undefined;
  // One extra row says whether there is an older page.
  const rows = await listAuditEntries({ before, limit: PAGE_SIZE + 1 });
  const entries = rows.slice(0, PAGE_SIZE);
  return json({ entries, olderBefore: rows.length > PAGE_SIZE ? entries[entries.length - 1]!.id : null, paged: Boolean(before) });
}

export default function AdminAuditPage() {
  const { t } = useTranslation("admin");
  const { entries, olderBefore, paged } = useLoaderData<typeof loader>();
  return (
    <section>
      <AdminNav />
      <h1>{t("audit")}</h1>
      <p className="lead">{t("auditTable.lead")}</p>
      {entries.length === 0 ? (
        <p>{t("auditTable.empty")}</p>
      ) : (
        <TableWrap>
          <table>
            <caption className="visually-hidden">{t("audit")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("auditTable.when")}</th>
                <th scope="col">{t("auditTable.who")}</th>
                <th scope="col">{t("auditTable.action")}</th>
                <th scope="col">{t("auditTable.subject")}</th>
                <th scope="col">{t("auditTable.details")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td>
                    <DateTime value={e.createdAt} />
                  </td>
                  <td>{e.actorEmail ?? t("auditTable.system")}</td>
                  <th scope="row">
                    <code>{e.action}</code>
                  </th>
                  <td>
                    {e.subjectType}
                    {e.subjectId ? (
                      <>
                        {" "}
                        <code>{e.subjectId}</code>
                      </>
                    ) : null}
                  </td>
                  <td>{Object.keys(e.data ?? {}).length ? <code>{JSON.stringify(e.data)}</code> : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <nav aria-label={t("auditTable.pages")} className="pager">
        {paged ? <Link to="/admin/audit">{t("auditTable.newest")}</Link> : null}
        {olderBefore ? <Link to={`/admin/audit?before=${olderBefore}`}>{t("auditTable.older")}</Link> : null}
      </nav>
    </section>
  );
}
