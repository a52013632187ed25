import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StageBadge } from "~/modules/analyses/ui/analyses";
import { listPipeline } from "~/modules/analyses/index.server";
import { readerLocale } from "~/modules/analyses/index.server";
import { TableWrap } from "~/components/table-wrap";
import { formatDate } from "~/utils/clock";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "pipeline");

/** Public: every analysis the office accepted, and where it stands — its accountability to the board. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const locale = await readerLocale(request, context);
  const rows = await listPipeline();
  return json({
    items: rows.map((r) => ({
      id: r.id,
      question: r.question,
      status: r.status,
      note: r.decisionNote,
      briefSlug: r.resultBriefSlug,
      acceptedOn: (() => {
        const step = r.steps.find((s) => s.status === "accepted");
        return step ? formatDate(step.createdAt, locale) : null;
      })(),
      updatedOn: formatDate(r.updatedAt, locale),
      steps: r.steps.filter((s) => s.status !== "proposed").map((s, i) => ({ key: i, status: s.status, date: formatDate(s.createdAt, locale) })),
    })),
  });
}

export default function Pipeline() {
  const { t } = useTranslation("analyses");
  const { items } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t("pipeline.title")}</h1>
      <p className="lead">{t("pipeline.lead")}</p>
      <TableWrap>
        <table>
          <caption>{t("pipeline.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("pipeline.analysis")}</th>
              <th scope="col">{t("pipeline.stage")}</th>
              <th scope="col">{t("pipeline.steps")}</th>
              <th scope="col">{t("pipeline.brief")}</th>
            </tr>
          </thead>
          <tbody>
            {items.length === 0 ? (
              <tr>
                <td colSpan={4}>{t("pipeline.empty")}</td>
              </tr>
            ) : (
              items.map((item) => (
                <tr key={item.id}>
                  <th scope="row">
                    <Link to={`/analyses/${item.id}`} data-user-content="">
                      {item.question}
                    </Link>
                    {item.note ? (
                      <p className="muted prewrap" data-user-content="">
                        {item.note}
                      </p>
                    ) : null}
                  </th>
                  <td>
                    <StageBadge stage={item.status} />
                  </td>
                  <td>
                    <ol className="progress-steps">
                      {item.steps.map((s) => (
                        <li key={s.key}>
                          {t(`stage.${s.status}`)}: {s.date}
                        </li>
                      ))}
                    </ol>
                  </td>
                  <td>
                    {item.briefSlug ? (
                      <a href={`/briefs/${item.briefSlug}`}>{t("pipeline.readBrief")}</a>
                    ) : (
                      <span className="muted">{t("pipeline.noBrief")}</span>
                    )}
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </TableWrap>
      <p>
        <Link to="/analyses">{t("pipeline.allProposals")}</Link>
      </p>
    </section>
  );
}
