import { mergeAttributes, Node, type Extensions } from "@tiptap/core";
import { TableKit } from "@tiptap/extension-table";
import StarterKit from "@tiptap/starter-kit";
import { isSafeLinkHref } from "./text";
import type { RichTextProfile } from "./text";
export type { RichTextProfile } from "./text";
export { isSafeImageSrc, isSafeLinkHref, MAX_DEPTH, MAX_JSON_CHARS, plainTextOf, plainTextToDoc, type JsonNode } from "./text";

/**
 * THE allowlist of rich text: the editor (browser) and the server (validation and
 * rendering) build their schema from these two lists only. Anything not here does not
 * exist: an unknown node or mark in submitted JSON is refused.
 */

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
function documentExtensions(): Extensions {
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
function commentExtensions(): Extensions {
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

export function extensionsFor(profile: RichTextProfile): Extensions {
  return profile === "comment" ? commentExtensions() : documentExtensions();
}
