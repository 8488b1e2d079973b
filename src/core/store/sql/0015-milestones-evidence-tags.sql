-- ResLib Studio store, schema version 15: what the reports of issue 16 need beside v12's courses, members
-- and budget — milestones with their deliverables, evidence files (佐证材料), tags, online resources and a
-- home for the major's documents.
--
-- milestones (建设进度/里程碑): the deliverable (建设成果), how many of it (quantity) and a link to its
-- evidence (evidence_url: where the deliverable can be seen, e.g. the platform's course page).
--
-- evidence (佐证材料): a file kept as a blob of the store, like a resource's file, attached to at most one
-- milestone, target or budget line (none: evidence of the project as a whole). The acceptance report lists
-- them in its evidence index (佐证材料目录). A blob stays while a resource, a resource version or an evidence
-- file names it.
--
-- resource_tags and course_tags: 课程思政 (ideological), 创新创业 (entrepreneurship), 职业培训
-- (vocational-training). The 1+X certificate of a resource is its certificate, as a course's is since v12
-- (the list the app offers is data/certificates/1x-certificates.json, with its source).
--
-- resources: an online resource (在线资源) is a URL where the platform hosts it, with no file: blob_sha256 is
-- NULL and url is set, one or the other. document marks the major's documents that the plan calls the
-- starting point, 人才培养方案 (programme), 专业教学标准 (teaching-standard) and 课程标准 (course-standard):
-- they belong to the major (major_id) or to a course (course_id), not to a knowledge or skill point, and the
-- rule resource.granularity does not ask them for one.
--
-- blob_sha256 becomes nullable, which SQLite can only do by making the table anew
-- (https://www.sqlite.org/lang_altertable.html §7), as 0012 did for courses: foreign keys are off during
-- the migration (reslib-store-migrate.c), the rows keep their rowid (the search tables resource_fts and
-- resource_bigrams are keyed by it), the rename is done with legacy_alter_table on so that the views and the
-- other tables' triggers and foreign keys that name resources stay as they are, and the table's own indexes
-- and triggers, dropped with the old table, are made again as 0001, 0004, 0008, 0009 and 0013 made them.

ALTER TABLE milestones ADD COLUMN deliverable TEXT;
ALTER TABLE milestones ADD COLUMN quantity INTEGER CHECK (quantity >= 0);
ALTER TABLE milestones ADD COLUMN evidence_url TEXT;

CREATE TABLE evidence (
  id              TEXT PRIMARY KEY,
  project_id      TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  blob_sha256     TEXT NOT NULL REFERENCES blobs (sha256),
  file_name       TEXT NOT NULL,
  title           TEXT NOT NULL CHECK (length (trim (title)) > 0),
  milestone_id    TEXT REFERENCES milestones (id) ON DELETE CASCADE,
  target_id       TEXT REFERENCES targets (id) ON DELETE CASCADE,
  budget_line_id  TEXT REFERENCES budget_lines (id) ON DELETE CASCADE,
  note            TEXT,
  position        INTEGER NOT NULL DEFAULT 0,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  CHECK ((milestone_id IS NOT NULL) + (target_id IS NOT NULL) + (budget_line_id IS NOT NULL) <= 1)
);
CREATE INDEX evidence_project ON evidence (project_id, position);
CREATE INDEX evidence_blob ON evidence (blob_sha256);
CREATE INDEX evidence_milestone ON evidence (milestone_id) WHERE milestone_id IS NOT NULL;
CREATE INDEX evidence_target ON evidence (target_id) WHERE target_id IS NOT NULL;
CREATE INDEX evidence_budget_line ON evidence (budget_line_id) WHERE budget_line_id IS NOT NULL;

CREATE TRIGGER evidence_sync_delete AFTER DELETE ON evidence BEGIN
  DELETE FROM sync_versions WHERE kind = 'evidence' AND record_id = old.id;
  DELETE FROM sync_bases WHERE kind = 'evidence' AND record_id = old.id;
END;

CREATE TABLE resource_tags (
  resource_id  TEXT NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
  tag          TEXT NOT NULL CHECK (tag IN ('ideological', 'entrepreneurship', 'vocational-training')),
  PRIMARY KEY (resource_id, tag)
) WITHOUT ROWID;
CREATE INDEX resource_tags_tag ON resource_tags (tag);

CREATE TABLE course_tags (
  course_id  TEXT NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  tag        TEXT NOT NULL CHECK (tag IN ('ideological', 'entrepreneurship', 'vocational-training')),
  PRIMARY KEY (course_id, tag)
) WITHOUT ROWID;

CREATE TABLE new_resources (
  id              TEXT PRIMARY KEY,
  project_id      TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  blob_sha256     TEXT REFERENCES blobs (sha256),
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
  updated_at      TEXT NOT NULL,
  url             TEXT,
  certificate     TEXT,
  document        TEXT CHECK (document IN ('programme', 'teaching-standard', 'course-standard')),
  major_id        TEXT REFERENCES project_majors (id) ON DELETE SET NULL,
  course_id       TEXT REFERENCES courses (id) ON DELETE SET NULL,
  CHECK ((blob_sha256 IS NULL) <> (url IS NULL))
);

INSERT INTO new_resources (rowid, id, project_id, blob_sha256, file_name, title, description, type, unit_id, origin,
                           license, license_holder, audience, language, state, review_note, reviewer, reviewed_at,
                           created_at, updated_at)
  SELECT rowid, id, project_id, blob_sha256, file_name, title, description, type, unit_id, origin,
         license, license_holder, audience, language, state, review_note, reviewer, reviewed_at,
         created_at, updated_at
    FROM resources;

DROP TABLE resources;
PRAGMA legacy_alter_table = ON;
ALTER TABLE new_resources RENAME TO resources;
PRAGMA legacy_alter_table = OFF;

CREATE INDEX resources_project ON resources (project_id, created_at);
CREATE INDEX resources_blob ON resources (blob_sha256);
CREATE INDEX resources_unit ON resources (unit_id);
CREATE INDEX resources_file_name ON resources (project_id, file_name);
CREATE INDEX resources_major ON resources (major_id) WHERE major_id IS NOT NULL;
CREATE INDEX resources_course ON resources (course_id) WHERE course_id IS NOT NULL;

CREATE TRIGGER resources_sync_delete AFTER DELETE ON resources BEGIN
  DELETE FROM sync_versions WHERE kind = 'resource' AND record_id = old.id;
  DELETE FROM sync_bases WHERE kind = 'resource' AND record_id = old.id;
END;

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

-- As in 0009-resource-versions.sql; an online resource has no file to keep.
CREATE TRIGGER resources_file_versions AFTER UPDATE OF blob_sha256 ON resources
WHEN OLD.blob_sha256 IS NOT NEW.blob_sha256 AND OLD.blob_sha256 IS NOT NULL
BEGIN
  INSERT INTO resource_versions (resource_id, version, blob_sha256, file_name, size, replaced_at)
  VALUES (OLD.id,
          (SELECT coalesce (max (version), 0) + 1 FROM resource_versions WHERE resource_id = OLD.id),
          OLD.blob_sha256, OLD.file_name,
          (SELECT size FROM blobs WHERE sha256 = OLD.blob_sha256),
          NEW.updated_at);
END;
