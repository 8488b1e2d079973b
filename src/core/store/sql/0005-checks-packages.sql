-- ResLib Studio store, schema version 5: the runs of the checks and the packages built or read, in tables of
-- their own (the app kept the last check in its settings; the digests were read back from the audit log).
--
-- check_runs: a run of a project's checks against a rule profile, with its counts and findings. The findings
-- are one JSON array (as `reslib validate --json` writes them), not rows: a run is written and read whole,
-- never queried by field, and what a finding holds belongs to validate/, so a field added to findings needs
-- no migration. reslib-store-checks.c keeps the last runs of each project only.
CREATE TABLE check_runs (
  id               INTEGER PRIMARY KEY,
  project_id       TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  profile_id       TEXT NOT NULL,
  profile_version  TEXT,
  checked_at       TEXT NOT NULL,
  n_errors         INTEGER NOT NULL DEFAULT 0 CHECK (n_errors >= 0),
  n_warnings       INTEGER NOT NULL DEFAULT 0 CHECK (n_warnings >= 0),
  n_notes          INTEGER NOT NULL DEFAULT 0 CHECK (n_notes >= 0),
  findings         TEXT NOT NULL DEFAULT '[]' CHECK (json_valid (findings))
);
CREATE INDEX check_runs_project ON check_runs (project_id, id);

-- package_builds: a package file built here (built = 1) or read by an upload (built = 0), with the facts that
-- identify the file on disk and its SHA-256; the last row of a path is the one that counts. The audit log
-- still tells of each build in words.
CREATE TABLE package_builds (
  id          INTEGER PRIMARY KEY,
  project_id  TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  built       INTEGER NOT NULL DEFAULT 1,
  kind        TEXT CHECK (kind IN ('application', 'progress', 'acceptance', 'contribution')),
  bag_name    TEXT,
  path        TEXT NOT NULL,
  size        INTEGER NOT NULL,
  mtime_ns    INTEGER NOT NULL,
  device      INTEGER NOT NULL,
  inode       INTEGER NOT NULL,
  sha256      TEXT CHECK (length (sha256) = 64),
  at          TEXT NOT NULL
);
CREATE INDEX package_builds_path ON package_builds (path, id);
CREATE INDEX package_builds_project ON package_builds (project_id);

-- The builds and readings the audit log recorded until now, in their order.
INSERT INTO package_builds (project_id, built, kind, bag_name, path, size, mtime_ns, device, inode, sha256, at)
  SELECT e.project_id,
         e.action = 'pack',
         CASE WHEN json_extract (e.detail, '$.kind') IN ('application', 'progress', 'acceptance', 'contribution')
              THEN json_extract (e.detail, '$.kind') END,
         json_extract (e.detail, '$.bag'),
         json_extract (e.detail, '$.path'),
         coalesce (json_extract (e.detail, '$.size'), -1),
         coalesce (json_extract (e.detail, '$.mtime_ns'), -1),
         coalesce (json_extract (e.detail, '$.device'), -1),
         coalesce (json_extract (e.detail, '$.inode'), -1),
         CASE WHEN length (json_extract (e.detail, '$.sha256')) = 64 THEN json_extract (e.detail, '$.sha256') END,
         e.at
    FROM events e
   WHERE e.action IN ('pack', 'hash') AND e.subject_kind = 'project' AND json_valid (e.detail)
     AND json_type (e.detail, '$.path') = 'text' AND e.project_id IN (SELECT id FROM projects)
   ORDER BY e.seq;
