-- Full-text search (issue 4): English and Spanish vectors kept by PostgreSQL itself, with GIN indexes.
ALTER TABLE briefs ADD COLUMN search_en tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') ||
  setweight(to_tsvector('english'::regconfig, coalesce(summary, '')), 'B') ||
  setweight(to_tsvector('english'::regconfig, coalesce(body_text, '')), 'C')) STORED;
--> statement-breakpoint
ALTER TABLE briefs ADD COLUMN search_es tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('spanish'::regconfig, coalesce(title, '')), 'A') ||
  setweight(to_tsvector('spanish'::regconfig, coalesce(summary, '')), 'B') ||
  setweight(to_tsvector('spanish'::regconfig, coalesce(body_text, '')), 'C')) STORED;
--> statement-breakpoint
CREATE INDEX briefs_search_en_idx ON briefs USING gin (search_en);
--> statement-breakpoint
CREATE INDEX briefs_search_es_idx ON briefs USING gin (search_es);
--> statement-breakpoint
ALTER TABLE consultations ADD COLUMN search_en tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') ||
  setweight(to_tsvector('english'::regconfig, coalesce(notice_text, '') || ' ' || coalesce(summary_text, '')), 'C')) STORED;
--> statement-breakpoint
ALTER TABLE consultations ADD COLUMN search_es tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('spanish'::regconfig, coalesce(title, '')), 'A') ||
  setweight(to_tsvector('spanish'::regconfig, coalesce(notice_text, '') || ' ' || coalesce(summary_text, '')), 'C')) STORED;
--> statement-breakpoint
CREATE INDEX consultations_search_en_idx ON consultations USING gin (search_en);
--> statement-breakpoint
CREATE INDEX consultations_search_es_idx ON consultations USING gin (search_es);
--> statement-breakpoint
ALTER TABLE comments ADD COLUMN search_en tsvector GENERATED ALWAYS AS (to_tsvector('english'::regconfig, coalesce(body_text, ''))) STORED;
--> statement-breakpoint
ALTER TABLE comments ADD COLUMN search_es tsvector GENERATED ALWAYS AS (to_tsvector('spanish'::regconfig, coalesce(body_text, ''))) STORED;
--> statement-breakpoint
CREATE INDEX comments_search_en_idx ON comments USING gin (search_en) WHERE status = 'visible';
--> statement-breakpoint
CREATE INDEX comments_search_es_idx ON comments USING gin (search_es) WHERE status = 'visible';
