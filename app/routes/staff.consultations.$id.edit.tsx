import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/modules/auth/index.server";
import { getConsultation, readConsultationForm, updateConsultation } from "~/modules/consultations/index.server";
import { ConsultationForm } from "~/modules/consultations/ui/consultation-form";
import { toCountyDateTimeValue } from "~/utils/clock";
import { notFound } from "~/utils/errors";
import { setFlash } from "~/utils/flash.server";
import { readFormData } from "~/utils/forms.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "editConsultation", "staff");

export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "csu_staff");
  const c = await getConsultation(args.params.id ?? "");
  if (!c) notFound();
  return json({ consultation: c });
}

export async function action(args: ActionFunctionArgs) {
  const user = requireRole(args, "csu_staff");
  const c = await getConsultation(args.params.id ?? "");
  if (!c) notFound();
  const form = readConsultationForm(await readFormData(args.request));
  if (!form.ok) return form.response;
  const row = await updateConsultation(user, c.id, form.input, args.context.clientIp);
  return redirect(`/consultations/${row!.slug}`, { headers: { "Set-Cookie": await setFlash({ key: "consultations:flash.saved" }) } });
}

export default function EditConsultation() {
  const { t } = useTranslation("consultations");
  const { consultation: c } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <section>
      <p>
        <Link to={`/consultations/${c.slug}`}>{t("backToConsultation")}</Link>
      </p>
      <h1>{t("staff.editTitle", { title: c.title })}</h1>
      <ConsultationForm
        lastResult={data?.result}
        submitLabel={t("staff.save")}
        defaults={{
          title: c.title,
          partners: c.partners.join(", "),
          opensAt: toCountyDateTimeValue(c.opensAt),
          closesAt: toCountyDateTimeValue(c.closesAt),
          noticeJson: c.noticeJson,
          summaryJson: c.summaryJson,
        }}
      />
    </section>
  );
}
