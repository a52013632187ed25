CREATE TYPE "public"."analysis_link_type" AS ENUM('concern', 'brief', 'comment');--> statement-breakpoint
CREATE TYPE "public"."analysis_proposer_role" AS ENUM('member', 'staff');--> statement-breakpoint
CREATE TYPE "public"."analysis_status" AS ENUM('proposed', 'accepted', 'planned', 'in_progress', 'completed', 'declined');--> statement-breakpoint
CREATE TYPE "public"."ballot_mode" AS ENUM('named', 'secret');--> statement-breakpoint
CREATE TYPE "public"."ballot_result" AS ENUM('passed', 'failed', 'no_quorum');--> statement-breakpoint
CREATE TYPE "public"."ballot_results_visibility" AS ENUM('after_close', 'live');--> statement-breakpoint
CREATE TYPE "public"."ballot_status" AS ENUM('open', 'closed');--> statement-breakpoint
CREATE TYPE "public"."vote_choice" AS ENUM('support', 'oppose', 'abstain');--> statement-breakpoint
CREATE TABLE "analyses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"question" text NOT NULL,
	"why_it_matters" text NOT NULL,
	"data_needed" text NOT NULL,
	"proposer_id" text,
	"proposer_role" "analysis_proposer_role" NOT NULL,
	"status" "analysis_status" DEFAULT 'proposed' NOT NULL,
	"decision_note" text,
	"result_brief_slug" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "analyses_completed_has_brief" CHECK ("analyses"."status" <> 'completed' or "analyses"."result_brief_slug" is not null),
	CONSTRAINT "analyses_declined_has_reason" CHECK ("analyses"."status" <> 'declined' or "analyses"."decision_note" is not null)
);
--> statement-breakpoint
CREATE TABLE "analysis_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"analysis_id" uuid NOT NULL,
	"subject_type" "analysis_link_type" NOT NULL,
	"subject_id" text NOT NULL,
	"url" text NOT NULL,
	"label" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "analysis_links_unique" UNIQUE("analysis_id","subject_type","subject_id")
);
--> statement-breakpoint
CREATE TABLE "analysis_progress" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"analysis_id" uuid NOT NULL,
	"status" "analysis_status" NOT NULL,
	"note" text,
	"brief_slug" text,
	"actor_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ballot_eligible" (
	"ballot_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	CONSTRAINT "ballot_eligible_pk" PRIMARY KEY("ballot_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "ballot_participation" (
	"ballot_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	CONSTRAINT "ballot_participation_one_per_member" UNIQUE("ballot_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "ballot_recusals" (
	"ballot_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"conflict" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ballot_recusals_one_per_member" UNIQUE("ballot_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "ballot_secret_choices" (
	"ballot_id" uuid NOT NULL,
	"choice" "vote_choice" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ballot_votes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ballot_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"choice" "vote_choice" NOT NULL,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ballot_votes_one_per_member" UNIQUE("ballot_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "ballots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"title" text NOT NULL,
	"url" text NOT NULL,
	"mode" "ballot_mode" DEFAULT 'named' NOT NULL,
	"results_visibility" "ballot_results_visibility" DEFAULT 'after_close' NOT NULL,
	"opens_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"quorum_percent" integer NOT NULL,
	"threshold_percent" integer NOT NULL,
	"status" "ballot_status" DEFAULT 'open' NOT NULL,
	"result" "ballot_result",
	"closed_at" timestamp with time zone,
	"opened_by_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ballots_quorum_range" CHECK ("ballots"."quorum_percent" between 0 and 100),
	CONSTRAINT "ballots_threshold_range" CHECK ("ballots"."threshold_percent" between 0 and 99),
	CONSTRAINT "ballots_window" CHECK ("ballots"."closes_at" > "ballots"."opens_at"),
	CONSTRAINT "ballots_closed_has_result" CHECK (("ballots"."status" = 'closed') = ("ballots"."result" is not null and "ballots"."closed_at" is not null)),
	CONSTRAINT "ballots_secret_hides_results" CHECK ("ballots"."mode" <> 'secret' or "ballots"."results_visibility" = 'after_close')
);
--> statement-breakpoint
ALTER TABLE "analyses" ADD CONSTRAINT "analyses_proposer_id_users_id_fk" FOREIGN KEY ("proposer_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analysis_links" ADD CONSTRAINT "analysis_links_analysis_id_analyses_id_fk" FOREIGN KEY ("analysis_id") REFERENCES "public"."analyses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analysis_progress" ADD CONSTRAINT "analysis_progress_analysis_id_analyses_id_fk" FOREIGN KEY ("analysis_id") REFERENCES "public"."analyses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analysis_progress" ADD CONSTRAINT "analysis_progress_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_eligible" ADD CONSTRAINT "ballot_eligible_ballot_id_ballots_id_fk" FOREIGN KEY ("ballot_id") REFERENCES "public"."ballots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_eligible" ADD CONSTRAINT "ballot_eligible_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_participation" ADD CONSTRAINT "ballot_participation_eligible_fk" FOREIGN KEY ("ballot_id","user_id") REFERENCES "public"."ballot_eligible"("ballot_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_recusals" ADD CONSTRAINT "ballot_recusals_eligible_fk" FOREIGN KEY ("ballot_id","user_id") REFERENCES "public"."ballot_eligible"("ballot_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_secret_choices" ADD CONSTRAINT "ballot_secret_choices_ballot_id_ballots_id_fk" FOREIGN KEY ("ballot_id") REFERENCES "public"."ballots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_votes" ADD CONSTRAINT "ballot_votes_eligible_fk" FOREIGN KEY ("ballot_id","user_id") REFERENCES "public"."ballot_eligible"("ballot_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_opened_by_id_users_id_fk" FOREIGN KEY ("opened_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "analyses_status_idx" ON "analyses" USING btree ("status","updated_at");--> statement-breakpoint
CREATE INDEX "analyses_created_idx" ON "analyses" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "analysis_progress_analysis_idx" ON "analysis_progress" USING btree ("analysis_id","created_at");--> statement-breakpoint
CREATE INDEX "ballot_secret_choices_ballot_idx" ON "ballot_secret_choices" USING btree ("ballot_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ballots_subject_unique" ON "ballots" USING btree ("subject_type","subject_id");--> statement-breakpoint
CREATE INDEX "ballots_status_closes_idx" ON "ballots" USING btree ("status","closes_at");