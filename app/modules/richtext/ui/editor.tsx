import { lazy, Suspense, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "~/components/form";
import { plainTextOf, type RichTextProfile } from "../text";

// The tiptap bundle is fetched only when an editor is on the page and JavaScript runs.
const TiptapEditor = lazy(() => import("./tiptap-editor"));

export type RichTextEditorProps = {
  /** Form field name: the editor posts JSON as `name`; the no-JS textarea posts `name__text`. */
  name: string;
  id?: string;
  label: string;
  profile: RichTextProfile;
  /** Stored ProseMirror JSON (object or string) to start from. */
  defaultJson?: unknown;
  /** Plain text typed earlier without JavaScript (wins over defaultJson when present). */
  defaultText?: string | null;
  hint?: string;
  errors?: string[] | null;
  rows?: number;
};

function parseJson(value: unknown): unknown {
  if (typeof value !== "string") return value ?? null;
  try {
    return JSON.parse(value);
  } catch {
    return null;
  }
}

/**
 * A rich-text field. Server-rendered (and without JavaScript) it is a plain textarea whose
 * text the server turns into paragraphs; in the browser it becomes a tiptap editor that
 * submits ProseMirror JSON in a hidden input. Whatever was typed in the textarea before the
 * editor loaded is carried into the editor.
 */
export function RichTextEditor({ name, id = name, label, profile, defaultJson, defaultText, hint, errors, rows = 8 }: RichTextEditorProps) {
  const { t } = useTranslation("richtext");
  const initialDoc = parseJson(defaultJson);
  const initialText = defaultText ?? (initialDoc ? plainTextOf(initialDoc) : "");
  const [text, setText] = useState(initialText);
  const [enhanced, setEnhanced] = useState(false);
  useEffect(() => setEnhanced(true), []);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = `${id}-error`;
  const describedBy = [hintId, errors?.length ? errorId : undefined].filter(Boolean).join(" ") || undefined;

  const textarea = (
    <textarea
      id={id}
      name={`${name}__text`}
      rows={rows}
      value={text}
      onChange={(e) => setText(e.target.value)}
      aria-describedby={describedBy}
      aria-invalid={errors?.length ? true : undefined}
    />
  );

  return (
    <div className="field richtext-field">
      <label htmlFor={id} id={`${id}-label`}>
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      {enhanced ? (
        <Suspense fallback={textarea}>
          <TiptapEditor
            name={name}
            id={id}
            profile={profile}
            initialDoc={text !== initialText || !initialDoc ? null : initialDoc}
            initialText={text}
            describedBy={describedBy}
            invalid={Boolean(errors?.length)}
            labels={{
              toolbar: t("toolbar.label"),
              bold: t("toolbar.bold"),
              italic: t("toolbar.italic"),
              h2: t("toolbar.h2"),
              h3: t("toolbar.h3"),
              bulletList: t("toolbar.bulletList"),
              orderedList: t("toolbar.orderedList"),
              blockquote: t("toolbar.blockquote"),
              link: t("toolbar.link"),
              linkPrompt: t("toolbar.linkPrompt"),
              unlink: t("toolbar.unlink"),
              table: t("toolbar.table"),
              figure: t("toolbar.figure"),
              figureSrc: t("toolbar.figureSrc"),
              figureAlt: t("toolbar.figureAlt"),
              figureCaption: t("toolbar.figureCaption"),
              insert: t("toolbar.insert"),
            }}
          />
        </Suspense>
      ) : (
        textarea
      )}
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}
