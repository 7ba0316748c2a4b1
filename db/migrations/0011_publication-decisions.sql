ALTER TABLE `publication_history` ADD `seq` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `publication_history_seq` ON `publication_history` (`publication_id`,`seq`);--> statement-breakpoint
ALTER TABLE `publications` ADD `version` integer DEFAULT 0 NOT NULL;