-- Lights for the tickets already on a department's clock when the light came in (0006). Their
-- yellow instant is approximated in wall-clock time (the last fifth of the span from dispatch
-- to deadline: SQL has no working calendar); the next deadline the lifecycle sets is exact. All
-- start green: the cron turns the due ones yellow or red on its next runs, opening the 督办 of
-- those already overdue.
UPDATE `tickets`
SET `light` = 'green',
  `yellow_at` = `deadline_at` - (`deadline_at` - coalesce(`dispatched_at`, `received_at`)) / 5
WHERE `light` IS NULL
  AND `deadline_at` IS NOT NULL
  AND `status` IN ('dispatched', 'signed', 'awaiting_supplement', 'reopened');
