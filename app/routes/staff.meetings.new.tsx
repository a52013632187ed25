import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { MeetingForm } from "~/modules/meetings/ui/meetings";
import { requireRole } from "~/modules/auth/index.server";
import { invalid, readRichField, refusal, serviceContext, timeContext } from "~/modules/meetings/index.server";
import { MeetingSchema } from "~/modules/meetings/schemas";
import { createMeeting } from "~/modules/meetings/index.server";
import { exceptionText, noticeRuleKey } from "~/modules/sunshine";
import { listClosedExceptions, sunshineRules } from "~/modules/sunshine/index.server";
import { requestLocale } from "~/modules/meetings/index.server";
import { setFlash } from "~/utils/flash.server";
import { readFormData, readIntent } from "~/utils/forms.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "newMeeting", "staff");

export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "csu_staff");
  const locale = await requestLocale(args.request, args.context);
  const [rules, exceptions] = await Promise.all([sunshineRules(), listClosedExceptions({ activeOnly: true })]);
  return json({
    ...timeContext(),
    rules: { key: noticeRuleKey(rules), hours: rules.noticeHours },
    exceptions: exceptions.map((e) => ({ code: e.code, ...exceptionText(e, locale) })),
  });
}

export async function action(args: ActionFunctionArgs) {
  const user = requireRole(args, "csu_staff");
  const formData = await readFormData(args.request);
  // One intent or none: a repeated or unknown one is a clear 400, not a form error on a field nobody sees.
  readIntent(formData, ["save"], "save");
  const submission = parseWithZod(formData, { schema: MeetingSchema });
  const agenda = readRichField(formData, "agenda", { required: false });
  if (submission.status !== "success" || !agenda.ok) return invalid(submission, "save", "agenda", agenda);
  try {
    const meeting = await createMeeting(user, { ...submission.value, agenda: agenda.value }, serviceContext(args.request, args.context));
    return redirect(`/staff/meetings/${meeting.id}/edit`, { headers: { "Set-Cookie": await setFlash({ key: "meetings:flash.scheduled" }) } });
  } catch (error) {
    return refusal(submission, "save", error);
  }
}

export default function NewMeeting() {
  const { t } = useTranslation("meetings");
  const { timeZone, rules, exceptions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section>
      <h1>{t("staff.newTitle")}</h1>
      <p className="lead">{t("staff.newLead")}</p>
      <MeetingForm
        id="meeting"
        timeZone={timeZone}
        lastResult={actionData?.result}
        submitLabel={t("staff.schedule")}
        defaultValue={{ mode: "in_person", isPublic: true }}
        exceptions={exceptions}
        noticeRule={t(rules.key, { hours: rules.hours })}
      />
    </section>
  );
}
