CREATE TYPE "public"."action_item_status" AS ENUM('open', 'in_progress', 'done');--> statement-breakpoint
CREATE TYPE "public"."agenda_subject_type" AS ENUM('brief', 'analysis', 'response');--> statement-breakpoint
CREATE TYPE "public"."attendance_status" AS ENUM('present', 'absent', 'excused');--> statement-breakpoint
CREATE TYPE "public"."minutes_correction_status" AS ENUM('pending', 'accepted', 'declined');--> statement-breakpoint
CREATE TYPE "public"."meeting_mode" AS ENUM('in_person', 'online', 'hybrid');--> statement-breakpoint
CREATE TYPE "public"."meeting_status" AS ENUM('scheduled', 'cancelled', 'held');--> statement-breakpoint
CREATE TYPE "public"."minutes_revision_kind" AS ENUM('draft', 'amendment');--> statement-breakpoint
CREATE TYPE "public"."minutes_status" AS ENUM('draft', 'circulated', 'approved');--> statement-breakpoint
CREATE TYPE "public"."rsvp_response" AS ENUM('yes', 'no', 'maybe');--> statement-breakpoint
CREATE TABLE "action_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"minutes_id" uuid NOT NULL,
	"what" text NOT NULL,
	"owner_user_id" text,
	"owner_name" text,
	"due_date" date,
	"status" "action_item_status" DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "action_items_owner" CHECK ("action_items"."owner_user_id" is not null or "action_items"."owner_name" is not null)
);
--> statement-breakpoint
CREATE TABLE "agenda_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"subject_type" "agenda_subject_type",
	"subject_id" text,
	"url" text,
	"label" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agenda_items_link_complete" CHECK (("agenda_items"."subject_type" is null) = ("agenda_items"."url" is null))
);
--> statement-breakpoint
CREATE TABLE "meeting_attendance" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"status" "attendance_status" NOT NULL,
	"recorded_by_id" text,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_rsvps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"response" "rsvp_response" NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"mode" "meeting_mode" NOT NULL,
	"place" text,
	"link" text,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"status" "meeting_status" DEFAULT 'scheduled' NOT NULL,
	"is_public" boolean DEFAULT true NOT NULL,
	"agenda_doc" jsonb DEFAULT '{"type":"doc","content":[]}'::jsonb NOT NULL,
	"agenda_html" text DEFAULT '' NOT NULL,
	"agenda_text" text DEFAULT '' NOT NULL,
	"sequence" integer DEFAULT 0 NOT NULL,
	"cancel_reason" text,
	"created_by_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meetings_ends_after_starts" CHECK ("meetings"."ends_at" > "meetings"."starts_at"),
	CONSTRAINT "meetings_place_for_in_person" CHECK ("meetings"."mode" = 'online' or "meetings"."place" is not null),
	CONSTRAINT "meetings_link_for_online" CHECK ("meetings"."mode" = 'in_person' or "meetings"."link" is not null)
);
--> statement-breakpoint
CREATE TABLE "minutes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"status" "minutes_status" DEFAULT 'draft' NOT NULL,
	"current_revision_id" uuid,
	"approval_id" uuid,
	"circulated_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "minutes_approved_has_approval" CHECK ("minutes"."status" <> 'approved' or ("minutes"."approval_id" is not null and "minutes"."published_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "minutes_approvals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"minutes_id" uuid NOT NULL,
	"revision_id" uuid NOT NULL,
	"voted_at_meeting_id" uuid NOT NULL,
	"support" integer NOT NULL,
	"oppose" integer NOT NULL,
	"abstain" integer NOT NULL,
	"present_count" integer NOT NULL,
	"eligible_count" integer NOT NULL,
	"quorum_percent" integer NOT NULL,
	"quorum_met" boolean NOT NULL,
	"passed" boolean NOT NULL,
	"recorded_by_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "minutes_approvals_counts" CHECK ("minutes_approvals"."support" >= 0 and "minutes_approvals"."oppose" >= 0 and "minutes_approvals"."abstain" >= 0 and "minutes_approvals"."support" + "minutes_approvals"."oppose" + "minutes_approvals"."abstain" <= "minutes_approvals"."present_count"),
	CONSTRAINT "minutes_approvals_present" CHECK ("minutes_approvals"."present_count" >= 0 and "minutes_approvals"."eligible_count" > 0 and "minutes_approvals"."present_count" <= "minutes_approvals"."eligible_count"),
	CONSTRAINT "minutes_approvals_quorum_percent" CHECK ("minutes_approvals"."quorum_percent" between 1 and 100),
	CONSTRAINT "minutes_approvals_quorum_met" CHECK ("minutes_approvals"."quorum_met" = ("minutes_approvals"."present_count" * 100 >= "minutes_approvals"."quorum_percent" * "minutes_approvals"."eligible_count")),
	CONSTRAINT "minutes_approvals_passed" CHECK ("minutes_approvals"."passed" = ("minutes_approvals"."quorum_met" and "minutes_approvals"."support" > "minutes_approvals"."oppose"))
);
--> statement-breakpoint
CREATE TABLE "minutes_corrections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"minutes_id" uuid NOT NULL,
	"revision_id" uuid NOT NULL,
	"proposed_by_id" text NOT NULL,
	"text" text NOT NULL,
	"status" "minutes_correction_status" DEFAULT 'pending' NOT NULL,
	"review_note" text,
	"reviewed_by_id" text,
	"reviewed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "minutes_corrections_reviewed" CHECK (("minutes_corrections"."status" = 'pending') = ("minutes_corrections"."reviewed_at" is null))
);
--> statement-breakpoint
CREATE TABLE "minutes_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"minutes_id" uuid NOT NULL,
	"text" text NOT NULL,
	"support" integer,
	"oppose" integer,
	"abstain" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "minutes_decisions_counts" CHECK (coalesce("minutes_decisions"."support", 0) >= 0 and coalesce("minutes_decisions"."oppose", 0) >= 0 and coalesce("minutes_decisions"."abstain", 0) >= 0)
);
--> statement-breakpoint
CREATE TABLE "minutes_revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"minutes_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"kind" "minutes_revision_kind" DEFAULT 'draft' NOT NULL,
	"body_doc" jsonb NOT NULL,
	"body_html" text NOT NULL,
	"body_text" text NOT NULL,
	"reason" text,
	"created_by_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "minutes_revisions_amendment_reason" CHECK ("minutes_revisions"."kind" <> 'amendment' or length(btrim(coalesce("minutes_revisions"."reason", ''))) > 0)
);
--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_minutes_id_minutes_id_fk" FOREIGN KEY ("minutes_id") REFERENCES "public"."minutes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_recorded_by_id_users_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_rsvps" ADD CONSTRAINT "meeting_rsvps_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_rsvps" ADD CONSTRAINT "meeting_rsvps_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes" ADD CONSTRAINT "minutes_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes" ADD CONSTRAINT "minutes_current_revision_id_minutes_revisions_id_fk" FOREIGN KEY ("current_revision_id") REFERENCES "public"."minutes_revisions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes" ADD CONSTRAINT "minutes_approval_id_minutes_approvals_id_fk" FOREIGN KEY ("approval_id") REFERENCES "public"."minutes_approvals"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes_approvals" ADD CONSTRAINT "minutes_approvals_minutes_id_minutes_id_fk" FOREIGN KEY ("minutes_id") REFERENCES "public"."minutes"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes_approvals" ADD CONSTRAINT "minutes_approvals_revision_id_minutes_revisions_id_fk" FOREIGN KEY ("revision_id") REFERENCES "public"."minutes_revisions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes_approvals" ADD CONSTRAINT "minutes_approvals_voted_at_meeting_id_meetings_id_fk" FOREIGN KEY ("voted_at_meeting_id") REFERENCES "public"."meetings"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes_approvals" ADD CONSTRAINT "minutes_approvals_recorded_by_id_users_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes_corrections" ADD CONSTRAINT "minutes_corrections_minutes_id_minutes_id_fk" FOREIGN KEY ("minutes_id") REFERENCES "public"."minutes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes_corrections" ADD CONSTRAINT "minutes_corrections_revision_id_minutes_revisions_id_fk" FOREIGN KEY ("revision_id") REFERENCES "public"."minutes_revisions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes_corrections" ADD CONSTRAINT "minutes_corrections_proposed_by_id_users_id_fk" FOREIGN KEY ("proposed_by_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes_corrections" ADD CONSTRAINT "minutes_corrections_reviewed_by_id_users_id_fk" FOREIGN KEY ("reviewed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes_decisions" ADD CONSTRAINT "minutes_decisions_minutes_id_minutes_id_fk" FOREIGN KEY ("minutes_id") REFERENCES "public"."minutes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes_revisions" ADD CONSTRAINT "minutes_revisions_minutes_id_minutes_id_fk" FOREIGN KEY ("minutes_id") REFERENCES "public"."minutes"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes_revisions" ADD CONSTRAINT "minutes_revisions_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "action_items_minutes_idx" ON "action_items" USING btree ("minutes_id");--> statement-breakpoint
CREATE INDEX "action_items_status_idx" ON "action_items" USING btree ("status","due_date");--> statement-breakpoint
CREATE INDEX "agenda_items_meeting_idx" ON "agenda_items" USING btree ("meeting_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_attendance_meeting_user_unique" ON "meeting_attendance" USING btree ("meeting_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_rsvps_meeting_user_unique" ON "meeting_rsvps" USING btree ("meeting_id","user_id");--> statement-breakpoint
CREATE INDEX "meetings_starts_idx" ON "meetings" USING btree ("starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "minutes_meeting_unique" ON "minutes" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "minutes_approvals_minutes_idx" ON "minutes_approvals" USING btree ("minutes_id");--> statement-breakpoint
CREATE INDEX "minutes_corrections_minutes_idx" ON "minutes_corrections" USING btree ("minutes_id","status");--> statement-breakpoint
CREATE INDEX "minutes_decisions_minutes_idx" ON "minutes_decisions" USING btree ("minutes_id");--> statement-breakpoint
CREATE UNIQUE INDEX "minutes_revisions_number_unique" ON "minutes_revisions" USING btree ("minutes_id","number");