import { json, redirect, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ExitThisPage } from "~/components/exit-this-page";
import { i18nServer } from "~/i18n/i18n.server";
import type { PublicLocation } from "~/modules/concerns";
import {
  activeKindByCode,
  concernFieldConstraints,
  ConcernFormSchema,
  corroborateOnBlock,
  createConcern,
  enforceConcernFormLimit,
  enforceConcernSubmitLimit,
  listKinds,
  publicLocationFor,
  similarOpenReport,
  withDateRules,
} from "~/modules/concerns/index.server";
import { CheckAnswers } from "~/modules/concerns/ui/check-answers";
import { ConcernForm } from "~/modules/concerns/ui/concern-form";
import { ReportStart } from "~/modules/concerns/ui/report-start";
import { SimilarStep } from "~/modules/concerns/ui/similar-step";
import { usualDaysToRespond } from "~/modules/responses/index.server";
import { countyToday, now } from "~/utils/clock";
import { parseForm } from "~/utils/forms.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "reportConcern");

export async function loader() {
  const [kinds, medianDays] = await Promise.all([listKinds({ activeOnly: true }), usualDaysToRespond()]);
  return json({
    kinds: kinds.map(({ code, nameEn, nameEs, descriptionEn, descriptionEs }) => ({ code, nameEn, nameEs, descriptionEn, descriptionEs })),
    today: countyToday(),
    // The fields' HTML constraints (required, pattern), made here so that zod stays out of the browser bundle.
    constraint: concernFieldConstraints(),
    // How long the office usually takes: the median it publishes on /dashboard/response-time (null when it publishes none).
    medianDays,
  });
}

/** The answers carried from the form to the similar-reports step and the check-your-answers page, in hidden inputs. */
const CARRIED = [
  "kind",
  "description",
  "observedDate",
  "observedTime",
  "address",
  "zip",
  "latitude",
  "longitude",
  "name",
  "email",
  "phone",
  "consent",
] as const;

type Step =
  | { step: "form"; result: ReturnType<Reply>; focus: string | null }
  | { step: "similar"; values: Record<string, string>; similar: { location: PublicLocation } }
  | { step: "check"; values: Record<string, string>; choice: "new" | "corroborate"; addingTo: PublicLocation | null; publicLocation: PublicLocation };
type Reply = Awaited<ReturnType<typeof parseForm<typeof ConcernFormSchema>>>["submission"]["reply"];

/**
 * One page, several steps, all without JavaScript: "review" checks the answers and shows the
 * similar-reports step (when an open report of the kind is on the block) or the check-your-answers
 * page; "Change" (or "edit") goes back to the form with the answers kept; only "send" (or the
 * older "submit") and "corroborate" write.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  await enforceConcernFormLimit(context.clientIp);
  const { submission } = await parseForm(request, withDateRules(ConcernFormSchema, countyToday(), now()));
  const form = (result: ReturnType<Reply>, status = 400, focus: string | null = null) => json<Step>({ step: "form", result, focus }, { status });
  if (submission.status !== "success") return form(submission.reply());
  const value = submission.value;
  if (value.website) return form(submission.reply({ formErrors: ["concerns:errors.rejected"] }));
  // A new concern checks its kind in the insert (an unknown kind fails it); other steps check here.
  const sendsNew = !value.change && (value.intent === "send" || value.intent === "submit");
  if (!sendsNew && !(await activeKindByCode(value.kind))) return form(submission.reply({ fieldErrors: { kind: ["concerns:errors.unknownKind"] } }));
  if (value.change || value.intent === "edit") return form(submission.reply(), 200, value.change ?? null);

  if (value.intent === "review" || value.intent === "check") {
    const values: Record<string, string> = {};
    for (const k of CARRIED) {
      const v = submission.payload[k];
      if (typeof v === "string" && v !== "") values[k] = v;
    }
    const similar = await similarOpenReport({ kindCode: value.kind, zip: value.zip, address: value.address });
    if (similar && !value.choice) return json<Step>({ step: "similar", values, similar });
    // The open report may have closed since the resident chose to add to it: then it is a new one.
    const choice = similar && value.choice === "corroborate" ? "corroborate" : "new";
    const { location } = await publicLocationFor(value.address);
    return json<Step>({ step: "check", values, choice, addingTo: choice === "corroborate" ? similar!.location : null, publicLocation: location });
  }

  // Only real writes count against the tighter limit.
  await enforceConcernSubmitLimit(context.clientIp);
  const locale = await i18nServer.getLocale(request);
  const common = { ...value, locale, ipAddress: context.clientIp };
  if (value.intent === "corroborate") {
    // The target is the open concern of this kind on the block and ZIP typed, found by the server.
    const result = await corroborateOnBlock({ ...common, kindCode: value.kind });
    if (!result.ok) return form(submission.reply({ formErrors: ["concerns:errors.notOpen"] }));
    return redirect(`/concerns/received/${result.trackingCode}?added=1${value.email ? "&emailed=1" : ""}`);
  }
  const result = await createConcern({ ...common, kindCode: value.kind });
  if (!result.ok) return form(submission.reply({ fieldErrors: { kind: ["concerns:errors.unknownKind"] } }));
  return redirect(`/concerns/received/${result.trackingCode}${value.email ? "?emailed=1" : ""}`);
}

export default function NewConcernPage() {
  const { t } = useTranslation("concerns");
  const { kinds, today, constraint, medianDays } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <div className="resident-page">
      <ExitThisPage />
      {data?.step === "similar" ? (
        <SimilarStep location={data.similar.location} values={data.values} kinds={kinds} />
      ) : data?.step === "check" ? (
        <CheckAnswers values={data.values} kinds={kinds} choice={data.choice} addingTo={data.addingTo} publicLocation={data.publicLocation} />
      ) : (
        <section>
          <ConcernForm
            header={
              <div>
                <h1>{t("new.title")}</h1>
                <p className="lead">{t("new.lead")}</p>
                {/* The start section, once: a resident sent back to fix or change an answer goes straight to the questions. */}
                {data?.step === "form" ? null : <ReportStart medianDays={medianDays} />}
              </div>
            }
            kinds={kinds}
            today={today}
            constraint={constraint}
            result={data?.step === "form" ? data.result : null}
            focus={data?.step === "form" ? data.focus : null}
          />
        </section>
      )}
    </div>
  );
}
