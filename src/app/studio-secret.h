/* studio-secret.h — the upload token, kept in the keyring (libsecret), one per endpoint
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define STUDIO_SECRET_SCHEMA_NAME "io.github.reslib.Studio.Token"

#define STUDIO_SECRET_ERROR (studio_secret_error_quark ())

typedef enum
{
  STUDIO_SECRET_ERROR_UNAVAILABLE,   /* no secret service (keyring) could be reached */
  STUDIO_SECRET_ERROR_FAILED,        /* the keyring refused or failed */
} StudioSecretError;

GQuark  studio_secret_error_quark         (void);

/* The token for @endpoint, or NULL (and no error) when none is stored. */
void    studio_secret_lookup_token_async  (const char           *endpoint,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
char   *studio_secret_lookup_token_finish (GAsyncResult         *result,
                                           GError              **error);

/* Stores @token for @endpoint; an empty or NULL @token removes the stored one. */
void    studio_secret_store_token_async   (const char           *endpoint,
                                           const char           *token,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean studio_secret_store_token_finish (GAsyncResult         *result,
                                           GError              **error);

void    studio_secret_set_timeout         (guint                 seconds);

G_END_DECLS
