import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export default function HomePage() {
  const { t } = useTranslation();
  return (
    <>
      <div className="page-header">
        <h1>{t("home.title")}</h1>
        <p className="lead">{t("home.lead")}</p>
      </div>
      <section aria-labelledby="what">
        <h2 id="what">{t("home.whatTitle")}</h2>
        <ul>
          <li>{t("home.what1")}</li>
          <li>{t("home.what2")}</li>
          <li>{t("home.what3")}</li>
          <li>{t("home.what4")}</li>
        </ul>
      </section>
      <section aria-labelledby="where">
        <h2 id="where">{t("home.linksTitle")}</h2>
        <ul className="card-grid">
          <li className="card card-highlight">
            <h3>
              <Link to="/concerns/new">{t("home.reportTitle")}</Link>
            </h3>
            <p>{t("home.reportText")}</p>
          </li>
          <li className="card">
            <h3>
              <Link to="/briefs">{t("home.briefsTitle")}</Link>
            </h3>
            <p>{t("home.briefsText")}</p>
          </li>
          <li className="card">
            <h3>
              <Link to="/meetings">{t("home.meetingsTitle")}</Link>
            </h3>
            <p>{t("home.meetingsText")}</p>
          </li>
          <li className="card">
            <h3>
              <Link to="/dashboard">{t("home.dashboardTitle")}</Link>
            </h3>
            <p>{t("home.dashboardText")}</p>
          </li>
        </ul>
      </section>
    </>
  );
}
