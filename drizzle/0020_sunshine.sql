CREATE TYPE "public"."meeting_motion_kind" AS ENUM('motion', 'close_session');--> statement-breakpoint
CREATE TABLE "closed_minutes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"motion_id" uuid NOT NULL,
	"body" text NOT NULL,
	"status" "minutes_status" DEFAULT 'draft' NOT NULL,
	"approved_at" timestamp with time zone,
	"approval_votes" integer DEFAULT 0 NOT NULL,
	"updated_by_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "closed_minutes_approved" CHECK (("closed_minutes"."status" = 'approved') = ("closed_minutes"."approved_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "meeting_motions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"kind" "meeting_motion_kind" DEFAULT 'motion' NOT NULL,
	"text" text NOT NULL,
	"mover_id" text,
	"seconder_id" text,
	"exception_code" text,
	"passed" boolean NOT NULL,
	"recorded_by_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_motions_close_cites" CHECK (("meeting_motions"."kind" = 'close_session') = ("meeting_motions"."exception_code" is not null)),
	CONSTRAINT "meeting_motions_text" CHECK (length(btrim("meeting_motions"."text")) > 0)
);
--> statement-breakpoint
CREATE TABLE "sunshine_exceptions" (
	"code" text PRIMARY KEY NOT NULL,
	"citation" text NOT NULL,
	"title_en" text NOT NULL,
	"title_es" text NOT NULL,
	"description_en" text NOT NULL,
	"description_es" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sunshine_exceptions_code" CHECK ("sunshine_exceptions"."code" ~ '^[A-Za-z0-9.()_-]{1,40}$')
);
--> statement-breakpoint
CREATE TABLE "sunshine_holidays" (
	"day" date PRIMARY KEY NOT NULL,
	"name_en" text NOT NULL,
	"name_es" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sunshine_holidays_names" CHECK (length(btrim("sunshine_holidays"."name_en")) > 0 and length(btrim("sunshine_holidays"."name_es")) > 0)
);
--> statement-breakpoint
CREATE TABLE "sunshine_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"notice_hours" integer DEFAULT 24 NOT NULL,
	"weekends_count" boolean DEFAULT false NOT NULL,
	"holidays_count" boolean DEFAULT false NOT NULL,
	"records_business_days" integer DEFAULT 3 NOT NULL,
	"updated_by_id" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sunshine_settings_single_row" CHECK ("sunshine_settings"."id" = 1),
	CONSTRAINT "sunshine_settings_notice_hours" CHECK ("sunshine_settings"."notice_hours" between 0 and 720),
	CONSTRAINT "sunshine_settings_records_days" CHECK ("sunshine_settings"."records_business_days" between 1 and 60)
);
--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "notice_posted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "notice_deadline" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "short_notice_reason" text;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "closed_exception_code" text;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "closed_topic" text;--> statement-breakpoint
ALTER TABLE "closed_minutes" ADD CONSTRAINT "closed_minutes_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "closed_minutes" ADD CONSTRAINT "closed_minutes_motion_id_meeting_motions_id_fk" FOREIGN KEY ("motion_id") REFERENCES "public"."meeting_motions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "closed_minutes" ADD CONSTRAINT "closed_minutes_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_motions" ADD CONSTRAINT "meeting_motions_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_motions" ADD CONSTRAINT "meeting_motions_mover_id_users_id_fk" FOREIGN KEY ("mover_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_motions" ADD CONSTRAINT "meeting_motions_seconder_id_users_id_fk" FOREIGN KEY ("seconder_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_motions" ADD CONSTRAINT "meeting_motions_recorded_by_id_users_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sunshine_settings" ADD CONSTRAINT "sunshine_settings_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "closed_minutes_motion_unique" ON "closed_minutes" USING btree ("motion_id");--> statement-breakpoint
CREATE INDEX "closed_minutes_meeting_idx" ON "closed_minutes" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "meeting_motions_meeting_idx" ON "meeting_motions" USING btree ("meeting_id","created_at");--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_closed_topic" CHECK (("meetings"."closed_exception_code" is null) = ("meetings"."closed_topic" is null));