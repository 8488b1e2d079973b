/* test-probe-dv.c — files sniffed as DV that hold none are probed without a word on the standard error
 *
 * The sniffer calls video/dv any file that starts with the bytes of a DV header, as a few in a thousand files
 * of random bytes do (the cold-cache benchmark's do, issue 21). GStreamer's DV demuxer (libdv) wrote
 * "# no audio" to the standard error for each frame it tried in them. The probe now checks the DIF blocks
 * itself, and a real DV file is still read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "reslib-probe.h"
#include "reslib-test-utils.h"

#define SIZE (1024 * 1024)

static void
test_probe_dv (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *fake = NULL;
  g_autofree char *real = NULL;
  g_autofree char *ffmpeg = NULL;
  g_autofree guint8 *bytes = NULL;
  g_autoptr(ReslibProbeInfo) fake_info = NULL;
  g_autoptr(ReslibProbeInfo) real_info = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = NULL;
  int status = 0;

  if (!g_test_subprocess ())
    {
      /* The standard error of the probes, in a process of their own. */
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      g_test_trap_assert_stderr_unmatched ("*no audio*");
      return;
    }

  dir = reslib_test_make_tmp_dir ("reslib-probe-dv-XXXXXX");
  fake = g_build_filename (dir, "file-001823.bin", NULL);
  real = g_build_filename (dir, "real.dv", NULL);
  rand = g_rand_new_with_seed (1823);
  bytes = g_malloc (SIZE);
  for (gsize i = 0; i < SIZE; i++)
    bytes[i] = (guint8) g_rand_int_range (rand, 0, 256);
  /* The counter the benchmark writes first, 1823 in little-endian order: 1f 07 00 00. */
  memset (bytes, 0, 16);
  bytes[0] = 0x1f;
  bytes[1] = 0x07;
  g_assert_true (g_file_set_contents (fake, (const char *) bytes, SIZE, NULL));

  fake_info = reslib_probe_file (fake, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fake_info->mime_type, ==, "video/dv");
  g_assert_cmpstr (fake_info->error, ==, "The file holds no audio or video that can be read");

  ffmpeg = g_find_program_in_path ("ffmpeg");
  if (ffmpeg != NULL &&
      g_spawn_sync (NULL, (char **) (const char * const[]) { ffmpeg, "-nostdin", "-v", "error", "-y", "-f", "lavfi",
                                                             "-i", "testsrc=size=720x576:rate=25", "-f", "lavfi",
                                                             "-i", "sine=frequency=440:sample_rate=48000", "-t", "1",
                                                             "-target", "pal-dv", real, NULL },
                    NULL, G_SPAWN_STDIN_FROM_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL) &&
      g_spawn_check_wait_status (status, NULL))
    {
      real_info = reslib_probe_file (real, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (real_info->mime_type, ==, "video/dv");
      g_assert_null (real_info->error);
      g_assert_cmpint (real_info->width, ==, 720);
      g_assert_cmpint (real_info->height, ==, 576);
    }
  else
    g_test_message ("no real DV file: ffmpeg could not make one");
  reslib_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  reslib_core_init ();

  g_test_add_func ("/probe-dv/sniffed", test_probe_dv);

  return g_test_run ();
}
