import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from "react";
import { useTranslation } from "react-i18next";

/** The hint's id and the error list's id (when there are errors), for aria-describedby. */
function describedBy(field: FieldMetadata<unknown>, hintId?: string) {
  return [hintId, field.errors?.length ? field.errorId : undefined].filter(Boolean).join(" ") || undefined;
}

function Hint({ id, hint }: { id?: string; hint?: ReactNode }) {
  return hint ? (
    <p id={id} className="hint">
      {hint}
    </p>
  ) : null;
}

/** Error messages are i18n keys ("common:errors.required"), translated where shown. */
export function ErrorList({ id, errors }: { id?: string; errors?: string[] | null }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <ul id={id} className="field-errors">
      {errors.map((e) => (
        <li key={e}>{t(e)}</li>
      ))}
    </ul>
  );
}

type InputType = "text" | "email" | "password" | "url" | "tel" | "date" | "datetime-local" | "number" | "search" | "time";

export function Field({
  label,
  field,
  type = "text",
  hint,
  inputProps,
}: {
  label: ReactNode;
  field: FieldMetadata<unknown>;
  type?: InputType;
  hint?: ReactNode;
  inputProps?: InputHTMLAttributes<HTMLInputElement>;
}) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const props = getInputProps(field as FieldMetadata<string>, { type, ariaAttributes: true });
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      <Hint id={hintId} hint={hint} />
      <input {...props} key={props.key} aria-describedby={describedBy(field, hintId)} {...inputProps} />
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

export function FormErrors({ errors, id }: { errors?: string[] | null; id?: string }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <div className="alert alert-error" role="alert" id={id}>
      {errors.map((e) => (
        <p key={e}>{t(e)}</p>
      ))}
    </div>
  );
}

/**
 * "There is a problem": every message of a failed submission in one place at the top of the page
 * (GOV.UK's error summary), so a refusal is seen even when it concerns a form or a field the page
 * does not show (an unknown intent, a form of another state).
 */
export function ErrorSummary({ error }: { error?: Record<string, string[] | null> | null }) {
  const { t } = useTranslation();
  const messages = [...new Set(Object.values(error ?? {}).flatMap((m) => m ?? []))];
  if (!messages.length) return null;
  return (
    <div className="alert alert-error error-summary" role="alert">
      <h2>{t("common:errors.summaryTitle")}</h2>
      <ul>
        {messages.map((m) => (
          <li key={m}>{t(m)}</li>
        ))}
      </ul>
    </div>
  );
}

/** A labelled textarea with hint and errors, wired for aria like `Field`. */
export function TextAreaField({
  label,
  field,
  hint,
  textareaProps,
}: {
  label: ReactNode;
  field: FieldMetadata<unknown>;
  hint?: ReactNode;
  textareaProps?: TextareaHTMLAttributes<HTMLTextAreaElement>;
}) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const props = getTextareaProps(field as FieldMetadata<string>, { ariaAttributes: true });
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      <Hint id={hintId} hint={hint} />
      <textarea {...props} key={props.key} aria-describedby={describedBy(field, hintId)} {...textareaProps} />
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

/** A labelled select with hint and errors, wired for aria like `Field`. */
export function SelectField({
  label,
  field,
  options,
  hint,
}: {
  label: ReactNode;
  field: FieldMetadata<unknown>;
  options: readonly { value: string; label: ReactNode; lang?: string }[];
  hint?: ReactNode;
}) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const props = getSelectProps(field as FieldMetadata<string>, { ariaAttributes: true });
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      <Hint id={hintId} hint={hint} />
      <select {...props} key={props.key} aria-describedby={describedBy(field, hintId)}>
        {options.map((o) => (
          <option key={o.value} value={o.value} lang={o.lang}>
            {o.label}
          </option>
        ))}
      </select>
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

/** A checkbox with its label after it, and errors. */
export function CheckboxField({ label, field }: { label: ReactNode; field: FieldMetadata<unknown> }) {
  const props = getInputProps(field as FieldMetadata<boolean>, { type: "checkbox", ariaAttributes: true });
  return (
    <div className="field field-checkbox">
      <input {...props} key={props.key} aria-describedby={describedBy(field)} />
      <label htmlFor={field.id}>{label}</label>
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

/** A radio group in a fieldset, with its errors announced. */
export function RadioGroup({
  legend,
  field,
  options,
  defaultValue,
  hint,
}: {
  legend: ReactNode;
  field: FieldMetadata<unknown>;
  options: { value: string; label: ReactNode; hint?: ReactNode }[];
  defaultValue?: string | null;
  hint?: ReactNode;
}) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const chosen = (field.initialValue as string | undefined) ?? defaultValue ?? undefined;
  return (
    <fieldset className="radio-group" aria-describedby={describedBy(field, hintId)} aria-invalid={field.errors?.length ? true : undefined}>
      <legend>{legend}</legend>
      <Hint id={hintId} hint={hint} />
      {options.map((o) => (
        <div className="radio" key={o.value}>
          <input type="radio" id={`${field.id}-${o.value}`} name={field.name} value={o.value} defaultChecked={chosen === o.value} />
          <label htmlFor={`${field.id}-${o.value}`}>
            {o.label}
            {o.hint ? <span className="hint"> — {o.hint}</span> : null}
          </label>
        </div>
      ))}
      <ErrorList id={field.errorId} errors={field.errors} />
    </fieldset>
  );
}
