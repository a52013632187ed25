CREATE TYPE "public"."metric_cell_state" AS ENUM('shown', 'primary', 'complementary');--> statement-breakpoint
CREATE TABLE "metric_published_cells" (
	"measure_key" text NOT NULL,
	"grain" text NOT NULL,
	"period" text NOT NULL,
	"dimension" text DEFAULT '' NOT NULL,
	"value" text DEFAULT '' NOT NULL,
	"count" integer,
	"state" "metric_cell_state" NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "metric_published_cells_measure_key_grain_period_dimension_value_pk" PRIMARY KEY("measure_key","grain","period","dimension","value")
);
