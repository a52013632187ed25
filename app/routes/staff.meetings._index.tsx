import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusBadge } from "~/modules/meetings/ui/meetings";
import { requireRole } from "~/modules/auth/index.server";
import { requestLocale, timeContext } from "~/modules/meetings/index.server";
import { listMeetingsForStaff } from "~/modules/meetings/index.server";
import { TableWrap } from "~/components/table-wrap";
import { formatDateTime } from "~/utils/clock";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "manageMeetings", "staff");

export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "csu_staff");
  const locale = await requestLocale(args.request, args.context);
  const { timeZone } = timeContext();
  const list = await listMeetingsForStaff();
  return json({
    meetings: list.map((m) => ({
      id: m.id,
      title: m.title,
      status: m.status,
      minutesStatus: m.minutesStatus,
      when: formatDateTime(m.startsAt, locale, { dateStyle: "full" }),
    })),
  });
}

export default function StaffMeetings() {
  const { t } = useTranslation("meetings");
  const { meetings } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t("staff.title")}</h1>
      <p>
        <Link to="/staff/meetings/new" className="button">
          {t("staff.new")}
        </Link>
      </p>
      {meetings.length ? (
        <TableWrap>
          <table>
            <caption>{t("staff.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("staff.meeting")}</th>
                <th scope="col">{t("detail.when")}</th>
                <th scope="col">{t("staff.status")}</th>
                <th scope="col">{t("minutes.title")}</th>
              </tr>
            </thead>
            <tbody>
              {meetings.map((m) => (
                <tr key={m.id}>
                  <td>
                    <Link to={`/staff/meetings/${m.id}/edit`}>{m.title}</Link>
                  </td>
                  <td>{m.when}</td>
                  <td>
                    <StatusBadge kind="status" value={m.status} />
                  </td>
                  <td>
                    {m.minutesStatus ? (
                      <Link to={`/staff/meetings/${m.id}/minutes`}>
                        <StatusBadge kind="minutesStatus" value={m.minutesStatus} />
                      </Link>
                    ) : (
                      "—"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : (
        <p>{t("staff.none")}</p>
      )}
    </section>
  );
}
