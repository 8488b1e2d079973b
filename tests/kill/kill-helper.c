/* kill-helper.c — core operations the kill campaign runs in a process of their own, for those that
 * `reslib` has no command for: deleting resources and collecting the stored files no resource uses.
 *
 *   kill-helper DATA_DIR delete RESOURCE...   delete these resources (not killed by the campaign)
 *   kill-helper DATA_DIR collect               remove unused stored files, print "N files"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "reslib-core.h"
#include "reslib-store-gc.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ReslibStore) store = NULL;

  if (argc < 3)
    {
      fprintf (stderr, "usage: kill-helper DATA_DIR delete RESOURCE... | collect\n");
      return 2;
    }
  store = reslib_store_open (argv[1], &error);
  if (store == NULL)
    {
      fprintf (stderr, "kill-helper: %s\n", error->message);
      return 3;
    }

  if (strcmp (argv[2], "delete") == 0)
    {
      for (int i = 3; i < argc; i++)
        if (!reslib_store_delete (store, RESLIB_KIND_RESOURCE, argv[i], &error))
          {
            fprintf (stderr, "kill-helper: %s\n", error->message);
            return 3;
          }
      return 0;
    }
  if (strcmp (argv[2], "collect") == 0)
    {
      guint n_files = 0;
      guint64 n_bytes = 0;

      if (!reslib_store_collect_blobs (store, &n_files, &n_bytes, &error))
        {
          fprintf (stderr, "kill-helper: %s\n", error->message);
          return 3;
        }
      printf ("%u files\n", n_files);
      return 0;
    }

  fprintf (stderr, "kill-helper: unknown operation %s\n", argv[2]);
  return 2;
}
