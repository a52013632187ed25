import { json } from "@remix-run/node";
import { BriefFormSchema } from "./schemas";
import { parseWithZod } from "@conform-to/zod";
import { readRichTextField, richTextErrorKey, type RichText } from "~/modules/richtext/index.server";

/**
 * Reads the brief form: plain fields through zod (conform), the body through the richtext
 * module. On any problem returns the 400 response to send back (what was typed is kept,
 * except a refused JSON body, which the editor in the page still holds).
 */
export function readBriefForm(formData: FormData) {
  const submission = parseWithZod(formData, { schema: BriefFormSchema });
  const body = readRichTextField(formData, "body", "document");
  const bodyError = !body ? "briefs:errors.bodyRequired" : !body.ok ? richTextErrorKey(body.error) : null;
  const typed = formData.get("body__text");
  const hideFields = ["body", ...(typeof typed === "string" && typed.length > 100_000 ? ["body__text"] : [])];
  if (submission.status !== "success" || bodyError || !body?.ok) {
    const fieldErrors = { ...(submission.status === "error" ? (submission.error ?? {}) : {}), ...(bodyError ? { body: [bodyError] } : {}) } as Record<
      string,
      string[]
    >;
    return { ok: false as const, response: json({ result: submission.reply({ fieldErrors, hideFields }) }, { status: 400 }) };
  }
  return { ok: true as const, submission, values: submission.value, body: body as RichText };
}
