import { parseWithZod } from "@conform-to/zod";
import { json } from "@remix-run/node";
import { readRichTextField, richTextErrorKey, type RichText } from "~/modules/richtext/index.server";
import { ConsultationFormSchema } from "./schemas";
import type { ConsultationInput } from "./service.server";
import { parseDateTimeInput } from "~/utils/clock";

/** Reads the staff consultation form; on a problem, the 400 response to return. */
export function readConsultationForm(formData: FormData) {
  const submission = parseWithZod(formData, { schema: ConsultationFormSchema });
  const errors: Record<string, string[]> = submission.status === "error" ? ((submission.error ?? {}) as Record<string, string[]>) : {};
  const notice = readRichTextField(formData, "notice", "document");
  if (!notice) errors.notice = ["consultations:errors.noticeRequired"];
  else if (!notice.ok) errors.notice = [richTextErrorKey(notice.error)];
  const summary = readRichTextField(formData, "summary", "document");
  if (summary && !summary.ok && summary.error !== "empty") errors.summary = [richTextErrorKey(summary.error)];
  let opensAt: Date | null = null;
  let closesAt: Date | null = null;
  if (submission.status === "success") {
    opensAt = parseDateTimeInput(submission.value.opensAt);
    closesAt = parseDateTimeInput(submission.value.closesAt);
    if (!opensAt) errors.opensAt = ["consultations:errors.invalidDate"];
    if (!closesAt) errors.closesAt = ["consultations:errors.invalidDate"];
    if (opensAt && closesAt && closesAt <= opensAt) errors.closesAt = ["consultations:errors.closeAfterOpen"];
  }
  if (submission.status !== "success" || Object.keys(errors).length) {
    return { ok: false as const, response: json({ result: submission.reply({ fieldErrors: errors, hideFields: ["notice", "summary"] }) }, { status: 400 }) };
  }
  const input: ConsultationInput = {
    title: submission.value.title,
    partners: submission.value.partners,
    opensAt: opensAt!,
    closesAt: closesAt!,
    notice: notice as RichText,
    summary: summary?.ok ? summary : null,
  };
  return { ok: true as const, input };
}
