CREATE TABLE `public_cache` (
	`id` integer PRIMARY KEY NOT NULL,
	`generation` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `publication_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`publication_id` integer NOT NULL,
	`ticket_id` text NOT NULL,
	`at` integer NOT NULL,
	`actor_id` text,
	`action` text NOT NULL,
	`reason` text,
	`data` text
);
--> statement-breakpoint
CREATE INDEX `publication_history_publication` ON `publication_history` (`publication_id`,`at`);--> statement-breakpoint
CREATE TABLE `publications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ticket_id` text NOT NULL,
	`ticket_no` text NOT NULL,
	`status` text NOT NULL,
	`source` text DEFAULT 'live' NOT NULL,
	`reply_id` text,
	`type` text NOT NULL,
	`category` text,
	`department_code` text,
	`district_code` text,
	`title` text NOT NULL,
	`question` text NOT NULL,
	`reply` text NOT NULL,
	`address` text,
	`masks` text DEFAULT '[]' NOT NULL,
	`edits` text DEFAULT '{"remove":[],"add":[]}' NOT NULL,
	`fit_for_publication` integer DEFAULT false NOT NULL,
	`received_at` integer NOT NULL,
	`replied_at` integer NOT NULL,
	`working_days` real,
	`satisfaction` text,
	`resolved` integer,
	`reviewed_by` text,
	`reviewed_at` integer,
	`published_at` integer,
	`reason` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `publications_ticket_id_unique` ON `publications` (`ticket_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `publications_ticket_no_unique` ON `publications` (`ticket_no`);--> statement-breakpoint
CREATE INDEX `publications_list` ON `publications` (`status`,`replied_at`,`id`);--> statement-breakpoint
CREATE INDEX `publications_department` ON `publications` (`department_code`,`status`,`replied_at`);--> statement-breakpoint
CREATE TABLE `service_numbers` (
	`number` text PRIMARY KEY NOT NULL,
	`label` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `replies` ADD `disclosure` text;