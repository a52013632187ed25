import { useTranslation } from "react-i18next";

export type NoticeView = {
  /** Formatted in the reader's language, or null when notice was not posted through the portal. */
  postedAt: string | null;
  deadline: string | null;
  late: boolean;
  shortNoticeReason: string | null;
  closed: { citation: string; title: string; description: string; topic: string | null } | null;
};

/** The meeting's public notice: when it was posted, the deadline it met (or why it is short), a closed portion and its exception. */
export function NoticeSummary({ notice }: { notice: NoticeView }) {
  const { t } = useTranslation("meetings");
  return (
    <div className="notice-summary">
      {notice.postedAt ? (
        <p>
          <strong>{t("notice.postedAt", { when: notice.postedAt })}</strong>{" "}
          {notice.deadline
            ? notice.late
              ? t("notice.missedDeadline", { deadline: notice.deadline })
              : t("notice.metDeadline", { deadline: notice.deadline })
            : null}
        </p>
      ) : (
        <p>{t("notice.notPosted")}</p>
      )}
      {notice.shortNoticeReason ? (
        <div className="alert alert-warning">
          <p>
            <strong>{t("notice.shortNotice")}</strong> <span data-user-content="">{notice.shortNoticeReason}</span>
          </p>
        </div>
      ) : null}
      {notice.closed ? (
        <div className="alert alert-info">
          <p>
            <strong>{t("notice.closedPortion", { citation: notice.closed.citation })}</strong> {notice.closed.title}
            {notice.closed.topic ? <> — {notice.closed.topic}</> : null}
          </p>
          <p className="muted">{notice.closed.description}</p>
        </div>
      ) : null}
    </div>
  );
}
