/* studio-page.c — base class of the main window's pages
 *
 * A page shows one part of the session's current project. The window gives it
 * the session; the page reads what it needs from the store's models, is told of
 * the store's changes and of another project through the session, and writes
 * through the core's API.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "studio-page.h"

typedef struct
{
  StudioSession *session;
  gulong         changed_id;
  gulong         project_id;
  gulong         profile_id;
  gulong         lead_id;
  gboolean       stale;      /* hidden while its project or the store changed */
} StudioPagePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (StudioPage, studio_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_STORE,
  PROP_PROJECT_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_live (StudioPage *self)
{
  return gtk_widget_get_mapped (GTK_WIDGET (self)) || STUDIO_PAGE_GET_CLASS (self)->load_when_hidden;
}

static void
call_project_changed (StudioPage *self)
{
  StudioPagePrivate *priv = studio_page_get_instance_private (self);

  if (!is_live (self))
    {
      priv->stale = TRUE;
      return;
    }
  priv->stale = FALSE;
  if (STUDIO_PAGE_GET_CLASS (self)->project_changed != NULL)
    STUDIO_PAGE_GET_CLASS (self)->project_changed (self);
}

static void
store_changed_cb (StudioSession *session,
                  guint          kind,
                  const char    *id,
                  StudioPage    *self)
{
  StudioPagePrivate *priv = studio_page_get_instance_private (self);
  StudioPageClass *klass = STUDIO_PAGE_GET_CLASS (self);

  if (!is_live (self))
    priv->stale = TRUE;
  else if (klass->store_changed != NULL)
    klass->store_changed (self, kind, id);
}

static void
project_id_changed_cb (StudioPage *self)
{
  call_project_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT_ID]);
}

/* Whether what only the lead changes can be changed: shown or not, a page follows at once (it
 * only sets what is sensitive). */
static void
lead_changed_cb (StudioPage *self)
{
  if (STUDIO_PAGE_GET_CLASS (self)->lead_changed != NULL)
    STUDIO_PAGE_GET_CLASS (self)->lead_changed (self, studio_page_get_lead (self));
}

static void
profile_changed_cb (StudioPage *self)
{
  StudioPagePrivate *priv = studio_page_get_instance_private (self);
  StudioPageClass *klass = STUDIO_PAGE_GET_CLASS (self);

  if (klass->profile_changed == NULL)
    return;
  if (!is_live (self))
    priv->stale = TRUE;
  else
    klass->profile_changed (self);
}

static void
studio_page_map (GtkWidget *widget)
{
  StudioPage *self = STUDIO_PAGE (widget);
  StudioPagePrivate *priv = studio_page_get_instance_private (self);

  GTK_WIDGET_CLASS (studio_page_parent_class)->map (widget);

  if (priv->stale)
    call_project_changed (self);
}

static void
studio_page_dispose (GObject *object)
{
  StudioPage *self = STUDIO_PAGE (object);
  StudioPagePrivate *priv = studio_page_get_instance_private (self);

  if (priv->session != NULL)
    {
      g_clear_signal_handler (&priv->changed_id, priv->session);
      g_clear_signal_handler (&priv->project_id, priv->session);
      g_clear_signal_handler (&priv->profile_id, priv->session);
      g_clear_signal_handler (&priv->lead_id, priv->session);
    }
  g_clear_object (&priv->session);

  G_OBJECT_CLASS (studio_page_parent_class)->dispose (object);
}

static void
studio_page_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  StudioPage *self = STUDIO_PAGE (object);
  StudioPagePrivate *priv = studio_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, priv->session);
      break;
    case PROP_STORE:
      g_value_set_object (value, studio_page_get_store (self));
      break;
    case PROP_PROJECT_ID:
      g_value_set_string (value, studio_page_get_project_id (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_page_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  StudioPage *self = STUDIO_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      studio_page_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
studio_page_class_init (StudioPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = studio_page_dispose;
  object_class->get_property = studio_page_get_property;
  object_class->set_property = studio_page_set_property;
  GTK_WIDGET_CLASS (klass)->map = studio_page_map;

  /**
   * StudioPage:session:
   *
   * The session the page is a view of.
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         STUDIO_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * StudioPage:store:
   *
   * The session's store.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         RESLIB_TYPE_STORE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * StudioPage:project-id:
   *
   * The session's current project.
   */
  properties[PROP_PROJECT_ID] =
    g_param_spec_string ("project-id", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
studio_page_init (StudioPage *self)
{
  /* The window gives a shown page the focus (not its first field), so that the page's shortcuts
   * work wherever it is shown; Tab then goes into it. */
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
}

/**
 * studio_page_get_session:
 *
 * Returns: (transfer none) (nullable): the session the page is a view of
 */
StudioSession *
studio_page_get_session (StudioPage *self)
{
  StudioPagePrivate *priv = studio_page_get_instance_private (self);

  g_return_val_if_fail (STUDIO_IS_PAGE (self), NULL);

  return priv->session;
}

/**
 * studio_page_get_store:
 *
 * Returns: (transfer none) (nullable): the session's store
 */
ReslibStore *
studio_page_get_store (StudioPage *self)
{
  StudioPagePrivate *priv = studio_page_get_instance_private (self);

  g_return_val_if_fail (STUDIO_IS_PAGE (self), NULL);

  return priv->session != NULL ? studio_session_get_store (priv->session) : NULL;
}

const char *
studio_page_get_project_id (StudioPage *self)
{
  StudioPagePrivate *priv = studio_page_get_instance_private (self);

  g_return_val_if_fail (STUDIO_IS_PAGE (self), NULL);

  return priv->session != NULL ? studio_session_get_project_id (priv->session) : NULL;
}

/**
 * studio_page_get_project:
 *
 * Returns: (transfer full) (nullable): the project record read now, or %NULL
 */
ReslibRecord *
studio_page_get_project (StudioPage *self)
{
  StudioPagePrivate *priv = studio_page_get_instance_private (self);

  g_return_val_if_fail (STUDIO_IS_PAGE (self), NULL);

  return priv->session != NULL ? studio_session_get_project (priv->session) : NULL;
}

/**
 * studio_page_get_profile:
 *
 * Returns: (transfer full) (nullable): the session's rule profile, or %NULL with @error saying why
 */
ReslibProfile *
studio_page_get_profile (StudioPage  *self,
                         GError     **error)
{
  StudioPagePrivate *priv = studio_page_get_instance_private (self);

  g_return_val_if_fail (STUDIO_IS_PAGE (self), NULL);
  g_return_val_if_fail (priv->session != NULL, NULL);

  return studio_session_get_profile (priv->session, error);
}

void
studio_page_add_job (StudioPage *self,
                     ReslibJob  *job)
{
  StudioPagePrivate *priv = studio_page_get_instance_private (self);

  g_return_if_fail (STUDIO_IS_PAGE (self));

  if (priv->session != NULL)
    studio_session_add_job (priv->session, job);
}

/**
 * studio_page_set_session:
 * @session: (nullable): the session
 *
 * Makes the page a view of @session: it shows the session's project, and follows it.
 */
void
studio_page_set_session (StudioPage    *self,
                         StudioSession *session)
{
  StudioPagePrivate *priv = studio_page_get_instance_private (self);
  g_autofree char *old_project_id = NULL;
  ReslibStore *old_store;

  g_return_if_fail (STUDIO_IS_PAGE (self));
  g_return_if_fail (session == NULL || STUDIO_IS_SESSION (session));

  if (session == priv->session)
    return;

  old_store = studio_page_get_store (self);
  old_project_id = g_strdup (studio_page_get_project_id (self));
  if (priv->session != NULL)
    {
      g_clear_signal_handler (&priv->changed_id, priv->session);
      g_clear_signal_handler (&priv->project_id, priv->session);
      g_clear_signal_handler (&priv->profile_id, priv->session);
      g_clear_signal_handler (&priv->lead_id, priv->session);
    }
  g_set_object (&priv->session, session);
  if (session != NULL)
    {
      priv->changed_id = g_signal_connect (session, "changed", G_CALLBACK (store_changed_cb), self);
      priv->project_id = g_signal_connect_swapped (session, "notify::project-id",
                                                   G_CALLBACK (project_id_changed_cb), self);
      priv->profile_id = g_signal_connect_swapped (session, "notify::profile", G_CALLBACK (profile_changed_cb), self);
      priv->lead_id = g_signal_connect_swapped (session, "notify::lead", G_CALLBACK (lead_changed_cb), self);
    }

  lead_changed_cb (self);
  call_project_changed (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
  if (old_store != studio_page_get_store (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  if (g_strcmp0 (old_project_id, studio_page_get_project_id (self)) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT_ID]);
}

/**
 * studio_page_get_lead:
 *
 * Returns: whether this library leads the page's project (or there is none); a teacher who joined
 *   it from the lead's package cannot change what only the lead changes
 */
gboolean
studio_page_get_lead (StudioPage *self)
{
  StudioPagePrivate *priv = studio_page_get_instance_private (self);

  g_return_val_if_fail (STUDIO_IS_PAGE (self), TRUE);

  return priv->session == NULL || studio_session_get_lead (priv->session);
}

/* Reads the project again. */
void
studio_page_reload (StudioPage *self)
{
  g_return_if_fail (STUDIO_IS_PAGE (self));

  call_project_changed (self);
}

/* Telling the user goes through the session, which the window shows; a page shows no window. */
void
studio_page_toast (StudioPage *self,
                   const char *message)
{
  StudioPagePrivate *priv = studio_page_get_instance_private (self);

  g_return_if_fail (STUDIO_IS_PAGE (self));
  g_return_if_fail (message != NULL);

  if (priv->session != NULL)
    studio_session_toast (priv->session, message);
  else
    g_message ("%s", message);
}

/**
 * studio_page_add_toast:
 * @toast: (transfer full): the toast
 */
void
studio_page_add_toast (StudioPage *self,
                       AdwToast   *toast)
{
  StudioPagePrivate *priv = studio_page_get_instance_private (self);

  g_return_if_fail (STUDIO_IS_PAGE (self));

  if (priv->session != NULL)
    studio_session_add_toast (priv->session, toast);
  else
    g_object_unref (toast);
}

void
studio_page_show_error (StudioPage   *self,
                        const char   *heading,
                        const GError *error)
{
  StudioPagePrivate *priv = studio_page_get_instance_private (self);

  g_return_if_fail (STUDIO_IS_PAGE (self));

  if (priv->session != NULL)
    studio_session_show_error (priv->session, heading, error);
  else
    g_warning ("%s: %s", heading, error != NULL ? error->message : "");
}

/* Called by the window on the page that is to show @subject_id. */
void
studio_page_show_subject (StudioPage *self,
                          ReslibKind  kind,
                          const char *subject_id)
{
  g_return_if_fail (STUDIO_IS_PAGE (self));

  if (STUDIO_PAGE_GET_CLASS (self)->open_subject != NULL)
    STUDIO_PAGE_GET_CLASS (self)->open_subject (self, kind, subject_id);
}

/**
 * studio_page_open_subject:
 * @page_name: the page to show: "resources", "checks", …
 * @subject_id: (nullable): the record to show on it
 *
 * Asks whatever shows the page (the window's "win.open-subject" action) to show another page and
 * on it @subject_id.
 */
void
studio_page_open_subject (StudioPage *self,
                          const char *page_name,
                          ReslibKind  kind,
                          const char *subject_id)
{
  const ReslibEntity *entity = reslib_entity_get (kind);

  g_return_if_fail (STUDIO_IS_PAGE (self));
  g_return_if_fail (page_name != NULL);
  g_return_if_fail (entity != NULL);

  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-subject", "(sss)",
                              page_name, entity->name, subject_id != NULL ? subject_id : "");
}

void
studio_set_accessible_label (gpointer    widget,
                             const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

/* GTK 4.8 names a control by its label followed by the text of whatever labels it: buttons, rows
 * and switches are labelled by the label they show, so "Add Unit" showing "Add" was read as
 * "Add Unit Add", and a row "Kind" as "Kind Kind". Where a control was given a label, the label
 * alone is its name: when it is shown, what labels it is forgotten. (GTK 4.8 can only tell
 * whether a label was given through its testing API; it works with any accessibility backend.) */
static gboolean
drop_labelled_by_hook (GSignalInvocationHint *hint,
                       guint                  n_params,
                       const GValue          *params,
                       gpointer               data)
{
  GObject *object = g_value_get_object (&params[0]);

  if ((GTK_IS_BUTTON (object) || GTK_IS_SWITCH (object) || GTK_IS_MENU_BUTTON (object) ||
       GTK_IS_DROP_DOWN (object) || ADW_IS_PREFERENCES_ROW (object) || GTK_IS_CHECK_BUTTON (object)) &&
      gtk_test_accessible_has_property (GTK_ACCESSIBLE (object), GTK_ACCESSIBLE_PROPERTY_LABEL))
    gtk_accessible_reset_relation (GTK_ACCESSIBLE (object), GTK_ACCESSIBLE_RELATION_LABELLED_BY);

  return TRUE;
}

/**
 * studio_accessibility_init:
 *
 * Makes the labels given to controls their whole accessible names; once per process, after
 * gtk_init().
 */
void
studio_accessibility_init (void)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
      /* The class makes its signals: it must exist before "map" can be looked up. */
      g_type_class_ref (GTK_TYPE_WIDGET);
      g_signal_add_emission_hook (g_signal_lookup ("map", GTK_TYPE_WIDGET), 0, drop_labelled_by_hook, NULL, NULL);
      g_once_init_leave (&done, 1);
    }
}
