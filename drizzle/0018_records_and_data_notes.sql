CREATE TABLE "metric_data_notes" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"limitations_en" text DEFAULT '' NOT NULL,
	"limitations_es" text DEFAULT '' NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "metric_measure_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"measure_key" text NOT NULL,
	"name_en" text NOT NULL,
	"name_es" text NOT NULL,
	"definition_en" text NOT NULL,
	"definition_es" text NOT NULL,
	"definition_hash" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "records_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" serial NOT NULL,
	"requester_name" text NOT NULL,
	"requester_contact" text NOT NULL,
	"description" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"due_on" date NOT NULL,
	"answered_at" timestamp with time zone,
	"answered_by_id" text,
	"answer_note" text,
	"created_by_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "records_requests_number_unique" UNIQUE("number")
);
--> statement-breakpoint
ALTER TABLE "metric_data_notes" ADD CONSTRAINT "metric_data_notes_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metric_measure_versions" ADD CONSTRAINT "metric_measure_versions_measure_key_metric_measures_key_fk" FOREIGN KEY ("measure_key") REFERENCES "public"."metric_measures"("key") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "records_requests" ADD CONSTRAINT "records_requests_answered_by_id_users_id_fk" FOREIGN KEY ("answered_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "records_requests" ADD CONSTRAINT "records_requests_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "metric_measure_versions_measure_idx" ON "metric_measure_versions" USING btree ("measure_key","recorded_at");--> statement-breakpoint
CREATE INDEX "records_requests_received_idx" ON "records_requests" USING btree ("received_at");