-- A case is updated in place a few times in its life (its identification's stage, the level reached, its close). With
-- pages packed full at insert (fillfactor 100), PostgreSQL could not keep a new row version on the same page, so every
-- update wrote a new entry into each of the table's five indexes (the bench: 154 of 62,100 updates "HOT"). Room left
-- on each page lets an update that changes no indexed column stay on its page and skip the indexes. New pages only:
-- existing ones fill as before until rewritten.
ALTER TABLE assistance_case SET (fillfactor = 70);
