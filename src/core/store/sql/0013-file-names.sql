-- ResLib Studio store, schema version 13: an index of a project's resources by their file name.
--
-- A spreadsheet's row names its resource by 文件名 (reslib-store-sheet.c): each row is looked up through
-- this index, so that a sheet of any length is matched in memory that does not grow with the project's
-- resources or the sheet's rows. resources_project (project_id, created_at) does not serve such a lookup.
CREATE INDEX resources_file_name ON resources (project_id, file_name);
