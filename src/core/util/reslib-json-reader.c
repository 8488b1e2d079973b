/* reslib-json-reader.c — a strict streaming JSON reader (RFC 8259) for input from other people
 *
 * A pull parser: each call to reslib_json_reader_next() returns the next token
 * of the document, read from a callback in 64 KiB blocks, so a document of any
 * size is read in constant memory. Only RFC 8259 is accepted: no comments, no
 * single quotes, no trailing commas, no NaN, no leading zeros, no control
 * characters in strings, no lone surrogates, no byte-order mark, valid UTF-8
 * only, nothing after the one top-level value. Depth, string and number
 * lengths are bounded. reslib_json_reader_read_node() builds one value (a
 * record) as a JsonNode, bounded in values and bytes, and refuses an object
 * that gives a member twice.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "reslib-json-reader.h"

#define BLOCK_SIZE (64 * 1024)

typedef enum
{
  STATE_START,            /* the document's value */
  STATE_COLON,            /* after a key: ":" then a value */
  STATE_VALUE,            /* after "," in an array */
  STATE_VALUE_OR_CLOSE,   /* after "[" */
  STATE_KEY,              /* after "," in an object */
  STATE_KEY_OR_CLOSE,     /* after "{" */
  STATE_NEXT,             /* after a value in a container: "," or its close */
  STATE_END,              /* after the document's value: only white space */
  STATE_FINISHED,
} State;

struct _ReslibJsonReader
{
  ReslibJsonReadFunc  read_func;
  gpointer            user_data;
  guint8             *buffer;       /* owned when reading from a callback */
  const guint8       *data;
  gsize               len;
  gsize               pos;
  gboolean            eof;
  guint64             consumed;     /* bytes before data */
  guint64             line;
  guint64             line_start;   /* offset of the current line's first byte */
  GError             *read_error;
  char               *name;
  GString            *text;
  char                stack[RESLIB_JSON_MAX_DEPTH];
  guint               depth;
  State               state;
  gboolean            failed;
};

/**
 * reslib_json_reader_new:
 * @read_func: (scope call): fills a buffer with the document's next bytes
 * @user_data: (closure): for @read_func
 *
 * Starts reading a document given block by block by @read_func, with the limits of
 * %RESLIB_JSON_MAX_DEPTH, %RESLIB_JSON_MAX_STRING and %RESLIB_JSON_MAX_NUMBER.
 *
 * Returns: (transfer full): a new reader; free it with reslib_json_reader_free()
 */
ReslibJsonReader *
reslib_json_reader_new (ReslibJsonReadFunc read_func,
                        gpointer           user_data)
{
  ReslibJsonReader *r = g_new0 (ReslibJsonReader, 1);

  r->read_func = read_func;
  r->user_data = user_data;
  r->buffer = g_malloc (BLOCK_SIZE);
  r->data = r->buffer;
  r->text = g_string_new (NULL);
  r->line = 1;

  return r;
}

/**
 * reslib_json_reader_new_for_data:
 * @data: (array length=len): the document, which must outlive the reader
 * @len: its length in bytes
 *
 * Starts reading a document that is in memory already.
 *
 * Returns: (transfer full): a new reader; free it with reslib_json_reader_free()
 */
ReslibJsonReader *
reslib_json_reader_new_for_data (const char *data,
                                 gsize       len)
{
  ReslibJsonReader *r = g_new0 (ReslibJsonReader, 1);

  r->data = (const guint8 *) data;
  r->len = len;
  r->eof = TRUE;
  r->text = g_string_new (NULL);
  r->line = 1;

  return r;
}

/**
 * reslib_json_reader_free:
 * @reader: (nullable) (transfer full): a reader
 *
 * Frees @reader; the document it read is not touched.
 */
void
reslib_json_reader_free (ReslibJsonReader *r)
{
  if (r == NULL)
    return;
  g_free (r->buffer);
  g_free (r->name);
  g_clear_error (&r->read_error);
  g_string_free (r->text, TRUE);
  g_free (r);
}

/**
 * reslib_json_reader_set_name:
 * @reader: a reader
 * @name: (nullable): the document's name in messages, e.g. "data/manifest.json"
 *
 * Names the document in the errors the reader sets.
 */
void
reslib_json_reader_set_name (ReslibJsonReader *r,
                             const char       *name)
{
  g_free (r->name);
  r->name = g_strdup (name);
}

/**
 * reslib_json_reader_get_offset:
 * @reader: a reader
 *
 * Returns: how many bytes of the document were read so far, up to the last token returned
 */
guint64
reslib_json_reader_get_offset (ReslibJsonReader *r)
{
  return r->consumed + r->pos;
}

/**
 * reslib_json_reader_get_line:
 * @reader: a reader
 *
 * Returns: the line (from 1) the reader is at, for messages
 */
guint64
reslib_json_reader_get_line (ReslibJsonReader *r)
{
  return r->line;
}

/**
 * reslib_json_reader_get_depth:
 * @reader: a reader
 *
 * Returns: how many objects and arrays are open at the last token returned (0 at the top)
 */
guint
reslib_json_reader_get_depth (ReslibJsonReader *r)
{
  return r->depth;
}

/**
 * reslib_json_reader_get_string:
 * @reader: a reader
 * @len: (out) (optional): the text's length in bytes
 *
 * Gives the text of the last %RESLIB_JSON_KEY or %RESLIB_JSON_STRING token, decoded, or the
 * characters of the last %RESLIB_JSON_NUMBER token. It is valid until the next call to
 * reslib_json_reader_next().
 *
 * Returns: (transfer none): the token's text, NUL-terminated
 */
const char *
reslib_json_reader_get_string (ReslibJsonReader *r,
                               gsize            *len)
{
  if (len != NULL)
    *len = r->text->len;

  return r->text->str;
}

/**
 * reslib_json_reader_fail:
 *
 * Sets @error to a %RESLIB_ERROR_BAD_FILE naming the document and where in it
 * the reader is; the reader refuses to go on afterwards. Returns %FALSE.
 */
gboolean
reslib_json_reader_fail (ReslibJsonReader  *r,
                         GError           **error,
                         const char        *format,
                         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  r->failed = TRUE;
  g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE,
               /* Translators: the document, its line and column, and what is wrong there. */
               _("%s is not valid JSON: line %u, column %u: %s"),
               r->name != NULL ? r->name : _("The JSON text"), (guint) MIN (r->line, G_MAXUINT),
               (guint) MIN (reslib_json_reader_get_offset (r) - r->line_start + 1, G_MAXUINT), message);

  return FALSE;
}

/* The next byte without taking it: 0–255, -1 at the end, -2 after a read error (in r->read_error). */
static int
peek (ReslibJsonReader *r)
{
  if (r->pos < r->len)
    return r->data[r->pos];
  if (r->eof)
    return -1;
  if (r->read_error != NULL)
    return -2;
  {
    gssize n = r->read_func (r->user_data, r->buffer, BLOCK_SIZE, &r->read_error);

    if (n < 0)
      {
        if (r->read_error == NULL)
          g_set_error_literal (&r->read_error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE, _("read error"));
        return -2;
      }
    r->consumed += r->len;
    r->len = (gsize) n;
    r->pos = 0;
    if (n == 0)
      {
        r->eof = TRUE;
        return -1;
      }
  }

  return r->data[r->pos];
}

static void
advance (ReslibJsonReader *r)
{
  if (r->data[r->pos] == '\n')
    {
      r->line++;
      r->line_start = reslib_json_reader_get_offset (r) + 1;
    }
  r->pos++;
}

static gboolean
read_failed (ReslibJsonReader  *r,
             GError           **error)
{
  r->failed = TRUE;
  if (error != NULL)
    *error = g_error_copy (r->read_error);

  return FALSE;
}

static int
skip_space (ReslibJsonReader *r)
{
  for (;;)
    {
      int c = peek (r);

      if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
        return c;
      advance (r);
    }
}

static gboolean
unexpected (ReslibJsonReader  *r,
            int                c,
            const char        *expected,
            GError           **error)
{
  if (c == -2)
    return read_failed (r, error);
  if (c == -1)
    return reslib_json_reader_fail (r, error, _("the text ends where %s was expected"), expected);
  if (c >= 0x20 && c < 0x7f)
    return reslib_json_reader_fail (r, error, _("“%c” where %s was expected"), c, expected);

  return reslib_json_reader_fail (r, error, _("the byte 0x%02x where %s was expected"), (guint) c, expected);
}

static int
hex_value (int c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;

  return -1;
}

static gboolean
read_hex4 (ReslibJsonReader  *r,
           gunichar          *out,
           GError           **error)
{
  gunichar v = 0;

  for (guint i = 0; i < 4; i++)
    {
      int c = peek (r);
      int h = c >= 0 ? hex_value (c) : -1;

      if (h < 0)
        return unexpected (r, c, _("a hexadecimal digit"), error);
      advance (r);
      v = v * 16 + (gunichar) h;
    }
  *out = v;

  return TRUE;
}

/* Reads a string after its opening quote into r->text. */
static gboolean
read_string (ReslibJsonReader  *r,
             GError           **error)
{
  g_string_truncate (r->text, 0);
  for (;;)
    {
      int c = peek (r);

      if (c < 0)
        return c == -2 ? read_failed (r, error)
                       : reslib_json_reader_fail (r, error, _("a text is not closed with “\"”"));
      if (c == '"')
        {
          advance (r);
          break;
        }
      if (c < 0x20)
        return reslib_json_reader_fail (r, error, _("a text holds the control character 0x%02x: write it as \\u%04x"),
                                        (guint) c, (guint) c);
      if (c != '\\')
        {
          /* A run of plain bytes at once. */
          gsize start = r->pos;
          gsize end = start;

          while (end < r->len && r->data[end] != '"' && r->data[end] != '\\' && r->data[end] >= 0x20)
            end++;
          g_string_append_len (r->text, (const char *) r->data + start, (gssize) (end - start));
          r->pos = end;
        }
      else
        {
          gunichar u;

          advance (r);
          c = peek (r);
          switch (c)
            {
            case '"': g_string_append_c (r->text, '"'); break;
            case '\\': g_string_append_c (r->text, '\\'); break;
            case '/': g_string_append_c (r->text, '/'); break;
            case 'b': g_string_append_c (r->text, '\b'); break;
            case 'f': g_string_append_c (r->text, '\f'); break;
            case 'n': g_string_append_c (r->text, '\n'); break;
            case 'r': g_string_append_c (r->text, '\r'); break;
            case 't': g_string_append_c (r->text, '\t'); break;
            case 'u':
              advance (r);
              if (!read_hex4 (r, &u, error))
                return FALSE;
              if (u >= 0xdc00 && u <= 0xdfff)
                return reslib_json_reader_fail (r, error, _("a text holds a lone UTF-16 surrogate"));
              if (u >= 0xd800 && u <= 0xdbff)
                {
                  gunichar low;

                  if (peek (r) != '\\')
                    return reslib_json_reader_fail (r, error, _("a text holds a lone UTF-16 surrogate"));
                  advance (r);
                  if (peek (r) != 'u')
                    return reslib_json_reader_fail (r, error, _("a text holds a lone UTF-16 surrogate"));
                  advance (r);
                  if (!read_hex4 (r, &low, error))
                    return FALSE;
                  if (low < 0xdc00 || low > 0xdfff)
                    return reslib_json_reader_fail (r, error, _("a text holds a lone UTF-16 surrogate"));
                  u = 0x10000 + ((u - 0xd800) << 10) + (low - 0xdc00);
                }
              if (u == 0)
                return reslib_json_reader_fail (r, error, _("a text holds a NUL character (\\u0000)"));
              g_string_append_unichar (r->text, u);
              goto appended;
            default:
              return unexpected (r, c, _("an escape (\\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX)"), error);
            }
          advance (r);
        }
appended:
      if (r->text->len > RESLIB_JSON_MAX_STRING)
        return reslib_json_reader_fail (r, error, _("a text is longer than %d bytes"), RESLIB_JSON_MAX_STRING);
    }
  if (!g_utf8_validate (r->text->str, (gssize) r->text->len, NULL))
    return reslib_json_reader_fail (r, error, _("a text is not valid UTF-8"));

  return TRUE;
}

/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static gboolean
number_is_valid (const char *s)
{
  if (*s == '-')
    s++;
  if (*s == '0')
    s++;
  else if (*s >= '1' && *s <= '9')
    while (g_ascii_isdigit (*s))
      s++;
  else
    return FALSE;
  if (*s == '.')
    {
      s++;
      if (!g_ascii_isdigit (*s))
        return FALSE;
      while (g_ascii_isdigit (*s))
        s++;
    }
  if (*s == 'e' || *s == 'E')
    {
      s++;
      if (*s == '+' || *s == '-')
        s++;
      if (!g_ascii_isdigit (*s))
        return FALSE;
      while (g_ascii_isdigit (*s))
        s++;
    }

  return *s == '\0';
}

static gboolean
read_number (ReslibJsonReader  *r,
             GError           **error)
{
  g_string_truncate (r->text, 0);
  for (;;)
    {
      int c = peek (r);

      if (c == -2)
        return read_failed (r, error);
      if (c < 0 || !(g_ascii_isdigit (c) || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E'))
        break;
      if (r->text->len >= RESLIB_JSON_MAX_NUMBER)
        return reslib_json_reader_fail (r, error, _("a number is longer than %d characters"), RESLIB_JSON_MAX_NUMBER);
      g_string_append_c (r->text, (char) c);
      advance (r);
    }
  if (!number_is_valid (r->text->str))
    return reslib_json_reader_fail (r, error, _("“%s” is not a JSON number"), r->text->str);

  return TRUE;
}

static gboolean
read_literal (ReslibJsonReader  *r,
              const char        *word,
              GError           **error)
{
  for (const char *p = word; *p != '\0'; p++)
    {
      int c = peek (r);

      if (c != *p)
        {
          if (c == -2)
            return read_failed (r, error);
          return reslib_json_reader_fail (r, error, _("not a JSON value (did you mean “%s”?)"), word);
        }
      advance (r);
    }

  return TRUE;
}

static void
after_value (ReslibJsonReader *r)
{
  r->state = r->depth == 0 ? STATE_END : STATE_NEXT;
}

static gboolean
push (ReslibJsonReader  *r,
      char               kind,
      GError           **error)
{
  if (r->depth == RESLIB_JSON_MAX_DEPTH)
    return reslib_json_reader_fail (r, error, _("values are nested more than %d deep"), RESLIB_JSON_MAX_DEPTH);
  r->stack[r->depth++] = kind;

  return TRUE;
}

static gboolean
read_value (ReslibJsonReader  *r,
            int                c,
            ReslibJsonToken   *token,
            GError           **error)
{
  switch (c)
    {
    case '{':
      if (!push (r, '{', error))
        return FALSE;
      advance (r);
      r->state = STATE_KEY_OR_CLOSE;
      *token = RESLIB_JSON_BEGIN_OBJECT;
      return TRUE;
    case '[':
      if (!push (r, '[', error))
        return FALSE;
      advance (r);
      r->state = STATE_VALUE_OR_CLOSE;
      *token = RESLIB_JSON_BEGIN_ARRAY;
      return TRUE;
    case '"':
      advance (r);
      if (!read_string (r, error))
        return FALSE;
      *token = RESLIB_JSON_STRING;
      break;
    case 't':
      if (!read_literal (r, "true", error))
        return FALSE;
      *token = RESLIB_JSON_TRUE;
      break;
    case 'f':
      if (!read_literal (r, "false", error))
        return FALSE;
      *token = RESLIB_JSON_FALSE;
      break;
    case 'n':
      if (!read_literal (r, "null", error))
        return FALSE;
      *token = RESLIB_JSON_NULL;
      break;
    default:
      if (c == '-' || (c >= '0' && c <= '9'))
        {
          if (!read_number (r, error))
            return FALSE;
          *token = RESLIB_JSON_NUMBER;
          break;
        }
      return unexpected (r, c, _("a value"), error);
    }
  after_value (r);

  return TRUE;
}

static gboolean
read_key (ReslibJsonReader  *r,
          int                c,
          ReslibJsonToken   *token,
          GError           **error)
{
  if (c != '"')
    return unexpected (r, c, _("a member name in “\"”"), error);
  advance (r);
  if (!read_string (r, error))
    return FALSE;
  r->state = STATE_COLON;
  *token = RESLIB_JSON_KEY;

  return TRUE;
}

static gboolean
close_container (ReslibJsonReader  *r,
                 ReslibJsonToken   *token)
{
  char kind = r->stack[--r->depth];

  advance (r);
  *token = kind == '{' ? RESLIB_JSON_END_OBJECT : RESLIB_JSON_END_ARRAY;
  after_value (r);

  return TRUE;
}

/**
 * reslib_json_reader_next:
 * @token: (out): the next token
 *
 * Returns: %TRUE with the next token, or %FALSE with a %RESLIB_ERROR_BAD_FILE that
 *   says where and what is wrong (or the read callback's error).
 */
gboolean
reslib_json_reader_next (ReslibJsonReader  *r,
                         ReslibJsonToken   *token,
                         GError           **error)
{
  int c;

  if (r->failed)
    {
      g_set_error_literal (error, RESLIB_ERROR, RESLIB_ERROR_BAD_FILE, _("The JSON text could not be read"));
      return FALSE;
    }
  if (r->state == STATE_START && reslib_json_reader_get_offset (r) == 0 && peek (r) == 0xef)
    return reslib_json_reader_fail (r, error, _("a byte-order mark is not allowed"));
  c = skip_space (r);
  if (c == -2)
    return read_failed (r, error);

  switch (r->state)
    {
    case STATE_START:
    case STATE_VALUE:
      return read_value (r, c, token, error);

    case STATE_COLON:
      if (c != ':')
        return unexpected (r, c, "“:”", error);
      advance (r);
      c = skip_space (r);
      return read_value (r, c, token, error);

    case STATE_VALUE_OR_CLOSE:
      if (c == ']')
        return close_container (r, token);
      return read_value (r, c, token, error);

    case STATE_KEY:
      return read_key (r, c, token, error);

    case STATE_KEY_OR_CLOSE:
      if (c == '}')
        return close_container (r, token);
      return read_key (r, c, token, error);

    case STATE_NEXT:
      {
        char kind = r->stack[r->depth - 1];

        if (c == ',')
          {
            advance (r);
            c = skip_space (r);
            if (kind == '{')
              return read_key (r, c, token, error);
            return read_value (r, c, token, error);
          }
        if ((kind == '{' && c == '}') || (kind == '[' && c == ']'))
          return close_container (r, token);
        return unexpected (r, c, kind == '{' ? "“,” or “}”" : "“,” or “]”", error);
      }

    case STATE_END:
      if (c != -1)
        return unexpected (r, c, _("the end of the text"), error);
      r->state = STATE_FINISHED;
      *token = RESLIB_JSON_END;
      return TRUE;

    case STATE_FINISHED:
    default:
      *token = RESLIB_JSON_END;
      return TRUE;
    }
}

/* ---------------------------------------------------------------------------------------------- */

typedef struct
{
  guint   n_values;
  guint   max_values;
  guint64 start;
  gsize   max_bytes;
} Budget;

static JsonNode *
build (ReslibJsonReader  *r,
       ReslibJsonToken    token,
       Budget            *budget,
       GError           **error)
{
  if (++budget->n_values > budget->max_values)
    {
      reslib_json_reader_fail (r, error, _("a record holds more than %u values"), budget->max_values);
      return NULL;
    }
  if (reslib_json_reader_get_offset (r) - budget->start > budget->max_bytes)
    {
      reslib_json_reader_fail (r, error, _("a record is longer than %u bytes"), (guint) MIN (budget->max_bytes, G_MAXUINT));
      return NULL;
    }

  switch (token)
    {
    case RESLIB_JSON_STRING:
      return json_node_init_string (json_node_alloc (), r->text->str);

    case RESLIB_JSON_NUMBER:
      {
        const char *text = r->text->str;

        if (strpbrk (text, ".eE") == NULL)
          {
            gint64 v;

            if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &v, NULL))
              {
                reslib_json_reader_fail (r, error, _("the number %s is too large"), text);
                return NULL;
              }
            return json_node_init_int (json_node_alloc (), v);
          }
        else
          {
            double v = g_ascii_strtod (text, NULL);

            if (!isfinite (v))
              {
                reslib_json_reader_fail (r, error, _("the number %s is too large"), text);
                return NULL;
              }
            return json_node_init_double (json_node_alloc (), v);
          }
      }

    case RESLIB_JSON_TRUE:
    case RESLIB_JSON_FALSE:
      return json_node_init_boolean (json_node_alloc (), token == RESLIB_JSON_TRUE);

    case RESLIB_JSON_NULL:
      return json_node_init_null (json_node_alloc ());

    case RESLIB_JSON_BEGIN_OBJECT:
      {
        g_autoptr(JsonObject) object = json_object_new ();

        for (;;)
          {
            g_autofree char *name = NULL;
            JsonNode *member;

            if (!reslib_json_reader_next (r, &token, error))
              return NULL;
            if (token == RESLIB_JSON_END_OBJECT)
              break;
            g_assert (token == RESLIB_JSON_KEY);
            if (json_object_has_member (object, r->text->str))
              {
                g_autofree char *shown = g_strescape (r->text->str, NULL);

                reslib_json_reader_fail (r, error, _("the member “%s” is given twice"), shown);
                return NULL;
              }
            name = g_strdup (r->text->str);
            if (!reslib_json_reader_next (r, &token, error))
              return NULL;
            member = build (r, token, budget, error);
            if (member == NULL)
              return NULL;
            json_object_set_member (object, name, member);
          }
        return json_node_init_object (json_node_alloc (), object);
      }

    case RESLIB_JSON_BEGIN_ARRAY:
      {
        g_autoptr(JsonArray) array = json_array_new ();

        for (;;)
          {
            JsonNode *element;

            if (!reslib_json_reader_next (r, &token, error))
              return NULL;
            if (token == RESLIB_JSON_END_ARRAY)
              break;
            element = build (r, token, budget, error);
            if (element == NULL)
              return NULL;
            json_array_add_element (array, element);
          }
        return json_node_init_array (json_node_alloc (), array);
      }

    case RESLIB_JSON_END:
    case RESLIB_JSON_END_OBJECT:
    case RESLIB_JSON_END_ARRAY:
    case RESLIB_JSON_KEY:
    default:
      reslib_json_reader_fail (r, error, _("a value was expected"));
      return NULL;
    }
}

/**
 * reslib_json_reader_read_node:
 * @first: the token that starts the value, just returned by reslib_json_reader_next()
 * @max_values: how many values (objects, arrays, strings, numbers, literals) it may hold
 * @max_bytes: how long its text may be
 *
 * Reads the rest of a value and builds it. Integers that fit in 64 bits become
 * integer nodes; other numbers doubles; a number out of range is refused.
 *
 * Returns: (transfer full): the value, or %NULL with @error set
 */
JsonNode *
reslib_json_reader_read_node (ReslibJsonReader  *r,
                              ReslibJsonToken    first,
                              guint              max_values,
                              gsize              max_bytes,
                              GError           **error)
{
  Budget budget = { 0, max_values, reslib_json_reader_get_offset (r), max_bytes };

  return build (r, first, &budget, error);
}

/**
 * reslib_json_reader_skip:
 * @reader: a reader
 * @first: the token that starts the value, already returned by reslib_json_reader_next()
 * @error: return location for a #GError, or %NULL
 *
 * Reads past the rest of a value that starts with @first, building nothing: an object or an
 * array to its end; any other value is complete already.
 *
 * Returns: %TRUE, or %FALSE with @error set when the document is not valid JSON or cannot be read
 */
gboolean
reslib_json_reader_skip (ReslibJsonReader  *r,
                         ReslibJsonToken    first,
                         GError           **error)
{
  guint depth;

  if (first != RESLIB_JSON_BEGIN_OBJECT && first != RESLIB_JSON_BEGIN_ARRAY)
    return TRUE;
  depth = r->depth - 1;
  while (r->depth > depth)
    {
      ReslibJsonToken token;

      if (!reslib_json_reader_next (r, &token, error))
        return FALSE;
    }

  return TRUE;
}
