/* reslib-package-import-added.c — the notes of the records a merge adds as they came, written many at a time
 *
 * A record the package adds, as it has it, leaves two things besides its row: the version received
 * (reslib-store-sync.h) and an "added" event in the audit log, whose detail is the same for every such
 * record of the package. They are queued here, per kind; the events are written a statement for many
 * records. The merge writes the queue before it notes or logs anything else, so the log keeps the
 * merge's order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "reslib-package-import-private.h"
#include "reslib-store-import-rows.h"
#include "reslib-store-sync.h"

/* The records queued at most: a few statements' worth. */
#define QUEUE_MAX (4 * RESLIB_STORE_IMPORT_ROWS_MAX)

/* {"result": "added", "bag": BAG}, as the merge's log_import () writes it for a record added as it came. */
static const char *
added_detail (ReslibPackageImport *im)
{
  if (im->added_detail == NULL)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "result");
      json_builder_add_string_value (b, "added");
      json_builder_set_member_name (b, "bag");
      json_builder_add_string_value (b, im->report->bag);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      im->added_detail = json_to_string (root, FALSE);
    }

  return im->added_detail;
}

/* Writes the notes and events of the records queued, if any. */
gboolean
_reslib_import_flush_added (ReslibPackageImport *im,
                            GError             **error)
{
  GPtrArray *ids = im->added_ids;
  GPtrArray *digests = im->added_digests;
  gboolean ok;

  if (ids == NULL || ids->len == 0)
    return TRUE;
  /* The notes a statement each: an upsert of many rows costs SQLite more than as many of one row. */
  ok = TRUE;
  for (guint i = 0; ok && i < ids->len; i++)
    ok = _reslib_store_sync_note_received (im->store, im->added_kind, ids->pdata[i], digests->pdata[i], error);
  ok = ok && _reslib_store_log_events (im->store, im->target_project, im->added_kind, (const char * const *) ids->pdata,
                                       ids->len, "import", added_detail (im), error);
  g_ptr_array_set_size (ids, 0);
  g_ptr_array_set_size (digests, 0);

  return ok;
}

/* Queues the notes of the record @id of @kind, added as it came with the content @incoming: the version
 * received, and its "added" event. */
gboolean
_reslib_import_queue_added (ReslibPackageImport *im,
                            ReslibKind           kind,
                            const char          *id,
                            const char          *incoming,
                            GError             **error)
{
  if (im->added_ids == NULL)
    {
      im->added_ids = g_ptr_array_new_full (QUEUE_MAX, g_free);
      im->added_digests = g_ptr_array_new_full (QUEUE_MAX, g_free);
    }
  if (im->added_ids->len > 0 && im->added_kind != kind && !_reslib_import_flush_added (im, error))
    return FALSE;
  im->added_kind = kind;
  g_ptr_array_add (im->added_ids, g_strdup (id));
  g_ptr_array_add (im->added_digests, g_strdup (incoming));

  return im->added_ids->len < QUEUE_MAX || _reslib_import_flush_added (im, error);
}
