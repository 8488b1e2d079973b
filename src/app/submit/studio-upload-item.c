/* studio-upload-item.c — one submission in the upload queue, as the Submit page shows it
 *
 * The queue (studio-upload-queue.c) runs the upload and tells the item where it stands; the item keeps that
 * as properties a view binds to: the state, the fraction, a line for the progress bar, a sentence, and for a
 * failure the hint on what to do. It does no work itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reslib-upload.h"
#include "studio-secret.h"
#include "studio-upload-item.h"

struct _StudioUploadItem
{
  GObject            parent_instance;

  char              *project_id;
  char              *package_path;
  char              *kind;
  char              *endpoint;
  char              *submission_id;
  gboolean           streamed;
  StudioUploadState  state;
  double             fraction;
  char              *progress_text;
  char              *message;
  char              *hint;
  char              *last_error;
  guint              retries;
  guint64            bytes_done;
  guint64            bytes_total;
  double             rate;
  gint64             eta;
};

G_DEFINE_ENUM_TYPE (StudioUploadState, studio_upload_state,
                    G_DEFINE_ENUM_VALUE (STUDIO_UPLOAD_QUEUED, "queued"),
                    G_DEFINE_ENUM_VALUE (STUDIO_UPLOAD_RUNNING, "running"),
                    G_DEFINE_ENUM_VALUE (STUDIO_UPLOAD_PAUSED, "paused"),
                    G_DEFINE_ENUM_VALUE (STUDIO_UPLOAD_FAILED, "failed"),
                    G_DEFINE_ENUM_VALUE (STUDIO_UPLOAD_CANCELLING, "cancelling"),
                    G_DEFINE_ENUM_VALUE (STUDIO_UPLOAD_CANCELLED, "cancelled"),
                    G_DEFINE_ENUM_VALUE (STUDIO_UPLOAD_DONE, "done"))

G_DEFINE_FINAL_TYPE (StudioUploadItem, studio_upload_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROJECT_ID,
  PROP_PACKAGE_PATH,
  PROP_KIND,
  PROP_ENDPOINT,
  PROP_SUBMISSION_ID,
  PROP_STREAMED,
  PROP_STATE,
  PROP_FRACTION,
  PROP_PROGRESS_TEXT,
  PROP_MESSAGE,
  PROP_HINT,
  PROP_LAST_ERROR,
  PROP_RETRIES,
  PROP_BYTES_DONE,
  PROP_BYTES_TOTAL,
  PROP_RATE,
  PROP_ETA,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
studio_upload_item_finalize (GObject *object)
{
  StudioUploadItem *self = STUDIO_UPLOAD_ITEM (object);

  g_free (self->project_id);
  g_free (self->package_path);
  g_free (self->kind);
  g_free (self->endpoint);
  g_free (self->submission_id);
  g_free (self->progress_text);
  g_free (self->message);
  g_free (self->hint);
  g_free (self->last_error);

  G_OBJECT_CLASS (studio_upload_item_parent_class)->finalize (object);
}

static void
studio_upload_item_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  StudioUploadItem *self = STUDIO_UPLOAD_ITEM (object);

  switch (prop_id)
    {
    case PROP_PROJECT_ID:
      g_value_set_string (value, self->project_id);
      break;
    case PROP_PACKAGE_PATH:
      g_value_set_string (value, self->package_path);
      break;
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case PROP_ENDPOINT:
      g_value_set_string (value, self->endpoint);
      break;
    case PROP_SUBMISSION_ID:
      g_value_set_string (value, self->submission_id);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;
    case PROP_PROGRESS_TEXT:
      g_value_set_string (value, self->progress_text);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_HINT:
      g_value_set_string (value, self->hint);
      break;
    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;
    case PROP_RETRIES:
      g_value_set_uint (value, self->retries);
      break;
    case PROP_BYTES_DONE:
      g_value_set_uint64 (value, self->bytes_done);
      break;
    case PROP_BYTES_TOTAL:
      g_value_set_uint64 (value, self->bytes_total);
      break;
    case PROP_STREAMED:
      g_value_set_boolean (value, self->streamed);
      break;
    case PROP_RATE:
      g_value_set_double (value, self->rate);
      break;
    case PROP_ETA:
      g_value_set_int64 (value, self->eta);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_upload_item_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  StudioUploadItem *self = STUDIO_UPLOAD_ITEM (object);

  switch (prop_id)
    {
    case PROP_PROJECT_ID:
      self->project_id = g_value_dup_string (value);
      break;
    case PROP_PACKAGE_PATH:
      self->package_path = g_value_dup_string (value);
      break;
    case PROP_KIND:
      self->kind = g_value_dup_string (value);
      break;
    case PROP_ENDPOINT:
      self->endpoint = g_value_dup_string (value);
      break;
    case PROP_SUBMISSION_ID:
      studio_upload_item_set_submission_id (self, g_value_get_string (value));
      break;
    case PROP_STREAMED:
      self->streamed = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_upload_item_class_init (StudioUploadItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;
  GParamFlags readable = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = studio_upload_item_finalize;
  object_class->get_property = studio_upload_item_get_property;
  object_class->set_property = studio_upload_item_set_property;

  properties[PROP_PROJECT_ID] = g_param_spec_string ("project-id", NULL, NULL, NULL, construct);
  properties[PROP_PACKAGE_PATH] = g_param_spec_string ("package-path", NULL, NULL, NULL, construct);
  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, NULL, construct);
  properties[PROP_ENDPOINT] = g_param_spec_string ("endpoint", NULL, NULL, NULL, construct);
  properties[PROP_SUBMISSION_ID] =
    g_param_spec_string ("submission-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * StudioUploadItem:streamed:
   *
   * Whether the package is streamed from the store (a submission with no package file): :package-path is
   * then the package's name, or %NULL before its package was frozen.
   */
  properties[PROP_STREAMED] = g_param_spec_boolean ("streamed", NULL, NULL, FALSE, construct);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, STUDIO_TYPE_UPLOAD_STATE, STUDIO_UPLOAD_QUEUED,
                                              readable);
  properties[PROP_FRACTION] = g_param_spec_double ("fraction", NULL, NULL, 0, 1, 0, readable);
  properties[PROP_PROGRESS_TEXT] = g_param_spec_string ("progress-text", NULL, NULL, NULL, readable);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, readable);
  properties[PROP_HINT] = g_param_spec_string ("hint", NULL, NULL, NULL, readable);
  properties[PROP_LAST_ERROR] = g_param_spec_string ("last-error", NULL, NULL, NULL, readable);
  properties[PROP_RETRIES] = g_param_spec_uint ("retries", NULL, NULL, 0, G_MAXUINT, 0, readable);
  properties[PROP_BYTES_DONE] = g_param_spec_uint64 ("bytes-done", NULL, NULL, 0, G_MAXUINT64, 0, readable);
  properties[PROP_BYTES_TOTAL] = g_param_spec_uint64 ("bytes-total", NULL, NULL, 0, G_MAXUINT64, 0, readable);
  properties[PROP_RATE] = g_param_spec_double ("rate", NULL, NULL, 0, G_MAXDOUBLE, 0, readable);
  properties[PROP_ETA] = g_param_spec_int64 ("eta", NULL, NULL, -1, G_MAXINT64, -1, readable);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
studio_upload_item_init (StudioUploadItem *self)
{
  self->eta = -1;
}

/**
 * studio_upload_item_new:
 * @project_id: the project the package is of
 * @package_path: the package
 * @kind: its kind
 * @endpoint: where it goes
 *
 * Returns: (transfer full): a queued item
 */
StudioUploadItem *
studio_upload_item_new (const char *project_id,
                        const char *package_path,
                        const char *kind,
                        const char *endpoint)
{
  return g_object_new (STUDIO_TYPE_UPLOAD_ITEM,
                       "project-id", project_id,
                       "package-path", package_path,
                       "kind", kind,
                       "endpoint", endpoint,
                       NULL);
}

/**
 * studio_upload_item_new_streamed:
 * @project_id: the project
 * @package_name: (nullable): the package's name, when its submission exists already
 * @kind: the package's kind
 * @endpoint: where it goes
 *
 * Returns: (transfer full): a queued item for the project's package streamed from the store
 */
StudioUploadItem *
studio_upload_item_new_streamed (const char *project_id,
                                 const char *package_name,
                                 const char *kind,
                                 const char *endpoint)
{
  return g_object_new (STUDIO_TYPE_UPLOAD_ITEM,
                       "project-id", project_id,
                       "package-path", package_name,
                       "kind", kind,
                       "endpoint", endpoint,
                       "streamed", TRUE,
                       NULL);
}

/**
 * studio_upload_item_dup_display_name:
 *
 * Returns: (transfer full): the package's file name to show, or for a package streamed from the store whose
 *   name is not known yet, words that say so
 */
char *
studio_upload_item_dup_display_name (StudioUploadItem *self)
{
  g_return_val_if_fail (STUDIO_IS_UPLOAD_ITEM (self), NULL);

  if (self->package_path == NULL)
    /* Translators: a package sent straight from the library, with no file, before it has a name */
    return g_strdup (_("sent from the library"));
  return g_filename_display_basename (self->package_path);
}

#define GETTER(type, name, member)                        \
  type                                                    \
  studio_upload_item_get_##name (StudioUploadItem *self)  \
  {                                                       \
    g_return_val_if_fail (STUDIO_IS_UPLOAD_ITEM (self), 0); \
    return self->member;                                  \
  }

GETTER (const char *, project_id, project_id)
GETTER (const char *, package_path, package_path)
GETTER (const char *, kind, kind)
GETTER (const char *, endpoint, endpoint)
GETTER (const char *, submission_id, submission_id)
GETTER (gboolean, streamed, streamed)
GETTER (StudioUploadState, state, state)
GETTER (double, fraction, fraction)
GETTER (const char *, progress_text, progress_text)
GETTER (const char *, message, message)
GETTER (const char *, hint, hint)
GETTER (const char *, last_error, last_error)
GETTER (guint, retries, retries)
GETTER (guint64, bytes_done, bytes_done)
GETTER (guint64, bytes_total, bytes_total)
GETTER (double, rate, rate)
GETTER (gint64, eta, eta)

static void
set_string (StudioUploadItem  *self,
            char             **member,
            const char        *value,
            guint              prop)
{
  if (g_strcmp0 (*member, value) == 0)
    return;
  g_free (*member);
  *member = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

void
studio_upload_item_set_submission_id (StudioUploadItem *self,
                                      const char       *submission_id)
{
  g_return_if_fail (STUDIO_IS_UPLOAD_ITEM (self));
  set_string (self, &self->submission_id, submission_id, PROP_SUBMISSION_ID);
}

void
studio_upload_item_set_state (StudioUploadItem  *self,
                              StudioUploadState  state)
{
  g_return_if_fail (STUDIO_IS_UPLOAD_ITEM (self));

  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

gboolean
studio_upload_item_can_pause (StudioUploadItem *self)
{
  g_return_val_if_fail (STUDIO_IS_UPLOAD_ITEM (self), FALSE);
  return self->state == STUDIO_UPLOAD_QUEUED || self->state == STUDIO_UPLOAD_RUNNING;
}

gboolean
studio_upload_item_can_resume (StudioUploadItem *self)
{
  g_return_val_if_fail (STUDIO_IS_UPLOAD_ITEM (self), FALSE);
  return self->state == STUDIO_UPLOAD_PAUSED || self->state == STUDIO_UPLOAD_FAILED;
}

/* Cancel is there in every state but the last ones: while queued, reading the package, connecting, sending,
 * waiting to retry, paused or failed. */
gboolean
studio_upload_item_can_cancel (StudioUploadItem *self)
{
  g_return_val_if_fail (STUDIO_IS_UPLOAD_ITEM (self), FALSE);
  return self->state != STUDIO_UPLOAD_CANCELLING && self->state != STUDIO_UPLOAD_CANCELLED &&
         self->state != STUDIO_UPLOAD_DONE;
}

static char *
format_duration (gint64 seconds)
{
  if (seconds < 60)
    /* Translators: a duration in seconds */
    return g_strdup_printf (_("%d s"), (int) seconds);
  if (seconds < 3600)
    /* Translators: a duration in minutes */
    return g_strdup_printf (_("%d min"), (int) ((seconds + 59) / 60));
  /* Translators: a duration in hours and minutes */
  return g_strdup_printf (_("%d h %d min"), (int) (seconds / 3600), (int) (seconds % 3600 / 60));
}

/**
 * studio_upload_item_show_progress:
 * @progress: the job's progress
 * @job_message: (nullable): the job's message ("Retrying (3) in 20 s…" while it waits)
 *
 * Shows where a running upload stands.
 */
void
studio_upload_item_show_progress (StudioUploadItem     *self,
                                  const ReslibProgress *progress,
                                  const char           *job_message)
{
  g_autofree char *done = g_format_size (progress->bytes_done);
  g_autofree char *total = g_format_size (progress->bytes_total);
  g_autofree char *text = NULL;
  g_autofree char *message = NULL;
  double fraction = progress->bytes_total > 0
                    ? CLAMP ((double) progress->bytes_done / (double) progress->bytes_total, 0.0, 1.0) : 0.0;

  g_return_if_fail (STUDIO_IS_UPLOAD_ITEM (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (g_strcmp0 (progress->stage, "hashing") == 0)
    /* Translators: before an upload, the package is read for its SHA-256: bytes read of the total */
    text = g_strdup_printf (_("Reading the package… %s of %s"), done, total);
  else if (g_strcmp0 (progress->stage, "connecting") == 0)
    /* Translators: upload progress while connecting: bytes done of the total */
    text = g_strdup_printf (_("Connecting… %s of %s"), done, total);
  else if (g_strcmp0 (progress->stage, "waiting") == 0)
    {
      text = g_strdup_printf (_("%s of %s"), done, total);
      /* Translators: an upload waits to try again: "Retrying (3) in 20 s…", then why the last try failed */
      message = g_strdup_printf (_("%s Last try: %s."), job_message != NULL ? job_message : "",
                                 progress->last_error != NULL ? progress->last_error : _("no answer"));
    }
  else if (g_strcmp0 (progress->stage, "sending") == 0 && progress->rate > 0)
    {
      g_autofree char *rate = g_format_size ((guint64) progress->rate);
      g_autofree char *eta = progress->eta >= 0 ? format_duration (progress->eta) : NULL;

      if (eta != NULL)
        /* Translators: upload progress: done, total, speed per second, time left */
        text = g_strdup_printf (_("%s of %s — %s/s — about %s left"), done, total, rate, eta);
      else
        text = g_strdup_printf (_("%s of %s — %s/s"), done, total, rate);
    }
  else
    text = g_strdup_printf (_("%s of %s"), done, total);

  studio_upload_item_set_state (self, STUDIO_UPLOAD_RUNNING);
  if (self->fraction != fraction)
    {
      self->fraction = fraction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }
  set_string (self, &self->progress_text, text, PROP_PROGRESS_TEXT);
  set_string (self, &self->message, message, PROP_MESSAGE);
  set_string (self, &self->hint, NULL, PROP_HINT);
  set_string (self, &self->last_error, progress->last_error, PROP_LAST_ERROR);
#define SET_NUMBER(member, prop)                                        \
  if (self->member != progress->member)                                 \
    {                                                                   \
      self->member = progress->member;                                  \
      g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);     \
    }
  SET_NUMBER (retries, PROP_RETRIES)
  SET_NUMBER (bytes_done, PROP_BYTES_DONE)
  SET_NUMBER (bytes_total, PROP_BYTES_TOTAL)
  SET_NUMBER (rate, PROP_RATE)
  SET_NUMBER (eta, PROP_ETA)
#undef SET_NUMBER
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * studio_upload_item_show:
 * @state: the new state
 * @progress_text: (nullable): for the progress bar ("Paused")
 * @message: (nullable): a sentence
 *
 * Shows a state that is no failure.
 */
void
studio_upload_item_show (StudioUploadItem  *self,
                         StudioUploadState  state,
                         const char        *progress_text,
                         const char        *message)
{
  g_return_if_fail (STUDIO_IS_UPLOAD_ITEM (self));

  g_object_freeze_notify (G_OBJECT (self));
  studio_upload_item_set_state (self, state);
  set_string (self, &self->progress_text, progress_text, PROP_PROGRESS_TEXT);
  set_string (self, &self->message, message, PROP_MESSAGE);
  set_string (self, &self->hint, NULL, PROP_HINT);
  if (state == STUDIO_UPLOAD_DONE && self->fraction != 1.0)
    {
      self->fraction = 1.0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }
  else if (state == STUDIO_UPLOAD_CANCELLED && self->fraction != 0.0)
    {
      self->fraction = 0.0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * studio_upload_item_show_error:
 * @state: %STUDIO_UPLOAD_FAILED, or the state the item stays in (a Cancel that failed leaves it paused)
 * @progress_text: (nullable): for the progress bar ("Failed")
 * @message: a sentence that says what failed and why (with @error's message)
 * @error: the failure
 *
 * Shows a failure, with the hint on what to do about it.
 */
void
studio_upload_item_show_error (StudioUploadItem  *self,
                               StudioUploadState  state,
                               const char        *progress_text,
                               const char        *message,
                               const GError      *error)
{
  g_return_if_fail (STUDIO_IS_UPLOAD_ITEM (self));
  g_return_if_fail (error != NULL);

  g_object_freeze_notify (G_OBJECT (self));
  studio_upload_item_set_state (self, state);
  set_string (self, &self->progress_text, progress_text, PROP_PROGRESS_TEXT);
  set_string (self, &self->message, message, PROP_MESSAGE);
  set_string (self, &self->hint, studio_upload_error_hint (error), PROP_HINT);
  set_string (self, &self->last_error, error->message, PROP_LAST_ERROR);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * studio_upload_error_hint:
 * @error: why an upload, or its cancel, failed
 *
 * Returns: (nullable): what the user can do about @error, in a sentence
 */
const char *
studio_upload_error_hint (const GError *error)
{
  if (error == NULL)
    return NULL;
  if (error->domain == RESLIB_UPLOAD_ERROR)
    switch ((ReslibUploadError) error->code)
      {
      case RESLIB_UPLOAD_ERROR_NETWORK:
        return _("When the network is back, Retry continues from where the upload stopped.");
      case RESLIB_UPLOAD_ERROR_UNAUTHORIZED:
        return _("Check the token in Preferences: enter the current one for this endpoint.");
      case RESLIB_UPLOAD_ERROR_TOO_LARGE:
        return _("The server refused the size of the package: build one with fewer resources, or ask the "
                 "provincial office.");
      case RESLIB_UPLOAD_ERROR_TLS:
        return _("Check the endpoint address and the certificate file in Preferences.");
      case RESLIB_UPLOAD_ERROR_CHANGED:
        return _("Build the package again, then upload it.");
      case RESLIB_UPLOAD_ERROR_SERVER:
      case RESLIB_UPLOAD_ERROR_REFUSED:
      case RESLIB_UPLOAD_ERROR_PROTOCOL:
      default:
        return _("Check the endpoint address in Preferences; if it is right, try again later or ask the "
                 "provincial office.");
      }
  if (error->domain == STUDIO_SECRET_ERROR)
    return _("Unlock the keyring, or enter the token again in Preferences.");
  if (g_error_matches (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE) ||
      g_error_matches (error, RESLIB_ERROR, RESLIB_ERROR_CHANGED) || error->domain == G_FILE_ERROR ||
      error->domain == G_IO_ERROR)
    return _("Build the package again, then upload it.");

  return NULL;
}
