-- ResLib Studio store, schema version 18: evidence (佐证材料) can be attached to a narrative section of the
-- reports (project_texts.section: 建设基础, a dimension of 建设内容, 保障措施…) as well as to a milestone, a
-- target or a budget line; still to at most one of them (none: evidence of the project as a whole).
--
-- section takes the values of project_texts.section (ReslibTextSection). SQLite cannot change a table's CHECK
-- in place: the table is made anew, its rows copied with their rowids, and its indexes and trigger, dropped
-- with the old table, made again as 0015 made them.
CREATE TABLE evidence_18 (
  id              TEXT PRIMARY KEY,
  project_id      TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  blob_sha256     TEXT NOT NULL REFERENCES blobs (sha256),
  file_name       TEXT NOT NULL,
  title           TEXT NOT NULL CHECK (length (trim (title)) > 0),
  milestone_id    TEXT REFERENCES milestones (id) ON DELETE CASCADE,
  target_id       TEXT REFERENCES targets (id) ON DELETE CASCADE,
  budget_line_id  TEXT REFERENCES budget_lines (id) ON DELETE CASCADE,
  section         TEXT CHECK (section IN ('foundation', 'leader-experience', 'content-resources',
                                          'content-platform', 'content-promotion', 'content-innovation',
                                          'content-institution', 'safeguards', 'recommender',
                                          'progress-problems', 'progress-next', 'outcome-resources',
                                          'outcome-platform', 'outcome-promotion', 'outcome-innovation',
                                          'outcome-institution', 'audit')),
  note            TEXT,
  position        INTEGER NOT NULL DEFAULT 0,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  CHECK ((milestone_id IS NOT NULL) + (target_id IS NOT NULL) + (budget_line_id IS NOT NULL) +
         (section IS NOT NULL) <= 1)
);
INSERT INTO evidence_18 (rowid, id, project_id, blob_sha256, file_name, title, milestone_id, target_id,
                         budget_line_id, note, position, created_at, updated_at)
  SELECT rowid, id, project_id, blob_sha256, file_name, title, milestone_id, target_id, budget_line_id, note,
         position, created_at, updated_at FROM evidence;
DROP TABLE evidence;
ALTER TABLE evidence_18 RENAME TO evidence;

CREATE INDEX evidence_project ON evidence (project_id, position);
CREATE INDEX evidence_blob ON evidence (blob_sha256);
CREATE INDEX evidence_milestone ON evidence (milestone_id) WHERE milestone_id IS NOT NULL;
CREATE INDEX evidence_target ON evidence (target_id) WHERE target_id IS NOT NULL;
CREATE INDEX evidence_budget_line ON evidence (budget_line_id) WHERE budget_line_id IS NOT NULL;

CREATE TRIGGER evidence_sync_delete AFTER DELETE ON evidence BEGIN
  DELETE FROM sync_versions WHERE kind = 'evidence' AND record_id = old.id;
  DELETE FROM sync_bases WHERE kind = 'evidence' AND record_id = old.id;
END;
