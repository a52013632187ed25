import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/modules/auth/index.server";
import { ConsultationForm } from "~/modules/consultations/ui/consultation-form";
import { readConsultationForm } from "~/modules/consultations/index.server";
import { createConsultation } from "~/modules/consultations/index.server";
import { setFlash } from "~/utils/flash.server";
import { readFormData } from "~/utils/forms.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "newConsultation", "staff");

export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "csu_staff");
  return null;
}

export async function action(args: ActionFunctionArgs) {
  const user = requireRole(args, "csu_staff");
  const form = readConsultationForm(await readFormData(args.request));
  if (!form.ok) return form.response;
  const row = await createConsultation(user, form.input, args.context.clientIp);
  return redirect(`/consultations/${row.slug}`, { headers: { "Set-Cookie": await setFlash({ key: "consultations:flash.saved" }) } });
}

export default function NewConsultation() {
  const { t } = useTranslation("consultations");
  const data = useActionData<typeof action>();
  return (
    <section>
      <p>
        <Link to="/consultations">{t("backToList")}</Link>
      </p>
      <h1>{t("staff.newTitle")}</h1>
      <ConsultationForm lastResult={data?.result} submitLabel={t("staff.publish")} />
    </section>
  );
}
