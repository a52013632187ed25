import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { useEffect, useRef, type InputHTMLAttributes, type MouseEvent, type ReactNode, type TextareaHTMLAttributes } from "react";
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
 *
 * With `fieldIds` (field name → the id of its input, in the form's order) each message links to
 * its field, and following the link puts the cursor in it. With `autoFocus` the summary takes
 * focus when it appears: on a page rendered after a failed POST without JavaScript too (the
 * `autofocus` attribute), and after each failed submission with it.
 */
export function ErrorSummary({
  error,
  fieldIds,
  autoFocus = false,
}: {
  error?: Record<string, string[] | null> | null;
  fieldIds?: Record<string, string>;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const entries: { message: string; href?: string }[] = [];
  const seen = new Set<string>();
  const add = (message: string, id?: string) => {
    if (seen.has(message)) return;
    seen.add(message);
    entries.push({ message, href: id ? `#${id}` : undefined });
  };
  for (const [name, id] of Object.entries(fieldIds ?? {})) for (const m of error?.[name] ?? []) add(m, id);
  for (const messages of Object.values(error ?? {})) for (const m of messages ?? []) add(m);
  useEffect(() => {
    if (autoFocus && error && Object.values(error).some((m) => m?.length)) ref.current?.focus();
  }, [error, autoFocus]);
  if (!entries.length) return null;
  return (
    <div
      ref={ref}
      className="alert alert-error error-summary"
      role="alert"
      aria-labelledby="error-summary-title"
      tabIndex={autoFocus ? -1 : undefined}
      autoFocus={autoFocus}
    >
      <h2 id="error-summary-title">{t("common:errors.summaryTitle")}</h2>
      <ul>
        {entries.map(({ message, href }) => (
          <li key={message}>
            {href ? (
              <a href={href} onClick={(event) => focusField(event, href.slice(1))}>
                {t(message)}
              </a>
            ) : (
              t(message)
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A summary link puts the cursor in its field and brings the field's label (or legend) into view. */
function focusField(event: MouseEvent<HTMLAnchorElement>, id: string) {
  const input = document.getElementById(id);
  if (!input) return;
  event.preventDefault();
  const legend = input.closest("fieldset")?.querySelector("legend");
  const label = legend && input.getAttribute("type") === "radio" ? legend : document.querySelector(`label[for="${CSS.escape(id)}"]`);
  (label ?? input).scrollIntoView({ block: "start" });
  input.focus({ preventScroll: true });
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
