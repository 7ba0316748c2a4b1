CREATE INDEX `ratings_at` ON `ratings` (`at`);--> statement-breakpoint
CREATE INDEX `tickets_replied` ON `tickets` (`replied_at`);--> statement-breakpoint
CREATE INDEX `tickets_deadline_at` ON `tickets` (`deadline_at`);--> statement-breakpoint
CREATE INDEX `tickets_type_created` ON `tickets` (`type`,`created_at`);