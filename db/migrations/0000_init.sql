CREATE TABLE `calendar_days` (
	`date` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`source` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `channel_tokens` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `contacts` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text,
	`phone` text,
	`email` text,
	`open_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `contacts_phone` ON `contacts` (`phone`);--> statement-breakpoint
CREATE INDEX `contacts_email` ON `contacts` (`email`);--> statement-breakpoint
CREATE INDEX `contacts_open_id` ON `contacts` (`open_id`);--> statement-breakpoint
CREATE TABLE `departments` (
	`code` text PRIMARY KEY NOT NULL,
	`parent_code` text,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`place_code` text,
	`phone` text,
	`email` text,
	`contact_name` text,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE INDEX `departments_parent` ON `departments` (`parent_code`);--> statement-breakpoint
CREATE TABLE `gazetteer_places` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`level` text NOT NULL,
	`parent_code` text,
	`aliases` text DEFAULT '[]' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `gazetteer_parent` ON `gazetteer_places` (`parent_code`);--> statement-breakpoint
CREATE TABLE `hotspot_tickets` (
	`hotspot_id` text NOT NULL,
	`ticket_id` text NOT NULL,
	PRIMARY KEY(`hotspot_id`, `ticket_id`)
);
--> statement-breakpoint
CREATE INDEX `hotspot_tickets_ticket` ON `hotspot_tickets` (`ticket_id`);--> statement-breakpoint
CREATE TABLE `hotspots` (
	`id` text PRIMARY KEY NOT NULL,
	`place_code` text,
	`category` text,
	`title` text NOT NULL,
	`size` integer NOT NULL,
	`first_at` integer NOT NULL,
	`last_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `inbox` (
	`id` text PRIMARY KEY NOT NULL,
	`channel` text NOT NULL,
	`external_id` text NOT NULL,
	`received_at` integer NOT NULL,
	`stored_at` integer NOT NULL,
	`raw` text NOT NULL,
	`status` text DEFAULT 'received' NOT NULL,
	`error` text,
	`ticket_id` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inbox_channel_external` ON `inbox` (`channel`,`external_id`);--> statement-breakpoint
CREATE INDEX `inbox_status` ON `inbox` (`status`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`ticket_id` text,
	`channel` text NOT NULL,
	`recipient` text NOT NULL,
	`kind` text NOT NULL,
	`subject` text,
	`body` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL,
	`sent_at` integer
);
--> statement-breakpoint
CREATE INDEX `outbox_status` ON `outbox` (`channel`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `outbox_ticket` ON `outbox` (`ticket_id`);--> statement-breakpoint
CREATE TABLE `rate_limits` (
	`key` text NOT NULL,
	`window_start` integer NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`key`, `window_start`)
);
--> statement-breakpoint
CREATE TABLE `ratings` (
	`ticket_id` text PRIMARY KEY NOT NULL,
	`resolved` integer NOT NULL,
	`satisfaction` text NOT NULL,
	`comment` text,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `replies` (
	`id` text PRIMARY KEY NOT NULL,
	`ticket_id` text NOT NULL,
	`department_code` text NOT NULL,
	`author_id` text,
	`text` text NOT NULL,
	`status` text DEFAULT 'submitted' NOT NULL,
	`reviewed_by` text,
	`reviewed_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `replies_ticket` ON `replies` (`ticket_id`);--> statement-breakpoint
CREATE TABLE `routing_corrections` (
	`id` text PRIMARY KEY NOT NULL,
	`ticket_id` text NOT NULL,
	`text` text NOT NULL,
	`title` text,
	`predicted_category` text,
	`category` text,
	`from_department_code` text,
	`to_department_code` text NOT NULL,
	`actor_id` text,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `routing_rules` (
	`id` text PRIMARY KEY NOT NULL,
	`pattern` text NOT NULL,
	`action` text NOT NULL,
	`department_code` text,
	`category` text,
	`weight` real DEFAULT 1 NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sla_policies` (
	`type` text NOT NULL,
	`urgency` text NOT NULL,
	`unit` text NOT NULL,
	`amount` integer NOT NULL,
	`max_extension_working_days` integer DEFAULT 0 NOT NULL,
	`max_extensions` integer DEFAULT 1 NOT NULL,
	PRIMARY KEY(`type`, `urgency`)
);
--> statement-breakpoint
CREATE TABLE `staff` (
	`id` text PRIMARY KEY NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`role` text NOT NULL,
	`department_code` text NOT NULL,
	`password_hash` text NOT NULL,
	`phone` text,
	`email` text,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_username_unique` ON `staff` (`username`);--> statement-breakpoint
CREATE TABLE `ticket_counters` (
	`day` text PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `ticket_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ticket_id` text NOT NULL,
	`seq` integer NOT NULL,
	`at` integer NOT NULL,
	`actor_id` text,
	`actor_role` text NOT NULL,
	`action` text NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`reason` text,
	`data` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ticket_events_ticket_seq` ON `ticket_events` (`ticket_id`,`seq`);--> statement-breakpoint
CREATE INDEX `ticket_events_at` ON `ticket_events` (`at`);--> statement-breakpoint
CREATE TABLE `tickets` (
	`id` text PRIMARY KEY NOT NULL,
	`ticket_no` text NOT NULL,
	`query_code` text NOT NULL,
	`channel` text NOT NULL,
	`title` text,
	`text` text NOT NULL,
	`type` text NOT NULL,
	`urgency` text DEFAULT 'normal' NOT NULL,
	`life_danger` integer DEFAULT false NOT NULL,
	`category` text,
	`status` text NOT NULL,
	`lead_department_code` text,
	`co_department_codes` text DEFAULT '[]' NOT NULL,
	`location_address` text,
	`lat` real,
	`lng` real,
	`place_code` text,
	`contact_id` text,
	`consent_to_publish` integer DEFAULT false NOT NULL,
	`received_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`dispatched_at` integer,
	`signed_at` integer,
	`replied_at` integer,
	`closed_at` integer,
	`deadline_at` integer,
	`clock_kind` text,
	`clock_paused_at` integer,
	`paused_remaining_minutes` integer,
	`supplement_requested` integer DEFAULT false NOT NULL,
	`pending_request` text,
	`extension_count` integer DEFAULT 0 NOT NULL,
	`merged_into_id` text,
	`direct_answer` text,
	`routing` text,
	`signature` text,
	`version` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tickets_ticket_no_unique` ON `tickets` (`ticket_no`);--> statement-breakpoint
CREATE INDEX `tickets_status` ON `tickets` (`status`);--> statement-breakpoint
CREATE INDEX `tickets_lead_department` ON `tickets` (`lead_department_code`,`status`);--> statement-breakpoint
CREATE INDEX `tickets_contact` ON `tickets` (`contact_id`,`received_at`);--> statement-breakpoint
CREATE INDEX `tickets_deadline` ON `tickets` (`status`,`deadline_at`);--> statement-breakpoint
CREATE INDEX `tickets_created` ON `tickets` (`created_at`);--> statement-breakpoint
CREATE INDEX `tickets_place` ON `tickets` (`place_code`,`received_at`);