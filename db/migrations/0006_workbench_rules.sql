CREATE TABLE `canned_replies` (
	`id` text PRIMARY KEY NOT NULL,
	`category` text,
	`title` text NOT NULL,
	`text` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `canned_replies_category` ON `canned_replies` (`category`);--> statement-breakpoint
CREATE TABLE `contributions` (
	`id` text PRIMARY KEY NOT NULL,
	`ticket_id` text NOT NULL,
	`department_code` text NOT NULL,
	`author_id` text,
	`text` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `contributions_ticket` ON `contributions` (`ticket_id`);--> statement-breakpoint
CREATE TABLE `supervisions` (
	`id` text PRIMARY KEY NOT NULL,
	`ticket_id` text NOT NULL,
	`department_code` text,
	`opened_at` integer NOT NULL,
	`deadline_at` integer NOT NULL,
	`told` text NOT NULL,
	`closed_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `supervisions_ticket_deadline` ON `supervisions` (`ticket_id`,`deadline_at`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_ratings` (
	`ticket_id` text NOT NULL,
	`round` integer DEFAULT 0 NOT NULL,
	`resolved` integer NOT NULL,
	`satisfaction` text NOT NULL,
	`comment` text,
	`source` text DEFAULT 'resident' NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`ticket_id`, `round`)
);
--> statement-breakpoint
INSERT INTO `__new_ratings`("ticket_id", "round", "resolved", "satisfaction", "comment", "source", "at")
  SELECT "ticket_id", 0, "resolved", "satisfaction", "comment", 'resident', "at" FROM `ratings`;--> statement-breakpoint
DROP TABLE `ratings`;--> statement-breakpoint
ALTER TABLE `__new_ratings` RENAME TO `ratings`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
ALTER TABLE `tickets` ADD `light` text;--> statement-breakpoint
ALTER TABLE `tickets` ADD `yellow_at` integer;--> statement-breakpoint
ALTER TABLE `tickets` ADD `reopen_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `tickets_light_yellow` ON `tickets` (`light`,`yellow_at`);--> statement-breakpoint
CREATE INDEX `tickets_light_red` ON `tickets` (`light`,`deadline_at`);