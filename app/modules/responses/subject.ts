import type { CommentSubject } from "~/modules/comments";

/** A published response as a commentable thing: the board's discussion (see comments/permissions.ts). */
export function responseSubject(response: { id: string; slug: string; title: string }): CommentSubject {
  return { type: "response", id: response.id, title: response.title, url: `/responses/${response.slug}`, audience: "cab", open: true };
}
