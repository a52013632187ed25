-- Voting engine walls in the database, behind the service's own checks.
-- 1. Nothing is written to a ballot's votes, participation, secret choices or recusals once it is closed.
CREATE OR REPLACE FUNCTION ballot_must_be_open() RETURNS trigger AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM ballots WHERE id = NEW.ballot_id AND status = 'open') THEN
    RAISE EXCEPTION 'ballot % is closed', NEW.ballot_id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER ballot_votes_open BEFORE INSERT OR UPDATE ON ballot_votes
  FOR EACH ROW EXECUTE FUNCTION ballot_must_be_open();
--> statement-breakpoint
CREATE TRIGGER ballot_participation_open BEFORE INSERT OR UPDATE ON ballot_participation
  FOR EACH ROW EXECUTE FUNCTION ballot_must_be_open();
--> statement-breakpoint
CREATE TRIGGER ballot_secret_choices_open BEFORE INSERT ON ballot_secret_choices
  FOR EACH ROW EXECUTE FUNCTION ballot_must_be_open();
--> statement-breakpoint
CREATE TRIGGER ballot_recusals_open BEFORE INSERT OR UPDATE ON ballot_recusals
  FOR EACH ROW EXECUTE FUNCTION ballot_must_be_open();
--> statement-breakpoint
-- 2. A secret choice is never edited in place (a secret vote cannot be changed); rows are only
--    re-sealed (deleted and re-inserted in random order) by the voting service.
CREATE OR REPLACE FUNCTION ballot_secret_choice_immutable() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'secret ballot choices cannot be changed' USING ERRCODE = 'check_violation';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER ballot_secret_choices_no_update BEFORE UPDATE ON ballot_secret_choices
  FOR EACH ROW EXECUTE FUNCTION ballot_secret_choice_immutable();
