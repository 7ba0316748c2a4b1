CREATE TABLE `ticket_bands` (
	`band` text NOT NULL,
	`ticket_id` text NOT NULL,
	`received_at` integer NOT NULL,
	PRIMARY KEY(`band`, `ticket_id`)
);
--> statement-breakpoint
CREATE INDEX `ticket_bands_received` ON `ticket_bands` (`received_at`);