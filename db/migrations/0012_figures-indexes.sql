DROP INDEX `tickets_created`;--> statement-breakpoint
CREATE INDEX `tickets_replied` ON `tickets` (`replied_at`,`status`,`lead_department_code`,`deadline_at`,`received_at`) WHERE "tickets"."replied_at" is not null;--> statement-breakpoint
CREATE INDEX `tickets_deadline_at` ON `tickets` (`deadline_at`,`merged_into_id`,`replied_at`,`status`,`closed_at`,`lead_department_code`) WHERE "tickets"."deadline_at" is not null;--> statement-breakpoint
CREATE INDEX `tickets_type_created` ON `tickets` (`type`,`created_at`);--> statement-breakpoint
CREATE INDEX `tickets_created` ON `tickets` (`created_at`,`lead_department_code`,`merged_into_id`);--> statement-breakpoint
CREATE INDEX `ratings_at` ON `ratings` (`at`,`satisfaction`,`ticket_id`);