-- 0007: the search scope inside the search index (server/queue.c). Each
-- search row carries, in a second column, one token per unit on the paths
-- of the receiving and the handling unit ("đ1 đ17 đ18"), so a commune's
-- search is `terms AND scope : "đ18"` and the index yields only its rows,
-- instead of every match in the province tested one by one. No folded text
-- holds a "đ" (text_fold makes it d), so no term typed matches a scope
-- token and the terms need no column filter (which would cost a third of
-- a search). Ranking reads the folded column alone (search_rank.c), so
-- results do not change.
CREATE VIEW dossier_scope(id, scope) AS
SELECT d.id, 'đ' || replace(trim(CASE WHEN h.path IS NULL OR substr(u.path, 1, length(h.path)) = h.path THEN u.path
                                   WHEN substr(h.path, 1, length(u.path)) = u.path THEN h.path
                                   ELSE u.path || substr(h.path, 2) END, '/'), '/', ' đ')
FROM dossiers d JOIN units u ON u.id = d.unit_id LEFT JOIN units h ON h.id = d.handler_unit;

CREATE VIRTUAL TABLE dossier_search_new USING fts5(folded, scope, tokenize = 'unicode61 remove_diacritics 0',
                                                   prefix = '2 3 4 5 6');
INSERT INTO dossier_search_new(rowid, folded, scope)
  SELECT s.rowid, s.folded, coalesce(v.scope, '') FROM dossier_search s LEFT JOIN dossier_scope v ON v.id = s.rowid;
DROP TABLE dossier_search;
ALTER TABLE dossier_search_new RENAME TO dossier_search;
