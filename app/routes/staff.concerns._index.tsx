import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TableWrap } from "~/components/table-wrap";
import { requireRole } from "~/modules/auth/index.server";
import { kindName } from "~/modules/concerns";
import { listKinds, triageQueue } from "~/modules/concerns/index.server";
import { CONCERN_STATUSES, isConcernStatus } from "~/modules/concerns";
import { formatDate, formatDayCount } from "~/utils/clock";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "triage", "staff");

export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "csu_staff");
  const params = new URL(args.request.url).searchParams;
  const kind = params.get("kind")?.slice(0, 60) || undefined;
  const zip = /^\d{5}$/.test(params.get("zip") ?? "") ? params.get("zip")! : undefined;
  const statusParam = params.get("status") ?? "open";
  const status = statusParam === "all" || statusParam === "open" || isConcernStatus(statusParam) ? statusParam : "open";
  const minDaysRaw = Number(params.get("minDays") ?? "");
  const minDays = Number.isInteger(minDaysRaw) && minDaysRaw > 0 && minDaysRaw < 10000 ? minDaysRaw : undefined;
  const hidden = params.get("hidden") === "1";
  const [rows, kinds] = await Promise.all([triageQueue({ kind, zip, status, minDays, hidden }), listKinds()]);
  return json({
    rows: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
    kinds: kinds.map(({ code, nameEn, nameEs }) => ({ code, nameEn, nameEs })),
    filters: { kind: kind ?? "", zip: zip ?? "", status, minDays: minDays ? String(minDays) : "", hidden },
  });
}

export default function TriageQueue() {
  const { t, i18n } = useTranslation("concerns");
  const { rows, kinds, filters } = useLoaderData<typeof loader>();
  const lng = i18n.language;
  return (
    <section>
      <h1>{t("staff.queueTitle")}</h1>
      <p className="lead">{t("staff.queueLead")}</p>
      <p className="actions">
        <Link to="/staff/concerns/kinds">{t("staff.manageKinds")}</Link>
        <Link to="/staff/citations">{t("staff.citations")}</Link>
      </p>
      <Form method="get" className="filters" aria-label={t("staff.filters")}>
        <div className="field">
          <label htmlFor="f-kind">{t("staff.kind")}</label>
          <select id="f-kind" name="kind" defaultValue={filters.kind}>
            <option value="">{t("staff.anyKind")}</option>
            {kinds.map((k) => (
              <option key={k.code} value={k.code}>
                {kindName(k, lng)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-zip">{t("staff.zip")}</label>
          <input id="f-zip" name="zip" type="text" inputMode="numeric" maxLength={5} defaultValue={filters.zip} />
        </div>
        <div className="field">
          <label htmlFor="f-status">{t("staff.status")}</label>
          <select id="f-status" name="status" defaultValue={filters.status}>
            <option value="open">{t("staff.openStatuses")}</option>
            <option value="all">{t("staff.allStatuses")}</option>
            {CONCERN_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-days">{t("staff.minDays")}</label>
          <input id="f-days" name="minDays" type="number" min={1} defaultValue={filters.minDays} />
        </div>
        <div className="choice">
          <input id="f-hidden" name="hidden" type="checkbox" value="1" defaultChecked={filters.hidden} />
          <label htmlFor="f-hidden">{t("staff.includeHidden")}</label>
        </div>
        <div>
          <button type="submit">{t("staff.apply")}</button>
        </div>
      </Form>
      <TableWrap label={t("staff.caption", { count: rows.length })}>
        <table>
          <caption>{t("staff.caption", { count: rows.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("staff.number")}</th>
              <th scope="col">{t("staff.kind")}</th>
              <th scope="col">{t("staff.address")}</th>
              <th scope="col">{t("staff.status")}</th>
              <th scope="col">{t("staff.submitted")}</th>
              <th scope="col">{t("staff.daysWaiting")}</th>
              <th scope="col">{t("staff.corroborations")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={7}>{t("staff.empty")}</td>
              </tr>
            ) : null}
            {rows.map((r) => (
              <tr key={r.number}>
                <th scope="row">
                  <Link to={`/staff/concerns/${r.number}`}>#{r.number}</Link>
                </th>
                <td>{lng === "es" ? r.kindNameEs : r.kindNameEn}</td>
                <td>
                  {r.address}, {r.zip}
                  {r.hidden ? <span className="badge"> {t("staff.hiddenBadge")}</span> : null}
                </td>
                <td>{t(`status.${r.status}`)}</td>
                <td>{formatDate(r.createdAt, lng, "short")}</td>
                <td>{formatDayCount(r.daysWaiting, lng)}</td>
                <td>{r.corroborations}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}
