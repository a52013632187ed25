import { USER_CONTENT_MARK, UserContentIn } from "~/components/user-content";
import { useTranslation } from "react-i18next";
import type { ProceedingsView } from "~/modules/meetings";
import { NoticeSummary } from "./notice-summary";
import { RollCallTable } from "./roll-call-table";

const names = (list: string[], none: string) => (list.length ? list.join(", ") : none);

/**
 * The part of the minutes the Sunshine Law requires, rendered from the portal's records in the
 * reader's language: date, time and place, the notice, members present and absent, every vote
 * by roll call, and any closed session (when, why, the vote to close; never its minutes).
 */
export function RecordOfProceedings({ record, headingLevel = 3 }: { record: ProceedingsView; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation("meetings");
  const H = `h${headingLevel}` as "h2" | "h3";
  const S = `h${headingLevel + 1}` as "h3" | "h4";
  return (
    <section className="record-of-proceedings" aria-labelledby="proceedings-heading">
      <H id="proceedings-heading">{t("proceedings.title")}</H>
      <p className="hint">{t("proceedings.generated")}</p>
      <dl className="facts">
        <dt>{t("detail.when")}</dt>
        <dd>{record.when}</dd>
        <dt>{t("detail.mode")}</dt>
        <dd>{t(`mode.${record.mode}`)}</dd>
        {record.place ? (
          <>
            <dt>{t("detail.place")}</dt>
            <dd data-user-content="">{record.place}</dd>
          </>
        ) : null}
        {record.link ? (
          <>
            <dt>{t("detail.link")}</dt>
            <dd>{record.link}</dd>
          </>
        ) : null}
        <dt>{t("proceedings.present")}</dt>
        <dd data-user-content="">{names(record.present, t("proceedings.nobody"))}</dd>
        <dt>{t("proceedings.absent")}</dt>
        <dd data-user-content="">{names(record.absent, t("proceedings.nobody"))}</dd>
        {record.excused.length ? (
          <>
            <dt>{t("proceedings.excused")}</dt>
            <dd data-user-content="">{names(record.excused, t("proceedings.nobody"))}</dd>
          </>
        ) : null}
      </dl>
      <S>{t("notice.title")}</S>
      <NoticeSummary notice={record.notice} />

      <S>{t("proceedings.votes")}</S>
      {!record.motions.length && !record.minutesApprovals.length && !record.portalVotes.length ? <p>{t("proceedings.noVotes")}</p> : null}
      {record.motions.map((m) => {
        // A motion's words are the board's own (user content); a motion to close is named by its exception.
        const heading =
          m.kind === "close_session" && m.exception ? (
            t("proceedings.closeMotion", { citation: m.exception.citation, title: m.exception.title })
          ) : (
            <UserContentIn template={t("proceedings.motion", { text: USER_CONTENT_MARK })} value={m.text} />
          );
        return (
          <div key={m.id} className="card motion-record">
            <p>
              <strong>{heading}</strong> <span className="muted">({m.time})</span>
            </p>
            {m.kind === "close_session" ? <p data-user-content="">{m.text}</p> : null}
            <p>
              {m.mover ? t("proceedings.movedBy", { name: m.mover }) : null} {m.seconder ? t("proceedings.secondedBy", { name: m.seconder }) : null}{" "}
              <strong>{m.passed ? t("approval.passed") : t("approval.failed")}</strong>
            </p>
            <RollCallTable
              rollCall={m.rollCall}
              caption={
                <>
                  {t("proceedings.rollCallOf", { text: "" })}
                  {heading}
                </>
              }
            />
          </div>
        );
      })}
      {record.minutesApprovals.map((a) => (
        <div key={a.id} className="card motion-record">
          <p>
            <strong>
              <UserContentIn template={t("proceedings.minutesApproval", { title: USER_CONTENT_MARK })} value={a.meetingTitle} />
            </strong>{" "}
            <strong>{a.passed ? t("approval.passed") : t("approval.failed")}</strong>
          </p>
          <RollCallTable
            rollCall={a.rollCall}
            caption={<UserContentIn template={t("proceedings.minutesApproval", { title: USER_CONTENT_MARK })} value={a.meetingTitle} />}
          />
        </div>
      ))}
      {record.portalVotes.length ? (
        <>
          <p className="hint">{t("proceedings.portalVotesHint")}</p>
          {record.portalVotes.map((v) => {
            const heading = <UserContentIn template={t("proceedings.portalVote", { title: USER_CONTENT_MARK })} value={v.title} />;
            return (
              <div key={v.id} className="card motion-record">
                <p>
                  <strong>
                    <a href={v.url}>{heading}</a>
                  </strong>{" "}
                  <span className="muted">({t("proceedings.portalVoteClosed", { when: v.closedOn })})</span>{" "}
                  <strong>{v.noQuorum ? t("proceedings.noQuorum") : v.passed ? t("approval.passed") : t("approval.failed")}</strong>
                </p>
                <RollCallTable rollCall={v.rollCall} caption={heading} />
              </div>
            );
          })}
        </>
      ) : null}

      {record.closedSessions.length ? (
        <>
          <S>{t("proceedings.closedTitle")}</S>
          {record.closedSessions.map((c) => (
            <div key={c.motionId} className="card closed-session-record">
              <p>
                {t("proceedings.closedLine", { time: c.time, citation: c.exception?.citation ?? "", title: c.exception?.title ?? "" })}
                {c.topic ? <> {t("proceedings.closedTopic", { topic: c.topic })}</> : null}
              </p>
              <p className="muted">{c.approved ? t("proceedings.closedMinutesApproved") : t("proceedings.closedMinutesPending")}</p>
              {c.approvalRollCalls.map((rc, i) => (
                <RollCallTable key={i} rollCall={rc} caption={t("proceedings.closedApprovalRollCall")} />
              ))}
            </div>
          ))}
        </>
      ) : null}
    </section>
  );
}
