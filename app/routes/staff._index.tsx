import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/modules/auth/index.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "staff");

export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "csu_staff");
  return null;
}

type Tool = { key: string; to: string };

/**
 * Every staff tool, by area. A tool is one line: its key (title and description are
 * common:staffHub.tools.<key>.title / .text) and where it lives.
 */
export const STAFF_TOOLS: { area: string; tools: Tool[] }[] = [
  {
    area: "concerns",
    tools: [
      { key: "concerns", to: "/staff/concerns" },
      { key: "concernKinds", to: "/staff/concerns/kinds" },
      { key: "citations", to: "/staff/citations" },
      { key: "responses", to: "/staff/responses" },
    ],
  },
  {
    area: "publishing",
    tools: [
      { key: "briefs", to: "/staff/briefs" },
      { key: "newConsultation", to: "/staff/consultations/new" },
      { key: "consultations", to: "/consultations" },
    ],
  },
  {
    area: "board",
    tools: [
      { key: "meetings", to: "/staff/meetings" },
      { key: "analyses", to: "/analyses" },
    ],
  },
  {
    area: "data",
    tools: [
      { key: "metrics", to: "/staff/metrics" },
      { key: "metricsImport", to: "/staff/metrics/import" },
      { key: "search", to: "/search" },
    ],
  },
];

export default function StaffHome() {
  const { t } = useTranslation();
  return (
    <section>
      <h1>{t("staffHub.title")}</h1>
      <p className="lead">{t("staffHub.lead")}</p>
      {STAFF_TOOLS.map(({ area, tools }) => (
        <section key={area} aria-labelledby={`staff-area-${area}`}>
          <h2 id={`staff-area-${area}`}>{t(`staffHub.areas.${area}`)}</h2>
          <ul className="card-grid">
            {tools.map((tool) => (
              <li key={tool.key} className="card">
                <h3>
                  <Link to={tool.to}>{t(`staffHub.tools.${tool.key}.title`)}</Link>
                </h3>
                <p>{t(`staffHub.tools.${tool.key}.text`)}</p>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}
