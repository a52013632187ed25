import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, Field, FormErrors, TextAreaField } from "~/components/form";
import { requireRole } from "~/modules/auth/index.server";
import { listClosedExceptions, saveClosedException, setClosedExceptionActive } from "~/modules/sunshine/index.server";
import { ExceptionsSchema } from "~/modules/sunshine/schemas";
import { SunshineAdminNav } from "~/modules/sunshine/ui/admin-nav";
import { setFlash } from "~/utils/flash.server";
import { domainErrorReply, readFormData, readIntent } from "~/utils/forms.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "closedExceptions", "admin");

export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "admin");
  return json({ exceptions: await listClosedExceptions() });
}

export async function action(args: ActionFunctionArgs) {
  const user = requireRole(args, "admin");
  const formData = await readFormData(args.request);
  const intent = readIntent(formData, ["save", "retire", "restore"]);
  const submission = parseWithZod(formData, { schema: ExceptionsSchema });
  if (submission.status !== "success") return json({ intent, result: submission.reply() }, { status: 400 });
  const v = submission.value;
  const ctx = { ip: args.context.clientIp };
  try {
    if (v.intent === "save") await saveClosedException(user, v, ctx);
    else await setClosedExceptionActive(user, v.code, v.intent === "restore", ctx);
  } catch (error) {
    const { result, status } = domainErrorReply(submission, error);
    return json({ intent, result }, { status });
  }
  return redirect("/admin/sunshine/exceptions", { headers: { "Set-Cookie": await setFlash({ key: `sunshine:exceptions.flash_${v.intent}` }) } });
}

export default function ExceptionsPage() {
  const { t, i18n } = useTranslation("sunshine");
  const { exceptions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({ id: "exception", lastResult: actionData?.intent === "save" ? actionData.result : undefined });
  const es = i18n.language.startsWith("es");
  return (
    <section>
      <h1>{t("exceptions.title")}</h1>
      <SunshineAdminNav />
      <ErrorSummary error={actionData?.result?.error} />
      <p className="lead">{t("exceptions.lead")}</p>
      <ul className="stack exception-list">
        {exceptions.map((e) => (
          <li key={e.code} className="card">
            <h2 className="h3">
              {e.citation}: {es ? e.titleEs : e.titleEn} {!e.active ? <span className="badge">{t("exceptions.retired")}</span> : null}
            </h2>
            <p>{es ? e.descriptionEs : e.descriptionEn}</p>
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value={e.active ? "retire" : "restore"} />
              <input type="hidden" name="code" value={e.code} />
              <button
                type="submit"
                className="secondary small"
                aria-label={t(e.active ? "exceptions.retireLabel" : "exceptions.restoreLabel", { citation: e.citation })}
              >
                {t(e.active ? "exceptions.retire" : "exceptions.restore")}
              </button>
            </Form>
          </li>
        ))}
      </ul>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <h2>{t("exceptions.add")}</h2>
        <p className="hint">{t("exceptions.addHelp")}</p>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="save" />
        <Field label={t("exceptions.code")} field={fields.code} hint={t("exceptions.codeHint")} />
        <Field label={t("exceptions.citation")} field={fields.citation} hint={t("exceptions.citationHint")} />
        <Field label={t("exceptions.titleEn")} field={fields.titleEn} />
        <Field label={t("exceptions.titleEs")} field={fields.titleEs} />
        <TextAreaField label={t("exceptions.descriptionEn")} field={fields.descriptionEn} textareaProps={{ rows: 3 }} />
        <TextAreaField label={t("exceptions.descriptionEs")} field={fields.descriptionEs} textareaProps={{ rows: 3 }} />
        <div>
          <button type="submit">{t("exceptions.save")}</button>
        </div>
      </Form>
    </section>
  );
}
