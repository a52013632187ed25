import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getUser } from "~/modules/auth/index.server";
import { formatDate } from "~/utils/clock";
import { listActionItems, requestLocale, timeContext } from "~/modules/meetings/index.server";
import { ACTION_STATUSES } from "~/modules/meetings/schemas";
import { ActionItemsTable } from "~/modules/meetings/ui/action-items-table";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "actionItems");

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
      ownerName: i.ownerName,
      due: i.dueDate ? formatDate(i.dueDate, locale) : null,
      status: i.status,
      meeting: { id: i.meetingId, title: i.meetingTitle, date: formatDate(i.meetingStartsAt, locale) },
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
      {data.items.length ? <ActionItemsTable items={data.items} withMeeting /> : <p role="status">{t("actions.none")}</p>}
    </section>
  );
}
