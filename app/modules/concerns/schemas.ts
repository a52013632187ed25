import { z } from "zod";
import { CONCERN_STATUSES } from "./status";

const REQUIRED = { required_error: "common:errors.required", invalid_type_error: "common:errors.invalid" };
import { DESCRIPTION_MAX } from "./statuses";
import { countyTimeToDate, isValidDay } from "~/utils/clock";

export { DESCRIPTION_MAX };

/** Plain text only: control characters (other than line breaks and tabs) are dropped. */
export function plainText(value: string) {
  return value.replace(/\r\n?/g, "\n").replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "");
}

const optionalText = (max: number) => z.string(REQUIRED).trim().max(max, "common:errors.tooLong").optional();

/** A required field's own message when it is left blank ("Choose what kind of concern"), never "This field is required." */
const required = (key: string) => ({ required_error: `concerns:errors.${key}`, invalid_type_error: "common:errors.invalid" });

/** "HH:MM", 00:00 to 23:59. */
const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;

/** How far ahead of the county clock an observed time may be (a phone's clock a little fast). */
export const OBSERVED_SKEW_MINUTES = 5;

export const ConcernFieldsSchema = z.object({
  kind: z.string(required("kindRequired")).max(60, "common:errors.invalid"),
  description: z
    .string(required("descriptionRequired"))
    .transform(plainText)
    .pipe(z.string().trim().min(1, "concerns:errors.descriptionRequired").max(DESCRIPTION_MAX, "concerns:errors.descriptionLong")),
  observedDate: z.string(required("dateRequired")).regex(/^\d{4}-\d{2}-\d{2}$/, "concerns:errors.date"),
  observedTime: z.string(REQUIRED).regex(TIME_RE, "concerns:errors.time").optional(),
  address: z.string(required("addressRequired")).trim().min(3, "concerns:errors.address").max(200, "concerns:errors.addressLong"),
  zip: z
    .string(required("zipRequired"))
    .trim()
    .regex(/^\d{5}$/, "concerns:errors.zip"),
  latitude: z.number(REQUIRED).min(-90, "common:errors.invalid").max(90, "common:errors.invalid").optional(),
  longitude: z.number(REQUIRED).min(-180, "common:errors.invalid").max(180, "common:errors.invalid").optional(),
  name: z.string(REQUIRED).trim().max(100, "concerns:errors.nameLong").optional(),
  email: z.string(REQUIRED).trim().max(254, "concerns:errors.emailLong").email("common:errors.invalidEmail").optional(),
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

/**
 * Checks that need the county clock, applied on top of the field rules: the day seen is not after
 * `today`; with `now`, a time seen today is not later than now (allowing a few minutes of skew).
 */
export function withDateRules<T extends z.ZodType<ConcernFields, z.ZodTypeDef, unknown>>(schema: T, today: string, now?: Date): z.ZodEffects<T, z.output<T>> {
  return schema.superRefine((value, ctx) => {
    if (!isValidDay(value.observedDate)) {
      ctx.addIssue({ code: "custom", path: ["observedDate"], message: "concerns:errors.date" });
    } else if (value.observedDate > today) {
      ctx.addIssue({ code: "custom", path: ["observedDate"], message: "concerns:errors.future" });
    } else if (value.observedDate < "2000-01-01") {
      ctx.addIssue({ code: "custom", path: ["observedDate"], message: "concerns:errors.date" });
    } else if (now && value.observedTime && TIME_RE.test(value.observedTime) && value.observedDate === today) {
      const seen = countyTimeToDate(value.observedDate, value.observedTime);
      if (seen.getTime() > now.getTime() + OBSERVED_SKEW_MINUTES * 60_000) {
        ctx.addIssue({ code: "custom", path: ["observedTime"], message: "concerns:errors.futureTime" });
      }
    }
    if (value.consent && !value.email && !value.phone) {
      ctx.addIssue({ code: "custom", path: ["consent"], message: "concerns:errors.consentNeedsContact" });
    }
    if ((value.latitude === undefined) !== (value.longitude === undefined)) {
      ctx.addIssue({ code: "custom", path: ["latitude"], message: "common:errors.invalid" });
    }
  });
}

/** The answers the check-your-answers page lets a resident change (each a field of the form). */
export const CHANGEABLE = ["kind", "description", "observedDate", "observedTime", "address", "zip", "name", "email", "phone", "consent"] as const;

export const ConcernFormSchema = ConcernFieldsSchema.extend({
  // "review" (the form: check it, then the similar-reports step or the check-your-answers page;
  // "check" is its older name), "edit" (back to the form, with `change` naming the field to
  // focus), "send" (write a new concern; "submit" is its older name), "corroborate" (add to the
  // open concern of the same kind on the same block and ZIP; the server finds it). Only "send",
  // "submit" and "corroborate" write.
  intent: z
    .string(REQUIRED)
    .max(40)
    .regex(/^(review|check|edit|send|submit|corroborate)$/, "common:errors.invalid")
    .default("review"),
  /** On the similar-reports step: the resident's choice, carried to the check-your-answers page. */
  choice: z.enum(["new", "corroborate"], { errorMap: () => ({ message: "common:errors.invalid" }) }).optional(),
  /** The answer whose "Change" button was pressed on the check-your-answers page. */
  change: z.enum(CHANGEABLE, { errorMap: () => ({ message: "common:errors.invalid" }) }).optional(),
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
