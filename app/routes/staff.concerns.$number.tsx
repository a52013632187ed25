import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "~/components/form";
import { requireRole } from "~/modules/auth/index.server";
import { formatTrackingCode, NEXT_STATUSES, publicLocationLabel, publicNoteText } from "~/modules/concerns";
import { countyDay } from "~/utils/clock";
import { changeStatus, concernForStaff, concernIdByNumber, mergeDuplicate, redactDescription, setHidden } from "~/modules/concerns/index.server";
import { StaffConcernSchema } from "~/modules/concerns/schemas";
import { documentationForConcern, documentConcern, policyInForce } from "~/modules/policies/index.server";
import { formatDateTime } from "~/utils/clock";
import { notFound } from "~/utils/errors";
import { setFlash } from "~/utils/flash.server";
import { readFormData, readIntent } from "~/utils/forms.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "concern", "staff");

function numberParam(value: string | undefined) {
  if (!value || !/^\d{1,9}$/.test(value)) notFound();
  return Number(value);
}

export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "csu_staff");
  const number = numberParam(args.params.number);
  const data = await concernForStaff(number);
  if (!data) notFound();
  const observedDay = countyDay(data.concern.observedAt);
  const documentation = await documentationForConcern(data.concern.id);
  const policy = documentation ? null : await policyInForce("documented_concern", observedDay);
  return json({ ...data, documentation, observedDay, policy, next: NEXT_STATUSES[data.concern.status] });
}

const ERRORS: Record<string, string> = {
  not_found: "concerns:errors.notFound",
  bad_transition: "concerns:errors.badTransition",
  self: "concerns:errors.self",
  already_merged: "concerns:errors.alreadyMerged",
  bad_target: "concerns:errors.badTarget",
  no_policy: "concerns:errors.noPolicy",
  policy_changed: "concerns:errors.policyChanged",
  incomplete: "concerns:errors.incomplete",
  bad_status: "concerns:errors.badStatus",
};

export async function action(args: ActionFunctionArgs) {
  const user = requireRole(args, "csu_staff");
  const number = numberParam(args.params.number);
  // A concern that is not there is a 404 for every form, as for the page (not a 400 per intent).
  if (!(await concernIdByNumber(number))) notFound();
  const actor = { id: user.id, ipAddress: args.context.clientIp };
  const formData = await readFormData(args.request);
  // An intent that is none of the page's forms is a 400 page (readIntent), not errors for a form the page lacks.
  const intent = readIntent(formData, ["status", "merge", "redact", "hide", "unhide", "document"]);
  const submission = parseWithZod(formData, { schema: StaffConcernSchema });
  if (submission.status !== "success") return json({ intent, result: submission.reply() as Record<string, unknown> }, { status: 400 });
  const v = submission.value;
  let outcome: { ok: boolean; error?: string; citationNumber?: string };
  let flash = "";
  switch (v.intent) {
    case "status":
      outcome = await changeStatus(number, { status: v.status, publicNote: v.publicNote, internalNote: v.internalNote }, actor);
      flash = "concerns:staff.flash.status";
      break;
    case "merge":
      outcome = await mergeDuplicate(number, v.target, v.publicNote, actor);
      flash = "concerns:staff.flash.merged";
      break;
    case "redact":
      outcome = await redactDescription(number, v.description, v.reason, actor);
      flash = "concerns:staff.flash.redacted";
      break;
    case "hide":
    case "unhide":
      outcome = await setHidden(number, v.intent === "hide", v.reason, actor);
      flash = v.intent === "hide" ? "concerns:staff.flash.hidden" : "concerns:staff.flash.unhidden";
      break;
    case "document":
      outcome = await documentConcern({ number, policyVersionId: v.policyVersionId, checked: v.checklist ?? [], publicNote: v.publicNote }, actor);
      flash = "concerns:staff.flash.documented";
      break;
  }
  if (!outcome.ok) {
    return json(
      { intent, result: submission.reply({ formErrors: [ERRORS[outcome.error ?? ""] ?? "common:errors.invalid"] }) as Record<string, unknown> },
      { status: 400 },
    );
  }
  return redirect(`/staff/concerns/${number}`, {
    headers: { "Set-Cookie": await setFlash({ key: flash, values: outcome.citationNumber ? { number: outcome.citationNumber } : undefined }) },
  });
}

type Reply = { formErrors?: string[]; error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> } | undefined;

export default function StaffConcernPage() {
  const { t, i18n } = useTranslation("concerns");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { concern, kind, history, corroborations, merged, documentation, policy, next } = data;
  const lng = i18n.language;
  const replyFor = (intent: string) => (actionData?.intent === intent ? (actionData.result as Reply) : undefined);
  const errs = (intent: string, field: string) => replyFor(intent)?.error?.[field] ?? null;
  const typed = (intent: string, field: string, fallback = "") => {
    const v = replyFor(intent)?.initialValue?.[field];
    return typeof v === "string" ? v : fallback;
  };
  const formErrors = (intent: string) => {
    const r = replyFor(intent);
    const list = [...(r?.formErrors ?? []), ...(r?.error?.[""] ?? [])];
    return list.length ? (
      <div className="alert alert-error" role="alert">
        {list.map((e) => (
          <p key={e}>{t(e)}</p>
        ))}
      </div>
    ) : null;
  };
  // A refused form that is not on the page in this state (e.g. "hide" when the concern is already
  // hidden): its errors, all of them, at the top, since no field of it is there to show them.
  const shown: Record<string, boolean> = {
    document: !documentation && Boolean(policy) && ["received", "under_review"].includes(concern.status) && !concern.duplicateOfId,
    status: next.length > 0,
    merge: !concern.duplicateOfId,
    redact: true,
    hide: !concern.hidden,
    unhide: concern.hidden,
  };
  const orphanErrors =
    actionData && !shown[actionData.intent]
      ? [...new Set([...(replyFor(actionData.intent)?.formErrors ?? []), ...Object.values(replyFor(actionData.intent)?.error ?? {}).flatMap((e) => e ?? [])])]
      : [];
  const when = (iso: string) => formatDateTime(iso, lng);
  return (
    <section>
      <p>
        <Link to="/staff/concerns">{t("staff.backToQueue")}</Link>
      </p>
      <h1>{t("staff.detailTitle", { number: concern.number })}</h1>
      {orphanErrors.length ? (
        <div className="alert alert-error" role="alert">
          {orphanErrors.map((e) => (
            <p key={e}>{t(e)}</p>
          ))}
        </div>
      ) : null}
      <p>
        <span className="badge">{t(`status.${concern.status}`)}</span> {lng === "es" ? kind.nameEs : kind.nameEn}
        {concern.hidden ? <strong className="badge"> {t("staff.isHidden", { reason: concern.hiddenReason ?? "" })}</strong> : null}
        {data.duplicateOfNumber ? (
          <>
            {" "}
            <Link to={`/staff/concerns/${data.duplicateOfNumber}`}>{t("staff.duplicateOf", { number: data.duplicateOfNumber })}</Link>
          </>
        ) : null}
      </p>
      <div className="card private-card">
        <h2>{t("staff.private")}</h2>
        <dl className="facts">
          <dt>{t("staff.description")}</dt>
          <dd className="pre-wrap">{concern.description}</dd>
          <dt>{t("staff.observed")}</dt>
          <dd>{when(concern.observedAt)}</dd>
          <dt>{t("staff.address")}</dt>
          <dd>
            {concern.address}, {concern.zip}
          </dd>
          <dt>{t("staff.block")}</dt>
          <dd>{publicLocationLabel(concern.publicLocation, t) ?? t("track.blockWithheld")}</dd>
          <dt>{t("staff.district")}</dt>
          <dd>{concern.district ?? "—"}</dd>
          {concern.latitude !== null ? (
            <>
              <dt>{t("staff.coordinates")}</dt>
              <dd>
                {concern.latitude}, {concern.longitude}
              </dd>
            </>
          ) : null}
          <dt>{t("staff.reporter")}</dt>
          <dd>
            {[concern.reporterName, concern.reporterEmail, concern.reporterPhone].filter(Boolean).join(" · ") || t("staff.noReporter")}
            <br />
            {concern.consentToContact ? t("staff.consentYes") : t("staff.consentNo")}
          </dd>
          <dt>{t("staff.trackingCode")}</dt>
          <dd>{formatTrackingCode(concern.trackingCode)}</dd>
          <dt>{t("staff.source")}</dt>
          <dd>{concern.source}</dd>
        </dl>
      </div>

      <h2>{t("staff.documentTitle")}</h2>
      {documentation ? (
        <p className="alert alert-success">
          {t("staff.documented", {
            name: documentation.policy.name,
            version: documentation.policy.version,
            number: documentation.documentation.citationNumber,
          })}
        </p>
      ) : !policy ? (
        <p>{t("errors.noPolicy")}</p>
      ) : !["received", "under_review"].includes(concern.status) || concern.duplicateOfId ? (
        <p>{t("staff.cannotDocument")}</p>
      ) : (
        <Form method="post" className="stack">
          {formErrors("document")}
          <input type="hidden" name="intent" value="document" />
          <input type="hidden" name="policyVersionId" value={policy.id} />
          <p>{t("staff.documentLead", { name: policy.name, version: policy.version, day: data.observedDay })}</p>
          <fieldset>
            <legend>{t("staff.checklist")}</legend>
            {policy.checklist.map((item) => (
              <div className="choice" key={item.id}>
                <input type="checkbox" id={`check-${item.id}`} name="checklist" value={item.id} />
                <label htmlFor={`check-${item.id}`}>{item.label}</label>
              </div>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor="doc-note">{t("staff.publicNote")}</label>
            <p className="hint" id="doc-note-hint">
              {t("staff.publicNoteHint")}
            </p>
            <textarea id="doc-note" name="publicNote" rows={2} aria-describedby="doc-note-hint" defaultValue={typed("document", "publicNote")} />
          </div>
          <div>
            <button type="submit">{t("staff.documentSubmit")}</button>
          </div>
        </Form>
      )}

      <h2>{t("staff.changeStatus")}</h2>
      {next.length === 0 ? (
        <p>{t("staff.noTransitions")}</p>
      ) : (
        <Form method="post" className="stack">
          {formErrors("status")}
          <input type="hidden" name="intent" value="status" />
          <div className="field">
            <label htmlFor="new-status">{t("staff.newStatus")}</label>
            <select id="new-status" name="status" defaultValue={typed("status", "status", next[0])}>
              {next.map((s) => (
                <option key={s} value={s}>
                  {t(`status.${s}`)}
                </option>
              ))}
            </select>
            <ErrorList errors={errs("status", "status")} />
          </div>
          <div className="field">
            <label htmlFor="public-note">{t("staff.publicNote")}</label>
            <p className="hint" id="public-note-hint">
              {t("staff.publicNoteHint")}
            </p>
            <textarea id="public-note" name="publicNote" rows={3} aria-describedby="public-note-hint" defaultValue={typed("status", "publicNote")} />
            <ErrorList errors={errs("status", "publicNote")} />
          </div>
          <div className="field">
            <label htmlFor="internal-note">{t("staff.internalNote")}</label>
            <textarea id="internal-note" name="internalNote" rows={2} defaultValue={typed("status", "internalNote")} />
            <ErrorList errors={errs("status", "internalNote")} />
          </div>
          <div>
            <button type="submit">{t("staff.saveStatus")}</button>
          </div>
        </Form>
      )}

      <h2>{t("staff.history")}</h2>
      <ol className="timeline">
        {history.map((h) => (
          <li key={h.id}>
            <p>
              <strong>{t(`status.${h.status}`)}</strong> · {when(h.createdAt)} · {h.actor ?? t("staff.system")}
            </p>
            {h.publicNote || h.publicNoteCode ? (
              <p>
                {t("staff.publicNoteShort")}: {publicNoteText(h, t)}
              </p>
            ) : null}
            {h.internalNote ? (
              <p className="muted">
                {t("staff.internalNoteShort")}: {h.internalNote}
              </p>
            ) : null}
          </li>
        ))}
      </ol>

      <h2>{t("staff.corroborationsTitle", { count: corroborations.length })}</h2>
      {corroborations.length ? (
        <ul>
          {corroborations.map((c) => (
            <li key={c.id}>
              {when(c.createdAt)} ·{" "}
              {c.mergedConcernId
                ? t("staff.mergedDuplicate")
                : [c.reporterName, c.reporterEmail, c.reporterPhone].filter(Boolean).join(" · ") || t("staff.noReporter")}
              {c.description ? <span className="pre-wrap"> — {c.description}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {merged.length ? <p>{t("staff.mergedIn", { list: merged.map((m) => `#${m.number}`).join(", ") })}</p> : null}

      {!concern.duplicateOfId ? (
        <>
          <h2>{t("staff.merge")}</h2>
          <Form method="post" className="stack">
            {formErrors("merge")}
            <input type="hidden" name="intent" value="merge" />
            <div className="field">
              <label htmlFor="merge-target">{t("staff.mergeTarget")}</label>
              <input id="merge-target" name="target" type="number" min={1} required defaultValue={typed("merge", "target")} />
              <ErrorList errors={errs("merge", "target")} />
            </div>
            <div className="field">
              <label htmlFor="merge-note">{t("staff.publicNote")}</label>
              <textarea id="merge-note" name="publicNote" rows={2} defaultValue={typed("merge", "publicNote")} />
            </div>
            <div>
              <button type="submit">{t("staff.mergeSubmit")}</button>
            </div>
          </Form>
        </>
      ) : null}

      <h2>{t("staff.redact")}</h2>
      <Form method="post" className="stack">
        {formErrors("redact")}
        <input type="hidden" name="intent" value="redact" />
        <div className="field">
          <label htmlFor="redact-description">{t("staff.description")}</label>
          <p className="hint" id="redact-hint">
            {t("staff.redactHint")}
          </p>
          <textarea
            id="redact-description"
            name="description"
            rows={6}
            aria-describedby="redact-hint"
            defaultValue={typed("redact", "description", concern.description)}
          />
          <ErrorList errors={errs("redact", "description")} />
        </div>
        <div className="field">
          <label htmlFor="redact-reason">{t("staff.reason")}</label>
          <input id="redact-reason" name="reason" type="text" defaultValue={typed("redact", "reason")} />
        </div>
        <div>
          <button type="submit">{t("staff.redactSubmit")}</button>
        </div>
      </Form>

      <h2>{t("staff.hide")}</h2>
      <Form method="post" className="stack">
        {formErrors(concern.hidden ? "unhide" : "hide")}
        <input type="hidden" name="intent" value={concern.hidden ? "unhide" : "hide"} />
        {concern.hidden ? null : (
          <div className="field">
            <label htmlFor="hide-reason">{t("staff.reason")}</label>
            <input id="hide-reason" name="reason" type="text" defaultValue={typed("hide", "reason")} />
            <ErrorList errors={errs("hide", "reason")} />
          </div>
        )}
        <div>
          <button type="submit" className={concern.hidden ? "secondary" : "danger"}>
            {concern.hidden ? t("staff.unhideSubmit") : t("staff.hideSubmit")}
          </button>
        </div>
      </Form>
    </section>
  );
}
