import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { hasRole, type Role } from "~/modules/auth";

type HeaderUser = { id: string; displayName: string; role: Role } | null;

type NavItem = { to: string; label: string; role?: Role };

const NAV: NavItem[] = [
  { to: "/briefs", label: "nav.briefs" },
  { to: "/analyses", label: "nav.analyses" },
  { to: "/meetings", label: "nav.meetings" },
  { to: "/dashboard", label: "nav.dashboard" },
  { to: "/concerns", label: "nav.concerns" },
  { to: "/responses", label: "nav.responses" },
  { to: "/staff", label: "nav.staff", role: "csu_staff" },
  { to: "/admin", label: "nav.admin", role: "admin" },
];

export function SiteHeader({ user, locale, unread = 0 }: { user: HeaderUser; locale: string; unread?: number }) {
  const { t } = useTranslation();
  const location = useLocation();
  const back = location.pathname + location.search;
  const otherLocale = locale === "es" ? "en" : "es";
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t("skipToContent")}
      </a>
      <div className="header-top">
        <Link to="/" className="brand">
          <span className="brand-name">{t("appName")}</span>
          <span className="brand-office">{t("officeName")}</span>
        </Link>
        <div className="header-tools">
          <Form method="post" action="/set-locale" className="inline-form">
            <input type="hidden" name="locale" value={otherLocale} />
            <input type="hidden" name="redirectTo" value={back} />
            <button type="submit" className="link-button" lang={otherLocale} aria-label={`${t("language.label")}: ${t("language.switchTo")}`}>
              {t("language.switchTo")}
            </button>
          </Form>
          {user ? (
            <>
              <Link to="/notifications" className="inbox-link">
                {t("notifications:inbox.navLink")}
                {unread > 0 ? <span className="inbox-count">{` (${t("notifications:inbox.navUnread", { count: unread })})`}</span> : null}
              </Link>
              <Link to="/account">{t("nav.account")}</Link>
              <Form method="post" action="/logout" className="inline-form">
                <button type="submit" className="link-button">
                  {t("nav.logout")}
                </button>
              </Form>
            </>
          ) : (
            <>
              <Link to={`/login?redirectTo=${encodeURIComponent(back)}`}>{t("nav.login")}</Link>
              <Link to="/signup">{t("nav.signup")}</Link>
            </>
          )}
        </div>
      </div>
      <nav aria-label={t("nav.label")} className="main-nav">
        <ul>
          {NAV.filter((item) => !item.role || hasRole(user?.role, item.role)).map((item) => (
            <li key={item.to}>
              <NavLink to={item.to}>{t(item.label)}</NavLink>
            </li>
          ))}
          <li className="nav-cta">
            <NavLink to="/concerns/new">{t("nav.reportConcern")}</NavLink>
          </li>
        </ul>
      </nav>
    </header>
  );
}

/** Public pages that are not in the main navigation. */
const FOOTER_LINKS = [
  { to: "/consultations", label: "footer.consultations" },
  { to: "/search", label: "footer.search" },
  { to: "/concerns/track", label: "footer.trackConcern" },
  { to: "/action-items", label: "footer.actionItems" },
];

export function SiteFooter() {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <nav aria-label={t("footer.linksLabel")} className="footer-nav">
        <ul>
          {FOOTER_LINKS.map((link) => (
            <li key={link.to}>
              <Link to={link.to}>{t(link.label)}</Link>
            </li>
          ))}
        </ul>
      </nav>
      <p>{t("footer.about")}</p>
      <p>{t("footer.privacy")}</p>
      <p className="muted">{t("footer.synthetic")}</p>
    </footer>
  );
}
