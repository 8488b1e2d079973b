-- ResLib Studio store, schema version 12: courses, members and budget lines hold what the application
-- (申报书) and the progress report (建设进展与应用分析报告) need.
--
-- courses: the kind is standardized (标准化课程), personalised (个性化课程) or training (培训课程); a course
-- has a code, hours (学时), credits (学分, "3" or "3.5"), a lead teacher (a member), the served major it is
-- for, its platform URL, and the 1+X certificate it prepares for. The old kinds: structured → standardized
-- (the course built from modules and points, what the targets counted as 标准化课程); training → training;
-- certificate → training with its title as the certificate, since a 1+X certificate course is a training
-- course for the certificate (a 培训包), and the rule course.certificate keeps finding the certificate in
-- the same text it searched before (the title): edit the field to the certificate's own name.
--
-- The CHECK of courses.kind changes, which SQLite can only do by making the table anew
-- (https://www.sqlite.org/lang_altertable.html §7): the migration runs with foreign keys off (so that
-- dropping the old table deletes no course_nodes or targets by cascade) and checks them before it commits
-- (reslib-store-migrate.c). The new table takes the old one's name, so the foreign keys into it
-- (course_nodes, targets), the view resource_search_names and the triggers on other tables that read it name
-- it as before, unchanged: the rename is done with legacy_alter_table on, so that SQLite neither rewrites
-- them nor refuses the rename for naming a table that is, for a moment, gone. Its own indexes and triggers,
-- dropped with the old table, are made again.
--
-- members: the project leader (项目负责人), 双师型 teacher, from an enterprise (企业兼职), birth year and
-- office (职务; title stays the professional title 职称, duty the work in the project 分工).
-- budget_lines: the year, and beside the planned amount (amount_cents) the amounts received and spent.

CREATE TABLE new_courses (
  id              TEXT PRIMARY KEY,
  project_id      TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  title           TEXT NOT NULL CHECK (length (trim (title)) > 0),
  kind            TEXT NOT NULL DEFAULT 'standardized' CHECK (kind IN ('standardized', 'personalised', 'training')),
  code            TEXT,
  hours           INTEGER CHECK (hours >= 0),
  credits         TEXT,
  lead_member_id  TEXT REFERENCES members (id) ON DELETE SET NULL,
  major_id        TEXT REFERENCES project_majors (id) ON DELETE SET NULL,
  url             TEXT,
  certificate     TEXT,
  position        INTEGER NOT NULL DEFAULT 0,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);

INSERT INTO new_courses (id, project_id, title, kind, certificate, position, created_at, updated_at)
  SELECT id, project_id, title,
         CASE kind WHEN 'structured' THEN 'standardized' ELSE 'training' END,
         CASE kind WHEN 'certificate' THEN title END,
         position, created_at, updated_at
    FROM courses;

DROP TABLE courses;
PRAGMA legacy_alter_table = ON;
ALTER TABLE new_courses RENAME TO courses;
PRAGMA legacy_alter_table = OFF;

CREATE INDEX courses_project ON courses (project_id);
CREATE INDEX courses_lead ON courses (lead_member_id) WHERE lead_member_id IS NOT NULL;
CREATE INDEX courses_major ON courses (major_id) WHERE major_id IS NOT NULL;

CREATE TRIGGER courses_sync_delete AFTER DELETE ON courses BEGIN
  DELETE FROM sync_versions WHERE kind = 'course' AND record_id = old.id;
  DELETE FROM sync_bases WHERE kind = 'course' AND record_id = old.id;
END;

-- As in 0008-search-names.sql: a course renamed renames the names of the resources on its points.
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

ALTER TABLE members ADD COLUMN leader TEXT NOT NULL DEFAULT 'no' CHECK (leader IN ('no', 'yes'));
ALTER TABLE members ADD COLUMN dual_qualified TEXT NOT NULL DEFAULT 'no' CHECK (dual_qualified IN ('no', 'yes'));
ALTER TABLE members ADD COLUMN enterprise TEXT NOT NULL DEFAULT 'no' CHECK (enterprise IN ('no', 'yes'));
ALTER TABLE members ADD COLUMN birth_year INTEGER CHECK (birth_year BETWEEN 1900 AND 2100);
ALTER TABLE members ADD COLUMN office TEXT;

ALTER TABLE budget_lines ADD COLUMN year INTEGER CHECK (year BETWEEN 2000 AND 2100);
ALTER TABLE budget_lines ADD COLUMN received_cents INTEGER CHECK (received_cents >= 0);
ALTER TABLE budget_lines ADD COLUMN spent_cents INTEGER CHECK (spent_cents >= 0);
