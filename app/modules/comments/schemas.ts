import { z } from "zod";

/** A report's or a moderator's reason (the comment's text itself is rich text, read by the richtext module). */
export const CommentReasonSchema = z.object({
  reason: z
    .string({ required_error: "comments:errors.reasonRequired", invalid_type_error: "common:errors.invalid" })
    .trim()
    .min(1, "comments:errors.reasonRequired")
    .max(500, "common:errors.tooLong"),
});
