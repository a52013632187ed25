CREATE TABLE "metric_rollups" (
	"measure_key" text NOT NULL,
	"dimension" text NOT NULL,
	"value" text NOT NULL,
	"month" date NOT NULL,
	"count" integer NOT NULL,
	"facts" integer NOT NULL,
	CONSTRAINT "metric_rollups_measure_key_dimension_value_month_pk" PRIMARY KEY("measure_key","dimension","value","month")
);
--> statement-breakpoint
CREATE INDEX "metric_rollups_dimension_month_idx" ON "metric_rollups" USING btree ("dimension","month");--> statement-breakpoint
CREATE INDEX "concerns_created_idx" ON "concerns" USING btree ("created_at");