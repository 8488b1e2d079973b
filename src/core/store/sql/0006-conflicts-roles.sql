-- ResLib Studio store, schema version 6: conflicts kept as rows, a project's role in the team, and the ids an
-- import mapped onto records of the store (reslib-store-conflicts.c, reslib-package-import-merge.c).
--
-- conflicts: a record that both this library and a package changed since they last exchanged it. The local
-- version stays as it is; the package's version waits here, whole, until someone resolves it (keep mine,
-- take theirs, or, for a resource, keep both). Until version 5 an import wrote the incoming version beside
-- the local one as a " (conflict copy)" record: copies made then stay ordinary records. kind is the
-- entity's name as the sync tables have it ('resource', 'budget-line', …); theirs is the incoming record as
-- manifest.json has it, its project and the ids the import mapped already those of this store. One
-- unresolved conflict per record: a later package's version replaces the one waiting.
CREATE TABLE conflicts (
  id             INTEGER PRIMARY KEY,
  project_id     TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  kind           TEXT NOT NULL,
  record_id      TEXT NOT NULL,
  theirs         TEXT NOT NULL CHECK (json_valid (theirs)),
  theirs_sha256  TEXT NOT NULL CHECK (length (theirs_sha256) = 64),   -- its content's version (reslib-sync.h)
  bag            TEXT,
  received_at    TEXT NOT NULL,
  resolved_at    TEXT,
  resolution     TEXT CHECK (resolution IN ('mine', 'theirs', 'both')),
  copy_id        TEXT,                -- keep both: the resource made of theirs
  CHECK ((resolved_at IS NULL) = (resolution IS NULL))
);
CREATE INDEX conflicts_project ON conflicts (project_id, resolved_at);
CREATE UNIQUE INDEX conflicts_waiting ON conflicts (kind, record_id) WHERE resolved_at IS NULL;

-- project_roles: what this library is in a project's team. No row: the lead (the library that made the
-- project). A teacher's library joined the project from a package of the lead's (source_bag) and takes the
-- lead's version of the project's structure in later imports.
CREATE TABLE project_roles (
  project_id  TEXT PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
  role        TEXT NOT NULL CHECK (role IN ('lead', 'teacher')),
  joined_at   TEXT NOT NULL,
  source_bag  TEXT
);

-- record_map: a record of a package that an import matched with another record of the store (a teacher's
-- own course matched by its title with the lead's): later imports map the same id the same way.
CREATE TABLE record_map (
  project_id  TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  kind        TEXT NOT NULL,
  foreign_id  TEXT NOT NULL,
  local_id    TEXT NOT NULL,
  PRIMARY KEY (project_id, kind, foreign_id)
) WITHOUT ROWID;
