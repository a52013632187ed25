import { getFormProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, Field, FormErrors, SelectField, TextAreaField } from "~/components/form";
import { RichTextEditor } from "~/modules/richtext/ui/editor";

/** HTML rendered and sanitized on the server by the shared rich-text module; never client HTML. */
export function RichHtml({ html, className }: { html: string; className?: string }) {
  return <div className={className ?? "rich-text"} data-user-content="" dangerouslySetInnerHTML={{ __html: html }} />;
}

export type MeetingFormValues = {
  title?: string;
  mode?: string;
  place?: string | null;
  link?: string | null;
  startsAt?: string;
  endsAt?: string;
  isPublic?: boolean;
  /** The stored agenda document (ProseMirror JSON), or null for none. */
  agendaJson?: unknown;
  closedExceptionCode?: string | null;
  closedTopic?: string | null;
  shortNoticeReason?: string | null;
};

/** An exception a closed portion may rest on, worded in the reader's language. */
export type ExceptionOption = { code: string; citation: string; title: string };

/** A rich-text field's errors and the text typed without JavaScript (kept after a refusal), from conform. */
export function richProps(field: FieldMetadata<unknown> | undefined, textField: FieldMetadata<unknown> | undefined) {
  const errors = (field?.errors ?? textField?.errors) as string[] | undefined;
  const defaultText = typeof textField?.initialValue === "string" ? textField.initialValue : undefined;
  return { errors, defaultText };
}

/** Schedule or change a meeting. Times are typed in the county's time zone. */
export function MeetingForm({
  id,
  defaultValue,
  lastResult,
  timeZone,
  submitLabel,
  exceptions,
  noticeRule,
}: {
  id: string;
  defaultValue?: MeetingFormValues;
  lastResult?: SubmissionResult<string[]> | null;
  timeZone: string;
  submitLabel: string;
  exceptions: ExceptionOption[];
  /** The notice rule in plain words ("at least 24 hours before, not counting …"). */
  noticeRule: string;
}) {
  const { t } = useTranslation("meetings");
  const { agendaJson, ...plainDefaults } = defaultValue ?? {};
  const [form, fields] = useForm<Record<string, unknown>, Record<string, unknown>, string[]>({
    id,
    lastResult: lastResult ?? undefined,
    defaultValue: {
      ...plainDefaults,
      place: defaultValue?.place ?? undefined,
      link: defaultValue?.link ?? undefined,
      closedExceptionCode: defaultValue?.closedExceptionCode ?? undefined,
      closedTopic: defaultValue?.closedTopic ?? undefined,
      shortNoticeReason: defaultValue?.shortNoticeReason ?? undefined,
      isPublic: defaultValue?.isPublic === false ? undefined : "on",
    },
    shouldRevalidate: "onBlur",
  });
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="save" />
      <FormErrors id={form.errorId} errors={form.errors} />
      <Field label={t("form.title")} field={fields.title} />
      <SelectField
        label={t("form.mode")}
        field={fields.mode}
        options={[
          { value: "in_person", label: t("mode.in_person") },
          { value: "online", label: t("mode.online") },
          { value: "hybrid", label: t("mode.hybrid") },
        ]}
      />
      <Field label={t("form.place")} field={fields.place} hint={t("form.placeHint")} />
      <Field label={t("form.link")} field={fields.link} type="url" hint={t("form.linkHint")} />
      <Field label={t("form.startsAt")} field={fields.startsAt} type="datetime-local" hint={t("form.timeHint", { zone: timeZone })} />
      <Field label={t("form.endsAt")} field={fields.endsAt} type="datetime-local" hint={t("form.timeHint", { zone: timeZone })} />
      <CheckboxField label={t("form.isPublic")} field={fields.isPublic} />
      <RichTextEditor
        name="agenda"
        id={`${id}-agenda`}
        label={t("form.agenda")}
        hint={t("form.textHint")}
        profile="document"
        defaultJson={agendaJson}
        {...richProps(fields.agenda, fields.agenda__text)}
      />
      <fieldset className="notice-fields">
        <legend>{t("notice.formLegend")}</legend>
        <p className="hint">{t("notice.formHelp", { rule: noticeRule })}</p>
        <SelectField
          label={t("notice.closedException")}
          field={fields.closedExceptionCode}
          hint={t("notice.closedExceptionHint")}
          options={[{ value: "", label: t("notice.noClosedPortion") }, ...exceptions.map((e) => ({ value: e.code, label: `${e.citation}: ${e.title}` }))]}
        />
        <Field label={t("notice.closedTopic")} field={fields.closedTopic} hint={t("notice.closedTopicHint")} />
        <TextAreaField
          label={t("notice.shortNoticeReason")}
          field={fields.shortNoticeReason}
          hint={t("notice.shortNoticeReasonHint")}
          textareaProps={{ rows: 3 }}
        />
      </fieldset>
      <div>
        <button type="submit">{submitLabel}</button>
      </div>
    </Form>
  );
}

export type ApprovalView = {
  support: number;
  oppose: number;
  abstain: number;
  presentCount: number;
  eligibleCount: number;
  quorumPercent: number;
  quorumMet: boolean;
  passed: boolean;
  meetingId: string;
  meetingTitle: string;
  votedAt: string;
  /** The roll call (each member's answer), for approvals recorded as one. */
  rollCall?: { name: string; choice: "support" | "oppose" | "abstain" | null }[];
};

export function ApprovalRecord({ approval }: { approval: ApprovalView }) {
  const { t } = useTranslation("meetings");
  return (
    <dl className="facts approval-record">
      <dt>{t("approval.votedAt")}</dt>
      <dd>
        <a href={`/meetings/${approval.meetingId}`} data-user-content="">
          {approval.meetingTitle}
        </a>{" "}
        ({approval.votedAt})
      </dd>
      <dt>{t("approval.votes")}</dt>
      <dd>{t("approval.counts", { support: approval.support, oppose: approval.oppose, abstain: approval.abstain })}</dd>
      <dt>{t("approval.quorum")}</dt>
      <dd>
        {t("approval.quorumLine", { present: approval.presentCount, eligible: approval.eligibleCount, percent: approval.quorumPercent })}{" "}
        <strong>{approval.quorumMet ? t("quorum.met") : t("quorum.notMet")}</strong>
      </dd>
      <dt>{t("approval.result")}</dt>
      <dd>
        <strong>{approval.passed ? t("approval.passed") : t("approval.failed")}</strong>
      </dd>
      {approval.rollCall?.length ? (
        <>
          <dt>{t("approval.rollCallRecord")}</dt>
          <dd>
            <ul className="roll-call">
              {approval.rollCall.map((v, i) => (
                <li key={`${v.name}-${i}`}>
                  <span data-user-content="">{v.name}</span>: {v.choice ? t(`approval.${v.choice}`) : t("approval.notVoting")}
                </li>
              ))}
            </ul>
          </dd>
        </>
      ) : null}
    </dl>
  );
}

export function QuorumStatus({ quorum }: { quorum: { present: number; eligible: number; percent: number; met: boolean } }) {
  const { t } = useTranslation("meetings");
  return (
    <p className={`quorum ${quorum.met ? "quorum-met" : "quorum-not-met"}`} role="status">
      {t("quorum.line", { present: quorum.present, eligible: quorum.eligible, percent: quorum.percent })}{" "}
      <strong>{quorum.met ? t("quorum.met") : t("quorum.notMet")}</strong>
    </p>
  );
}

export function StatusBadge({ kind, value }: { kind: "status" | "minutesStatus" | "actionStatus" | "correctionStatus"; value: string }) {
  const { t } = useTranslation("meetings");
  return <span className={`badge badge-${value}`}>{t(`${kind}.${value}`)}</span>;
}
