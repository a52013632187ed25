CREATE TABLE "metric_publication" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"token" uuid NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL
);
