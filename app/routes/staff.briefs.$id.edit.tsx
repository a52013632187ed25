import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "~/components/form";
import { TableWrap } from "~/components/table-wrap";
import { requireRole } from "~/modules/auth/index.server";
import { getBrief, listRevisions, nudgeUnopened, publishBrief, readBriefForm, receiptsFor, sendToCabReview, updateBrief } from "~/modules/briefs/index.server";
import { BriefWorkflowSchema } from "~/modules/briefs/schemas";
import { BriefForm } from "~/modules/briefs/ui/brief-form";
import { formatDateTime } from "~/utils/clock";
import { notFound } from "~/utils/errors";
import { setFlash } from "~/utils/flash.server";
import { readFormData, readIntent, refusalOf } from "~/utils/forms.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, args.data ? { text: args.data.brief.title } : "brief", "staff");

export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "csu_staff");
  const brief = await getBrief(args.params.id ?? "");
  if (!brief) notFound();
  const [revisions, receipts] = await Promise.all([listRevisions(brief.id), receiptsFor(brief.id)]);
  return json({ brief, revisions, receipts });
}

type WorkflowData = { workflow: { intent: string; error: string } };

export async function action(args: ActionFunctionArgs) {
  const user = requireRole(args, "csu_staff");
  const brief = await getBrief(args.params.id ?? "");
  if (!brief) notFound();
  const meta = { ip: args.context.clientIp };
  const formData = await readFormData(args.request);
  const intent = readIntent(formData, ["save", "cab_review", "publish", "nudge"], "save");
  const done = async (key: string, values?: Record<string, string | number>) =>
    redirect(`/staff/briefs/${brief.id}/edit`, { headers: { "Set-Cookie": await setFlash({ key, values }) } });
  try {
    if (intent === "save" || !intent) {
      const form = readBriefForm(formData);
      if (!form.ok) return form.response;
      if (brief.status === "public" && !form.values.reason) {
        return json({ result: form.submission.reply({ fieldErrors: { reason: ["briefs:errors.reasonRequired"] }, hideFields: ["body"] }) }, { status: 400 });
      }
      await updateBrief(user, brief.id, form.values, form.body, meta);
      return done("briefs:flash.saved");
    }
    const workflow = parseWithZod(formData, { schema: BriefWorkflowSchema });
    if (workflow.status !== "success") {
      const error = Object.values(workflow.error ?? {}).flat()[0] ?? "common:errors.invalid";
      return json<WorkflowData>({ workflow: { intent: String(intent), error } }, { status: 400 });
    }
    const v = workflow.value;
    switch (v.intent) {
      case "cab_review": {
        const { delivered } = await sendToCabReview(user, brief.id, v.embargoUntil, meta);
        return done("briefs:flash.sentToCab", { count: delivered });
      }
      case "publish": {
        const { scheduled, delivered } = await publishBrief(user, brief.id, v.publishAt, meta);
        if (scheduled) return done("briefs:flash.scheduled");
        // Members who had it for review are not told twice: say so, instead of "0 members notified".
        if (delivered === 0) return done(brief.sentToCabAt ? "briefs:flash.publishedAfterReview" : "briefs:flash.publishedNobody");
        return done("briefs:flash.published", { count: delivered });
      }
      case "nudge": {
        const count = await nudgeUnopened(user, brief.id, meta);
        return done("briefs:flash.nudged", { count });
      }
    }
  } catch (error) {
    const refusal = refusalOf(error);
    return json<WorkflowData>({ workflow: { intent: String(intent), error: refusal.key } }, { status: refusal.status });
  }
}

function WorkflowError({ intent }: { intent: string }) {
  const data = useActionData<typeof action>() as WorkflowData | undefined;
  if (!data || !("workflow" in data) || data.workflow.intent !== intent) return null;
  return <ErrorList id={`${intent}-error`} errors={[data.workflow.error]} />;
}

export default function EditBrief() {
  const { t, i18n } = useTranslation("briefs");
  const { brief, revisions, receipts } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const result = data && "result" in data ? data.result : undefined;
  const lng = i18n.language;
  const opened = receipts.filter((r) => r.openedAt).length;
  const delivered = receipts.filter((r) => r.deliveredAt).length;
  const unopened = receipts.filter((r) => r.deliveredAt && !r.openedAt).length;
  return (
    <section>
      <p>
        <Link to="/staff/briefs">{t("staff.back")}</Link>
      </p>
      <h1>{t("staff.editTitle", { title: brief.title })}</h1>
      <p>
        <span className="badge">{t(`status.${brief.status}`)}</span>{" "}
        {brief.status !== "draft" ? <Link to={`/briefs/${brief.slug}`}>{t("staff.view")}</Link> : null}
        {brief.publishAt ? <span className="muted"> · {t("staff.publishesAt", { when: formatDateTime(brief.publishAt, lng) })}</span> : null}
      </p>

      <div className="brief-edit-grid">
        <div>
          <h2>{t("staff.contentHeading")}</h2>
          {brief.status === "public" ? <p className="alert alert-info">{t("staff.publicEditNote")}</p> : null}
          <BriefForm
            key={brief.revisionCount}
            lastResult={result}
            needsReason={brief.status === "public"}
            submitLabel={t("form.save")}
            defaults={{
              title: brief.title,
              summary: brief.summary,
              topics: brief.topics.join(", "),
              periodStart: brief.periodStart ?? "",
              periodEnd: brief.periodEnd ?? "",
              bodyJson: brief.bodyJson,
            }}
          />
        </div>
        <aside aria-labelledby="workflow-heading">
          <h2 id="workflow-heading">{t("staff.workflowHeading")}</h2>
          {brief.status === "draft" ? (
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="cab_review" />
              <div className="field">
                <label htmlFor="embargoUntil">{t("staff.embargoUntil")}</label>
                <p className="hint" id="embargoUntil-hint">
                  {t("staff.embargoHint")}
                </p>
                <input id="embargoUntil" name="embargoUntil" type="datetime-local" aria-describedby="embargoUntil-hint" />
              </div>
              <WorkflowError intent="cab_review" />
              <button type="submit">{t("staff.sendToCab")}</button>
            </Form>
          ) : null}
          {brief.status !== "public" ? (
            <>
              <Form method="post" className="stack">
                <input type="hidden" name="intent" value="publish" />
                <WorkflowError intent="publish" />
                <button type="submit">{t("staff.publishNow")}</button>
              </Form>
              <Form method="post" className="stack">
                <input type="hidden" name="intent" value="publish" />
                <div className="field">
                  <label htmlFor="publishAt">{t("staff.publishAt")}</label>
                  <input id="publishAt" name="publishAt" type="datetime-local" required />
                </div>
                <button type="submit" className="secondary">
                  {t("staff.schedule")}
                </button>
              </Form>
            </>
          ) : (
            <p>{t("staff.publishedOn", { when: formatDateTime(brief.publishedAt, lng) })}</p>
          )}
        </aside>
      </div>

      {brief.status !== "draft" ? (
        <section aria-labelledby="receipts-heading">
          <h2 id="receipts-heading">{t("staff.receiptsHeading")}</h2>
          <p aria-live="polite">{t("staff.receiptsSummary", { delivered, opened, total: receipts.length })}</p>
          <TableWrap>
            <table>
              <caption>{t("staff.receiptsCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("staff.member")}</th>
                  <th scope="col">{t("staff.delivered")}</th>
                  <th scope="col">{t("staff.opened")}</th>
                  <th scope="col">{t("staff.nudged")}</th>
                </tr>
              </thead>
              <tbody>
                {receipts.map((r) => (
                  <tr key={r.userId}>
                    <th scope="row">{r.name}</th>
                    <td>{r.deliveredAt ? formatDateTime(r.deliveredAt, lng) : t("staff.no")}</td>
                    <td>{r.openedAt ? formatDateTime(r.openedAt, lng) : t("staff.notYet")}</td>
                    <td>{r.nudgeCount ? t("staff.nudgedTimes", { count: r.nudgeCount }) : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <Form method="post">
            <input type="hidden" name="intent" value="nudge" />
            <WorkflowError intent="nudge" />
            <button type="submit" className="secondary" disabled={unopened === 0}>
              {t("staff.nudge", { count: unopened })}
            </button>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="revisions-heading">
        <h2 id="revisions-heading">{t("staff.revisionsHeading")}</h2>
        <ol reversed className="revision-list">
          {revisions.map((r) => (
            <li key={r.id}>
              {t("staff.revisionLine", { number: r.number, when: formatDateTime(r.createdAt, lng), author: r.authorName ?? "—" })}{" "}
              <span className="badge">{t(`status.${r.statusAtSave}`)}</span>
              {r.reason ? <span> — {r.reason}</span> : null}
            </li>
          ))}
        </ol>
        {revisions.length > 1 ? (
          // Keyed by the newest revision: after a save on this page the choice moves to the two newest.
          <Form key={revisions[0]!.number} method="get" action={`/staff/briefs/${brief.id}/compare`} className="inline-fields">
            <div className="field">
              <label htmlFor="compare-a">{t("staff.compareFrom")}</label>
              <select id="compare-a" name="a" defaultValue={revisions[1]!.number}>
                {revisions.map((r, i) => (
                  <option key={r.id} value={r.number}>
                    {i === 0 ? t("staff.revisionNewest", { number: r.number }) : r.number}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="compare-b">{t("staff.compareTo")}</label>
              <select id="compare-b" name="b" defaultValue={revisions[0]!.number}>
                {revisions.map((r, i) => (
                  <option key={r.id} value={r.number}>
                    {i === 0 ? t("staff.revisionNewest", { number: r.number }) : r.number}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="secondary">
              {t("staff.compare")}
            </button>
          </Form>
        ) : null}
      </section>
    </section>
  );
}
