-- ResLib Studio store, schema version 17: the narrative sections of the progress and acceptance reports join
-- the dossier's in project_texts.
--
-- New sections: progress-problems (存在问题) and progress-next (下一步计划) of the progress report
-- (建设进展与应用分析报告); for the acceptance report (验收总结报告, 教职成司函〔2021〕36号) what was achieved in each
-- of the five dimensions — outcome-resources (资源建设), outcome-platform (平台功能), outcome-promotion (应用推广),
-- outcome-innovation (特色创新), outcome-institution (制度保障) — and audit (审计报告: who audited, the report's
-- number, its conclusion). SQLite cannot change a CHECK in place: the table is made anew and its rows copied.
CREATE TABLE project_texts_17 (
  project_id  TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  section     TEXT NOT NULL CHECK (section IN ('foundation', 'leader-experience', 'content-resources',
                                               'content-platform', 'content-promotion', 'content-innovation',
                                               'content-institution', 'safeguards', 'recommender',
                                               'progress-problems', 'progress-next', 'outcome-resources',
                                               'outcome-platform', 'outcome-promotion', 'outcome-innovation',
                                               'outcome-institution', 'audit')),
  text        TEXT NOT NULL CHECK (length (trim (text)) > 0),
  updated_at  TEXT NOT NULL,
  PRIMARY KEY (project_id, section)
) WITHOUT ROWID;
INSERT INTO project_texts_17 (project_id, section, text, updated_at)
  SELECT project_id, section, text, updated_at FROM project_texts;
DROP TABLE project_texts;
ALTER TABLE project_texts_17 RENAME TO project_texts;
