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
