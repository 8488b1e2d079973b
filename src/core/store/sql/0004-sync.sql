-- ResLib Studio store, schema version 4: the versions of each record that packages exchanged, so that
-- an import decides by content, not by clocks, which side changed a record (reslib-package-import.c).
-- A version is the SHA-256 of the record's content (reslib-sync.c).
--
-- sync_versions: every version of a record this library received in an import or sent in a
-- contribution; one an import refused to take (a project's dossier) is marked refused.
-- sync_bases: per record, the version both sides are known to have had: the last one received, or the
-- first one sent of a record this library had never exchanged. A later version sent is no base: the
-- other side may change the record before it imports that package, and its change would then look like
-- one made to this library's version.

CREATE TABLE sync_versions (
  kind       TEXT NOT NULL,        -- the entity's name: 'project', 'unit', 'resource', …
  record_id  TEXT NOT NULL,
  sha256     TEXT NOT NULL,
  refused    INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (kind, record_id, sha256)
) WITHOUT ROWID;

CREATE TABLE sync_bases (
  kind       TEXT NOT NULL,
  record_id  TEXT NOT NULL,
  sha256     TEXT NOT NULL,
  PRIMARY KEY (kind, record_id)
) WITHOUT ROWID;

-- A record deleted has no versions left: imported again, it is new.
CREATE TRIGGER projects_sync_delete AFTER DELETE ON projects BEGIN
  DELETE FROM sync_versions WHERE kind = 'project' AND record_id = old.id;
  DELETE FROM sync_bases WHERE kind = 'project' AND record_id = old.id;
END;
CREATE TRIGGER project_majors_sync_delete AFTER DELETE ON project_majors BEGIN
  DELETE FROM sync_versions WHERE kind = 'major' AND record_id = old.id;
  DELETE FROM sync_bases WHERE kind = 'major' AND record_id = old.id;
END;
CREATE TRIGGER units_sync_delete AFTER DELETE ON units BEGIN
  DELETE FROM sync_versions WHERE kind = 'unit' AND record_id = old.id;
  DELETE FROM sync_bases WHERE kind = 'unit' AND record_id = old.id;
END;
CREATE TRIGGER members_sync_delete AFTER DELETE ON members BEGIN
  DELETE FROM sync_versions WHERE kind = 'member' AND record_id = old.id;
  DELETE FROM sync_bases WHERE kind = 'member' AND record_id = old.id;
END;
CREATE TRIGGER courses_sync_delete AFTER DELETE ON courses BEGIN
  DELETE FROM sync_versions WHERE kind = 'course' AND record_id = old.id;
  DELETE FROM sync_bases WHERE kind = 'course' AND record_id = old.id;
END;
CREATE TRIGGER course_nodes_sync_delete AFTER DELETE ON course_nodes BEGIN
  DELETE FROM sync_versions WHERE kind = 'node' AND record_id = old.id;
  DELETE FROM sync_bases WHERE kind = 'node' AND record_id = old.id;
END;
CREATE TRIGGER resources_sync_delete AFTER DELETE ON resources BEGIN
  DELETE FROM sync_versions WHERE kind = 'resource' AND record_id = old.id;
  DELETE FROM sync_bases WHERE kind = 'resource' AND record_id = old.id;
END;
CREATE TRIGGER budget_lines_sync_delete AFTER DELETE ON budget_lines BEGIN
  DELETE FROM sync_versions WHERE kind = 'budget-line' AND record_id = old.id;
  DELETE FROM sync_bases WHERE kind = 'budget-line' AND record_id = old.id;
END;
CREATE TRIGGER milestones_sync_delete AFTER DELETE ON milestones BEGIN
  DELETE FROM sync_versions WHERE kind = 'milestone' AND record_id = old.id;
  DELETE FROM sync_bases WHERE kind = 'milestone' AND record_id = old.id;
END;
CREATE TRIGGER declarations_sync_delete AFTER DELETE ON declarations BEGIN
  DELETE FROM sync_versions WHERE kind = 'declaration' AND record_id = old.id;
  DELETE FROM sync_bases WHERE kind = 'declaration' AND record_id = old.id;
END;
