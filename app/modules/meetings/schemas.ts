import { VOTE_CHOICES } from "~/modules/voting";
import { z } from "zod";

// Messages are i18n keys, translated where the errors are shown.
const req = { required_error: "common:errors.required", invalid_type_error: "common:errors.invalid" };
const text = (max: number) => z.string(req).trim().min(1, "common:errors.required").max(max, "common:errors.tooLong");
const optionalText = (max: number) => z.string(req).trim().max(max, "common:errors.tooLong").optional();
const wallTime = z
  .string(req)
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "meetings:errors.dateTime");
const count = z
  .number({ ...req, invalid_type_error: "meetings:errors.count" })
  .int("meetings:errors.count")
  .min(0, "meetings:errors.count")
  .max(10_000, "meetings:errors.count");
const id = z.string(req).uuid("common:errors.invalid");

const MEETING_MODES = ["in_person", "online", "hybrid"] as const;
const RSVP_RESPONSES = ["yes", "no", "maybe"] as const;
export const ATTENDANCE_STATUSES = ["present", "absent", "excused"] as const;
export const ACTION_STATUSES = ["open", "in_progress", "done"] as const;
const SUBJECT_TYPES = ["brief", "analysis", "response"] as const;
/** Where each kind of agenda link may point: our own pages only. */
const SUBJECT_PATHS: Record<(typeof SUBJECT_TYPES)[number], string> = { brief: "/briefs/", analysis: "/analyses/", response: "/responses/" };

export const MeetingSchema = z
  .object({
    intent: z.literal("save").optional(),
    title: text(200),
    mode: z.enum(MEETING_MODES, { errorMap: () => ({ message: "meetings:errors.mode" }) }),
    place: optionalText(300),
    link: z
      .string(req)
      .trim()
      .max(500, "common:errors.tooLong")
      .url("meetings:errors.link")
      .refine((v) => /^https?:\/\//i.test(v), "meetings:errors.link")
      .optional(),
    startsAt: wallTime,
    endsAt: wallTime,
    isPublic: z.boolean().optional(),
    /** Required (by the service, which knows the deadline) when notice is posted too late. */
    shortNoticeReason: optionalText(1000),
    /** A closed portion: one of the listed exceptions (the sunshine module's list) and the topic. */
    closedExceptionCode: z.string(req).trim().max(40, "common:errors.tooLong").optional(),
    closedTopic: optionalText(500),
    // The agenda is rich text, read by the shared rich-text module (readRichField), not here.
  })
  .superRefine((v, ctx) => {
    if (v.mode !== "online" && !v.place) ctx.addIssue({ code: "custom", path: ["place"], message: "meetings:errors.placeRequired" });
    if (v.mode !== "in_person" && !v.link) ctx.addIssue({ code: "custom", path: ["link"], message: "meetings:errors.linkRequired" });
    if (v.startsAt && v.endsAt && v.endsAt <= v.startsAt) ctx.addIssue({ code: "custom", path: ["endsAt"], message: "meetings:errors.endsBeforeStarts" });
    if (v.closedExceptionCode && !v.closedTopic) ctx.addIssue({ code: "custom", path: ["closedTopic"], message: "meetings:errors.closedTopicRequired" });
    if (v.closedTopic && !v.closedExceptionCode) ctx.addIssue({ code: "custom", path: ["closedExceptionCode"], message: "meetings:errors.exceptionRequired" });
  });
export type MeetingInput = z.infer<typeof MeetingSchema>;

export const EditMeetingSchema = z
  .discriminatedUnion("intent", [
    z.object({ intent: z.literal("cancel"), reason: optionalText(500) }),
    z.object({ intent: z.literal("post-notice"), shortNoticeReason: optionalText(1000) }),
    z.object({
      intent: z.literal("add-agenda-item"),
      title: text(300),
      subjectType: z.enum(SUBJECT_TYPES, { errorMap: () => ({ message: "common:errors.invalid" }) }).optional(),
      url: optionalText(500),
      label: optionalText(200),
    }),
    z.object({ intent: z.literal("remove-agenda-item"), itemId: id }),
    z.object({ intent: z.literal("move-agenda-item"), itemId: id, direction: z.enum(["up", "down"]) }),
  ])
  .superRefine((v, ctx) => {
    if (v.intent !== "add-agenda-item") return;
    if (v.subjectType && !v.url) ctx.addIssue({ code: "custom", path: ["url"], message: "meetings:errors.linkPathRequired" });
    if (!v.subjectType && v.url) ctx.addIssue({ code: "custom", path: ["subjectType"], message: "common:errors.required" });
    if (v.subjectType && v.url && !(v.url.startsWith(SUBJECT_PATHS[v.subjectType]) && /^\/[A-Za-z0-9/_-]+$/.test(v.url))) {
      ctx.addIssue({ code: "custom", path: ["url"], message: "meetings:errors.linkPath" });
    }
  });

const RsvpSchema = z.object({ intent: z.literal("rsvp"), response: z.enum(RSVP_RESPONSES, { errorMap: () => ({ message: "meetings:errors.rsvp" }) }) });
const CorrectionSchema = z.object({ intent: z.literal("propose-correction"), text: text(5000) });
/**
 * The attendance form: one radio group per member, named "status-<userId>" (other fields are
 * ignored; unknown people are ignored by the service). A status that is not one of ours refuses the form.
 */
export const AttendanceSchema = z.record(z.string(), z.unknown()).transform((fields, ctx) => {
  const entries: { userId: string; status: (typeof ATTENDANCE_STATUSES)[number] }[] = [];
  for (const [key, value] of Object.entries(fields)) {
    if (!key.startsWith("status-")) continue;
    const status = z.enum(ATTENDANCE_STATUSES).safeParse(value);
    if (status.success) entries.push({ userId: key.slice(7), status: status.data });
    else ctx.addIssue({ code: z.ZodIssueCode.custom, message: "meetings:errors.attendanceInvalid" });
  }
  return entries;
});
export const MeetingPageSchema = z.discriminatedUnion("intent", [RsvpSchema, CorrectionSchema]);

export const MinutesSchema = z
  .discriminatedUnion("intent", [
    // The minutes' body is rich text, read by the shared rich-text module (readRichField), not here.
    z.object({ intent: z.literal("save-draft") }),
    // A blank count is 0 (nobody voted that way), not "unknown".
    z.object({ intent: z.literal("add-decision"), text: text(2000), support: count.default(0), oppose: count.default(0), abstain: count.default(0) }),
    z.object({ intent: z.literal("remove-decision"), decisionId: id }),
    z.object({
      intent: z.literal("add-action"),
      what: text(1000),
      ownerUserId: z.string(req).max(100).optional(),
      ownerName: optionalText(200),
      dueDate: z
        .string(req)
        .regex(/^\d{4}-\d{2}-\d{2}$/, "meetings:errors.date")
        .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), "meetings:errors.date")
        .optional(),
    }),
    z.object({
      intent: z.literal("action-status"),
      actionItemId: id,
      status: z.enum(ACTION_STATUSES, { errorMap: () => ({ message: "common:errors.invalid" }) }),
    }),
    z.object({ intent: z.literal("remove-action"), actionItemId: id }),
    z.object({ intent: z.literal("circulate") }),
    z.object({
      intent: z.literal("review-correction"),
      correctionId: id,
      decision: z.enum(["accepted", "declined"], { errorMap: () => ({ message: "meetings:errors.decision" }) }),
      note: optionalText(2000),
    }),
    // A roll call: votes.<member id> = support | oppose | abstain (blank: absent or not voting).
    z.object({
      intent: z.literal("record-approval"),
      votedAtMeetingId: id,
      // conform leaves a record's blank entries as "" (it empties only the fields a schema names).
      votes: z
        .record(
          z.string().max(100),
          z.preprocess((v) => (v === "" ? undefined : v), z.enum(VOTE_CHOICES, { errorMap: () => ({ message: "common:errors.invalid" }) }).optional()),
        )
        .default({}),
    }),
    z.object({ intent: z.literal("publish") }),
    z.object({ intent: z.literal("amend"), reason: text(2000) }),
  ])
  .superRefine((v, ctx) => {
    if (v.intent === "add-action" && !v.ownerUserId && !v.ownerName)
      ctx.addIssue({ code: "custom", path: ["ownerName"], message: "meetings:errors.ownerRequired" });
  });

export const MOTION_CHOICES = ["support", "oppose", "abstain", "recused"] as const;
export type MotionChoice = (typeof MOTION_CHOICES)[number];

/**
 * A motion and its roll call, recorded at the meeting: vote.<member id> = support | oppose |
 * abstain | recused (blank: not voting). A motion to close names the exception it rests on.
 */
export const MotionSchema = z
  .object({
    intent: z.literal("record-motion"),
    kind: z.enum(["motion", "close_session"], { errorMap: () => ({ message: "common:errors.invalid" }) }).default("motion"),
    text: text(2000),
    moverId: z.string(req).max(100).optional(),
    seconderId: z.string(req).max(100).optional(),
    exceptionCode: z.string(req).trim().max(40).optional(),
    vote: z
      .record(
        z.string().max(100),
        z.preprocess((v) => (v === "" ? undefined : v), z.enum(MOTION_CHOICES, { errorMap: () => ({ message: "common:errors.invalid" }) }).optional()),
      )
      .default({}),
  })
  .superRefine((v, ctx) => {
    if (v.kind === "close_session" && !v.exceptionCode) ctx.addIssue({ code: "custom", path: ["exceptionCode"], message: "meetings:errors.exceptionRequired" });
    if (v.moverId && v.moverId === v.seconderId) ctx.addIssue({ code: "custom", path: ["seconderId"], message: "meetings:errors.seconderSame" });
  });
export type MotionInput = z.infer<typeof MotionSchema>;

export const ClosedMinutesSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("save-closed"), motionId: id, body: text(20000) }),
  z.object({
    intent: z.literal("approve-closed"),
    motionId: id,
    vote: z
      .record(
        z.string().max(100),
        z.preprocess((v) => (v === "" ? undefined : v), z.enum(MOTION_CHOICES, { errorMap: () => ({ message: "common:errors.invalid" }) }).optional()),
      )
      .default({}),
  }),
]);
