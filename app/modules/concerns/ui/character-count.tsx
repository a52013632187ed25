import { getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "~/components/form";

/**
 * A textarea with GOV.UK's character count. Nothing is ever cut: without JavaScript the hint says
 * the limit (and the server refuses a longer text, keeping it); with it, a live count says how many
 * characters are left or how many too many, and a screen reader hears it once typing pauses.
 * The count is the text's length as the server counts it (line breaks as one character).
 */
export function CharacterCount({
  label,
  hint,
  field,
  max,
  rows = 6,
  autoFocus,
}: {
  label: ReactNode;
  hint?: ReactNode;
  field: FieldMetadata<unknown>;
  max: number;
  rows?: number;
  autoFocus?: boolean;
}) {
  const { t, i18n } = useTranslation("concerns");
  const hintId = `${field.id}-hint`;
  const infoId = `${field.id}-info`;
  const { maxLength: _cut, ...props } = getTextareaProps(field as FieldMetadata<string>, { ariaAttributes: true });
  const [length, setLength] = useState<number | null>(null);
  const [announced, setAnnounced] = useState("");
  const ref = useRef<HTMLTextAreaElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const lng = i18n.language;
  const formatted = (n: number) => {
    const count = Math.abs(max - n);
    return t(n <= max ? "count.remaining" : "count.over", { count, n: count.toLocaleString(lng) });
  };

  useEffect(() => {
    if (ref.current) setLength(countOf(ref.current.value));
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, []);

  const over = length !== null && length > max;
  const invalid = Boolean(field.errors?.length) || over;
  return (
    <div className="field character-count">
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      <textarea
        {...props}
        key={props.key}
        ref={ref}
        rows={rows}
        autoFocus={autoFocus}
        aria-invalid={invalid || undefined}
        aria-describedby={[hint ? hintId : "", infoId, field.errors?.length ? field.errorId : ""].filter(Boolean).join(" ")}
        onInput={(event) => {
          const n = countOf(event.currentTarget.value);
          setLength(n);
          if (timer.current) clearTimeout(timer.current);
          timer.current = setTimeout(() => setAnnounced(formatted(n)), 1000);
        }}
      />
      {/* The limit, always there for screen readers; shown without JavaScript, where there is no count. */}
      <p id={infoId} className={length === null ? "hint" : "visually-hidden"}>
        {t("count.limit", { max: max.toLocaleString(lng) })}
      </p>
      {length !== null ? (
        <>
          <p className={`character-count-message${over ? " over" : " hint"}`} aria-hidden="true" data-testid="character-count">
            {formatted(length)}
          </p>
          <p className="visually-hidden" role="status" aria-live="polite">
            {announced}
          </p>
        </>
      ) : null}
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

/** The length the server checks: CRLF counts as one line break. */
function countOf(value: string) {
  return value.replace(/\r\n?/g, "\n").length;
}
