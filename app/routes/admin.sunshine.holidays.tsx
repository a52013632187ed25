import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, Field, FormErrors } from "~/components/form";
import { TableWrap } from "~/components/table-wrap";
import { requireRole } from "~/modules/auth/index.server";
import { requestLocale } from "~/modules/meetings/index.server";
import { addHoliday, listHolidays, removeHoliday } from "~/modules/sunshine/index.server";
import { HolidaysSchema } from "~/modules/sunshine/schemas";
import { SunshineAdminNav } from "~/modules/sunshine/ui/admin-nav";
import { countyToday, formatDate } from "~/utils/clock";
import { setFlash } from "~/utils/flash.server";
import { domainErrorReply, readFormData, readIntent } from "~/utils/forms.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "holidays", "admin");

export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "admin");
  const locale = await requestLocale(args.request, args.context);
  const today = countyToday();
  const all = await listHolidays();
  // The coming holidays first: past ones stay on the calendar (old deadlines were counted with them).
  return json({
    holidays: all.map((h) => ({ ...h, date: formatDate(h.day, locale, "full"), past: h.day < today })),
  });
}

export async function action(args: ActionFunctionArgs) {
  const user = requireRole(args, "admin");
  const formData = await readFormData(args.request);
  const intent = readIntent(formData, ["add", "remove"]);
  const submission = parseWithZod(formData, { schema: HolidaysSchema });
  if (submission.status !== "success") return json({ intent, result: submission.reply() }, { status: 400 });
  const v = submission.value;
  try {
    if (v.intent === "add") await addHoliday(user, v, { ip: args.context.clientIp });
    else await removeHoliday(user, v.day, { ip: args.context.clientIp });
  } catch (error) {
    const { result, status } = domainErrorReply(submission, error);
    return json({ intent, result }, { status });
  }
  return redirect("/admin/sunshine/holidays", {
    headers: { "Set-Cookie": await setFlash({ key: v.intent === "add" ? "sunshine:holidays.added" : "sunshine:holidays.removed" }) },
  });
}

export default function HolidaysPage() {
  const { t, i18n } = useTranslation("sunshine");
  const { holidays } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({ id: "holiday", lastResult: actionData?.intent === "add" ? actionData.result : undefined });
  const es = i18n.language.startsWith("es");
  const coming = holidays.filter((h) => !h.past);
  return (
    <section>
      <h1>{t("holidays.title")}</h1>
      <SunshineAdminNav />
      <ErrorSummary error={actionData?.result?.error} />
      <p className="lead">{t("holidays.lead")}</p>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <h2>{t("holidays.add")}</h2>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="add" />
        <Field label={t("holidays.day")} field={fields.day} type="date" />
        <Field label={t("holidays.nameEn")} field={fields.nameEn} />
        <Field label={t("holidays.nameEs")} field={fields.nameEs} />
        <div>
          <button type="submit">{t("holidays.addSubmit")}</button>
        </div>
      </Form>
      <h2>{t("holidays.coming", { count: coming.length })}</h2>
      <TableWrap label={t("holidays.caption")}>
        <table>
          <caption>{t("holidays.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("holidays.day")}</th>
              <th scope="col">{t("holidays.name")}</th>
              <th scope="col">{t("holidays.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {coming.map((h) => (
              <tr key={h.day}>
                <td>{h.date}</td>
                <td>{es ? h.nameEs : h.nameEn}</td>
                <td>
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="day" value={h.day} />
                    <button type="submit" className="secondary small" aria-label={t("holidays.removeLabel", { name: es ? h.nameEs : h.nameEn, date: h.date })}>
                      {t("holidays.remove")}
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}
