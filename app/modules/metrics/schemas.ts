import { z } from "zod";
import { isValidDay } from "~/utils/clock";

const text = (max: number) =>
  z.string({ required_error: "common:errors.required" }).trim().min(1, "common:errors.required").max(max, "metrics:events.errors.tooLong");
const optionalText = (max: number) => z.string().trim().max(max, "metrics:events.errors.tooLong").optional().default("");

/** A staff-recorded event marked on the dashboard's time series. */
export const MetricEventSchema = z.object({
  intent: z.literal("create"),
  occurredOn: z
    .string({ required_error: "metrics:events.errors.date" })
    .trim()
    .refine((v) => isValidDay(v) && v >= "1990-01-01" && v <= "2100-12-31", "metrics:events.errors.date"),
  titleEn: text(160),
  titleEs: text(160),
  descriptionEn: optionalText(1000),
  descriptionEs: optionalText(1000),
  appliesTo: z
    .array(z.string().regex(/^[a-z0-9_]{1,40}$/, "metrics:events.errors.appliesTo"), { required_error: "metrics:events.errors.appliesTo" })
    .min(1, "metrics:events.errors.appliesTo")
    .max(40),
});

export const DeleteMetricEventSchema = z.object({ intent: z.literal("delete"), id: z.string().uuid() });

/** The staff-written limitations of the public data notes (plain paragraphs, both languages). */
export const DataNotesSchema = z.object({
  limitationsEn: z.string().trim().max(20000, "common:errors.tooLong").default(""),
  limitationsEs: z.string().trim().max(20000, "common:errors.tooLong").default(""),
});
