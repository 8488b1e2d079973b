/* reslib-sheet-columns.c — the columns of the resource list (资源清单), for its export and its import
 *
 * The sheet is a document people pass around: the export writes the headers and the words of fixed
 * values (types, origins, states) in the user's language; an import accepts them in either language,
 * and the store's own words too, so a sheet made in Chinese imports in an English session and back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "reslib-enum-types.h"
#include "reslib-labels.h"
#include "reslib-sheet-columns.h"

#define HEADER_CONTEXT "resource list column"

#define W RESLIB_SHEET_COLUMN_WRITABLE
#define RO RESLIB_SHEET_COLUMN_READ_ONLY

static const ReslibSheetColumn columns[] = {
  { RESLIB_SHEET_COLUMN_NUMBER, "number",
    NC_ ("resource list column", "No."), "序号", "No|Number", NULL,
    RESLIB_SHEET_VALUE_NUMBER, RO, 6 },
  { RESLIB_SHEET_COLUMN_TITLE, "title",
    NC_ ("resource list column", "Title"), "资源名称", "名称|标题|Resource title|Name", "title",
    RESLIB_SHEET_VALUE_TEXT, W, 36 },
  { RESLIB_SHEET_COLUMN_TYPE, "type",
    NC_ ("resource list column", "Type"), "类型", "资源类型|Resource type", "type",
    RESLIB_SHEET_VALUE_TYPE, W, 10 },
  { RESLIB_SHEET_COLUMN_FORMAT, "format",
    NC_ ("resource list column", "Format"), "格式", "文件格式|File format", NULL,
    RESLIB_SHEET_VALUE_TEXT, RO, 8 },
  { RESLIB_SHEET_COLUMN_SIZE, "size",
    NC_ ("resource list column", "Size (MB)"), "大小（MB）", "大小|Size", NULL,
    RESLIB_SHEET_VALUE_SIZE, RO, 10 },
  { RESLIB_SHEET_COLUMN_DURATION, "duration",
    NC_ ("resource list column", "Duration"), "时长", NULL, NULL,
    RESLIB_SHEET_VALUE_DURATION, RO, 10 },
  /* The course, module and point columns together name the nodes a resource belongs to. */
  { RESLIB_SHEET_COLUMN_COURSE, "course",
    NC_ ("resource list column", "Course"), "所属课程", "课程", "nodes",
    RESLIB_SHEET_VALUE_LIST, W, 20 },
  { RESLIB_SHEET_COLUMN_MODULE, "module",
    NC_ ("resource list column", "Module"), "模块", "所属模块", "nodes",
    RESLIB_SHEET_VALUE_LIST, W, 20 },
  { RESLIB_SHEET_COLUMN_POINT, "point",
    NC_ ("resource list column", "Knowledge/skill point"), "知识点/技能点", "知识点|技能点|Point|Points", "nodes",
    RESLIB_SHEET_VALUE_LIST, W, 24 },
  { RESLIB_SHEET_COLUMN_AUTHORS, "authors",
    NC_ ("resource list column", "Authors"), "作者", "Author", "authors",
    RESLIB_SHEET_VALUE_LIST, W, 14 },
  { RESLIB_SHEET_COLUMN_UNIT, "unit",
    NC_ ("resource list column", "Unit"), "所属单位", "单位", "unit_id",
    RESLIB_SHEET_VALUE_TEXT, W, 24 },
  { RESLIB_SHEET_COLUMN_ORIGIN, "origin",
    NC_ ("resource list column", "Origin (original/licensed/open)"), "来源（原创/引用/开放）", "来源|Origin", "origin",
    RESLIB_SHEET_VALUE_ORIGIN, W, 12 },
  { RESLIB_SHEET_COLUMN_LICENSE, "license",
    NC_ ("resource list column", "Licence"), "许可", "许可协议|License", "license",
    RESLIB_SHEET_VALUE_TEXT, W, 14 },
  { RESLIB_SHEET_COLUMN_STATE, "state",
    NC_ ("resource list column", "Review state"), "审核状态", "状态|State", NULL,
    RESLIB_SHEET_VALUE_STATE, RO, 10 },
  { RESLIB_SHEET_COLUMN_KEYWORDS, "keywords",
    NC_ ("resource list column", "Keywords"), "关键词", "关键字|Keyword", "keywords",
    RESLIB_SHEET_VALUE_LIST, W, 20 },
  { RESLIB_SHEET_COLUMN_ID, "id",
    NC_ ("resource list column", "Resource ID"), "资源编号", "编号|ID", NULL,
    RESLIB_SHEET_VALUE_TEXT, RESLIB_SHEET_COLUMN_MATCH, 38 },
  { RESLIB_SHEET_COLUMN_DESCRIPTION, "description",
    NC_ ("resource list column", "Description"), "简介", "资源简介|描述|说明", "description",
    RESLIB_SHEET_VALUE_TEXT, W, 40 },
  { RESLIB_SHEET_COLUMN_LICENSE_HOLDER, "license_holder",
    NC_ ("resource list column", "Licence holder"), "授权方", "License holder", "license_holder",
    RESLIB_SHEET_VALUE_TEXT, W, 16 },
  { RESLIB_SHEET_COLUMN_TAGS, "tags",
    NC_ ("resource list column", "Tags"), "标签", "资源标签|Tag", "tags",
    RESLIB_SHEET_VALUE_LIST, W, 20 },
  { RESLIB_SHEET_COLUMN_CERTIFICATE, "certificate",
    NC_ ("resource list column", "1+X certificate"), "1+X证书", "1+X|1+X职业技能等级证书|Certificate", "certificate",
    RESLIB_SHEET_VALUE_TEXT, W, 18 },
  { RESLIB_SHEET_COLUMN_URL, "url",
    NC_ ("resource list column", "Online address"), "网址", "在线地址|链接|URL|Address", "url",
    RESLIB_SHEET_VALUE_TEXT, W, 30 },
  { RESLIB_SHEET_COLUMN_FILE_NAME, "file_name",
    NC_ ("resource list column", "File name"), "文件名", "文件名称", NULL,
    RESLIB_SHEET_VALUE_TEXT, RESLIB_SHEET_COLUMN_MATCH, 28 },
  { RESLIB_SHEET_COLUMN_FILE_PATH, "file_path",
    NC_ ("resource list column", "File path"), "文件路径", "路径|Path", NULL,
    RESLIB_SHEET_VALUE_TEXT, RESLIB_SHEET_COLUMN_IMPORT_ONLY, 28 },
};
G_STATIC_ASSERT (G_N_ELEMENTS (columns) == RESLIB_SHEET_N_COLUMNS);

#undef W
#undef RO

/**
 * reslib_sheet_column:
 * @id: a column
 *
 * Returns: (transfer none): the column's description
 */
const ReslibSheetColumn *
reslib_sheet_column (ReslibSheetColumnId id)
{
  g_return_val_if_fail (id < RESLIB_SHEET_N_COLUMNS, NULL);
  g_assert (columns[id].id == id);

  return &columns[id];
}

/**
 * reslib_sheet_column_header:
 * @column: a column
 *
 * Returns: (transfer none): the header the export writes: in the user's language
 */
const char *
reslib_sheet_column_header (const ReslibSheetColumn *column)
{
  g_return_val_if_fail (column != NULL, NULL);

  return g_dpgettext2 (GETTEXT_PACKAGE, HEADER_CONTEXT, column->header);
}

/* How a header compares: without spaces (any, the ideographic one too), case and width folded
 * ("来源(原创/引用/开放)" is "来源（原创/引用/开放）", "FILE  NAME" is "file name"). */
static char *
fold_header (const char *text,
             gssize      len)
{
  g_autofree char *normal = g_utf8_normalize (text, len, G_NORMALIZE_ALL_COMPOSE);
  g_autofree char *folded = NULL;
  GString *out;

  if (normal == NULL)
    return NULL;
  folded = g_utf8_casefold (normal, -1);
  out = g_string_sized_new (strlen (folded));
  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && c != 0x3000 && c != 0xFEFF && c != '_')
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static gboolean
header_is (const char *folded,
           const char *candidate,
           gssize      len)
{
  g_autofree char *other = fold_header (candidate, len);

  return other != NULL && other[0] != '\0' && g_str_equal (folded, other);
}

/**
 * reslib_sheet_column_lookup:
 * @header: a header cell as someone wrote it
 *
 * Finds the column with @header, in English or in Chinese, whatever the user's language; spaces, case
 * and full-width forms do not matter ("资源编号", "Resource ID", "resource id", "来源(原创/引用/开放)").
 * A column's key ("file_name") and its aliases ("大小") are accepted too.
 *
 * Returns: (transfer none) (nullable): the column, or %NULL when @header names none
 */
const ReslibSheetColumn *
reslib_sheet_column_lookup (const char *header)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (header != NULL, NULL);

  folded = fold_header (header, -1);
  if (folded == NULL || folded[0] == '\0')
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      const ReslibSheetColumn *column = &columns[i];

      if (header_is (folded, column->header, -1) ||
          header_is (folded, column->header_zh, -1) ||
          header_is (folded, column->key, -1) ||
          header_is (folded, reslib_sheet_column_header (column), -1))
        return column;
      if (column->aliases != NULL)
        for (const char *p = column->aliases; *p != '\0';)
          {
            const char *end = strchr (p, '|');
            gssize len = end != NULL ? end - p : (gssize) strlen (p);

            if (header_is (folded, p, len))
              return column;
            p += len + (end != NULL ? 1 : 0);
          }
    }

  return NULL;
}

/* ---------------------------------------------------------------------------------------------- */
/* Values                                                                                          */

typedef struct
{
  const char *label;      /* the word the export writes, a msgid with ORIGIN_CONTEXT */
  const char *label_zh;   /* its zh_CN translation */
} OriginWord;

#define ORIGIN_CONTEXT "resource list origin"

/* The words of the header 来源（原创/引用/开放）, indexed by ReslibResourceOrigin. */
static const OriginWord origin_words[] = {
  [RESLIB_RESOURCE_ORIGIN_ORIGINAL] = { NC_ ("resource list origin", "original"), "原创" },
  [RESLIB_RESOURCE_ORIGIN_LICENSED] = { NC_ ("resource list origin", "licensed"), "引用" },
  [RESLIB_RESOURCE_ORIGIN_OPEN] = { NC_ ("resource list origin", "open"), "开放" },
};
G_STATIC_ASSERT (G_N_ELEMENTS (origin_words) == RESLIB_RESOURCE_ORIGIN_OPEN + 1);

static int
nick_index (const char * const *nicks,
            const char         *nick)
{
  for (int i = 0; nicks[i] != NULL; i++)
    if (g_str_equal (nicks[i], nick))
      return i;

  return -1;
}

/**
 * reslib_sheet_origin_label:
 * @origin: (nullable): an origin as the store keeps it ("licensed")
 *
 * Returns: (transfer none): the word the resource list writes for @origin, in the user's language
 *   (原创, 引用, 开放 in Chinese, the words of the column's header); "" for %NULL, an unknown value as it is
 */
const char *
reslib_sheet_origin_label (const char *origin)
{
  int i;

  if (origin == NULL)
    return "";
  i = nick_index (reslib_resource_origin_nicks, origin);
  if (i < 0)
    return origin;

  return g_dpgettext2 (GETTEXT_PACKAGE, ORIGIN_CONTEXT, origin_words[i].label);
}

static gboolean
word_is (const char *folded,
         const char *word)
{
  return word != NULL && header_is (folded, word, -1);
}

/**
 * reslib_sheet_parse_type:
 * @text: a type cell ("视频", "Video", "video")
 *
 * Reads a resource type as the export writes it, in either language, or as the store keeps it.
 *
 * Returns: (transfer none) (nullable): the store's word for the type ("video"), or %NULL when @text
 *   names none
 */
const char *
reslib_sheet_parse_type (const char *text)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  folded = fold_header (text, -1);
  if (folded == NULL || folded[0] == '\0')
    return NULL;
  for (guint i = 0; reslib_resource_type_nicks[i] != NULL; i++)
    {
      const char *nick = reslib_resource_type_nicks[i];

      if (word_is (folded, nick) ||
          word_is (folded, reslib_label_resource_type (nick)) ||
          word_is (folded, reslib_label_resource_type_document (nick)) ||
          word_is (folded, reslib_label_resource_type_english (nick)))
        return nick;
    }

  return NULL;
}

/**
 * reslib_sheet_parse_origin:
 * @text: an origin cell ("引用", "licensed", "Licensed", "授权使用")
 *
 * Reads an origin as the export writes it, in either language, as the app shows it, or as the store
 * keeps it.
 *
 * Returns: (transfer none) (nullable): the store's word for the origin ("licensed"), or %NULL when
 *   @text names none
 */
const char *
reslib_sheet_parse_origin (const char *text)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  folded = fold_header (text, -1);
  if (folded == NULL || folded[0] == '\0')
    return NULL;
  for (guint i = 0; reslib_resource_origin_nicks[i] != NULL; i++)
    {
      const char *nick = reslib_resource_origin_nicks[i];

      if (word_is (folded, nick) ||
          word_is (folded, origin_words[i].label_zh) ||
          word_is (folded, reslib_sheet_origin_label (nick)) ||
          word_is (folded, reslib_label_resource_origin (nick)))
        return nick;
    }

  return NULL;
}

/**
 * reslib_sheet_format_size:
 * @bytes: a size in bytes, or -1 for none
 *
 * Returns: (transfer full): the size in MB (10⁶ bytes) with two decimals and a point whatever the
 *   locale ("12.35"), "" for none
 */
char *
reslib_sheet_format_size (gint64 bytes)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (bytes < 0)
    return g_strdup ("");

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.2f", (double) bytes / 1e6));
}

/**
 * reslib_sheet_format_duration:
 * @seconds: a duration, 0 or less for none
 *
 * Returns: (transfer full): the duration rounded to the second as h:mm:ss ("0:04:05", "12:00:00"),
 *   "" for none
 */
char *
reslib_sheet_format_duration (double seconds)
{
  gint64 s;

  /* Up to a thousand years: anything longer is not a duration a probe reports. */
  if (!(seconds > 0) || !(seconds < 3.2e10))
    return g_strdup ("");
  s = (gint64) (seconds + 0.5);

  return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d:%02d", s / 3600, (int) (s / 60 % 60), (int) (s % 60));
}

/**
 * reslib_sheet_csv_needs_guard:
 * @text: a cell's text
 *
 * Whether a spreadsheet program would take @text for a formula (it starts with "=", "+", "-", "@", a
 * tab or a carriage return): the CSV export writes such a cell with an apostrophe in front, so that a
 * title from someone else ("=HYPERLINK(…)") stays text when the list is opened.
 *
 * Returns: %TRUE when the CSV export guards @text
 */
gboolean
reslib_sheet_csv_needs_guard (const char *text)
{
  g_return_val_if_fail (text != NULL, FALSE);

  return text[0] != '\0' && strchr ("=+-@\t\r", text[0]) != NULL;
}

/**
 * reslib_sheet_csv_unguard:
 * @text: a cell of a CSV file
 *
 * Undoes the guard of reslib_sheet_csv_needs_guard(): drops the apostrophe in front of a cell that
 * would need it ("'=1+1" is "=1+1"); any other text stays as it is ("'quoted'").
 *
 * Returns: (transfer none): @text, or the text after its apostrophe
 */
const char *
reslib_sheet_csv_unguard (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);

  if (text[0] == '\'' && reslib_sheet_csv_needs_guard (text + 1))
    return text + 1;

  return text;
}
