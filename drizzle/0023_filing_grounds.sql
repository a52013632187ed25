ALTER TABLE "metric_cases" ADD COLUMN "filing_grounds" text;--> statement-breakpoint
ALTER TABLE "metric_import_rows" ADD COLUMN "filing_grounds" text;