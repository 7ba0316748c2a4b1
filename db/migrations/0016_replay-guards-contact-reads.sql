CREATE TABLE `contact_reads` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`username` text NOT NULL,
	`ticket_no` text NOT NULL,
	`what` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `contact_reads_ticket` ON `contact_reads` (`ticket_no`,`at`);--> statement-breakpoint
CREATE INDEX `contact_reads_at` ON `contact_reads` (`at`);--> statement-breakpoint
CREATE TABLE `replay_guards` (
	`scope` text NOT NULL,
	`value` text NOT NULL,
	`expires_at` integer NOT NULL,
	PRIMARY KEY(`scope`, `value`)
);
--> statement-breakpoint
CREATE INDEX `replay_guards_expires` ON `replay_guards` (`expires_at`);--> statement-breakpoint
-- Who read a resident's contact details is evidence, like the ticket history: no update, no delete.
CREATE TRIGGER contact_reads_no_update BEFORE UPDATE ON contact_reads
BEGIN
  SELECT RAISE(ABORT, 'contact_reads is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER contact_reads_no_delete BEFORE DELETE ON contact_reads
BEGIN
  SELECT RAISE(ABORT, 'contact_reads is append-only');
END;
--> statement-breakpoint
-- INSERT OR REPLACE deletes the row it collides with without running a DELETE trigger, so the
-- evidence tables also refuse an insert whose key is taken. The message keeps SQLite's own words,
-- "UNIQUE constraint failed", which is how the lifecycle tells a lost race (409) from a fault.
CREATE TRIGGER ticket_events_no_replace BEFORE INSERT ON ticket_events
WHEN EXISTS (SELECT 1 FROM ticket_events WHERE id = NEW.id)
  OR EXISTS (SELECT 1 FROM ticket_events WHERE ticket_id = NEW.ticket_id AND seq = NEW.seq)
BEGIN
  SELECT RAISE(ABORT, 'UNIQUE constraint failed: ticket_events is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER publication_history_no_replace BEFORE INSERT ON publication_history
WHEN EXISTS (SELECT 1 FROM publication_history WHERE id = NEW.id)
  OR EXISTS (SELECT 1 FROM publication_history WHERE publication_id = NEW.publication_id AND seq = NEW.seq)
BEGIN
  SELECT RAISE(ABORT, 'UNIQUE constraint failed: publication_history is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER contact_reads_no_replace BEFORE INSERT ON contact_reads
WHEN EXISTS (SELECT 1 FROM contact_reads WHERE id = NEW.id)
BEGIN
  SELECT RAISE(ABORT, 'UNIQUE constraint failed: contact_reads is append-only');
END;
