import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ProposeForm } from "~/modules/analyses/ui/analyses";
import { parseLinks } from "~/modules/analyses";
import { ProposeSchema } from "~/modules/analyses/schemas";
import { proposeAnalysis } from "~/modules/analyses/index.server";
import { requireRole } from "~/modules/auth/index.server";
import { setFlash } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms.server";
import { enforceRateLimits } from "~/utils/rate-limit.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "proposeAnalysis");

export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "cab_member");
  return null;
}

export async function action(args: ActionFunctionArgs) {
  const user = requireRole(args, "cab_member");
  await enforceRateLimits([`analyses:propose:${user.id}`], 10);
  const { submission } = await parseForm(args.request, ProposeSchema);
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  const analysis = await proposeAnalysis(
    { id: user.id, role: user.role, ipAddress: args.context.clientIp },
    { ...submission.value, links: parseLinks(submission.value.links) ?? [] },
  );
  return redirect(`/analyses/${analysis.id}`, { headers: { "Set-Cookie": await setFlash({ key: "analyses:propose.done" }) } });
}

export default function NewAnalysis() {
  const { t } = useTranslation("analyses");
  const actionData = useActionData<typeof action>();
  return (
    <section>
      <p>
        <Link to="/analyses">{t("backToList")}</Link>
      </p>
      <h1>{t("propose.title")}</h1>
      <p className="lead">{t("propose.lead")}</p>
      <ProposeForm lastResult={actionData?.result} />
    </section>
  );
}
