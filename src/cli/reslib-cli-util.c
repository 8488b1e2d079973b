/* reslib-cli-util.c — option parsing, errors, exit codes and output for `reslib`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "reslib-cli.h"

/**
 * reslib_cli_get_store:
 *
 * Opens the store on first use, so commands that fail on their arguments
 * never touch the data folder.
 *
 * Returns: (transfer none): the store, or %NULL with @error set.
 */
ReslibStore *
reslib_cli_get_store (ReslibCli  *cli,
                      GError    **error)
{
  if (cli->store == NULL)
    {
      const char *actor = g_getenv ("RESLIB_ACTOR");

      cli->store = reslib_store_open (cli->data_dir, error);
      if (cli->store == NULL)
        return NULL;
      if (actor != NULL && *actor != '\0' && g_utf8_validate (actor, -1, NULL))
        reslib_store_set_actor (cli->store, actor);
    }

  return cli->store;
}

/**
 * reslib_cli_parse:
 * @parameter_string: (nullable): the positional arguments for the help, marked with N_()
 * @summary: (nullable): a sentence for the help, marked with N_()
 * @args: (inout): the command's arguments; options are removed
 *
 * Parses the options of one command. `--help` prints the help and exits.
 */
gboolean
reslib_cli_parse (ReslibCli           *cli,
                  const GOptionEntry  *entries,
                  const char          *parameter_string,
                  const char          *summary,
                  char              ***args,
                  GError             **error)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *prgname = g_strdup_printf ("reslib %s", cli->command);

  context = g_option_context_new (parameter_string != NULL ? _(parameter_string) : NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (summary != NULL)
    g_option_context_set_summary (context, _(summary));
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  /* The usage line of the help starts with the program name. */
  g_set_prgname (prgname);
  if (!g_option_context_parse_strv (context, args, error))
    return FALSE;
  g_set_prgname ("reslib");

  return TRUE;
}

/**
 * reslib_cli_check_args:
 * @min_args: how many positional arguments are needed
 * @max_args: how many are allowed, -1 for any number
 * @what: the name of the first missing argument, e.g. "PROJECT"
 */
gboolean
reslib_cli_check_args (ReslibCli  *cli,
                       char      **args,
                       guint       min_args,
                       int         max_args,
                       const char *what,
                       GError    **error)
{
  guint n = g_strv_length (args) - 1;

  if (n < min_args)
    {
      reslib_cli_usage_error (error, _("Missing %s"), what);
      return FALSE;
    }
  if (max_args >= 0 && n > (guint) max_args)
    {
      g_autofree char *shown = g_filename_display_name (args[max_args + 1]);

      reslib_cli_usage_error (error, _("Unexpected argument “%s”"), shown);
      return FALSE;
    }

  return TRUE;
}

gboolean
reslib_cli_require (const char  *value,
                    const char  *option,
                    GError     **error)
{
  if (value == NULL || *value == '\0')
    {
      reslib_cli_usage_error (error, _("The option %s is required"), option);
      return FALSE;
    }

  return TRUE;
}

/* A mistake in the command line itself: reported with a pointer to the help. */
void
reslib_cli_usage_error (GError     **error,
                        const char  *format,
                        ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, message);
}

/**
 * reslib_cli_check_output:
 * @output: the file given with -o
 * @force: whether --force was given
 *
 * Refuses an output file inside the data folder, or one that exists without --force,
 * before any work is done. The core checks again when it writes.
 */
gboolean
reslib_cli_check_output (ReslibStore  *store,
                         const char   *output,
                         gboolean      force,
                         GError      **error)
{
  g_autoptr(GError) local_error = NULL;

  if (reslib_output_check (store, output, force ? RESLIB_OUTPUT_REPLACE : RESLIB_OUTPUT_NONE, &local_error))
    return TRUE;
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_autofree char *shown = reslib_cli_escape_path (output);

      reslib_cli_usage_error (error, _("“%s” already exists: give another file with -o, or add --force to replace it"),
                              shown);
      return FALSE;
    }
  g_propagate_error (error, g_steal_pointer (&local_error));

  return FALSE;
}

/* Errors about a file that cannot be read as what it should be. */
static gboolean
is_unreadable_file (const GError *error)
{
  if (error->domain == G_IO_ERROR)
    switch (error->code)
      {
      case G_IO_ERROR_NOT_FOUND:
      case G_IO_ERROR_IS_DIRECTORY:
      case G_IO_ERROR_NOT_REGULAR_FILE:
      case G_IO_ERROR_INVALID_FILENAME:
      case G_IO_ERROR_INVALID_DATA:
      case G_IO_ERROR_PARTIAL_INPUT:
        return TRUE;
      default:
        return FALSE;
      }
  if (error->domain == G_FILE_ERROR)
    switch (error->code)
      {
      case G_FILE_ERROR_NOENT:
      case G_FILE_ERROR_ISDIR:
      case G_FILE_ERROR_NOTDIR:
      case G_FILE_ERROR_NAMETOOLONG:
      case G_FILE_ERROR_LOOP:
        return TRUE;
      default:
        return FALSE;
      }

  return FALSE;
}

/**
 * reslib_cli_exit_code:
 *
 * The one place that maps errors to the exit status of DESIGN §7: 2 for a wrong command
 * line, 4 for bad input data (a file, a package, a sheet the command was given, including
 * one that is missing), 3 for the machine, the store or the network, 1 for blocking checks.
 * A value the store refuses is a usage error when it came from the command line, and bad
 * input when it came from a file (cli->reading_input is set while a command reads one).
 *
 * Returns: the exit status for @error
 */
int
reslib_cli_exit_code (ReslibCli    *cli,
                      const GError *error)
{
  gboolean from_input = cli != NULL && cli->reading_input;

  if (error == NULL)
    return RESLIB_EXIT_OK;
  if (error->domain == G_OPTION_ERROR)
    return RESLIB_EXIT_USAGE;
  if (reslib_error_is_input_error (error))
    return RESLIB_EXIT_BAD_INPUT;
  if (error->domain == RESLIB_ERROR)
    {
      switch ((ReslibError) error->code)
        {
        case RESLIB_ERROR_INVALID:
        case RESLIB_ERROR_NOT_FOUND:
        case RESLIB_ERROR_AMBIGUOUS:
        case RESLIB_ERROR_CONSTRAINT:
          return from_input ? RESLIB_EXIT_BAD_INPUT : RESLIB_EXIT_USAGE;
        case RESLIB_ERROR_NOT_AVAILABLE:
          return RESLIB_EXIT_USAGE;
        case RESLIB_ERROR_BAD_FILE:
        case RESLIB_ERROR_CHANGED:
          return RESLIB_EXIT_BAD_INPUT;
        case RESLIB_ERROR_CHECKS_FAILED:
          return RESLIB_EXIT_CHECKS;
        case RESLIB_ERROR_FAILED:
        case RESLIB_ERROR_IO:
        case RESLIB_ERROR_NO_SPACE:
        case RESLIB_ERROR_READ_ONLY:
        case RESLIB_ERROR_CORRUPT:
        case RESLIB_ERROR_FOREIGN:
        case RESLIB_ERROR_TOO_NEW:
        case RESLIB_ERROR_BUSY:
        default:
          return RESLIB_EXIT_RUNTIME;
        }
    }
  /* Parsers only ever read input. */
  if (error->domain == JSON_PARSER_ERROR || error->domain == G_MARKUP_ERROR || error->domain == G_KEY_FILE_ERROR ||
      (error->domain == G_CONVERT_ERROR && error->code == G_CONVERT_ERROR_ILLEGAL_SEQUENCE))
    return RESLIB_EXIT_BAD_INPUT;
  if (from_input && is_unreadable_file (error))
    return RESLIB_EXIT_BAD_INPUT;

  return RESLIB_EXIT_RUNTIME;
}

/* ---------------------------------------------------------------------------------------------- */
/* Ctrl-C: a thread with its own main context turns SIGINT and SIGTERM into a
 * cancellation, which the command's work honours without leaving anything behind. */

struct _ReslibCliInterrupt
{
  GMainContext *context;
  GCancellable *cancellable;
  GSource      *sources[2];
  GThread      *thread;
  gint          stop;
};

static gboolean
interrupted_cb (gpointer user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));

  return G_SOURCE_CONTINUE;
}

static gpointer
interrupt_worker (gpointer user_data)
{
  ReslibCliInterrupt *watch = user_data;

  g_main_context_push_thread_default (watch->context);
  while (!g_atomic_int_get (&watch->stop))
    g_main_context_iteration (watch->context, TRUE);
  g_main_context_pop_thread_default (watch->context);

  return NULL;
}

ReslibCliInterrupt *
reslib_cli_interrupt_start (GCancellable *cancellable)
{
  static const int signals[] = { SIGINT, SIGTERM };
  ReslibCliInterrupt *watch = g_new0 (ReslibCliInterrupt, 1);

  G_STATIC_ASSERT (G_N_ELEMENTS (signals) == G_N_ELEMENTS (watch->sources));
  watch->context = g_main_context_new ();
  watch->cancellable = g_object_ref (cancellable);
  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    {
      watch->sources[i] = g_unix_signal_source_new (signals[i]);
      g_source_set_callback (watch->sources[i], interrupted_cb, g_object_ref (cancellable), g_object_unref);
      g_source_attach (watch->sources[i], watch->context);
    }
  watch->thread = g_thread_new ("reslib-signals", interrupt_worker, watch);

  return watch;
}

void
reslib_cli_interrupt_stop (ReslibCliInterrupt *watch)
{
  g_atomic_int_set (&watch->stop, 1);
  g_main_context_wakeup (watch->context);
  g_thread_join (watch->thread);
  for (guint i = 0; i < G_N_ELEMENTS (watch->sources); i++)
    {
      g_source_destroy (watch->sources[i]);
      g_source_unref (watch->sources[i]);
    }
  g_main_context_unref (watch->context);
  g_object_unref (watch->cancellable);
  g_free (watch);
}

/**
 * reslib_cli_run_cancellable:
 * @work: the command's work, which takes a #GCancellable
 *
 * Runs @work with SIGINT and SIGTERM turned into its cancellation: the work cleans up
 * after itself (a pack or a report removes its temporary file) and fails with
 * %G_IO_ERROR_CANCELLED, which ends the command with exit status 3.
 */
gboolean
reslib_cli_run_cancellable (ReslibCli      *cli,
                            ReslibCliWork   work,
                            gpointer        data,
                            GError        **error)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  ReslibCliInterrupt *watch = reslib_cli_interrupt_start (cancellable);
  gboolean ok;

  ok = work (data, cancellable, error);
  reslib_cli_interrupt_stop (watch);

  return ok;
}

/**
 * reslib_cli_escape:
 * @text: (nullable): text that came from a file, a package, a server or the store
 *
 * Every place that prints such text passes it through here: control characters
 * (terminal escapes among them) and bytes that are not UTF-8 are shown escaped.
 *
 * Returns: (transfer full): the text, safe to print on one line
 */
char *
reslib_cli_escape (const char *text)
{
  return reslib_escape_text (text);
}

/**
 * reslib_cli_escape_in:
 * @pool: the strings made for one output, freed with it
 *
 * reslib_cli_escape() for use in a printf: the result lives as long as @pool.
 */
const char *
reslib_cli_escape_in (GPtrArray  *pool,
                      const char *text)
{
  char *escaped = reslib_escape_text (text);

  g_ptr_array_add (pool, escaped);

  return escaped;
}

/* Same for a file name, which may hold any byte. */
char *
reslib_cli_escape_path (const char *path)
{
  return reslib_escape_text (path);
}

/* Exactly one line on stderr, whatever the message holds. */
void
reslib_cli_print_error (ReslibCli    *cli,
                        const GError *error)
{
  g_autoptr(GString) line = g_string_new (NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_string_append (line, _("Cancelled: nothing was changed"));
  else
    {
      g_autofree char *message = g_strdup (error->message);
      g_autofree char *escaped = NULL;

      /* Lines of a longer message are joined; anything else a terminal would act on is escaped. */
      g_strdelimit (message, "\r\n\t", ' ');
      escaped = reslib_cli_escape (message);
      g_string_append (line, escaped);
    }
  while (line->len > 0 && line->str[line->len - 1] == ' ')
    g_string_truncate (line, line->len - 1);

  if (error->domain == G_OPTION_ERROR)
    {
      g_autofree char *help = g_strdup_printf ("reslib %s%s--help", cli->command ? cli->command : "",
                                               cli->command ? " " : "");

      g_autofree char *message = g_string_free (g_steal_pointer (&line), FALSE);

      /* Translators: the first argument is an error message, the second a command such as
       * “reslib project new --help”. */
      line = g_string_new (NULL);
      g_string_printf (line, _("%s. Try “%s”."), g_strchomp (message), help);
      g_string_replace (line, "..", ".", 1);
    }

  g_printerr ("reslib: %s\n", line->str);
}

/* The problems of a package, under a first line, as `verify` and `import` list them. */
void
reslib_cli_print_problems (const char *first_line,
                           GPtrArray  *problems)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *first = reslib_cli_escape (first_line);

  g_string_append_printf (out, "reslib: %s\n", first);
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      g_autofree char *line = g_strdup (g_ptr_array_index (problems, i));
      g_autofree char *escaped = NULL;

      g_strdelimit (line, "\r\n\t", ' ');
      escaped = reslib_cli_escape (line);
      g_string_append_printf (out, "  %s\n", escaped);
    }
  g_printerr ("%s", out->str);
}

gboolean
reslib_cli_check_choice (ReslibKind   kind,
                         const char  *field,
                         const char  *value,
                         GError     **error)
{
  const ReslibEntity *entity = reslib_entity_get (kind);
  const ReslibField *f = reslib_entity_find_field (entity, field);

  g_return_val_if_fail (f != NULL, FALSE);

  if (value == NULL)
    return TRUE;

  return reslib_field_check_value (entity, f, value, error);
}

/**
 * reslib_cli_split_list:
 * @values: (nullable): texts, each a list as reslib_split_list() reads it
 *
 * Returns: (transfer full): the items of all of @values, trimmed, without blanks
 */
char **
reslib_cli_split_list (const char * const *values)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      g_auto(GStrv) parts = reslib_split_list (values[i]);

      g_strv_builder_addv (builder, (const char **) parts);
    }

  return g_strv_builder_end (builder);
}

/* Splits "FIELD=VALUE" arguments; an empty VALUE clears the field. */
gboolean
reslib_cli_parse_assignments (char      **pairs,
                              GPtrArray  *fields,
                              GPtrArray  *values,
                              GError    **error)
{
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      const char *eq = strchr (pairs[i], '=');

      if (eq == NULL || eq == pairs[i])
        {
          g_autofree char *shown = g_filename_display_name (pairs[i]);

          reslib_cli_usage_error (error, _("“%s” is not FIELD=VALUE"), shown);
          return FALSE;
        }
      g_ptr_array_add (fields, g_strstrip (g_strndup (pairs[i], eq - pairs[i])));
      g_ptr_array_add (values, g_strdup (eq + 1));
    }

  return TRUE;
}

/* The bytes a character escape_json_controls() escapes can start with. */
static const guint8 escape_starts[256] = { [0x1f] = 1, [0x7f] = 1, [0xc2] = 1, [0xd8] = 1, [0xe2] = 1 };

/* JSON output escapes C0 controls already, but for U+001F, which json-glib 1.6's generator leaves
 * as it is; that, DEL, the C1 controls (U+009B is a CSI for some terminals), line separators and
 * the bidirectional controls become \uXXXX here. They can only be inside strings, where the escape
 * means the same character. */
static GString *
escape_json_controls (GString *json)
{
  GString *out = NULL;
  const char *p = json->str, *end = json->str + json->len, *copied = json->str;

  while (p < end)
    {
      guchar b = (guchar) *p;
      gunichar c;
      const char *next;

      /* Every character escaped below starts with one of these bytes (U+001F; U+007F; U+0080–U+009F:
       * C2; U+061C: D8; U+200E–U+2069: E2), and no other character's bytes are among them: looking for
       * these bytes only, with strcspn() (the string ends with a NUL; one inside it is passed over),
       * keeps a listing of 100,000 resources fast. */
      if (!escape_starts[b])
        {
          p += b == '\0' ? 1 : strcspn (p, "\x1f\x7f\xc2\xd8\xe2");
          continue;
        }
      c = b < 0x80 ? b : g_utf8_get_char_validated (p, end - p);
      next = c == (gunichar) -1 || c == (gunichar) -2 ? p + 1 : g_utf8_next_char (p);

      if (c == 0x1f || c == 0x7f || (c >= 0x80 && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
          c == 0x2028 || c == 0x2029 || c == 0x200e || c == 0x200f || c == 0x061c)
        {
          if (out == NULL)
            out = g_string_sized_new (json->len + 16);
          g_string_append_len (out, copied, p - copied);
          g_string_append_printf (out, "\\u%04x", c);
          copied = next;
        }
      p = next;
    }
  if (out == NULL)
    return json;
  g_string_append_len (out, copied, end - copied);
  g_string_free (json, TRUE);

  return out;
}

/* Writes machine-readable output in one go, as UTF-8 whatever the locale. */
void
reslib_cli_write (GString *out)
{
  fwrite (out->str, 1, out->len, stdout);
  fflush (stdout);
}

/* Appends @node to @out as JSON text, escaped as reslib_cli_print_json() escapes it. */
void
reslib_cli_append_json (GString  *out,
                        JsonNode *node,
                        gboolean  pretty)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GString) text = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, pretty);
  data = json_generator_to_data (generator, &length);
  text = escape_json_controls (g_string_new_len (data, (gssize) length));
  g_string_append_len (out, text->str, (gssize) text->len);
}

void
reslib_cli_print_json (JsonNode *node,
                       gboolean  pretty)
{
  g_autoptr(GString) out = g_string_new (NULL);

  reslib_cli_append_json (out, node, pretty);
  g_string_append_c (out, '\n');
  reslib_cli_write (out);
}

/* A JSON array of records, built as text: fast enough for 100,000 of them. */
void
reslib_cli_print_records_json (GListModel *records)
{
  guint n = g_list_model_get_n_items (records);
  g_autoptr(GString) out = g_string_sized_new (64 + (gsize) n * 640);

  g_string_append_c (out, '[');
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ReslibRecord) record = g_list_model_get_item (records, i);

      if (i > 0)
        g_string_append_c (out, ',');
      reslib_record_append_json (record, out);
    }
  g_string_append (out, "]\n");
  out = escape_json_controls (out);
  reslib_cli_write (out);
}

/* A streamed JSON array is written in pieces of about this size, each ending after a record. */
#define JSON_PIECE (1024 * 1024)

typedef struct
{
  GString  *out;
  gboolean  first;
} RecordStream;

static void
flush_json (RecordStream *array)
{
  /* A piece ends between two records, never inside a character, so its escapes are those of the whole. */
  array->out = escape_json_controls (array->out);
  reslib_cli_write (array->out);
  g_string_truncate (array->out, 0);
}

static gboolean
append_record_json (ReslibRecord *record,
                    gpointer      user_data,
                    GError      **error)
{
  RecordStream *array = user_data;

  if (!array->first)
    g_string_append_c (array->out, ',');
  array->first = FALSE;
  reslib_record_append_json (record, array->out);
  if (array->out->len >= JSON_PIECE)
    flush_json (array);

  return TRUE;
}

/* The same JSON array as reslib_cli_print_records_json() of reslib_store_list(), written while the store
 * is read: a listing of 100,000 records neither waits for all of them nor holds them. When reading fails
 * half-way, what was written is not valid JSON and the command fails. */
gboolean
reslib_cli_print_store_json (ReslibStore *store,
                             ReslibKind   kind,
                             const char  *scope_id,
                             GError     **error)
{
  RecordStream array = { g_string_sized_new (JSON_PIECE + 64 * 1024), TRUE };
  gboolean ok;

  g_string_append_c (array.out, '[');
  ok = reslib_store_foreach (store, kind, scope_id, append_record_json, &array, error);
  if (ok)
    {
      g_string_append (array.out, "]\n");
      flush_json (&array);
    }
  g_string_free (array.out, TRUE);

  return ok;
}

/* Columns are counted on screen: a CJK character takes two. */
guint
reslib_cli_text_width (const char *text)
{
  guint width = 0;

  if (text == NULL)
    return 0;
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }

  return width;
}

/* Text from the store, escaped, then padded to @width columns. */
void
reslib_cli_append_padded (GString    *out,
                          const char *text,
                          guint       width)
{
  g_autofree char *escaped = reslib_cli_escape (text);
  guint used = reslib_cli_text_width (escaped);

  g_string_append (out, escaped);
  for (; used < width; used++)
    g_string_append_c (out, ' ');
}

char *
reslib_cli_short_id (const char *id)
{
  return g_strndup (id != NULL ? id : "", 8);
}
