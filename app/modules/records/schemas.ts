import { z } from "zod";
import { isValidDay, parseDateTimeInput } from "~/utils/clock";

const REQUIRED = { required_error: "common:errors.required", invalid_type_error: "common:errors.invalid" };
const day = z
  .string(REQUIRED)
  .trim()
  .refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && isValidDay(v), "records:errors.day");

/** Logging a records request. Received is a county date-time as a datetime-local input sends it. */
export const RecordsRequestSchema = z
  .object({
    requesterName: z.string({ required_error: "records:errors.requesterName" }).trim().min(1, "records:errors.requesterName").max(200, "common:errors.tooLong"),
    requesterContact: z
      .string({ required_error: "records:errors.requesterContact" })
      .trim()
      .min(1, "records:errors.requesterContact")
      .max(500, "common:errors.tooLong"),
    description: z.string({ required_error: "records:errors.description" }).trim().min(1, "records:errors.description").max(5000, "common:errors.tooLong"),
    receivedAt: z
      .string({ required_error: "records:errors.receivedAt" })
      .trim()
      .refine((v) => parseDateTimeInput(v) !== null, "records:errors.receivedAt"),
    periodFrom: day,
    periodTo: day,
  })
  .superRefine((v, ctx) => {
    if (v.periodFrom && v.periodTo && v.periodTo < v.periodFrom) ctx.addIssue({ code: "custom", path: ["periodTo"], message: "records:errors.periodOrder" });
  });

export const AnswerSchema = z.object({
  intent: z.literal("answer"),
  answerNote: z.string().trim().max(2000, "common:errors.tooLong").optional(),
});

export const ExportPeriodSchema = z.object({ from: day, to: day }).refine((v) => v.from <= v.to, { path: ["to"], message: "records:errors.periodOrder" });
