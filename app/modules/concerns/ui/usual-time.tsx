import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/**
 * How long the office usually takes to answer: the overall median days to respond that it
 * publishes on /dashboard/response-time (responses module, null when too few concerns were
 * answered to publish one). Never a promise the code does not keep.
 */
export function UsualTime({ medianDays }: { medianDays: number | null }) {
  const { t } = useTranslation("concerns");
  const days = medianDays === null ? null : Math.round(medianDays);
  return (
    <>
      <h2>{t("new.howLongTitle")}</h2>
      <p data-testid="usual-time">
        {days === null ? t("new.howLongUnknown") : days === 0 ? t("new.howLongSameDay") : t("new.howLongMedian", { count: days })}{" "}
        <Link to="/dashboard/response-time">{t("new.responseTimeLink")}</Link>
      </p>
    </>
  );
}
