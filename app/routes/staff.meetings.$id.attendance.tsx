import { TableWrap } from "~/components/table-wrap";
import type { MouseEvent } from "react";
import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors } from "~/components/form";
import { StaffMeetingNav } from "~/components/staff-meeting-nav";
import { requireRole } from "~/modules/auth/index.server";
import {
  getAttendance,
  getMeeting,
  getRsvpSummary,
  listCabMembers,
  meetingQuorum,
  recordAttendance,
  requestLocale,
  serviceContext,
  timeContext,
} from "~/modules/meetings/index.server";
import { ATTENDANCE_STATUSES, AttendanceSchema } from "~/modules/meetings/schemas";
import { QuorumStatus } from "~/modules/meetings/ui/meetings";
import { formatDateTimeRange } from "~/utils/clock";
import { notFound } from "~/utils/errors";
import { setFlash } from "~/utils/flash.server";
import { readFormData, refusalOf } from "~/utils/forms.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "attendance", "staff");

export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "csu_staff");
  const meeting = await getMeeting(args.params.id ?? "");
  if (!meeting) notFound();
  const locale = await requestLocale(args.request, args.context);
  const { timeZone } = timeContext();
  const [members, attendance, quorum, rsvp] = await Promise.all([
    listCabMembers(),
    getAttendance(meeting.id),
    meetingQuorum(meeting.id),
    getRsvpSummary(meeting.id, null),
  ]);
  const recorded = new Map(attendance.map((a) => [a.userId, a.status]));
  return json({
    meeting: { id: meeting.id, title: meeting.title, status: meeting.status, when: formatDateTimeRange(meeting.startsAt, meeting.endsAt, locale) },
    members: members.map((m) => ({ id: m.id, name: m.displayName, status: recorded.get(m.id) ?? null })),
    quorum,
    recordedAny: attendance.length > 0,
    rsvp,
  });
}

export async function action(args: ActionFunctionArgs) {
  const user = requireRole(args, "csu_staff");
  const meeting = await getMeeting(args.params.id ?? "");
  if (!meeting) notFound();
  const formData = await readFormData(args.request);
  // "Mark all present" fills in the form (nothing is saved): staff mark who is missing, then save.
  if (formData.get("intent") === "all-present") return json({ errors: [] as string[], allPresent: true });
  const submission = parseWithZod(formData, { schema: AttendanceSchema });
  if (submission.status !== "success") return json({ errors: ["meetings:errors.attendanceInvalid"], allPresent: false }, { status: 400 });
  const entries = submission.value;
  try {
    await recordAttendance(user, meeting.id, entries, serviceContext(args.request, args.context));
  } catch (error) {
    const refusal = refusalOf(error);
    return json({ errors: [refusal.key], allPresent: false }, { status: refusal.status });
  }
  return redirect(`/staff/meetings/${meeting.id}/attendance`, { headers: { "Set-Cookie": await setFlash({ key: "meetings:flash.attendanceSaved" }) } });
}

function markAllPresent(event: MouseEvent<HTMLButtonElement>) {
  const form = event.currentTarget.form;
  if (!form) return;
  event.preventDefault();
  for (const radio of form.querySelectorAll<HTMLInputElement>('input[type="radio"][value="present"]')) radio.checked = true;
}

export default function AttendancePage() {
  const { t } = useTranslation("meetings");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section>
      <h1>{t("attendance.pageTitle", { title: data.meeting.title })}</h1>
      <StaffMeetingNav id={data.meeting.id} />
      <p>{data.meeting.when}</p>
      <p>{t("rsvp.counts", { yes: data.rsvp.yes, no: data.rsvp.no, maybe: data.rsvp.maybe })}</p>
      {data.recordedAny ? <QuorumStatus quorum={data.quorum} /> : <p>{t("attendance.notRecorded")}</p>}
      {data.meeting.status === "cancelled" ? (
        <p role="status">{t("detail.cancelled")}</p>
      ) : (
        <Form method="post" className="attendance-form" key={actionData?.allPresent ? "all-present" : "recorded"}>
          <FormErrors errors={actionData?.errors} />
          <TableWrap>
            <table className="attendance-table input-table">
              <caption>{t("attendance.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("attendance.member")}</th>
                  {ATTENDANCE_STATUSES.map((s) => (
                    <th scope="col" key={s}>
                      {t(`attendance.${s}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.members.map((m) => (
                  <tr key={m.id}>
                    <th scope="row" id={`member-${m.id}`}>
                      {m.name}
                    </th>
                    {ATTENDANCE_STATUSES.map((s) => (
                      <td key={s}>
                        <input
                          type="radio"
                          name={`status-${m.id}`}
                          value={s}
                          defaultChecked={actionData?.allPresent ? s === "present" : m.status === s}
                          aria-labelledby={`member-${m.id} status-head-${s}`}
                        />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
            <span hidden>
              {ATTENDANCE_STATUSES.map((s) => (
                <span key={s} id={`status-head-${s}`}>
                  {t(`attendance.${s}`)}
                </span>
              ))}
            </span>
          </TableWrap>
          <p className="hint">{t("attendance.hint")}</p>
          <div className="actions">
            <button type="submit">{t("attendance.submit")}</button>
            {/* With JavaScript the radios are filled in at once (no round trip a quick "Save" could overtake); without it the server fills them in. */}
            <button type="submit" name="intent" value="all-present" className="secondary" onClick={markAllPresent}>
              {t("attendance.allPresent")}
            </button>
          </div>
        </Form>
      )}
    </section>
  );
}
