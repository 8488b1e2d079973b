/* reslib-sync.c — a record's content as packages exchange it: what an import compares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The digest is SHA-256 over the entity's name, then each content field in the order of the entity:
 * its name, then "N" for no value, "S" with the length (8 bytes, little-endian) and the bytes of a
 * value, or "L" with the number of values and each value as "S" for a list. A list without an order of
 * its own (keywords, nodes) is sorted and its repeats dropped first, as the store keeps it; the authors
 * keep their order.
 *
 * The fields added with schema 12 (sql/0012-course-member-budget.sql) and 15 (a milestone's deliverable,
 * quantity and evidence link, a resource's online address, 1+X certificate, tags, document kind and its
 * major or course:
 * sql/0015-milestones-evidence-tags.sql) count only when they hold something (a yes-or-no field: when it says
 * yes, a list: when it has a value), and a standardized course's kind counts as "structured", its name
 * before: a record that does not use them keeps the digest it had, so that the versions exchanged before an
 * upgrade, and those of a release before it, still match.
 */
#include "config.h"

#include <string.h>

#include "reslib-digest.h"
#include "reslib-sync.h"

gboolean
_reslib_sync_is_content (const ReslibField *field)
{
  static const char * const not_content[] = {
    "id", "project_id", "created_at", "updated_at", "state", "review_note", "reviewer", "reviewed_at", NULL
  };

  /* Fields read from another table's row (the blob's size and type) are not the record's. */
  if (field->type != RESLIB_FIELD_LIST && field->list_table != NULL)
    return FALSE;

  return !g_strv_contains (not_content, field->name);
}

static const struct
{
  ReslibKind  kind;
  const char *name;
} late_fields[] = {
  { RESLIB_KIND_MEMBER, "leader" },
  { RESLIB_KIND_MEMBER, "dual_qualified" },
  { RESLIB_KIND_MEMBER, "enterprise" },
  { RESLIB_KIND_MEMBER, "birth_year" },
  { RESLIB_KIND_MEMBER, "office" },
  { RESLIB_KIND_COURSE, "code" },
  { RESLIB_KIND_COURSE, "hours" },
  { RESLIB_KIND_COURSE, "credits" },
  { RESLIB_KIND_COURSE, "lead_member_id" },
  { RESLIB_KIND_COURSE, "major_id" },
  { RESLIB_KIND_COURSE, "url" },
  { RESLIB_KIND_COURSE, "certificate" },
  { RESLIB_KIND_BUDGET_LINE, "year" },
  { RESLIB_KIND_BUDGET_LINE, "received_cents" },
  { RESLIB_KIND_BUDGET_LINE, "spent_cents" },
  { RESLIB_KIND_MILESTONE, "deliverable" },
  { RESLIB_KIND_MILESTONE, "quantity" },
  { RESLIB_KIND_MILESTONE, "evidence_url" },
  { RESLIB_KIND_RESOURCE, "url" },
  { RESLIB_KIND_RESOURCE, "certificate" },
  { RESLIB_KIND_RESOURCE, "tags" },
  { RESLIB_KIND_RESOURCE, "document" },
  { RESLIB_KIND_RESOURCE, "major_id" },
  { RESLIB_KIND_RESOURCE, "course_id" },
};

/* A field added with schema 12 or 15 that holds nothing a record before it could not hold. */
static gboolean
is_late_and_unused (const ReslibEntity *entity,
                    const ReslibField  *field,
                    const char         *value,
                    const char * const *list)
{
  for (guint i = 0; i < G_N_ELEMENTS (late_fields); i++)
    if (late_fields[i].kind == entity->kind && strcmp (late_fields[i].name, field->name) == 0)
      {
        if (field->type == RESLIB_FIELD_LIST)
          return list == NULL || list[0] == NULL;
        return value == NULL || (field->choices == reslib_yes_no && strcmp (value, "no") == 0);
      }

  return FALSE;
}

static void
add_length (ReslibHasher *md,
            guint64     n)
{
  guint8 bytes[8];

  for (guint i = 0; i < 8; i++)
    bytes[i] = (guint8) (n >> (8 * i));
  reslib_hasher_update (md, bytes, sizeof bytes);
}

static void
add_string (ReslibHasher *md,
            const char *s)
{
  gsize len = strlen (s);

  reslib_hasher_update (md, "S", 1);
  add_length (md, len);
  reslib_hasher_update (md, s, len);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
add_list (ReslibHasher       *md,
          const ReslibField  *field,
          const char * const *values)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  guint n = 0;

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    g_ptr_array_add (sorted, (gpointer) values[i]);
  if (strcmp (field->name, "authors") != 0)
    g_ptr_array_sort (sorted, compare_strings);
  for (guint i = 0; i < sorted->len; i++)
    if (i == 0 || strcmp (g_ptr_array_index (sorted, i), g_ptr_array_index (sorted, i - 1)) != 0 ||
        strcmp (field->name, "authors") == 0)
      sorted->pdata[n++] = sorted->pdata[i];
  g_ptr_array_set_size (sorted, n);

  reslib_hasher_update (md, "L", 1);
  add_length (md, sorted->len);
  for (guint i = 0; i < sorted->len; i++)
    add_string (md, g_ptr_array_index (sorted, i));
}

void
_reslib_sync_digest (const ReslibEntity  *entity,
                     ReslibSyncValueFunc  value,
                     ReslibSyncListFunc   list,
                     gpointer             data,
                     guint8               digest[RESLIB_SYNC_DIGEST_SIZE])
{
  g_autoptr(ReslibHasher) md = reslib_hasher_new (RESLIB_DIGEST_SHA256, NULL);

  g_assert (md != NULL);
  add_string (md, entity->name);
  for (guint f = 0; f < entity->n_fields; f++)
    {
      const ReslibField *field = &entity->fields[f];

      const char *v;
      const char * const *values = NULL;

      if (!_reslib_sync_is_content (field))
        continue;
      v = field->type == RESLIB_FIELD_LIST ? NULL : value (f, data);
      values = field->type == RESLIB_FIELD_LIST ? list (f, data) : NULL;
      if (is_late_and_unused (entity, field, v, values))
        continue;
      if (entity->kind == RESLIB_KIND_COURSE && strcmp (field->name, "kind") == 0 && g_strcmp0 (v, "standardized") == 0)
        v = "structured";
      reslib_hasher_update (md, field->name, strlen (field->name) + 1);
      if (field->type == RESLIB_FIELD_LIST)
        add_list (md, field, values);
      else if (v == NULL)
        reslib_hasher_update (md, "N", 1);
      else
        add_string (md, v);
    }
  if (reslib_hasher_finish (md, digest) != RESLIB_SYNC_DIGEST_SIZE)
    g_assert_not_reached ();
}

static const char *
record_value (guint    index,
              gpointer data)
{
  ReslibRecord *record = data;

  return reslib_record_get (record, reslib_record_get_entity (record)->fields[index].name);
}

static const char * const *
record_list (guint    index,
             gpointer data)
{
  ReslibRecord *record = data;

  return reslib_record_get_list (record, reslib_record_get_entity (record)->fields[index].name);
}

void
_reslib_sync_digest_record (ReslibRecord *record,
                            guint8        digest[RESLIB_SYNC_DIGEST_SIZE])
{
  _reslib_sync_digest (reslib_record_get_entity (record), record_value, record_list, record, digest);
}

void
_reslib_sync_digest_to_hex (const guint8 digest[RESLIB_SYNC_DIGEST_SIZE],
                            char         out[2 * RESLIB_SYNC_DIGEST_SIZE + 1])
{
  reslib_digest_to_hex (digest, RESLIB_SYNC_DIGEST_SIZE, out);
}
