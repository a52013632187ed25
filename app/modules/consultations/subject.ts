import type { CommentSubject } from "~/modules/comments";
import { phaseOf } from "./schemas";

/** A consultation takes residents' comments only while its window is open (see comments/permissions.ts). */
export function consultationSubject(
  c: { id: string; slug: string; title: string; opensAt: Date | string; closesAt: Date | string },
  now = new Date(),
): CommentSubject {
  return { type: "consultation", id: c.id, title: c.title, url: `/consultations/${c.slug}`, audience: "residents", open: phaseOf(c, now) === "open" };
}
