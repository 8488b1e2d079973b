/* studio-check-group.c — the findings of one rule, with one severity, as the Checks page groups them
 *
 * A project of 100,000 resources can have as many findings of one rule; the Checks page lists the groups
 * (the rule's title, its severity, how many) and a group's findings only when it is expanded. Grouping
 * is one pass over the check's findings (a ReslibFindingList, ordered by severity, then by rule) that reads
 * their rows without making a ReslibFinding: a group is a subset of the list, the positions of its
 * findings, and a finding is made when a row of an expanded group is shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "studio-check-group.h"

struct _StudioCheckGroup
{
  GObject         parent_instance;

  const char     *rule;       /* interned */
  ReslibSeverity  severity;
  ReslibFindingList *findings;  /* NULL until studio_check_group_take() */
  GHashTable     *fields;     /* the fields its findings are about (interned), NULL until asked */
  gboolean        resources;  /* whether a finding is about a resource, known with @fields */
};

G_DEFINE_FINAL_TYPE (StudioCheckGroup, studio_check_group, G_TYPE_OBJECT)

static void
studio_check_group_finalize (GObject *object)
{
  StudioCheckGroup *self = STUDIO_CHECK_GROUP (object);

  g_clear_object (&self->findings);
  g_clear_pointer (&self->fields, g_hash_table_unref);

  G_OBJECT_CLASS (studio_check_group_parent_class)->finalize (object);
}

static void
studio_check_group_class_init (StudioCheckGroupClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = studio_check_group_finalize;
}

static void
studio_check_group_init (StudioCheckGroup *self)
{
}

StudioCheckGroup *
studio_check_group_new (const char     *rule,
                        ReslibSeverity  severity)
{
  StudioCheckGroup *self = g_object_new (STUDIO_TYPE_CHECK_GROUP, NULL);

  self->rule = g_intern_string (rule);
  self->severity = severity;

  return self;
}

const char *
studio_check_group_get_rule (StudioCheckGroup *self)
{
  g_return_val_if_fail (STUDIO_IS_CHECK_GROUP (self), NULL);
  return self->rule;
}

/* What the rule checks, in the user's language */
const char *
studio_check_group_get_title (StudioCheckGroup *self)
{
  g_return_val_if_fail (STUDIO_IS_CHECK_GROUP (self), NULL);
  return reslib_rule_title (self->rule);
}

ReslibSeverity
studio_check_group_get_severity (StudioCheckGroup *self)
{
  g_return_val_if_fail (STUDIO_IS_CHECK_GROUP (self), RESLIB_SEVERITY_INFO);
  return self->severity;
}

guint
studio_check_group_get_n_findings (StudioCheckGroup *self)
{
  g_return_val_if_fail (STUDIO_IS_CHECK_GROUP (self), 0);
  return self->findings != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->findings)) : 0;
}

/* Returns: (transfer none) (nullable): the group's findings, of ReslibFinding, each made when it is asked for */
GListModel *
studio_check_group_get_findings (StudioCheckGroup *self)
{
  g_return_val_if_fail (STUDIO_IS_CHECK_GROUP (self), NULL);
  return G_LIST_MODEL (self->findings);
}

/* The group's findings: those of @findings at @positions. */
void
studio_check_group_take (StudioCheckGroup  *self,
                         ReslibFindingList *findings,
                         GArray            *positions)
{
  g_return_if_fail (STUDIO_IS_CHECK_GROUP (self));

  g_clear_object (&self->findings);
  self->findings = reslib_finding_list_new_subset (findings, positions);
  g_clear_pointer (&self->fields, g_hash_table_unref);
}

/* What a row showing the group asks each time it is bound, collected once: the fields, whether any
 * finding is about a resource. */
static void
collect (StudioCheckGroup *self)
{
  guint n;

  if (self->fields != NULL)
    return;
  n = studio_check_group_get_n_findings (self);
  self->fields = g_hash_table_new (g_str_hash, g_str_equal);
  self->resources = FALSE;
  for (guint i = 0; i < n; i++)
    {
      const char *field = reslib_finding_list_get_field (self->findings, i);

      if (field != NULL)
        g_hash_table_add (self->fields, (gpointer) g_intern_string (field));
      self->resources = self->resources ||
                        (g_strcmp0 (reslib_finding_list_get_subject_kind (self->findings, i), "resource") == 0 &&
                         reslib_finding_list_get_subject_id (self->findings, i) != NULL);
    }
}

/**
 * studio_check_group_is_about_resources:
 *
 * Returns: whether a finding of the group is about a resource (studio_check_group_dup_resource_ids()
 *   is not empty), without listing them
 */
gboolean
studio_check_group_is_about_resources (StudioCheckGroup *self)
{
  g_return_val_if_fail (STUDIO_IS_CHECK_GROUP (self), FALSE);

  collect (self);
  return self->resources;
}

static gboolean
field_in (ReslibFindingList  *findings,
          guint               position,
          const char * const *fields)
{
  const char *field = reslib_finding_list_get_field (findings, position);

  return field != NULL && g_strv_contains (fields, field);
}

/**
 * studio_check_group_has_field:
 * @fields: (array zero-terminated=1): fields of a record
 *
 * Returns: whether a finding of the group is about one of @fields (its reslib_finding_get_field())
 */
gboolean
studio_check_group_has_field (StudioCheckGroup   *self,
                              const char * const *fields)
{
  g_return_val_if_fail (STUDIO_IS_CHECK_GROUP (self), FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);

  collect (self);
  for (guint i = 0; fields[i] != NULL; i++)
    if (g_hash_table_contains (self->fields, fields[i]))
      return TRUE;

  return FALSE;
}

/**
 * studio_check_group_dup_resource_ids:
 *
 * Returns: (transfer full): the ids of the resources the group's findings are about, each once, in the
 *   findings' order; empty when none is about a resource
 */
char **
studio_check_group_dup_resource_ids (StudioCheckGroup *self)
{
  return studio_check_group_dup_resource_ids_for (self, NULL);
}

/**
 * studio_check_group_dup_resource_ids_for:
 * @fields: (array zero-terminated=1) (nullable): only the findings about one of these fields, or %NULL
 *   for all
 *
 * Returns: (transfer full): the ids of the resources the group's findings (about @fields) are about,
 *   each once, in the findings' order
 */
char **
studio_check_group_dup_resource_ids_for (StudioCheckGroup   *self,
                                         const char * const *fields)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  guint n;

  g_return_val_if_fail (STUDIO_IS_CHECK_GROUP (self), NULL);

  n = studio_check_group_get_n_findings (self);
  for (guint i = 0; i < n; i++)
    {
      const char *id = reslib_finding_list_get_subject_id (self->findings, i);

      if (g_strcmp0 (reslib_finding_list_get_subject_kind (self->findings, i), "resource") == 0 && id != NULL &&
          (fields == NULL || field_in (self->findings, i, fields)) && g_hash_table_add (seen, (gpointer) id))
        g_strv_builder_add (ids, id);
    }

  return g_strv_builder_end (ids);
}

/* The kind a finding's subject counts as in the subject filter: points count with their course, team
 * members with their unit, and the dossier's parts with the project. */
static ReslibKind
subject_group (const char *subject_kind)
{
  const ReslibEntity *entity = reslib_entity_lookup (subject_kind);

  if (entity == NULL)
    return RESLIB_N_KINDS;
  switch (entity->kind)
    {
    case RESLIB_KIND_NODE:
      return RESLIB_KIND_COURSE;
    case RESLIB_KIND_MEMBER:
      return RESLIB_KIND_UNIT;
    case RESLIB_KIND_MAJOR:
    case RESLIB_KIND_BUDGET_LINE:
    case RESLIB_KIND_MILESTONE:
    case RESLIB_KIND_DECLARATION:
    case RESLIB_KIND_TARGET:
    case RESLIB_KIND_PROJECT:
      return RESLIB_KIND_PROJECT;
    case RESLIB_KIND_UNIT:
    case RESLIB_KIND_COURSE:
    case RESLIB_KIND_RESOURCE:
    case RESLIB_KIND_SUBMISSION:
      return entity->kind;
    case RESLIB_N_KINDS:
    default:
      return RESLIB_N_KINDS;
    }
}

/**
 * studio_check_groups_new:
 * @findings: (nullable): a check's findings
 * @severity: only findings of this severity, or -1 for all
 * @subject_kind: only findings about this kind of subject (%RESLIB_KIND_PROJECT, _UNIT, _COURSE or
 *   _RESOURCE, with the kinds that belong to it), or %RESLIB_N_KINDS for all
 *
 * Returns: (transfer full): the groups of the findings that pass, of StudioCheckGroup: by severity, errors
 *   first, then in the order of the rules' first findings
 */
GListStore *
studio_check_groups_new (ReslibFindingList *findings,
                         int                severity,
                         ReslibKind         subject_kind)
{
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  GListStore *store = g_list_store_new (STUDIO_TYPE_CHECK_GROUP);
  guint n = findings != NULL ? g_list_model_get_n_items (G_LIST_MODEL (findings)) : 0;
  const char *last_rule = NULL, *last_kind = NULL;
  ReslibSeverity last_severity = RESLIB_SEVERITY_ERROR;
  ReslibKind last_group = RESLIB_N_KINDS;
  GArray *positions = NULL;

  for (guint i = 0; i < n; i++)
    {
      ReslibSeverity s = reslib_finding_list_get_severity (findings, i);
      const char *rule = reslib_finding_list_get_rule (findings, i);
      const char *kind = reslib_finding_list_get_subject_kind (findings, i);

      if (severity >= 0 && (int) s != severity)
        continue;
      if (subject_kind != RESLIB_N_KINDS)
        {
          /* The subjects' kinds are static strings: one lookup for a run of findings of a kind. */
          if (kind != last_kind)
            {
              last_group = subject_group (kind);
              last_kind = kind;
            }
          if (last_group != subject_kind)
            continue;
        }
      /* Findings of a rule come one after another: its group is looked up where the rule changes. */
      if (positions == NULL || rule != last_rule || s != last_severity)
        {
          g_autofree char *key = g_strdup_printf ("%d %s", (int) s, rule);
          gpointer index;

          if (!g_hash_table_lookup_extended (by_key, key, NULL, &index))
            {
              index = GUINT_TO_POINTER (groups->len);
              g_ptr_array_add (groups, studio_check_group_new (rule, s));
              g_ptr_array_add (members, g_array_new (FALSE, FALSE, sizeof (guint)));
              g_hash_table_insert (by_key, g_steal_pointer (&key), index);
            }
          positions = g_ptr_array_index (members, GPOINTER_TO_UINT (index));
          last_rule = rule;
          last_severity = s;
        }
      g_array_append_val (positions, i);
    }
  /* Errors first, then warnings, then notes; a severity's rules in the order of their first findings. */
  for (int s = RESLIB_SEVERITY_ERROR; s <= RESLIB_SEVERITY_INFO; s++)
    for (guint i = 0; i < groups->len; i++)
      {
        StudioCheckGroup *group = g_ptr_array_index (groups, i);

        if ((int) group->severity != s)
          continue;
        studio_check_group_take (group, findings, g_ptr_array_index (members, i));
        g_list_store_append (store, group);
      }

  return store;
}
