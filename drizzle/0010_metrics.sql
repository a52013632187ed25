CREATE TYPE "public"."metric_case_stage" AS ENUM('referred', 'filed', 'declined', 'diverted', 'disposed', 'sentenced');--> statement-breakpoint
CREATE TYPE "public"."metric_direction" AS ENUM('up', 'down', 'neutral');--> statement-breakpoint
CREATE TYPE "public"."metric_measure_kind" AS ENUM('case', 'program', 'context');--> statement-breakpoint
CREATE TYPE "public"."metric_unit" AS ENUM('count', 'percent');--> statement-breakpoint
CREATE TYPE "public"."metric_import_status" AS ENUM('validating', 'invalid', 'ready', 'queued', 'importing', 'completed', 'failed', 'discarded');--> statement-breakpoint
CREATE TABLE "metric_cases" (
	"case_id" text NOT NULL,
	"participant_id" text NOT NULL,
	"received_date" date NOT NULL,
	"offense_category" text NOT NULL,
	"drug_level" text,
	"race_ethnicity" text NOT NULL,
	"sex" text NOT NULL,
	"age_band" text NOT NULL,
	"referring_agency" text NOT NULL,
	"zip" text NOT NULL,
	"filed_date" date,
	"declined_date" date,
	"decline_reason" text,
	"diverted_date" date,
	"disposed_date" date,
	"sentenced_date" date,
	"disposition" text,
	"firearm_recovered" boolean DEFAULT false NOT NULL,
	"import_id" uuid,
	CONSTRAINT "metric_cases_case_id_participant_id_pk" PRIMARY KEY("case_id","participant_id")
);
--> statement-breakpoint
CREATE TABLE "metric_facts" (
	"measure_key" text NOT NULL,
	"month" date NOT NULL,
	"offense_category" text DEFAULT '' NOT NULL,
	"referring_agency" text DEFAULT '' NOT NULL,
	"race_ethnicity" text DEFAULT '' NOT NULL,
	"sex" text DEFAULT '' NOT NULL,
	"age_band" text DEFAULT '' NOT NULL,
	"zip" text DEFAULT '' NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "metric_facts_measure_key_month_offense_category_referring_agency_race_ethnicity_sex_age_band_zip_pk" PRIMARY KEY("measure_key","month","offense_category","referring_agency","race_ethnicity","sex","age_band","zip")
);
--> statement-breakpoint
CREATE TABLE "metric_import_rows" (
	"import_id" uuid NOT NULL,
	"row_number" integer NOT NULL,
	"case_id" text NOT NULL,
	"participant_id" text NOT NULL,
	"received_date" date NOT NULL,
	"offense_category" text NOT NULL,
	"drug_level" text,
	"race_ethnicity" text NOT NULL,
	"sex" text NOT NULL,
	"age_band" text NOT NULL,
	"referring_agency" text NOT NULL,
	"zip" text NOT NULL,
	"filed_date" date,
	"declined_date" date,
	"decline_reason" text,
	"diverted_date" date,
	"disposed_date" date,
	"sentenced_date" date,
	"disposition" text,
	"firearm_recovered" boolean DEFAULT false NOT NULL,
	CONSTRAINT "metric_import_rows_import_id_row_number_pk" PRIMARY KEY("import_id","row_number")
);
--> statement-breakpoint
CREATE TABLE "metric_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"uploaded_by" text,
	"imported_by" text,
	"file_name" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"status" "metric_import_status" NOT NULL,
	"total_rows" integer DEFAULT 0 NOT NULL,
	"processed_rows" integer DEFAULT 0 NOT NULL,
	"error_count" integer DEFAULT 0 NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"summary" jsonb DEFAULT '{"before":0,"after":0,"months":[]}'::jsonb NOT NULL,
	"failure_message" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "metric_measures" (
	"key" text PRIMARY KEY NOT NULL,
	"kind" "metric_measure_kind" DEFAULT 'case' NOT NULL,
	"name_en" text NOT NULL,
	"name_es" text NOT NULL,
	"definition_en" text NOT NULL,
	"definition_es" text NOT NULL,
	"numerator_en" text NOT NULL,
	"numerator_es" text NOT NULL,
	"denominator_key" text,
	"denominator_en" text,
	"denominator_es" text,
	"unit" "metric_unit" DEFAULT 'count' NOT NULL,
	"stage" "metric_case_stage",
	"direction" "metric_direction" DEFAULT 'neutral' NOT NULL,
	"monthly_target" integer,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "metric_snapshots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"measure_key" text NOT NULL,
	"value" numeric,
	"numerator" integer,
	"denominator" integer,
	"unit" "metric_unit" NOT NULL,
	"name_en" text NOT NULL,
	"name_es" text NOT NULL,
	"definition_en" text NOT NULL,
	"definition_es" text NOT NULL,
	"definition_hash" text NOT NULL,
	"filters" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"as_of" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text
);
--> statement-breakpoint
ALTER TABLE "metric_cases" ADD CONSTRAINT "metric_cases_import_id_metric_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."metric_imports"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metric_facts" ADD CONSTRAINT "metric_facts_measure_key_metric_measures_key_fk" FOREIGN KEY ("measure_key") REFERENCES "public"."metric_measures"("key") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metric_import_rows" ADD CONSTRAINT "metric_import_rows_import_id_metric_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."metric_imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metric_imports" ADD CONSTRAINT "metric_imports_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metric_imports" ADD CONSTRAINT "metric_imports_imported_by_users_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metric_snapshots" ADD CONSTRAINT "metric_snapshots_measure_key_metric_measures_key_fk" FOREIGN KEY ("measure_key") REFERENCES "public"."metric_measures"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metric_snapshots" ADD CONSTRAINT "metric_snapshots_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "metric_cases_received_idx" ON "metric_cases" USING btree ("received_date");--> statement-breakpoint
CREATE INDEX "metric_facts_month_idx" ON "metric_facts" USING btree ("month");--> statement-breakpoint
CREATE INDEX "metric_imports_created_idx" ON "metric_imports" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "metric_snapshots_measure_idx" ON "metric_snapshots" USING btree ("measure_key");