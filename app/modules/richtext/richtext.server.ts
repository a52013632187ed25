import { getSchema, type Extensions, type JSONContent } from "@tiptap/core";
import { generateHTML } from "@tiptap/html/server";
import { Node as PMNode, type Schema } from "@tiptap/pm/model";
import sanitizeHtml from "sanitize-html";
import { extensionsFor, isSafeImageSrc, isSafeLinkHref, MAX_DEPTH, MAX_JSON_CHARS, plainTextOf, plainTextToDoc, type RichTextProfile } from "./extensions";

export type RichTextError = "empty" | "too_large" | "malformed" | "too_deep" | "invalid_schema" | "disallowed_link" | "disallowed_image";

export type RichText = { doc: JSONContent; html: string; text: string };
export type RichTextResult = ({ ok: true } & RichText) | { ok: false; error: RichTextError; detail?: string };

/** The i18n key of an error, for field errors ("richtext:errors.disallowed_link"). */
export const richTextErrorKey = (error: RichTextError) => `richtext:errors.${error}`;

const cache = new Map<RichTextProfile, { extensions: Extensions; schema: Schema }>();
function schemaFor(profile: RichTextProfile) {
  let entry = cache.get(profile);
  if (!entry) {
    const extensions = extensionsFor(profile);
    entry = { extensions, schema: getSchema(extensions) };
    cache.set(profile, entry);
  }
  return entry;
}

// The second wall: whatever the renderer produced, only these tags, attributes and schemes survive.
const SANITIZE: Record<RichTextProfile, sanitizeHtml.IOptions> = {
  document: {
    allowedTags: [
      "p",
      "br",
      "h2",
      "h3",
      "h4",
      "strong",
      "em",
      "s",
      "a",
      "ul",
      "ol",
      "li",
      "blockquote",
      "hr",
      "table",
      "colgroup",
      "col",
      "thead",
      "tbody",
      "tr",
      "th",
      "td",
      "figure",
      "img",
      "figcaption",
    ],
    allowedAttributes: { a: ["href", "rel"], img: ["src", "alt"], th: ["colspan", "rowspan"], td: ["colspan", "rowspan"], ol: ["start"], figure: ["class"] },
    allowedClasses: { figure: ["rt-figure"] },
    allowedSchemes: ["http", "https", "mailto"],
    allowedSchemesByTag: { img: ["https"] },
    allowProtocolRelative: false,
    disallowedTagsMode: "discard",
    transformTags: { a: sanitizeHtml.simpleTransform("a", { rel: "noopener noreferrer nofollow" }) },
  },
  comment: {
    allowedTags: ["p", "br", "strong", "em", "a", "ul", "ol", "li"],
    allowedAttributes: { a: ["href", "rel"], ol: ["start"] },
    allowedSchemes: ["http", "https", "mailto"],
    allowProtocolRelative: false,
    disallowedTagsMode: "discard",
    transformTags: { a: sanitizeHtml.simpleTransform("a", { rel: "noopener noreferrer nofollow ugc" }) },
  },
};

/** Depth of nested arrays/objects, iteratively (a hostile document must not overflow the stack). */
function tooDeep(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (d > max) return true;
    if (v && typeof v === "object") for (const child of Object.values(v as object)) if (child && typeof child === "object") stack.push([child, d + 1]);
  }
  return false;
}

// Control characters (other than tab and newline) have no place in text, and PostgreSQL refuses NUL outright.
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** Removes control characters from every string of a parsed JSON value, in place (iteratively). */
function stripControlChars(value: unknown) {
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (!v || typeof v !== "object") continue;
    const entries = Array.isArray(v) ? v.entries() : Object.entries(v as Record<string, unknown>);
    for (const [key, child] of entries) {
      if (typeof child === "string") (v as Record<string | number, unknown>)[key] = child.replace(CONTROL_CHARS, "");
      else if (child && typeof child === "object") stack.push(child);
    }
  }
}

/**
 * The one door for rich text coming from a client. Takes the editor's ProseMirror JSON (a
 * string or an already parsed value), checks it against the profile's schema (unknown node
 * types, marks and attributes are refused), refuses links that are not http/https/mailto
 * and images that are not https or same-site, renders HTML once, and sanitizes it again.
 * Never throws: every problem is a `{ ok: false, error }`.
 */
export function parseRichText(input: unknown, profile: RichTextProfile): RichTextResult {
  let value: unknown = input;
  if (typeof input === "string") {
    if (input.length > MAX_JSON_CHARS[profile]) return { ok: false, error: "too_large" };
    if (!input.trim()) return { ok: false, error: "empty" };
    try {
      value = JSON.parse(input);
    } catch {
      return { ok: false, error: "malformed" };
    }
  } else {
    try {
      const serialized = JSON.stringify(input ?? null);
      if (serialized.length > MAX_JSON_CHARS[profile]) return { ok: false, error: "too_large" };
      // A copy: the caller's object is never changed by the clean-up below.
      value = JSON.parse(serialized);
    } catch {
      return { ok: false, error: "malformed" };
    }
  }
  if (!value || typeof value !== "object" || Array.isArray(value) || (value as { type?: unknown }).type !== "doc") {
    return { ok: false, error: "malformed" };
  }
  // Our own structure has ~4 levels per table cell and nodes hold content+marks+attrs: 3 JSON levels per node.
  if (tooDeep(value, MAX_DEPTH * 3)) return { ok: false, error: "too_deep" };
  stripControlChars(value);

  const { schema, extensions } = schemaFor(profile);
  let doc: PMNode;
  try {
    doc = PMNode.fromJSON(schema, value);
    doc.check();
  } catch (error) {
    return { ok: false, error: "invalid_schema", detail: error instanceof Error ? error.message.slice(0, 200) : undefined };
  }

  let problem: RichTextError | null = null;
  doc.descendants((node) => {
    if (problem) return false;
    if (node.type.name === "figure" && !isSafeImageSrc(node.attrs.src)) problem = "disallowed_image";
    for (const mark of node.marks) if (mark.type.name === "link" && !isSafeLinkHref(mark.attrs.href)) problem = "disallowed_link";
    return true;
  });
  if (problem) return { ok: false, error: problem };

  const json = doc.toJSON() as JSONContent;
  const text = plainTextOf(json);
  const hasFigure = (() => {
    let found = false;
    doc.descendants((n) => {
      if (n.type.name === "figure" || n.type.name === "horizontalRule") found = true;
      return !found;
    });
    return found;
  })();
  if (!text.trim() && !hasFigure) return { ok: false, error: "empty" };

  let html: string;
  try {
    html = generateHTML(json, extensions);
  } catch (error) {
    return { ok: false, error: "invalid_schema", detail: error instanceof Error ? error.message.slice(0, 200) : undefined };
  }
  return { ok: true, doc: json, html: sanitizeRichHtml(html, profile), text };
}

/** Sanitizes HTML with a profile's allowlist (the second wall; also for re-rendering stored HTML). */
function sanitizeRichHtml(html: string, profile: RichTextProfile) {
  return sanitizeHtml(html, SANITIZE[profile]);
}

/** Text typed in the no-JavaScript textarea becomes paragraphs, then goes through the same door. */
export function richTextFromPlainText(text: string, profile: RichTextProfile): RichTextResult {
  if (text.length > MAX_JSON_CHARS[profile] / 2) return { ok: false, error: "too_large" };
  return parseRichText(plainTextToDoc(text), profile);
}

/**
 * Reads a rich-text form field written by <RichTextEditor name="body">: the editor posts its
 * JSON as `body`; without JavaScript the textarea posts plain text as `body__text`.
 * Returns null when neither is present.
 */
export function readRichTextField(formData: FormData, name: string, profile: RichTextProfile): RichTextResult | null {
  const json = formData.get(name);
  if (typeof json === "string" && json.trim() !== "") return parseRichText(json, profile);
  const text = formData.get(`${name}__text`);
  if (typeof text === "string" && text.trim() !== "") return richTextFromPlainText(text, profile);
  if (json !== null || text !== null) return { ok: false, error: "empty" };
  return null;
}
