/* reslib-sheet-columns.h — the columns of the resource list (资源清单), for its export and its import
 *
 * One table, read by both directions: the export (xlsx, CSV) writes these columns in this order, with
 * the headers in the user's language; the import (import-sheet) finds its columns by header, in either
 * language, and writes only the columns marked writable.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * ReslibSheetColumnId:
 * @RESLIB_SHEET_COLUMN_NUMBER: 序号, the row's number in the list
 * @RESLIB_SHEET_COLUMN_TITLE: 资源名称, the resource's title
 * @RESLIB_SHEET_COLUMN_TYPE: 类型, the resource type's label
 * @RESLIB_SHEET_COLUMN_FORMAT: 格式, the file's extension in capitals ("MP4")
 * @RESLIB_SHEET_COLUMN_SIZE: 大小（MB）, the file's size in MB (10⁶ bytes), two decimals
 * @RESLIB_SHEET_COLUMN_DURATION: 时长, the media's duration as h:mm:ss (probed), empty when it has none
 * @RESLIB_SHEET_COLUMN_COURSE: 所属课程, the titles of the courses of the resource's points
 * @RESLIB_SHEET_COLUMN_MODULE: 模块, the titles of the modules above the resource's points
 * @RESLIB_SHEET_COLUMN_POINT: 知识点/技能点, the titles of the resource's knowledge and skill points
 * @RESLIB_SHEET_COLUMN_AUTHORS: 作者, the authors in their order
 * @RESLIB_SHEET_COLUMN_UNIT: 所属单位, the unit's name
 * @RESLIB_SHEET_COLUMN_ORIGIN: 来源（原创/引用/开放）, the origin's word (reslib_sheet_origin_label())
 * @RESLIB_SHEET_COLUMN_LICENSE: 许可, the licence
 * @RESLIB_SHEET_COLUMN_STATE: 审核状态, the review state's label
 * @RESLIB_SHEET_COLUMN_KEYWORDS: 关键词, the keywords
 * @RESLIB_SHEET_COLUMN_ID: 资源编号, the resource's id: what an import matches rows by
 * @RESLIB_SHEET_COLUMN_DESCRIPTION: 简介, the description
 * @RESLIB_SHEET_COLUMN_LICENSE_HOLDER: 授权方, who holds the licence
 * @RESLIB_SHEET_COLUMN_TAGS: 标签, the tags as the plan names them (课程思政、创新创业、职业培训)
 * @RESLIB_SHEET_COLUMN_CERTIFICATE: 1+X证书, the 1+X certificate the resource prepares for
 * @RESLIB_SHEET_COLUMN_URL: 网址, an online resource's address (在线资源: no file)
 * @RESLIB_SHEET_COLUMN_FILE_NAME: 文件名, the file's name: what an import matches rows by when there is no id
 * @RESLIB_SHEET_COLUMN_FILE_PATH: 文件路径, a file to import, relative to the sheet (import only; the
 *   export does not write it)
 *
 * The columns, in the order the export writes them.
 */
typedef enum
{
  RESLIB_SHEET_COLUMN_NUMBER,
  RESLIB_SHEET_COLUMN_TITLE,
  RESLIB_SHEET_COLUMN_TYPE,
  RESLIB_SHEET_COLUMN_FORMAT,
  RESLIB_SHEET_COLUMN_SIZE,
  RESLIB_SHEET_COLUMN_DURATION,
  RESLIB_SHEET_COLUMN_COURSE,
  RESLIB_SHEET_COLUMN_MODULE,
  RESLIB_SHEET_COLUMN_POINT,
  RESLIB_SHEET_COLUMN_AUTHORS,
  RESLIB_SHEET_COLUMN_UNIT,
  RESLIB_SHEET_COLUMN_ORIGIN,
  RESLIB_SHEET_COLUMN_LICENSE,
  RESLIB_SHEET_COLUMN_STATE,
  RESLIB_SHEET_COLUMN_KEYWORDS,
  RESLIB_SHEET_COLUMN_ID,
  RESLIB_SHEET_COLUMN_DESCRIPTION,
  RESLIB_SHEET_COLUMN_LICENSE_HOLDER,
  RESLIB_SHEET_COLUMN_TAGS,
  RESLIB_SHEET_COLUMN_CERTIFICATE,
  RESLIB_SHEET_COLUMN_URL,
  RESLIB_SHEET_COLUMN_FILE_NAME,
  RESLIB_SHEET_COLUMN_FILE_PATH,
  RESLIB_SHEET_N_COLUMNS
} ReslibSheetColumnId;

/**
 * ReslibSheetValue:
 * @RESLIB_SHEET_VALUE_NUMBER: an integer (序号)
 * @RESLIB_SHEET_VALUE_TEXT: text as it is
 * @RESLIB_SHEET_VALUE_TYPE: a resource type: its label (reslib_label_resource_type())
 * @RESLIB_SHEET_VALUE_ORIGIN: an origin: reslib_sheet_origin_label()
 * @RESLIB_SHEET_VALUE_STATE: a review state: its label (reslib_label_resource_state())
 * @RESLIB_SHEET_VALUE_SIZE: bytes, written as MB (reslib_sheet_format_size())
 * @RESLIB_SHEET_VALUE_DURATION: seconds, written as h:mm:ss (reslib_sheet_format_duration())
 * @RESLIB_SHEET_VALUE_LIST: several values, written joined with %RESLIB_SHEET_LIST_SEPARATOR; read
 *   split with reslib_split_list()
 *
 * What a column's cells hold, and so how they are written and read.
 */
typedef enum
{
  RESLIB_SHEET_VALUE_NUMBER,
  RESLIB_SHEET_VALUE_TEXT,
  RESLIB_SHEET_VALUE_TYPE,
  RESLIB_SHEET_VALUE_ORIGIN,
  RESLIB_SHEET_VALUE_STATE,
  RESLIB_SHEET_VALUE_SIZE,
  RESLIB_SHEET_VALUE_DURATION,
  RESLIB_SHEET_VALUE_LIST,
} ReslibSheetValue;

/**
 * ReslibSheetColumnFlags:
 * @RESLIB_SHEET_COLUMN_READ_ONLY: written by the export; an import ignores it (序号, 格式, 大小, 时长, 审核状态)
 * @RESLIB_SHEET_COLUMN_WRITABLE: an import writes the cell into the resource's @field
 * @RESLIB_SHEET_COLUMN_MATCH: an import matches rows to resources by it (资源编号 first, then 文件名)
 * @RESLIB_SHEET_COLUMN_IMPORT_ONLY: the export does not write it (文件路径)
 */
typedef enum
{
  RESLIB_SHEET_COLUMN_READ_ONLY   = 0,
  RESLIB_SHEET_COLUMN_WRITABLE    = 1 << 0,
  RESLIB_SHEET_COLUMN_MATCH       = 1 << 1,
  RESLIB_SHEET_COLUMN_IMPORT_ONLY = 1 << 2,
} ReslibSheetColumnFlags;

/**
 * ReslibSheetColumn:
 * @id: the column
 * @key: a stable ASCII name ("title", "points"), for JSON and tests
 * @header: the English header, the msgid of the header the export writes (reslib_sheet_column_header())
 * @header_zh: the Chinese header: the zh_CN translation of @header
 * @aliases: (nullable): other headers an import accepts, separated by "|" ("大小|Size")
 * @field: (nullable): the resource's field an import writes (reslib_store_update_resources()'s names:
 *   "title", "type", "authors", "nodes" …); %NULL when there is none
 * @value: what the cells hold
 * @flags: what the export and the import do with it
 * @width: the column's width in the xlsx sheet, in characters
 *
 * One column of the resource list.
 */
typedef struct
{
  ReslibSheetColumnId     id;
  const char             *key;
  const char             *header;
  const char             *header_zh;
  const char             *aliases;
  const char             *field;
  ReslibSheetValue        value;
  ReslibSheetColumnFlags  flags;
  double                  width;
} ReslibSheetColumn;

/* What several values in one cell are joined with by the export. */
#define RESLIB_SHEET_LIST_SEPARATOR "、"

const ReslibSheetColumn *reslib_sheet_column          (ReslibSheetColumnId      id);
const ReslibSheetColumn *reslib_sheet_column_lookup   (const char              *header);
const char              *reslib_sheet_column_header   (const ReslibSheetColumn *column);

const char              *reslib_sheet_origin_label    (const char              *origin);
const char              *reslib_sheet_parse_type      (const char              *text);
const char              *reslib_sheet_parse_origin    (const char              *text);

gboolean                 reslib_sheet_csv_needs_guard (const char           *text);
const char              *reslib_sheet_csv_unguard     (const char           *text);

char                    *reslib_sheet_format_size     (gint64                   bytes);
char                    *reslib_sheet_format_duration (double                   seconds);

G_END_DECLS
