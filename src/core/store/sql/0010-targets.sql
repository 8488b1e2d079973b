-- ResLib Studio store, schema version 10: the project's targets (任务书/建设目标), planned numbers that reports
-- and the project.targets rule compare with what the store holds (reslib-store-targets.c says what "actual"
-- counts for each kind).
--
-- kind: resources (颗粒化资源 in all), resource-type (type: a resource type), course-resources (course_id),
-- questions (题库题量), standard-courses (标准化课程), personal-courses (个性化课程), training-packages (培训包).
-- One target per kind and subject; a course's target goes with its course.
CREATE TABLE targets (
  id             TEXT PRIMARY KEY,
  project_id     TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  kind           TEXT NOT NULL CHECK (kind IN ('resources', 'resource-type', 'course-resources', 'questions',
                                               'standard-courses', 'personal-courses', 'training-packages')),
  resource_type  TEXT CHECK (resource_type IN ('text', 'slides', 'image', 'audio', 'video', 'animation',
                                               'simulation', 'exercise', 'case', 'other')),
  course_id      TEXT REFERENCES courses (id) ON DELETE CASCADE,
  planned        INTEGER NOT NULL CHECK (planned >= 0),
  note           TEXT,
  position       INTEGER NOT NULL DEFAULT 0,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  CHECK ((kind = 'resource-type') = (resource_type IS NOT NULL)),
  CHECK ((kind = 'course-resources') = (course_id IS NOT NULL))
);
CREATE UNIQUE INDEX targets_subject ON targets (project_id, kind, coalesce (resource_type, course_id, ''));
CREATE INDEX targets_course ON targets (course_id) WHERE course_id IS NOT NULL;
