import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getUser, requireUser } from "~/modules/auth/index.server";
import { confirmEmailChange, resendVerification, verifyEmail } from "~/modules/auth/index.server";
import { setFlash } from "~/utils/flash.server";
import { readFormData } from "~/utils/forms.server";
import { enforceRateLimits } from "~/utils/rate-limit.server";
import { appOrigin } from "~/utils/request.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "verifyEmail");

type State = "ok" | "changed" | "invalid" | "unverified" | "verified";

/**
 * Following the emailed link confirms the address (or, with ?change=1, switches to the new
 * one). Without a token, a signed-in user sees whether their address is confirmed.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const token = url.searchParams.get("token");
  const user = getUser({ context });
  if (!token) {
    const signedIn = requireUser({ request, context });
    return json({ state: (signedIn.emailVerified ? "verified" : "unverified") as State, signedIn: true });
  }
  const userId = token.length > 200 ? null : url.searchParams.get("change") === "1" ? await confirmEmailChange(token) : await verifyEmail(token);
  if (!userId) return json({ state: "invalid" as State, signedIn: Boolean(user) }, { status: 400 });
  return json({ state: (url.searchParams.get("change") === "1" ? "changed" : "ok") as State, signedIn: Boolean(user) });
}

/** "Send the email again", for a signed-in user whose address is not confirmed. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser({ request, context });
  await readFormData(request);
  await enforceRateLimits([`verify-resend:user:${user.id}`], 5, 600);
  const sent = await resendVerification(user.id, appOrigin(request));
  const headers = sent ? { "Set-Cookie": await setFlash({ key: "auth:verify.resent" }) } : undefined;
  return redirect("/account", { headers });
}

export default function VerifyEmailPage() {
  const { t } = useTranslation("auth");
  const { state, signedIn } = useLoaderData<typeof loader>();
  const next = signedIn ? <Link to="/account">{t("common:nav.account")}</Link> : <Link to="/login?redirectTo=%2Faccount">{t("common:nav.login")}</Link>;
  return (
    <section>
      <h1>{t("verify.title")}</h1>
      {state === "ok" || state === "verified" ? (
        <div className="alert alert-success" role="status">
          <p>{t("verify.ok")}</p>
        </div>
      ) : state === "changed" ? (
        <div className="alert alert-success" role="status">
          <p>{t("verify.changed")}</p>
        </div>
      ) : state === "invalid" ? (
        <div className="alert alert-error" role="alert">
          <p>{t("verify.invalid")}</p>
          {signedIn ? <p>{t("verify.invalidSignedIn")}</p> : null}
        </div>
      ) : (
        <>
          <p>{t("verify.unverified")}</p>
          <Form method="post">
            <button type="submit">{t("verify.resend")}</button>
          </Form>
        </>
      )}
      <p>{next}</p>
    </section>
  );
}
