import { json, redirect, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ExitThisPage } from "~/components/exit-this-page";
import { normalizeTrackingCode } from "~/modules/concerns/index.server";
import { TrackingCodeLookup } from "~/modules/concerns/ui/tracking-code-help";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => [...pageTitle(args, "trackConcern"), { name: "robots", content: "noindex" }];

/** What was typed may be a code: not for a shared cache, not for a referrer. */
const PRIVATE = { "Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer" };
export const headers: HeadersFunction = () => PRIVATE;

// A GET form, so it works without JavaScript. A code of the right shape goes to its page, which
// looks it up (rate-limited) and, when it matches nothing, helps to re-check it.
export async function loader({ request }: LoaderFunctionArgs) {
  const raw = new URL(request.url).searchParams.get("code");
  if (raw === null) return json({ problem: null, typed: "" }, { headers: PRIVATE });
  const code = normalizeTrackingCode(raw.slice(0, 40));
  if (code) return redirect(`/concerns/track/${code}`, { headers: PRIVATE });
  return json({ problem: "invalid" as const, typed: raw.slice(0, 40) }, { status: 400, headers: PRIVATE });
}

export default function TrackLookupPage() {
  const { t } = useTranslation("concerns");
  const { problem, typed } = useLoaderData<typeof loader>();
  return (
    <div className="resident-page">
      <ExitThisPage />
      <section>
        <h1>{t("track.title")}</h1>
        <p className="lead">{t("track.lead")}</p>
        <TrackingCodeLookup typed={typed} problem={problem} />
      </section>
    </div>
  );
}
