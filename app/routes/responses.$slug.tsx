import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { MetricSnapshotCard } from "~/modules/metrics/ui/snapshot-card";
import { TableWrap } from "~/components/table-wrap";
import { hasRole } from "~/modules/auth";
import { getUser } from "~/modules/auth/index.server";
import { markReadAbout } from "~/modules/notifications/index.server";
import { commentThreadFor, handleCommentAction, isCommentIntent } from "~/modules/comments/index.server";
import { CommentThread } from "~/modules/comments/ui/comment-thread";
import { kindName, publicPlaceLabel } from "~/modules/concerns";
import { responseSubject } from "~/modules/responses";
import { getResponseForViewer } from "~/modules/responses/index.server";
import { formatDate, formatMonth } from "~/utils/clock";
import { badRequest, notFound } from "~/utils/errors";
import { readFormData } from "~/utils/forms.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction<typeof loader> = (args) => [
  ...pageTitle(args, args.data ? { text: args.data.response.title } : "response"),
  ...(args.data ? [{ name: "description", content: args.data.response.summary }] : []),
];

async function loadVisible(args: LoaderFunctionArgs) {
  const user = getUser(args);
  const response = await getResponseForViewer(args.params.slug ?? "", user?.role);
  // A draft is not there for anyone but staff: the same 404 as a missing one.
  if (!response) notFound();
  return { user, response };
}

export async function loader(args: LoaderFunctionArgs) {
  const { user, response } = await loadVisible(args);
  if (user) await markReadAbout(user.id, `/responses/${response.slug}`);
  const comments = response.status === "published" ? await commentThreadFor(args.request, user, responseSubject(response)) : null;
  return json({ response, comments, isStaff: hasRole(user?.role, "csu_staff") });
}

export async function action(args: ActionFunctionArgs) {
  const { response } = await loadVisible(args);
  if (response.status !== "published") notFound();
  const formData = await readFormData(args.request);
  if (!isCommentIntent(formData.get("intent"))) badRequest();
  return handleCommentAction(args, responseSubject(response), formData);
}

export default function ResponsePage() {
  const { t, i18n } = useTranslation("responses");
  const { response, comments, isStaff } = useLoaderData<typeof loader>();
  const lng = i18n.language;
  return (
    <article className="response" aria-labelledby="response-title">
      <p>
        <Link to="/responses">{t("page.back")}</Link>
      </p>
      {response.status === "draft" ? <p className="alert alert-info">{t("page.draftNote")}</p> : null}
      <header>
        <p className="muted">{t("page.kicker")}</p>
        <h1 id="response-title" data-user-content="">
          {response.title}
        </h1>
        <p className="lead" data-user-content="">
          {response.summary}
        </p>
        {response.publishedAt ? <p className="muted">{t("page.published", { date: formatDate(response.publishedAt, lng, "long") })}</p> : null}
        {isStaff ? (
          <p>
            <Link to={`/staff/responses/${response.id}/edit`}>{t("page.edit")}</Link>
          </p>
        ) : null}
      </header>
      {/* Rendered from validated JSON and sanitized when saved (richtext module). */}
      <div className="richtext-content response-body" data-user-content="" dangerouslySetInnerHTML={{ __html: response.bodyHtml }} />

      <section aria-labelledby="policy-heading" className="response-policy">
        <h2 id="policy-heading">{t("page.policyTitle")}</h2>
        {response.policy ? (
          <>
            <p>
              <strong data-testid="cited-policy">{t("policyLabel", { name: response.policy.name, version: response.policy.version })}</strong>{" "}
              <span className="muted">
                ({t(`policyKinds.${response.policy.kind}`)};{" "}
                {t("page.inForce", {
                  from: formatDate(response.policy.effectiveFrom, lng, "long"),
                  to: response.policy.effectiveTo ? formatDate(response.policy.effectiveTo, lng, "long") : t("page.today"),
                })}
                )
              </span>
            </p>
            <blockquote data-user-content="">{response.policy.text}</blockquote>
          </>
        ) : null}
        <h3>{t("page.criterionTitle")}</h3>
        <p data-testid="criterion-statement" data-user-content="">
          {response.criterionStatement}
        </p>
      </section>

      {response.snapshots.length ? (
        <section aria-labelledby="figures-heading">
          <h2 id="figures-heading">{t("page.figuresTitle")}</h2>
          <p className="muted">{t("page.figuresLead")}</p>
          <div className="card-grid">
            {response.snapshots.map((s) => (
              <MetricSnapshotCard key={s.snapshot.id} data={s} headingLevel={3} />
            ))}
          </div>
        </section>
      ) : null}

      <section aria-labelledby="answers-heading">
        <h2 id="answers-heading">{t("page.answersTitle")}</h2>
        {response.cluster ? (
          <p>
            {t("page.cluster", {
              kind: kindName({ nameEn: response.cluster.kindNameEn, nameEs: response.cluster.kindNameEs }, lng),
              zip: response.cluster.zip,
            })}
          </p>
        ) : null}
        {response.ref ? (
          <p>
            {t(`page.ref.${response.ref.type}`)} <Link to={response.ref.url}>{response.ref.title ?? t(`page.refLink.${response.ref.type}`)}</Link>
          </p>
        ) : null}
        {response.concerns.length ? (
          <TableWrap label={t("page.concernsCaption")}>
            <table data-testid="linked-concerns" className="stack-table">
              <caption>{t("page.concernsCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("page.concern")}</th>
                  <th scope="col">{t("page.kind")}</th>
                  <th scope="col">{t("page.where")}</th>
                  <th scope="col">{t("page.month")}</th>
                  <th scope="col">{t("page.status")}</th>
                </tr>
              </thead>
              <tbody>
                {response.concerns.map((c) => (
                  <tr key={c.number}>
                    <th scope="row">#{c.number}</th>
                    <td data-label={t("page.kind")}>{kindName({ nameEn: c.kindNameEn, nameEs: c.kindNameEs }, lng)}</td>
                    <td data-label={t("page.where")}>{publicPlaceLabel(c.location, c.zip, t)}</td>
                    <td data-label={t("page.month")}>{formatMonth(c.observedMonth, lng)}</td>
                    <td data-label={t("page.status")}>{t(`concerns:status.${c.status}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ) : (
          <p>{t("page.noConcerns")}</p>
        )}
        <p className="muted">{t("page.privacy")}</p>
      </section>
      {comments ? <CommentThread thread={comments.thread} permissions={comments.permissions} locale={lng} /> : null}
    </article>
  );
}
