import { Form, Link, useActionData, useLocation, useNavigation } from "@remix-run/react";
import { useEffect, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "~/components/form";
import { RichTextEditor } from "~/modules/richtext/ui/editor";
import { MAX_COMMENT_DEPTH } from "../permissions";
import type { CommentView, ThreadPage } from "../queries.server";
import { formatDateTime } from "~/utils/clock";

export type CommentPermissions = { userId: string | null; canComment: boolean; canModerate: boolean; canReport: boolean; signedIn: boolean; open: boolean };
type ActionShape = { comment?: { formId: string; errors: string[]; text?: string } } | undefined;

/**
 * One comment's form (reply, edit, report, hide), drawn only where it is wanted. Without
 * JavaScript the summary is a link to this page with `?<param>=<comment id>`, and only that
 * comment's form is rendered, open (a page of 1,000 comments does not carry 1,000 editors). With
 * JavaScript it is a <details> whose contents are mounted only while open.
 */
function LazyDetails({
  summary,
  children,
  className,
  param,
  commentId,
  formId,
}: {
  summary: ReactNode;
  children: ReactNode;
  className?: string;
  param: "reply" | "edit" | "report" | "moderate";
  commentId: string;
  formId: string;
}) {
  const location = useLocation();
  const search = new URLSearchParams(location.search);
  // Asked for in the address, or the form came back with an error: open, with its form.
  const failed = useCommentError(formId) !== null;
  const wanted = failed || search.get(param) === commentId;
  const [hydrated, setHydrated] = useState(false);
  const [open, setOpen] = useState(wanted);
  useEffect(() => setHydrated(true), []);
  if (!hydrated && !wanted) {
    search.set(param, commentId);
    return (
      <Link className={`comment-action-link ${className ?? ""}`} to={`?${search.toString()}#comment-${commentId}`} preventScrollReset>
        {summary}
      </Link>
    );
  }
  return (
    <details className={className} open={open || undefined} onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>{summary}</summary>
      {open ? children : null}
    </details>
  );
}

function useCommentError(formId: string) {
  const data = useActionData() as ActionShape;
  return data?.comment?.formId === formId ? data.comment : null;
}

function CommentForm({
  formId,
  intent,
  commentId,
  label,
  submit,
  defaultJson,
}: {
  formId: string;
  intent: "comment.create" | "comment.edit";
  commentId?: string;
  label: string;
  submit: string;
  defaultJson?: unknown;
}) {
  const error = useCommentError(formId);
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formData?.get("formId") === formId;
  return (
    <Form method="post" className="stack comment-form" preventScrollReset={false}>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="formId" value={formId} />
      {commentId ? <input type="hidden" name="commentId" value={commentId} /> : null}
      <RichTextEditor
        name="body"
        id={`${formId}-body`}
        label={label}
        profile="comment"
        rows={4}
        defaultJson={defaultJson}
        defaultText={error?.text}
        errors={error?.errors}
      />
      <div className="actions">
        <button type="submit" disabled={busy}>
          {submit}
        </button>
      </div>
    </Form>
  );
}

function ReasonForm({
  formId,
  intent,
  commentId,
  label,
  submit,
  danger,
}: {
  formId: string;
  intent: string;
  commentId: string;
  label: string;
  submit: string;
  danger?: boolean;
}) {
  const error = useCommentError(formId);
  return (
    <Form method="post" className="stack comment-form">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="formId" value={formId} />
      <input type="hidden" name="commentId" value={commentId} />
      <div className="field">
        <label htmlFor={`${formId}-reason`}>{label}</label>
        <input
          id={`${formId}-reason`}
          type="text"
          name="reason"
          required
          maxLength={500}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${formId}-error` : undefined}
        />
        <ErrorList id={`${formId}-error`} errors={error?.errors} />
      </div>
      <div className="actions">
        <button type="submit" className={danger ? "danger" : undefined}>
          {submit}
        </button>
      </div>
    </Form>
  );
}

function CommentItem({ comment, perms, locale }: { comment: CommentView; perms: CommentPermissions; locale: string }) {
  const { t } = useTranslation("comments");
  const own = perms.userId === comment.authorId;
  const removed = comment.status === "deleted";
  const actionError = useCommentError(`c-${comment.id}`);
  return (
    <li className={`comment comment-depth-${comment.depth}`} id={`comment-${comment.id}`}>
      <article aria-labelledby={`comment-${comment.id}-by`}>
        <header className="comment-meta">
          <span id={`comment-${comment.id}-by`}>
            {removed ? <strong>{t("removedAuthor")}</strong> : <strong data-user-content="">{comment.authorName}</strong>}
            {!removed && comment.authorIsStaff ? <span className="badge badge-office">{t("office")}</span> : null}
          </span>{" "}
          <time dateTime={comment.createdAt} className="muted">
            {formatDateTime(comment.createdAt, locale)}
          </time>
          {comment.editedAt && !removed ? <span className="muted"> · {t("edited", { when: formatDateTime(comment.editedAt, locale) })}</span> : null}
        </header>
        {removed ? (
          <p className="comment-removed">{t("removed")}</p>
        ) : comment.status === "hidden" ? (
          <>
            <p className="comment-hidden" role="note">
              {t("hiddenBy", { reason: comment.moderationReason ?? "" })}
            </p>
            {comment.html ? <div className="comment-body comment-body-hidden richtext-content" dangerouslySetInnerHTML={{ __html: comment.html }} /> : null}
          </>
        ) : comment.status === "hidden_pending" ? (
          <>
            <p className="comment-hidden" role="note">
              {t("pendingReview")}
            </p>
            {comment.html ? <div className="comment-body comment-body-hidden richtext-content" dangerouslySetInnerHTML={{ __html: comment.html }} /> : null}
          </>
        ) : (
          // Sanitized when saved (richtext module): comment profile only.
          <div className="comment-body richtext-content" data-user-content="" dangerouslySetInnerHTML={{ __html: comment.html ?? "" }} />
        )}
        {comment.edits.length ? (
          <details className="comment-history">
            <summary>{t("history", { count: comment.edits.length })}</summary>
            <ol>
              {comment.edits.map((e) => (
                <li key={e.createdAt}>
                  <p className="muted">{t("versionFrom", { when: formatDateTime(e.createdAt, locale) })}</p>
                  <div className="richtext-content" dangerouslySetInnerHTML={{ __html: e.html }} />
                </li>
              ))}
            </ol>
          </details>
        ) : null}
        {perms.canModerate && comment.openReports > 0 ? <p className="muted">{t("openReports", { count: comment.openReports })}</p> : null}
        <ErrorList errors={actionError?.errors} />
        {!removed ? (
          <div className="comment-actions">
            {perms.canComment && comment.depth < MAX_COMMENT_DEPTH && comment.status === "visible" ? (
              // Keyed by the replies: a posted reply closes and empties the form.
              <LazyDetails summary={t("reply")} key={`reply-${comment.children.length}`} param="reply" commentId={comment.id} formId={`reply-${comment.id}`}>
                <CommentForm
                  formId={`reply-${comment.id}`}
                  intent="comment.create"
                  commentId={comment.id}
                  label={t("replyLabel", { name: comment.authorName })}
                  submit={t("postReply")}
                />
              </LazyDetails>
            ) : null}
            {own && perms.open && comment.status === "visible" ? (
              <LazyDetails summary={t("edit")} key={`edit-${comment.editedAt ?? ""}`} param="edit" commentId={comment.id} formId={`edit-${comment.id}`}>
                <CommentForm
                  formId={`edit-${comment.id}`}
                  intent="comment.edit"
                  commentId={comment.id}
                  label={t("editLabel")}
                  submit={t("saveEdit")}
                  defaultJson={comment.json}
                />
              </LazyDetails>
            ) : null}
            {own ? (
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="comment.delete" />
                <input type="hidden" name="formId" value={`c-${comment.id}`} />
                <input type="hidden" name="commentId" value={comment.id} />
                <button type="submit" className="link-button">
                  {t("delete")}
                </button>
              </Form>
            ) : null}
            {perms.canReport && !own && comment.status === "visible" ? (
              comment.reportedByViewer ? (
                <span className="muted">{t("reportedByYou")}</span>
              ) : (
                <LazyDetails summary={t("report")} param="report" commentId={comment.id} formId={`report-${comment.id}`}>
                  <ReasonForm
                    formId={`report-${comment.id}`}
                    intent="comment.report"
                    commentId={comment.id}
                    label={t("reportReason")}
                    submit={t("sendReport")}
                  />
                </LazyDetails>
              )
            ) : null}
            {perms.canModerate && comment.status !== "hidden" ? (
              <LazyDetails summary={t("moderate")} param="moderate" commentId={comment.id} formId={`hide-${comment.id}`}>
                <ReasonForm formId={`hide-${comment.id}`} intent="comment.hide" commentId={comment.id} label={t("hideReason")} submit={t("hide")} danger />
              </LazyDetails>
            ) : null}
            {perms.canModerate && comment.status !== "visible" ? (
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="comment.restore" />
                <input type="hidden" name="formId" value={`c-${comment.id}`} />
                <input type="hidden" name="commentId" value={comment.id} />
                <button type="submit" className="secondary">
                  {t("restore")}
                </button>
              </Form>
            ) : null}
          </div>
        ) : null}
      </article>
      {comment.children.length ? (
        <ul className="comment-list comment-replies" aria-label={t("repliesTo", { name: removed ? t("removedAuthor") : comment.authorName })}>
          {comment.children.map((c) => (
            <CommentItem key={c.id} comment={c} perms={perms} locale={locale} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/**
 * The discussion of any commentable thing. The route's loader gives `thread` (listThread) and
 * `permissions`; its action passes comment intents to handleCommentAction. Paged by
 * top-level thread with ?cpage=N.
 */
export function CommentThread({
  thread,
  permissions,
  locale,
  headingLevel = 2,
}: {
  thread: ThreadPage;
  permissions: CommentPermissions;
  locale: string;
  headingLevel?: 2 | 3;
}) {
  const { t } = useTranslation("comments");
  const location = useLocation();
  const Heading = `h${headingLevel}` as "h2";
  const pageLink = (p: number) => {
    const params = new URLSearchParams(location.search);
    if (p > 1) params.set("cpage", String(p));
    else params.delete("cpage");
    const qs = params.toString();
    return `${location.pathname}${qs ? `?${qs}` : ""}#comments`;
  };
  return (
    <section className="comments" id="comments" aria-labelledby="comments-heading">
      <Heading id="comments-heading">{t("heading", { count: thread.totalComments })}</Heading>
      {permissions.canComment ? (
        // Keyed by the count: once a comment is posted the editor starts empty again.
        <CommentForm key={thread.totalComments} formId="new-comment" intent="comment.create" label={t("newLabel")} submit={t("post")} />
      ) : (
        <p className="muted">
          {!permissions.open ? (
            t("closed")
          ) : permissions.signedIn ? (
            t("cannotComment")
          ) : (
            <Link to={`/login?redirectTo=${encodeURIComponent(location.pathname)}`}>{t("signInToComment")}</Link>
          )}
        </p>
      )}
      {thread.threads.length ? (
        <ul className="comment-list">
          {thread.threads.map((c) => (
            <CommentItem key={c.id} comment={c} perms={permissions} locale={locale} />
          ))}
        </ul>
      ) : (
        <p>{t("none")}</p>
      )}
      {thread.pageCount > 1 ? (
        <nav aria-label={t("pages")} className="pager">
          {thread.page > 1 ? <Link to={pageLink(thread.page - 1)}>{t("previous")}</Link> : null}
          <span>{t("pageOf", { page: thread.page, count: thread.pageCount })}</span>
          {thread.page < thread.pageCount ? <Link to={pageLink(thread.page + 1)}>{t("next")}</Link> : null}
        </nav>
      ) : null}
    </section>
  );
}
