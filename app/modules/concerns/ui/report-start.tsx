import { useTranslation } from "react-i18next";
import { UsualTime } from "./usual-time";

/**
 * The start of the resident's report (GOV.UK's start page, kept short): what happens, how long the
 * office usually takes (the median it publishes on /dashboard/response-time, or nothing when it
 * publishes none) and exactly who sees what (true of the public projection in public.server.ts).
 */
export function ReportStart({ medianDays }: { medianDays: number | null }) {
  const { t } = useTranslation("concerns");
  return (
    <div className="report-start">
      <p className="alert alert-info">{t("new.emergency")}</p>
      <h2>{t("new.startTitle")}</h2>
      <p>{t("new.startSteps")}</p>
      <p>{t("new.startCode")}</p>
      <UsualTime medianDays={medianDays} />
      <h2 id="who-sees">{t("new.whoSees")}</h2>
      <ul className="who-sees" aria-labelledby="who-sees">
        <li>{t("new.whoSeesStaff")}</li>
        <li>{t("new.whoSeesPublic")}</li>
        <li>{t("new.whoSeesNever")}</li>
      </ul>
    </div>
  );
}
