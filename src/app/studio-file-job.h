/* studio-file-job.h — writing one file through a job, from a save dialog to the toast that opens it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "reslib-job.h"
#include "reslib-output.h"
#include "studio-session.h"
#include "studio-settings.h"

G_BEGIN_DECLS

/* What the toast after a written file offers. */
typedef enum
{
  STUDIO_FILE_JOB_OPEN,            /* "Open": the file in its default application */
  STUDIO_FILE_JOB_SHOW_IN_FOLDER,  /* "Show in Folder" */
} StudioFileJobDone;

/* Makes the job that writes @path (called once the session has a project and @path is local). */
typedef ReslibJob *(*StudioFileJobMake) (ReslibStore       *store,
                                         const char        *project_id,
                                         const char        *path,
                                         ReslibOutputFlags  flags,
                                         gpointer           user_data);

/* The title of the done toast (Pango markup): @name is the file's name, already escaped. */
typedef char *(*StudioFileJobDoneTitle) (ReslibJob  *job,
                                         const char *name);

/**
 * StudioFileJobTexts:
 * @progress: the title of the progress toast ("Writing the report…")
 * @cancelled: the toast when the user cancelled ("The report was not written: cancelled")
 * @failed: the heading of the error dialog ("The report could not be written")
 * @open_failed: the heading of the error dialog when the written file cannot be opened
 * @done: what the done toast offers
 * @done_title: (nullable): the done toast's title; %NULL for "“NAME” written"
 *
 * The texts, translated, of one kind of file.
 */
typedef struct
{
  const char             *progress;
  const char             *cancelled;
  const char             *failed;
  const char             *open_failed;
  StudioFileJobDone       done;
  StudioFileJobDoneTitle  done_title;
} StudioFileJobTexts;

/* One type of file offered in the save dialog; @suffix without its dot ("xlsx"). */
typedef struct
{
  const char *name;
  const char *mime_type;
  const char *suffix;
} StudioFileJobFilter;

/* Called when the user chose a file: @suffix is the extension it is written with (one of the filters'). */
typedef void (*StudioFileJobChosen) (StudioSession     *session,
                                     GFile             *file,
                                     ReslibOutputFlags  flags,
                                     const char        *suffix,
                                     gpointer           user_data);

void      studio_file_job_run          (StudioSession             *session,
                                        GFile                     *file,
                                        ReslibOutputFlags          flags,
                                        const StudioFileJobTexts  *texts,
                                        StudioFileJobMake          make,
                                        gpointer                   make_data,
                                        GAsyncReadyCallback        callback,
                                        gpointer                   user_data);
gboolean  studio_file_job_run_finish   (GAsyncResult              *result,
                                        GError                   **error);

void      studio_file_job_choose       (GtkWindow                 *parent,
                                        StudioSession             *session,
                                        const char                *title,
                                        const char                *accept,
                                        StudioFolderPurpose        folder,
                                        const char                *name,
                                        const StudioFileJobFilter *filters,
                                        guint                      n_filters,
                                        guint                      selected,
                                        StudioFileJobChosen        chosen,
                                        gpointer                   user_data,
                                        GDestroyNotify             destroy);

GFile    *studio_file_job_chosen_file  (GFile                     *file,
                                        const char * const        *suffixes,
                                        const char                *filter_suffix,
                                        const char               **suffix,
                                        gboolean                  *replace);
char     *studio_file_job_safe_name    (const char                *name);

G_END_DECLS
