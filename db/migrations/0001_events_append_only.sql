-- Custom SQL migration (drizzle-kit --custom): triggers drizzle cannot describe.
-- The ticket history is evidence (who did what, when): the database itself refuses to change it.
CREATE TRIGGER ticket_events_no_update BEFORE UPDATE ON ticket_events
BEGIN
  SELECT RAISE(ABORT, 'ticket_events is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER ticket_events_no_delete BEFORE DELETE ON ticket_events
BEGIN
  SELECT RAISE(ABORT, 'ticket_events is append-only');
END;
