/* bench-validate.c — validation of 100,000 resources with cached probes
 *
 * Target (issue: validation): ≤ 2 s. BENCH_VALIDATE_RESOURCES changes the count.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include "reslib-test-utils.h"

#define TARGET_S 2.0

/* Runs the validator job in this thread: its findings (transfer full), or NULL with @error set. */
static GListModel *
run_validator (ReslibStore    *store,
               const char     *project_id,
               ReslibProfile  *profile,
               const char     *package_kind,
               GError        **error)
{
  g_autoptr(ReslibValidator) validator = reslib_validator_new (store, project_id, profile);

  reslib_validator_set_package_kind (validator, package_kind);
  if (!reslib_job_run (RESLIB_JOB (validator), NULL, error))
    return NULL;
  return g_object_ref (reslib_validator_get_findings (validator));
}

int
main (int   argc,
      char *argv[])
{
  const char *count_env = g_getenv ("BENCH_VALIDATE_RESOURCES");
  guint n = count_env != NULL ? (guint) atoi (count_env) : 100000;
  g_autofree char *dir = reslib_test_make_tmp_dir ("reslib-bench-validate-XXXXXX");
  g_autofree char *data_dir = g_build_filename (dir, "store", NULL);
  g_autoptr(ReslibStore) store = NULL;
  g_autoptr(ReslibProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) resources = NULL;
  g_autofree char *project = NULL;
  double times[3];
  guint n_findings = 0;

  setlocale (LC_ALL, "");
  reslib_core_init ();

  store = reslib_test_open_store (data_dir);
  project = reslib_test_new_project (store, "bench");
  profile = reslib_profile_load_default (&error);
  g_assert_no_error (error);
  reslib_test_fill_resources (store, project, n, TRUE);

  /* A cached probe for every blob: 720p H.264/AAC, as a camera gives it. */
  resources = reslib_store_list (store, RESLIB_KIND_RESOURCE, project, &error);
  g_assert_true (reslib_store_begin (store, &error));
  for (guint i = 0; i < g_list_model_get_n_items (resources); i++)
    {
      g_autoptr(ReslibRecord) r = g_list_model_get_item (resources, i);
      ReslibProbeInfo info = {
        .sha256 = (char *) reslib_record_get (r, "blob_sha256"), .version = RESLIB_PROBE_VERSION,
        .mime_type = (char *) "video/mp4", .container = (char *) "mp4", .video_codec = (char *) "h264",
        .audio_codec = (char *) "aac", .width = 1280, .height = 720, .frame_rate = 25,
        .video_bitrate = 1500000, .audio_bitrate = 128000, .duration = 300, .sample_rate = 44100, .channels = 2,
      };
      g_assert_true (reslib_store_put_probe (store, &info, &error));
    }
  g_assert_true (reslib_store_commit (store, &error));
  g_clear_object (&resources);

  for (guint r = 0; r < G_N_ELEMENTS (times); r++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GListModel) findings = run_validator (store, project, profile, NULL, &error);

      times[r] = (g_get_monotonic_time () - start) / 1e6;
      g_assert_no_error (error);
      n_findings = g_list_model_get_n_items (findings);
    }
  if (times[0] > times[1]) { double t = times[0]; times[0] = times[1]; times[1] = t; }
  if (times[1] > times[2]) { double t = times[1]; times[1] = times[2]; times[2] = t; }
  if (times[0] > times[1]) { double t = times[0]; times[0] = times[1]; times[1] = t; }

  g_print ("validation of %u resources with cached probes: median %.3f s, %u findings (target <= %.1f s)\n",
           n, times[1], n_findings, TARGET_S);

  g_clear_object (&store);
  reslib_test_rm_rf (dir);

  return times[1] <= TARGET_S ? 0 : 1;
}
