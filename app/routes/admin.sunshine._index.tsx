import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, ErrorSummary, Field, FormErrors } from "~/components/form";
import { requireRole } from "~/modules/auth/index.server";
import { MISSOURI_DEFAULTS, noticeRuleKey } from "~/modules/sunshine";
import { sunshineRules, updateSunshineSettings } from "~/modules/sunshine/index.server";
import { SettingsSchema } from "~/modules/sunshine/schemas";
import { SunshineAdminNav } from "~/modules/sunshine/ui/admin-nav";
import { setFlash } from "~/utils/flash.server";
import { readFormData } from "~/utils/forms.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "openMeetingsRules", "admin");

export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "admin");
  const rules = await sunshineRules();
  return json({ rules: { ...rules, updatedAt: rules.updatedAt ? String(rules.updatedAt) : null }, ruleKey: noticeRuleKey(rules), defaults: MISSOURI_DEFAULTS });
}

export async function action(args: ActionFunctionArgs) {
  const user = requireRole(args, "admin");
  const submission = parseWithZod(await readFormData(args.request), { schema: SettingsSchema });
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  await updateSunshineSettings(user, submission.value, { ip: args.context.clientIp });
  return redirect("/admin/sunshine", { headers: { "Set-Cookie": await setFlash({ key: "sunshine:admin.saved" }) } });
}

export default function SunshineSettingsPage() {
  const { t } = useTranslation("sunshine");
  const { rules, ruleKey, defaults } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>()?.result;
  const [form, fields] = useForm({
    id: "sunshine-settings",
    lastResult: result,
    defaultValue: {
      noticeHours: String(rules.noticeHours),
      recordsBusinessDays: String(rules.recordsBusinessDays),
      weekendsCount: rules.weekendsCount ? "on" : undefined,
      holidaysCount: rules.holidaysCount ? "on" : undefined,
    },
  });
  return (
    <section>
      <h1>{t("admin.title")}</h1>
      <SunshineAdminNav />
      <ErrorSummary error={result?.error} />
      <p className="lead">{t("admin.lead")}</p>
      <div className="card">
        <h2>{t("admin.inForce")}</h2>
        <ul>
          <li>{t("admin.noticeNow", { rule: t(ruleKey, { hours: rules.noticeHours }) })}</li>
          <li>{t("admin.recordsNow", { count: rules.recordsBusinessDays })}</li>
          <li>{t("admin.closedNow")}</li>
          <li>{t("admin.rollCallNow")}</li>
        </ul>
        <p className="muted">{t("admin.missouri", { hours: defaults.noticeHours, days: defaults.recordsBusinessDays })}</p>
      </div>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <h2>{t("admin.change")}</h2>
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field label={t("admin.noticeHours")} field={fields.noticeHours} type="number" hint={t("admin.noticeHoursHint")} inputProps={{ min: 0, max: 720 }} />
        <CheckboxField label={t("admin.weekendsCount")} field={fields.weekendsCount} />
        <CheckboxField label={t("admin.holidaysCount")} field={fields.holidaysCount} />
        <Field
          label={t("admin.recordsBusinessDays")}
          field={fields.recordsBusinessDays}
          type="number"
          hint={t("admin.recordsBusinessDaysHint")}
          inputProps={{ min: 1, max: 60 }}
        />
        <div>
          <button type="submit">{t("admin.save")}</button>
        </div>
      </Form>
    </section>
  );
}
