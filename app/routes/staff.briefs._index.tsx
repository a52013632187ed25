import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/modules/auth/index.server";
import { listAllBriefs } from "~/modules/briefs/index.server";
import { TableWrap } from "~/components/table-wrap";
import { formatDateTime } from "~/utils/clock";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "staffBriefs");

export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "csu_staff");
  return json({ briefs: await listAllBriefs() });
}

export default function StaffBriefs() {
  const { t, i18n } = useTranslation("briefs");
  const { briefs } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t("staff.listTitle")}</h1>
      <p>
        <Link className="button" to="/staff/briefs/new">
          {t("staff.new")}
        </Link>
      </p>
      <TableWrap>
        <table>
          <caption>{t("staff.listCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("form.title")}</th>
              <th scope="col">{t("staff.status")}</th>
              <th scope="col">{t("staff.updated")}</th>
            </tr>
          </thead>
          <tbody>
            {briefs.map((b) => (
              <tr key={b.id}>
                <td>
                  <Link to={`/staff/briefs/${b.id}/edit`}>{b.title}</Link>
                </td>
                <td>
                  {t(`status.${b.status}`)}
                  {b.publishAt ? <div className="muted">{t("staff.publishesAt", { when: formatDateTime(b.publishAt, i18n.language) })}</div> : null}
                </td>
                <td>{formatDateTime(b.updatedAt, i18n.language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}
