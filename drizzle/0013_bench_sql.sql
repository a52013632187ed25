-- Rows whose last fact went (found without scanning the table).
CREATE INDEX metric_rollups_empty_idx ON metric_rollups (measure_key) WHERE facts <= 0;
--> statement-breakpoint
-- metric_rollups follows metric_facts: every statement that writes facts adds (or takes away)
-- its rows' counts per measure × month, in total (dimension '') and per single dimension, in
-- the same transaction. Statement-level triggers with transition tables: one pass per statement,
-- however many rows (an import's recompute writes millions).
CREATE OR REPLACE FUNCTION metric_rollups_apply() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    INSERT INTO metric_rollups AS r (measure_key, dimension, value, month, count, facts)
    SELECT o.measure_key, d.dimension, d.value, o.month, -sum(o.count), -count(*)
      FROM old_rows o
      CROSS JOIN LATERAL (VALUES ('', ''), ('offense_category', o.offense_category), ('referring_agency', o.referring_agency), ('race_ethnicity', o.race_ethnicity),
                                 ('sex', o.sex), ('age_band', o.age_band), ('zip', o.zip)) AS d(dimension, value)
     WHERE d.dimension = '' OR d.value <> ''
     GROUP BY 1, 2, 3, 4
    ON CONFLICT (measure_key, dimension, value, month) DO UPDATE SET count = r.count + excluded.count, facts = r.facts + excluded.facts;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO metric_rollups AS r (measure_key, dimension, value, month, count, facts)
    SELECT n.measure_key, d.dimension, d.value, n.month, sum(n.count), count(*)
      FROM new_rows n
      CROSS JOIN LATERAL (VALUES ('', ''), ('offense_category', n.offense_category), ('referring_agency', n.referring_agency), ('race_ethnicity', n.race_ethnicity),
                                 ('sex', n.sex), ('age_band', n.age_band), ('zip', n.zip)) AS d(dimension, value)
     WHERE d.dimension = '' OR d.value <> ''
     GROUP BY 1, 2, 3, 4
    ON CONFLICT (measure_key, dimension, value, month) DO UPDATE SET count = r.count + excluded.count, facts = r.facts + excluded.facts;
  END IF;
  -- A month without facts has no rollup either (the dashboard's periods come from them).
  DELETE FROM metric_rollups WHERE facts <= 0;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER metric_rollups_on_insert AFTER INSERT ON metric_facts REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION metric_rollups_apply();
--> statement-breakpoint
CREATE TRIGGER metric_rollups_on_update AFTER UPDATE ON metric_facts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION metric_rollups_apply();
--> statement-breakpoint
CREATE TRIGGER metric_rollups_on_delete AFTER DELETE ON metric_facts REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION metric_rollups_apply();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION metric_rollups_truncate() RETURNS trigger AS $$
BEGIN
  TRUNCATE metric_rollups;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER metric_rollups_on_truncate AFTER TRUNCATE ON metric_facts
  FOR EACH STATEMENT EXECUTE FUNCTION metric_rollups_truncate();
--> statement-breakpoint
-- Facts already there (a database migrated with data in it).
INSERT INTO metric_rollups (measure_key, dimension, value, month, count, facts)
SELECT f.measure_key, d.dimension, d.value, f.month, sum(f.count), count(*)
  FROM metric_facts f
  CROSS JOIN LATERAL (VALUES ('', ''), ('offense_category', f.offense_category), ('referring_agency', f.referring_agency), ('race_ethnicity', f.race_ethnicity),
                             ('sex', f.sex), ('age_band', f.age_band), ('zip', f.zip)) AS d(dimension, value)
 WHERE d.dimension = '' OR d.value <> ''
 GROUP BY 1, 2, 3, 4
ON CONFLICT DO NOTHING;
