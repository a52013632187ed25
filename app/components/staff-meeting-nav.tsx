import { NavLink } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** The tabs of a meeting's staff pages. */
export function StaffMeetingNav({ id }: { id: string }) {
  const { t } = useTranslation("meetings");
  return (
    <nav aria-label={t("staff.navLabel")} className="subnav">
      <ul>
        <li>
          <NavLink to={`/staff/meetings/${id}/edit`}>{t("staff.tabEdit")}</NavLink>
        </li>
        <li>
          <NavLink to={`/staff/meetings/${id}/attendance`}>{t("staff.tabAttendance")}</NavLink>
        </li>
        <li>
          <NavLink to={`/staff/meetings/${id}/votes`}>{t("staff.tabVotes")}</NavLink>
        </li>
        <li>
          <NavLink to={`/staff/meetings/${id}/minutes`}>{t("staff.tabMinutes")}</NavLink>
        </li>
        <li>
          <NavLink to={`/meetings/${id}`} end>
            {t("staff.tabPublic")}
          </NavLink>
        </li>
      </ul>
    </nav>
  );
}
