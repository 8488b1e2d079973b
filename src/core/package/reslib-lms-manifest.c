/* reslib-lms-manifest.c — the LMS export's imsmanifest.xml and the index.html of each container
 *
 * The manifest follows IMS Content Packaging 1.1.4 (imscp_v1p1.xsd) with IMS LOM 1.2 metadata
 * (imsmd_v1p2p2.xsd), both named by their canonical URLs in xsi:schemaLocation. An href is the file's
 * path in the zip as it is: Moodle's mod_imscp takes the attribute's value, encodes each component
 * itself and looks the result up among the names it extracted. The pages link with percent-encoded
 * relative URLs, as a browser expects.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/xmlwriter.h>
#include <string.h>

#include "reslib-error.h"
#include "reslib-labels.h"
#include "reslib-lms-private.h"

#define IMSCP_NS  "http://www.imsglobal.org/xsd/imscp_v1p1"
#define IMSMD_NS  "http://www.imsglobal.org/xsd/imsmd_v1p2"
#define XSI_NS    "http://www.w3.org/2001/XMLSchema-instance"
#define SCHEMA_LOCATIONS IMSCP_NS " http://www.imsglobal.org/xsd/imscp_v1p1.xsd " \
                         IMSMD_NS " http://www.imsglobal.org/xsd/imsmd_v1p2p2.xsd"
#define LOM_VOCABULARY    "LOMv1.0"
#define RESLIB_VOCABULARY "ResLib"
/* LOM 1.2's size is an xsd:int. */
#define LOM_MAX_SIZE      G_GUINT64_CONSTANT (2147483647)

/* ---------------------------------------------------------------------------------------------- */
/* LOM                                                                                            */

static void
start_md (xmlTextWriterPtr  w,
          const char       *element)
{
  xmlTextWriterStartElementNS (w, BAD_CAST "imsmd", BAD_CAST element, NULL);
}

static void
end (xmlTextWriterPtr w)
{
  xmlTextWriterEndElement (w);
}

static void
langstring (xmlTextWriterPtr  w,
            const char       *language,
            const char       *text)
{
  start_md (w, "langstring");
  xmlTextWriterWriteAttributeNS (w, BAD_CAST "xml", BAD_CAST "lang", NULL, BAD_CAST language);
  xmlTextWriterWriteString (w, BAD_CAST text);
  end (w);
}

static void
md_langstring (xmlTextWriterPtr  w,
               const char       *element,
               const char       *language,
               const char       *text)
{
  start_md (w, element);
  langstring (w, language, text);
  end (w);
}

/* <element><source>…</source><value>…</value></element>, LOM's vocabulary items. */
static void
md_vocabulary (xmlTextWriterPtr  w,
               const char       *element,
               const char       *source,
               const char       *value)
{
  start_md (w, element);
  md_langstring (w, "source", "x-none", source);
  md_langstring (w, "value", "x-none", value);
  end (w);
}

static void
md_catalog_entry (xmlTextWriterPtr  w,
                  const char       *catalog,
                  const char       *entry)
{
  start_md (w, "catalogentry");
  xmlTextWriterWriteElementNS (w, BAD_CAST "imsmd", BAD_CAST "catalog", NULL, BAD_CAST catalog);
  md_langstring (w, "entry", "x-none", entry);
  end (w);
}

static gboolean
is_set (const char *text)
{
  return text != NULL && *text != '\0';
}

/* A vCard 3.0 value: backslash, comma, semicolon and line breaks escaped (RFC 2426 §4). */
static void
append_vcard_text (GString    *out,
                   const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\\' || *p == ',' || *p == ';')
        g_string_append_c (out, '\\');
      if (*p == '\n')
        g_string_append (out, "\\n");
      else if (*p != '\r')
        g_string_append_c (out, *p);
    }
}

static char *
vcard (const char *name)
{
  GString *out = g_string_new ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:");

  append_vcard_text (out, name);
  g_string_append (out, "\r\nN:");
  append_vcard_text (out, name);
  g_string_append (out, ";;;;\r\nEND:VCARD");

  return g_string_free (out, FALSE);
}

/* Our resource types in LOM 1.2's vocabulary of learning resource types, where it has one. */
static const char *
lom_resource_type (const char *type)
{
  static const struct { const char *ours, *lom; } map[] = {
    { "text", "Narrative Text" },
    { "slides", "Slide" },
    { "image", "Figure" },
    { "simulation", "Simulation" },
    { "exercise", "Exercise" },
    { "case", "Problem Statement" },
  };

  for (guint i = 0; type != NULL && i < G_N_ELEMENTS (map); i++)
    if (strcmp (type, map[i].ours) == 0)
      return map[i].lom;

  return NULL;
}

static void
write_resource_lom (xmlTextWriterPtr    w,
                    ReslibPackResource *info,
                    ReslibRecord       *record,
                    const char         *href)
{
  const char *language = info->language;
  const char *description = reslib_record_get (record, "description");
  const char * const *keywords = reslib_record_get_list (record, "keywords");
  const char * const *authors = reslib_record_get_list (record, "authors");
  const char *mime = reslib_record_get (record, "mime_type");
  const char *type = reslib_record_get (record, "type");
  const char *origin = reslib_record_get (record, "origin");
  const char *license = reslib_record_get (record, "license");
  const char *holder = reslib_record_get (record, "license_holder");
  g_autoptr(GString) rights = g_string_new (NULL);

  xmlTextWriterStartElement (w, BAD_CAST "metadata");
  start_md (w, "lom");

  start_md (w, "general");
  md_langstring (w, "title", language, info->title);
  md_catalog_entry (w, "ResLib resource", info->id);
  if (info->file_name != NULL)
    md_catalog_entry (w, "ResLib file name", info->file_name);
  xmlTextWriterWriteElementNS (w, BAD_CAST "imsmd", BAD_CAST "language", NULL, BAD_CAST language);
  if (is_set (description))
    md_langstring (w, "description", language, description);
  for (guint i = 0; keywords != NULL && keywords[i] != NULL; i++)
    md_langstring (w, "keyword", language, keywords[i]);
  /* The tags (课程思政, 创新创业, 职业培训) and the 1+X certificate are keywords too, in Chinese as the plan
   * names them, in the order of the list. */
  for (guint i = 0; reslib_tags[i] != NULL; i++)
    if (g_strv_contains (reslib_record_get_list (record, "tags"), reslib_tags[i]))
      md_langstring (w, "keyword", "zh", reslib_label_tag_document (reslib_tags[i]));
  if (is_set (reslib_record_get (record, "certificate")))
    {
      g_autofree char *certificate = g_strdup_printf ("1+X %s", reslib_record_get (record, "certificate"));

      md_langstring (w, "keyword", "zh", certificate);
    }
  end (w);   /* general */

  if (authors != NULL && authors[0] != NULL)
    {
      start_md (w, "lifecycle");
      start_md (w, "contribute");
      md_vocabulary (w, "role", LOM_VOCABULARY, "Author");
      for (guint i = 0; authors[i] != NULL; i++)
        {
          g_autofree char *card = vcard (authors[i]);

          start_md (w, "centity");
          xmlTextWriterWriteElementNS (w, BAD_CAST "imsmd", BAD_CAST "vcard", NULL, BAD_CAST card);
          end (w);
        }
      end (w);   /* contribute */
      end (w);   /* lifecycle */
    }

  start_md (w, "technical");
  if (is_set (mime))
    xmlTextWriterWriteElementNS (w, BAD_CAST "imsmd", BAD_CAST "format", NULL, BAD_CAST mime);
  if (info->url == NULL && info->size <= LOM_MAX_SIZE)
    xmlTextWriterWriteFormatElementNS (w, BAD_CAST "imsmd", BAD_CAST "size", NULL, "%" G_GUINT64_FORMAT, info->size);
  start_md (w, "location");
  xmlTextWriterWriteAttribute (w, BAD_CAST "type", BAD_CAST "URI");
  xmlTextWriterWriteString (w, BAD_CAST href);
  end (w);
  end (w);   /* technical */

  if (is_set (type))
    {
      start_md (w, "educational");
      if (lom_resource_type (type) != NULL)
        md_vocabulary (w, "learningresourcetype", LOM_VOCABULARY, lom_resource_type (type));
      md_vocabulary (w, "learningresourcetype", RESLIB_VOCABULARY, type);
      end (w);
    }

  /* Rights: whether there are restrictions (anything not original or openly licensed), and who holds
   * them under which licence, in the words of the Dossier. */
  if (is_set (origin))
    g_string_append (rights, reslib_label_resource_origin (origin));
  if (is_set (license))
    g_string_append_printf (rights, "%s%s", rights->len > 0 ? "; " : "", license);
  if (is_set (holder))
    g_string_append_printf (rights, "%s%s", rights->len > 0 ? "; " : "", holder);
  start_md (w, "rights");
  md_vocabulary (w, "copyrightandotherrestrictions", LOM_VOCABULARY,
                 g_strcmp0 (origin, "open") == 0 && !is_set (holder) ? "no" : "yes");
  if (rights->len > 0)
    md_langstring (w, "description", language, rights->str);
  end (w);   /* rights */

  end (w);   /* lom */
  end (w);   /* metadata */
}

/* ---------------------------------------------------------------------------------------------- */
/* imsmanifest.xml                                                                                */

typedef struct
{
  xmlTextWriterPtr  w;
  ReslibLmsContent *content;
} Manifest;

static void
write_resource_items (Manifest   *m,
                      const char *item_prefix,
                      GPtrArray  *resources)
{
  for (guint i = 0; resources != NULL && i < resources->len; i++)
    {
      ReslibPackResource *info = g_ptr_array_index (resources, i);
      g_autofree char *item = g_strdup_printf ("ITEM-%s-%s", item_prefix, info->id);
      g_autofree char *ref = g_strdup_printf ("RES-%s", info->id);

      xmlTextWriterStartElement (m->w, BAD_CAST "item");
      xmlTextWriterWriteAttribute (m->w, BAD_CAST "identifier", BAD_CAST item);
      xmlTextWriterWriteAttribute (m->w, BAD_CAST "identifierref", BAD_CAST ref);
      xmlTextWriterWriteElement (m->w, BAD_CAST "title", BAD_CAST info->title);
      end (m->w);
    }
}

/* A container's item: it opens its page; its children, then its resources, under it. */
static void
write_container (Manifest   *m,
                 const char *key,
                 const char *title,
                 guint       depth)
{
  GPtrArray *children = g_hash_table_lookup (m->content->children, key);
  g_autofree char *item = g_strdup_printf ("ITEM-%s", key);
  g_autofree char *ref = g_strdup_printf ("RES-PAGE-%s", key);

  xmlTextWriterStartElement (m->w, BAD_CAST "item");
  xmlTextWriterWriteAttribute (m->w, BAD_CAST "identifier", BAD_CAST item);
  xmlTextWriterWriteAttribute (m->w, BAD_CAST "identifierref", BAD_CAST ref);
  xmlTextWriterWriteElement (m->w, BAD_CAST "title", BAD_CAST title);
  for (guint i = 0; children != NULL && depth <= 64 && i < children->len; i++)
    {
      ReslibRecord *node = g_ptr_array_index (children, i);

      write_container (m, reslib_record_get_id (node), reslib_record_get (node, "title"), depth + 1);
    }
  if (g_strcmp0 (key, RESLIB_LMS_UNLINKED_KEY) == 0)
    write_resource_items (m, key, m->content->unlinked);
  else
    write_resource_items (m, key, g_hash_table_lookup (m->content->pkg.attached, key));
  end (m->w);
}

static void
write_page_resource (Manifest   *m,
                     const char *key)
{
  g_autofree char *id = g_strdup_printf ("RES-PAGE-%s", key != NULL ? key : "HOME");
  g_autofree char *path = _reslib_lms_page_path (key);

  xmlTextWriterStartElement (m->w, BAD_CAST "resource");
  xmlTextWriterWriteAttribute (m->w, BAD_CAST "identifier", BAD_CAST id);
  xmlTextWriterWriteAttribute (m->w, BAD_CAST "type", BAD_CAST "webcontent");
  xmlTextWriterWriteAttribute (m->w, BAD_CAST "href", BAD_CAST path);
  xmlTextWriterStartElement (m->w, BAD_CAST "file");
  xmlTextWriterWriteAttribute (m->w, BAD_CAST "href", BAD_CAST path);
  end (m->w);
  end (m->w);
}

static void
write_page_resources (Manifest   *m,
                      const char *key,
                      guint       depth)
{
  GPtrArray *children = g_hash_table_lookup (m->content->children, key);

  write_page_resource (m, key);
  for (guint i = 0; children != NULL && depth <= 64 && i < children->len; i++)
    write_page_resources (m, reslib_record_get_id (g_ptr_array_index (children, i)), depth + 1);
}

static gboolean
collect_key (gpointer key,
             gpointer value,
             gpointer data)
{
  g_ptr_array_add (data, key);

  return FALSE;
}

static gsize xml_initialized;

GBytes *
_reslib_lms_build_manifest (ReslibLmsContent  *content,
                            GError           **error)
{
  ReslibPackContent *pkg = &content->pkg;
  xmlBufferPtr buffer;
  xmlTextWriterPtr w;
  Manifest m = { NULL, content };
  const char *name = reslib_record_get (pkg->project, "name");
  const char *description = reslib_record_get (pkg->project, "description");
  const char *language = "zh-CN";
  g_autofree char *manifest_id = g_strdup_printf ("MAN-%s", pkg->project_id);
  g_autofree char *org_id = g_strdup_printf ("ORG-%s", pkg->project_id);
  GBytes *bytes = NULL;
  int rc;

  if (g_once_init_enter (&xml_initialized))
    {
      xmlInitParser ();
      g_once_init_leave (&xml_initialized, 1);
    }
  buffer = xmlBufferCreate ();
  w = xmlNewTextWriterMemory (buffer, 0);
  m.w = w;
  xmlTextWriterSetIndent (w, 1);
  xmlTextWriterSetIndentString (w, BAD_CAST " ");
  xmlTextWriterStartDocument (w, "1.0", "UTF-8", NULL);
  xmlTextWriterStartElement (w, BAD_CAST "manifest");
  xmlTextWriterWriteAttribute (w, BAD_CAST "identifier", BAD_CAST manifest_id);
  xmlTextWriterWriteAttribute (w, BAD_CAST "version", BAD_CAST "1.0");
  xmlTextWriterWriteAttribute (w, BAD_CAST "xmlns", BAD_CAST IMSCP_NS);
  xmlTextWriterWriteAttribute (w, BAD_CAST "xmlns:imsmd", BAD_CAST IMSMD_NS);
  xmlTextWriterWriteAttribute (w, BAD_CAST "xmlns:xsi", BAD_CAST XSI_NS);
  xmlTextWriterWriteAttribute (w, BAD_CAST "xsi:schemaLocation", BAD_CAST SCHEMA_LOCATIONS);

  /* The project's own metadata. */
  xmlTextWriterStartElement (w, BAD_CAST "metadata");
  xmlTextWriterWriteElement (w, BAD_CAST "schema", BAD_CAST "IMS Content");
  xmlTextWriterWriteElement (w, BAD_CAST "schemaversion", BAD_CAST "1.1.4");
  start_md (w, "lom");
  start_md (w, "general");
  md_langstring (w, "title", language, name);
  md_catalog_entry (w, "ResLib project", pkg->project_id);
  xmlTextWriterWriteElementNS (w, BAD_CAST "imsmd", BAD_CAST "language", NULL, BAD_CAST language);
  if (is_set (description))
    md_langstring (w, "description", language, description);
  {
    g_autoptr(GPtrArray) words = g_ptr_array_new ();

    g_tree_foreach (pkg->keywords, collect_key, words);
    for (guint i = 0; i < words->len; i++)
      md_langstring (w, "keyword", language, g_ptr_array_index (words, i));
  }
  end (w);   /* general */
  end (w);   /* lom */
  end (w);   /* metadata */

  /* One organization, the default: the home page, holding the courses and the unlinked resources. */
  xmlTextWriterStartElement (w, BAD_CAST "organizations");
  xmlTextWriterWriteAttribute (w, BAD_CAST "default", BAD_CAST org_id);
  xmlTextWriterStartElement (w, BAD_CAST "organization");
  xmlTextWriterWriteAttribute (w, BAD_CAST "identifier", BAD_CAST org_id);
  xmlTextWriterWriteAttribute (w, BAD_CAST "structure", BAD_CAST "hierarchical");
  xmlTextWriterWriteElement (w, BAD_CAST "title", BAD_CAST name);
  xmlTextWriterStartElement (w, BAD_CAST "item");
  xmlTextWriterWriteAttribute (w, BAD_CAST "identifier", BAD_CAST "ITEM-HOME");
  xmlTextWriterWriteAttribute (w, BAD_CAST "identifierref", BAD_CAST "RES-PAGE-HOME");
  xmlTextWriterWriteElement (w, BAD_CAST "title", BAD_CAST name);
  for (guint i = 0; i < pkg->courses->len; i++)
    {
      ReslibRecord *course = g_ptr_array_index (pkg->courses, i);

      write_container (&m, reslib_record_get_id (course), reslib_record_get (course, "title"), 0);
    }
  if (content->unlinked->len > 0)
    write_container (&m, RESLIB_LMS_UNLINKED_KEY, _("Resources linked to no course"), 0);
  end (w);   /* item */
  end (w);   /* organization */
  end (w);   /* organizations */

  xmlTextWriterStartElement (w, BAD_CAST "resources");
  write_page_resource (&m, NULL);
  for (guint i = 0; i < pkg->courses->len; i++)
    write_page_resources (&m, reslib_record_get_id (g_ptr_array_index (pkg->courses, i)), 0);
  if (content->unlinked->len > 0)
    write_page_resource (&m, RESLIB_LMS_UNLINKED_KEY);
  /* In the order of the resources' ids; an online resource has its address as its href, and no file. */
  for (guint i = 0; i < pkg->resources->len; i++)
    {
      ReslibPackResource *info = g_ptr_array_index (pkg->resources, i);
      const char *href = info->url != NULL ? info->url : g_hash_table_lookup (content->zip_paths, info->id);
      g_autofree char *id = g_strdup_printf ("RES-%s", info->id);
      g_autoptr(ReslibRecord) record = reslib_store_get (pkg->store, RESLIB_KIND_RESOURCE, info->id, error);

      if (record == NULL)
        {
          xmlFreeTextWriter (w);
          xmlBufferFree (buffer);
          return NULL;
        }
      xmlTextWriterStartElement (w, BAD_CAST "resource");
      xmlTextWriterWriteAttribute (w, BAD_CAST "identifier", BAD_CAST id);
      xmlTextWriterWriteAttribute (w, BAD_CAST "type", BAD_CAST "webcontent");
      xmlTextWriterWriteAttribute (w, BAD_CAST "href", BAD_CAST href);
      write_resource_lom (w, info, record, href);
      if (info->url == NULL)
        {
          xmlTextWriterStartElement (w, BAD_CAST "file");
          xmlTextWriterWriteAttribute (w, BAD_CAST "href", BAD_CAST href);
          end (w);
        }
      end (w);   /* resource */
    }
  end (w);   /* resources */
  end (w);   /* manifest */
  rc = xmlTextWriterEndDocument (w);
  xmlFreeTextWriter (w);
  if (rc < 0)
    g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_FAILED, _("Could not write imsmanifest.xml"));
  else
    bytes = g_bytes_new (xmlBufferContent (buffer), (gsize) xmlBufferLength (buffer));
  xmlBufferFree (buffer);

  return bytes;
}

/* ---------------------------------------------------------------------------------------------- */
/* The pages                                                                                      */

/* A relative URL: each component of @path percent-encoded, after @prefix ("", "../../"). */
static void
append_url (GString    *out,
            const char *prefix,
            const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);

  g_string_append (out, prefix);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *escaped = g_uri_escape_string (parts[i], NULL, FALSE);

      g_string_append_printf (out, "%s%s", i > 0 ? "/" : "", escaped);
    }
}

static void
append_text (GString    *out,
             const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  g_string_append (out, escaped);
}

static void
append_link (GString    *out,
             const char *prefix,
             const char *path,
             const char *title)
{
  g_string_append (out, "<a href=\"");
  append_url (out, prefix, path);
  g_string_append (out, "\">");
  append_text (out, title);
  g_string_append (out, "</a>");
}

static void
append_resources (GString          *out,
                  ReslibLmsContent *content,
                  const char       *prefix,
                  GPtrArray        *resources)
{
  if (resources == NULL || resources->len == 0)
    return;
  g_string_append (out, "<h2>");
  append_text (out, _("Resources"));
  g_string_append (out, "</h2>\n<ul class=\"resources\">\n");
  for (guint i = 0; i < resources->len; i++)
    {
      ReslibPackResource *info = g_ptr_array_index (resources, i);
      g_autofree char *size = g_format_size (info->size);

      g_string_append (out, "<li>");
      if (info->url != NULL)
        {
          /* An online resource: a link to its address, which the platform serves. */
          g_autofree char *href = g_markup_escape_text (info->url, -1);

          g_string_append_printf (out, "<a href=\"%s\">", href);
          append_text (out, info->title);
          g_string_append (out, "</a> <span class=\"meta\">");
          append_text (out, _("online resource"));
          g_string_append (out, "</span></li>\n");
          continue;
        }
      append_link (out, prefix, g_hash_table_lookup (content->zip_paths, info->id), info->title);
      g_string_append (out, " <span class=\"meta\">");
      append_text (out, info->file_name);
      g_string_append (out, " · ");
      append_text (out, size);
      g_string_append (out, "</span></li>\n");
    }
  g_string_append (out, "</ul>\n");
}

GBytes *
_reslib_lms_build_page (ReslibLmsContent  *content,
                        const char        *key,
                        GError           **error)
{
  ReslibPackContent *pkg = &content->pkg;
  const char *project_name = reslib_record_get (pkg->project, "name");
  const char *prefix = key == NULL ? "" : "../../";
  GString *out = g_string_new (NULL);
  GPtrArray *children = NULL;
  GPtrArray *resources = NULL;
  const char *title = project_name;
  const char *description = NULL;
  const char *parent_key = NULL;
  gboolean parent_known = FALSE;

  if (key == NULL)
    description = reslib_record_get (pkg->project, "description");
  else if (strcmp (key, RESLIB_LMS_UNLINKED_KEY) == 0)
    {
      title = _("Resources linked to no course");
      resources = content->unlinked;
      parent_known = TRUE;
    }
  else if (g_hash_table_contains (content->node_ids, key))
    {
      ReslibRecord *node = g_hash_table_lookup (content->node_ids, key);
      const char *parent = reslib_record_get (node, "parent_id");

      title = reslib_record_get (node, "title");
      children = g_hash_table_lookup (content->children, key);
      resources = g_hash_table_lookup (pkg->attached, key);
      parent_key = parent != NULL && g_hash_table_contains (content->node_ids, parent)
                   ? parent : reslib_record_get (node, "course_id");
      parent_known = TRUE;
    }
  else
    {
      for (guint i = 0; i < pkg->courses->len; i++)
        if (strcmp (reslib_record_get_id (g_ptr_array_index (pkg->courses, i)), key) == 0)
          title = reslib_record_get (g_ptr_array_index (pkg->courses, i), "title");
      children = g_hash_table_lookup (content->children, key);
      parent_known = TRUE;
    }

  g_string_append (out, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
                        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
  append_text (out, title);
  g_string_append (out, "</title>\n<style>\n"
                        "body { font-family: sans-serif; max-width: 48em; margin: 2em auto; padding: 0 1em; "
                        "line-height: 1.6; color: #222; }\n"
                        "nav { font-size: 0.9em; margin-bottom: 1em; }\n"
                        "li { margin: 0.3em 0; }\n"
                        ".meta { color: #666; font-size: 0.85em; }\n"
                        "</style>\n</head>\n<body>\n");
  if (parent_known)
    {
      g_autofree char *up = NULL;
      const char *up_title = project_name;

      if (parent_key != NULL && g_hash_table_contains (content->node_ids, parent_key))
        up_title = reslib_record_get (g_hash_table_lookup (content->node_ids, parent_key), "title");
      else if (parent_key != NULL)
        for (guint i = 0; i < pkg->courses->len; i++)
          if (strcmp (reslib_record_get_id (g_ptr_array_index (pkg->courses, i)), parent_key) == 0)
            up_title = reslib_record_get (g_ptr_array_index (pkg->courses, i), "title");
      up = _reslib_lms_page_path (parent_key);
      g_string_append (out, "<nav>↑ ");
      append_link (out, prefix, up, up_title);
      g_string_append (out, "</nav>\n");
    }
  g_string_append (out, "<h1>");
  append_text (out, title);
  g_string_append (out, "</h1>\n");
  if (is_set (description))
    {
      g_string_append (out, "<p>");
      append_text (out, description);
      g_string_append (out, "</p>\n");
    }

  /* What the container holds: the courses (and the unlinked resources) of the home page, the nodes
   * under a course or a node. */
  if (key == NULL && (pkg->courses->len > 0 || content->unlinked->len > 0))
    {
      g_string_append (out, "<h2>");
      append_text (out, _("Courses"));
      g_string_append (out, "</h2>\n<ul class=\"contents\">\n");
      for (guint i = 0; i < pkg->courses->len; i++)
        {
          ReslibRecord *course = g_ptr_array_index (pkg->courses, i);
          g_autofree char *path = _reslib_lms_page_path (reslib_record_get_id (course));

          g_string_append (out, "<li>");
          append_link (out, prefix, path, reslib_record_get (course, "title"));
          g_string_append (out, "</li>\n");
        }
      if (content->unlinked->len > 0)
        {
          g_autofree char *path = _reslib_lms_page_path (RESLIB_LMS_UNLINKED_KEY);

          g_string_append (out, "<li>");
          append_link (out, prefix, path, _("Resources linked to no course"));
          g_string_append (out, "</li>\n");
        }
      g_string_append (out, "</ul>\n");
    }
  if (children != NULL && children->len > 0)
    {
      g_string_append (out, "<h2>");
      append_text (out, _("Contents"));
      g_string_append (out, "</h2>\n<ul class=\"contents\">\n");
      for (guint i = 0; i < children->len; i++)
        {
          ReslibRecord *node = g_ptr_array_index (children, i);
          g_autofree char *path = _reslib_lms_page_path (reslib_record_get_id (node));

          g_string_append (out, "<li>");
          append_link (out, prefix, path, reslib_record_get (node, "title"));
          g_string_append (out, "</li>\n");
        }
      g_string_append (out, "</ul>\n");
    }
  append_resources (out, content, prefix, resources);
  if (key != NULL && (children == NULL || children->len == 0) && (resources == NULL || resources->len == 0))
    {
      g_string_append (out, "<p>");
      append_text (out, _("Nothing here yet."));
      g_string_append (out, "</p>\n");
    }
  g_string_append (out, "</body>\n</html>\n");

  return g_string_free_to_bytes (out);
}
