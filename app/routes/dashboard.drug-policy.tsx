import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DrugFunnelView } from "~/modules/metrics/ui/drug-funnel";
import { chartMarkers, drugFunnel, funnelYearOf } from "~/modules/metrics/index.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "drugFunnel", "dashboard");

export async function loader({ request }: LoaderFunctionArgs) {
  const [funnel, markers] = await Promise.all([drugFunnel(funnelYearOf(new URL(request.url).searchParams)), chartMarkers("drug_filed")]);
  return json({ funnel, markers });
}

export default function DrugPolicyPage() {
  const { funnel, markers } = useLoaderData<typeof loader>();
  const { t } = useTranslation("metrics");
  return (
    <section>
      <p>
        <Link to="/dashboard">{t("dashboard.title")}</Link>
      </p>
      <h1>{t("funnel.title")}</h1>
      <p className="lead">{t("funnel.lead")}</p>
      <p className="alert alert-info synthetic-banner">{t("dashboard.synthetic")}</p>
      <DrugFunnelView funnel={funnel} markers={markers} />
    </section>
  );
}
