import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { cellText, formatNumber } from "~/modules/metrics";
import { annualReport, reportYearParam } from "~/modules/reports/index.server";
import { DrugPolicySection } from "~/modules/reports/ui/drug-policy-section";
import { ReportFigure } from "~/modules/reports/ui/figure";
import { PrintButton } from "~/modules/reports/ui/print-button";
import { DisparitySummary } from "~/modules/reports/ui/disparity-summary";
import { formatDate } from "~/utils/clock";
import { notFound } from "~/utils/errors";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, "annualReport", { text: String(args.data?.report.year ?? "") }, "dashboard");

export async function loader({ params }: LoaderFunctionArgs) {
  const year = reportYearParam(params.year);
  const report = year === null ? null : await annualReport(year);
  if (!report) notFound();
  return json({ report });
}

export default function AnnualReportPage() {
  const { report } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("metrics");
  const locale = i18n.language;
  const { year } = report;
  const a = report.cab.analyses;
  const days = (v: number | null) => (v === null ? t("dashboard.withheld") : formatNumber(v, locale));
  return (
    <article className="annual-report" data-report-year={year}>
      <p className="no-print">
        <Link to="/reports/annual">{t("annual.listTitle")}</Link>
      </p>
      <h1>{t("annual.title", { year })}</h1>
      <p className="lead">{t("annual.lead", { year })}</p>
      <p className="alert alert-info synthetic-banner">{t("dashboard.synthetic")}</p>
      <PrintButton />

      <section className="report-section" aria-labelledby="report-headline" data-report-section="headline">
        <h2 id="report-headline">{t("annual.headlineTitle")}</h2>
        <dl className="report-figures">
          {report.headline.map((f) => (
            <ReportFigure key={f.key} figure={f} />
          ))}
        </dl>
      </section>

      <DrugPolicySection year={year} figures={report.drug} />

      <DisparitySummary year={year} reference={report.reference} view={report.disparity} />

      <section className="report-section" aria-labelledby="report-concerns" data-report-section="concerns">
        <h2 id="report-concerns">{t("annual.concernsTitle")}</h2>
        <p>{t("annual.concernsLead")}</p>
        {report.concerns.loop.length ? (
          <>
            <dl className="report-figures" data-report-loop="">
              {report.concerns.loop.map((f) => (
                <ReportFigure key={f.key} figure={f} withCount />
              ))}
            </dl>
            <p>
              <Link to={`/dashboard/concerns-loop?year=${year}`}>{t("loop.title")}</Link>
            </p>
          </>
        ) : (
          <p data-report-loop="none">{t("annual.noLoop", { year })}</p>
        )}
        <dl className="report-figures">
          <div className="report-figure" data-figure="answered">
            <dt>
              <Link to={`/dashboard/response-time?year=${year}`}>{t("annual.answered")}</Link>
            </dt>
            <dd>
              <strong className="report-value" data-state={report.concerns.answered.state}>
                {cellText(report.concerns.answered, t, locale)}
              </strong>
              <span className="report-source">
                <a href={`/dashboard/response-time?year=${year}`} data-source="">
                  {t("annual.source")}
                </a>
              </span>
            </dd>
          </div>
          <div className="report-figure" data-figure="median-days">
            <dt>
              <Link to={`/dashboard/response-time?year=${year}`}>{t("annual.medianDays")}</Link>
            </dt>
            <dd>
              <strong className="report-value">{days(report.concerns.medianDays)}</strong>
              <span className="report-source">
                <a href={`/dashboard/response-time?year=${year}`} data-source="">
                  {t("annual.source")}
                </a>
              </span>
            </dd>
          </div>
        </dl>
        <p className="muted">{t("annual.concernsNote")}</p>
      </section>

      <section className="report-section" aria-labelledby="report-cab" data-report-section="cab">
        <h2 id="report-cab">{t("annual.cabTitle")}</h2>
        <dl className="report-figures report-figures-compact">
          <CabFigure id="meetings" to="/meetings?past=1" label={t("annual.meetingsHeld")} value={formatNumber(report.cab.meetings, locale)} />
          <CabFigure id="analyses-proposed" to="/analyses" label={t("annual.analysesProposed")} value={formatNumber(a.proposed, locale)} />
          <CabFigure id="analyses-decided" to="/analyses" label={t("annual.analysesDecided")} value={formatNumber(a.decided, locale)}>
            {t("annual.decidedSplit", { accepted: formatNumber(a.accepted, locale), declined: formatNumber(a.declined, locale) })}
          </CabFigure>
          <CabFigure id="analyses-completed" to="/analyses" label={t("annual.analysesCompleted")} value={formatNumber(a.completed, locale)} />
          <CabFigure id="briefs" to="/briefs" label={t("annual.briefsPublished")} value={formatNumber(report.cab.briefs.length, locale)} />
        </dl>
        {report.cab.briefs.length ? (
          <>
            <h3>{t("annual.briefsList")}</h3>
            <ul className="report-list">
              {report.cab.briefs.map((b) => (
                <li key={b.slug}>
                  <Link to={`/briefs/${b.slug}`} data-user-content="">
                    {b.title}
                  </Link>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section className="report-section" aria-labelledby="report-responses" data-report-section="responses">
        <h2 id="report-responses">{t("annual.responsesTitle")}</h2>
        {report.responses.length === 0 ? (
          <p>{t("annual.noResponses", { year })}</p>
        ) : (
          <ul className="report-list">
            {report.responses.map((r) => (
              <li key={r.slug}>
                <Link to={`/responses/${r.slug}`} data-user-content="">
                  {r.title}
                </Link>
                {r.publishedAt ? <span className="muted"> — {formatDate(r.publishedAt, locale)}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <p className="muted">{t("dashboard.suppressionNote")}</p>
    </article>
  );
}

/** One of the board's figures for the year: a count of public things, linked to where they are listed. */
function CabFigure({ id, to, label, value, children }: { id: string; to: string; label: string; value: string; children?: React.ReactNode }) {
  return (
    <div className="report-figure" data-figure={id}>
      <dt>
        <Link to={to}>{label}</Link>
      </dt>
      <dd>
        <strong className="report-value">{value}</strong>
        {children ? (
          <>
            {" "}
            <span>{children}</span>
          </>
        ) : null}
      </dd>
    </div>
  );
}
