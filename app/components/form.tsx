import { getInputProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from "react";
import { useTranslation } from "react-i18next";

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
  const describedBy = [hintId, field.errors?.length ? field.errorId : undefined].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      <input {...props} key={props.key} aria-describedby={describedBy} {...inputProps} />
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
  const describedBy = [hintId, field.errors?.length ? field.errorId : undefined].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      <textarea {...props} key={props.key} aria-describedby={describedBy} {...textareaProps} />
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}
