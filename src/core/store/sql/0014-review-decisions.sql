-- ResLib Studio store, schema version 14: the decisions of the two-level review (reslib-store-review.c).
--
-- A resource of a unit other than the first host (第一主持单位, the host ranked first) is checked first by a
-- reviewer of its own unit (level 1); the first host's reviewer decides (level 2). A resource of the first
-- host, or of no unit, goes straight to level 2. resources.state stays what the resource is (draft,
-- in-review, approved, rejected); each decision is a row here, kept as the review log. A level-2 approval
-- needs, where level 1 is required, a level-1 approval as the resource's latest decision.
--
-- The reviewer is a member of the unit (reviewer_id); the reviewer's and the unit's names are kept as they
-- were, so that the log still reads after a member or a unit is removed. A decision made without a member
-- (reslib_store_review(), the library's own) has no reviewer_id and the store's actor as reviewer. The
-- checklist (政治性、科学性、版权): 1 checked and passed, 0 not passed, NULL not recorded.
CREATE TABLE review_decisions (
  id           INTEGER PRIMARY KEY,
  project_id   TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  resource_id  TEXT NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
  level        INTEGER NOT NULL CHECK (level = 1 OR level = 2),
  unit_id      TEXT REFERENCES units (id) ON DELETE SET NULL,
  unit_name    TEXT,
  reviewer_id  TEXT REFERENCES members (id) ON DELETE SET NULL,
  reviewer     TEXT NOT NULL,
  decision     TEXT NOT NULL CHECK (decision IN ('approve', 'reject')),
  political    INTEGER CHECK (political = 0 OR political = 1),
  scientific   INTEGER CHECK (scientific = 0 OR scientific = 1),
  copyright    INTEGER CHECK (copyright = 0 OR copyright = 1),
  note         TEXT,
  decided_at   TEXT NOT NULL
);
CREATE INDEX review_decisions_resource ON review_decisions (resource_id, id);
CREATE INDEX review_decisions_project ON review_decisions (project_id, id);
CREATE INDEX review_decisions_reviewer ON review_decisions (reviewer_id) WHERE reviewer_id IS NOT NULL;
CREATE INDEX review_decisions_unit ON review_decisions (unit_id) WHERE unit_id IS NOT NULL;
