-- ResLib Studio store, schema version 3: the bigram index also holds each letter, digit or Chinese
-- character on its own (reslib_bigrams() makes them), so that a one-character search uses the index
-- instead of reading every text. The index is made again for the resources already stored.

DELETE FROM resource_bigrams;
INSERT INTO resource_bigrams (rowid, grams)
  SELECT r.rowid,
         reslib_bigrams (r.title || ' ' || coalesce (r.description, '') || ' ' || r.file_name || ' ' ||
                         coalesce ((SELECT group_concat (k.keyword, ' ') FROM resource_keywords k
                                    WHERE k.resource_id = r.id), ''))
    FROM resources r;
