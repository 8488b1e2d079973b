/* reslib-entity.c — the field tables of the data model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "reslib-entity.h"
#include "reslib-error.h"
#include "reslib-labels.h"
#include "reslib-text.h"

#define ID_FIELD        { "id", RESLIB_FIELD_TEXT, RESLIB_FIELD_INTERNAL }
#define PROJECT_FIELD   { "project_id", RESLIB_FIELD_REF, RESLIB_FIELD_REQUIRED | RESLIB_FIELD_INTERNAL, NULL, RESLIB_KIND_PROJECT }
#define POSITION_FIELD  { "position", RESLIB_FIELD_INT, RESLIB_FIELD_SETTABLE }
#define TIME_FIELDS     { "created_at", RESLIB_FIELD_TIME, RESLIB_FIELD_INTERNAL }, \
                        { "updated_at", RESLIB_FIELD_TIME, RESLIB_FIELD_INTERNAL }
#define TEXT(n, f)      { n, RESLIB_FIELD_TEXT, f }
#define DATE(n)         { n, RESLIB_FIELD_DATE, RESLIB_FIELD_SETTABLE }
#define CHOICE(n, c, f) { n, RESLIB_FIELD_CHOICE, f, c }
#define REF(n, k, f)    { n, RESLIB_FIELD_REF, f, NULL, k }
#define SET             RESLIB_FIELD_SETTABLE
#define REQ             (RESLIB_FIELD_REQUIRED | RESLIB_FIELD_SETTABLE)
#define DEF             (REQ | RESLIB_FIELD_DEFAULTED)

static const ReslibField project_fields[] = {
  ID_FIELD,
  TEXT ("name", REQ),
  CHOICE ("level", reslib_project_levels, DEF),
  DATE ("start_date"),
  DATE ("end_date"),
  TEXT ("industry_chain", SET),
  TEXT ("description", SET),
  TEXT ("contact_name", SET),
  TEXT ("contact_phone", SET),
  TEXT ("contact_email", SET),
  DATE ("baseline_date"),
  { "baseline_count", RESLIB_FIELD_INT, SET },
  TIME_FIELDS,
};

static const ReslibField major_fields[] = {
  ID_FIELD,
  PROJECT_FIELD,
  CHOICE ("role", reslib_major_role_nicks, REQ),
  TEXT ("code", REQ),
  TEXT ("name", REQ),
  POSITION_FIELD,
  TIME_FIELDS,
};

static const ReslibField unit_fields[] = {
  ID_FIELD,
  PROJECT_FIELD,
  TEXT ("name", REQ),
  CHOICE ("kind", reslib_unit_kinds, REQ),
  CHOICE ("role", reslib_unit_roles, REQ),
  { "host_rank", RESLIB_FIELD_INT, SET },
  TEXT ("credit_code", SET),
  POSITION_FIELD,
  TIME_FIELDS,
};

/* sql/0012-course-member-budget.sql: title is the professional title (职称), office the post (职务), duty
 * the work in the project (分工); leader marks the project leader (项目负责人). */
static const ReslibField member_fields[] = {
  ID_FIELD,
  PROJECT_FIELD,
  REF ("unit_id", RESLIB_KIND_UNIT, REQ),
  TEXT ("name", REQ),
  TEXT ("title", SET),
  TEXT ("duty", SET),
  POSITION_FIELD,
  TIME_FIELDS,
  CHOICE ("leader", reslib_yes_no, DEF),
  CHOICE ("dual_qualified", reslib_yes_no, DEF),
  CHOICE ("enterprise", reslib_yes_no, DEF),
  { "birth_year", RESLIB_FIELD_INT, SET },
  TEXT ("office", SET),
};

/* sql/0012-course-member-budget.sql: kind standardized (标准化课程), personalised (个性化课程) or training
 * (培训课程); hours (学时), credits (学分), the lead teacher, the served major, the platform URL and the
 * 1+X certificate. */
static const ReslibField course_fields[] = {
  ID_FIELD,
  PROJECT_FIELD,
  TEXT ("title", REQ),
  CHOICE ("kind", reslib_course_kinds, DEF),
  POSITION_FIELD,
  TIME_FIELDS,
  TEXT ("code", SET),
  { "hours", RESLIB_FIELD_INT, SET },
  { "credits", RESLIB_FIELD_DECIMAL, SET },
  REF ("lead_member_id", RESLIB_KIND_MEMBER, SET),
  REF ("major_id", RESLIB_KIND_MAJOR, SET),
  TEXT ("url", SET),
  TEXT ("certificate", SET),
};

static const ReslibField node_fields[] = {
  ID_FIELD,
  PROJECT_FIELD,
  REF ("course_id", RESLIB_KIND_COURSE, RESLIB_FIELD_REQUIRED),
  REF ("parent_id", RESLIB_KIND_NODE, SET),
  CHOICE ("kind", reslib_node_kinds, REQ),
  TEXT ("title", REQ),
  POSITION_FIELD,
  TIME_FIELDS,
};

static const ReslibField resource_fields[] = {
  ID_FIELD,
  PROJECT_FIELD,
  /* NULL for an online resource, which has a url instead (sql/0015-milestones-evidence-tags.sql) */
  TEXT ("blob_sha256", RESLIB_FIELD_INTERNAL),
  TEXT ("file_name", REQ),
  TEXT ("title", REQ),
  TEXT ("description", SET),
  CHOICE ("type", reslib_resource_types, DEF),
  REF ("unit_id", RESLIB_KIND_UNIT, SET),
  CHOICE ("origin", reslib_resource_origins, DEF),
  TEXT ("license", SET),
  TEXT ("license_holder", SET),
  TEXT ("audience", SET),
  TEXT ("language", DEF),
  CHOICE ("state", reslib_resource_states, RESLIB_FIELD_REQUIRED | RESLIB_FIELD_INTERNAL | RESLIB_FIELD_DEFAULTED),
  TEXT ("review_note", RESLIB_FIELD_INTERNAL),
  TEXT ("reviewer", RESLIB_FIELD_INTERNAL),
  { "reviewed_at", RESLIB_FIELD_TIME, RESLIB_FIELD_INTERNAL },
  TIME_FIELDS,
  { "authors", RESLIB_FIELD_LIST, SET, NULL, 0, "resource_authors", "name", "resource_id" },
  { "keywords", RESLIB_FIELD_LIST, SET, NULL, 0, "resource_keywords", "keyword", "resource_id" },
  { "nodes", RESLIB_FIELD_LIST, SET, NULL, RESLIB_KIND_NODE, "resource_nodes", "node_id", "resource_id" },
  /* read from the blob row: list_key is then the join condition */
  { "size", RESLIB_FIELD_INT, RESLIB_FIELD_INTERNAL, NULL, 0, "blobs", "size", "sha256 = t.blob_sha256" },
  { "mime_type", RESLIB_FIELD_TEXT, RESLIB_FIELD_INTERNAL, NULL, 0, "blobs", "mime_type", "sha256 = t.blob_sha256" },
  /* sql/0015-milestones-evidence-tags.sql: where the platform hosts an online resource (在线资源, no file), the
   * 1+X certificate it prepares for (a name of the profile's list), and its tags: 课程思政, 创新创业, 职业培训. */
  TEXT ("url", SET),
  TEXT ("certificate", SET),
  { "tags", RESLIB_FIELD_LIST, SET, reslib_tags, 0, "resource_tags", "tag", "resource_id" },
  /* sql/0015-milestones-evidence-tags.sql: a document of the major or a course (人才培养方案, 专业教学标准,
   * 课程标准; the profile's "documents" say which belongs where) and its home, a major or a course of the
   * project, in place of a knowledge or skill point. */
  CHOICE ("document", reslib_resource_documents, SET),
  REF ("major_id", RESLIB_KIND_MAJOR, SET),
  REF ("course_id", RESLIB_KIND_COURSE, SET),
};

static const ReslibField budget_fields[] = {
  ID_FIELD,
  PROJECT_FIELD,
  REF ("unit_id", RESLIB_KIND_UNIT, SET),
  TEXT ("source", REQ),
  TEXT ("category", REQ),
  { "amount_cents", RESLIB_FIELD_INT, DEF },
  TEXT ("note", SET),
  POSITION_FIELD,
  TIME_FIELDS,
  /* sql/0012-course-member-budget.sql: amount_cents is the planned amount */
  { "year", RESLIB_FIELD_INT, SET },
  { "received_cents", RESLIB_FIELD_INT, SET },
  { "spent_cents", RESLIB_FIELD_INT, SET },
};

/* sql/0015-milestones-evidence-tags.sql: the deliverable (建设成果), its quantity and where it can be seen. */
static const ReslibField milestone_fields[] = {
  ID_FIELD,
  PROJECT_FIELD,
  TEXT ("title", REQ),
  DATE ("due_date"),
  DATE ("done_date"),
  TEXT ("note", SET),
  POSITION_FIELD,
  TIME_FIELDS,
  TEXT ("deliverable", SET),
  { "quantity", RESLIB_FIELD_INT, SET },
  TEXT ("evidence_url", SET),
};

static const ReslibField declaration_fields[] = {
  ID_FIELD,
  PROJECT_FIELD,
  REF ("unit_id", RESLIB_KIND_UNIT, RESLIB_FIELD_REQUIRED),
  CHOICE ("kind", reslib_declaration_kind_nicks, DEF),
  TEXT ("signed_by", SET),
  DATE ("signed_on"),
  TEXT ("note", SET),
  TIME_FIELDS,
};

static const ReslibField submission_fields[] = {
  ID_FIELD,
  PROJECT_FIELD,
  CHOICE ("kind", reslib_package_kinds, RESLIB_FIELD_REQUIRED | RESLIB_FIELD_INTERNAL),
  TEXT ("package_path", RESLIB_FIELD_REQUIRED | RESLIB_FIELD_INTERNAL),
  { "size", RESLIB_FIELD_INT, RESLIB_FIELD_REQUIRED | RESLIB_FIELD_INTERNAL },
  TEXT ("sha256", RESLIB_FIELD_REQUIRED | RESLIB_FIELD_INTERNAL),
  TEXT ("endpoint", RESLIB_FIELD_INTERNAL),
  TEXT ("upload_url", RESLIB_FIELD_INTERNAL),
  { "upload_offset", RESLIB_FIELD_INT, RESLIB_FIELD_INTERNAL },
  { "expires_at", RESLIB_FIELD_TIME, RESLIB_FIELD_INTERNAL },
  { "attempts", RESLIB_FIELD_INT, RESLIB_FIELD_INTERNAL },
  TEXT ("last_error", RESLIB_FIELD_INTERNAL),
  TIME_FIELDS,
  { "completed_at", RESLIB_FIELD_TIME, RESLIB_FIELD_INTERNAL },
  /* The tar's SHA-256 computed while it was sent (the receipt), where sha256 is the bag's own digest. */
  TEXT ("tar_sha256", RESLIB_FIELD_INTERNAL),
};

/* A planned number (sql/0010-targets.sql); its actual number is counted by reslib-store-targets.c. */
static const ReslibField target_fields[] = {
  ID_FIELD,
  PROJECT_FIELD,
  CHOICE ("kind", reslib_target_kinds, REQ),
  CHOICE ("resource_type", reslib_resource_types, SET),
  REF ("course_id", RESLIB_KIND_COURSE, SET),
  { "planned", RESLIB_FIELD_INT, REQ },
  TEXT ("note", SET),
  POSITION_FIELD,
  TIME_FIELDS,
};

#define ENTITY(k, n, t, ty, o, s, f) [k] = { k, n, t, ty, o, s, f, G_N_ELEMENTS (f) }

static const ReslibEntity entities[RESLIB_N_KINDS] = {
  ENTITY (RESLIB_KIND_PROJECT, "project", "projects", "ReslibProject", "name, created_at", NULL, project_fields),
  ENTITY (RESLIB_KIND_MAJOR, "major", "project_majors", "ReslibMajor", "role, position, code", "project_id", major_fields),
  ENTITY (RESLIB_KIND_UNIT, "unit", "units", "ReslibUnit",
          "CASE role WHEN 'host' THEN 0 ELSE 1 END, coalesce (host_rank, 1000), position, created_at", "project_id", unit_fields),
  ENTITY (RESLIB_KIND_MEMBER, "member", "members", "ReslibMember", "position, created_at", "project_id", member_fields),
  ENTITY (RESLIB_KIND_COURSE, "course", "courses", "ReslibCourse", "position, created_at", "project_id", course_fields),
  ENTITY (RESLIB_KIND_NODE, "node", "course_nodes", "ReslibNode", "position, created_at", "course_id", node_fields),
  ENTITY (RESLIB_KIND_RESOURCE, "resource", "resources", "ReslibResource", "created_at, rowid", "project_id", resource_fields),
  ENTITY (RESLIB_KIND_BUDGET_LINE, "budget-line", "budget_lines", "ReslibBudgetLine", "position, created_at", "project_id", budget_fields),
  ENTITY (RESLIB_KIND_MILESTONE, "milestone", "milestones", "ReslibMilestone",
          "coalesce (due_date, '9999'), position, created_at", "project_id", milestone_fields),
  ENTITY (RESLIB_KIND_DECLARATION, "declaration", "declarations", "ReslibDeclaration", "created_at", "project_id", declaration_fields),
  ENTITY (RESLIB_KIND_SUBMISSION, "submission", "submissions", "ReslibSubmission", "created_at", "project_id", submission_fields),
  /* In the order of their kinds, as reslib_store_list_target_progress() lists them */
  ENTITY (RESLIB_KIND_TARGET, "target", "targets", "ReslibTarget",
          "CASE kind WHEN 'resources' THEN 0 WHEN 'resource-type' THEN 1 WHEN 'course-resources' THEN 2 "
          "WHEN 'questions' THEN 3 WHEN 'standard-courses' THEN 4 WHEN 'personal-courses' THEN 5 "
          "WHEN 'training-packages' THEN 6 ELSE 7 END, position, created_at", "project_id", target_fields),
};

/**
 * reslib_entity_get:
 * @kind: a kind of record
 *
 * Returns: (transfer none): the description of @kind's table and fields, for the life of the process
 */
const ReslibEntity *
reslib_entity_get (ReslibKind kind)
{
  g_return_val_if_fail (kind < RESLIB_N_KINDS, NULL);

  return &entities[kind];
}

/**
 * reslib_entity_lookup:
 * @name: a kind's name as the CLI and the packages write it ("resource", "budget-line")
 *
 * Returns: (transfer none) (nullable): the entity of that name, or %NULL when there is none
 */
const ReslibEntity *
reslib_entity_lookup (const char *name)
{
  for (guint i = 0; i < RESLIB_N_KINDS; i++)
    if (g_strcmp0 (entities[i].name, name) == 0)
      return &entities[i];

  return NULL;
}

/* Compares a field name with @name, taking "-" in @name for "_" ("file-name" is "file_name"). */
static gboolean
same_name (const char *field,
           const char *name)
{
  for (; *field != '\0' && *name != '\0'; field++, name++)
    if (*field != *name && !(*field == '_' && *name == '-'))
      return FALSE;

  return *field == *name;
}

/**
 * reslib_entity_field_index:
 * @entity: an entity
 * @name: a field name, with "-" taken for "_" ("file-name" is "file_name")
 *
 * Returns: the field's position in @entity's fields, or -1 when @entity has no such field
 */
int
reslib_entity_field_index (const ReslibEntity *entity,
                           const char         *name)
{
  g_return_val_if_fail (name != NULL, -1);

  for (guint i = 0; i < entity->n_fields; i++)
    if (same_name (entity->fields[i].name, name))
      return (int) i;

  return -1;
}

/**
 * reslib_entity_find_field:
 * @entity: an entity
 * @name: a field name, with "-" taken for "_" ("file-name" is "file_name")
 *
 * Returns: (transfer none) (nullable): the field, or %NULL when @entity has no such field
 */
const ReslibField *
reslib_entity_find_field (const ReslibEntity *entity,
                          const char         *name)
{
  int i = reslib_entity_field_index (entity, name);

  return i < 0 ? NULL : &entity->fields[i];
}

/**
 * reslib_kind_to_display:
 * @kind: a kind of record
 *
 * Returns: (transfer none): the translated name of a kind of record, for messages
 */
const char *
reslib_kind_to_display (ReslibKind kind)
{
  switch (kind)
    {
    case RESLIB_KIND_PROJECT: return _("project");
    case RESLIB_KIND_MAJOR: return _("major");
    case RESLIB_KIND_UNIT: return _("unit");
    case RESLIB_KIND_MEMBER: return _("member");
    case RESLIB_KIND_COURSE: return _("course");
    case RESLIB_KIND_NODE: return _("course node");
    case RESLIB_KIND_RESOURCE: return _("resource");
    case RESLIB_KIND_BUDGET_LINE: return _("budget line");
    case RESLIB_KIND_MILESTONE: return _("milestone");
    case RESLIB_KIND_DECLARATION: return _("declaration");
    case RESLIB_KIND_SUBMISSION: return _("submission");
    case RESLIB_KIND_TARGET: return _("target");
    case RESLIB_N_KINDS:
    default:
      g_return_val_if_reached ("?");
    }
}

/**
 * reslib_strv_contains:
 * @strv: (nullable) (array zero-terminated=1): a list
 * @str: (nullable): a text
 *
 * Returns: %TRUE if both are given and @str is in @strv
 */
gboolean
reslib_strv_contains (const char * const *strv,
                      const char         *str)
{
  return strv != NULL && str != NULL && g_strv_contains (strv, str);
}

/**
 * reslib_parse_date:
 * @text: a date as YYYY-MM-DD
 * @date: (out) (optional): where to put it
 *
 * Returns: %TRUE if @text is a real calendar date in that exact form.
 */
gboolean
reslib_parse_date (const char *text,
                   GDate      *date)
{
  unsigned y, m, d;
  char tail;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  if (sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3)
    return FALSE;
  if (y < 1900 || y > 2999 || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  if (date != NULL)
    g_date_set_dmy (date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);

  return TRUE;
}

/**
 * reslib_parse_decimal:
 * @text: a number of zero or more with at most one decimal: "3", "3.5", "0.5"
 * @tenths: (out) (optional): the number in tenths
 *
 * Returns: %TRUE if @text is such a number, of at most six digits before the point
 */
gboolean
reslib_parse_decimal (const char *text,
                      gint64     *tenths)
{
  gint64 whole = 0, tenth = 0;
  guint digits = 0;
  const char *p = text;

  if (text == NULL)
    return FALSE;
  for (; g_ascii_isdigit (*p); p++, digits++)
    whole = whole * 10 + (*p - '0');
  if (digits == 0 || digits > 6)
    return FALSE;
  if (*p == '.')
    {
      if (!g_ascii_isdigit (p[1]) || p[2] != '\0')
        return FALSE;
      tenth = p[1] - '0';
      p += 2;
    }
  if (*p != '\0')
    return FALSE;
  if (tenths != NULL)
    *tenths = whole * 10 + tenth;

  return TRUE;
}

/**
 * reslib_amount_format:
 * @cents: (nullable): an amount in cents as the store keeps it ("1234560")
 *
 * Returns: (transfer full): the amount in yuan: "12345.6" is written "12345.60", a whole amount without
 *   decimals; "" for no amount
 */
char *
reslib_amount_format (const char *cents)
{
  gint64 value = 0;

  if (cents == NULL || !g_ascii_string_to_signed (cents, 10, 0, G_MAXINT64, &value, NULL))
    return g_strdup ("");
  if (value % 100 == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT, value / 100);

  return g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", value / 100, (int) (value % 100));
}

/**
 * reslib_amount_parse:
 * @text: (nullable): an amount in yuan: "12000", "12,000.50"
 * @cents: (out) (transfer full) (nullable): the amount in cents, %NULL for an empty text
 *
 * Returns: %TRUE for an amount of zero or more with at most two decimals, or an empty text (no amount)
 */
gboolean
reslib_amount_parse (const char  *text,
                     char       **cents,
                     GError     **error)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  int decimals = -1;
  gint64 value;

  *cents = NULL;
  if (text == NULL || *text == '\0')
    return TRUE;
  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          if (decimals >= 2)
            goto bad;
          if (decimals >= 0)
            decimals++;
          g_string_append_c (digits, *p);
        }
      else if (*p == '.' && decimals < 0 && digits->len > 0)
        decimals = 0;
      else if (*p == ',' && decimals < 0)
        continue;
      else
        goto bad;
    }
  if (digits->len == 0 || digits->len > 15)
    goto bad;
  for (int i = MAX (decimals, 0); i < 2; i++)
    g_string_append_c (digits, '0');
  if (!g_ascii_string_to_signed (digits->str, 10, 0, G_MAXINT64, &value, NULL))
    goto bad;
  *cents = g_strdup_printf ("%" G_GINT64_FORMAT, value);
  return TRUE;

bad:
  g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
               _("“%s” is not an amount in yuan: write it like 12000 or 12000.50"), text);
  return FALSE;
}

/**
 * reslib_parse_code_name:
 * @text: "CODE:NAME", e.g. "510201:计算机应用技术"
 *
 * Returns: %TRUE and the two parts, or %FALSE with a message that says what is wrong.
 */
gboolean
reslib_parse_code_name (const char  *text,
                        char       **code,
                        char       **name,
                        GError     **error)
{
  const char *colon = text != NULL ? strchr (text, ':') : NULL;
  g_autofree char *c = NULL;
  g_autofree char *n = NULL;

  if (colon == NULL)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                   _("“%s” is not CODE:NAME, e.g. 510201:计算机应用技术"), text ? text : "");
      return FALSE;
    }
  c = g_strstrip (g_strndup (text, colon - text));
  n = g_strstrip (g_strdup (colon + 1));
  if (*c == '\0' || *n == '\0')
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                   _("“%s” is not CODE:NAME: both the code and the name are needed"), text);
      return FALSE;
    }
  for (const char *p = c; *p; p++)
    if (!g_ascii_isalnum (*p))
      {
        g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                     _("The major code “%s” may hold only letters and digits"), c);
        return FALSE;
      }
  *code = g_steal_pointer (&c);
  *name = g_steal_pointer (&n);

  return TRUE;
}

/**
 * reslib_field_check_value:
 *
 * Checks that @value may be stored in @field. A %NULL or empty value clears the field.
 * References are checked by the store, which knows the records.
 */
gboolean
reslib_field_check_value (const ReslibEntity *entity,
                          const ReslibField  *field,
                          const char         *value,
                          GError            **error)
{
  if (value == NULL || *value == '\0')
    {
      if (field->flags & RESLIB_FIELD_REQUIRED)
        {
          g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                       _("The field “%s” of a %s cannot be empty"), reslib_label_field (entity->kind, field->name),
                       reslib_kind_to_display (entity->kind));
          return FALSE;
        }
      return TRUE;
    }

  if (!g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                   _("The value for “%s” is not valid UTF-8 text"), reslib_label_field (entity->kind, field->name));
      return FALSE;
    }

  switch (field->type)
    {
    case RESLIB_FIELD_CHOICE:
      if (!reslib_strv_contains (field->choices, value))
        {
          g_autofree char *list = g_strjoinv (", ", (char **) field->choices);
          g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                       _("“%s” is not a valid %s: use one of %s"), value, reslib_label_field (entity->kind, field->name), list);
          return FALSE;
        }
      break;

    case RESLIB_FIELD_DATE:
      if (!reslib_parse_date (value, NULL))
        {
          g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                       _("“%s” is not a valid date for %s: use YYYY-MM-DD, e.g. 2025-09-01"), value,
                       reslib_label_field (entity->kind, field->name));
          return FALSE;
        }
      break;

    case RESLIB_FIELD_INT:
      {
        gint64 v;
        if (!g_ascii_string_to_signed (value, 10, 0, G_MAXINT64, &v, NULL))
          {
            g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                         _("“%s” is not a whole number of zero or more for %s"), value,
                         reslib_label_field (entity->kind, field->name));
            return FALSE;
          }
      }
      break;

    case RESLIB_FIELD_DECIMAL:
      if (!reslib_parse_decimal (value, NULL))
        {
          g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                       _("“%s” is not a number of zero or more with at most one decimal for %s, e.g. 3 or 3.5"), value,
                       reslib_label_field (entity->kind, field->name));
          return FALSE;
        }
      break;

    case RESLIB_FIELD_TEXT:
    case RESLIB_FIELD_REF:
    case RESLIB_FIELD_TIME:
    case RESLIB_FIELD_LIST:
    default:
      break;
    }

  if (entity->kind == RESLIB_KIND_RESOURCE && g_str_equal (field->name, "url") && !reslib_url_check (value, error))
    return FALSE;
  if (entity->kind == RESLIB_KIND_MEMBER && g_str_equal (field->name, "birth_year") &&
      (g_ascii_strtoll (value, NULL, 10) < 1900 || g_ascii_strtoll (value, NULL, 10) > 2100))
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                   _("“%s” is not a year of birth: write the year with four digits, e.g. 1978"), value);
      return FALSE;
    }
  if (entity->kind == RESLIB_KIND_BUDGET_LINE && g_str_equal (field->name, "year") &&
      (g_ascii_strtoll (value, NULL, 10) < 2000 || g_ascii_strtoll (value, NULL, 10) > 2100))
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                   _("“%s” is not a budget year: write the year with four digits, e.g. 2027"), value);
      return FALSE;
    }

  return TRUE;
}

#define RESLIB_URL_MAX_BYTES 2048u

/**
 * reslib_url_check:
 * @url: an online resource's address
 *
 * Returns: %TRUE if @url is a whole http or https address with a host, no spaces or control characters
 *   and at most RESLIB_URL_MAX_BYTES bytes; %FALSE with a message saying what is wrong. Whether it is
 *   https is for the rule resource.url to say.
 */
gboolean
reslib_url_check (const char  *url,
                  GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *shown = NULL;
  const char *scheme;

  /* Browsers and platforms take addresses of about 2,000 bytes; a longer one is not an address. */
  if (url != NULL && strlen (url) > RESLIB_URL_MAX_BYTES)
    {
      shown = reslib_escape_text_len (url, -1, 60);
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                   _("The address “%s” is longer than %u bytes: it is not a web address"), shown, RESLIB_URL_MAX_BYTES);
      return FALSE;
    }
  if (url != NULL && g_utf8_validate (url, -1, NULL))
    for (const char *p = url; *p != '\0'; p = g_utf8_next_char (p))
      if (g_unichar_isspace (g_utf8_get_char (p)) || g_unichar_iscntrl (g_utf8_get_char (p)))
        goto bad;
  uri = url != NULL ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;
  if (uri == NULL)
    goto bad;
  scheme = g_uri_get_scheme (uri);
  if ((g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0) ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    goto bad;

  return TRUE;

bad:
  shown = reslib_escape_text (url);
  g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
               _("“%s” is not a web address: write the whole address, like https://example.edu.cn/course/1"), shown);
  return FALSE;
}

/**
 * reslib_url_file_name:
 * @url: a web address that reslib_url_check() accepts
 *
 * Returns: (transfer full): a name for an online resource's file_name: the last part of the address's path,
 *   or its host when the path has none
 */
char *
reslib_url_file_name (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  g_auto(GStrv) parts = NULL;
  const char *host;

  if (uri == NULL)
    return g_strdup (url);
  host = g_uri_get_host (uri) != NULL ? g_uri_get_host (uri) : url;
  parts = g_strsplit (g_uri_get_path (uri), "/", -1);
  for (int i = (int) g_strv_length (parts) - 1; i >= 0; i--)
    if (*parts[i] != '\0')
      {
        char *name = g_uri_unescape_string (parts[i], NULL);

        return name != NULL && g_utf8_validate (name, -1, NULL) ? name : (g_free (name), g_strdup (parts[i]));
      }

  return g_strdup (host);
}

/**
 * reslib_now_iso8601:
 *
 * Returns: (transfer full): the time now, in UTC, as the store writes times ("2026-11-24T09:30:12.123456Z")
 */
char *
reslib_now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
}

/**
 * reslib_uuid_new:
 *
 * Returns: (transfer full): a new random id, as the store gives records
 */
char *
reslib_uuid_new (void)
{
  return g_uuid_string_random ();
}
