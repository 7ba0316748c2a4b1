-- drizzle-kit output, with WITHOUT ROWID added by hand to the rollups: their rows are read in
-- primary-key ranges, which a table clustered on its key answers without a second lookup.
CREATE TABLE `stats_daily` (
	`day` integer NOT NULL,
	`department_code` text NOT NULL,
	`received` integer DEFAULT 0 NOT NULL,
	`dispatched` integer DEFAULT 0 NOT NULL,
	`response_known` integer DEFAULT 0 NOT NULL,
	`responded` integer DEFAULT 0 NOT NULL,
	`signed` integer DEFAULT 0 NOT NULL,
	`sign_timed` integer DEFAULT 0 NOT NULL,
	`sign_minutes` integer DEFAULT 0 NOT NULL,
	`replied` integer DEFAULT 0 NOT NULL,
	`replied_on_time` integer DEFAULT 0 NOT NULL,
	`reply_timed` integer DEFAULT 0 NOT NULL,
	`reply_minutes` integer DEFAULT 0 NOT NULL,
	`closed` integer DEFAULT 0 NOT NULL,
	`overdue` integer DEFAULT 0 NOT NULL,
	`overdue_open` integer DEFAULT 0 NOT NULL,
	`rated` integer DEFAULT 0 NOT NULL,
	`resolved` integer DEFAULT 0 NOT NULL,
	`satisfied` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `department_code`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `stats_lights` (
	`department_code` text NOT NULL,
	`light` text NOT NULL,
	`tickets` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`department_code`, `light`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `stats_volume` (
	`dimension` text NOT NULL,
	`day` integer NOT NULL,
	`department_code` text NOT NULL,
	`key` text NOT NULL,
	`received` integer DEFAULT 0 NOT NULL,
	`replied` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`dimension`, `day`, `department_code`, `key`)
) WITHOUT ROWID;
--> statement-breakpoint
ALTER TABLE `ratings` ADD `department_code` text;--> statement-breakpoint
ALTER TABLE `tickets` ADD `district_code` text;--> statement-breakpoint
ALTER TABLE `tickets` ADD `sign_minutes` integer;--> statement-breakpoint
ALTER TABLE `tickets` ADD `signed_in_time` integer;--> statement-breakpoint
ALTER TABLE `tickets` ADD `reply_minutes` integer;