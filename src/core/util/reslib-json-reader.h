/* reslib-json-reader.h — a strict streaming JSON reader (RFC 8259) for input from other people
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "reslib-error.h"

G_BEGIN_DECLS

#define RESLIB_JSON_MAX_DEPTH         64
#define RESLIB_JSON_MAX_STRING        (1024 * 1024)   /* bytes of one decoded string or key */
#define RESLIB_JSON_MAX_NUMBER        64              /* characters of one number */

typedef enum
{
  RESLIB_JSON_END,             /* the end of the document, after its one value */
  RESLIB_JSON_BEGIN_OBJECT,
  RESLIB_JSON_END_OBJECT,
  RESLIB_JSON_BEGIN_ARRAY,
  RESLIB_JSON_END_ARRAY,
  RESLIB_JSON_KEY,             /* a member name: reslib_json_reader_get_string() */
  RESLIB_JSON_STRING,          /* reslib_json_reader_get_string() */
  RESLIB_JSON_NUMBER,          /* reslib_json_reader_get_string() gives its text */
  RESLIB_JSON_TRUE,
  RESLIB_JSON_FALSE,
  RESLIB_JSON_NULL,
} ReslibJsonToken;

/* Fills @buffer with up to @size bytes; returns how many (0 at the end), or -1 with @error set. */
typedef gssize (*ReslibJsonReadFunc) (gpointer   user_data,
                                      guint8    *buffer,
                                      gsize      size,
                                      GError   **error);

typedef struct _ReslibJsonReader ReslibJsonReader;

ReslibJsonReader *reslib_json_reader_new            (ReslibJsonReadFunc  read_func,
                                                     gpointer            user_data);
ReslibJsonReader *reslib_json_reader_new_for_data   (const char         *data,
                                                     gsize               len);
void              reslib_json_reader_free           (ReslibJsonReader   *reader);
void              reslib_json_reader_set_name       (ReslibJsonReader   *reader,
                                                     const char         *name);
gboolean          reslib_json_reader_next           (ReslibJsonReader   *reader,
                                                     ReslibJsonToken    *token,
                                                     GError            **error);
const char       *reslib_json_reader_get_string     (ReslibJsonReader   *reader,
                                                     gsize              *len);
guint64           reslib_json_reader_get_line       (ReslibJsonReader   *reader);
guint             reslib_json_reader_get_depth      (ReslibJsonReader   *reader);
guint64           reslib_json_reader_get_offset     (ReslibJsonReader   *reader);
JsonNode         *reslib_json_reader_read_node      (ReslibJsonReader   *reader,
                                                     ReslibJsonToken     first,
                                                     guint               max_values,
                                                     gsize               max_bytes,
                                                     GError            **error);
gboolean          reslib_json_reader_skip           (ReslibJsonReader   *reader,
                                                     ReslibJsonToken     first,
                                                     GError            **error);
gboolean          reslib_json_reader_fail           (ReslibJsonReader   *reader,
                                                     GError            **error,
                                                     const char         *format,
                                                     ...) G_GNUC_PRINTF (3, 4);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReslibJsonReader, reslib_json_reader_free)

G_END_DECLS
