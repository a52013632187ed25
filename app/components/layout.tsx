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

function MainNav({ user, className }: { user: HeaderUser; className: string }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t("nav.label")} className={className}>
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
  );
}

function HeaderTools({ user, locale, unread }: { user: HeaderUser; locale: string; unread: number }) {
  const { t } = useTranslation();
  const location = useLocation();
  const back = location.pathname + location.search;
  const otherLocale = locale === "es" ? "en" : "es";
  return (
    <>
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
    </>
  );
}

/**
 * On a wide screen: the name, the account tools and the navigation row. On a phone: the name and a
 * "Menu" disclosure (a `<details>`, so it opens without JavaScript) holding the same navigation and
 * tools, so content starts after one row. Only one of the two copies is displayed at a time (the
 * other is `display: none`, out of the accessibility tree), so there is one "Main" navigation.
 */
export function SiteHeader({ user, locale, unread = 0 }: { user: HeaderUser; locale: string; unread?: number }) {
  const { t } = useTranslation();
  const location = useLocation();
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
        <div className="header-tools wide-only">
          <HeaderTools user={user} locale={locale} unread={unread} />
        </div>
        {/* Keyed by the page, so the menu is closed again on the next page. */}
        <details className="header-menu phone-only" key={location.key}>
          <summary>
            {t("nav.menu")}
            {unread > 0 ? <span className="inbox-count">{` (${t("notifications:inbox.navUnread", { count: unread })})`}</span> : null}
          </summary>
          <div className="header-menu-panel">
            <MainNav user={user} className="menu-nav" />
            <div className="header-tools">
              <HeaderTools user={user} locale={locale} unread={unread} />
            </div>
          </div>
        </details>
      </div>
      <MainNav user={user} className="main-nav wide-only" />
    </header>
  );
}

/**
 * Staff and admin pages are work surfaces (queues, tables, long forms): they use the width of the
 * screen instead of the reading column of the public pages.
 */
export function useMainClassName() {
  const { pathname } = useLocation();
  return /^\/(staff|admin)(\/|$)/.test(pathname) || /^\/analyses\/[^/]+\/manage$/.test(pathname) ? "main-wide" : undefined;
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
