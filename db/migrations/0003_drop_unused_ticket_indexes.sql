DROP INDEX `tickets_status`;--> statement-breakpoint
DROP INDEX `tickets_place`;