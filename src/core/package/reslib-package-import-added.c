/* reslib-package-import-added.c — the notes of the records a merge adds as they came, written many at a time
 *
 * A record the package adds, as it has it, leaves two things besides its row: the version received
 * (reslib-store-sync.h) and an "added" event in the audit log, whose detail is the same for every such
 * record of the package. They are queued here, per kind; the events are written a statement for many
 * records. The merge writes the queue before it notes or logs anything else, so the log keeps the
 * merge's order.
 *
 * The versions received are kept (48 bytes a record) until the end of the merge and written then, in the
 * order of the tables' keys (kind, id): in the package's order, each row of sync_versions and sync_bases
 * lands on a page of its own, which once the tables outgrow SQLite's page cache is read back and written
 * out again for every row (at 100,000 resources, a tenth of the merge's time). Nothing of the merge reads
 * the version of a record it added: each record comes once in a package.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "reslib-digest.h"
#include "reslib-package-import-private.h"
#include "reslib-store-import-rows.h"
#include "reslib-store-sync.h"
#include "reslib-sync.h"

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

/* A version received, kept until the end of the merge. */
typedef struct
{
  const char *id;                              /* the manifest index's, or im->note_ids' */
  guint32     kind;
  guint8      digest[RESLIB_SYNC_DIGEST_SIZE];
} AddedNote;

static int
compare_notes (gconstpointer a,
               gconstpointer b)
{
  const AddedNote *x = a, *y = b;

  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;

  return strcmp (x->id, y->id);
}

/* Keeps the version @incoming received of the record @id of @kind for _reslib_import_write_added_notes(). */
static void
keep_note (ReslibPackageImport *im,
           ReslibKind           kind,
           const char          *id,
           const char          *incoming)
{
  GHashTable *ids = im->index.ids[kind];
  AddedNote note = { NULL, kind, { 0 } };
  gpointer key = NULL;

  if (im->added_notes == NULL)
    im->added_notes = g_array_sized_new (FALSE, FALSE, sizeof (AddedNote), im->index.n_records);
  if (ids != NULL && g_hash_table_lookup_extended (ids, id, &key, NULL))
    note.id = key;
  else
    {
      if (im->note_ids == NULL)
        im->note_ids = g_string_chunk_new (4096);
      note.id = g_string_chunk_insert_const (im->note_ids, id);
    }
  if (!reslib_digest_from_hex (incoming, note.digest, RESLIB_SYNC_DIGEST_SIZE))
    g_assert_not_reached ();
  g_array_append_val (im->added_notes, note);
}

/* Writes the events of the records queued, if any, and keeps their versions received. */
gboolean
_reslib_import_flush_added (ReslibPackageImport *im,
                            GError             **error)
{
  GPtrArray *ids = im->added_ids;
  GPtrArray *digests = im->added_digests;
  gboolean ok;

  if (ids == NULL || ids->len == 0)
    return TRUE;
  for (guint i = 0; i < ids->len; i++)
    keep_note (im, im->added_kind, ids->pdata[i], digests->pdata[i]);
  ok = _reslib_store_log_events (im->store, im->target_project, im->added_kind, (const char * const *) ids->pdata,
                                 ids->len, "import", added_detail (im), error);
  g_ptr_array_set_size (ids, 0);
  g_ptr_array_set_size (digests, 0);

  return ok;
}

/* Writes the versions received of the records the merge added as they came (_reslib_import_flush_added()), in
 * the order of their keys, and forgets them. */
gboolean
_reslib_import_write_added_notes (ReslibPackageImport *im,
                                  GError             **error)
{
  g_autoptr(GArray) notes = g_steal_pointer (&im->added_notes);
  gboolean ok = TRUE;

  if (notes == NULL)
    return TRUE;
  g_array_sort (notes, compare_notes);
  /* The notes a statement each: an upsert of many rows costs SQLite more than as many of one row. */
  for (guint i = 0; ok && i < notes->len; i++)
    {
      const AddedNote *note = &g_array_index (notes, AddedNote, i);
      char incoming[2 * RESLIB_SYNC_DIGEST_SIZE + 1];

      reslib_digest_to_hex (note->digest, RESLIB_SYNC_DIGEST_SIZE, incoming);
      ok = _reslib_store_sync_note_received (im->store, note->kind, note->id, incoming, error);
    }
  g_clear_pointer (&im->note_ids, g_string_chunk_free);

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
