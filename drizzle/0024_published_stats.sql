CREATE TABLE "metric_published_stats" (
	"stat_key" text NOT NULL,
	"period" text NOT NULL,
	"dimension" text DEFAULT '' NOT NULL,
	"value" text DEFAULT '' NOT NULL,
	"state" text NOT NULL,
	"p25" integer,
	"p50" integer,
	"p75" integer,
	"p90" integer,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "metric_published_stats_stat_key_period_dimension_value_pk" PRIMARY KEY("stat_key","period","dimension","value")
);
--> statement-breakpoint
ALTER TABLE "metric_measures" ADD COLUMN "yearly_target" integer;