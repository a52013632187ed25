import { getFormProps, getInputProps, getTextareaProps } from "@conform-to/react";
import { useForm } from "~/utils/use-form";
import { getZodConstraint } from "@conform-to/zod";
import type { SubmissionResult } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field, FormErrors } from "~/components/form";
import { RichTextEditor } from "~/modules/richtext/ui/editor";
import { BriefFormSchema } from "../schemas";

export type BriefFormDefaults = {
  title: string;
  summary: string;
  topics: string;
  periodStart: string;
  periodEnd: string;
  bodyJson: unknown;
};

/** The brief's writing form (new and edit). Works without JavaScript: the body is then a textarea. */
export function BriefForm({
  lastResult,
  defaults,
  needsReason,
  submitLabel,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  defaults?: BriefFormDefaults;
  needsReason: boolean;
  submitLabel: string;
}) {
  const { t } = useTranslation("briefs");
  const navigation = useNavigation();
  const [form, fields] = useForm<{
    title: string;
    summary: string;
    topics: string;
    periodStart: string;
    periodEnd: string;
    reason: string;
    body: string;
    body__text: string;
  }>({
    id: "brief-form",
    lastResult,
    constraint: getZodConstraint(BriefFormSchema),
    shouldValidate: "onBlur",
    defaultValue: defaults
      ? { title: defaults.title, summary: defaults.summary, topics: defaults.topics, periodStart: defaults.periodStart, periodEnd: defaults.periodEnd }
      : undefined,
  });
  const bodyErrors = (form.allErrors.body ?? form.allErrors["body__text"]) as string[] | undefined;
  const typedText = typeof fields.body__text?.initialValue === "string" ? (fields.body__text.initialValue as string) : undefined;
  const summaryProps = getTextareaProps(fields.summary, { ariaAttributes: true });
  return (
    <Form method="post" className="stack brief-form" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="save" />
      <Field label={t("form.title")} field={fields.title} />
      <div className="field">
        <label htmlFor={fields.summary.id}>{t("form.summary")}</label>
        <p id={`${fields.summary.id}-hint`} className="hint">
          {t("form.summaryHint")}
        </p>
        <textarea
          {...summaryProps}
          key={summaryProps.key}
          rows={3}
          aria-describedby={[`${fields.summary.id}-hint`, fields.summary.errors?.length ? fields.summary.errorId : null].filter(Boolean).join(" ")}
        />
        <ErrorList id={fields.summary.errorId} errors={fields.summary.errors} />
      </div>
      <Field label={t("form.topics")} field={fields.topics} hint={t("form.topicsHint")} />
      <fieldset className="inline-fields">
        <legend>{t("form.period")}</legend>
        <Field label={t("form.periodStart")} field={fields.periodStart} type="date" />
        <Field label={t("form.periodEnd")} field={fields.periodEnd} type="date" />
      </fieldset>
      <RichTextEditor
        name="body"
        id="brief-body"
        label={t("form.body")}
        hint={t("form.bodyHint")}
        profile="document"
        defaultJson={defaults?.bodyJson}
        defaultText={typedText}
        errors={bodyErrors}
        rows={16}
      />
      {needsReason ? (
        <Field label={t("form.reason")} field={fields.reason} hint={t("form.reasonHint")} inputProps={{ required: true, maxLength: 300 }} />
      ) : null}
      <div className="actions">
        <button type="submit" disabled={navigation.state === "submitting"}>
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}
