import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ProposeForm, StageBadge } from "~/modules/analyses/ui/analyses";
import { listAnalyses } from "~/modules/analyses/index.server";
import { readerLocale } from "~/modules/analyses/index.server";
import { getUser } from "~/modules/auth/index.server";
import { hasRole } from "~/modules/auth";
import { TableWrap } from "~/components/table-wrap";
import { formatDate } from "~/utils/clock";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "analyses");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = getUser({ context });
  const locale = await readerLocale(request, context);
  const rows = await listAnalyses();
  return json({
    canPropose: hasRole(user?.role, "cab_member"),
    signedIn: Boolean(user),
    analyses: rows.map((r) => ({
      id: r.id,
      question: r.question,
      stage: r.stage,
      proposerName: r.proposerName,
      proposerRole: r.proposerRole,
      proposedOn: formatDate(r.createdAt, locale),
    })),
  });
}

export default function AnalysesIndex() {
  const { t } = useTranslation("analyses");
  const data = useLoaderData<typeof loader>();
  return (
    <section>
      <div className="page-header">
        <h1>{t("list.title")}</h1>
        <p className="lead">{t("list.lead")}</p>
        <p>
          <Link to="/analyses/pipeline">{t("list.pipelineLink")}</Link>
        </p>
      </div>

      <TableWrap>
        <table>
          <caption>{t("list.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("list.question")}</th>
              <th scope="col">{t("list.proposedBy")}</th>
              <th scope="col">{t("list.stage")}</th>
              <th scope="col">{t("list.proposedOn")}</th>
            </tr>
          </thead>
          <tbody>
            {data.analyses.length === 0 ? (
              <tr>
                <td colSpan={4}>{t("list.empty")}</td>
              </tr>
            ) : (
              data.analyses.map((a) => (
                <tr key={a.id}>
                  <td>
                    <Link to={`/analyses/${a.id}`} data-user-content="">
                      {a.question}
                    </Link>
                  </td>
                  <td>
                    {a.proposerName ?? t("proposer.unknown")} <span className="muted">({t(`proposer.${a.proposerRole}`)})</span>
                  </td>
                  <td>
                    <StageBadge stage={a.stage} />
                  </td>
                  <td>{a.proposedOn}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </TableWrap>

      <section aria-labelledby="propose-title">
        <h2 id="propose-title">{t("propose.title")}</h2>
        {data.canPropose ? (
          <>
            <p>{t("propose.lead")}</p>
            <ProposeForm />
          </>
        ) : (
          <p>{data.signedIn ? t("propose.membersOnly") : t("propose.signInToPropose")}</p>
        )}
      </section>
    </section>
  );
}
