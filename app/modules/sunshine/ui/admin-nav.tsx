import { NavLink } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** The tabs of the open-meetings rules' admin pages. */
export function SunshineAdminNav() {
  const { t } = useTranslation("sunshine");
  return (
    <nav aria-label={t("admin.navLabel")} className="subnav">
      <ul>
        <li>
          <NavLink to="/admin/sunshine" end>
            {t("admin.tabSettings")}
          </NavLink>
        </li>
        <li>
          <NavLink to="/admin/sunshine/holidays">{t("admin.tabHolidays")}</NavLink>
        </li>
        <li>
          <NavLink to="/admin/sunshine/exceptions">{t("admin.tabExceptions")}</NavLink>
        </li>
      </ul>
    </nav>
  );
}
