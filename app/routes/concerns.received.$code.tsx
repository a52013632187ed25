import { json, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ExitThisPage } from "~/components/exit-this-page";
import { formatTrackingCode } from "~/modules/concerns";
import { normalizeTrackingCode, trackingByCode } from "~/modules/concerns/index.server";
import { UsualTime } from "~/modules/concerns/ui/usual-time";
import { usualDaysToRespond } from "~/modules/responses/index.server";
import { notFound } from "~/utils/errors";
import { enforceRateLimits } from "~/utils/rate-limit.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => [...pageTitle(args, "concernReceived"), { name: "robots", content: "noindex" }];

/** The code is a secret: this page is never stored by a shared cache, and its address is never sent on as a referrer. */
const PRIVATE = { "Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer" };
export const headers: HeadersFunction = () => PRIVATE;

export async function loader({ params, context }: LoaderFunctionArgs) {
  await enforceRateLimits([`concern-track:ip:${context.clientIp}`], 60);
  const code = normalizeTrackingCode(params.code ?? "");
  const tracking = code ? await trackingByCode(code) : null;
  if (!code || !tracking) notFound();
  return json({ code, number: tracking.concern.number, medianDays: await usualDaysToRespond() }, { headers: PRIVATE });
}

export default function ReceivedPage() {
  const { t } = useTranslation("concerns");
  const { code, number, medianDays } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const added = params.get("added") === "1";
  const emailed = params.get("emailed") === "1";
  const [canPrint, setCanPrint] = useState(false);
  useEffect(() => setCanPrint(typeof window.print === "function"), []);
  return (
    <div className="resident-page">
      <ExitThisPage />
      <section className="confirmation">
        <div className="confirmation-panel">
          <h1 tabIndex={-1}>{added ? t("received.addedTitle", { number }) : t("received.title")}</h1>
          <p>{t("received.codeLabel")}</p>
          <p className="tracking-code" data-testid="tracking-code">
            {formatTrackingCode(code)}
          </p>
        </div>
        <p>{t("received.keep")}</p>
        {emailed ? <p>{t("received.emailed")}</p> : null}
        {canPrint ? (
          <p className="no-print">
            <button type="button" className="secondary" onClick={() => window.print()}>
              {t("received.print")}
            </button>
          </p>
        ) : null}
        <h2>{t("received.nextTitle")}</h2>
        <ol>
          <li>{t("received.next1")}</li>
          <li>{t("received.next2")}</li>
          <li>{t("received.next3")}</li>
          <li>{emailed ? t("received.next4Email") : t("received.next4NoEmail")}</li>
        </ol>
        <UsualTime medianDays={medianDays} />
        <p className="no-print">
          <Link className="button" to={`/concerns/track/${code}`}>
            {t("received.track")}
          </Link>
        </p>
      </section>
    </div>
  );
}
