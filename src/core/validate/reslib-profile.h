/* reslib-profile.h — rule profiles: every number and list the checks use
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  RESLIB_SEVERITY_ERROR,
  RESLIB_SEVERITY_WARNING,
  RESLIB_SEVERITY_INFO,
} ReslibSeverity;

typedef struct
{
  const char     *id;           /* "project.hosts.count" */
  ReslibSeverity  severity;
  const char     *source;       /* a key of the profile's "sources" */
  const char     *source_text;  /* what that source is */
  const char     *confidence;   /* primary, secondary, unverified, guess */
  JsonObject     *params;
  const char     *note;         /* (nullable) how the rule reads its source */
  const char     *unchecked;    /* (nullable) what the rule does not check (yet) */
} ReslibRule;

/* What a project's 对接产业/领域 is, by the profile's lists */
typedef enum
{
  RESLIB_INDUSTRY_CLUSTER,   /* a cluster of the 7+28+N list */
  RESLIB_INDUSTRY_CHAIN,     /* a chain of a cluster */
  RESLIB_INDUSTRY_FIELD,     /* a priority field of the work plan (托育, 养老 …) */
  RESLIB_INDUSTRY_NICHE,     /* written with the free-text prefix ("N:…"): a niche chain */
  RESLIB_INDUSTRY_OTHER,     /* free text in none of the lists */
} ReslibIndustryKind;

#define RESLIB_TYPE_PROFILE (reslib_profile_get_type ())
G_DECLARE_FINAL_TYPE (ReslibProfile, reslib_profile, RESLIB, PROFILE, GObject)

ReslibProfile    *reslib_profile_load          (const char    *path,
                                                GError       **error);
ReslibProfile    *reslib_profile_load_default  (GError       **error);
ReslibProfile    *reslib_profile_load_data     (const char    *name,
                                                const char    *data,
                                                gssize         length,
                                                GError       **error);
const char       *reslib_profile_get_id        (ReslibProfile *self);
const char       *reslib_profile_get_title     (ReslibProfile *self);
const ReslibRule *reslib_profile_get_rule      (ReslibProfile *self,
                                                const char    *rule_id);
GPtrArray        *reslib_profile_list_rules    (ReslibProfile *self);
JsonObject       *reslib_profile_get_object    (ReslibProfile *self,
                                                const char    *member);
JsonArray        *reslib_profile_get_array     (ReslibProfile *self,
                                                const char    *member);
double            reslib_profile_get_double    (ReslibProfile *self,
                                                const char    *member);
double            reslib_profile_get_upkeep_rate (ReslibProfile *self);
double            reslib_profile_get_user_growth_rate (ReslibProfile *self);
guint             reslib_upkeep_needed         (double         rate,
                                                gint64         count);
const char       *reslib_severity_to_string    (ReslibSeverity severity);
ReslibIndustryKind reslib_profile_classify_industry (ReslibProfile  *self,
                                                    const char     *value,
                                                    const char    **cluster);
const char       *reslib_profile_match_budget_source (ReslibProfile *self,
                                                     const char    *value);
GStrv             reslib_profile_list_budget_sources (ReslibProfile *self);
const char       *reslib_profile_document_level (ReslibProfile *self,
                                                 const char    *document);

/* Helpers for rule parameters */
gint64            reslib_rule_int              (const ReslibRule *rule,
                                                const char       *param,
                                                gint64            fallback);
double            reslib_rule_double           (const ReslibRule *rule,
                                                const char       *param,
                                                double            fallback);
gboolean          reslib_rule_list_contains    (const ReslibRule *rule,
                                                const char       *param,
                                                const char       *value);

G_END_DECLS
