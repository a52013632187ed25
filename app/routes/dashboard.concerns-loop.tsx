import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConcernLoopView } from "~/modules/metrics/ui/concern-loop";
import { concernLoop, parseStatsYear } from "~/modules/metrics/index.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "concernLoop", "dashboard");

export async function loader({ request }: LoaderFunctionArgs) {
  return json({ loop: await concernLoop(parseStatsYear(new URL(request.url).searchParams)) });
}

export default function ConcernLoopPage() {
  const { loop } = useLoaderData<typeof loader>();
  const { t } = useTranslation("metrics");
  return (
    <section>
      <p>
        <Link to="/dashboard">{t("dashboard.title")}</Link>
      </p>
      <h1>{t("loop.title")}</h1>
      <p className="lead">{t("loop.lead")}</p>
      <p className="alert alert-info synthetic-banner">{t("dashboard.synthetic")}</p>
      <ConcernLoopView loop={loop} />
      <p>
        <Link to="/concerns">{t("loop.concernsLink")}</Link>
      </p>
    </section>
  );
}
