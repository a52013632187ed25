import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { applyUnsubscribe } from "~/modules/notifications/index.server";
import { verifyUnsubscribeToken } from "~/modules/notifications/index.server";
import { readFormData } from "~/utils/forms.server";
import { pageTitle } from "~/i18n/meta";

/**
 * One-click unsubscribe, no login: the signed token is the permission. GET only shows a
 * confirmation (link scanners must not unsubscribe anyone); POST does it. Mail clients
 * following `List-Unsubscribe-Post` POST here directly with the token in the URL, which is why
 * server/app.ts exempts this path from the Origin check (no cookie is used here).
 */

export const meta: MetaFunction = (args) => [...pageTitle(args, "unsubscribe"), { name: "robots", content: "noindex" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token");
  const verified = await verifyUnsubscribeToken(token);
  if (!verified) return json({ valid: false as const, token: null, scope: null }, { status: 400 });
  return json({ valid: true as const, token: token!, scope: verified.scope });
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readFormData(request);
  const token = new URL(request.url).searchParams.get("token") ?? form.get("token");
  const verified = await verifyUnsubscribeToken(token);
  if (!verified) return json({ done: false as const, scope: null }, { status: 400 });
  await applyUnsubscribe(verified);
  return json({ done: true as const, scope: verified.scope });
}

export default function UnsubscribePage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation("notifications");
  const scope = result?.scope ?? data.scope;
  const scopeText = scope ? t(`types.${scope}`) : "";
  return (
    <section>
      <h1>{t("unsubscribe.title")}</h1>
      {result?.done ? (
        <div className="alert alert-success" role="status">
          <p>{t("unsubscribe.done", { scope: scopeText })}</p>
        </div>
      ) : !data.valid || result ? (
        <div className="alert alert-error" role="alert">
          <p>{t("unsubscribe.invalid")}</p>
        </div>
      ) : (
        <Form method="post" className="stack">
          <p>{t("unsubscribe.confirm", { scope: scopeText })}</p>
          <input type="hidden" name="token" value={data.token} />
          <p>
            <button type="submit">{t("unsubscribe.button")}</button>
          </p>
        </Form>
      )}
      <p>
        <Link to="/account/notifications">{t("unsubscribe.manage")}</Link>
      </p>
    </section>
  );
}
