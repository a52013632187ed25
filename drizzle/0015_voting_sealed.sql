CREATE TABLE "ballot_sealed_choices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ballot_id" uuid NOT NULL,
	"sealed" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ballot_tallies" (
	"ballot_id" uuid PRIMARY KEY NOT NULL,
	"support" integer NOT NULL,
	"oppose" integer NOT NULL,
	"abstain" integer NOT NULL,
	CONSTRAINT "ballot_tallies_counts" CHECK ("ballot_tallies"."support" >= 0 and "ballot_tallies"."oppose" >= 0 and "ballot_tallies"."abstain" >= 0)
);
--> statement-breakpoint
-- Choices of polls cast before sealing existed were stored in the clear: their counts move to
-- ballot_tallies (the close of a still-open poll adds the sealed choices to them) and the
-- clear rows go. A secret analysis ballot was never an official vote: it becomes the analysis's
-- informal poll, so the official (named) vote can still be held.
INSERT INTO "ballot_tallies" ("ballot_id", "support", "oppose", "abstain")
SELECT "ballot_id", count(*) FILTER (WHERE "choice" = 'support'), count(*) FILTER (WHERE "choice" = 'oppose'), count(*) FILTER (WHERE "choice" = 'abstain')
  FROM "ballot_secret_choices" GROUP BY "ballot_id";
--> statement-breakpoint
UPDATE "ballots" SET "subject_type" = 'analysis_poll' WHERE "subject_type" = 'analysis' AND "mode" = 'secret';
--> statement-breakpoint
DROP TABLE "ballot_secret_choices" CASCADE;--> statement-breakpoint
ALTER TABLE "ballot_sealed_choices" ADD CONSTRAINT "ballot_sealed_choices_ballot_id_ballots_id_fk" FOREIGN KEY ("ballot_id") REFERENCES "public"."ballots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_tallies" ADD CONSTRAINT "ballot_tallies_ballot_id_ballots_id_fk" FOREIGN KEY ("ballot_id") REFERENCES "public"."ballots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ballot_sealed_choices_ballot_idx" ON "ballot_sealed_choices" USING btree ("ballot_id");--> statement-breakpoint
-- A sealed choice is written only while its poll is open and never edited (a secret vote cannot be changed).
CREATE TRIGGER ballot_sealed_choices_open BEFORE INSERT ON ballot_sealed_choices
  FOR EACH ROW EXECUTE FUNCTION ballot_must_be_open();
--> statement-breakpoint
CREATE TRIGGER ballot_sealed_choices_no_update BEFORE UPDATE ON ballot_sealed_choices
  FOR EACH ROW EXECUTE FUNCTION ballot_secret_choice_immutable();
--> statement-breakpoint
-- The counts of a poll appear only once it is closed: no live tally can be stored.
CREATE OR REPLACE FUNCTION ballot_tally_after_close() RETURNS trigger AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM ballots WHERE id = NEW.ballot_id AND status = 'closed') THEN
    RAISE EXCEPTION 'ballot % is still open: no tally before the close', NEW.ballot_id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER ballot_tallies_after_close BEFORE INSERT OR UPDATE ON ballot_tallies
  FOR EACH ROW EXECUTE FUNCTION ballot_tally_after_close();
