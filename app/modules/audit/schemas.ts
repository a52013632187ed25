import { z } from "zod";
import { isValidDay } from "~/utils/clock";
import { AUDIT_FAMILIES } from "./index";

const day = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || undefined)
  .refine((v) => v === undefined || isValidDay(v), "admin:auditLog.filters.badDate");

/** The audit page's filters, read from the query string (a GET form, so it works without JavaScript). */
export const AuditFilterSchema = z
  .object({
    person: z
      .string()
      .trim()
      .max(200)
      .optional()
      .transform((v) => v || undefined),
    // A family the page does not offer (an edited URL) is no filter, not an error.
    family: z
      .enum(["", ...AUDIT_FAMILIES])
      .optional()
      .catch(undefined)
      .transform((v) => v || undefined),
    from: day,
    to: day,
    before: z.coerce.number().int().positive().optional().catch(undefined),
  })
  .superRefine((v, ctx) => {
    if (v.from && v.to && v.from > v.to) ctx.addIssue({ code: "custom", path: ["to"], message: "admin:auditLog.filters.toBeforeFrom" });
  });
export type AuditFilters = z.infer<typeof AuditFilterSchema>;
