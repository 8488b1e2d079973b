-- ResLib Studio store, schema version 8: search finds a resource by the names around it — its authors,
-- its unit, and the knowledge points it is linked to with their modules and courses. The trigram index
-- gets a fifth column "names" and the bigram index holds the names too; triggers keep both current when
-- an author, the unit or a link changes, and when a unit, course, module or point is renamed.

-- The names of each resource, as the indexes hold them (rid is the resource's rowid, the indexes' rowid).
CREATE VIEW resource_search_names (rid, names) AS
  SELECT r.rowid,
         coalesce ((SELECT group_concat (a.name, ' ') FROM resource_authors a WHERE a.resource_id = r.id), '')
         || ' ' || coalesce ((SELECT u.name FROM units u WHERE u.id = r.unit_id), '')
         || ' ' || coalesce ((SELECT group_concat (n.title || ' ' || coalesce (p.title, '') || ' ' || c.title, ' ')
                                FROM resource_nodes rn
                                JOIN course_nodes n ON n.id = rn.node_id
                                LEFT JOIN course_nodes p ON p.id = n.parent_id
                                JOIN courses c ON c.id = n.course_id
                               WHERE rn.resource_id = r.id), '')
    FROM resources r;

-- Everything the bigram index holds of a resource.
CREATE VIEW resource_search_text (rid, text) AS
  SELECT r.rowid,
         r.title || ' ' || coalesce (r.description, '') || ' ' || r.file_name || ' ' ||
         coalesce ((SELECT group_concat (k.keyword, ' ') FROM resource_keywords k WHERE k.resource_id = r.id), '')
         || ' ' || (SELECT s.names FROM resource_search_names s WHERE s.rid = r.rowid)
    FROM resources r;

DROP TRIGGER resources_fts_insert;
DROP TRIGGER resources_fts_update;
DROP TRIGGER resources_fts_delete;
DROP TRIGGER resource_keywords_insert;
DROP TRIGGER resource_keywords_delete;
DROP TABLE resource_fts;

CREATE VIRTUAL TABLE resource_fts USING fts5 (title, description, keywords, file_name, names, tokenize = 'trigram');
INSERT INTO resource_fts (rowid, title, description, keywords, file_name, names)
  SELECT r.rowid, r.title, r.description,
         coalesce ((SELECT group_concat (k.keyword, ' ') FROM resource_keywords k WHERE k.resource_id = r.id), ''),
         r.file_name, s.names
    FROM resources r JOIN resource_search_names s ON s.rid = r.rowid;

DELETE FROM resource_bigrams;
INSERT INTO resource_bigrams (rowid, grams)
  SELECT rid, reslib_bigrams (text) FROM resource_search_text;

CREATE TRIGGER resources_fts_insert AFTER INSERT ON resources BEGIN
  INSERT INTO resource_fts (rowid, title, description, keywords, file_name, names)
    VALUES (new.rowid, new.title, new.description, '', new.file_name,
            (SELECT names FROM resource_search_names WHERE rid = new.rowid));
  INSERT INTO resource_bigrams (rowid, grams)
    VALUES (new.rowid, reslib_bigrams ((SELECT text FROM resource_search_text WHERE rid = new.rowid)));
END;

CREATE TRIGGER resources_fts_update AFTER UPDATE OF title, description, file_name, unit_id ON resources BEGIN
  UPDATE resource_fts
    SET title = new.title, description = new.description, file_name = new.file_name,
        names = (SELECT names FROM resource_search_names WHERE rid = new.rowid)
    WHERE rowid = new.rowid;
  UPDATE resource_bigrams SET grams = reslib_bigrams ((SELECT text FROM resource_search_text WHERE rid = new.rowid))
    WHERE rowid = new.rowid;
END;

CREATE TRIGGER resources_fts_delete AFTER DELETE ON resources BEGIN
  DELETE FROM resource_fts WHERE rowid = old.rowid;
  DELETE FROM resource_bigrams WHERE rowid = old.rowid;
END;

CREATE TRIGGER resource_keywords_insert AFTER INSERT ON resource_keywords BEGIN
  UPDATE resource_fts
    SET keywords = (SELECT group_concat (keyword, ' ') FROM resource_keywords WHERE resource_id = new.resource_id)
    WHERE rowid = (SELECT rowid FROM resources WHERE id = new.resource_id);
  UPDATE resource_bigrams SET grams = reslib_bigrams ((SELECT text FROM resource_search_text WHERE rid = resource_bigrams.rowid))
    WHERE rowid = (SELECT rowid FROM resources WHERE id = new.resource_id);
END;

CREATE TRIGGER resource_keywords_delete AFTER DELETE ON resource_keywords BEGIN
  UPDATE resource_fts
    SET keywords = coalesce ((SELECT group_concat (keyword, ' ') FROM resource_keywords
                              WHERE resource_id = old.resource_id), '')
    WHERE rowid = (SELECT rowid FROM resources WHERE id = old.resource_id);
  UPDATE resource_bigrams SET grams = reslib_bigrams ((SELECT text FROM resource_search_text WHERE rid = resource_bigrams.rowid))
    WHERE rowid = (SELECT rowid FROM resources WHERE id = old.resource_id);
END;

-- The names of the resources whose rowids the WHERE clause gives, made again.
CREATE TRIGGER resource_authors_insert_fts AFTER INSERT ON resource_authors BEGIN
  UPDATE resource_fts SET names = (SELECT names FROM resource_search_names WHERE rid = resource_fts.rowid)
    WHERE rowid = (SELECT rowid FROM resources WHERE id = new.resource_id);
  UPDATE resource_bigrams SET grams = reslib_bigrams ((SELECT text FROM resource_search_text WHERE rid = resource_bigrams.rowid))
    WHERE rowid = (SELECT rowid FROM resources WHERE id = new.resource_id);
END;

CREATE TRIGGER resource_authors_update_fts AFTER UPDATE OF name, resource_id ON resource_authors BEGIN
  UPDATE resource_fts SET names = (SELECT names FROM resource_search_names WHERE rid = resource_fts.rowid)
    WHERE rowid IN (SELECT rowid FROM resources WHERE id IN (old.resource_id, new.resource_id));
  UPDATE resource_bigrams SET grams = reslib_bigrams ((SELECT text FROM resource_search_text WHERE rid = resource_bigrams.rowid))
    WHERE rowid IN (SELECT rowid FROM resources WHERE id IN (old.resource_id, new.resource_id));
END;

CREATE TRIGGER resource_authors_delete_fts AFTER DELETE ON resource_authors BEGIN
  UPDATE resource_fts SET names = (SELECT names FROM resource_search_names WHERE rid = resource_fts.rowid)
    WHERE rowid = (SELECT rowid FROM resources WHERE id = old.resource_id);
  UPDATE resource_bigrams SET grams = reslib_bigrams ((SELECT text FROM resource_search_text WHERE rid = resource_bigrams.rowid))
    WHERE rowid = (SELECT rowid FROM resources WHERE id = old.resource_id);
END;

CREATE TRIGGER resource_nodes_insert_fts AFTER INSERT ON resource_nodes BEGIN
  UPDATE resource_fts SET names = (SELECT names FROM resource_search_names WHERE rid = resource_fts.rowid)
    WHERE rowid = (SELECT rowid FROM resources WHERE id = new.resource_id);
  UPDATE resource_bigrams SET grams = reslib_bigrams ((SELECT text FROM resource_search_text WHERE rid = resource_bigrams.rowid))
    WHERE rowid = (SELECT rowid FROM resources WHERE id = new.resource_id);
END;

CREATE TRIGGER resource_nodes_delete_fts AFTER DELETE ON resource_nodes BEGIN
  UPDATE resource_fts SET names = (SELECT names FROM resource_search_names WHERE rid = resource_fts.rowid)
    WHERE rowid = (SELECT rowid FROM resources WHERE id = old.resource_id);
  UPDATE resource_bigrams SET grams = reslib_bigrams ((SELECT text FROM resource_search_text WHERE rid = resource_bigrams.rowid))
    WHERE rowid = (SELECT rowid FROM resources WHERE id = old.resource_id);
END;

CREATE TRIGGER units_rename_fts AFTER UPDATE OF name ON units BEGIN
  UPDATE resource_fts SET names = (SELECT names FROM resource_search_names WHERE rid = resource_fts.rowid)
    WHERE rowid IN (SELECT rowid FROM resources WHERE unit_id = new.id);
  UPDATE resource_bigrams SET grams = reslib_bigrams ((SELECT text FROM resource_search_text WHERE rid = resource_bigrams.rowid))
    WHERE rowid IN (SELECT rowid FROM resources WHERE unit_id = new.id);
END;

CREATE TRIGGER courses_rename_fts AFTER UPDATE OF title ON courses BEGIN
  UPDATE resource_fts SET names = (SELECT names FROM resource_search_names WHERE rid = resource_fts.rowid)
    WHERE rowid IN (SELECT r.rowid FROM course_nodes n
                      JOIN resource_nodes rn ON rn.node_id = n.id
                      JOIN resources r ON r.id = rn.resource_id
                     WHERE n.course_id = new.id);
  UPDATE resource_bigrams SET grams = reslib_bigrams ((SELECT text FROM resource_search_text WHERE rid = resource_bigrams.rowid))
    WHERE rowid IN (SELECT r.rowid FROM course_nodes n
                      JOIN resource_nodes rn ON rn.node_id = n.id
                      JOIN resources r ON r.id = rn.resource_id
                     WHERE n.course_id = new.id);
END;

-- A point's own title, or a module's (its points' resources hold it), or a node moved to another module.
CREATE TRIGGER course_nodes_rename_fts AFTER UPDATE OF title, parent_id, course_id ON course_nodes BEGIN
  UPDATE resource_fts SET names = (SELECT names FROM resource_search_names WHERE rid = resource_fts.rowid)
    WHERE rowid IN (SELECT r.rowid FROM course_nodes n
                      JOIN resource_nodes rn ON rn.node_id = n.id
                      JOIN resources r ON r.id = rn.resource_id
                     WHERE n.id = new.id OR n.parent_id = new.id);
  UPDATE resource_bigrams SET grams = reslib_bigrams ((SELECT text FROM resource_search_text WHERE rid = resource_bigrams.rowid))
    WHERE rowid IN (SELECT r.rowid FROM course_nodes n
                      JOIN resource_nodes rn ON rn.node_id = n.id
                      JOIN resources r ON r.id = rn.resource_id
                     WHERE n.id = new.id OR n.parent_id = new.id);
END;
