-- ResLib Studio store, schema version 16: the narrative sections of the dossier (申报书), text the project
-- writes and the report prints as paragraphs, one per line.
--
-- section: foundation (建设基础), leader-experience (项目负责人主持经历), the five dimensions of 建设内容 —
-- content-resources (资源建设), content-platform (平台功能), content-promotion (应用推广), content-innovation
-- (特色创新), content-institution (制度保障) —, safeguards (保障措施) and recommender (推荐单位, the name the
-- cover shows). A section the project has not written has no row; the report prints （未填写） for it.
CREATE TABLE project_texts (
  project_id  TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  section     TEXT NOT NULL CHECK (section IN ('foundation', 'leader-experience', 'content-resources',
                                               'content-platform', 'content-promotion', 'content-innovation',
                                               'content-institution', 'safeguards', 'recommender')),
  text        TEXT NOT NULL CHECK (length (trim (text)) > 0),
  updated_at  TEXT NOT NULL,
  PRIMARY KEY (project_id, section)
) WITHOUT ROWID;
