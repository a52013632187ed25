import { z } from "zod";
import { CONCERN_STATUSES } from "./status";

const REQUIRED = { required_error: "common:errors.required", invalid_type_error: "common:errors.invalid" };
import { DESCRIPTION_MAX } from "./statuses";
import { isValidDay } from "~/utils/clock";

export { DESCRIPTION_MAX };

/** Plain text only: control characters (other than line breaks and tabs) are dropped. */
export function plainText(value: string) {
  return value.replace(/\r\n?/g, "\n").replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "");
}

const optionalText = (max: number) => z.string(REQUIRED).trim().max(max, "common:errors.tooLong").optional();

export const ConcernFieldsSchema = z.object({
  kind: z.string(REQUIRED).max(60, "common:errors.invalid"),
  description: z
    .string(REQUIRED)
    .transform(plainText)
    .pipe(z.string().trim().min(1, "common:errors.required").max(DESCRIPTION_MAX, "concerns:errors.descriptionLong")),
  observedDate: z.string(REQUIRED).regex(/^\d{4}-\d{2}-\d{2}$/, "concerns:errors.date"),
  observedTime: z
    .string(REQUIRED)
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "concerns:errors.time")
    .optional(),
  address: z.string(REQUIRED).trim().min(3, "concerns:errors.address").max(200, "common:errors.tooLong"),
  zip: z
    .string(REQUIRED)
    .trim()
    .regex(/^\d{5}$/, "concerns:errors.zip"),
  latitude: z.number(REQUIRED).min(-90, "common:errors.invalid").max(90, "common:errors.invalid").optional(),
  longitude: z.number(REQUIRED).min(-180, "common:errors.invalid").max(180, "common:errors.invalid").optional(),
  name: optionalText(100),
  email: z.string(REQUIRED).trim().max(254, "common:errors.tooLong").email("common:errors.invalidEmail").optional(),
  phone: z
    .string(REQUIRED)
    .trim()
    .regex(/^[0-9+().\-\s]{7,30}$/, "concerns:errors.phone")
    .optional(),
  consent: z.boolean(REQUIRED).optional(),
  /** Honeypot: people never see it; bots fill it in. */
  website: z.string(REQUIRED).max(2000).optional(),
});

export type ConcernFields = z.infer<typeof ConcernFieldsSchema>;

/** Checks that need today's date, applied on top of the field rules. */
export function withDateRules<T extends z.ZodType<ConcernFields, z.ZodTypeDef, unknown>>(schema: T, today: string): z.ZodEffects<T, z.output<T>> {
  return schema.superRefine((value, ctx) => {
    if (!isValidDay(value.observedDate)) {
      ctx.addIssue({ code: "custom", path: ["observedDate"], message: "concerns:errors.date" });
    } else if (value.observedDate > today) {
      ctx.addIssue({ code: "custom", path: ["observedDate"], message: "concerns:errors.future" });
    } else if (value.observedDate < "2000-01-01") {
      ctx.addIssue({ code: "custom", path: ["observedDate"], message: "concerns:errors.date" });
    }
    if (value.consent && !value.email && !value.phone) {
      ctx.addIssue({ code: "custom", path: ["consent"], message: "concerns:errors.consentNeedsContact" });
    }
    if ((value.latitude === undefined) !== (value.longitude === undefined)) {
      ctx.addIssue({ code: "custom", path: ["latitude"], message: "common:errors.invalid" });
    }
  });
}

export const ConcernFormSchema = ConcernFieldsSchema.extend({
  // "check" (step 1), "edit" (back to step 1), "submit" (a new concern), "corroborate" (add to
  // the open concern of the same kind on the same block and ZIP; the server finds it).
  intent: z
    .string(REQUIRED)
    .max(40)
    .regex(/^(check|edit|submit|corroborate)$/, "common:errors.invalid")
    .default("check"),
});

const StatusChangeSchema = z.object({
  intent: z.literal("status"),
  status: z.enum(CONCERN_STATUSES, { errorMap: () => ({ message: "common:errors.invalid" }) }),
  publicNote: optionalText(2000),
  internalNote: optionalText(4000),
});

const MergeSchema = z.object({
  intent: z.literal("merge"),
  target: z.number(REQUIRED).int("common:errors.invalid").positive("common:errors.invalid"),
  publicNote: optionalText(2000),
});

const RedactSchema = z.object({
  intent: z.literal("redact"),
  description: z
    .string(REQUIRED)
    .transform(plainText)
    .pipe(z.string().trim().min(1, "common:errors.required").max(DESCRIPTION_MAX, "concerns:errors.descriptionLong")),
  reason: optionalText(500),
});

const HideSchema = z.object({
  intent: z.enum(["hide", "unhide"]),
  reason: optionalText(500),
});

const DocumentSchema = z.object({
  intent: z.literal("document"),
  policyVersionId: z.string(REQUIRED).uuid("common:errors.invalid"),
  checklist: z.array(z.string().max(80)).max(50).optional(),
  publicNote: optionalText(2000),
});

/** The staff concern page's forms, one schema per `intent` (the page's action parses them as one). */
export const StaffConcernSchema = z.discriminatedUnion("intent", [StatusChangeSchema, MergeSchema, RedactSchema, HideSchema, DocumentSchema]);

export const KindSchema = z.object({
  intent: z.enum(["create", "update"]),
  id: z.number(REQUIRED).int().positive().optional(),
  code: z
    .string(REQUIRED)
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9_]{2,40}$/, "concerns:errors.kindCode")
    .optional(),
  nameEn: z.string(REQUIRED).trim().min(1, "common:errors.required").max(80, "common:errors.tooLong"),
  nameEs: z.string(REQUIRED).trim().min(1, "common:errors.required").max(80, "common:errors.tooLong"),
  descriptionEn: optionalText(500),
  descriptionEs: optionalText(500),
  active: z.boolean(REQUIRED).optional(),
});
