import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type AppLoadContext } from "@remix-run/node";
import { getUser } from "~/modules/auth/index.server";
import { readRichTextField, richTextErrorKey } from "~/modules/richtext/index.server";
import { forbidden, notFound } from "~/utils/errors";
import { setFlash } from "~/utils/flash.server";
import { refusalOf } from "~/utils/forms.server";
import { enforceRateLimits } from "~/utils/rate-limit.server";
import { loginRedirect } from "~/modules/auth/index.server";
import { canComment, type CommentSubject } from "./permissions";
import { commentInSubject } from "./queries.server";
import { CommentReasonSchema } from "./schemas";
import { createComment, deleteComment, editComment, moderateComment, reportComment } from "./service.server";

const COMMENT_INTENTS = ["comment.create", "comment.edit", "comment.delete", "comment.report", "comment.hide", "comment.restore"] as const;
export type CommentIntent = (typeof COMMENT_INTENTS)[number];

export function isCommentIntent(intent: unknown): intent is CommentIntent {
  return typeof intent === "string" && (COMMENT_INTENTS as readonly string[]).includes(intent);
}

/** What a failed comment form returns: which form (so the right one shows the error) and what was typed. */
type CommentActionData = { comment: { formId: string; errors: string[]; text?: string } };

function fail(formId: string, errors: string[], status = 400, text?: string) {
  return json<CommentActionData>({ comment: { formId, errors, text } }, { status });
}

const str = (formData: FormData, key: string) => {
  const v = formData.get(key);
  return typeof v === "string" ? v : "";
};

/** The reason of a report or a hide, through the module's zod schema (conform). */
function readReason(formData: FormData): { ok: true; value: string } | { ok: false; errors: string[] } {
  const submission = parseWithZod(formData, { schema: CommentReasonSchema });
  if (submission.status === "success") return { ok: true, value: submission.value.reason };
  return { ok: false, errors: submission.error?.reason ?? ["common:errors.invalid"] };
}

/**
 * Handles the comment forms of <CommentThread> in any route's action:
 *
 *   const formData = await readFormData(request);
 *   if (isCommentIntent(formData.get("intent"))) return handleCommentAction(args, subject, formData);
 *
 * The route has already checked that the user may see `subject` (404 otherwise); this checks
 * who may write, edit, report and moderate (see permissions.ts). Never throws for bad input.
 */
function commentFormId(intent: string, commentId: string, claimed: string) {
  if (!commentId) return "new-comment";
  const own = [`reply-${commentId}`, `edit-${commentId}`, `report-${commentId}`, `hide-${commentId}`, `c-${commentId}`];
  return own.includes(claimed) ? claimed : `c-${commentId}`;
}

export async function handleCommentAction(args: { request: Request; context: AppLoadContext }, subject: CommentSubject, formData: FormData) {
  const user = getUser(args);
  if (!user) throw loginRedirect(args.request);
  const intent = str(formData, "intent") as CommentIntent;
  const commentId = str(formData, "commentId");
  // The form the error belongs under, as <CommentThread> names them: a client's formId is used only
  // when it is one of those, so an error never goes to a form the page does not show.
  const formId = commentFormId(intent, commentId, str(formData, "formId"));
  const ip = args.context.clientIp;
  // A reply, edit, report or moderation names a comment: one that is not in this thread is a 404
  // page before anything else is checked (its errors would belong under a form the page lacks).
  if ((intent !== "comment.create" || commentId) && !(await commentInSubject(subject, commentId))) notFound();
  try {
    let url: string;
    let flash: string;
    switch (intent) {
      case "comment.create":
      case "comment.edit": {
        // Who may write is decided before what was written: a resident under a board thread is
        // told they cannot comment there, not that their (empty) comment is empty.
        if (intent === "comment.create" && !canComment(user, subject)) forbidden();
        await enforceRateLimits([`comment:${user.id}`], 30, 60);
        const body = readRichTextField(formData, "body", "comment");
        const typed = str(formData, "body__text").slice(0, 20_000) || undefined;
        if (!body) return fail(formId, ["comments:errors.empty"], 400, typed);
        if (!body.ok) return fail(formId, [richTextErrorKey(body.error)], 400, typed);
        if (intent === "comment.create") {
          ({ url } = await createComment(subject, user, body, commentId || null, ip));
          flash = commentId ? "comments:flash.replied" : "comments:flash.posted";
        } else {
          ({ url } = await editComment(subject, user, commentId, body, ip));
          flash = "comments:flash.edited";
        }
        break;
      }
      case "comment.delete":
        ({ url } = await deleteComment(subject, user, commentId, ip));
        flash = "comments:flash.deleted";
        break;
      case "comment.report": {
        const reason = readReason(formData);
        if (!reason.ok) return fail(formId, reason.errors);
        ({ url } = await reportComment(subject, user, commentId, reason.value, ip));
        flash = "comments:flash.reported";
        break;
      }
      case "comment.hide": {
        const reason = readReason(formData);
        if (!reason.ok) return fail(formId, reason.errors);
        ({ url } = await moderateComment(subject, user, commentId, { action: "hide", reason: reason.value }, ip));
        flash = "comments:flash.hidden";
        break;
      }
      case "comment.restore":
        ({ url } = await moderateComment(subject, user, commentId, { action: "restore" }, ip));
        flash = "comments:flash.restored";
        break;
      default:
        return fail(formId, ["common:errors.invalid"]);
    }
    return redirect(url, { headers: { "Set-Cookie": await setFlash({ key: flash }) } });
  } catch (error) {
    // Not allowed, or no such comment here: the error page says so (no form on the page is about it).
    const refusal = refusalOf(error);
    return fail(formId, [refusal.key], refusal.status);
  }
}
