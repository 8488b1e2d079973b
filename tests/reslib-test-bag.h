/* reslib-test-bag.h — rebuilding a package's bag after a test changed it, as anyone could
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef void (*ReslibTestManifestEdit) (JsonObject *root,
                                        gpointer    user_data);
typedef void (*ReslibTestManifestTextEdit) (GString  *json,
                                            gpointer  user_data);

/* How to rebuild: every field may be left 0/NULL (then the bag is only rewritten). */
typedef struct
{
  ReslibTestManifestEdit      edit;        /* changes the parsed data/manifest.json */
  ReslibTestManifestTextEdit  text_edit;   /* then changes it as text: for what json-glib would not write */
  gpointer                    user_data;
  gboolean                    set_external_identifier;   /* bag-info's External-Identifier = the manifest's project id */
  const char                 *extra_name;  /* a file added to the bag, relative to its top folder */
  const char                 *extra_text;
  gboolean                    manifest_json_last;        /* write data/manifest.json after every other file */
} ReslibTestRebag;

void reslib_test_rebag (const char            *src,
                        const char            *dest,
                        const ReslibTestRebag *how);

G_END_DECLS
