CREATE TYPE "public"."response_concern_via" AS ENUM('direct', 'cluster');--> statement-breakpoint
CREATE TYPE "public"."response_ref_type" AS ENUM('analysis', 'comment');--> statement-breakpoint
CREATE TYPE "public"."response_status" AS ENUM('draft', 'published');--> statement-breakpoint
CREATE TABLE "concern_follows" (
	"concern_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "response_concerns" (
	"response_id" uuid NOT NULL,
	"concern_id" uuid NOT NULL,
	"via" "response_concern_via" DEFAULT 'direct' NOT NULL,
	"notified_at" timestamp with time zone,
	CONSTRAINT "response_concerns_response_id_concern_id_pk" PRIMARY KEY("response_id","concern_id")
);
--> statement-breakpoint
CREATE TABLE "response_snapshots" (
	"response_id" uuid NOT NULL,
	"snapshot_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "response_snapshots_response_id_snapshot_id_pk" PRIMARY KEY("response_id","snapshot_id")
);
--> statement-breakpoint
CREATE TABLE "responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"body_json" jsonb NOT NULL,
	"body_html" text NOT NULL,
	"body_text" text NOT NULL,
	"policy_version_id" uuid,
	"criterion_statement" text DEFAULT '' NOT NULL,
	"cluster_zip" text,
	"cluster_kind_id" integer,
	"ref_type" "response_ref_type",
	"ref_id" text,
	"ref_url" text,
	"status" "response_status" DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	"author_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "concern_follows" ADD CONSTRAINT "concern_follows_concern_id_concerns_id_fk" FOREIGN KEY ("concern_id") REFERENCES "public"."concerns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concern_follows" ADD CONSTRAINT "concern_follows_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "response_concerns" ADD CONSTRAINT "response_concerns_response_id_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."responses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "response_concerns" ADD CONSTRAINT "response_concerns_concern_id_concerns_id_fk" FOREIGN KEY ("concern_id") REFERENCES "public"."concerns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "response_snapshots" ADD CONSTRAINT "response_snapshots_response_id_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."responses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "response_snapshots" ADD CONSTRAINT "response_snapshots_snapshot_id_metric_snapshots_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "public"."metric_snapshots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responses" ADD CONSTRAINT "responses_policy_version_id_policy_versions_id_fk" FOREIGN KEY ("policy_version_id") REFERENCES "public"."policy_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responses" ADD CONSTRAINT "responses_cluster_kind_id_concern_kinds_id_fk" FOREIGN KEY ("cluster_kind_id") REFERENCES "public"."concern_kinds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responses" ADD CONSTRAINT "responses_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "concern_follows_unique" ON "concern_follows" USING btree ("concern_id","user_id");--> statement-breakpoint
CREATE INDEX "concern_follows_user_idx" ON "concern_follows" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "response_concerns_concern_idx" ON "response_concerns" USING btree ("concern_id");--> statement-breakpoint
CREATE UNIQUE INDEX "responses_slug_unique" ON "responses" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "responses_status_published_idx" ON "responses" USING btree ("status","published_at");