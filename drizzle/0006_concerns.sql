CREATE TYPE "public"."concern_source" AS ENUM('web', 'open311', 'seed');--> statement-breakpoint
CREATE TYPE "public"."concern_status" AS ENUM('received', 'under_review', 'documented', 'not_documented', 'duplicate', 'referred', 'responded', 'closed');--> statement-breakpoint
CREATE TYPE "public"."citation_decision" AS ENUM('filed', 'declined');--> statement-breakpoint
CREATE TYPE "public"."policy_kind" AS ENUM('documented_concern', 'connection_to_violence');--> statement-breakpoint
CREATE SEQUENCE "public"."concern_citation_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "concern_corroborations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"concern_id" uuid NOT NULL,
	"merged_concern_id" uuid,
	"tracking_code" text,
	"description" text,
	"observed_at" timestamp with time zone,
	"reporter_name" text,
	"reporter_email" text,
	"reporter_phone" text,
	"consent_to_contact" boolean DEFAULT false NOT NULL,
	"reporter_locale" text DEFAULT 'en' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "concern_corroborations_tracking_code_unique" UNIQUE("tracking_code")
);
--> statement-breakpoint
CREATE TABLE "concern_kinds" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "concern_kinds_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"name_en" text NOT NULL,
	"name_es" text NOT NULL,
	"description_en" text DEFAULT '' NOT NULL,
	"description_es" text DEFAULT '' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "concern_kinds_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "concern_status_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"concern_id" uuid NOT NULL,
	"status" "concern_status" NOT NULL,
	"public_note" text,
	"internal_note" text,
	"actor_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "concerns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" integer GENERATED ALWAYS AS IDENTITY (sequence name "concerns_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1001 CACHE 1),
	"tracking_code" text NOT NULL,
	"kind_id" integer NOT NULL,
	"description" text NOT NULL,
	"observed_at" timestamp with time zone NOT NULL,
	"address" text NOT NULL,
	"latitude" double precision,
	"longitude" double precision,
	"reporter_name" text,
	"reporter_email" text,
	"reporter_phone" text,
	"consent_to_contact" boolean DEFAULT false NOT NULL,
	"reporter_locale" text DEFAULT 'en' NOT NULL,
	"zip" text NOT NULL,
	"public_block" text,
	"block_key" text,
	"district" text,
	"status" "concern_status" DEFAULT 'received' NOT NULL,
	"hidden" boolean DEFAULT false NOT NULL,
	"hidden_reason" text,
	"duplicate_of_id" uuid,
	"source" "concern_source" DEFAULT 'web' NOT NULL,
	"api_key_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "concerns_number_unique" UNIQUE("number"),
	CONSTRAINT "concerns_tracking_code_unique" UNIQUE("tracking_code")
);
--> statement-breakpoint
CREATE TABLE "open311_api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"key_hash" text NOT NULL,
	"key_prefix" text NOT NULL,
	"created_by_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "open311_api_keys_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE TABLE "zip_areas" (
	"zip" text PRIMARY KEY NOT NULL,
	"district" text NOT NULL,
	"population" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "citation_concerns" (
	"citation_id" uuid NOT NULL,
	"documentation_id" uuid NOT NULL,
	CONSTRAINT "citation_concerns_citation_id_documentation_id_pk" PRIMARY KEY("citation_id","documentation_id")
);
--> statement-breakpoint
CREATE TABLE "citations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_ref" text NOT NULL,
	"decision" "citation_decision" NOT NULL,
	"policy_version_id" uuid NOT NULL,
	"offense_category" text DEFAULT 'drug' NOT NULL,
	"decided_on" date NOT NULL,
	"note" text,
	"recorded_by_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "concern_documentations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"concern_id" uuid NOT NULL,
	"policy_version_id" uuid NOT NULL,
	"checklist_answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"citation_number" text NOT NULL,
	"documented_by_id" text,
	"documented_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "concern_documentations_concern_id_unique" UNIQUE("concern_id"),
	CONSTRAINT "concern_documentations_citation_number_unique" UNIQUE("citation_number")
);
--> statement-breakpoint
CREATE TABLE "policy_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "policy_kind" NOT NULL,
	"version" integer NOT NULL,
	"name" text NOT NULL,
	"text" text NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"checklist" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "concern_corroborations" ADD CONSTRAINT "concern_corroborations_concern_id_concerns_id_fk" FOREIGN KEY ("concern_id") REFERENCES "public"."concerns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concern_corroborations" ADD CONSTRAINT "concern_corroborations_merged_concern_id_concerns_id_fk" FOREIGN KEY ("merged_concern_id") REFERENCES "public"."concerns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concern_status_history" ADD CONSTRAINT "concern_status_history_concern_id_concerns_id_fk" FOREIGN KEY ("concern_id") REFERENCES "public"."concerns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concern_status_history" ADD CONSTRAINT "concern_status_history_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concerns" ADD CONSTRAINT "concerns_kind_id_concern_kinds_id_fk" FOREIGN KEY ("kind_id") REFERENCES "public"."concern_kinds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concerns" ADD CONSTRAINT "concerns_duplicate_of_id_concerns_id_fk" FOREIGN KEY ("duplicate_of_id") REFERENCES "public"."concerns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concerns" ADD CONSTRAINT "concerns_api_key_id_open311_api_keys_id_fk" FOREIGN KEY ("api_key_id") REFERENCES "public"."open311_api_keys"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open311_api_keys" ADD CONSTRAINT "open311_api_keys_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citation_concerns" ADD CONSTRAINT "citation_concerns_citation_id_citations_id_fk" FOREIGN KEY ("citation_id") REFERENCES "public"."citations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citation_concerns" ADD CONSTRAINT "citation_concerns_documentation_id_concern_documentations_id_fk" FOREIGN KEY ("documentation_id") REFERENCES "public"."concern_documentations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citations" ADD CONSTRAINT "citations_policy_version_id_policy_versions_id_fk" FOREIGN KEY ("policy_version_id") REFERENCES "public"."policy_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citations" ADD CONSTRAINT "citations_recorded_by_id_users_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concern_documentations" ADD CONSTRAINT "concern_documentations_concern_id_concerns_id_fk" FOREIGN KEY ("concern_id") REFERENCES "public"."concerns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concern_documentations" ADD CONSTRAINT "concern_documentations_policy_version_id_policy_versions_id_fk" FOREIGN KEY ("policy_version_id") REFERENCES "public"."policy_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concern_documentations" ADD CONSTRAINT "concern_documentations_documented_by_id_users_id_fk" FOREIGN KEY ("documented_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_versions" ADD CONSTRAINT "policy_versions_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "concern_corroborations_concern_idx" ON "concern_corroborations" USING btree ("concern_id");--> statement-breakpoint
CREATE UNIQUE INDEX "concern_corroborations_merged_unique" ON "concern_corroborations" USING btree ("merged_concern_id");--> statement-breakpoint
CREATE INDEX "concern_status_history_concern_idx" ON "concern_status_history" USING btree ("concern_id","created_at");--> statement-breakpoint
CREATE INDEX "concerns_status_idx" ON "concerns" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "concerns_block_idx" ON "concerns" USING btree ("kind_id","zip","block_key");--> statement-breakpoint
CREATE INDEX "concerns_observed_idx" ON "concerns" USING btree ("observed_at");--> statement-breakpoint
CREATE INDEX "open311_api_keys_active_idx" ON "open311_api_keys" USING btree ("key_hash") WHERE "open311_api_keys"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "citations_decided_idx" ON "citations" USING btree ("decided_on");--> statement-breakpoint
CREATE UNIQUE INDEX "policy_versions_kind_version_unique" ON "policy_versions" USING btree ("kind","version");--> statement-breakpoint
CREATE INDEX "policy_versions_dates_idx" ON "policy_versions" USING btree ("kind","effective_from");