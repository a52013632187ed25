import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/modules/auth/index.server";
import { readResponseForm } from "~/modules/responses/index.server";
import { responseFormOptions } from "~/modules/responses/index.server";
import { ResponseForm } from "~/modules/responses/ui/response-form";
import { saveResponse } from "~/modules/responses/index.server";
import { setFlash } from "~/utils/flash.server";
import { readFormData } from "~/utils/forms.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "newResponse", "staff");

export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "csu_staff");
  return json({ options: await responseFormOptions() });
}

export async function action(args: ActionFunctionArgs) {
  const user = requireRole(args, "csu_staff");
  const form = await readResponseForm(await readFormData(args.request));
  if (!form.ok) return form.response;
  const { response, published, notified } = await saveResponse(user, null, form.input, { publish: form.intent === "publish", ip: args.context.clientIp });
  const flash = published ? { key: "responses:flash.published", values: { count: notified.people } } : { key: "responses:flash.created" };
  return redirect(`/staff/responses/${response.id}/edit`, { headers: { "Set-Cookie": await setFlash(flash) } });
}

export default function NewResponse() {
  const { t } = useTranslation("responses");
  const { options } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <section>
      <p>
        <Link to="/staff/responses">{t("staff.back")}</Link>
      </p>
      <h1>{t("staff.newTitle")}</h1>
      <ResponseForm lastResult={data?.result} options={options} published={false} />
    </section>
  );
}
