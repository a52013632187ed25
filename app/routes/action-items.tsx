import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusBadge } from "~/modules/meetings/ui/meetings";
import { getUser } from "~/modules/auth/index.server";
import { requestLocale, timeContext } from "~/modules/meetings/index.server";
import { listActionItems } from "~/modules/meetings/index.server";
import { ACTION_STATUSES } from "~/modules/meetings/schemas";
import { TableWrap } from "~/components/table-wrap";
import { formatDate } from "~/utils/clock";

export const meta: MetaFunction = () => [{ title: "Action items · CAB Portal" }];

const FILTERS = ["all", ...ACTION_STATUSES] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = getUser({ context });
  const raw = new URL(request.url).searchParams.get("status") ?? "all";
  const status = (FILTERS as readonly string[]).includes(raw) ? (raw as (typeof FILTERS)[number]) : "all";
  const locale = await requestLocale(request, context);
  const { timeZone } = timeContext();
  const items = await listActionItems(user ? { id: user.id, role: user.role } : null, status);
  return json({
    status,
    items: items.map((i) => ({
      id: i.id,
      what: i.what,
      owner: i.ownerName,
      due: i.dueDate ? formatDate(i.dueDate, locale) : null,
      status: i.status,
      meetingId: i.meetingId,
      meetingTitle: i.meetingTitle,
      meetingDate: formatDate(i.meetingStartsAt, locale),
      draft: i.minutesStatus !== "approved",
    })),
  });
}

export default function ActionItemsPage() {
  const { t } = useTranslation("meetings");
  const data = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t("actions.title")}</h1>
      <p className="lead">{t("actions.lead")}</p>
      <Form method="get" className="actions">
        <label htmlFor="status">{t("actions.filter")}</label>
        <select id="status" name="status" defaultValue={data.status}>
          {FILTERS.map((f) => (
            <option key={f} value={f}>
              {f === "all" ? t("actions.all") : t(`actionStatus.${f}`)}
            </option>
          ))}
        </select>
        <button type="submit">{t("actions.apply")}</button>
      </Form>
      {data.items.length ? (
        <TableWrap>
          <table>
            <caption>{t("actions.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("actions.what")}</th>
                <th scope="col">{t("actions.owner")}</th>
                <th scope="col">{t("actions.due")}</th>
                <th scope="col">{t("actions.status")}</th>
                <th scope="col">{t("actions.meeting")}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((i) => (
                <tr key={i.id}>
                  <td>
                    {i.what}
                    {i.draft ? <span className="muted"> ({t("actions.fromDraft")})</span> : null}
                  </td>
                  <td>{i.owner}</td>
                  <td>{i.due ?? "—"}</td>
                  <td>
                    <StatusBadge kind="actionStatus" value={i.status} />
                  </td>
                  <td>
                    <Link to={`/meetings/${i.meetingId}`}>{i.meetingTitle}</Link> <span className="muted">{i.meetingDate}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : (
        <p role="status">{t("actions.none")}</p>
      )}
    </section>
  );
}
