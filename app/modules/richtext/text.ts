/** Rich-text helpers with no tiptap import: safe for any page bundle. */

export type RichTextProfile = "document" | "comment";

const LINK_PROTOCOLS = ["http", "https", "mailto"] as const;

/** Links may only go to http, https or mailto. */
export function isSafeLinkHref(href: unknown): href is string {
  if (typeof href !== "string" || href.length > 2000) return false;
  try {
    const url = new URL(href.trim());
    return (LINK_PROTOCOLS as readonly string[]).includes(url.protocol.replace(/:$/, "")) && href.trim() === href;
  } catch {
    return false;
  }
}

/** Images come from https or from this site (a path starting with one slash); never data: or javascript:. */
export function isSafeImageSrc(src: unknown): src is string {
  if (typeof src !== "string" || src.length > 2000 || src !== src.trim()) return false;
  if (/^\/(?![/\\])/.test(src)) return !/[\s"'<>\\]/.test(src);
  try {
    return new URL(src).protocol === "https:";
  } catch {
    return false;
  }
}

/** Size limits of the submitted JSON text, per profile. */
export const MAX_JSON_CHARS: Record<RichTextProfile, number> = { document: 400_000, comment: 20_000 };
export const MAX_DEPTH = 40;

export type JsonNode = { type?: string; text?: string; content?: JsonNode[]; attrs?: Record<string, unknown>; marks?: unknown[] };

/** Plain text of a ProseMirror JSON document, one line per block (no schema needed: used in the browser too). */
export function plainTextOf(doc: unknown): string {
  const lines: string[] = [];
  let current = "";
  const BLOCKS = new Set(["paragraph", "heading", "listItem", "blockquote", "tableRow", "figure"]);
  const walk = (node: JsonNode, depth: number) => {
    if (!node || typeof node !== "object" || depth > MAX_DEPTH) return;
    if (node.type === "text" && typeof node.text === "string") current += node.text;
    else if (node.type === "hardBreak") current += "\n";
    else if (node.type === "figure") {
      lines.push(current, String(node.attrs?.caption ?? ""));
      current = "";
    }
    if (Array.isArray(node.content)) {
      for (const child of node.content) {
        walk(child, depth + 1);
        if (child && (node.type === "tableRow" || node.type === "tableCell" || node.type === "tableHeader")) current += current ? " " : "";
      }
    }
    if (node.type && BLOCKS.has(node.type) && current) {
      lines.push(current.trimEnd());
      current = "";
    }
  };
  walk(doc as JsonNode, 0);
  if (current) lines.push(current);
  return lines.filter((l) => l.trim() !== "").join("\n");
}

/** Paragraphs from plain text: blank lines separate paragraphs, single newlines become line breaks. */
export function plainTextToDoc(text: string): JsonNode {
  const paragraphs = text
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return {
    type: "doc",
    content: paragraphs.length
      ? paragraphs.map((p) => {
          const lines = p.split("\n");
          const content: JsonNode[] = [];
          lines.forEach((line, i) => {
            if (i > 0) content.push({ type: "hardBreak" });
            if (line) content.push({ type: "text", text: line });
          });
          return { type: "paragraph", content };
        })
      : [{ type: "paragraph" }],
  };
}
