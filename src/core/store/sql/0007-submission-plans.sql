-- ResLib Studio store, schema version 7: submissions streamed from the store (reslib submit, the Submit page),
-- with no package file (reslib-store-plans.c, reslib-pack-stream.c).
--
-- A streamed submission freezes its package when it starts: the tar is deterministic, so what it needs to be
-- made again, byte for byte and from any offset, is kept here: the bag's name and fixed time, and its members
-- in tar order. A member is the bag's folder or a folder in it (no data), a generated file (manifest.json,
-- imsmanifest.xml, the dossier, the tag files: its bytes in data) or a resource's file (its blob, by digest:
-- blobs are immutable, and the collection of unused files keeps the ones a live submission names). offset is
-- where the member's header starts in the tar, so the stream restarts at any byte without reading what comes
-- before. Edits made meanwhile go into the next package.
--
-- source: 'file' (a package file, package_path) or 'store' (streamed; package_path holds the bag's name).
-- For a streamed submission, sha256 is the bag's own digest (of tagmanifest-sha256.txt, known before a byte
-- is sent, and what the endpoint is told); tar_sha256 the SHA-256 of the whole tar, computed while it is
-- sent, for the receipt. hash_offset and hash_state: how far the tar's digest got, and its state there, so
-- a resumed upload need not read the tar again from the start. plan_complete: the members are all in (a
-- submission killed while it was being frozen is never resumed).
ALTER TABLE submissions ADD COLUMN source TEXT NOT NULL DEFAULT 'file' CHECK (source IN ('file', 'store'));
ALTER TABLE submissions ADD COLUMN bag_name TEXT;
ALTER TABLE submissions ADD COLUMN mtime INTEGER;
ALTER TABLE submissions ADD COLUMN tar_sha256 TEXT CHECK (tar_sha256 IS NULL OR length (tar_sha256) = 64);
ALTER TABLE submissions ADD COLUMN hash_offset INTEGER NOT NULL DEFAULT 0;
ALTER TABLE submissions ADD COLUMN hash_state BLOB;
ALTER TABLE submissions ADD COLUMN plan_complete INTEGER NOT NULL DEFAULT 0;

CREATE TABLE submission_members (
  submission_id  TEXT NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
  seq            INTEGER NOT NULL,
  offset         INTEGER NOT NULL CHECK (offset >= 0),
  path           TEXT NOT NULL,                           -- inside the bag; '' for the bag's folder, '…/' a folder
  size           INTEGER NOT NULL CHECK (size >= 0),
  mode           INTEGER NOT NULL,
  blob_sha256    TEXT CHECK (blob_sha256 IS NULL OR length (blob_sha256) = 64),
  data           BLOB,
  PRIMARY KEY (submission_id, seq)
) WITHOUT ROWID;
CREATE INDEX submission_members_offset ON submission_members (submission_id, offset);
CREATE INDEX submission_members_blob ON submission_members (blob_sha256) WHERE blob_sha256 IS NOT NULL;
