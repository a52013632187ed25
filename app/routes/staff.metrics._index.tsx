import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/modules/auth/index.server";
import { listImports } from "~/modules/metrics/index.server";
import { formatDateTime } from "~/utils/clock";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "imports", "staff");

export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "csu_staff");
  return json({ imports: await listImports() });
}

export default function MetricsImports() {
  const { imports } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("metrics");
  const when = (iso: string) => formatDateTime(iso, i18n.language);
  return (
    <section>
      <h1>{t("staff.title")}</h1>
      <p className="lead">{t("staff.lead")}</p>
      <p>
        <Link className="button" to="/staff/metrics/import">
          {t("staff.newImport")}
        </Link>{" "}
        <Link to="/staff/metrics/events">{t("events.title")}</Link>
      </p>
      <h2>{t("staff.history")}</h2>
      {imports.length === 0 ? (
        <p>{t("staff.none")}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="imports-caption">
          <table>
            <caption id="imports-caption" className="visually-hidden">
              {t("staff.history")}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("staff.file")}</th>
                <th scope="col">{t("staff.period")}</th>
                <th scope="col">{t("staff.status")}</th>
                <th scope="col">{t("staff.who")}</th>
                <th scope="col">{t("staff.when")}</th>
                <th scope="col">{t("staff.changes")}</th>
              </tr>
            </thead>
            <tbody>
              {imports.map((imp) => (
                <tr key={imp.id}>
                  <td>
                    <Link to={`/staff/metrics/imports/${imp.id}`} aria-label={t("staff.view", { file: imp.fileName })}>
                      {imp.fileName}
                    </Link>
                  </td>
                  <td>
                    {imp.periodStart.slice(0, 7)} – {imp.periodEnd.slice(0, 7)}
                  </td>
                  <td>{t(`staff.statuses.${imp.status}`)}</td>
                  <td>{imp.uploadedBy ?? "—"}</td>
                  <td>{when(imp.createdAt)}</td>
                  <td>
                    {imp.status === "completed" || imp.status === "ready"
                      ? t("staff.changeText", { before: imp.summary.before, after: imp.summary.after })
                      : "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
