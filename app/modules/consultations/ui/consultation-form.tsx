import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { useForm } from "~/utils/use-form";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors } from "~/components/form";
import { RichTextEditor } from "~/modules/richtext/ui/editor";

export type ConsultationDefaults = { title: string; partners: string; opensAt: string; closesAt: string; noticeJson: unknown; summaryJson: unknown };

export function ConsultationForm({
  lastResult,
  defaults,
  submitLabel,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  defaults?: ConsultationDefaults;
  submitLabel: string;
}) {
  const { t } = useTranslation("consultations");
  const [form, fields] = useForm<{
    title: string;
    partners: string;
    opensAt: string;
    closesAt: string;
    notice: string;
    notice__text: string;
    summary: string;
    summary__text: string;
  }>({
    id: "consultation-form",
    lastResult,
    defaultValue: defaults ? { title: defaults.title, partners: defaults.partners, opensAt: defaults.opensAt, closesAt: defaults.closesAt } : undefined,
  });
  const text = (v: unknown) => (typeof v === "string" ? v : undefined);
  return (
    <Form method="post" className="stack brief-form" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <Field label={t("form.title")} field={fields.title} />
      <Field label={t("form.partners")} field={fields.partners} hint={t("form.partnersHint")} />
      <fieldset className="inline-fields">
        <legend>{t("form.window")}</legend>
        <Field label={t("form.opensAt")} field={fields.opensAt} type="datetime-local" />
        <Field label={t("form.closesAt")} field={fields.closesAt} type="datetime-local" />
      </fieldset>
      <RichTextEditor
        name="notice"
        id="consultation-notice"
        label={t("form.notice")}
        profile="document"
        defaultJson={defaults?.noticeJson}
        defaultText={text(fields.notice__text.initialValue)}
        errors={fields.notice.errors}
        rows={12}
      />
      <RichTextEditor
        name="summary"
        id="consultation-summary"
        label={t("form.summary")}
        hint={t("form.summaryHint")}
        profile="document"
        defaultJson={defaults?.summaryJson}
        defaultText={text(fields.summary__text.initialValue)}
        errors={fields.summary.errors}
        rows={6}
      />
      <div className="actions">
        <button type="submit">{submitLabel}</button>
      </div>
    </Form>
  );
}
