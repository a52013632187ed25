import { z } from "zod";

/** The staff-written limitations of the public data notes (plain paragraphs, both languages). */
export const DataNotesSchema = z.object({
  limitationsEn: z.string().trim().max(20000, "common:errors.tooLong").default(""),
  limitationsEs: z.string().trim().max(20000, "common:errors.tooLong").default(""),
});
