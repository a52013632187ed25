import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/modules/auth/index.server";
import { BriefForm } from "~/modules/briefs/ui/brief-form";
import { readBriefForm } from "~/modules/briefs/index.server";
import { createBrief } from "~/modules/briefs/index.server";
import { setFlash } from "~/utils/flash.server";
import { readFormData } from "~/utils/forms.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "newBrief", "staff");

export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "csu_staff");
  return null;
}

export async function action(args: ActionFunctionArgs) {
  const user = requireRole(args, "csu_staff");
  const form = readBriefForm(await readFormData(args.request));
  if (!form.ok) return form.response;
  const brief = await createBrief(user, form.values, form.body, { ip: args.context.clientIp });
  return redirect(`/staff/briefs/${brief.id}/edit`, { headers: { "Set-Cookie": await setFlash({ key: "briefs:flash.created" }) } });
}

export default function NewBrief() {
  const { t } = useTranslation("briefs");
  const data = useActionData<typeof action>();
  return (
    <section>
      <p>
        <Link to="/staff/briefs">{t("staff.back")}</Link>
      </p>
      <h1>{t("staff.newTitle")}</h1>
      <BriefForm lastResult={data?.result} needsReason={false} submitLabel={t("form.saveDraft")} />
    </section>
  );
}
