import { NavLink } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** The admin section's own links, shown above each admin page. */
export function AdminNav() {
  const { t } = useTranslation("admin");
  return (
    <nav aria-label={t("title")} className="sub-nav">
      <ul>
        <li>
          <NavLink to="/admin/users">{t("users")}</NavLink>
        </li>
        <li>
          <NavLink to="/admin/outbox">{t("outbox")}</NavLink>
        </li>
        <li>
          <NavLink to="/admin/audit">{t("audit")}</NavLink>
        </li>
      </ul>
    </nav>
  );
}
