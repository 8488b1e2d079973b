/* reslib-rules-upkeep.c — the rule project.upkeep.rate: after acceptance, each year's new or replaced
 * resources and each year's new registered users (教职成司函〔2022〕12号)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "reslib-store-usage.h"
#include "reslib-validator-private.h"

/* A finding that says what cannot be checked is a warning at most: the data is missing, not the growth. */
static void
add_unchecked (Run        *run,
               const char *hint,
               const char *message)
{
  add (run, "project.upkeep.rate", run->project, hint, "%s", message);
  demote_last (run);
}

static void
format_date (const GDate *date,
             char         out[16])
{
  g_date_strftime (out, 16, "%Y-%m-%d", date);
}

/* The resources' half: each year from the baseline date at least the rate of the baseline count of
 * resources are new or have their file replaced by a new version; an edit of metadata alone does not
 * count. */
static void
check_resources (Run         *run,
                 const GDate *baseline,
                 const GDate *today)
{
  gint64 count = reslib_record_get_int (run->project, "baseline_count", 0);
  double rate = reslib_profile_get_upkeep_rate (run->profile);
  GDate from = *baseline;

  if (count <= 0 || rate <= 0)
    return;

  for (guint year = 1; year <= 50; year++)
    {
      GDate to = from;
      char from_text[16], to_text[16];
      guint changed, needed = reslib_upkeep_needed (rate, count);

      g_date_add_years (&to, 1);
      if (g_date_compare (&to, today) > 0)
        break;
      format_date (&from, from_text);
      format_date (&to, to_text);
      changed = reslib_store_count_renewed_resources (run->store, reslib_record_get_id (run->project), from_text,
                                                      to_text, NULL);
      if (changed < needed)
        add (run, "project.upkeep.rate", run->project,
             _("Add resources or replace their files with new versions: editing their metadata does not count"),
             _("From %s to %s, %u resources were added or got a new version of their file; %u (%.0f%% of %d) were needed"),
             from_text, to_text, changed, needed, rate * 100, (int) count);
      from = to;
    }
}

/* The users' half: each year from the baseline date the registered users (the four kinds of the usage
 * statistics, data/profiles/usage-csv.md) grow by at least the user rate of those at acceptance. The users
 * at a date are those of the last period that ends by then (reslib_store_usage_users_at()): a year is
 * measured from the users at its first day to the users at its last. Missing statistics are said, with
 * what to import: a warning, since the data is missing, not the growth. */
static void
check_users (Run         *run,
             const GDate *baseline,
             const GDate *today)
{
  const char *project_id = reslib_record_get_id (run->project);
  double rate = reslib_profile_get_user_growth_rate (run->profile);
  g_autoptr(GError) error = NULL;
  g_autofree char *base_end = NULL;
  char baseline_text[16];
  GDate from = *baseline, first_end = *baseline;
  gint64 at_acceptance;
  guint needed;

  g_date_add_years (&first_end, 1);
  if (rate <= 0 || g_date_compare (&first_end, today) > 0)
    return;   /* no year after acceptance has ended yet */

  format_date (baseline, baseline_text);
  if (!reslib_store_usage_users_at (run->store, project_id, baseline_text, &at_acceptance, &base_end, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The yearly user growth cannot be checked: %s"), error->message);

      add_unchecked (run, _("Check that the library’s data folder can be read"), message);
      return;
    }
  if (at_acceptance < 0)
    {
      g_autofree char *message =
        g_strdup_printf (_("The yearly user growth cannot be checked: no usage statistics period ends by the date of acceptance (%s)"),
                         baseline_text);

      add_unchecked (run,
                     _("Import the platform’s usage statistics (Import Usage… on the Dossier page, or reslib usage import) with a period that ends by the date of acceptance and one for each year since"),
                     message);
      return;
    }
  needed = reslib_upkeep_needed (rate, at_acceptance);

  for (guint year = 1; year <= 50; year++)
    {
      GDate to = from;
      char from_text[16], to_text[16];
      g_autofree char *from_end = NULL;
      g_autofree char *to_end = NULL;
      gint64 before, after;

      g_date_add_years (&to, 1);
      if (g_date_compare (&to, today) > 0)
        break;
      format_date (&from, from_text);
      format_date (&to, to_text);
      if (!reslib_store_usage_users_at (run->store, project_id, from_text, &before, &from_end, NULL) ||
          !reslib_store_usage_users_at (run->store, project_id, to_text, &after, &to_end, NULL))
        break;
      if (g_strcmp0 (from_end, to_end) == 0)
        {
          g_autofree char *message =
            g_strdup_printf (_("The user growth from %s to %s cannot be checked: no usage statistics period ends in that year"),
                             from_text, to_text);

          add_unchecked (run,
                         _("Import the platform’s usage statistics for that year (Import Usage… on the Dossier page, or reslib usage import)"),
                         message);
        }
      else if (after - before < (gint64) needed)
        add (run, "project.upkeep.rate", run->project,
             _("Promote the library to more learners; if the platform counts more users, import its latest usage statistics"),
             _("From %s to %s, the registered users grew by %lld (%lld on %s, %lld on %s); %u (%.0f%% of the %lld at acceptance) were needed"),
             from_text, to_text, (long long) (after - before), (long long) before, from_end, (long long) after, to_end,
             needed, rate * 100, (long long) at_acceptance);
      from = to;
    }
}

/* The yearly update after acceptance (project.upkeep.rate). It applies to the package kinds the rule names
 * (the progress reports made after acceptance) and to a check made for no package, never to an
 * application. A baseline before the build started is wrong in itself. */
void
_reslib_rules_upkeep (Run *run)
{
  const ReslibRule *rule = RULE (run, "project.upkeep.rate");
  const char *baseline = reslib_record_get (run->project, "baseline_date");
  const char *start = reslib_record_get (run->project, "start_date");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GDate from, today, started;

  if (rule == NULL || empty (baseline) || !reslib_parse_date (baseline, &from))
    return;
  if (run->package_kind != NULL && !reslib_rule_list_contains (rule, "package_kinds", run->package_kind))
    return;
  if (reslib_parse_date (start, &started) && g_date_compare (&from, &started) < 0)
    {
      add (run, "project.upkeep.rate", run->project,
           _("Set the baseline date to the day the library was accepted, on the Dossier page"),
           _("The baseline date %s is before the build started (%s): the baseline is the date of acceptance"),
           baseline, start);
      return;
    }
  g_date_set_dmy (&today, (GDateDay) g_date_time_get_day_of_month (now), (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));

  check_resources (run, &from, &today);
  check_users (run, &from, &today);
}
