import { hasRole, type Role } from "~/modules/auth";

/**
 * Who may do what with comments — decided here, once, for every commentable thing:
 *
 * - Read: whoever may see the subject. The subject's module decides and 404s otherwise
 *   (a CAB-only brief's comments are seen only by cab_member and up).
 * - Write: the discussion under briefs, analyses, meetings and responses is the board's, so
 *   cab_member and up (office staff take part with an "Office" badge); residents read it.
 *   A public consultation is the residents' channel: any signed-in account (resident and up)
 *   may comment while its window is open. Visitors never write (no account, no moderation).
 *   A closed subject (consultation window over) is read-only for everyone.
 * - Edit and delete: only the author. Staff never change someone's words; they hide a comment
 *   with a public reason instead.
 * - Report: any signed-in reader, once per comment, not their own. 3 open reports hide the
 *   comment pending staff review.
 * - Moderate (hide with a reason, restore): csu_staff and up.
 */
type CommentAudience = "cab" | "residents";

export type CommentSubject = {
  /** "brief", "consultation", "analysis", "meeting", "response", … */
  type: string;
  id: string;
  /** Shown in reply notifications. */
  title: string;
  /** The page the thread lives on, e.g. "/briefs/some-slug". */
  url: string;
  audience: CommentAudience;
  /** False when the subject no longer takes comments (e.g. a consultation after its window). */
  open: boolean;
};

type Who = { role: Role } | null | undefined;

export function canComment(user: Who, subject: Pick<CommentSubject, "audience" | "open">) {
  if (!user || !subject.open) return false;
  return hasRole(user.role, subject.audience === "residents" ? "resident" : "cab_member");
}

export function canModerate(user: Who) {
  return !!user && hasRole(user.role, "csu_staff");
}

export function canReport(user: Who) {
  return !!user;
}

export const MAX_COMMENT_DEPTH = 2; // 0, 1, 2: three levels
export const THREADS_PER_PAGE = 20;
export const AUTO_HIDE_REPORTS = 3;
