/* reslib-package.h — packages: BagIt bags in a deterministic tar (DESIGN §5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "reslib-importer.h"
#include "reslib-lms-export.h"
#include "reslib-output.h"
#include "reslib-packager.h"
#include "reslib-portable-name.h"
#include "reslib-profile.h"
#include "reslib-store.h"

G_BEGIN_DECLS

/* The format of packages for the province (application, progress, acceptance): 1. Contributions are of
 * format 2: format 1 with each record's base versions (DESIGN §5). An import reads both. */
#define RESLIB_PACKAGE_FORMAT_VERSION               1
#define RESLIB_PACKAGE_FORMAT_VERSION_CONTRIBUTION  2
#define RESLIB_PACKAGE_FORMAT_VERSION_MAX           2
#define RESLIB_PACKAGE_PROFILE_URI     "https://github.com/reslib/reslib-studio/raw/main/data/bagit-profile.json"

/* Bounds on what verify accepts from a tar; with those of reslib-package-manifest.h they bound
 * the memory and time verify and import take, whatever the package. A package of 100,000 resources
 * (a folder and a file each, whose names in the bag take up to about 300 bytes together) is within
 * them; verify keeps at most about 52 bytes per entry besides its name (reslib-bag-names.c), so
 * 220,000 entries whose names take 32 MiB cost it at most about 40 MB. Pack refuses a package beyond them
 * (reslib-bag-limits.c). manifest-sha256.txt is checked as it is read: its limit bounds time only. */
#define RESLIB_PACKAGE_MAX_ENTRIES       220000
#define RESLIB_PACKAGE_MAX_FILE_SIZE     (G_GUINT64_CONSTANT (64) << 30)     /* 64 GiB */
#define RESLIB_PACKAGE_MAX_TOTAL_SIZE    (G_GUINT64_CONSTANT (1) << 40)      /* 1 TiB */
#define RESLIB_PACKAGE_MAX_TAG_SIZE      (G_GUINT64_CONSTANT (64) << 20)     /* 64 MiB: manifest-sha256.txt */
#define RESLIB_PACKAGE_MAX_MANIFEST_SIZE (G_GUINT64_CONSTANT (256) << 20)    /* 256 MiB: data/manifest.json */
#define RESLIB_PACKAGE_MAX_PATH          4096                                /* bytes of one entry's name */
#define RESLIB_PACKAGE_MAX_NAMES_SIZE    (32 << 20)                          /* 32 MiB: of all entries' names */
#define RESLIB_PACKAGE_MAX_PROBLEMS    200
#define RESLIB_PACKAGE_MAX_BASE_VERSIONS 64                                  /* a record's base versions (format 2) */

gboolean  reslib_package_verify       (const char          *path,
                                       GPtrArray          **problems,
                                       JsonNode           **info_out,
                                       GCancellable        *cancellable,
                                       GError             **error);

G_END_DECLS
