import { EditorContent, useEditor } from "@tiptap/react";
import { useState } from "react";
import { extensionsFor, isSafeImageSrc, isSafeLinkHref, plainTextToDoc, type RichTextProfile } from "../extensions";

export type TiptapLabels = Record<
  | "toolbar"
  | "bold"
  | "italic"
  | "h2"
  | "h3"
  | "bulletList"
  | "orderedList"
  | "blockquote"
  | "link"
  | "linkPrompt"
  | "unlink"
  | "table"
  | "figure"
  | "figureSrc"
  | "figureAlt"
  | "figureCaption"
  | "insert",
  string
>;

/** The browser-only editor (lazy-loaded by RichTextEditor). Posts its JSON in a hidden input. */
export default function TiptapEditor({
  name,
  id,
  profile,
  initialDoc,
  initialText,
  describedBy,
  invalid,
  labels,
}: {
  name: string;
  id: string;
  profile: RichTextProfile;
  initialDoc: unknown;
  initialText: string;
  describedBy?: string;
  invalid: boolean;
  labels: TiptapLabels;
}) {
  const startDoc = (initialDoc as object | null) ?? plainTextToDoc(initialText);
  const [json, setJson] = useState(() => JSON.stringify(startDoc));
  const [figure, setFigure] = useState<{ src: string; alt: string; caption: string } | null>(null);
  const editor = useEditor({
    immediatelyRender: false,
    extensions: extensionsFor(profile),
    content: startDoc as object,
    editorProps: {
      attributes: {
        id,
        role: "textbox",
        "aria-multiline": "true",
        "aria-labelledby": `${id}-label`,
        ...(describedBy ? { "aria-describedby": describedBy } : {}),
        ...(invalid ? { "aria-invalid": "true" } : {}),
        class: "richtext-content richtext-editable",
      },
    },
    onUpdate: ({ editor: e }) => setJson(JSON.stringify(e.getJSON())),
  });

  const isDoc = profile === "document";
  const button = (label: string, active: boolean, run: () => void) => (
    <button type="button" className="secondary" aria-pressed={active} onClick={run} disabled={!editor}>
      {label}
    </button>
  );

  return (
    <div className="richtext-editor">
      <input type="hidden" name={name} value={json} />
      <div role="toolbar" aria-label={labels.toolbar} className="richtext-toolbar">
        {button(labels.bold, !!editor?.isActive("bold"), () => editor?.chain().focus().toggleBold().run())}
        {button(labels.italic, !!editor?.isActive("italic"), () => editor?.chain().focus().toggleItalic().run())}
        {isDoc && button(labels.h2, !!editor?.isActive("heading", { level: 2 }), () => editor?.chain().focus().toggleHeading({ level: 2 }).run())}
        {isDoc && button(labels.h3, !!editor?.isActive("heading", { level: 3 }), () => editor?.chain().focus().toggleHeading({ level: 3 }).run())}
        {button(labels.bulletList, !!editor?.isActive("bulletList"), () => editor?.chain().focus().toggleBulletList().run())}
        {button(labels.orderedList, !!editor?.isActive("orderedList"), () => editor?.chain().focus().toggleOrderedList().run())}
        {isDoc && button(labels.blockquote, !!editor?.isActive("blockquote"), () => editor?.chain().focus().toggleBlockquote().run())}
        {button(labels.link, !!editor?.isActive("link"), () => {
          const href = window.prompt(labels.linkPrompt, (editor?.getAttributes("link").href as string | undefined) ?? "https://");
          if (href && isSafeLinkHref(href)) editor?.chain().focus().extendMarkRange("link").setLink({ href }).run();
        })}
        {button(labels.unlink, false, () => editor?.chain().focus().unsetLink().run())}
        {isDoc && button(labels.table, false, () => editor?.chain().focus().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run())}
        {isDoc && button(labels.figure, figure !== null, () => setFigure(figure ? null : { src: "", alt: "", caption: "" }))}
      </div>
      {isDoc && figure ? (
        <fieldset className="richtext-figure-form">
          <legend>{labels.figure}</legend>
          {(["src", "alt", "caption"] as const).map((key) => (
            <div className="field" key={key}>
              <label htmlFor={`${id}-figure-${key}`}>{labels[key === "src" ? "figureSrc" : key === "alt" ? "figureAlt" : "figureCaption"]}</label>
              <input id={`${id}-figure-${key}`} type="text" value={figure[key]} onChange={(e) => setFigure({ ...figure, [key]: e.target.value })} />
            </div>
          ))}
          <button
            type="button"
            disabled={!isSafeImageSrc(figure.src) || !figure.alt.trim()}
            onClick={() => {
              editor?.chain().focus().insertContent({ type: "figure", attrs: figure }).run();
              setFigure(null);
            }}
          >
            {labels.insert}
          </button>
        </fieldset>
      ) : null}
      <EditorContent editor={editor} />
    </div>
  );
}
