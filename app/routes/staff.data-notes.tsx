import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, TextAreaField } from "~/components/form";
import { requireRole } from "~/modules/auth/index.server";
import { getDataNotes, saveDataNotes } from "~/modules/metrics/index.server";
import { DataNotesSchema } from "~/modules/metrics/schemas";
import { setFlash } from "~/utils/flash.server";
import { readFormData } from "~/utils/forms.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "dataNotes", "staff");

export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "csu_staff");
  return json({ notes: await getDataNotes() });
}

export async function action(args: ActionFunctionArgs) {
  const user = requireRole(args, "csu_staff");
  const submission = parseWithZod(await readFormData(args.request), { schema: DataNotesSchema });
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  await saveDataNotes(submission.value, { id: user.id, ipAddress: args.context.clientIp });
  return redirect("/staff/data-notes", { headers: { "Set-Cookie": await setFlash({ key: "opendata:staffNotes.saved" }) } });
}

export default function StaffDataNotes() {
  const { t } = useTranslation("opendata");
  const { notes } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "data-notes",
    lastResult: actionData?.result,
    defaultValue: { limitationsEn: notes.limitationsEn, limitationsEs: notes.limitationsEs },
  });
  return (
    <section>
      <h1>{t("staffNotes.title")}</h1>
      <p className="lead">{t("staffNotes.lead")}</p>
      <ErrorSummary error={actionData?.result?.error} />
      <Form method="post" className="stack" {...getFormProps(form)}>
        <TextAreaField label={t("staffNotes.en")} field={fields.limitationsEn} textareaProps={{ rows: 10, lang: "en" }} />
        <TextAreaField label={t("staffNotes.es")} field={fields.limitationsEs} textareaProps={{ rows: 10, lang: "es" }} />
        <div>
          <button type="submit">{t("staffNotes.save")}</button>
        </div>
      </Form>
      <p>
        <Link to="/data/notes">{t("staffNotes.view")}</Link>
      </p>
    </section>
  );
}
