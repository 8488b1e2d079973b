/* reslib-tus-private.h — between the tus requests (reslib-tus-client.c) and their HTTP (reslib-tus-http.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <curl/curl.h>

#include "reslib-upload-private.h"

G_BEGIN_DECLS

/* The longest URL taken from a server (Location) */
#define MAX_URL_LENGTH 2048

/* One HTTP exchange */
typedef struct
{
  CURLcode  code;
  long      status;
  char      errbuf[CURL_ERROR_SIZE];
  char     *location;
  char     *tus_version;
  char     *tus_extension;
  char     *tus_max_size;
  char     *tus_checksum_algorithm;
  char     *upload_offset;
  char     *upload_length;
  char     *upload_expires;
  char     *retry_after;
  GString  *body;
  guint64   body_bytes;     /* of the answer's body, of which only the start is kept */
  gboolean  other_origin;   /* not sent: the URL is not on the endpoint's origin */
} Response;

void          _reslib_tus_response_clear          (Response            *resp);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Response, _reslib_tus_response_clear)

/* Runs one request. @body_length > 0 sends that many bytes of the package from @body_offset. */
void          _reslib_tus_request                 (Run                 *run,
                                                   const char          *method,
                                                   const char          *url,
                                                   const char * const  *headers,
                                                   guint64              body_offset,
                                                   guint64              body_length,
                                                   Response            *resp);
/* Sorts a reply into what to do next; sets @error for OUTCOME_FATAL. */
Outcome       _reslib_tus_classify                (Run                 *run,
                                                   const char          *method,
                                                   const char          *url,
                                                   Response            *resp,
                                                   GError             **error);
char         *_reslib_tus_resolve_url             (const char          *base,
                                                   const char          *location);
gboolean      _reslib_tus_parse_offset            (const char          *text,
                                                   guint64             *value);
char         *_reslib_tus_expires_at              (Response            *resp);

G_END_DECLS
