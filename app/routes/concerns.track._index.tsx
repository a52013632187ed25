import { json, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { normalizeTrackingCode } from "~/modules/concerns/index.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "trackConcern");

// A GET form, so it works without JavaScript and the code never needs a POST.
export async function loader({ request }: LoaderFunctionArgs) {
  const raw = new URL(request.url).searchParams.get("code");
  if (raw === null) return json({ invalid: false, typed: "" });
  const code = normalizeTrackingCode(raw.slice(0, 40));
  if (code) return redirect(`/concerns/track/${code}`);
  return json({ invalid: true, typed: raw.slice(0, 40) }, { status: 400 });
}

export default function TrackLookupPage() {
  const { t } = useTranslation("concerns");
  const { invalid, typed } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t("track.title")}</h1>
      <p className="lead">{t("track.lead")}</p>
      <Form method="get" className="stack">
        <div className="field">
          <label htmlFor="code">{t("track.code")}</label>
          <input
            id="code"
            name="code"
            type="text"
            defaultValue={typed}
            autoComplete="off"
            autoCapitalize="characters"
            aria-invalid={invalid || undefined}
            aria-describedby={invalid ? "code-error" : undefined}
            required
          />
          {invalid ? (
            <ul id="code-error" className="field-errors">
              <li>{t("track.invalid")}</li>
            </ul>
          ) : null}
        </div>
        <div>
          <button type="submit">{t("track.submit")}</button>
        </div>
      </Form>
    </section>
  );
}
