import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, FormErrors, TextAreaField } from "~/components/form";
import { hasRole } from "~/modules/auth";
import { getUser, requireRole } from "~/modules/auth/index.server";
import { markReadAbout } from "~/modules/notifications/index.server";
import type { CommentSubject } from "~/modules/comments";
import { commentThreadFor, handleCommentAction, isCommentIntent } from "~/modules/comments/index.server";
import { CommentThread } from "~/modules/comments/ui/comment-thread";
import {
  closedMinutesFor,
  getAgenda,
  getAttendance,
  getProceedings,
  getMinutesFor,
  getRsvpSummary,
  getVisibleMeeting,
  meetingQuorum,
  proposeCorrection,
  refusal,
  requestLocale,
  setRsvp,
  timeContext,
} from "~/modules/meetings/index.server";
import { MeetingPageSchema } from "~/modules/meetings/schemas";
import { ActionItemsTable } from "~/modules/meetings/ui/action-items-table";
import { proceedingsView } from "~/modules/meetings";
import { ApprovalRecord, QuorumStatus, RichHtml, StatusBadge } from "~/modules/meetings/ui/meetings";
import { NoticeSummary } from "~/modules/meetings/ui/notice-summary";
import { RecordOfProceedings } from "~/modules/meetings/ui/record-of-proceedings";
import { formatDate, formatDateTimeRange } from "~/utils/clock";
import { notFound } from "~/utils/errors";
import { setFlash } from "~/utils/flash.server";
import { readFormData, readIntent } from "~/utils/forms.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, args.data ? { text: args.data.meeting.title } : "meeting");

/** The board's discussion of a meeting: CAB members and staff write; whoever may see the meeting reads. */
function meetingSubject(meeting: { id: string; title: string }): CommentSubject {
  return { type: "meeting", id: meeting.id, title: meeting.title, url: `/meetings/${meeting.id}`, audience: "cab", open: true };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = getUser({ context });
  const viewer = user ? { id: user.id, role: user.role } : null;
  const meeting = await getVisibleMeeting(params.id ?? "", viewer);
  if (!meeting) notFound();
  // Opening the meeting reads the notifications about it (scheduled, changed, minutes, replies).
  if (user) await markReadAbout(user.id, `/meetings/${meeting.id}`);
  const locale = await requestLocale(request, context);
  const { timeZone } = timeContext();
  const isMember = hasRole(user?.role, "cab_member");
  const [agenda, rsvp, attendance, quorum, minutes, comments] = await Promise.all([
    getAgenda(meeting.id),
    getRsvpSummary(meeting.id, viewer),
    isMember ? getAttendance(meeting.id) : Promise.resolve([]),
    meetingQuorum(meeting.id),
    getMinutesFor(meeting.id, viewer),
    commentThreadFor(request, user, meetingSubject(meeting)),
  ]);
  const at = (d: Date | string) => formatDate(d, locale, "long");
  // The notice is public for every meeting; the record of proceedings goes with the minutes the
  // viewer may read; closed-session minutes only to board members and staff.
  const proceedings = await getProceedings(meeting.id);
  const record = proceedings ? proceedingsView(proceedings, locale) : null;
  const closed = minutes ? await closedMinutesFor(meeting.id, viewer) : null;
  return json({
    notice: record?.notice ?? null,
    proceedings: minutes && meeting.status === "held" ? record : null,
    closedMinutes: closed?.length
      ? closed.map((c) => ({ id: c.id, body: c.body, status: c.status, approvedAt: c.approvedAt ? at(c.approvedAt) : null }))
      : null,
    meeting: {
      id: meeting.id,
      title: meeting.title,
      mode: meeting.mode,
      place: meeting.place,
      link: meeting.link,
      status: meeting.status,
      isPublic: meeting.isPublic,
      cancelReason: meeting.cancelReason,
      when: formatDateTimeRange(meeting.startsAt, meeting.endsAt, locale),
      agendaHtml: meeting.agendaHtml,
    },
    timeZone,
    locale,
    comments,
    agenda: agenda.map((a) => ({ id: a.id, title: a.title, url: a.url, label: a.label, subjectType: a.subjectType })),
    rsvp,
    // Replies are asked for until the meeting starts; a held (or started) meeting shows the replies it had.
    canRsvp: isMember && meeting.status === "scheduled" && meeting.startsAt > new Date(),
    rsvpClosed: meeting.status === "held" || (meeting.status === "scheduled" && meeting.startsAt <= new Date()),
    isMember,
    isStaff: hasRole(user?.role, "csu_staff"),
    attendance,
    quorum: meeting.status === "held" ? quorum : null,
    minutes: minutes
      ? {
          ...minutes,
          current: minutes.current ? { number: minutes.current.number, html: minutes.current.bodyHtml, kind: minutes.current.kind } : null,
          amendments: minutes.amendments.map((a) => ({ number: a.number, reason: a.reason, date: at(a.createdAt) })),
          approval: minutes.approval ? { ...minutes.approval, votedAt: at(minutes.approval.meetingStartsAt) } : null,
          publishedAt: minutes.publishedAt ? at(minutes.publishedAt) : null,
          actionItems: minutes.actionItems.map((i) => ({ ...i, due: i.dueDate ? formatDate(i.dueDate, locale) : null })),
        }
      : null,
  });
}

export async function action(args: ActionFunctionArgs) {
  const { request, params } = args;
  const formData = await readFormData(request);
  if (isCommentIntent(formData.get("intent"))) {
    // Whoever may see the meeting reaches the comment handler, which decides who may write.
    const viewer = getUser(args);
    const meeting = await getVisibleMeeting(params.id ?? "", viewer ? { id: viewer.id, role: viewer.role } : null);
    if (!meeting) notFound();
    return handleCommentAction(args, meetingSubject(meeting), formData);
  }
  const user = requireRole(args, "cab_member");
  const meeting = await getVisibleMeeting(params.id ?? "", { id: user.id, role: user.role });
  if (!meeting) notFound();
  const intent = readIntent(formData, ["rsvp", "propose-correction"]);
  const submission = parseWithZod(formData, { schema: MeetingPageSchema });
  if (submission.status !== "success") return json({ intent, result: submission.reply() }, { status: 400 });
  const value = submission.value;
  try {
    if (value.intent === "rsvp") {
      await setRsvp(user, meeting.id, value.response);
      return redirect(`/meetings/${meeting.id}`, { headers: { "Set-Cookie": await setFlash({ key: "meetings:flash.rsvpSaved" }) } });
    }
    const minutes = await getMinutesFor(meeting.id, { id: user.id, role: user.role });
    if (!minutes) notFound();
    await proposeCorrection(user, minutes.id, value.text);
    return redirect(`/meetings/${meeting.id}#minutes`, { headers: { "Set-Cookie": await setFlash({ key: "meetings:flash.correctionSent" }) } });
  } catch (error) {
    return refusal(submission, intent, error);
  }
}

export default function MeetingPage() {
  const { t } = useTranslation("meetings");
  const data = useLoaderData<typeof loader>();
  const actionData = usePageActionData();
  const { meeting, minutes } = data;
  const [rsvpForm, rsvpFields] = useForm({ id: "rsvp", lastResult: actionData?.intent === "rsvp" ? actionData.result : undefined });
  const [correctionForm, correctionFields] = useForm({
    id: "correction",
    lastResult: actionData?.intent === "propose-correction" ? actionData.result : undefined,
  });
  return (
    <article>
      <p>
        <Link to="/meetings">{t("detail.back")}</Link>
      </p>
      <h1 data-user-content="">{meeting.title}</h1>
      <p>
        <StatusBadge kind="status" value={meeting.status} /> {!meeting.isPublic ? <span className="badge">{t("detail.private")}</span> : null}
      </p>
      {meeting.status === "cancelled" ? (
        <div className="alert alert-info" role="status">
          <p>{t("detail.cancelled")}</p>
          {meeting.cancelReason ? <p>{meeting.cancelReason}</p> : null}
        </div>
      ) : null}
      <dl className="facts">
        <dt>{t("detail.when")}</dt>
        <dd>{meeting.when}</dd>
        <dt>{t("detail.mode")}</dt>
        <dd>{t(`mode.${meeting.mode}`)}</dd>
        {meeting.place ? (
          <>
            <dt>{t("detail.place")}</dt>
            <dd data-user-content="">{meeting.place}</dd>
          </>
        ) : null}
        {meeting.link ? (
          <>
            <dt>{t("detail.link")}</dt>
            <dd>
              <a href={meeting.link} rel="noopener noreferrer">
                {meeting.link}
              </a>
            </dd>
          </>
        ) : null}
      </dl>
      {data.notice && meeting.status !== "cancelled" ? (
        <section aria-labelledby="notice-heading">
          <h2 id="notice-heading">{t("notice.title")}</h2>
          <NoticeSummary notice={data.notice} />
        </section>
      ) : null}
      <p className="actions">
        <a href={`/meetings/${meeting.id}/ics`} download>
          {t("detail.ics")}
        </a>
        {data.isStaff ? <Link to={`/staff/meetings/${meeting.id}/edit`}>{t("detail.manage")}</Link> : null}
      </p>

      <h2>{t("detail.agenda")}</h2>
      {meeting.agendaHtml ? <RichHtml html={meeting.agendaHtml} /> : null}
      {data.agenda.length ? (
        <ol className="agenda">
          {data.agenda.map((item) => (
            <li key={item.id}>
              <span data-user-content="">{item.title}</span>
              {item.url ? (
                <>
                  {" "}
                  — <Link to={item.url}>{item.label || t(`subject.${item.subjectType}`)}</Link>
                </>
              ) : null}
            </li>
          ))}
        </ol>
      ) : !meeting.agendaHtml ? (
        <p>{t("detail.noAgenda")}</p>
      ) : null}

      {data.isMember && (data.canRsvp || data.rsvpClosed) ? (
        <section aria-labelledby="rsvp-heading">
          <h2 id="rsvp-heading">{t(data.canRsvp ? "rsvp.title" : "rsvp.closedTitle")}</h2>
          <p>{t(data.canRsvp ? "rsvp.counts" : "rsvp.closedCounts", { yes: data.rsvp.yes, no: data.rsvp.no, maybe: data.rsvp.maybe })}</p>
          {data.rsvp.mine ? <p role="status">{t(data.canRsvp ? "rsvp.mine" : "rsvp.closedMine", { response: t(`rsvp.${data.rsvp.mine}`) })}</p> : null}
          {/* A reply sent from a page loaded before the start is refused: say why here. */}
          {!data.canRsvp ? <FormErrors errors={rsvpForm.errors} /> : null}
          {data.canRsvp ? (
            <Form method="post" {...getFormProps(rsvpForm)}>
              <FormErrors errors={rsvpForm.errors} />
              <input type="hidden" name="intent" value="rsvp" />
              <fieldset>
                <legend>{t("rsvp.question")}</legend>
                {(["yes", "no", "maybe"] as const).map((r) => (
                  <label key={r} className="radio">
                    <input type="radio" name="response" value={r} defaultChecked={data.rsvp.mine === r} /> {t(`rsvp.${r}`)}
                  </label>
                ))}
                <ErrorList errors={rsvpFields.response.errors} />
              </fieldset>
              <button type="submit">{t("rsvp.submit")}</button>
            </Form>
          ) : null}
        </section>
      ) : null}

      {data.quorum ? (
        <section aria-labelledby="attendance-heading">
          <h2 id="attendance-heading">{t("attendance.title")}</h2>
          <QuorumStatus quorum={data.quorum} />
          {data.attendance.length ? (
            <ul>
              {data.attendance.map((a) => (
                <li key={a.userId}>
                  {a.displayName}: {t(`attendance.${a.status}`)}
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ) : null}

      {minutes ? (
        <section aria-labelledby="minutes">
          <h2 id="minutes" tabIndex={-1}>
            {t("minutes.title")}
          </h2>
          <p>
            <StatusBadge kind="minutesStatus" value={minutes.status} />
            {minutes.status !== "approved" ? <span className="muted"> {t("minutes.notFinal")}</span> : null}
          </p>
          {data.proceedings ? <RecordOfProceedings record={data.proceedings} /> : null}
          {minutes.current ? <RichHtml html={minutes.current.html} /> : null}
          {data.closedMinutes ? (
            <section aria-labelledby="closed-minutes-heading" className="closed-minutes">
              <h3 id="closed-minutes-heading">{t("closed.title")}</h3>
              <p className="alert alert-warning">{t("closed.boardOnly")}</p>
              {data.closedMinutes.map((c) => (
                <div key={c.id} className="card">
                  <p>
                    <StatusBadge kind="minutesStatus" value={c.status} /> {c.approvedAt ? t("closed.approvedOn", { date: c.approvedAt }) : null}
                  </p>
                  {c.body ? <p className="pre-wrap">{c.body}</p> : <p className="muted">{t("closed.empty")}</p>}
                </div>
              ))}
            </section>
          ) : null}
          {minutes.decisions.length ? (
            <>
              <h3>{t("minutes.decisions")}</h3>
              <ul>
                {minutes.decisions.map((d) => (
                  <li key={d.id}>
                    <span data-user-content="">{d.text}</span>
                    {d.support !== null || d.oppose !== null || d.abstain !== null ? (
                      <span className="muted"> ({t("approval.counts", { support: d.support ?? 0, oppose: d.oppose ?? 0, abstain: d.abstain ?? 0 })})</span>
                    ) : null}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {minutes.actionItems.length ? <ActionItemsTable items={minutes.actionItems} /> : null}
          {minutes.approval ? (
            <section aria-labelledby="approval-heading">
              <h3 id="approval-heading">{t("approval.title")}</h3>
              <ApprovalRecord approval={minutes.approval} />
              {minutes.publishedAt ? <p className="muted">{t("approval.published", { date: minutes.publishedAt })}</p> : null}
            </section>
          ) : null}
          {minutes.amendments.length ? (
            <section aria-labelledby="amendments-heading">
              <h3 id="amendments-heading">{t("amendments.title")}</h3>
              <ul>
                {minutes.amendments.map((a) => (
                  <li key={a.number}>{t("amendments.line", { number: a.number, date: a.date, reason: a.reason })}</li>
                ))}
              </ul>
            </section>
          ) : null}
          {minutes.corrections.length ? (
            <section aria-labelledby="corrections-heading">
              <h3 id="corrections-heading">{t("corrections.yours")}</h3>
              <ul>
                {minutes.corrections.map((c) => (
                  <li key={c.id}>
                    <span data-user-content="">{c.text}</span> — <StatusBadge kind="correctionStatus" value={c.status} />
                    {c.reviewNote ? <span> {t("corrections.note", { note: c.reviewNote })}</span> : null}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {minutes.canCorrect ? (
            <Form method="post" className="stack" {...getFormProps(correctionForm)}>
              <h3>{t("corrections.propose")}</h3>
              <FormErrors id={correctionForm.errorId} errors={correctionForm.errors} />
              <input type="hidden" name="intent" value="propose-correction" />
              <TextAreaField label={t("corrections.text")} field={correctionFields.text} hint={t("corrections.hint")} textareaProps={{ rows: 5 }} />
              <div>
                <button type="submit">{t("corrections.submit")}</button>
              </div>
            </Form>
          ) : null}
        </section>
      ) : meeting.status === "held" ? (
        <p>{t("minutes.notYet")}</p>
      ) : null}

      <CommentThread thread={data.comments.thread} permissions={data.comments.permissions} locale={data.locale} />
    </article>
  );
}

/** The RSVP/correction answer of the action (comment answers are read by <CommentThread> itself). */
function usePageActionData() {
  const data = useActionData<typeof action>();
  return data && "intent" in data ? data : undefined;
}
