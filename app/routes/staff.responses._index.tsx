import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TableWrap } from "~/components/table-wrap";
import { requireRole } from "~/modules/auth/index.server";
import { listResponsesForStaff } from "~/modules/responses/index.server";
import { formatDate } from "~/utils/clock";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "staffResponses", "staff");

export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "csu_staff");
  return json({ rows: await listResponsesForStaff() });
}

export default function StaffResponses() {
  const { t, i18n } = useTranslation("responses");
  const { rows } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t("staff.listTitle")}</h1>
      <p className="lead">{t("staff.listLead")}</p>
      <p className="actions">
        <Link to="/staff/responses/new" className="button">
          {t("staff.new")}
        </Link>
        <Link to="/responses">{t("staff.publicList")}</Link>
      </p>
      {rows.length === 0 ? (
        <p>{t("staff.none")}</p>
      ) : (
        <TableWrap label={t("staff.listTitle")}>
          <table>
            <caption>{t("staff.listCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("staff.title")}</th>
                <th scope="col">{t("staff.status")}</th>
                <th scope="col">{t("staff.concerns")}</th>
                <th scope="col">{t("staff.author")}</th>
                <th scope="col">{t("staff.updated")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <Link to={`/staff/responses/${r.id}/edit`}>{r.title}</Link>
                  </th>
                  <td>
                    <span className="badge">{t(`status.${r.status}`)}</span>
                    {r.publishedAt ? ` ${formatDate(r.publishedAt, i18n.language, "long")}` : ""}
                  </td>
                  <td>{r.concernCount}</td>
                  <td>{r.authorName ?? "—"}</td>
                  <td>{formatDate(r.updatedAt, i18n.language, "long")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
