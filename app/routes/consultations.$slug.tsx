import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { hasRole } from "~/modules/auth";
import { getUser } from "~/modules/auth/index.server";
import { markReadAbout } from "~/modules/notifications/index.server";
import { commentThreadFor, handleCommentAction, isCommentIntent } from "~/modules/comments/index.server";
import { CommentThread } from "~/modules/comments/ui/comment-thread";
import { consultationSubject } from "~/modules/consultations";
import { publicConsultationBySlug } from "~/modules/consultations/index.server";
import { phaseOf } from "~/modules/consultations/schemas";
import { formatDateTime } from "~/utils/clock";
import { badRequest, notFound } from "~/utils/errors";
import { readFormData } from "~/utils/forms.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, args.data ? { text: args.data.consultation.title } : "consultation");

async function load(args: LoaderFunctionArgs) {
  const consultation = await publicConsultationBySlug(args.params.slug ?? "");
  if (!consultation) notFound();
  return consultation;
}

export async function loader(args: LoaderFunctionArgs) {
  const c = await load(args);
  const user = getUser(args);
  if (user) await markReadAbout(user.id, `/consultations/${c.slug}`);
  const comments = await commentThreadFor(args.request, user, consultationSubject(c));
  return json({
    consultation: {
      id: c.id,
      slug: c.slug,
      title: c.title,
      partners: c.partners,
      opensAt: c.opensAt,
      closesAt: c.closesAt,
      noticeHtml: c.noticeHtml,
      // null until the consultation closes (publicConsultationBySlug).
      summaryHtml: c.summaryHtml,
      phase: phaseOf(c),
    },
    comments,
    isStaff: hasRole(user?.role, "csu_staff"),
  });
}

export async function action(args: ActionFunctionArgs) {
  const c = await load(args);
  const formData = await readFormData(args.request);
  if (!isCommentIntent(formData.get("intent"))) badRequest();
  return handleCommentAction(args, consultationSubject(c), formData);
}

export default function ConsultationPage() {
  const { t, i18n } = useTranslation("consultations");
  const { consultation: c, comments, isStaff } = useLoaderData<typeof loader>();
  const lng = i18n.language;
  return (
    <article aria-labelledby="consultation-title">
      <p>
        <Link to="/consultations">{t("backToList")}</Link>
      </p>
      <h1 id="consultation-title" data-user-content="">
        {c.title}
      </h1>
      <p className={`alert ${c.phase === "open" ? "alert-success" : "alert-info"}`} role="status">
        {t(`phaseNote.${c.phase}`, { opens: formatDateTime(c.opensAt, lng), closes: formatDateTime(c.closesAt, lng) })}
      </p>
      {isStaff ? (
        <p>
          <Link to={`/staff/consultations/${c.id}/edit`}>{t("staff.edit")}</Link>
        </p>
      ) : null}
      {c.partners.length ? (
        <section aria-labelledby="partners-heading">
          <h2 id="partners-heading">{t("partners")}</h2>
          <ul>
            {c.partners.map((p) => (
              <li key={p} data-user-content="">
                {p}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="notice-heading">
        <h2 id="notice-heading">{t("notice")}</h2>
        {/* Validated and sanitized when saved (richtext module). */}
        <div className="richtext-content" data-user-content="" dangerouslySetInnerHTML={{ __html: c.noticeHtml }} />
      </section>
      {c.phase === "closed" ? (
        <section aria-labelledby="summary-heading">
          <h2 id="summary-heading">{t("summary")}</h2>
          {c.summaryHtml ? (
            <div className="richtext-content" data-user-content="" dangerouslySetInnerHTML={{ __html: c.summaryHtml }} />
          ) : (
            <p>{t("summaryPending")}</p>
          )}
        </section>
      ) : null}
      <CommentThread thread={comments.thread} permissions={comments.permissions} locale={lng} />
    </article>
  );
}
