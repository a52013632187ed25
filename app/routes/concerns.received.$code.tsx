import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatTrackingCode } from "~/modules/concerns";
import { trackingByCode } from "~/modules/concerns/index.server";
import { normalizeTrackingCode } from "~/modules/concerns/index.server";
import { enforceRateLimits } from "~/utils/rate-limit.server";
import { notFound } from "~/utils/errors";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "concernReceived");

export async function loader({ params, context }: LoaderFunctionArgs) {
  await enforceRateLimits([`concern-track:ip:${context.clientIp}`], 60);
  const code = normalizeTrackingCode(params.code ?? "");
  const tracking = code ? await trackingByCode(code) : null;
  if (!code || !tracking) notFound();
  return json({ code, number: tracking.concern.number });
}

export default function ReceivedPage() {
  const { t } = useTranslation("concerns");
  const { code, number } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const added = params.get("added") === "1";
  return (
    <section>
      <div className="alert alert-success" role="status">
        <h1>{added ? t("received.addedTitle", { number }) : t("received.title")}</h1>
      </div>
      <p>{t("received.codeLabel")}</p>
      <p className="tracking-code" data-testid="tracking-code">
        {formatTrackingCode(code)}
      </p>
      <p>{t("received.keep")}</p>
      {params.get("emailed") === "1" ? <p>{t("received.emailed")}</p> : null}
      <h2>{t("received.nextTitle")}</h2>
      <ol>
        <li>{t("received.next1")}</li>
        <li>{t("received.next2")}</li>
        <li>{t("received.next3")}</li>
      </ol>
      <p>
        <Link className="button" to={`/concerns/track/${code}`}>
          {t("received.track")}
        </Link>
      </p>
    </section>
  );
}
