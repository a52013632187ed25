import type { CommentSubject } from "~/modules/comments";

/** A brief as a commentable thing. Brief discussion is the board's (see comments/permissions.ts). */
export function briefSubject(brief: { id: string; slug: string; title: string }): CommentSubject {
  return { type: "brief", id: brief.id, title: brief.title, url: `/briefs/${brief.slug}`, audience: "cab", open: true };
}
