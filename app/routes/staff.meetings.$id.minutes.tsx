import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { createHash } from "node:crypto";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, Field, FormErrors, SelectField, TextAreaField } from "~/components/form";
import { StaffMeetingNav } from "~/components/staff-meeting-nav";
import { requireRole } from "~/modules/auth/index.server";
import {
  addActionItem,
  addDecision,
  amendMinutes,
  circulateMinutes,
  getMeeting,
  getMinutesFor,
  getProceedings,
  heldMeetingsFrom,
  invalid,
  listCabMembers,
  publishMinutes,
  readRichField,
  recordApproval,
  refusal,
  removeActionItem,
  removeDecision,
  requestLocale,
  reviewCorrection,
  saveMinutesDraft,
  serviceContext,
  setActionItemStatus,
  timeContext,
} from "~/modules/meetings/index.server";
import { ACTION_STATUSES, MinutesSchema } from "~/modules/meetings/schemas";
import { proceedingsView } from "~/modules/meetings";
import { ActionItemsTable } from "~/modules/meetings/ui/action-items-table";
import { RecordOfProceedings } from "~/modules/meetings/ui/record-of-proceedings";
import { ApprovalRecord, RichHtml, richProps, StatusBadge } from "~/modules/meetings/ui/meetings";
import { RichTextEditor } from "~/modules/richtext/ui/editor";
import { formatDate, formatDateTimeRange } from "~/utils/clock";
import { DomainError, notFound } from "~/utils/errors";
import { setFlash } from "~/utils/flash.server";
import { readFormData, readIntent } from "~/utils/forms.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "minutes", "staff");

export async function loader(args: LoaderFunctionArgs) {
  const user = requireRole(args, "csu_staff");
  const meeting = await getMeeting(args.params.id ?? "");
  if (!meeting) notFound();
  const locale = await requestLocale(args.request, args.context);
  const { timeZone } = timeContext();
  const [minutes, members, voteMeetings] = await Promise.all([
    getMinutesFor(meeting.id, { id: user.id, role: user.role }),
    listCabMembers(),
    heldMeetingsFrom(meeting.startsAt),
  ]);
  const day = (d: Date | string) => formatDate(d, locale);
  const proceedings = await getProceedings(meeting.id);
  return json({
    // Changes with every successful write: the forms start afresh, so an old refusal is not shown again.
    version: createHash("sha1")
      .update(JSON.stringify(minutes ?? null))
      .digest("base64url")
      .slice(0, 10),
    proceedings: proceedings && meeting.status === "held" ? proceedingsView(proceedings, locale) : null,
    meeting: { id: meeting.id, title: meeting.title, status: meeting.status, when: formatDateTimeRange(meeting.startsAt, meeting.endsAt, locale) },
    minutes: minutes
      ? {
          id: minutes.id,
          status: minutes.status,
          revisionCount: minutes.revisionCount,
          current: minutes.current
            ? { number: minutes.current.number, html: minutes.current.bodyHtml, json: minutes.current.bodyDoc, id: minutes.current.id }
            : null,
          decisions: minutes.decisions.map((d) => ({ id: d.id, text: d.text, support: d.support, oppose: d.oppose, abstain: d.abstain })),
          actionItems: minutes.actionItems.map((i) => ({ ...i, due: i.dueDate ? day(i.dueDate) : null })),
          corrections: minutes.corrections.map((c) => ({ ...c, date: day(c.createdAt) })),
          approvals: minutes.approvals.map((a) => ({ ...a, votedAt: day(a.meetingStartsAt), current: a.revisionId === minutes.current?.id })),
          amendments: minutes.amendments.map((a) => ({ number: a.number, reason: a.reason, date: day(a.createdAt) })),
        }
      : null,
    members: members.map((m) => ({ id: m.id, name: m.displayName })),
    voteMeetings: voteMeetings.map((m) => ({ id: m.id, label: `${m.title} (${day(m.startsAt)})` })),
  });
}

const FLASH: Record<string, string> = {
  "save-draft": "meetings:flash.draftSaved",
  circulate: "meetings:flash.circulated",
  "record-approval": "meetings:flash.approvalRecorded",
  publish: "meetings:flash.published",
  amend: "meetings:flash.amended",
  "review-correction": "meetings:flash.correctionReviewed",
};

export async function action(args: ActionFunctionArgs) {
  const user = requireRole(args, "csu_staff");
  const meeting = await getMeeting(args.params.id ?? "");
  if (!meeting) notFound();
  const formData = await readFormData(args.request);
  const intent = readIntent(formData, [
    "save-draft",
    "add-decision",
    "remove-decision",
    "add-action",
    "action-status",
    "remove-action",
    "circulate",
    "review-correction",
    "record-approval",
    "publish",
    "amend",
  ]);
  const submission = parseWithZod(formData, { schema: MinutesSchema });
  // The minutes' text goes through the shared rich-text module.
  const body = intent === "save-draft" || intent === "amend" ? readRichField(formData, "body", { required: true }) : null;
  if (body && (submission.status !== "success" || !body.ok)) return invalid(submission, intent, "body", body);
  if (submission.status !== "success") return json({ intent, result: submission.reply() }, { status: 400 });
  const v = submission.value;
  const text = body?.ok && body.value ? body.value : null;
  const ctx = serviceContext(args.request, args.context);
  const minutes = await getMinutesFor(meeting.id, { id: user.id, role: user.role });
  try {
    if (v.intent === "save-draft") await saveMinutesDraft(user, meeting.id, text!, ctx);
    else {
      if (!minutes) throw new DomainError("meetings:errors.noMinutes");
      if (v.intent === "add-decision") await addDecision(user, minutes.id, v, ctx);
      else if (v.intent === "remove-decision") await removeDecision(user, minutes.id, v.decisionId, ctx);
      else if (v.intent === "add-action") await addActionItem(user, minutes.id, v, ctx);
      else if (v.intent === "action-status") {
        if (!minutes.actionItems.some((i) => i.id === v.actionItemId)) notFound();
        await setActionItemStatus(user, v.actionItemId, v.status, ctx);
      } else if (v.intent === "remove-action") await removeActionItem(user, minutes.id, v.actionItemId, ctx);
      else if (v.intent === "circulate") await circulateMinutes(user, minutes.id, ctx);
      else if (v.intent === "review-correction") {
        if (!minutes.corrections.some((c) => c.id === v.correctionId)) notFound();
        await reviewCorrection(user, v.correctionId, v.decision, v.note, ctx);
      } else if (v.intent === "record-approval") await recordApproval(user, minutes.id, v, ctx);
      else if (v.intent === "publish") await publishMinutes(user, minutes.id, ctx);
      else if (v.intent === "amend") await amendMinutes(user, minutes.id, text!, v.reason, ctx);
    }
  } catch (error) {
    return refusal(submission, intent, error);
  }
  return redirect(`/staff/meetings/${meeting.id}/minutes`, { headers: { "Set-Cookie": await setFlash({ key: FLASH[v.intent] ?? "meetings:flash.saved" }) } });
}

type ActionData = { intent: string; result: SubmissionResult<string[]> } | undefined;

function useIntentForm(id: string, intent: string, actionData: ActionData, version: string, defaultValue?: Record<string, string>) {
  return useForm<Record<string, string>, Record<string, unknown>, string[]>({
    // A new id after each successful write resets the form's errors (conform keeps them otherwise).
    id: `${id}-${version}`,
    lastResult: actionData?.intent === intent ? actionData.result : undefined,
    defaultValue,
    shouldRevalidate: "onBlur",
  });
}

export default function MinutesPage() {
  const { t } = useTranslation("meetings");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData;
  const { minutes, meeting } = data;
  const approved = minutes?.status === "approved";
  const [draftForm, draftFields] = useIntentForm("draft", "save-draft", actionData, data.version);
  const [decisionForm, decisionFields] = useIntentForm("decision", "add-decision", actionData, data.version);
  const [actionForm, actionFields] = useIntentForm("action-item", "add-action", actionData, data.version);
  const [approvalForm, approvalFields] = useIntentForm("approval", "record-approval", actionData, data.version, { votedAtMeetingId: meeting.id });
  const [amendForm, amendFields] = useIntentForm("amend", "amend", actionData, data.version);
  const [circulateForm] = useIntentForm("circulate", "circulate", actionData, data.version);
  const [publishForm] = useIntentForm("publish", "publish", actionData, data.version);
  return (
    <section>
      <h1>{t("staffMinutes.title", { title: meeting.title })}</h1>
      <StaffMeetingNav id={meeting.id} />
      <ErrorSummary error={actionData?.result?.error} />
      <p>{meeting.when}</p>
      {minutes ? (
        <p>
          <StatusBadge kind="minutesStatus" value={minutes.status} />{" "}
          {minutes.current ? t("staffMinutes.revision", { number: minutes.current.number, count: minutes.revisionCount }) : null}
        </p>
      ) : null}
      {meeting.status !== "held" && !minutes ? <p role="status">{t("staffMinutes.recordAttendanceFirst")}</p> : null}
      {data.proceedings ? (
        <>
          <p className="hint">{t("staffMinutes.proceedingsHelp")}</p>
          <RecordOfProceedings record={data.proceedings} headingLevel={2} />
        </>
      ) : null}

      {!approved && meeting.status === "held" ? (
        <Form method="post" className="stack wide" {...getFormProps(draftForm)}>
          <h2>{t("staffMinutes.text")}</h2>
          <FormErrors id={draftForm.errorId} errors={draftForm.errors} />
          <input type="hidden" name="intent" value="save-draft" />
          <RichTextEditor
            key={minutes?.current?.number ?? 0}
            name="body"
            id="draft-body"
            label={t("staffMinutes.body")}
            hint={t("form.textHint")}
            profile="document"
            rows={14}
            defaultJson={minutes?.current?.json}
            {...richProps(draftFields.body, draftFields.body__text)}
          />
          <div>
            <button type="submit">{t("staffMinutes.saveDraft")}</button>
          </div>
        </Form>
      ) : minutes?.current ? (
        <>
          <h2>{t("staffMinutes.text")}</h2>
          <RichHtml html={minutes.current.html} />
        </>
      ) : null}

      {minutes ? (
        <>
          <h2>{t("minutes.decisions")}</h2>
          {minutes.decisions.length ? (
            <ul>
              {minutes.decisions.map((d) => (
                <li key={d.id}>
                  {d.text}
                  {d.support !== null || d.oppose !== null || d.abstain !== null ? (
                    <span className="muted"> ({t("approval.counts", { support: d.support ?? 0, oppose: d.oppose ?? 0, abstain: d.abstain ?? 0 })})</span>
                  ) : null}{" "}
                  {!approved ? (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="remove-decision" />
                      <input type="hidden" name="decisionId" value={d.id} />
                      <button type="submit" className="secondary small" aria-label={t("staffMinutes.removeDecision", { text: d.text })}>
                        {t("staff.remove")}
                      </button>
                    </Form>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t("staffMinutes.noDecisions")}</p>
          )}
          {!approved ? (
            <Form method="post" className="stack" {...getFormProps(decisionForm)}>
              <h3>{t("staffMinutes.addDecision")}</h3>
              <FormErrors id={decisionForm.errorId} errors={decisionForm.errors} />
              <input type="hidden" name="intent" value="add-decision" />
              <TextAreaField label={t("staffMinutes.decisionText")} field={decisionFields.text} textareaProps={{ rows: 3 }} />
              <fieldset>
                <legend>{t("staffMinutes.decisionVotes")}</legend>
                <p className="hint">{t("staffMinutes.decisionVotesHint")}</p>
                <Field label={t("approval.support")} field={decisionFields.support} type="number" inputProps={{ min: 0, placeholder: "0" }} />
                <Field label={t("approval.oppose")} field={decisionFields.oppose} type="number" inputProps={{ min: 0, placeholder: "0" }} />
                <Field label={t("approval.abstain")} field={decisionFields.abstain} type="number" inputProps={{ min: 0, placeholder: "0" }} />
              </fieldset>
              <div>
                <button type="submit">{t("staffMinutes.addDecisionSubmit")}</button>
              </div>
            </Form>
          ) : null}

          <h2>{t("actions.caption")}</h2>
          {minutes.actionItems.length ? (
            <ActionItemsTable
              items={minutes.actionItems}
              hiddenCaption
              status={(i) => (
                <>
                  <Form method="post" className="actions">
                    <input type="hidden" name="intent" value="action-status" />
                    <input type="hidden" name="actionItemId" value={i.id} />
                    <label htmlFor={`status-${i.id}`} className="visually-hidden">
                      {t("actions.statusOf", { what: i.what })}
                    </label>
                    <select id={`status-${i.id}`} name="status" defaultValue={i.status}>
                      {ACTION_STATUSES.map((s) => (
                        <option key={s} value={s}>
                          {t(`actionStatus.${s}`)}
                        </option>
                      ))}
                    </select>
                    <button type="submit" className="secondary small">
                      {t("actions.update")}
                    </button>
                  </Form>
                  {!approved ? (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="remove-action" />
                      <input type="hidden" name="actionItemId" value={i.id} />
                      <button type="submit" className="secondary small" aria-label={t("staffMinutes.removeAction", { what: i.what })}>
                        {t("staff.remove")}
                      </button>
                    </Form>
                  ) : null}
                </>
              )}
            />
          ) : (
            <p>{t("actions.none")}</p>
          )}
          {!approved ? (
            <Form method="post" className="stack" {...getFormProps(actionForm)}>
              <h3>{t("staffMinutes.addAction")}</h3>
              <FormErrors id={actionForm.errorId} errors={actionForm.errors} />
              <input type="hidden" name="intent" value="add-action" />
              <TextAreaField label={t("actions.what")} field={actionFields.what} textareaProps={{ rows: 3 }} />
              <SelectField
                label={t("staffMinutes.ownerMember")}
                field={actionFields.ownerUserId}
                options={[{ value: "", label: t("staffMinutes.ownerOther") }, ...data.members.map((m) => ({ value: m.id, label: m.name }))]}
              />
              <Field label={t("staffMinutes.ownerName")} field={actionFields.ownerName} hint={t("staffMinutes.ownerNameHint")} />
              <Field label={t("actions.due")} field={actionFields.dueDate} type="date" />
              <div>
                <button type="submit">{t("staffMinutes.addActionSubmit")}</button>
              </div>
            </Form>
          ) : null}

          {minutes.status === "draft" && minutes.current ? (
            <Form method="post" {...getFormProps(circulateForm)}>
              <h2>{t("staffMinutes.circulateTitle")}</h2>
              <FormErrors id={circulateForm.errorId} errors={circulateForm.errors} />
              <p>{t("staffMinutes.circulateHelp")}</p>
              <input type="hidden" name="intent" value="circulate" />
              <button type="submit">{t("staffMinutes.circulate")}</button>
            </Form>
          ) : null}

          {minutes.corrections.length ? (
            <>
              <h2>{t("corrections.title")}</h2>
              <ul className="corrections">
                {minutes.corrections.map((c) => (
                  <li key={c.id} className="card">
                    <p>
                      <strong>{c.proposedBy}</strong> <span className="muted">{c.date}</span> <StatusBadge kind="correctionStatus" value={c.status} />
                    </p>
                    <p>{c.text}</p>
                    {c.reviewNote ? <p>{t("corrections.note", { note: c.reviewNote })}</p> : null}
                    {c.status === "pending" && !approved ? (
                      <Form method="post" className="stack">
                        <input type="hidden" name="intent" value="review-correction" />
                        <input type="hidden" name="correctionId" value={c.id} />
                        <fieldset>
                          <legend>{t("corrections.decide", { name: c.proposedBy })}</legend>
                          <label className="radio">
                            <input type="radio" name="decision" value="accepted" required /> {t("correctionStatus.accepted")}
                          </label>
                          <label className="radio">
                            <input type="radio" name="decision" value="declined" /> {t("correctionStatus.declined")}
                          </label>
                        </fieldset>
                        <div className="field">
                          <label htmlFor={`note-${c.id}`}>{t("corrections.reviewNote")}</label>
                          <textarea id={`note-${c.id}`} name="note" rows={2} maxLength={2000} />
                        </div>
                        <div>
                          <button type="submit">{t("corrections.reviewSubmit")}</button>
                        </div>
                      </Form>
                    ) : null}
                  </li>
                ))}
              </ul>
            </>
          ) : null}

          {minutes.approvals.length ? (
            <>
              <h2>{t("approval.history")}</h2>
              {minutes.approvals.map((a) => (
                <div key={a.id} className="card">
                  <ApprovalRecord approval={a} />
                  {!a.current ? <p className="muted">{t("approval.olderText")}</p> : null}
                </div>
              ))}
            </>
          ) : null}

          {minutes.status === "circulated" ? (
            <>
              <Form method="post" className="stack" {...getFormProps(approvalForm)}>
                <h2>{t("approval.recordTitle")}</h2>
                <p>{t("approval.recordHelp")}</p>
                <FormErrors id={approvalForm.errorId} errors={approvalForm.errors} />
                <input type="hidden" name="intent" value="record-approval" />
                <SelectField
                  label={t("approval.votedAtField")}
                  field={approvalFields.votedAtMeetingId}
                  options={data.voteMeetings.map((m) => ({ value: m.id, label: m.label }))}
                />
                <fieldset className="roll-call">
                  <legend>{t("approval.rollCall")}</legend>
                  <p className="hint">{t("approval.rollCallHelp")}</p>
                  {data.members.map((m) => (
                    <div className="field" key={m.id}>
                      <label htmlFor={`votes-${m.id}`}>{m.name}</label>
                      <select id={`votes-${m.id}`} name={`votes.${m.id}`} defaultValue="">
                        <option value="">{t("approval.notVoting")}</option>
                        <option value="support">{t("approval.support")}</option>
                        <option value="oppose">{t("approval.oppose")}</option>
                        <option value="abstain">{t("approval.abstain")}</option>
                      </select>
                    </div>
                  ))}
                </fieldset>
                <div>
                  <button type="submit">{t("approval.recordSubmit")}</button>
                </div>
              </Form>
              <Form method="post" {...getFormProps(publishForm)}>
                <h2>{t("staffMinutes.publishTitle")}</h2>
                <FormErrors id={publishForm.errorId} errors={publishForm.errors} />
                <p>{t("staffMinutes.publishHelp")}</p>
                <input type="hidden" name="intent" value="publish" />
                <button type="submit">{t("staffMinutes.publish")}</button>
              </Form>
            </>
          ) : null}

          {approved ? (
            <>
              {minutes.amendments.length ? (
                <>
                  <h2>{t("amendments.title")}</h2>
                  <ul>
                    {minutes.amendments.map((a) => (
                      <li key={a.number}>{t("amendments.line", { number: a.number, date: a.date, reason: a.reason })}</li>
                    ))}
                  </ul>
                </>
              ) : null}
              <Form method="post" className="stack wide" {...getFormProps(amendForm)}>
                <h2>{t("amendments.new")}</h2>
                <p>{t("amendments.help")}</p>
                <FormErrors id={amendForm.errorId} errors={amendForm.errors} />
                <input type="hidden" name="intent" value="amend" />
                <RichTextEditor
                  key={minutes.current?.number ?? 0}
                  name="body"
                  id="amend-body"
                  label={t("staffMinutes.body")}
                  hint={t("form.textHint")}
                  profile="document"
                  rows={14}
                  defaultJson={minutes.current?.json}
                  {...richProps(amendFields.body, amendFields.body__text)}
                />
                <TextAreaField label={t("amendments.reason")} field={amendFields.reason} textareaProps={{ rows: 3 }} />
                <div>
                  <button type="submit">{t("amendments.submit")}</button>
                </div>
              </Form>
            </>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
