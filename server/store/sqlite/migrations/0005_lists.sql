-- 0005: lists and search at a province's scale (server/queue.c). The unit
-- list reads open dossiers, then finished ones, in order of appointment:
-- one index in that order carrying what the scope and filters test, so a
-- page is read without a sort or a table row per candidate. Search gets
-- prefix indexes (a word typed in part finds its words without merging
-- every word that starts so) and newest-first candidates.
CREATE INDEX dossiers_due ON dossiers(finished IS NOT NULL, coalesce(new_due, due), id, unit_id, handler_unit,
                                      procedure, state, paused_at);

CREATE VIRTUAL TABLE dossier_search_new USING fts5(folded, tokenize = 'unicode61 remove_diacritics 0',
                                                   prefix = '2 3 4 5 6');
INSERT INTO dossier_search_new(rowid, folded) SELECT rowid, folded FROM dossier_search;
DROP TABLE dossier_search;
ALTER TABLE dossier_search_new RENAME TO dossier_search;
