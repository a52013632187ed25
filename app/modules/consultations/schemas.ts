import { z } from "zod";

export const ConsultationFormSchema = z.object({
  title: z.string({ required_error: "common:errors.required" }).trim().min(3, "common:errors.tooShort").max(200, "common:errors.tooLong"),
  partners: z
    .string()
    .max(1000, "common:errors.tooLong")
    .optional()
    .transform((v) =>
      [
        ...new Set(
          (v ?? "")
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean),
        ),
      ]
        .slice(0, 30)
        .map((s) => s.slice(0, 100)),
    ),
  opensAt: z.string({ required_error: "common:errors.required" }).max(40),
  closesAt: z.string({ required_error: "common:errors.required" }).max(40),
});

export type ConsultationPhase = "upcoming" | "open" | "closed";
export function phaseOf(c: { opensAt: Date | string; closesAt: Date | string }, now = new Date()): ConsultationPhase {
  if (now < new Date(c.opensAt)) return "upcoming";
  if (now < new Date(c.closesAt)) return "open";
  return "closed";
}
