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

#define RESLIB_PACKAGE_FORMAT_VERSION  1
#define RESLIB_PACKAGE_PROFILE_URI     "https://github.com/reslib/reslib-studio/raw/main/data/bagit-profile.json"

/* Bounds on what verify accepts from a tar; with those of reslib-package-manifest.h they bound
 * the memory and time verify and import take, whatever the package. */
#define RESLIB_PACKAGE_MAX_ENTRIES       100000
#define RESLIB_PACKAGE_MAX_FILE_SIZE     (G_GUINT64_CONSTANT (64) << 30)     /* 64 GiB */
#define RESLIB_PACKAGE_MAX_TOTAL_SIZE    (G_GUINT64_CONSTANT (1) << 40)      /* 1 TiB */
#define RESLIB_PACKAGE_MAX_TAG_SIZE      (G_GUINT64_CONSTANT (16) << 20)     /* 16 MiB: manifest-sha256.txt */
#define RESLIB_PACKAGE_MAX_MANIFEST_SIZE (G_GUINT64_CONSTANT (256) << 20)    /* 256 MiB: data/manifest.json */
#define RESLIB_PACKAGE_MAX_PATH          4096                                /* bytes of one entry's name */
#define RESLIB_PACKAGE_MAX_NAMES_SIZE    (8 << 20)                           /* 8 MiB: of all entries' names */
#define RESLIB_PACKAGE_MAX_PROBLEMS    200

gboolean  reslib_package_verify       (const char          *path,
                                       GPtrArray          **problems,
                                       JsonNode           **info_out,
                                       GCancellable        *cancellable,
                                       GError             **error);

G_END_DECLS
