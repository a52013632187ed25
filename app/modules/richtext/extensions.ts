import { mergeAttributes, Node, type Extensions } from "@tiptap/core";
import { TableKit } from "@tiptap/extension-table";
import StarterKit from "@tiptap/starter-kit";

/**
 * THE allowlist of rich text: the editor (browser) and the server (validation and
 * rendering) build their schema from these two lists only. Anything not here does not
 * exist: an unknown node or mark in submitted JSON is refused.
 */

export const LINK_PROTOCOLS = ["http", "https", "mailto"] as const;

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

/** A figure: an image with alt text and a caption (both plain text, escaped when rendered). */
export const Figure = Node.create({
  name: "figure",
  group: "block",
  atom: true,
  draggable: true,
  addAttributes() {
    return {
      src: { default: "" },
      alt: { default: "" },
      caption: { default: "" },
    };
  },
  parseHTML() {
    return [
      {
        tag: "figure",
        getAttrs: (el) => {
          const element = el as HTMLElement;
          const img = element.querySelector("img");
          return {
            src: img?.getAttribute("src") ?? "",
            alt: img?.getAttribute("alt") ?? "",
            caption: element.querySelector("figcaption")?.textContent ?? "",
          };
        },
      },
    ];
  },
  renderHTML({ node, HTMLAttributes }) {
    const { src, alt, caption, ...rest } = HTMLAttributes as Record<string, string>;
    void src;
    void alt;
    void caption;
    return [
      "figure",
      mergeAttributes(rest, { class: "rt-figure" }),
      ["img", { src: node.attrs.src as string, alt: node.attrs.alt as string }],
      ["figcaption", {}, String(node.attrs.caption ?? "")],
    ];
  },
});

const linkOptions = {
  openOnClick: false,
  autolink: false,
  linkOnPaste: false,
  protocols: [],
  defaultProtocol: "https",
  HTMLAttributes: { target: null, rel: "noopener noreferrer nofollow", class: null },
  isAllowedUri: (url: string) => isSafeLinkHref(url),
};

/** Briefs, consultation notices, minutes, responses: headings, lists, links, tables, quotes, figures. */
export function documentExtensions(): Extensions {
  return [
    StarterKit.configure({
      heading: { levels: [2, 3, 4] },
      code: false,
      codeBlock: false,
      underline: false,
      link: linkOptions,
    }),
    TableKit.configure({ table: { resizable: false } }),
    Figure,
  ];
}

/** Comments: bold, italic, lists, links. Nothing else. */
export function commentExtensions(): Extensions {
  return [
    StarterKit.configure({
      heading: false,
      blockquote: false,
      code: false,
      codeBlock: false,
      horizontalRule: false,
      strike: false,
      underline: false,
      link: linkOptions,
    }),
  ];
}

export type RichTextProfile = "document" | "comment";

export function extensionsFor(profile: RichTextProfile): Extensions {
  return profile === "comment" ? commentExtensions() : documentExtensions();
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
