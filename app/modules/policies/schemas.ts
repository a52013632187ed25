import { z } from "zod";

const REQUIRED = { required_error: "common:errors.required", invalid_type_error: "common:errors.invalid" };
const day = z.string(REQUIRED).regex(/^\d{4}-\d{2}-\d{2}$/, "policies:errors.date");

export const PolicyVersionSchema = z
  .object({
    kind: z.enum(["documented_concern", "connection_to_violence"], { errorMap: () => ({ message: "common:errors.invalid" }) }),
    name: z.string(REQUIRED).trim().min(1, "common:errors.required").max(200, "common:errors.tooLong"),
    text: z.string(REQUIRED).trim().min(1, "common:errors.required").max(20000, "common:errors.tooLong"),
    effectiveFrom: day,
    effectiveTo: day.optional(),
    checklist: z.string(REQUIRED).max(5000, "common:errors.tooLong").optional(),
  })
  .superRefine((v, ctx) => {
    if (v.effectiveTo && v.effectiveTo <= v.effectiveFrom) ctx.addIssue({ code: "custom", path: ["effectiveTo"], message: "policies:errors.toBeforeFrom" });
    if (v.kind === "documented_concern" && !checklistLines(v.checklist).length)
      ctx.addIssue({ code: "custom", path: ["checklist"], message: "policies:errors.checklistRequired" });
  });

export function checklistLines(text: string | undefined) {
  return (text ?? "")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, 30);
}

export const LookupSchema = z
  .object({
    place: z.string(REQUIRED).trim().min(1, "common:errors.required").max(200, "common:errors.tooLong"),
    from: day,
    to: day,
  })
  .refine((v) => v.from <= v.to, { path: ["to"], message: "policies:errors.toBeforeFrom" });

export const CitationSchema = z.object({
  intent: z.literal("cite"),
  caseRef: z.string(REQUIRED).trim().min(1, "common:errors.required").max(100, "common:errors.tooLong"),
  decision: z.enum(["filed", "declined"], { errorMap: () => ({ message: "common:errors.required" }) }),
  policyVersionId: z.string(REQUIRED).uuid("common:errors.invalid"),
  decidedOn: day,
  documentationIds: z.array(z.string().uuid("common:errors.invalid")).max(200).optional(),
  note: z.string(REQUIRED).trim().max(2000, "common:errors.tooLong").optional(),
});
