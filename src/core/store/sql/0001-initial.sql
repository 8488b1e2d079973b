-- ResLib Studio store, schema version 1.
-- Every id is a UUID in text form; times are UTC ISO 8601 ("2026-01-31T08:00:00Z").

CREATE TABLE projects (
  id              TEXT PRIMARY KEY,
  name            TEXT NOT NULL CHECK (length (trim (name)) > 0),
  level           TEXT NOT NULL DEFAULT 'higher' CHECK (level IN ('secondary', 'higher')),
  start_date      TEXT,
  end_date        TEXT,
  industry_chain  TEXT,
  description     TEXT,
  contact_name    TEXT,
  contact_phone   TEXT,
  contact_email   TEXT,
  baseline_date   TEXT,
  baseline_count  INTEGER,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);

CREATE TABLE project_majors (
  id          TEXT PRIMARY KEY,
  project_id  TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  role        TEXT NOT NULL CHECK (role IN ('core', 'served')),
  code        TEXT NOT NULL,
  name        TEXT NOT NULL,
  position    INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  UNIQUE (project_id, code)
);
CREATE UNIQUE INDEX project_majors_one_core ON project_majors (project_id) WHERE role = 'core';

CREATE TABLE units (
  id           TEXT PRIMARY KEY,
  project_id   TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  name         TEXT NOT NULL CHECK (length (trim (name)) > 0),
  kind         TEXT NOT NULL CHECK (kind IN ('secondary-vocational', 'higher-vocational', 'university',
                                             'industry', 'enterprise', 'research')),
  role         TEXT NOT NULL CHECK (role IN ('host', 'participant')),
  host_rank    INTEGER,
  credit_code  TEXT,
  position     INTEGER NOT NULL DEFAULT 0,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);
CREATE INDEX units_project ON units (project_id);

CREATE TABLE members (
  id          TEXT PRIMARY KEY,
  project_id  TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  unit_id     TEXT NOT NULL REFERENCES units (id) ON DELETE CASCADE,
  name        TEXT NOT NULL CHECK (length (trim (name)) > 0),
  title       TEXT,
  duty        TEXT,
  position    INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE INDEX members_project ON members (project_id);
CREATE INDEX members_unit ON members (unit_id);

CREATE TABLE courses (
  id          TEXT PRIMARY KEY,
  project_id  TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  title       TEXT NOT NULL CHECK (length (trim (title)) > 0),
  kind        TEXT NOT NULL DEFAULT 'structured' CHECK (kind IN ('structured', 'training', 'certificate')),
  position    INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE INDEX courses_project ON courses (project_id);

CREATE TABLE course_nodes (
  id          TEXT PRIMARY KEY,
  project_id  TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  course_id   TEXT NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  parent_id   TEXT REFERENCES course_nodes (id) ON DELETE CASCADE,
  kind        TEXT NOT NULL CHECK (kind IN ('module', 'chapter', 'knowledge', 'skill')),
  title       TEXT NOT NULL CHECK (length (trim (title)) > 0),
  position    INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE INDEX course_nodes_course ON course_nodes (course_id, parent_id, position);
CREATE INDEX course_nodes_parent ON course_nodes (parent_id);

CREATE TABLE blobs (
  sha256      TEXT PRIMARY KEY CHECK (length (sha256) = 64),
  size        INTEGER NOT NULL CHECK (size >= 0),
  mime_type   TEXT NOT NULL,
  created_at  TEXT NOT NULL
);

CREATE TABLE resources (
  id              TEXT PRIMARY KEY,
  project_id      TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  blob_sha256     TEXT NOT NULL REFERENCES blobs (sha256),
  file_name       TEXT NOT NULL,
  title           TEXT NOT NULL CHECK (length (trim (title)) > 0),
  description     TEXT,
  type            TEXT NOT NULL DEFAULT 'other' CHECK (type IN ('text', 'slides', 'image', 'audio', 'video',
                                                              'animation', 'simulation', 'exercise', 'case',
                                                              'other')),
  unit_id         TEXT REFERENCES units (id) ON DELETE SET NULL,
  origin          TEXT NOT NULL DEFAULT 'original' CHECK (origin IN ('original', 'licensed', 'open')),
  license         TEXT,
  license_holder  TEXT,
  audience        TEXT,
  language        TEXT NOT NULL DEFAULT 'zh',
  state           TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'in-review', 'approved', 'rejected')),
  review_note     TEXT,
  reviewer        TEXT,
  reviewed_at     TEXT,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);
CREATE INDEX resources_project ON resources (project_id, created_at);
CREATE INDEX resources_blob ON resources (blob_sha256);
CREATE INDEX resources_unit ON resources (unit_id);

CREATE TABLE resource_authors (
  resource_id  TEXT NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
  position     INTEGER NOT NULL,
  name         TEXT NOT NULL CHECK (length (trim (name)) > 0),
  PRIMARY KEY (resource_id, position)
) WITHOUT ROWID;

CREATE TABLE resource_keywords (
  resource_id  TEXT NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
  keyword      TEXT NOT NULL CHECK (length (trim (keyword)) > 0),
  PRIMARY KEY (resource_id, keyword)
) WITHOUT ROWID;

CREATE TABLE resource_nodes (
  resource_id  TEXT NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
  node_id      TEXT NOT NULL REFERENCES course_nodes (id) ON DELETE CASCADE,
  PRIMARY KEY (resource_id, node_id)
) WITHOUT ROWID;
CREATE INDEX resource_nodes_node ON resource_nodes (node_id);

CREATE TABLE budget_lines (
  id            TEXT PRIMARY KEY,
  project_id    TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  unit_id       TEXT REFERENCES units (id) ON DELETE SET NULL,
  source        TEXT NOT NULL,
  category      TEXT NOT NULL,
  amount_cents  INTEGER NOT NULL DEFAULT 0 CHECK (amount_cents >= 0),
  note          TEXT,
  position      INTEGER NOT NULL DEFAULT 0,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
CREATE INDEX budget_lines_project ON budget_lines (project_id);

CREATE TABLE milestones (
  id          TEXT PRIMARY KEY,
  project_id  TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  title       TEXT NOT NULL CHECK (length (trim (title)) > 0),
  due_date    TEXT,
  done_date   TEXT,
  note        TEXT,
  position    INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE INDEX milestones_project ON milestones (project_id);

CREATE TABLE declarations (
  id          TEXT PRIMARY KEY,
  project_id  TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  unit_id     TEXT NOT NULL REFERENCES units (id) ON DELETE CASCADE,
  kind        TEXT NOT NULL DEFAULT 'ip' CHECK (kind IN ('ip')),
  signed_by   TEXT,
  signed_on   TEXT,
  note        TEXT,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  UNIQUE (unit_id, kind)
);
CREATE INDEX declarations_project ON declarations (project_id);

CREATE TABLE submissions (
  id              TEXT PRIMARY KEY,
  project_id      TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  kind            TEXT NOT NULL CHECK (kind IN ('application', 'progress', 'acceptance', 'contribution')),
  package_path    TEXT NOT NULL,
  size            INTEGER NOT NULL,
  sha256          TEXT NOT NULL,
  endpoint        TEXT,
  upload_url      TEXT,
  upload_offset   INTEGER NOT NULL DEFAULT 0,
  expires_at      TEXT,
  attempts        INTEGER NOT NULL DEFAULT 0,
  last_error      TEXT,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  completed_at    TEXT
);
CREATE INDEX submissions_project ON submissions (project_id);

-- The audit log: who changed what, when. Rows are never updated or deleted by the application.
CREATE TABLE events (
  seq           INTEGER PRIMARY KEY AUTOINCREMENT,
  at            TEXT NOT NULL,
  actor         TEXT NOT NULL,
  project_id    TEXT,
  subject_kind  TEXT NOT NULL,
  subject_id    TEXT NOT NULL,
  action        TEXT NOT NULL,
  detail        TEXT
);
CREATE INDEX events_project ON events (project_id, at);
CREATE INDEX events_subject ON events (subject_id);

-- Full-text search: trigram for substrings of three or more characters (Chinese included),
-- and overlapping bigrams (made by the reslib_bigrams() SQL function) for two-character queries.
CREATE VIRTUAL TABLE resource_fts USING fts5 (title, description, keywords, file_name, tokenize = 'trigram');
CREATE VIRTUAL TABLE resource_bigrams USING fts5 (grams, tokenize = 'unicode61 remove_diacritics 0');

CREATE TRIGGER resources_fts_insert AFTER INSERT ON resources BEGIN
  INSERT INTO resource_fts (rowid, title, description, keywords, file_name)
    VALUES (new.rowid, new.title, new.description, '', new.file_name);
  INSERT INTO resource_bigrams (rowid, grams)
    VALUES (new.rowid, reslib_bigrams (new.title || ' ' || coalesce (new.description, '') || ' ' || new.file_name));
END;

CREATE TRIGGER resources_fts_update AFTER UPDATE OF title, description, file_name ON resources BEGIN
  UPDATE resource_fts SET title = new.title, description = new.description, file_name = new.file_name
    WHERE rowid = new.rowid;
  UPDATE resource_bigrams
    SET grams = reslib_bigrams (new.title || ' ' || coalesce (new.description, '') || ' ' || new.file_name || ' ' ||
                                coalesce ((SELECT group_concat (keyword, ' ') FROM resource_keywords
                                           WHERE resource_id = new.id), ''))
    WHERE rowid = new.rowid;
END;

CREATE TRIGGER resources_fts_delete AFTER DELETE ON resources BEGIN
  DELETE FROM resource_fts WHERE rowid = old.rowid;
  DELETE FROM resource_bigrams WHERE rowid = old.rowid;
END;

CREATE TRIGGER resource_keywords_insert AFTER INSERT ON resource_keywords BEGIN
  UPDATE resources SET title = title WHERE id = new.resource_id;
  UPDATE resource_fts
    SET keywords = (SELECT group_concat (keyword, ' ') FROM resource_keywords WHERE resource_id = new.resource_id)
    WHERE rowid = (SELECT rowid FROM resources WHERE id = new.resource_id);
END;

CREATE TRIGGER resource_keywords_delete AFTER DELETE ON resource_keywords BEGIN
  UPDATE resources SET title = title WHERE id = old.resource_id;
  UPDATE resource_fts
    SET keywords = coalesce ((SELECT group_concat (keyword, ' ') FROM resource_keywords
                              WHERE resource_id = old.resource_id), '')
    WHERE rowid = (SELECT rowid FROM resources WHERE id = old.resource_id);
END;
