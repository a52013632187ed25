import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorSummary, FormErrors, SelectField, TextAreaField } from "~/components/form";
import { StaffMeetingNav } from "~/components/staff-meeting-nav";
import { requireRole } from "~/modules/auth/index.server";
import { proceedingsView } from "~/modules/meetings";
import {
  approveClosedMinutes,
  closedMinutesFor,
  getAttendance,
  getMeeting,
  getProceedings,
  presentBoardMembers,
  recordMotion,
  refusal,
  requestLocale,
  saveClosedMinutes,
  serviceContext,
} from "~/modules/meetings/index.server";
import { ClosedMinutesSchema, MotionSchema } from "~/modules/meetings/schemas";
import { RecordOfProceedings } from "~/modules/meetings/ui/record-of-proceedings";
import { RollCallFieldset } from "~/modules/meetings/ui/roll-call-fieldset";
import { StatusBadge } from "~/modules/meetings/ui/meetings";
import { exceptionText } from "~/modules/sunshine";
import { getClosedException } from "~/modules/sunshine/index.server";
import { formatDateTimeRange } from "~/utils/clock";
import { notFound } from "~/utils/errors";
import { setFlash } from "~/utils/flash.server";
import { readFormData, readIntent } from "~/utils/forms.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "meetingVotes", "staff");

export async function loader(args: LoaderFunctionArgs) {
  const user = requireRole(args, "csu_staff");
  const meeting = await getMeeting(args.params.id ?? "");
  if (!meeting) notFound();
  const locale = await requestLocale(args.request, args.context);
  const [attendance, presentIds, proceedings, closed, noticed] = await Promise.all([
    getAttendance(meeting.id),
    presentBoardMembers(meeting.id),
    getProceedings(meeting.id),
    closedMinutesFor(meeting.id, { role: user.role }),
    meeting.closedExceptionCode ? getClosedException(meeting.closedExceptionCode) : null,
  ]);
  const names = new Map(attendance.map((a) => [a.userId, a.displayName]));
  const record = proceedings ? proceedingsView(proceedings, locale) : null;
  return json({
    meeting: { id: meeting.id, title: meeting.title, status: meeting.status, when: formatDateTimeRange(meeting.startsAt, meeting.endsAt, locale) },
    present: presentIds.map((id) => ({ id, name: names.get(id) ?? "—" })),
    noticed: noticed ? { code: noticed.code, ...exceptionText(noticed, locale), topic: meeting.closedTopic } : null,
    record,
    closed: (closed ?? []).map((c) => {
      const session = record?.closedSessions.find((s) => s.motionId === c.motionId);
      return { ...c, time: session?.time ?? "", exception: session?.exception ?? null, approvedAt: c.approvedAt ? String(c.approvedAt) : null };
    }),
  });
}

const Prefill = z.object({}).passthrough();

export async function action(args: ActionFunctionArgs) {
  const user = requireRole(args, "csu_staff");
  const meeting = await getMeeting(args.params.id ?? "");
  if (!meeting) notFound();
  const formData = await readFormData(args.request);
  const intent = readIntent(formData, ["record-motion", "all-yes", "save-closed", "approve-closed", "all-yes-closed"]);
  const ctx = serviceContext(args.request, args.context);
  // "All yes" fills in the roll call (nothing is recorded): staff change the exceptions, then record.
  if (intent === "all-yes" || intent === "all-yes-closed") {
    const result = parseWithZod(formData, { schema: Prefill }).reply();
    const typed = Object.fromEntries(["kind", "text", "moverId", "seconderId"].map((k) => [k, String(formData.get(k) ?? "")]));
    return json({
      intent: intent === "all-yes" ? "record-motion" : "approve-closed",
      result,
      allYes: true,
      motionId: String(formData.get("motionId") ?? ""),
      typed,
    });
  }
  if (intent === "record-motion") {
    const submission = parseWithZod(formData, { schema: MotionSchema });
    if (submission.status !== "success") return json({ intent, result: submission.reply(), allYes: false, motionId: "" }, { status: 400 });
    try {
      const motion = await recordMotion(user, meeting.id, submission.value, ctx);
      const flash = motion.kind === "close_session" ? "meetings:flash.sessionClosed" : "meetings:flash.motionRecorded";
      return redirect(`/staff/meetings/${meeting.id}/votes`, { headers: { "Set-Cookie": await setFlash({ key: flash }) } });
    } catch (error) {
      const r = refusal(submission, intent, error);
      return json({ ...(await r.json()), allYes: false, motionId: "" }, { status: r.status });
    }
  }
  const submission = parseWithZod(formData, { schema: ClosedMinutesSchema });
  const motionId = String(formData.get("motionId") ?? "");
  if (submission.status !== "success") return json({ intent, result: submission.reply(), allYes: false, motionId }, { status: 400 });
  const v = submission.value;
  let flash = "meetings:flash.saved";
  try {
    if (v.intent === "save-closed") await saveClosedMinutes(user, meeting.id, v.motionId, v.body, ctx);
    else {
      const { passed } = await approveClosedMinutes(user, meeting.id, v.motionId, v.vote, ctx);
      flash = passed ? "meetings:flash.closedApproved" : "meetings:flash.closedNotApproved";
    }
  } catch (error) {
    const r = refusal(submission, intent, error);
    return json({ ...(await r.json()), allYes: false, motionId }, { status: r.status });
  }
  return redirect(`/staff/meetings/${meeting.id}/votes`, { headers: { "Set-Cookie": await setFlash({ key: flash }) } });
}

type ActionData = { intent: string; result: SubmissionResult<string[]>; allYes: boolean; motionId: string; typed?: Record<string, string> } | undefined;

export default function VotesPage() {
  const { t } = useTranslation("meetings");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData;
  const motionResult = actionData?.intent === "record-motion" && !actionData.allYes ? actionData.result : undefined;
  // "All yes" comes back with what was typed as the starting values of a fresh form.
  const [motionForm, motionFields] = useForm<Record<string, string>, Record<string, unknown>, string[]>({
    id: actionData?.allYes && actionData.intent === "record-motion" ? "motion-filled" : "motion",
    lastResult: motionResult,
    defaultValue: actionData?.allYes && actionData.typed ? actionData.typed : { kind: "motion" },
  });
  const allYes = (members: { id: string }[]) => Object.fromEntries(members.map((m) => [m.id, "support"]));
  const typed = (prefix: string) =>
    Object.fromEntries(
      Object.entries((actionData?.result?.initialValue as Record<string, unknown> | undefined)?.[prefix] ?? {}).map(([k, v]) => [k, String(v ?? "")]),
    );
  const motionPreset = actionData?.intent === "record-motion" ? (actionData.allYes ? allYes(data.present) : typed("vote")) : undefined;
  const held = data.meeting.status === "held";
  return (
    <section className="wide-page">
      <h1>{t("votes.title", { title: data.meeting.title })}</h1>
      <StaffMeetingNav id={data.meeting.id} />
      <ErrorSummary error={actionData?.result?.error} />
      <p>{data.meeting.when}</p>
      {!held ? <p role="status">{t("votes.recordAttendanceFirst")}</p> : null}

      {held ? (
        <Form method="post" className="stack wide" {...getFormProps(motionForm)} key={motionForm.id}>
          <h2>{t("votes.recordTitle")}</h2>
          <p className="hint">{t("votes.recordHelp")}</p>
          <FormErrors id={motionForm.errorId} errors={motionForm.errors} />
          <SelectField
            label={t("votes.kind")}
            field={motionFields.kind}
            options={[
              { value: "motion", label: t("votes.kind_motion") },
              ...(data.noticed ? [{ value: "close_session", label: t("votes.kind_close_session", { citation: data.noticed.citation }) }] : []),
            ]}
            hint={data.noticed ? t("votes.closeHint", { citation: data.noticed.citation, title: data.noticed.title }) : t("votes.noClosedNoticed")}
          />
          {data.noticed ? <input type="hidden" name="exceptionCode" value={data.noticed.code} /> : null}
          <TextAreaField label={t("votes.text")} field={motionFields.text} textareaProps={{ rows: 3 }} hint={t("votes.textHint")} />
          <div className="field-row">
            <SelectField
              label={t("votes.mover")}
              field={motionFields.moverId}
              options={[{ value: "", label: t("votes.nobody") }, ...data.present.map((m) => ({ value: m.id, label: m.name }))]}
            />
            <SelectField
              label={t("votes.seconder")}
              field={motionFields.seconderId}
              options={[{ value: "", label: t("votes.nobody") }, ...data.present.map((m) => ({ value: m.id, label: m.name }))]}
            />
          </div>
          <RollCallFieldset name="vote" legend={t("votes.rollCall")} members={data.present} preset={motionPreset} idPrefix="motion-vote" />
          <div className="actions">
            <button type="submit" name="intent" value="record-motion">
              {t("votes.recordSubmit")}
            </button>
            <button type="submit" name="intent" value="all-yes" className="secondary" formNoValidate>
              {t("votes.allYes")}
            </button>
          </div>
        </Form>
      ) : null}

      {data.closed.length ? (
        <>
          <h2>{t("closed.title")}</h2>
          <p className="alert alert-warning">{t("closed.boardOnly")}</p>
          {data.closed.map((c) => (
            <ClosedMinutesEditor key={c.id} closed={c} present={data.present} actionData={actionData} />
          ))}
        </>
      ) : null}

      {data.record ? <RecordOfProceedings record={data.record} headingLevel={2} /> : null}
    </section>
  );
}

function ClosedMinutesEditor({
  closed,
  present,
  actionData,
}: {
  closed: { id: string; motionId: string; body: string; status: string; time: string; exception: { citation: string; title: string } | null };
  present: { id: string; name: string }[];
  actionData: ActionData;
}) {
  const { t } = useTranslation("meetings");
  const mine = actionData?.motionId === closed.motionId;
  const [saveForm, saveFields] = useForm<Record<string, string>, Record<string, unknown>, string[]>({
    id: `closed-${closed.id}`,
    lastResult: mine && actionData?.intent === "save-closed" ? actionData.result : undefined,
    defaultValue: { body: closed.body },
  });
  const filled = mine && actionData?.intent === "approve-closed" && actionData.allYes;
  // As the motion form: a filled-in roll call is a fresh form (the prefill's reply would reset it to empty).
  const [approveForm] = useForm({
    id: filled ? `closed-approve-${closed.id}-filled` : `closed-approve-${closed.id}`,
    lastResult: mine && actionData?.intent === "approve-closed" && !filled ? actionData.result : undefined,
  });
  const preset = filled ? Object.fromEntries(present.map((m) => [m.id, "support"])) : undefined;
  const approved = closed.status === "approved";
  return (
    <div className="card">
      <p>
        <StatusBadge kind="minutesStatus" value={closed.status} />{" "}
        {t("closed.scope", { time: closed.time, citation: closed.exception?.citation ?? "", title: closed.exception?.title ?? "" })}
      </p>
      {approved ? (
        <p className="pre-wrap">{closed.body}</p>
      ) : (
        <>
          <Form method="post" className="stack wide" {...getFormProps(saveForm)}>
            <FormErrors id={saveForm.errorId} errors={saveForm.errors} />
            <input type="hidden" name="intent" value="save-closed" />
            <input type="hidden" name="motionId" value={closed.motionId} />
            <TextAreaField label={t("closed.body")} field={saveFields.body} hint={t("closed.bodyHint")} textareaProps={{ rows: 8 }} />
            <div>
              <button type="submit">{t("closed.save")}</button>
            </div>
          </Form>
          {closed.body ? (
            <Form method="post" className="stack wide" {...getFormProps(approveForm)} key={`approve-${preset ? "yes" : "typed"}`}>
              <h3>{t("closed.approveTitle")}</h3>
              <FormErrors id={approveForm.errorId} errors={approveForm.errors} />
              <input type="hidden" name="motionId" value={closed.motionId} />
              <RollCallFieldset name="vote" legend={t("closed.approveRollCall")} members={present} preset={preset} idPrefix={`closed-vote-${closed.id}`} />
              <div className="actions">
                <button type="submit" name="intent" value="approve-closed">
                  {t("closed.approveSubmit")}
                </button>
                <button type="submit" name="intent" value="all-yes-closed" className="secondary">
                  {t("votes.allYes")}
                </button>
              </div>
            </Form>
          ) : null}
        </>
      )}
    </div>
  );
}
