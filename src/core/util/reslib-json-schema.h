/* reslib-json-schema.h — JSON Schema checks for the files the core reads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "reslib-error.h"

G_BEGIN_DECLS

gboolean reslib_json_schema_check (JsonNode       *value,
                                   JsonObject     *schema,
                                   char          **where,
                                   gconstpointer  *where_node,
                                   GError        **error);
gboolean reslib_json_schema_check_at (JsonNode       *value,
                                      JsonObject     *root_schema,
                                      JsonObject     *schema,
                                      char          **where,
                                      gconstpointer  *where_node,
                                      GError        **error);

G_END_DECLS
