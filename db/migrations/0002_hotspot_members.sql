CREATE TABLE `hotspot_tickets` (
	`hotspot_id` text NOT NULL,
	`ticket_id` text NOT NULL,
	PRIMARY KEY(`hotspot_id`, `ticket_id`)
);
--> statement-breakpoint
CREATE INDEX `hotspot_tickets_ticket` ON `hotspot_tickets` (`ticket_id`);--> statement-breakpoint
CREATE INDEX `ticket_signature_bands_ticket` ON `ticket_signature_bands` (`ticket_id`);--> statement-breakpoint
ALTER TABLE `tickets` DROP COLUMN `hotspot_id`;