import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import { users } from "./auth";

/** A ProseMirror (tiptap) document as stored; validated on the server before it gets here. */
export type RichDoc = { type: "doc"; content?: unknown[] };

export const meetingModeEnum = pgEnum("meeting_mode", ["in_person", "online", "hybrid"]);
export const meetingStatusEnum = pgEnum("meeting_status", ["scheduled", "cancelled", "held"]);
export const agendaSubjectEnum = pgEnum("agenda_subject_type", ["brief", "analysis", "response"]);
export const rsvpResponseEnum = pgEnum("rsvp_response", ["yes", "no", "maybe"]);
export const attendanceStatusEnum = pgEnum("attendance_status", ["present", "absent", "excused"]);
export const minutesStatusEnum = pgEnum("minutes_status", ["draft", "circulated", "approved"]);
export const minutesRevisionKindEnum = pgEnum("minutes_revision_kind", ["draft", "amendment"]);
export const actionItemStatusEnum = pgEnum("action_item_status", ["open", "in_progress", "done"]);
export const correctionStatusEnum = pgEnum("minutes_correction_status", ["pending", "accepted", "declined"]);

export const meetings = pgTable(
  "meetings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    title: text("title").notNull(),
    mode: meetingModeEnum("mode").notNull(),
    place: text("place"),
    link: text("link"),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    status: meetingStatusEnum("status").notNull().default("scheduled"),
    isPublic: boolean("is_public").notNull().default(true),
    agendaDoc: jsonb("agenda_doc").$type<RichDoc>().notNull().default({ type: "doc", content: [] }),
    agendaHtml: text("agenda_html").notNull().default(""),
    agendaText: text("agenda_text").notNull().default(""),
    /** iCalendar SEQUENCE: bumped on every change so calendars replace the old copy. */
    sequence: integer("sequence").notNull().default(0),
    cancelReason: text("cancel_reason"),
    /** When the public notice (date, time, place, tentative agenda) was last posted; null: entered after the meeting. */
    noticePostedAt: timestamp("notice_posted_at", { withTimezone: true }),
    /** The deadline that notice had to meet (computed from the rules when it was posted). */
    noticeDeadline: timestamp("notice_deadline", { withTimezone: true }),
    /** Why notice was shorter than the rules ask; required when it was posted after the deadline. */
    shortNoticeReason: text("short_notice_reason"),
    /** A closed portion, announced in the notice: the exception's code (the sunshine module's list) and the topic. */
    closedExceptionCode: text("closed_exception_code"),
    closedTopic: text("closed_topic"),
    createdById: text("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("meetings_starts_idx").on(t.startsAt),
    check("meetings_ends_after_starts", sql`${t.endsAt} > ${t.startsAt}`),
    check("meetings_place_for_in_person", sql`${t.mode} = 'online' or ${t.place} is not null`),
    check("meetings_link_for_online", sql`${t.mode} = 'in_person' or ${t.link} is not null`),
    check("meetings_closed_topic", sql`(${t.closedExceptionCode} is null) = (${t.closedTopic} is null)`),
  ],
);

export const agendaItems = pgTable(
  "agenda_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    title: text("title").notNull(),
    // A typed reference to a brief, analysis or response (those modules own their tables).
    subjectType: agendaSubjectEnum("subject_type"),
    subjectId: text("subject_id"),
    url: text("url"),
    label: text("label"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("agenda_items_meeting_idx").on(t.meetingId, t.position),
    check("agenda_items_link_complete", sql`(${t.subjectType} is null) = (${t.url} is null)`),
  ],
);

export const meetingRsvps = pgTable(
  "meeting_rsvps",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    response: rsvpResponseEnum("response").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("meeting_rsvps_meeting_user_unique").on(t.meetingId, t.userId)],
);

export const meetingAttendance = pgTable(
  "meeting_attendance",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: attendanceStatusEnum("status").notNull(),
    recordedById: text("recorded_by_id").references(() => users.id, { onDelete: "set null" }),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("meeting_attendance_meeting_user_unique").on(t.meetingId, t.userId)],
);

export const minutes = pgTable(
  "minutes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "restrict" }),
    status: minutesStatusEnum("status").notNull().default("draft"),
    currentRevisionId: uuid("current_revision_id").references((): AnyPgColumn => minutesRevisions.id, { onDelete: "restrict" }),
    /** The approval the minutes were published on; a trigger checks it met quorum and passed. */
    approvalId: uuid("approval_id").references((): AnyPgColumn => minutesApprovals.id, { onDelete: "restrict" }),
    circulatedAt: timestamp("circulated_at", { withTimezone: true }),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("minutes_meeting_unique").on(t.meetingId),
    check("minutes_approved_has_approval", sql`${t.status} <> 'approved' or (${t.approvalId} is not null and ${t.publishedAt} is not null)`),
  ],
);

/** Append-only (trigger): a text change is always a new revision; after approval only an amendment with a reason. */
export const minutesRevisions = pgTable(
  "minutes_revisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    minutesId: uuid("minutes_id")
      .notNull()
      .references(() => minutes.id, { onDelete: "restrict" }),
    number: integer("number").notNull(),
    kind: minutesRevisionKindEnum("kind").notNull().default("draft"),
    bodyDoc: jsonb("body_doc").$type<RichDoc>().notNull(),
    bodyHtml: text("body_html").notNull(),
    bodyText: text("body_text").notNull(),
    reason: text("reason"),
    createdById: text("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("minutes_revisions_number_unique").on(t.minutesId, t.number),
    check("minutes_revisions_amendment_reason", sql`${t.kind} <> 'amendment' or length(btrim(coalesce(${t.reason}, ''))) > 0`),
  ],
);

export const minutesDecisions = pgTable(
  "minutes_decisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    minutesId: uuid("minutes_id")
      .notNull()
      .references(() => minutes.id, { onDelete: "cascade" }),
    text: text("text").notNull(),
    support: integer("support"),
    oppose: integer("oppose"),
    abstain: integer("abstain"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("minutes_decisions_minutes_idx").on(t.minutesId),
    check("minutes_decisions_counts", sql`coalesce(${t.support}, 0) >= 0 and coalesce(${t.oppose}, 0) >= 0 and coalesce(${t.abstain}, 0) >= 0`),
  ],
);

export const actionItems = pgTable(
  "action_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    minutesId: uuid("minutes_id")
      .notNull()
      .references(() => minutes.id, { onDelete: "cascade" }),
    what: text("what").notNull(),
    ownerUserId: text("owner_user_id").references(() => users.id, { onDelete: "set null" }),
    ownerName: text("owner_name"),
    dueDate: date("due_date"),
    status: actionItemStatusEnum("status").notNull().default("open"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("action_items_minutes_idx").on(t.minutesId),
    index("action_items_status_idx").on(t.status, t.dueDate),
    check("action_items_owner", sql`${t.ownerUserId} is not null or ${t.ownerName} is not null`),
  ],
);

export const minutesCorrections = pgTable(
  "minutes_corrections",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    minutesId: uuid("minutes_id")
      .notNull()
      .references(() => minutes.id, { onDelete: "cascade" }),
    revisionId: uuid("revision_id")
      .notNull()
      .references(() => minutesRevisions.id, { onDelete: "restrict" }),
    proposedById: text("proposed_by_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    text: text("text").notNull(),
    status: correctionStatusEnum("status").notNull().default("pending"),
    reviewNote: text("review_note"),
    reviewedById: text("reviewed_by_id").references(() => users.id, { onDelete: "set null" }),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("minutes_corrections_minutes_idx").on(t.minutesId, t.status),
    check("minutes_corrections_reviewed", sql`(${t.status} = 'pending') = (${t.reviewedAt} is null)`),
  ],
);

/**
 * The board's vote approving a revision of the minutes, held at a meeting. Quorum and the
 * result are derived from the counts by CHECK constraints, so no row can claim a pass it did not get.
 * Append-only (trigger).
 */
export const minutesApprovals = pgTable(
  "minutes_approvals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    minutesId: uuid("minutes_id")
      .notNull()
      .references(() => minutes.id, { onDelete: "restrict" }),
    revisionId: uuid("revision_id")
      .notNull()
      .references(() => minutesRevisions.id, { onDelete: "restrict" }),
    /** The meeting at which the vote was held (this one or a later one); its attendance gives the quorum. */
    votedAtMeetingId: uuid("voted_at_meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "restrict" }),
    support: integer("support").notNull(),
    oppose: integer("oppose").notNull(),
    abstain: integer("abstain").notNull(),
    presentCount: integer("present_count").notNull(),
    eligibleCount: integer("eligible_count").notNull(),
    quorumPercent: integer("quorum_percent").notNull(),
    quorumMet: boolean("quorum_met").notNull(),
    passed: boolean("passed").notNull(),
    recordedById: text("recorded_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("minutes_approvals_minutes_idx").on(t.minutesId),
    check(
      "minutes_approvals_counts",
      sql`${t.support} >= 0 and ${t.oppose} >= 0 and ${t.abstain} >= 0 and ${t.support} + ${t.oppose} + ${t.abstain} <= ${t.presentCount}`,
    ),
    check("minutes_approvals_present", sql`${t.presentCount} >= 0 and ${t.eligibleCount} > 0 and ${t.presentCount} <= ${t.eligibleCount}`),
    check("minutes_approvals_quorum_percent", sql`${t.quorumPercent} between 1 and 100`),
    check("minutes_approvals_quorum_met", sql`${t.quorumMet} = (${t.presentCount} * 100 >= ${t.quorumPercent} * ${t.eligibleCount})`),
    check("minutes_approvals_passed", sql`${t.passed} = (${t.quorumMet} and ${t.support} > ${t.oppose})`),
  ],
);

export const motionKindEnum = pgEnum("meeting_motion_kind", ["motion", "close_session"]);

/**
 * A motion put to the board at a meeting and its roll call (the voting module keeps each member's
 * answer under subject "meeting_motion" and this row's id). A motion to close names the exception.
 */
export const meetingMotions = pgTable(
  "meeting_motions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "restrict" }),
    kind: motionKindEnum("kind").notNull().default("motion"),
    text: text("text").notNull(),
    moverId: text("mover_id").references(() => users.id, { onDelete: "set null" }),
    seconderId: text("seconder_id").references(() => users.id, { onDelete: "set null" }),
    exceptionCode: text("exception_code"),
    passed: boolean("passed").notNull(),
    recordedById: text("recorded_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("meeting_motions_meeting_idx").on(t.meetingId, t.createdAt),
    check("meeting_motions_close_cites", sql`(${t.kind} = 'close_session') = (${t.exceptionCode} is not null)`),
    check("meeting_motions_text", sql`length(btrim(${t.text})) > 0`),
  ],
);

/**
 * Minutes of a closed session: kept apart from the open minutes, read only by board members and
 * staff, limited to the cited topic, approved by a roll call (subject "closed_minutes").
 */
export const closedMinutes = pgTable(
  "closed_minutes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "restrict" }),
    /** The vote that closed the session. */
    motionId: uuid("motion_id")
      .notNull()
      .references(() => meetingMotions.id, { onDelete: "restrict" }),
    body: text("body").notNull(),
    status: minutesStatusEnum("status").notNull().default("draft"),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
    /** Approval roll calls taken so far: the voting module keeps the n-th under subject id "<id>#<n>". */
    approvalVotes: integer("approval_votes").notNull().default(0),
    updatedById: text("updated_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("closed_minutes_motion_unique").on(t.motionId),
    index("closed_minutes_meeting_idx").on(t.meetingId),
    check("closed_minutes_approved", sql`(${t.status} = 'approved') = (${t.approvedAt} is not null)`),
  ],
);
