-- Meetings: the rules about minutes that must hold even for a direct SQL write.

-- 1. Minutes revisions are append-only: text changes are new rows, never edits.
CREATE OR REPLACE FUNCTION minutes_revisions_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'minutes revisions are append-only: add a new revision (an amendment with a reason once approved)'
    USING ERRCODE = 'check_violation';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER minutes_revisions_append_only BEFORE UPDATE OR DELETE ON minutes_revisions
  FOR EACH ROW EXECUTE FUNCTION minutes_revisions_refuse_change();
--> statement-breakpoint
CREATE TRIGGER minutes_revisions_no_truncate BEFORE TRUNCATE ON minutes_revisions
  FOR EACH STATEMENT EXECUTE FUNCTION minutes_revisions_refuse_change();
--> statement-breakpoint

-- 2. Once minutes are approved, the only new revision allowed is an amendment (its reason is a CHECK).
CREATE OR REPLACE FUNCTION minutes_revisions_check_insert() RETURNS trigger AS $$
DECLARE
  parent_status minutes_status;
BEGIN
  SELECT status INTO parent_status FROM minutes WHERE id = NEW.minutes_id;
  IF parent_status = 'approved' AND NEW.kind <> 'amendment' THEN
    RAISE EXCEPTION 'approved minutes change only through an amendment with a reason' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER minutes_revisions_insert_rules BEFORE INSERT ON minutes_revisions
  FOR EACH ROW EXECUTE FUNCTION minutes_revisions_check_insert();
--> statement-breakpoint

-- 3. Approval records are history: never changed or removed.
CREATE OR REPLACE FUNCTION minutes_approvals_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'minutes approvals are append-only' USING ERRCODE = 'check_violation';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER minutes_approvals_append_only BEFORE UPDATE OR DELETE ON minutes_approvals
  FOR EACH ROW EXECUTE FUNCTION minutes_approvals_refuse_change();
--> statement-breakpoint

-- 4. Minutes are published (approved) only on an approval of THIS text that met quorum and passed;
--    afterwards they stay approved and their text moves only to amendment revisions.
CREATE OR REPLACE FUNCTION minutes_check_publication() RETURNS trigger AS $$
DECLARE
  a minutes_approvals%ROWTYPE;
  rev minutes_revisions%ROWTYPE;
BEGIN
  IF NEW.current_revision_id IS NOT NULL THEN
    SELECT * INTO rev FROM minutes_revisions WHERE id = NEW.current_revision_id;
    IF rev.minutes_id IS DISTINCT FROM NEW.id THEN
      RAISE EXCEPTION 'the current revision belongs to other minutes' USING ERRCODE = 'check_violation';
    END IF;
  END IF;

  IF TG_OP = 'UPDATE' AND OLD.status = 'approved' THEN
    IF NEW.status <> 'approved' OR NEW.approval_id IS DISTINCT FROM OLD.approval_id THEN
      RAISE EXCEPTION 'approved minutes stay approved on their approval' USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.current_revision_id IS DISTINCT FROM OLD.current_revision_id AND rev.kind IS DISTINCT FROM 'amendment' THEN
      RAISE EXCEPTION 'approved minutes change only through an amendment with a reason' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END IF;

  IF NEW.status = 'approved' THEN
    SELECT * INTO a FROM minutes_approvals WHERE id = NEW.approval_id;
    IF a.id IS NULL OR a.minutes_id <> NEW.id THEN
      RAISE EXCEPTION 'minutes cannot be published without an approval of these minutes' USING ERRCODE = 'check_violation';
    END IF;
    IF NOT (a.quorum_met AND a.passed) THEN
      RAISE EXCEPTION 'minutes cannot be published: the approval vote did not meet quorum or did not pass' USING ERRCODE = 'check_violation';
    END IF;
    IF a.revision_id IS DISTINCT FROM NEW.current_revision_id THEN
      RAISE EXCEPTION 'minutes cannot be published: the approved revision is not the current text' USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER minutes_publication_rules BEFORE INSERT OR UPDATE ON minutes
  FOR EACH ROW EXECUTE FUNCTION minutes_check_publication();
--> statement-breakpoint

-- 5. Decisions are part of the minutes' text: frozen once the minutes are approved.
CREATE OR REPLACE FUNCTION minutes_decisions_frozen() RETURNS trigger AS $$
DECLARE
  parent_status minutes_status;
BEGIN
  SELECT status INTO parent_status FROM minutes WHERE id = COALESCE(NEW.minutes_id, OLD.minutes_id);
  IF parent_status = 'approved' THEN
    RAISE EXCEPTION 'decisions of approved minutes cannot change' USING ERRCODE = 'check_violation';
  END IF;
  RETURN COALESCE(NEW, OLD);
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER minutes_decisions_frozen BEFORE INSERT OR UPDATE OR DELETE ON minutes_decisions
  FOR EACH ROW EXECUTE FUNCTION minutes_decisions_frozen();

