-- ResLib Studio store, schema version 9: the earlier versions of a resource's file (reslib resource replace,
-- Replace File… in the app, a contribution that brings a new file).
--
-- resource_versions: one row per file a resource had before its current one; version 1 is the first file,
-- the current file is version count + 1. blob_sha256 is not a reference: the old file stays in blobs/ while a
-- resource, a conflict, a streamed submission that has not ended or an undo step needs it
-- (reslib-store-gc.c), and the row keeps its digest, name and size after that. The trigger writes the row
-- whenever a resource's file changes, whoever changes it (a replacement here, a merged contribution, an
-- undo); replaced_by is filled in by the code that knows the actor.
CREATE TABLE resource_versions (
  resource_id  TEXT NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
  version      INTEGER NOT NULL CHECK (version >= 1),
  blob_sha256  TEXT NOT NULL CHECK (length (blob_sha256) = 64),
  file_name    TEXT NOT NULL,
  size         INTEGER,
  replaced_at  TEXT NOT NULL,
  replaced_by  TEXT,
  PRIMARY KEY (resource_id, version)
) WITHOUT ROWID;
CREATE INDEX resource_versions_replaced ON resource_versions (replaced_at);

CREATE TRIGGER resources_file_versions AFTER UPDATE OF blob_sha256 ON resources
WHEN OLD.blob_sha256 IS NOT NEW.blob_sha256
BEGIN
  INSERT INTO resource_versions (resource_id, version, blob_sha256, file_name, size, replaced_at)
  VALUES (OLD.id,
          (SELECT coalesce (max (version), 0) + 1 FROM resource_versions WHERE resource_id = OLD.id),
          OLD.blob_sha256, OLD.file_name,
          (SELECT size FROM blobs WHERE sha256 = OLD.blob_sha256),
          NEW.updated_at);
END;
