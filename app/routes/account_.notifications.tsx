import { getFormProps, getSelectProps } from "@conform-to/react";
import { useForm } from "~/utils/use-form";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, FormErrors } from "~/components/form";
import { requireUser } from "~/modules/auth/index.server";
import { getPreferences } from "~/modules/notifications/index.server";
import { PreferencesSchema } from "~/modules/notifications/schemas";
import { setPreferences } from "~/modules/notifications/index.server";
import { DELIVERY_OPTIONS, NOTIFICATION_TYPES } from "~/modules/notifications";
import { setFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms.server";
import { TableWrap } from "~/components/table-wrap";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "notificationSettings");

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  return json({ preferences: await getPreferences(user.id) });
}

export async function action(args: ActionFunctionArgs) {
  const user = requireUser(args);
  const { submission } = await parseForm(args.request, PreferencesSchema);
  if (submission.status !== "success") {
    return json({ result: submission.reply({ formErrors: ["common:errors.formInvalid"] }) }, { status: 400 });
  }
  await setPreferences(user.id, submission.value);
  return redirect("/account/notifications", { headers: { "Set-Cookie": await setFlash({ key: "notifications:settings.saved" }) } });
}

export default function NotificationSettingsPage() {
  const { preferences } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("notifications");
  const [form, fields] = useForm({ id: "notification-settings", lastResult: actionData?.result, defaultValue: preferences });
  return (
    <section>
      <h1>{t("settings.title")}</h1>
      <p className="lead">{t("settings.lead")}</p>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <TableWrap>
          <table>
            <caption className="visually-hidden">{t("settings.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("settings.type")}</th>
                <th scope="col">{t("settings.email")}</th>
              </tr>
            </thead>
            <tbody>
              {NOTIFICATION_TYPES.map((type) => {
                const field = fields[type];
                const props = getSelectProps(field);
                return (
                  <tr key={type}>
                    <th scope="row">
                      <label htmlFor={field.id}>{t(`types.${type}`)}</label>
                    </th>
                    <td>
                      <select {...props} key={props.key} aria-describedby={field.errors?.length ? field.errorId : undefined}>
                        {DELIVERY_OPTIONS.map((option) => (
                          <option key={option} value={option}>
                            {t(`delivery.${option}`)}
                          </option>
                        ))}
                      </select>
                      <ErrorList id={field.errorId} errors={field.errors} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
        <div className="actions">
          <button type="submit">{t("settings.save")}</button>
          <Link to="/notifications">{t("settings.inboxLink")}</Link>
        </div>
      </Form>
    </section>
  );
}
