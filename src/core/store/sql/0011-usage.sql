-- ResLib Studio store, schema version 11: the usage statistics of a project's library (应用推广), one row per
-- period, imported from the CSV the platform exports (data/profiles/usage-csv.md; reslib-usage-csv.c).
--
-- The registered users (students, teachers, enterprise employees, public learners) are the totals at the
-- end of the period, so that the users at a date are those of the last period ending by then; learners,
-- schools covered and visits are those of the period. A period imported again replaces the one there.
CREATE TABLE usage_periods (
  id               TEXT PRIMARY KEY,
  project_id       TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  period_start     TEXT NOT NULL,
  period_end       TEXT NOT NULL CHECK (period_end >= period_start),
  students         INTEGER NOT NULL CHECK (students >= 0),
  teachers         INTEGER NOT NULL CHECK (teachers >= 0),
  employees        INTEGER NOT NULL CHECK (employees >= 0),
  public_learners  INTEGER NOT NULL CHECK (public_learners >= 0),
  learners         INTEGER NOT NULL CHECK (learners >= 0),
  schools          INTEGER NOT NULL CHECK (schools >= 0),
  visits           INTEGER NOT NULL CHECK (visits >= 0),
  source           TEXT,
  imported_at      TEXT NOT NULL,
  UNIQUE (project_id, period_start, period_end)
);
CREATE INDEX usage_periods_end ON usage_periods (project_id, period_end);
