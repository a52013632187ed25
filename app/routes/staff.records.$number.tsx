import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ExportOptions } from "~/modules/records/ui/export-options";
import { useTranslation } from "react-i18next";
import { ErrorSummary, FormErrors, TextAreaField } from "~/components/form";
import { requireRole } from "~/modules/auth/index.server";
import { sunshineRules } from "~/modules/sunshine/index.server";
import { getRecordsRequest, markRecordsRequestAnswered } from "~/modules/records/index.server";
import { AnswerSchema } from "~/modules/records/schemas";
import { formatDate, formatDateTime } from "~/utils/clock";
import { notFound } from "~/utils/errors";
import { setFlash } from "~/utils/flash.server";
import { domainErrorReply, readFormData, readIntent } from "~/utils/forms.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, { text: `RR-${args.data?.request.number ?? ""}` }, "recordsRequests");

function numberParam(raw: string | undefined) {
  const n = /^\d{1,9}$/.test(raw ?? "") ? Number(raw) : NaN;
  return Number.isSafeInteger(n) ? n : notFound();
}

export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "csu_staff");
  const request = await getRecordsRequest(numberParam(args.params.number));
  if (!request) notFound();
  return json({ request, recordsDays: (await sunshineRules()).recordsBusinessDays });
}

export async function action(args: ActionFunctionArgs) {
  const user = requireRole(args, "csu_staff");
  const number = numberParam(args.params.number);
  if (!(await getRecordsRequest(number))) notFound();
  const formData = await readFormData(args.request);
  readIntent(formData, ["answer"]);
  const submission = parseWithZod(formData, { schema: AnswerSchema });
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  try {
    await markRecordsRequestAnswered(number, submission.value.answerNote, { id: user.id, ipAddress: args.context.clientIp });
  } catch (error) {
    const { result, status } = domainErrorReply(submission, error);
    return json({ result }, { status });
  }
  return redirect(`/staff/records/${number}`, { headers: { "Set-Cookie": await setFlash({ key: "records:flash.answered" }) } });
}

export default function RecordsRequestPage() {
  const { t, i18n } = useTranslation("records");
  const { request: r, recordsDays } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({ id: "answer", lastResult: actionData?.result });
  const lng = i18n.language;
  const exportQuery = (download: boolean) => `from=${r.periodFrom}&to=${r.periodTo}${download ? "&download=1" : ""}`;
  return (
    <section>
      <p>
        <Link to="/staff/records">{t("detail.back")}</Link>
      </p>
      <h1>{t("detail.title", { number: r.number })}</h1>
      <ErrorSummary error={actionData?.result?.error} />
      <dl className="summary-list">
        <div>
          <dt>{t("detail.requester")}</dt>
          <dd>{r.requesterName}</dd>
        </div>
        <div>
          <dt>{t("detail.contact")}</dt>
          <dd>{r.requesterContact}</dd>
        </div>
        <div>
          <dt>{t("detail.description")}</dt>
          <dd style={{ whiteSpace: "pre-wrap" }}>{r.description}</dd>
        </div>
        <div>
          <dt>{t("detail.received")}</dt>
          <dd>{formatDateTime(r.receivedAt, lng, { zoneName: true })}</dd>
        </div>
        <div>
          <dt>{t("detail.period")}</dt>
          <dd>{t("detail.periodValue", { from: formatDate(r.periodFrom, lng, "long"), to: formatDate(r.periodTo, lng, "long") })}</dd>
        </div>
        <div>
          <dt>{t("detail.due")}</dt>
          <dd>
            <strong>{formatDate(r.dueOn, lng, "full")}</strong>
            <br />
            <span className="hint">{t("detail.dueExplained", { day: formatDate(r.dueOn, lng, "long"), days: recordsDays })}</span>
          </dd>
        </div>
        <div>
          <dt>{t("detail.answered")}</dt>
          <dd>
            {r.answeredAt
              ? t("detail.answeredValue", { when: formatDateTime(r.answeredAt, lng, { zoneName: true }), name: r.answeredByName ?? "—" })
              : t("detail.notAnswered")}
            {r.answerNote ? (
              <>
                <br />
                {t("detail.answerNote")}: {r.answerNote}
              </>
            ) : null}
          </dd>
        </div>
      </dl>
      <p className="hint">{t("detail.loggedBy", { name: r.createdByName ?? "—", when: formatDateTime(r.createdAt, lng) })}</p>

      <h2>{t("detail.exportHeading")}</h2>
      <p>{t("detail.exportLead")}</p>
      <Form method="get" action="/staff/records/export" className="stack" reloadDocument>
        <input type="hidden" name="from" value={r.periodFrom} />
        <input type="hidden" name="to" value={r.periodTo} />
        <ExportOptions defaultLanguage={lng === "es" ? "es" : "en"} submitLabel={t("detail.exportOpen")} />
      </Form>
      <p className="hint">
        <a href={`/staff/records/export.html?${exportQuery(false)}`}>{`/staff/records/export.html?${exportQuery(false)}`}</a>
      </p>

      {r.answeredAt ? null : (
        <>
          <h2>{t("detail.answerHeading")}</h2>
          <Form method="post" className="stack" {...getFormProps(form)}>
            <FormErrors errors={form.errors} id={form.errorId} />
            <input type="hidden" name="intent" value="answer" />
            <TextAreaField label={t("detail.answerNoteLabel")} hint={t("detail.answerNoteHint")} field={fields.answerNote} textareaProps={{ rows: 3 }} />
            <div>
              <button type="submit">{t("detail.answerSubmit")}</button>
            </div>
          </Form>
        </>
      )}
    </section>
  );
}
