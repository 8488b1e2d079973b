/* reslib-validator-private.h — what the validator's files share: one run, and how a rule adds a finding
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * reslib-validator.c loads a project and runs the rules of DESIGN §4 over it as a job; the rules are in files
 * by subject: reslib-rules-project.c (units, majors, the dossier), reslib-rules-upkeep.c (the yearly update and
 * user growth after acceptance), reslib-rules-targets.c, reslib-rules-courses.c,
 * reslib-rules-budget.c and reslib-rules-resources.c. reslib-finding.c holds what they find.
 */
#pragma once

#include <glib/gi18n-lib.h>
#include <string.h>

#include "reslib-entity.h"
#include "reslib-finding.h"
#include "reslib-finding-list.h"
#include "reslib-job.h"
#include "reslib-profile.h"
#include "reslib-record.h"
#include "reslib-store.h"
#include "reslib-validator.h"

G_BEGIN_DECLS

/* One run of the rules over a project, in one thread */
typedef struct
{
  ReslibStore   *store;
  ReslibProfile *profile;
  const char    *package_kind;
  ReslibRecord  *project;
  GListModel    *majors;
  GListModel    *units;
  GListModel    *courses;
  GHashTable    *nodes;          /* id → ReslibRecord (node) */
  GHashTable    *node_uses;      /* node id → count of resources linked */
  GHashTable    *unit_ids;       /* unit id → ReslibRecord */
  GHashTable    *probes;         /* sha256 → ReslibProbeInfo */
  ReslibFindingList *findings;  /* of the run, in the order found */
  ReslibJob     *job;            /* reports the resources checked */
  GCancellable  *cancellable;
} Run;

/* reslib-finding.c */
ReslibFinding *_reslib_finding_new                (const char          *rule,
                                                   ReslibSeverity       severity,
                                                   const char          *subject_kind,
                                                   const char          *subject_id,
                                                   const char          *subject_title,
                                                   char                *message,
                                                   const char          *hint);
void           _reslib_finding_set_field          (ReslibFinding       *self,
                                                   const char          *field);
void           _reslib_finding_set_severity       (ReslibFinding       *self,
                                                   ReslibSeverity       severity);

/* reslib-finding-list.c */
ReslibFindingList *_reslib_finding_list_new        (void);
void           _reslib_finding_list_add           (ReslibFindingList   *self,
                                                   const char          *rule,
                                                   ReslibSeverity       severity,
                                                   gconstpointer        key,
                                                   const char          *subject_kind,
                                                   const char          *subject_id,
                                                   const char          *subject_title,
                                                   char                *message,
                                                   const char          *hint);
void           _reslib_finding_list_add_lazy      (ReslibFindingList   *self,
                                                   const char          *rule,
                                                   ReslibSeverity       severity,
                                                   gconstpointer        key,
                                                   const char          *subject_kind,
                                                   const char          *subject_id,
                                                   const char          *subject_title,
                                                   const char          *format,
                                                   const char          *arg,
                                                   const char          *hint);
guint          _reslib_finding_list_get_length    (ReslibFindingList   *self);
void           _reslib_finding_list_set_last_field (ReslibFindingList  *self,
                                                   const char          *field);
void           _reslib_finding_list_demote_last   (ReslibFindingList   *self);
void           _reslib_finding_list_order         (ReslibFindingList   *self);

/* reslib-validator.c */
void           _reslib_validator_addv             (Run                 *run,
                                                   const char          *rule_id,
                                                   ReslibRecord        *subject,
                                                   const char          *hint,
                                                   const char          *format,
                                                   va_list              args) G_GNUC_PRINTF (5, 0);
void           _reslib_validator_add_titled       (Run                 *run,
                                                   const char          *rule_id,
                                                   ReslibRecord        *subject,
                                                   const char          *hint,
                                                   const char          *format,
                                                   const char          *arg);

/* The rules, by subject */
void           _reslib_rules_units                (Run                 *run);
void           _reslib_rules_majors               (Run                 *run);
void           _reslib_rules_dossier              (Run                 *run);
void           _reslib_rules_dossier_sections     (Run                 *run);
void           _reslib_rules_upkeep               (Run                 *run);
void           _reslib_rules_targets              (Run                 *run);
gboolean       _reslib_rules_resources            (Run                 *run,
                                                   GError             **error);
void           _reslib_rules_courses              (Run                 *run);
void           _reslib_rules_budget               (Run                 *run);

/* What a record is called in a finding: its title, or its name, or its id */
static inline const char *
record_title (ReslibRecord *record)
{
  const ReslibEntity *entity = reslib_record_get_entity (record);

  if (reslib_entity_find_field (entity, "title") != NULL && reslib_record_get (record, "title") != NULL)
    return reslib_record_get (record, "title");
  if (reslib_entity_find_field (entity, "name") != NULL && reslib_record_get (record, "name") != NULL)
    return reslib_record_get (record, "name");
  /* a budget line */
  if (reslib_entity_find_field (entity, "category") != NULL && reslib_record_get (record, "category") != NULL)
    return reslib_record_get (record, "category");

  return reslib_record_get_id (record);
}

/* Whether @certificate is one of the profile's 1+X certificates ("certificates"): it names one of them, as
 * "建筑信息模型(BIM)" or "建筑信息模型(BIM)职业技能等级证书 中级" do. */
static inline gboolean
certificate_known (JsonArray  *certificates,
                   const char *certificate)
{
  for (guint j = 0; certificates != NULL && j < json_array_get_length (certificates); j++)
    if (strstr (certificate, json_array_get_string_element (certificates, j)) != NULL)
      return TRUE;

  return FALSE;
}

/* For the rule files: a finding of @rule_id about @subject, with @hint (a translated literal) on what to do */
static inline void add (Run *run, const char *rule_id, ReslibRecord *subject, const char *hint, const char *format, ...)
  G_GNUC_PRINTF (5, 6);

static inline void
add (Run          *run,
     const char   *rule_id,
     ReslibRecord *subject,
     const char   *hint,
     const char   *format,
     ...)
{
  va_list args;

  va_start (args, format);
  _reslib_validator_addv (run, rule_id, subject, hint, format, args);
  va_end (args);
}

/* For the rules that find one thing per resource: a finding whose message is @format (a translated literal
 * whose first %s is the subject's title, and whose second %s, if any, is @arg, static), made only when the
 * finding is read (reslib-finding-list.c). */
#define add_titled(run, rule_id, subject, hint, format, arg) \
  _reslib_validator_add_titled (run, rule_id, subject, hint, format, arg)

/* The finding just added is about the subject's @field */
static inline void
in_field (Run        *run,
          const char *field)
{
  _reslib_finding_list_set_last_field (run->findings, g_intern_string (field));
}

/* The finding just added is a warning at most */
static inline void
demote_last (Run *run)
{
  _reslib_finding_list_demote_last (run->findings);
}

/* Whether a rule is on (present in the profile). */
#define RULE(run, id) reslib_profile_get_rule ((run)->profile, id)

static inline gboolean
empty (const char *s)
{
  return s == NULL || *s == '\0';
}

static inline gboolean
list_contains (JsonArray  *array,
               const char *value)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_array_get_string_element (array, i), value) == 0)
      return TRUE;

  return FALSE;
}

static inline char *
join_array (JsonArray *array)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (i > 0)
        g_string_append (s, ", ");
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        g_string_append (s, json_node_get_string (node));
      else
        g_string_append_printf (s, "%" G_GINT64_FORMAT, json_node_get_int (node));
    }

  return g_string_free (g_steal_pointer (&s), FALSE);
}

G_END_DECLS
