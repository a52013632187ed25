import sanitizeHtml from "sanitize-html";
import type { RichDoc } from "~/db/schema";

/*
 * Stand-in for the shared rich-text module (tiptap JSON validated, rendered and sanitized),
 * which is being built on another branch. The meetings module only ever calls these two
 * functions, so the lead can swap them for the shared module at merge.
 *
 * Input is plain text from a <textarea> (works without JavaScript). No HTML from a client is
 * trusted: the text is escaped, turned into a ProseMirror doc of paragraphs (blank lines
 * separate paragraphs, single newlines become hard breaks) and rendered to HTML here.
 */

type TextNode = { type: "text"; text: string };
type HardBreak = { type: "hardBreak" };
type Paragraph = { type: "paragraph"; content?: (TextNode | HardBreak)[] };

const MAX_CHARS = 100_000;

function escapeHtml(text: string) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

export function toRichText(plainText: string): { doc: RichDoc; html: string; text: string } {
  // Control characters (other than newlines and tabs) have no place in minutes.
  // eslint-disable-next-line no-control-regex
  const cleaned = plainText.slice(0, MAX_CHARS).replace(/\r\n?/g, "\n").replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "");
  const blocks = cleaned
    .split(/\n[ \t]*\n+/)
    .map((b) => b.replace(/^\n+|\n+$/g, ""))
    .filter((b) => b.trim().length > 0);
  const paragraphs: Paragraph[] = blocks.map((block) => {
    const lines = block.split("\n");
    const content: (TextNode | HardBreak)[] = [];
    lines.forEach((line, i) => {
      if (i > 0) content.push({ type: "hardBreak" });
      if (line.length) content.push({ type: "text", text: line });
    });
    return { type: "paragraph", content };
  });
  const rawHtml = paragraphs
    .map((p) => `<p>${(p.content ?? []).map((n) => (n.type === "text" ? escapeHtml(n.text) : "<br>")).join("")}</p>`)
    .join("");
  // Second wall: the rendered HTML passes the allowlist even though it was built from escaped text.
  const html = sanitizeHtml(rawHtml, { allowedTags: ["p", "br"], allowedAttributes: {} });
  return { doc: { type: "doc", content: paragraphs }, html, text: blocks.join("\n\n") };
}

/** Back from a stored doc to the textarea's text, for editing. */
export function richTextToPlain(doc: RichDoc | null | undefined): string {
  if (!doc || !Array.isArray(doc.content)) return "";
  return (doc.content as Paragraph[])
    .map((p) => (p.content ?? []).map((n) => (n.type === "text" ? n.text : n.type === "hardBreak" ? "\n" : "")).join(""))
    .join("\n\n");
}
