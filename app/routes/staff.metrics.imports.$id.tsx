import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRevalidator } from "@remix-run/react";
import { ConfirmStep } from "~/components/confirm-step";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/modules/auth/index.server";
import { confirmImport, discardImport, getImport } from "~/modules/metrics/index.server";
import { formatDateTime } from "~/utils/clock";
import { badRequest, notFound } from "~/utils/errors";
import { setFlash } from "~/utils/flash.server";
import { readFormData } from "~/utils/forms.server";
import { pageTitle } from "~/i18n/meta";

const RUNNING = new Set(["validating", "queued", "importing"]);

// Without JavaScript the page refreshes itself while the import runs.
export const meta: MetaFunction<typeof loader> = (args) => [
  ...pageTitle(args, "import", "staff"),
  ...(args.data && RUNNING.has(args.data.imp.status) ? [{ httpEquiv: "refresh", content: "2" }] : []),
];

export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "csu_staff");
  const imp = await getImport(args.params.id ?? "");
  if (!imp) notFound();
  return json({ imp });
}

export async function action(args: ActionFunctionArgs) {
  const user = requireRole(args, "csu_staff");
  const id = args.params.id ?? "";
  const imp = await getImport(id);
  if (!imp) notFound();
  const form = await readFormData(args.request);
  const intent = form.get("intent");
  if (intent === "confirm") {
    await confirmImport(id, user.id, args.context.clientIp);
    return redirect(`/staff/metrics/imports/${id}`, { headers: { "Set-Cookie": await setFlash({ key: "metrics:importStatus.confirmed" }) } });
  }
  if (intent === "discard") {
    // Only an upload not yet published can be discarded (the service checks again under the write); say so rather than pretend.
    const refused = async () =>
      redirect(`/staff/metrics/imports/${id}`, { headers: { "Set-Cookie": await setFlash({ key: "metrics:importStatus.notDiscardable" }) } });
    if (imp.status !== "ready" && imp.status !== "invalid") return refused();
    // The uploaded file is not kept once discarded: ask before losing it.
    if (form.get("confirm") !== "yes") return json({ confirmDiscard: true });
    if (!(await discardImport(id, user.id, args.context.clientIp))) return refused();
    return redirect("/staff/metrics", { headers: { "Set-Cookie": await setFlash({ key: "metrics:importStatus.discardedFlash" }) } });
  }
  badRequest();
}

export default function ImportStatus() {
  const { imp } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation("metrics");
  const revalidator = useRevalidator();
  const running = RUNNING.has(imp.status);
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 1500);
    return () => clearInterval(timer);
  }, [running, revalidator]);
  const nf = (n: number) => n.toLocaleString(i18n.language === "es" ? "es-US" : "en-US");
  const start = imp.periodStart.slice(0, 7);
  const end = imp.periodEnd.slice(0, 7);
  const total = imp.status === "importing" || imp.status === "queued" ? imp.summary.after : imp.totalRows;
  return (
    <section>
      <p>
        <Link to="/staff/metrics">{t("importStatus.back")}</Link>
      </p>
      <h1>{t("importStatus.title", { file: imp.fileName })}</h1>
      {actionData?.confirmDiscard ? (
        <ConfirmStep
          message={t("importStatus.discardConfirm", { file: imp.fileName })}
          fields={{ intent: "discard" }}
          confirmLabel={t("importStatus.discardYes")}
          cancelLabel={t("importStatus.keep")}
          cancelTo={`/staff/metrics/imports/${imp.id}`}
        />
      ) : null}
      <p>
        {t("importStatus.period", { start, end })} ·{" "}
        {t("importStatus.uploaded", { who: imp.uploadedByName ?? "—", when: formatDateTime(imp.createdAt, i18n.language) })}
      </p>
      <p>{t("importStatus.rows", { count: imp.totalRows, formatted: nf(imp.totalRows) })}</p>

      <div aria-live="polite" className="import-status" data-status={imp.status}>
        <p>
          <span className="badge">{t(`staff.statuses.${imp.status}`)}</span>
        </p>
        {running ? (
          <>
            <label htmlFor="import-progress">{t("importStatus.progressLabel")}</label>
            <progress id="import-progress" max={Math.max(1, total)} value={imp.processedRows}>
              {nf(imp.processedRows)}
            </progress>
            <p>{imp.status === "queued" ? t("importStatus.queued") : t("importStatus.progressText", { done: nf(imp.processedRows), total: nf(total) })}</p>
            <p className="hint">{t("importStatus.refreshNote")}</p>
          </>
        ) : null}
        {imp.status === "completed" ? (
          <div className="alert alert-success">
            <h2>{t("importStatus.completedTitle")}</h2>
            <p>{t("importStatus.completedText", { before: nf(imp.summary.before), after: nf(imp.summary.after) })}</p>
          </div>
        ) : null}
        {imp.status === "failed" ? (
          <div className="alert alert-error">
            <h2>{t("importStatus.failedTitle")}</h2>
            <p>{imp.failureMessage}</p>
          </div>
        ) : null}
        {imp.status === "discarded" ? <p>{t("importStatus.discarded")}</p> : null}
      </div>

      {imp.status === "invalid" ? (
        <>
          <div className="alert alert-error" role="alert">
            <h2>{t("importStatus.invalidTitle")}</h2>
            <p>{t("importStatus.invalidText", { count: imp.errorCount })}</p>
            {imp.errorCount > imp.errors.length ? <p>{t("importStatus.listedOnly", { count: imp.errors.length })}</p> : null}
          </div>
          <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="errors-caption">
            <table className="import-errors">
              <caption id="errors-caption">{t("importStatus.errorsCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("importStatus.row")}</th>
                  <th scope="col">{t("importStatus.column")}</th>
                  <th scope="col">{t("importStatus.problem")}</th>
                </tr>
              </thead>
              <tbody>
                {imp.errors.map((e, i) => (
                  <tr key={`${e.row}-${e.column}-${i}`} data-row={e.row}>
                    <td>{e.row}</td>
                    <td>
                      <code>{e.column || "—"}</code>
                    </td>
                    <td>{t(e.message)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}

      {imp.status === "ready" || imp.status === "completed" || imp.status === "queued" || imp.status === "importing" ? (
        <>
          {imp.status === "ready" ? (
            <>
              <h2>{t("importStatus.readyTitle")}</h2>
              <p>{t("importStatus.readyText", { start, end, before: nf(imp.summary.before), after: nf(imp.summary.after) })}</p>
            </>
          ) : null}
          <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="preview-caption">
            <table>
              <caption id="preview-caption">{t("importStatus.previewCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("importStatus.month")}</th>
                  <th scope="col">{t("importStatus.before")}</th>
                  <th scope="col">{t("importStatus.after")}</th>
                </tr>
              </thead>
              <tbody>
                {imp.summary.months.map((m) => (
                  <tr key={m.month}>
                    <th scope="row">{m.month}</th>
                    <td>{nf(m.before)}</td>
                    <td>{nf(m.after)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {imp.status === "ready" ? (
            <div className="actions">
              <Form method="post">
                <button type="submit" name="intent" value="confirm">
                  {t("importStatus.confirm")}
                </button>
              </Form>
              <Form method="post">
                <button type="submit" name="intent" value="discard" className="secondary">
                  {t("importStatus.discard")}
                </button>
              </Form>
            </div>
          ) : null}
        </>
      ) : null}
      {imp.status === "invalid" ? (
        <Form method="post">
          <button type="submit" name="intent" value="discard" className="secondary">
            {t("importStatus.discard")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
