DROP INDEX `ratings_at`;--> statement-breakpoint
DROP INDEX `tickets_replied`;--> statement-breakpoint
DROP INDEX `tickets_deadline_at`;--> statement-breakpoint
DROP INDEX `tickets_created`;--> statement-breakpoint
CREATE INDEX `tickets_created` ON `tickets` (`created_at`);