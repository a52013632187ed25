import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** Previous / next links for a numbered list; plain links, so they work without JavaScript. */
export function Pager({ page, pages, label, href }: { page: number; pages: number; label: string; href: (page: number) => string }) {
  const { t } = useTranslation();
  if (pages <= 1) return null;
  return (
    <nav aria-label={label} className="pager">
      {page > 1 ? <Link to={href(page - 1)}>{t("actions.previous")}</Link> : null}
      <span>{t("admin:pageOf", { page, pages })}</span>
      {page < pages ? <Link to={href(page + 1)}>{t("actions.next")}</Link> : null}
    </nav>
  );
}
