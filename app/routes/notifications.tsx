import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/modules/auth/index.server";
import { listNotifications, markAllRead, markRead } from "~/modules/notifications/index.server";
import { InboxActionSchema } from "~/modules/notifications/schemas";
import { formatDateTime } from "~/utils/clock";
import { badRequest } from "~/utils/errors";
import { setFlash } from "~/utils/flash.server";
import { readFormData, readIntent } from "~/utils/forms.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "notifications");

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  const items = await listNotifications(user.id);
  return json({ items });
}

export async function action(args: ActionFunctionArgs) {
  const user = requireUser(args);
  const formData = await readFormData(args.request);
  readIntent(formData, ["read", "read_all"]);
  const submission = parseWithZod(formData, { schema: InboxActionSchema });
  // Only hidden fields: a failure is a tampered request, refused with the 400 page (nothing to show by a field).
  if (submission.status !== "success") badRequest();
  if (submission.value.intent === "read") {
    await markRead(user.id, submission.value.id);
    return redirect("/notifications", { headers: { "Set-Cookie": await setFlash({ key: "notifications:inbox.markedRead" }) } });
  }
  await markAllRead(user.id);
  return redirect("/notifications", { headers: { "Set-Cookie": await setFlash({ key: "notifications:inbox.markedAllRead" }) } });
}

export default function NotificationsPage() {
  const { items } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("notifications");
  const unread = items.filter((i) => !i.readAt).length;
  return (
    <section>
      <h1>{t("inbox.title")}</h1>
      <p className="lead">{t("inbox.lead")}</p>
      <div className="actions">
        <Link to="/account/notifications">{t("inbox.settingsLink")}</Link>
        {unread > 0 ? (
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="read_all" />
            <button type="submit" className="secondary">
              {t("inbox.markAllRead")}
            </button>
          </Form>
        ) : null}
      </div>
      {items.length === 0 ? (
        <p>{t("inbox.empty")}</p>
      ) : (
        <ul className="notification-list">
          {items.map((item) => {
            const title = t(`events.${item.type}.subject`, item.params);
            return (
              <li key={item.id} className={item.readAt ? "notification" : "notification notification-unread"}>
                <h2 className="notification-title">
                  {!item.readAt ? <span className="badge">{t("inbox.unread")}</span> : null} <Link to={item.url}>{title}</Link>
                </h2>
                <p>{t(`events.${item.type}.body`, item.params)}</p>
                <p className="muted">
                  {t("inbox.received")}: <time dateTime={item.createdAt}>{formatDateTime(item.createdAt, i18n.language)}</time>
                </p>
                {!item.readAt ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="read" />
                    <input type="hidden" name="id" value={item.id} />
                    <button type="submit" className="link-button" aria-label={t("inbox.markReadLabel", { title })}>
                      {t("inbox.markRead")}
                    </button>
                  </Form>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
