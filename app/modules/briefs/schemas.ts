import { z } from "zod";
import { parseDateTimeInput } from "~/utils/clock";

const dateString = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "common:errors.invalid")
  .refine((v) => !Number.isNaN(new Date(`${v}T00:00:00Z`).getTime()), "common:errors.invalid")
  .optional();

/** The plain fields of the brief form (the body is rich text, read by the richtext module). */
export const BriefFormSchema = z
  .object({
    title: z.string({ required_error: "common:errors.required" }).trim().min(3, "common:errors.tooShort").max(200, "common:errors.tooLong"),
    summary: z.string({ required_error: "common:errors.required" }).trim().min(10, "common:errors.tooShort").max(1500, "common:errors.tooLong"),
    topics: z
      .string()
      .max(500, "common:errors.tooLong")
      .optional()
      .transform((v) =>
        [
          ...new Set(
            (v ?? "")
              .split(",")
              .map((s) => s.trim().toLowerCase())
              .filter(Boolean),
          ),
        ]
          .slice(0, 12)
          .map((s) => s.slice(0, 40)),
      ),
    periodStart: dateString,
    periodEnd: dateString,
    reason: z.string().trim().max(300, "common:errors.tooLong").optional(),
  })
  .refine((v) => !v.periodStart || !v.periodEnd || v.periodStart <= v.periodEnd, { path: ["periodEnd"], message: "briefs:errors.periodOrder" });

export type BriefFormValues = z.infer<typeof BriefFormSchema>;

/** A date-time typed in the office's time zone, or null when left empty (now). */
const officeDateTime = z
  .string()
  .trim()
  .max(40, "common:errors.tooLong")
  .optional()
  .transform((v, ctx) => {
    if (!v) return null;
    const date = parseDateTimeInput(v);
    if (!date) ctx.addIssue({ code: z.ZodIssueCode.custom, message: "briefs:errors.invalidDate" });
    return date;
  });

/** The brief page's workflow buttons (the "save" form is BriefFormSchema). */
export const BriefWorkflowSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("cab_review"), embargoUntil: officeDateTime }),
  z.object({ intent: z.literal("publish"), publishAt: officeDateTime }),
  z.object({ intent: z.literal("nudge") }),
]);

const BRIEF_STATUSES = ["draft", "cab_review", "public"] as const;
export type BriefStatus = (typeof BRIEF_STATUSES)[number];
