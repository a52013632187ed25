import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, Field, FormErrors, TextAreaField } from "~/components/form";
import { requireRole } from "~/modules/auth/index.server";
import { sunshineRules } from "~/modules/sunshine/index.server";
import { listRecordsRequests, logRecordsRequest } from "~/modules/records/index.server";
import { RecordsRequestSchema } from "~/modules/records/schemas";
import { countyToday, formatDate, formatDateTime } from "~/utils/clock";
import { setFlash } from "~/utils/flash.server";
import { domainErrorReply, readFormData } from "~/utils/forms.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "recordsRequests", "staff");

export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "csu_staff");
  const [requests, rules] = await Promise.all([listRecordsRequests(), sunshineRules()]);
  return json({
    today: countyToday(),
    recordsDays: rules.recordsBusinessDays,
    requests: requests.map((r) => ({
      number: r.number,
      requesterName: r.requesterName,
      description: r.description,
      receivedAt: r.receivedAt,
      dueOn: r.dueOn,
      answeredAt: r.answeredAt,
    })),
  });
}

export async function action(args: ActionFunctionArgs) {
  const user = requireRole(args, "csu_staff");
  const formData = await readFormData(args.request);
  const submission = parseWithZod(formData, { schema: RecordsRequestSchema });
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  try {
    const row = await logRecordsRequest(submission.value, { id: user.id, ipAddress: args.context.clientIp });
    return redirect(`/staff/records/${row.number}`, {
      headers: { "Set-Cookie": await setFlash({ key: "records:flash.logged", values: { number: String(row.number), due: row.dueOn } }) },
    });
  } catch (error) {
    const { result, status } = domainErrorReply(submission, error);
    return json({ result }, { status });
  }
}

function StatusOf({ r, today }: { r: { dueOn: string; answeredAt: string | null }; today: string }) {
  const { t, i18n } = useTranslation("records");
  if (r.answeredAt) return <>{t("list.answeredOn", { when: formatDateTime(r.answeredAt, i18n.language) })}</>;
  if (r.dueOn < today) return <strong className="badge badge-warning">{t("list.overdue")}</strong>;
  if (r.dueOn === today) return <strong className="badge">{t("list.dueToday")}</strong>;
  return <>{t("list.open")}</>;
}

export default function RecordsRequests() {
  const { t, i18n } = useTranslation("records");
  const { requests, today, recordsDays } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({ id: "records-request", lastResult: actionData?.result, shouldRevalidate: "onBlur" });
  return (
    <section>
      <p>
        <Link to="/staff">{t("common:nav.staff")}</Link>
      </p>
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead", { days: recordsDays })}</p>
      <p className="hint">{t("privacyNote")}</p>

      <h2>{t("list.heading")}</h2>
      {requests.length === 0 ? (
        <p>{t("list.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("list.number")}</th>
                <th scope="col">{t("list.received")}</th>
                <th scope="col">{t("list.due")}</th>
                <th scope="col">{t("list.status")}</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((r) => (
                <tr key={r.number}>
                  <td>
                    <Link to={`/staff/records/${r.number}`}>RR-{r.number}</Link> · {r.requesterName}
                    <br />
                    <span className="hint">{r.description.length > 140 ? `${r.description.slice(0, 140)}…` : r.description}</span>
                  </td>
                  <td>{formatDateTime(r.receivedAt, i18n.language)}</td>
                  <td>{formatDate(r.dueOn, i18n.language)}</td>
                  <td>
                    <StatusOf r={r} today={today} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>
        <Link to="/staff/records/export">{t("exportPage.title")}</Link>
      </p>

      <h2 id="log">{t("log.heading")}</h2>
      <ErrorSummary error={actionData?.result?.error} />
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors errors={form.errors} id={form.errorId} />
        <Field label={t("log.requesterName")} hint={t("log.requesterNameHint")} field={fields.requesterName} inputProps={{ autoComplete: "off" }} />
        <Field label={t("log.requesterContact")} hint={t("log.requesterContactHint")} field={fields.requesterContact} inputProps={{ autoComplete: "off" }} />
        <TextAreaField label={t("log.description")} hint={t("log.descriptionHint")} field={fields.description} textareaProps={{ rows: 4 }} />
        <Field label={t("log.receivedAt")} hint={t("log.receivedAtHint")} field={fields.receivedAt} type="datetime-local" />
        <Field label={t("log.periodFrom")} hint={t("log.periodHint")} field={fields.periodFrom} type="date" />
        <Field label={t("log.periodTo")} field={fields.periodTo} type="date" />
        <div>
          <button type="submit">{t("log.submit")}</button>
        </div>
      </Form>
    </section>
  );
}
