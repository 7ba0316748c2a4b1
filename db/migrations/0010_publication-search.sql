-- Custom SQL migration (drizzle-kit --custom): what drizzle cannot describe.
-- Full-text search over published replies. Chinese has no spaces, so the hub writes each text as
-- overlapping character bigrams, each run's last character also alone (tickets/publication/
-- search-tokens.ts): a two-character query is one token, a longer one a phrase of bigrams, and a
-- one-character query a prefix, which prefix='1' indexes. rowid = publications.id.
CREATE VIRTUAL TABLE publication_search USING fts5(title, question, reply, tokenize = 'unicode61', prefix = '1');
--> statement-breakpoint
INSERT INTO public_cache (id, generation) VALUES (1, 1);
--> statement-breakpoint
-- What the public was shown, and every decision about it, is on record: no update, no delete.
CREATE TRIGGER publication_history_no_update BEFORE UPDATE ON publication_history
BEGIN
  SELECT RAISE(ABORT, 'publication_history is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER publication_history_no_delete BEFORE DELETE ON publication_history
BEGIN
  SELECT RAISE(ABORT, 'publication_history is append-only');
END;
