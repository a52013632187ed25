import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { hasRole } from "~/modules/auth";
import { getUser } from "~/modules/auth/index.server";
import { markReadAbout } from "~/modules/notifications/index.server";
import { briefSubject } from "~/modules/briefs";
import { changeLog, getBriefForViewer, recordBriefOpened } from "~/modules/briefs/index.server";
import { commentThreadFor, handleCommentAction, isCommentIntent } from "~/modules/comments/index.server";
import { CommentThread } from "~/modules/comments/ui/comment-thread";
import { formatDate, formatDateTime } from "~/utils/clock";
import { badRequest, notFound } from "~/utils/errors";
import { readFormData } from "~/utils/forms.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction<typeof loader> = (args) => [
  ...pageTitle(args, args.data ? { text: args.data.brief.title } : "brief"),
  ...(args.data ? [{ name: "description", content: args.data.brief.summary }] : []),
];

async function loadVisible(args: LoaderFunctionArgs) {
  const user = getUser(args);
  const brief = await getBriefForViewer(args.params.slug ?? "", user?.role);
  // Not there, or not for this viewer: the same 404 (a CAB-only brief is not revealed).
  if (!brief) notFound();
  return { user, brief };
}

export async function loader(args: LoaderFunctionArgs) {
  const { user, brief } = await loadVisible(args);
  // The "opened" receipt: a CAB member's first view.
  if (user?.role === "cab_member") await recordBriefOpened(brief.id, user.id);
  // Opening the brief reads the notifications about it.
  if (user) await markReadAbout(user.id, `/briefs/${brief.slug}`);
  const print = new URL(args.request.url).searchParams.get("print") === "1";
  const [log, comments] = await Promise.all([changeLog(brief.id), print ? null : commentThreadFor(args.request, user, briefSubject(brief))]);
  return json({
    brief: {
      id: brief.id,
      slug: brief.slug,
      title: brief.title,
      summary: brief.summary,
      topics: brief.topics,
      status: brief.status,
      periodStart: brief.periodStart,
      periodEnd: brief.periodEnd,
      bodyHtml: brief.bodyHtml,
      publishedAt: brief.publishedAt,
      publishAt: brief.publishAt,
      updatedAt: brief.updatedAt,
    },
    log,
    comments,
    print,
    isStaff: hasRole(user?.role, "csu_staff"),
  });
}

export async function action(args: ActionFunctionArgs) {
  const { brief } = await loadVisible(args);
  const formData = await readFormData(args.request);
  if (!isCommentIntent(formData.get("intent"))) badRequest();
  return handleCommentAction(args, briefSubject(brief), formData);
}

function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" className="secondary no-print" onClick={() => window.print()}>
      {label}
    </button>
  );
}

export default function BriefPage() {
  const { t, i18n } = useTranslation("briefs");
  const { brief, log, comments, print, isStaff } = useLoaderData<typeof loader>();
  const lng = i18n.language;
  return (
    <article className={print ? "brief print-view" : "brief"} aria-labelledby="brief-title">
      {print ? (
        <p className="no-print actions">
          <Link to={`/briefs/${brief.slug}`}>{t("backToBrief")}</Link>
          <PrintButton label={t("print")} />
        </p>
      ) : (
        <p className="no-print">
          <Link to="/briefs">{t("backToList")}</Link>
        </p>
      )}
      {brief.status === "cab_review" ? (
        <p className="alert alert-info" role="note">
          {brief.publishAt ? t("cabOnlyUntil", { when: formatDateTime(brief.publishAt, lng) }) : t("cabOnly")}
        </p>
      ) : null}
      {brief.status === "draft" ? <p className="alert alert-info">{t("draftNote")}</p> : null}
      <header>
        <p className="print-only">{t("printHeader")}</p>
        <h1 id="brief-title" data-user-content="">
          {brief.title}
        </h1>
        <p className="lead" data-user-content="">
          {brief.summary}
        </p>
        <dl className="brief-meta">
          {brief.publishedAt ? (
            <>
              <dt>{t("published")}</dt>
              <dd>{formatDate(brief.publishedAt, lng, "long")}</dd>
            </>
          ) : null}
          {brief.periodStart || brief.periodEnd ? (
            <>
              <dt>{t("dataPeriod")}</dt>
              <dd>{t("period", { from: formatDate(brief.periodStart, lng, "long") || "…", to: formatDate(brief.periodEnd, lng, "long") || "…" })}</dd>
            </>
          ) : null}
          {brief.topics.length ? (
            <>
              <dt>{t("topics")}</dt>
              <dd data-user-content="">{brief.topics.join(", ")}</dd>
            </>
          ) : null}
        </dl>
        {!print ? (
          <p className="actions no-print">
            <Link to={`/briefs/${brief.slug}?print=1`}>{t("printView")}</Link>
            {isStaff ? <Link to={`/staff/briefs/${brief.id}/edit`}>{t("staff.editLink")}</Link> : null}
          </p>
        ) : null}
      </header>
      {/* Rendered from validated JSON and sanitized when saved (richtext module). */}
      <div className="richtext-content brief-body" data-user-content="" dangerouslySetInnerHTML={{ __html: brief.bodyHtml }} />
      {log.length ? (
        <section aria-labelledby="changelog-heading" className="changelog">
          <h2 id="changelog-heading">{t("changeLog")}</h2>
          <ul>
            {log.map((entry) => (
              <li key={entry.number}>
                <time dateTime={entry.createdAt}>{formatDateTime(entry.createdAt, lng)}</time>: {entry.reason}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {comments ? <CommentThread thread={comments.thread} permissions={comments.permissions} locale={lng} /> : null}
    </article>
  );
}
