import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { MetricSnapshotCard } from "~/modules/metrics/ui/snapshot-card";
import { snapshotView } from "~/modules/metrics/index.server";
import { notFound } from "~/utils/errors";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "snapshot", "dashboard");

export async function loader({ params }: LoaderFunctionArgs) {
  const view = await snapshotView(params.id ?? "");
  if (!view) notFound();
  const { snapshot, live, definitionChanged } = view;
  return json({
    data: {
      snapshot: { ...snapshot, asOf: snapshot.asOf.toISOString() },
      live,
      definitionChanged,
    },
  });
}

export default function SnapshotPage() {
  const { data } = useLoaderData<typeof loader>();
  const { t } = useTranslation("metrics");
  return (
    <section>
      <p>
        <Link to="/dashboard">{t("dashboard.title")}</Link>
      </p>
      <h1>{t("snapshot.title")}</h1>
      <p className="alert alert-info synthetic-banner">{t("dashboard.synthetic")}</p>
      <MetricSnapshotCard data={data} />
    </section>
  );
}
