import { z } from "zod";

// Messages are i18n keys, translated where the errors are shown.
const req = { required_error: "common:errors.required", invalid_type_error: "common:errors.invalid" };
const text = (max: number) => z.string(req).trim().min(1, "common:errors.required").max(max, "common:errors.tooLong");
const whole = (min: number, max: number) =>
  z
    .number({ ...req, invalid_type_error: "sunshine:errors.wholeNumber" })
    .int("sunshine:errors.wholeNumber")
    .min(min, "sunshine:errors.range")
    .max(max, "sunshine:errors.range");

export const SettingsSchema = z.object({
  noticeHours: whole(0, 720),
  weekendsCount: z.boolean().optional().default(false),
  holidaysCount: z.boolean().optional().default(false),
  recordsBusinessDays: whole(1, 60),
});
export type SettingsInput = z.infer<typeof SettingsSchema>;

export const HolidaysSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("add"),
    day: z
      .string(req)
      .regex(/^\d{4}-\d{2}-\d{2}$/, "sunshine:errors.day")
      .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), "sunshine:errors.day"),
    nameEn: text(120),
    nameEs: text(120),
  }),
  z.object({ intent: z.literal("remove"), day: z.string(req).regex(/^\d{4}-\d{2}-\d{2}$/, "sunshine:errors.day") }),
]);

const code = z
  .string(req)
  .trim()
  .min(1, "common:errors.required")
  .max(40, "common:errors.tooLong")
  .regex(/^[A-Za-z0-9.()_-]+$/, "sunshine:errors.code");

export const ExceptionsSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("save"),
    code,
    citation: text(120),
    titleEn: text(200),
    titleEs: text(200),
    descriptionEn: text(2000),
    descriptionEs: text(2000),
  }),
  z.object({ intent: z.literal("retire"), code }),
  z.object({ intent: z.literal("restore"), code }),
]);
