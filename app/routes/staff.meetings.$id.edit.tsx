import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors, SelectField, TextAreaField } from "~/components/form";
import { StaffMeetingNav } from "~/components/staff-meeting-nav";
import { requireRole } from "~/modules/auth/index.server";
import {
  addAgendaItem,
  cancelMeeting,
  getAgenda,
  getMeeting,
  invalid,
  moveAgendaItem,
  postNotice,
  readRichField,
  refusal,
  removeAgendaItem,
  requestLocale,
  serviceContext,
  timeContext,
  updateMeeting,
} from "~/modules/meetings/index.server";
import { EditMeetingSchema, MeetingSchema } from "~/modules/meetings/schemas";
import { MeetingForm, StatusBadge } from "~/modules/meetings/ui/meetings";
import { NoticeSummary } from "~/modules/meetings/ui/notice-summary";
import { exceptionText, noticeRuleKey } from "~/modules/sunshine";
import { getClosedException, listClosedExceptions, sunshineRules } from "~/modules/sunshine/index.server";
import { formatDateTime, formatDateTimeRange, toCountyDateTimeValue } from "~/utils/clock";
import { notFound } from "~/utils/errors";
import { setFlash } from "~/utils/flash.server";
import { readFormData, readIntent } from "~/utils/forms.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "editMeeting", "staff");

export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "csu_staff");
  const meeting = await getMeeting(args.params.id ?? "");
  if (!meeting) notFound();
  const { timeZone } = timeContext();
  const locale = await requestLocale(args.request, args.context);
  const [agenda, rules, exceptions, noticed] = await Promise.all([
    getAgenda(meeting.id),
    sunshineRules(),
    listClosedExceptions({ activeOnly: true }),
    meeting.closedExceptionCode ? getClosedException(meeting.closedExceptionCode) : null,
  ]);
  const at = (d: Date | null) => (d ? formatDateTime(d, locale, { zoneName: true }) : null);
  return json({
    timeZone,
    rules: { key: noticeRuleKey(rules), hours: rules.noticeHours },
    exceptions: exceptions.map((e) => ({ code: e.code, ...exceptionText(e, locale) })),
    notice: {
      postedAt: at(meeting.noticePostedAt),
      deadline: at(meeting.noticeDeadline),
      late: !!(meeting.noticePostedAt && meeting.noticeDeadline && meeting.noticePostedAt > meeting.noticeDeadline),
      shortNoticeReason: meeting.shortNoticeReason,
      closed: noticed ? { ...exceptionText(noticed, locale), topic: meeting.closedTopic } : null,
    },
    meeting: { id: meeting.id, title: meeting.title, status: meeting.status, when: formatDateTimeRange(meeting.startsAt, meeting.endsAt, locale) },
    defaultValue: {
      title: meeting.title,
      mode: meeting.mode,
      place: meeting.place,
      link: meeting.link,
      startsAt: toCountyDateTimeValue(meeting.startsAt, timeZone),
      endsAt: toCountyDateTimeValue(meeting.endsAt, timeZone),
      isPublic: meeting.isPublic,
      closedExceptionCode: meeting.closedExceptionCode,
      closedTopic: meeting.closedTopic,
      shortNoticeReason: meeting.shortNoticeReason,
      // The stored document itself: the editor starts from it (an empty agenda starts blank).
      agendaJson: meeting.agendaHtml ? meeting.agendaDoc : null,
    },
    agenda: agenda.map((a) => ({ id: a.id, title: a.title, url: a.url, label: a.label, subjectType: a.subjectType })),
  });
}

export async function action(args: ActionFunctionArgs) {
  const user = requireRole(args, "csu_staff");
  const meeting = await getMeeting(args.params.id ?? "");
  if (!meeting) notFound();
  const formData = await readFormData(args.request);
  const intent = readIntent(formData, ["save", "cancel", "post-notice", "add-agenda-item", "remove-agenda-item", "move-agenda-item"]);
  const ctx = serviceContext(args.request, args.context);
  if (intent === "save") {
    const submission = parseWithZod(formData, { schema: MeetingSchema });
    const agenda = readRichField(formData, "agenda", { required: false });
    if (submission.status !== "success" || !agenda.ok) return invalid(submission, intent, "agenda", agenda);
    try {
      await updateMeeting(user, meeting.id, { ...submission.value, agenda: agenda.value }, ctx);
    } catch (error) {
      return refusal(submission, intent, error);
    }
    return redirect(`/staff/meetings/${meeting.id}/edit`, { headers: { "Set-Cookie": await setFlash({ key: "meetings:flash.changed" }) } });
  }
  const submission = parseWithZod(formData, { schema: EditMeetingSchema });
  if (submission.status !== "success") return json({ intent, result: submission.reply() }, { status: 400 });
  const value = submission.value;
  let flash = "meetings:flash.saved";
  try {
    if (value.intent === "cancel") {
      await cancelMeeting(user, meeting.id, value.reason, ctx);
      flash = "meetings:flash.cancelled";
    } else if (value.intent === "post-notice") {
      await postNotice(user, meeting.id, value.shortNoticeReason, ctx);
      flash = "meetings:flash.noticePosted";
    } else if (value.intent === "add-agenda-item") await addAgendaItem(user, meeting.id, value, ctx);
    else if (value.intent === "remove-agenda-item") await removeAgendaItem(user, meeting.id, value.itemId, ctx);
    else await moveAgendaItem(user, meeting.id, value.itemId, value.direction, ctx);
  } catch (error) {
    return refusal(submission, intent, error);
  }
  return redirect(`/staff/meetings/${meeting.id}/edit`, { headers: { "Set-Cookie": await setFlash({ key: flash }) } });
}

export default function EditMeeting() {
  const { t } = useTranslation("meetings");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const last = (intent: string) => (actionData?.intent === intent ? actionData.result : undefined);
  const [itemForm, itemFields] = useForm({ id: "agenda-item", lastResult: last("add-agenda-item") });
  const [cancelForm, cancelFields] = useForm({ id: "cancel", lastResult: last("cancel") });
  const [noticeForm, noticeFields] = useForm({ id: "post-notice", lastResult: last("post-notice") });
  const noticeRule = t(data.rules.key, { hours: data.rules.hours });
  const editable = data.meeting.status !== "cancelled";
  return (
    <section>
      <h1>{t("staff.editTitle", { title: data.meeting.title })}</h1>
      <StaffMeetingNav id={data.meeting.id} />
      <p>
        <StatusBadge kind="status" value={data.meeting.status} /> {data.meeting.when}
      </p>
      {editable ? (
        <>
          <h2>{t("notice.title")}</h2>
          <NoticeSummary notice={data.notice} />
          {data.meeting.status === "scheduled" ? (
            <Form method="post" className="stack" {...getFormProps(noticeForm)}>
              <FormErrors id={noticeForm.errorId} errors={noticeForm.errors} />
              <p className="hint">{t("notice.postHelp", { rule: noticeRule })}</p>
              <input type="hidden" name="intent" value="post-notice" />
              <TextAreaField
                label={t("notice.shortNoticeReason")}
                field={noticeFields.shortNoticeReason}
                hint={t("notice.shortNoticeReasonHint")}
                textareaProps={{ rows: 2 }}
              />
              <div>
                <button type="submit" className="secondary">
                  {t("notice.post")}
                </button>
              </div>
            </Form>
          ) : null}
          <h2>{t("staff.details")}</h2>
          <MeetingForm
            id="meeting"
            timeZone={data.timeZone}
            defaultValue={data.defaultValue}
            lastResult={last("save")}
            submitLabel={t("staff.saveChanges")}
            exceptions={data.exceptions}
            noticeRule={noticeRule}
          />
        </>
      ) : (
        <p role="status">{t("detail.cancelled")}</p>
      )}

      <h2>{t("staff.agendaItems")}</h2>
      {data.agenda.length ? (
        <ol className="agenda">
          {data.agenda.map((item, i) => (
            <li key={item.id}>
              {item.title}{" "}
              {item.url ? (
                <span className="muted">
                  ({t(`subject.${item.subjectType}`)}: {item.url})
                </span>
              ) : null}
              <span className="actions">
                {(
                  [
                    ["move-agenda-item", "up", i === 0],
                    ["move-agenda-item", "down", i === data.agenda.length - 1],
                  ] as const
                ).map(([intent, direction, disabled]) =>
                  disabled ? null : (
                    <Form method="post" key={direction} className="inline-form">
                      <input type="hidden" name="intent" value={intent} />
                      <input type="hidden" name="itemId" value={item.id} />
                      <input type="hidden" name="direction" value={direction} />
                      <button type="submit" className="secondary small" aria-label={t(`staff.move_${direction}`, { title: item.title })}>
                        {t(`staff.move_${direction}_short`)}
                      </button>
                    </Form>
                  ),
                )}
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="remove-agenda-item" />
                  <input type="hidden" name="itemId" value={item.id} />
                  <button type="submit" className="secondary small" aria-label={t("staff.removeItem", { title: item.title })}>
                    {t("staff.remove")}
                  </button>
                </Form>
              </span>
            </li>
          ))}
        </ol>
      ) : (
        <p>{t("detail.noAgenda")}</p>
      )}
      <Form method="post" className="stack" {...getFormProps(itemForm)}>
        <h3>{t("staff.addItem")}</h3>
        <FormErrors id={itemForm.errorId} errors={itemForm.errors} />
        <input type="hidden" name="intent" value="add-agenda-item" />
        <Field label={t("staff.itemTitle")} field={itemFields.title} />
        <SelectField
          label={t("staff.itemSubject")}
          field={itemFields.subjectType}
          options={[
            { value: "", label: t("staff.noLink") },
            { value: "brief", label: t("subject.brief") },
            { value: "analysis", label: t("subject.analysis") },
            { value: "response", label: t("subject.response") },
          ]}
        />
        <Field label={t("staff.itemUrl")} field={itemFields.url} hint={t("staff.itemUrlHint")} />
        <Field label={t("staff.itemLabel")} field={itemFields.label} />
        <div>
          <button type="submit">{t("staff.addItemSubmit")}</button>
        </div>
      </Form>

      {data.meeting.status === "scheduled" ? (
        <Form method="post" className="stack danger-zone" {...getFormProps(cancelForm)}>
          <h2>{t("staff.cancelTitle")}</h2>
          <FormErrors id={cancelForm.errorId} errors={cancelForm.errors} />
          <input type="hidden" name="intent" value="cancel" />
          <TextAreaField label={t("staff.cancelReason")} field={cancelFields.reason} textareaProps={{ rows: 3 }} />
          <div>
            <button type="submit" className="danger">
              {t("staff.cancelSubmit")}
            </button>
          </div>
        </Form>
      ) : null}
    </section>
  );
}
