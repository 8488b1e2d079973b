/* reslib-finding-list.c — the findings of a check, kept compactly, as a list of ReslibFinding
 *
 * A project of 100,000 resources with missing metadata has more than 600,000 findings. They are not kept as
 * objects: a finding is a row of 16 bytes, its message and the indexes of its subject and of its kind. A
 * subject (kind, id, title) is kept once for all its findings, a kind (rule, severity, hint, field) once for
 * all the findings made at one place of a rule. The messages of the rules that find most (one per
 * resource) are not even written: their kind keeps the translated format and its argument, and the message
 * is made when the finding is asked for. A ReslibFinding is made by g_list_model_get_item() only, for the rows a caller looks at; the
 * reslib_finding_list_get_*() accessors read a row without one.
 *
 * The rows are built by the validator (reslib-validator.c) in one thread and never change after: a list and
 * its subsets (reslib_finding_list_new_subset(), a group of the Checks page) share them, and may be read
 * from any thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "reslib-finding-list.h"
#include "reslib-validator-private.h"

typedef struct
{
  const char *kind;    /* an entity's name, static */
  const char *id;      /* in the chunk */
  const char *title;   /* in the chunk */
} Subject;

/* What the findings made at one place of a rule share */
typedef struct
{
  const char *rule;    /* interned */
  const char *hint;    /* a translated literal */
  const char *field;   /* interned, or NULL */
  const char *format;  /* the message's format when the row has no message (a translated literal) */
  const char *arg;     /* the format's second argument (static), or NULL */
  guint       severity;
} Kind;

/* A finding: 16 bytes */
typedef struct
{
  const char *message; /* in the chunk, or NULL: made from its kind's format */
  guint32     kind;
  guint32     subject;
} Row;

typedef struct
{
  GArray       *rows;       /* of Row */
  GArray       *subjects;   /* of Subject */
  GArray       *kinds;      /* of Kind */
  GStringChunk *strings;
  GHashTable   *kind_index; /* while adding: Kind → its index + 1 */
  gconstpointer last_key;   /* while adding: the subject of the last row */
} Rows;

struct _ReslibFindingList
{
  GObject  parent_instance;

  Rows    *rows;            /* shared with the subsets (g_atomic_rc_box) */
  GArray  *positions;       /* of guint: the rows of a subset, or NULL for all */
};

static void reslib_finding_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ReslibFindingList, reslib_finding_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, reslib_finding_list_model_init))

static void
rows_clear (Rows *rows)
{
  g_array_unref (rows->rows);
  g_array_unref (rows->subjects);
  g_array_unref (rows->kinds);
  g_string_chunk_free (rows->strings);
  g_clear_pointer (&rows->kind_index, g_hash_table_unref);
}

static inline const Row *
row_at (ReslibFindingList *self,
        guint              position)
{
  guint index = self->positions != NULL ? g_array_index (self->positions, guint, position) : position;

  return &g_array_index (self->rows->rows, Row, index);
}

static inline const Subject *
subject_of (ReslibFindingList *self,
            const Row         *row)
{
  return &g_array_index (self->rows->subjects, Subject, row->subject);
}

static inline const Kind *
kind_of (ReslibFindingList *self,
         const Row         *row)
{
  return &g_array_index (self->rows->kinds, Kind, row->kind);
}

/* ---------------------------------------------------------------------------------------------- */
/* GListModel                                                                                      */

static GType
reslib_finding_list_get_item_type (GListModel *model)
{
  return RESLIB_TYPE_FINDING;
}

static guint
reslib_finding_list_get_n_items (GListModel *model)
{
  ReslibFindingList *self = RESLIB_FINDING_LIST (model);

  return self->positions != NULL ? self->positions->len : self->rows->rows->len;
}

/* The message of a row whose format and arguments were kept: the subject's title, then @row->arg. The
 * formats are the rules' translated literals with one or two %s (reslib-rules-resources.c). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static char *
lazy_message (const Kind    *kind,
              const Subject *subject)
{
  return g_strdup_printf (kind->format, subject->title != NULL ? subject->title : "", kind->arg != NULL ? kind->arg : "");
}
#pragma GCC diagnostic pop

static gpointer
reslib_finding_list_get_item (GListModel *model,
                              guint       position)
{
  ReslibFindingList *self = RESLIB_FINDING_LIST (model);
  ReslibFinding *finding;
  const Subject *subject;
  const Kind *kind;
  const Row *row;

  if (position >= reslib_finding_list_get_n_items (model))
    return NULL;
  row = row_at (self, position);
  subject = subject_of (self, row);
  kind = kind_of (self, row);
  finding = _reslib_finding_new (kind->rule, kind->severity, subject->kind, subject->id, subject->title,
                                 row->message != NULL ? g_strdup (row->message) : lazy_message (kind, subject),
                                 kind->hint);
  _reslib_finding_set_field (finding, kind->field);

  return finding;
}

static void
reslib_finding_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = reslib_finding_list_get_item_type;
  iface->get_n_items = reslib_finding_list_get_n_items;
  iface->get_item = reslib_finding_list_get_item;
}

/* ---------------------------------------------------------------------------------------------- */
/* The object                                                                                      */

static void
reslib_finding_list_finalize (GObject *object)
{
  ReslibFindingList *self = RESLIB_FINDING_LIST (object);

  if (self->rows != NULL)
    g_atomic_rc_box_release_full (self->rows, (GDestroyNotify) rows_clear);
  g_clear_pointer (&self->positions, g_array_unref);

  G_OBJECT_CLASS (reslib_finding_list_parent_class)->finalize (object);
}

static void
reslib_finding_list_class_init (ReslibFindingListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = reslib_finding_list_finalize;
}

static void
reslib_finding_list_init (ReslibFindingList *self)
{
}

/* ---------------------------------------------------------------------------------------------- */
/* Building (the validator)                                                                        */

static guint
kind_hash (gconstpointer key)
{
  const Kind *kind = key;

  return g_direct_hash (kind->rule) ^ (g_direct_hash (kind->hint) * 31) ^ (g_direct_hash (kind->field) * 17) ^
         (g_direct_hash (kind->format) * 7) ^ (g_direct_hash (kind->arg) * 3) ^ kind->severity;
}

static gboolean
kind_equal (gconstpointer a,
            gconstpointer b)
{
  const Kind *ka = a, *kb = b;

  return ka->rule == kb->rule && ka->hint == kb->hint && ka->field == kb->field && ka->format == kb->format &&
         ka->arg == kb->arg && ka->severity == kb->severity;
}

ReslibFindingList *
_reslib_finding_list_new (void)
{
  ReslibFindingList *self = g_object_new (RESLIB_TYPE_FINDING_LIST, NULL);

  self->rows = g_atomic_rc_box_new0 (Rows);
  self->rows->rows = g_array_new (FALSE, FALSE, sizeof (Row));
  self->rows->subjects = g_array_new (FALSE, FALSE, sizeof (Subject));
  self->rows->kinds = g_array_new (FALSE, FALSE, sizeof (Kind));
  self->rows->strings = g_string_chunk_new (64 * 1024);
  self->rows->kind_index = g_hash_table_new_full (kind_hash, kind_equal, g_free, NULL);

  return self;
}

/* The index of @kind in the kinds, added if it is new */
static guint32
kind_index (Rows       *rows,
            const Kind *kind)
{
  gpointer index = g_hash_table_lookup (rows->kind_index, kind);

  if (index == NULL)
    {
      g_array_append_val (rows->kinds, *kind);
      index = GUINT_TO_POINTER (rows->kinds->len);
      g_hash_table_insert (rows->kind_index, g_memdup2 (kind, sizeof *kind), index);
    }

  return GPOINTER_TO_UINT (index) - 1;
}

/* Adds a row of @kind about the subject @key (kept once for the rows added one after another about it). */
static Row *
add_row (ReslibFindingList *self,
         const Kind        *kind,
         gconstpointer      key,
         const char        *subject_kind,
         const char        *subject_id,
         const char        *subject_title)
{
  Rows *rows = self->rows;
  Row row = { NULL, 0, 0 };

  g_assert (self->positions == NULL && rows->kind_index != NULL);
  /* A record freed and another made at its address, or one record object given each row of a listing in
   * turn (reslib_store_foreach()), is not the same subject: the id and title say. */
  if (rows->subjects->len == 0 || key == NULL || key != rows->last_key ||
      g_strcmp0 (g_array_index (rows->subjects, Subject, rows->subjects->len - 1).id, subject_id) != 0 ||
      g_strcmp0 (g_array_index (rows->subjects, Subject, rows->subjects->len - 1).title, subject_title) != 0)
    {
      Subject subject = {
        .kind = subject_kind,
        .id = subject_id != NULL ? g_string_chunk_insert (rows->strings, subject_id) : NULL,
        .title = subject_title != NULL ? g_string_chunk_insert (rows->strings, subject_title) : NULL,
      };

      g_array_append_val (rows->subjects, subject);
      rows->last_key = key;
    }
  row.subject = rows->subjects->len - 1;
  row.kind = kind_index (rows, kind);
  g_array_append_val (rows->rows, row);

  return &g_array_index (rows->rows, Row, rows->rows->len - 1);
}

/* @rule: interned; @key: what identifies the subject while the list is built (its record), or NULL;
 * @subject_kind and @hint: static; @message: taken */
void
_reslib_finding_list_add (ReslibFindingList *self,
                          const char        *rule,
                          ReslibSeverity     severity,
                          gconstpointer      key,
                          const char        *subject_kind,
                          const char        *subject_id,
                          const char        *subject_title,
                          char              *message,
                          const char        *hint)
{
  Kind kind = { .rule = rule, .hint = hint, .severity = severity };
  Row *row = add_row (self, &kind, key, subject_kind, subject_id, subject_title);

  row->message = g_string_chunk_insert (self->rows->strings, message != NULL ? message : "");
  g_free (message);
}

/* As _reslib_finding_list_add(), with a message made when it is read: @format (a translated literal, with
 * one or two %s) of the subject's title and @arg (static, or NULL). */
void
_reslib_finding_list_add_lazy (ReslibFindingList *self,
                               const char        *rule,
                               ReslibSeverity     severity,
                               gconstpointer      key,
                               const char        *subject_kind,
                               const char        *subject_id,
                               const char        *subject_title,
                               const char        *format,
                               const char        *arg,
                               const char        *hint)
{
  Kind kind = { .rule = rule, .hint = hint, .format = format, .arg = arg, .severity = severity };

  g_return_if_fail (format != NULL);
  add_row (self, &kind, key, subject_kind, subject_id, subject_title);
}

guint
_reslib_finding_list_get_length (ReslibFindingList *self)
{
  return self->rows->rows->len;
}

/* The last row's kind, changed by @change */
static void
change_last (ReslibFindingList *self,
             const char        *field,
             gboolean           demote)
{
  Rows *rows = self->rows;
  Row *row;
  Kind kind;

  g_assert (rows->rows->len > 0 && rows->kind_index != NULL);
  row = &g_array_index (rows->rows, Row, rows->rows->len - 1);
  kind = g_array_index (rows->kinds, Kind, row->kind);
  if (field != NULL)
    kind.field = field;
  if (demote && kind.severity == RESLIB_SEVERITY_ERROR)
    kind.severity = RESLIB_SEVERITY_WARNING;
  row->kind = kind_index (rows, &kind);
}

/* The last row added is about @field (interned) */
void
_reslib_finding_list_set_last_field (ReslibFindingList *self,
                                     const char        *field)
{
  change_last (self, field, FALSE);
}

/* The last row added is a warning at most */
void
_reslib_finding_list_demote_last (ReslibFindingList *self)
{
  change_last (self, NULL, TRUE);
}

typedef struct
{
  const char *rule;
  guint       severity;
  guint       n;      /* rows, then the position of its first row */
} Bucket;

static gint
compare_buckets (gconstpointer a,
                 gconstpointer b)
{
  const Bucket *ba = *(const Bucket * const *) a, *bb = *(const Bucket * const *) b;

  if (ba->severity != bb->severity)
    return (int) ba->severity - (int) bb->severity;

  return strcmp (ba->rule, bb->rule);
}

/* Orders the rows by severity, then rule id, keeping the order of subjects within a rule (the store's
 * order): one pass counts the rows of each rule with a severity, one puts each row in its place. Ends the
 * adding. */
void
_reslib_finding_list_order (ReslibFindingList *self)
{
  Rows *rows = self->rows;
  g_autoptr(GArray) buckets = g_array_new (FALSE, TRUE, sizeof (Bucket));
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autofree guint *bucket_of_kind = g_new0 (guint, MAX (rows->kinds->len, 1));
  GArray *ordered;
  guint next = 0;

  g_assert (self->positions == NULL);
  for (guint k = 0; k < rows->kinds->len; k++)
    {
      const Kind *kind = &g_array_index (rows->kinds, Kind, k);
      guint b;

      for (b = 0; b < buckets->len; b++)
        if (g_array_index (buckets, Bucket, b).rule == kind->rule &&
            g_array_index (buckets, Bucket, b).severity == kind->severity)
          break;
      if (b == buckets->len)
        g_array_append_val (buckets, ((Bucket) { kind->rule, kind->severity, 0 }));
      bucket_of_kind[k] = b;
    }
  for (guint i = 0; i < rows->rows->len; i++)
    g_array_index (buckets, Bucket, bucket_of_kind[g_array_index (rows->rows, Row, i).kind]).n++;
  for (guint b = 0; b < buckets->len; b++)
    g_ptr_array_add (order, &g_array_index (buckets, Bucket, b));
  g_ptr_array_sort (order, compare_buckets);
  for (guint b = 0; b < order->len; b++)
    {
      Bucket *bucket = g_ptr_array_index (order, b);
      guint n = bucket->n;

      bucket->n = next;
      next += n;
    }
  ordered = g_array_sized_new (FALSE, FALSE, sizeof (Row), rows->rows->len);
  g_array_set_size (ordered, rows->rows->len);
  for (guint i = 0; i < rows->rows->len; i++)
    {
      const Row *row = &g_array_index (rows->rows, Row, i);

      g_array_index (ordered, Row, g_array_index (buckets, Bucket, bucket_of_kind[row->kind]).n++) = *row;
    }
  g_array_unref (rows->rows);
  rows->rows = ordered;
  g_clear_pointer (&rows->kind_index, g_hash_table_unref);
  rows->last_key = NULL;
}

/* ---------------------------------------------------------------------------------------------- */
/* Reading                                                                                         */

/**
 * reslib_finding_list_new_subset:
 * @positions: (element-type guint): positions in @self, in the order the subset keeps them
 *
 * Returns: (transfer full): a list of the findings of @self at @positions, sharing its rows
 */
ReslibFindingList *
reslib_finding_list_new_subset (ReslibFindingList *self,
                                GArray            *positions)
{
  ReslibFindingList *subset;

  g_return_val_if_fail (RESLIB_IS_FINDING_LIST (self), NULL);
  g_return_val_if_fail (positions != NULL && g_array_get_element_size (positions) == sizeof (guint), NULL);

  subset = g_object_new (RESLIB_TYPE_FINDING_LIST, NULL);
  subset->rows = g_atomic_rc_box_acquire (self->rows);
  subset->positions = g_array_sized_new (FALSE, FALSE, sizeof (guint), positions->len);
  for (guint i = 0; i < positions->len; i++)
    {
      guint position = g_array_index (positions, guint, i);
      guint index = self->positions != NULL ? g_array_index (self->positions, guint, position) : position;

      g_return_val_if_fail (position < reslib_finding_list_get_n_items (G_LIST_MODEL (self)), subset);
      g_array_append_val (subset->positions, index);
    }

  return subset;
}

#define CHECK_POSITION(self, position, value) \
  G_STMT_START { \
    g_return_val_if_fail (RESLIB_IS_FINDING_LIST (self), value); \
    g_return_val_if_fail (position < reslib_finding_list_get_n_items (G_LIST_MODEL (self)), value); \
  } G_STMT_END

/**
 * reslib_finding_list_get_severity:
 *
 * Returns: the severity of the finding at @position, as reslib_finding_get_severity() of its item
 */
ReslibSeverity
reslib_finding_list_get_severity (ReslibFindingList *self,
                                  guint              position)
{
  CHECK_POSITION (self, position, RESLIB_SEVERITY_INFO);
  return kind_of (self, row_at (self, position))->severity;
}

/**
 * reslib_finding_list_get_rule:
 *
 * Returns: (transfer none): the rule of the finding at @position (interned)
 */
const char *
reslib_finding_list_get_rule (ReslibFindingList *self,
                              guint              position)
{
  CHECK_POSITION (self, position, NULL);
  return kind_of (self, row_at (self, position))->rule;
}

/**
 * reslib_finding_list_get_subject_kind:
 *
 * Returns: (transfer none): the kind of the subject of the finding at @position
 */
const char *
reslib_finding_list_get_subject_kind (ReslibFindingList *self,
                                      guint              position)
{
  CHECK_POSITION (self, position, NULL);
  return subject_of (self, row_at (self, position))->kind;
}

/**
 * reslib_finding_list_get_subject_id:
 *
 * Returns: (transfer none): the id of the subject of the finding at @position
 */
const char *
reslib_finding_list_get_subject_id (ReslibFindingList *self,
                                    guint              position)
{
  CHECK_POSITION (self, position, NULL);
  return subject_of (self, row_at (self, position))->id;
}

/**
 * reslib_finding_list_get_field:
 *
 * Returns: (transfer none) (nullable): the field the finding at @position is about (interned), or %NULL
 */
const char *
reslib_finding_list_get_field (ReslibFindingList *self,
                               guint              position)
{
  CHECK_POSITION (self, position, NULL);
  return kind_of (self, row_at (self, position))->field;
}
