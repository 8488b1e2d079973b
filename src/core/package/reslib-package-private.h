/* reslib-package-private.h — what the files that write and verify packages share
 *
 * Packing: reslib-packager.c gathers what goes into a package and runs the pack; reslib-bag-writer.c
 * lays out the bag (data/manifest.json, the tag files, the entries in path order); reslib-ims-writer.c
 * writes data/imsmanifest.xml; reslib-spool.c keeps generated files of any size; reslib-tar-stream.c
 * writes the deterministic tar, hashing beside it. Verifying: reslib-bag-reader.c reads the tar once,
 * reslib-package-verify.c checks what it read against RFC 8493 and our profile.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <archive.h>
#include <gio/gio.h>
#include <locale.h>

#include "reslib-digest.h"
#include "reslib-package.h"
#include "reslib-package-manifest.h"
#include "reslib-profile.h"
#include "reslib-record.h"
#include "reslib-store.h"

G_BEGIN_DECLS

/* ---------------------------------------------------------------------------------------------- */
/* The thread's locale for tar work                                                                */

/* libarchive converts names through the thread's locale, and its pax writer
 * crashes on a name the locale cannot hold (3.6.2 under LC_ALL=C): tar work
 * runs with a UTF-8 character type in this thread, whatever the process uses. */
typedef struct
{
  locale_t utf8;
  locale_t saved;
} ReslibUtf8Locale;

void _reslib_utf8_locale_enter (ReslibUtf8Locale *l);
void _reslib_utf8_locale_leave (ReslibUtf8Locale *l);

/* ---------------------------------------------------------------------------------------------- */
/* Spools: generated files of any size, kept in an unlinked file next to the package (reslib-spool.c) */

typedef struct
{
  int      fd;
  GString *buf;
  guint64  size;
  int      saved_errno;
} ReslibSpool;

ReslibSpool *_reslib_spool_new         (const char   *dest_path,
                                        GError      **error);
void         _reslib_spool_free        (ReslibSpool  *spool);
void         _reslib_spool_maybe_flush (ReslibSpool  *spool);
gboolean     _reslib_spool_finish      (ReslibSpool  *spool,
                                        const char   *dest_path,
                                        GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReslibSpool, _reslib_spool_free)

/* ---------------------------------------------------------------------------------------------- */
/* What goes into a package (gathered by reslib-packager.c)                                        */

/* What packing keeps of each resource: a few hundred bytes, so a package of a
 * hundred thousand resources fits in little memory. Records are read again,
 * one at a time, when manifest.json is written. */
typedef struct
{
  char       *id;
  char       *file_name;     /* as the store has it, for messages */
  char       *name;          /* the file's name in the bag */
  char       *title;
  const char *language;      /* interned */
  char        sha256[65];    /* the blob's, as the store has it; "" for an online resource */
  guint64     size;
  char       *url;           /* an online resource's address (it has no file), or NULL */
} ReslibPackResource;

/* A generated payload file. */
typedef struct
{
  char         *path;          /* inside the bag: "data/manifest.json" */
  GBytes       *bytes;         /* a small generated file */
  ReslibSpool  *spool;         /* a generated file of any size */
  guint64       size;
} ReslibPayloadFile;

typedef struct
{
  ReslibStore   *store;
  char          *project_id;
  char          *kind;
  guint          format_version;   /* RESLIB_PACKAGE_FORMAT_VERSION, or _CONTRIBUTION for a contribution */
  const char    *dest_path;
  ReslibRecord  *project;
  GPtrArray     *majors;
  GPtrArray     *units;
  GPtrArray     *members;
  GPtrArray     *courses;
  GPtrArray     *nodes;
  GPtrArray     *resources;        /* ReslibPackResource, in the store's order */
  GPtrArray     *sorted;           /* the same, in path order (borrowed) */
  GHashTable    *attached;         /* node id → GPtrArray of ReslibPackResource (borrowed) */
  GTree         *keywords;         /* every keyword of the resources */
  GHashTable    *ref_units;        /* unit ids the resources name */
  GPtrArray     *budget_lines;
  GPtrArray     *milestones;
  GPtrArray     *declarations;
  GPtrArray     *payload;          /* generated ReslibPayloadFile, sorted by path */
  guint          n_payload;        /* files in data/, resources included */
  char          *bag_name;
  char          *dossier;          /* the dossier PDF's path in the bag (application packages), or NULL */
  char          *latest_change;
  gint64         mtime;
  guint64        payload_bytes;
  /* A contribution or a progress package written to a file notes every record it carries
   * (ReslibSyncSent): a few at a time in @sent, the rest in the unlinked file @sent_fd, so a package of
   * 100,000 records does not hold them all in memory; as bases too (@sent_bases) for a contribution.
   * Other packages: @sent is NULL. */
  gboolean       sent_bases;
  GArray        *sent;
  int            sent_fd;
  int            sent_errno;       /* a write to @sent_fd failed */
} ReslibPackContent;

/* Reads what goes into a package of @pkg->kind from @pkg->store (reslib-packager.c); also what an LMS
 * export shows (reslib-lms-export.c). */
gboolean _reslib_pack_gather         (ReslibPackContent  *pkg,
                                      const char * const *resource_ids,
                                      GCancellable       *cancellable,
                                      GError            **error);
void     _reslib_pack_content_clear  (ReslibPackContent  *pkg);
gboolean _reslib_pack_content_prepare (ReslibPackContent   *pkg,
                                       ReslibStore         *store,
                                       const char          *project_id,
                                       const char          *kind,
                                       const char * const  *resource_ids,
                                       ReslibProfile       *profile,
                                       const char          *dest_path,
                                       GCancellable        *cancellable,
                                       GError             **error);

/* reslib-pack-gate.c: whether a package of @kind may be built (the checks, the review) */
gboolean _reslib_pack_gate (ReslibStore         *store,
                            const char          *project_id,
                            const char          *kind,
                            const char * const  *resource_ids,
                            ReslibProfile       *profile,
                            GCancellable        *cancellable,
                            GError             **error);

void     _reslib_pack_sent_init  (ReslibPackContent  *pkg,
                                  gboolean            bases);
void     _reslib_pack_sent_add   (ReslibPackContent  *pkg,
                                  const void         *sent);
gboolean _reslib_pack_sent_note  (ReslibPackContent  *pkg,
                                  GError            **error);
void     _reslib_pack_sent_clear (ReslibPackContent  *pkg);

/* ---------------------------------------------------------------------------------------------- */
/* The deterministic tar, written while the blobs and the tar are hashed (reslib-tar-stream.c)     */

typedef struct _ReslibTarHasher ReslibTarHasher;

typedef struct
{
  struct archive     *archive;
  const char         *dest_path;
  gint64              mtime;
  ReslibProgress      progress;
  ReslibProgressFunc  progress_func;
  gpointer            progress_data;
  gint64              last_progress;
  int                 fd;
  int                 saved_errno;  /* of a failed write of the small-write buffer */
  ReslibTarHasher    *hasher;       /* the blobs' digests and the tar's, beside this thread */
  guint64             tar_size;
  guint64             written;      /* bytes in the file so far */
  guint64             flushed;      /* bytes handed to write-back so far */
  GThreadPool        *writeback;    /* starts the write-back of what was written, beside this thread */
  guint64             writeback_from; /* where the next range to write back starts (its thread's) */
  gint64              writeback_us; /* time it spent starting write-back (it blocks when the disk lags) */
  guint8             *out;          /* small writes (headers, padding), gathered into one write () */
  gsize               out_len;
  guint8             *tar_slot;     /* bytes for the tar's digest that came in small writes */
  gsize               tar_len;
  const guint8       *direct;       /* the slot archive_write_data () is writing, if any */
  gsize               direct_len;
} ReslibTarWriter;

gboolean  _reslib_tar_writer_open            (ReslibTarWriter     *wr,
                                              int                  fd,
                                              const char          *dest_path,
                                              gint64               mtime,
                                              gboolean             tar_digest,
                                              ReslibProgressFunc   progress_func,
                                              gpointer             progress_data,
                                              guint64              bytes_total,
                                              guint                files_total,
                                              GError             **error);
gboolean  _reslib_tar_writer_close           (ReslibTarWriter     *wr,
                                              GError             **error);
gboolean  _reslib_tar_writer_sync            (ReslibTarWriter     *wr,
                                              GError             **error);
void      _reslib_tar_writer_stop_writeback  (ReslibTarWriter     *wr);
char     *_reslib_tar_writer_take_digest     (ReslibTarWriter     *wr);
void      _reslib_tar_writer_clear           (ReslibTarWriter     *wr);
void      _reslib_tar_report_progress        (ReslibTarWriter     *wr,
                                              gboolean             force);
gboolean  _reslib_tar_write_dir              (ReslibTarWriter     *wr,
                                              const char          *bag_name,
                                              const char          *path,
                                              GError             **error);
gboolean  _reslib_tar_write_bytes            (ReslibTarWriter     *wr,
                                              const char          *bag_name,
                                              const char          *path,
                                              GBytes              *bytes,
                                              char                *sha256,
                                              GError             **error);
gboolean  _reslib_tar_write_spool            (ReslibTarWriter     *wr,
                                              const char          *bag_name,
                                              const char          *path,
                                              ReslibSpool         *spool,
                                              char                *sha256,
                                              GError             **error);
gboolean  _reslib_tar_write_blob             (ReslibTarWriter     *wr,
                                              ReslibStore         *store,
                                              const char          *bag_name,
                                              const char          *path,
                                              ReslibPackResource  *info,
                                              char                *sha256,
                                              GCancellable        *cancellable,
                                              GError             **error);

GBytes   *_reslib_tar_entry_header           (const char          *bag_name,
                                              const char          *path,
                                              gboolean             is_dir,
                                              guint64              size,
                                              gint64               mtime,
                                              GError             **error);
/* The end of a tar: two blocks of zeros. */
#define RESLIB_TAR_TRAILER_SIZE 1024

/* ---------------------------------------------------------------------------------------------- */
/* The bag and its files (reslib-bag-writer.c, reslib-ims-writer.c)                                */

char        *_reslib_package_resource_path   (const ReslibPackResource  *info);
ReslibSpool *_reslib_bag_build_manifest_json (ReslibPackContent         *pkg,
                                              GError                   **error);
ReslibSpool *_reslib_ims_build_manifest      (ReslibPackContent         *pkg,
                                              GError                   **error);
/* Where the entries of a bag go, in tar order (_reslib_bag_walk()): the tar (_reslib_bag_write()), or the
 * frozen plan of a streamed submission (reslib-pack-stream.c). @dir gets %NULL for the bag's own folder;
 * @bytes, @spool and @blob fill @sha256 with the file's digest (@bytes may get %NULL); @file_done, if any,
 * follows each payload file, with the size of a generated one. */
typedef struct
{
  gboolean (*dir)       (gpointer             data,
                         const char          *path,
                         GError             **error);
  gboolean (*bytes)     (gpointer             data,
                         const char          *path,
                         GBytes              *bytes,
                         char                *sha256,
                         GError             **error);
  gboolean (*spool)     (gpointer             data,
                         const char          *path,
                         ReslibSpool         *spool,
                         guint64              size,
                         char                *sha256,
                         GError             **error);
  gboolean (*blob)      (gpointer             data,
                         const char          *path,
                         ReslibPackResource  *info,
                         char                *sha256,
                         GError             **error);
  void     (*file_done) (gpointer             data,
                         guint64              generated_size);
} ReslibBagSink;

gboolean     _reslib_bag_walk                (ReslibPackContent         *pkg,
                                              const ReslibBagSink       *sink,
                                              gpointer                   data,
                                              GCancellable              *cancellable,
                                              GError                   **error);
gboolean     _reslib_bag_write               (ReslibPackContent         *pkg,
                                              ReslibTarWriter           *wr,
                                              GCancellable              *cancellable,
                                              GError                   **error);

/* ---------------------------------------------------------------------------------------------- */
/* Verifying (reslib-bag-reader.c, reslib-package-verify.c)                                        */

/* A name of the bag (inside its folder), as verify saw it, in the table of reslib-bag-names.c: a flags
 * byte; unless RESLIB_BAG_SHORT, the size (8 bytes) and the SHA-256 of the data (of a name only listed
 * so far, the listed one); then the name. Bytes only, so a record may start anywhere. */
#define RESLIB_BAG_SEEN    0x01   /* an entry of the tar */
#define RESLIB_BAG_DIR     0x02   /* a folder */
#define RESLIB_BAG_LISTED  0x04   /* named in manifest-sha256.txt */
#define RESLIB_BAG_SHORT   0x08   /* no size or digest: added as a folder */

typedef struct
{
  guint8  flags;
} ReslibBagFile;

#define RESLIB_BAG_FILE_DATA (8 + RESLIB_SHA256_SIZE)

static inline char *
_reslib_bag_file_name (const ReslibBagFile *file)
{
  return (char *) file + 1 + ((file->flags & RESLIB_BAG_SHORT) != 0 ? 0 : RESLIB_BAG_FILE_DATA);
}

/* The digest of a record that is not RESLIB_BAG_SHORT. */
static inline guint8 *
_reslib_bag_file_sha256 (const ReslibBagFile *file)
{
  g_assert ((file->flags & RESLIB_BAG_SHORT) == 0);
  return (guint8 *) file + 1 + 8;
}

typedef struct _ReslibBagNames ReslibBagNames;
typedef void (*ReslibBagNamesFunc) (ReslibBagFile *file,
                                    gpointer       data);

ReslibBagNames *_reslib_bag_names_new      (void);
void            _reslib_bag_names_free     (ReslibBagNames      *t);
ReslibBagFile  *_reslib_bag_names_probe    (ReslibBagNames      *t,
                                            const char          *name,
                                            ReslibBagFile      **clash);
ReslibBagFile  *_reslib_bag_names_add      (ReslibBagNames      *t,
                                            const char          *name,
                                            guint8               flags);
ReslibBagFile  *_reslib_bag_names_lookup   (ReslibBagNames      *t,
                                            const char          *name);
void            _reslib_bag_names_foreach  (ReslibBagNames      *t,
                                            ReslibBagNamesFunc   func,
                                            gpointer             data);
char           *_reslib_bag_fold_name      (const char          *name);
guint64         _reslib_bag_file_get_size  (const ReslibBagFile *file);
void            _reslib_bag_file_set_size  (ReslibBagFile       *file,
                                            guint64              size);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReslibBagNames, _reslib_bag_names_free)

/* The limit a package is beyond (reslib-package.h, reslib-package-manifest.h). */
typedef enum
{
  RESLIB_BAG_LIMIT_NONE,
  RESLIB_BAG_LIMIT_ENTRIES,
  RESLIB_BAG_LIMIT_NAMES,
  RESLIB_BAG_LIMIT_RECORDS,
  RESLIB_BAG_LIMIT_SIZE,
  RESLIB_BAG_LIMIT_PAYLOAD_MANIFEST,
  RESLIB_BAG_LIMIT_MANIFEST_JSON,
} ReslibBagLimit;

/* What a package holds, as verify counts it (reslib-bag-limits.c). */
typedef struct
{
  guint64 entries;                /* files and folders */
  guint64 names_size;             /* bytes of their names, a folder's without its trailing "/" */
  guint64 records;                /* of data/manifest.json */
  guint64 total_size;             /* bytes of the files */
  guint64 payload_manifest_size;  /* bytes of manifest-sha256.txt */
  guint64 manifest_json_size;     /* bytes of data/manifest.json */
} ReslibBagSize;

ReslibBagLimit _reslib_bag_over_limit        (const ReslibBagSize  *size);
gboolean       _reslib_pack_check_limits     (ReslibPackContent    *pkg,
                                              const char * const   *generated,
                                              GError              **error);
gboolean       _reslib_pack_check_generated  (ReslibPackContent    *pkg,
                                              const char           *path,
                                              guint64               file_size,
                                              GError              **error);

typedef struct
{
  const char          *path;
  GPtrArray           *problems;
  const ReslibBagDataSink *sink;     /* the payload files' data, as it is read, or NULL */
  gpointer             sink_data;
  ReslibBagNames      *names;        /* every entry's name inside the bag, and what verify saw of it */
  gboolean             top_seen;     /* the entry of the bag's folder itself */
  GHashTable          *tag_texts;    /* tag file path → GBytes (manifest-sha256.txt is checked as it is read) */
  gboolean             payload_manifest;  /* manifest-sha256.txt was read */
  gboolean             payload_manifest_bad;  /* …and is not UTF-8: its lines after the first bad one are ignored */
  guint                payload_manifest_line;
  GString             *pending_line; /* of manifest-sha256.txt, while it is read */
  gboolean             pending_cr;   /* the last block ended with CR */
  ReslibManifestIndex *index;        /* data/manifest.json, when it was read and found valid */
  char                *top;          /* the one top-level folder */
  ReslibBagSize        size;         /* what was read so far; beyond a limit, what the tar holds */
  gboolean             truncated;
  ReslibBagLimit       over_limit;
} ReslibBagReader;

void     _reslib_bag_problem        (ReslibBagReader      *v,
                                     const char           *format,
                                     ...) G_GNUC_PRINTF (2, 3);
void     _reslib_bag_check_manifest_line (ReslibBagReader *v,
                                          const char      *manifest_name,
                                          gboolean         payload,
                                          guint            number,
                                          const char      *line,
                                          gsize            len);
gboolean _reslib_bag_read_entries   (ReslibBagReader      *v,
                                     struct archive       *a,
                                     ReslibManifestIndex  *index,
                                     GCancellable         *cancellable,
                                     GError              **error);

G_END_DECLS
