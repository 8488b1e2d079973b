/* reslib-ims-writer.c — data/imsmanifest.xml, the IMS Content Packaging manifest of a package
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/xmlwriter.h>
#include <string.h>

#include "reslib-error.h"
#include "reslib-package-private.h"

#define IMSCP_NS "http://www.imsglobal.org/xsd/imscp_v1p1"
#define IMSMD_NS "http://www.imsglobal.org/xsd/imsmd_v1p2"
#define XSI_NS   "http://www.w3.org/2001/XMLSchema-instance"

/* An href is the file's path in data/ as it is, not percent-encoded: Moodle's mod_imscp encodes each
 * component itself (file_encode_url) and looks the result up among the names it extracted, so an
 * encoded href would name another file. Payload names are portable (reslib_portable_name()): no "%",
 * "#" or "?" that would make the path mean something else as a URI reference. */
static char *
href_for (const char *bag_path)
{
  g_assert (g_str_has_prefix (bag_path, "data/"));

  return g_strdup (bag_path + strlen ("data/"));
}

static void
write_langstring (xmlTextWriterPtr  w,
                  const char       *element,
                  const char       *language,
                  const char       *text)
{
  xmlTextWriterStartElementNS (w, BAD_CAST "imsmd", BAD_CAST element, NULL);
  xmlTextWriterStartElementNS (w, BAD_CAST "imsmd", BAD_CAST "langstring", NULL);
  xmlTextWriterWriteAttributeNS (w, BAD_CAST "xml", BAD_CAST "lang", NULL, BAD_CAST language);
  xmlTextWriterWriteString (w, BAD_CAST text);
  xmlTextWriterEndElement (w);
  xmlTextWriterEndElement (w);
}

typedef struct
{
  xmlTextWriterPtr   w;
  ReslibPackContent *pkg;
  GHashTable        *children;    /* parent node id ("" for roots of a course) → GPtrArray of nodes */
  GHashTable        *attached;    /* node id → GPtrArray of resources */
} ImsContext;

static void
write_node_items (ImsContext *ctx,
                  const char *parent_key,
                  guint       depth)
{
  GPtrArray *children = g_hash_table_lookup (ctx->children, parent_key);

  if (children == NULL || depth > 64)
    return;
  for (guint i = 0; i < children->len; i++)
    {
      ReslibRecord *node = g_ptr_array_index (children, i);
      const char *node_id = reslib_record_get_id (node);
      GPtrArray *resources = g_hash_table_lookup (ctx->attached, node_id);
      g_autofree char *item_id = g_strdup_printf ("ITEM-%s", node_id);

      xmlTextWriterStartElement (ctx->w, BAD_CAST "item");
      xmlTextWriterWriteAttribute (ctx->w, BAD_CAST "identifier", BAD_CAST item_id);
      xmlTextWriterWriteAttribute (ctx->w, BAD_CAST "isvisible", BAD_CAST "true");
      xmlTextWriterWriteElement (ctx->w, BAD_CAST "title", BAD_CAST reslib_record_get (node, "title"));
      write_node_items (ctx, node_id, depth + 1);
      for (guint j = 0; resources != NULL && j < resources->len; j++)
        {
          ReslibPackResource *resource = g_ptr_array_index (resources, j);
          g_autofree char *res_item = g_strdup_printf ("ITEM-%s-%s", node_id, resource->id);
          g_autofree char *res_ref = g_strdup_printf ("RES-%s", resource->id);

          xmlTextWriterStartElement (ctx->w, BAD_CAST "item");
          xmlTextWriterWriteAttribute (ctx->w, BAD_CAST "identifier", BAD_CAST res_item);
          xmlTextWriterWriteAttribute (ctx->w, BAD_CAST "identifierref", BAD_CAST res_ref);
          xmlTextWriterWriteAttribute (ctx->w, BAD_CAST "isvisible", BAD_CAST "true");
          xmlTextWriterWriteElement (ctx->w, BAD_CAST "title", BAD_CAST resource->title);
          xmlTextWriterEndElement (ctx->w);
        }
      xmlTextWriterEndElement (ctx->w);
    }
}

static gboolean
collect_key (gpointer key,
             gpointer value,
             gpointer data)
{
  g_ptr_array_add (data, key);

  return FALSE;
}

static int
xml_write_cb (void       *context,
              const char *buffer,
              int         len)
{
  ReslibSpool *spool = context;

  g_string_append_len (spool->buf, buffer, len);
  _reslib_spool_maybe_flush (spool);

  return spool->saved_errno == 0 ? len : -1;
}

static gsize xml_initialized;

ReslibSpool *
_reslib_ims_build_manifest (ReslibPackContent *pkg,
                            GError           **error)
{
  g_autoptr(ReslibSpool) spool = _reslib_spool_new (pkg->dest_path, error);
  xmlOutputBufferPtr output;
  xmlTextWriterPtr w;
  g_autoptr(GHashTable) children = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GHashTable) node_ids = g_hash_table_new (g_str_hash, g_str_equal);
  GTree *keywords = pkg->keywords;
  g_autofree char *manifest_id = g_strdup_printf ("MAN-%s", pkg->project_id);
  const char *language = "zh-CN";
  const char *description = reslib_record_get (pkg->project, "description");
  ImsContext ctx = { NULL, pkg, children, pkg->attached };
  int rc;

  if (spool == NULL)
    return NULL;
  if (g_once_init_enter (&xml_initialized))
    {
      xmlInitParser ();
      g_once_init_leave (&xml_initialized, 1);
    }
  output = xmlOutputBufferCreateIO (xml_write_cb, NULL, spool, NULL);
  w = xmlNewTextWriter (output);
  ctx.w = w;

  /* The course tree: children of each node, roots keyed by their course id. */
  for (guint i = 0; i < pkg->nodes->len; i++)
    g_hash_table_add (node_ids, (gpointer) reslib_record_get_id (g_ptr_array_index (pkg->nodes, i)));
  for (guint i = 0; i < pkg->nodes->len; i++)
    {
      ReslibRecord *node = g_ptr_array_index (pkg->nodes, i);
      const char *parent = reslib_record_get (node, "parent_id");
      const char *key = parent != NULL && g_hash_table_contains (node_ids, parent)
                        ? parent : reslib_record_get (node, "course_id");
      GPtrArray *list = g_hash_table_lookup (children, key);

      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (children, g_strdup (key), list);
        }
      g_ptr_array_add (list, node);
    }

  xmlTextWriterSetIndent (w, 1);
  xmlTextWriterSetIndentString (w, BAD_CAST "  ");
  xmlTextWriterStartDocument (w, "1.0", "UTF-8", NULL);
  xmlTextWriterStartElement (w, BAD_CAST "manifest");
  xmlTextWriterWriteAttribute (w, BAD_CAST "identifier", BAD_CAST manifest_id);
  xmlTextWriterWriteAttribute (w, BAD_CAST "version", BAD_CAST "1.0");
  xmlTextWriterWriteAttribute (w, BAD_CAST "xmlns", BAD_CAST IMSCP_NS);
  xmlTextWriterWriteAttribute (w, BAD_CAST "xmlns:imsmd", BAD_CAST IMSMD_NS);
  xmlTextWriterWriteAttribute (w, BAD_CAST "xmlns:xsi", BAD_CAST XSI_NS);
  xmlTextWriterWriteAttribute (w, BAD_CAST "xsi:schemaLocation",
                               BAD_CAST IMSCP_NS " imscp_v1p1.xsd " IMSMD_NS " imsmd_v1p2p4.xsd");

  xmlTextWriterStartElement (w, BAD_CAST "metadata");
  xmlTextWriterWriteElement (w, BAD_CAST "schema", BAD_CAST "IMS Content");
  xmlTextWriterWriteElement (w, BAD_CAST "schemaversion", BAD_CAST "1.1.4");
  xmlTextWriterStartElementNS (w, BAD_CAST "imsmd", BAD_CAST "lom", NULL);
  xmlTextWriterStartElementNS (w, BAD_CAST "imsmd", BAD_CAST "general", NULL);
  write_langstring (w, "title", language, reslib_record_get (pkg->project, "name"));
  xmlTextWriterWriteElementNS (w, BAD_CAST "imsmd", BAD_CAST "language", NULL, BAD_CAST language);
  if (description != NULL && *description != '\0')
    write_langstring (w, "description", language, description);
  {
    g_autoptr(GPtrArray) words = g_ptr_array_new ();

    g_tree_foreach (keywords, collect_key, words);
    for (guint i = 0; i < words->len; i++)
      write_langstring (w, "keyword", language, g_ptr_array_index (words, i));
  }
  xmlTextWriterEndElement (w);   /* general */
  xmlTextWriterEndElement (w);   /* lom */
  xmlTextWriterEndElement (w);   /* metadata */

  xmlTextWriterStartElement (w, BAD_CAST "organizations");
  if (pkg->courses->len > 0)
    {
      g_autofree char *first = g_strdup_printf ("ORG-%s", reslib_record_get_id (g_ptr_array_index (pkg->courses, 0)));
      xmlTextWriterWriteAttribute (w, BAD_CAST "default", BAD_CAST first);
    }
  for (guint i = 0; i < pkg->courses->len; i++)
    {
      ReslibRecord *course = g_ptr_array_index (pkg->courses, i);
      g_autofree char *org_id = g_strdup_printf ("ORG-%s", reslib_record_get_id (course));

      xmlTextWriterStartElement (w, BAD_CAST "organization");
      xmlTextWriterWriteAttribute (w, BAD_CAST "identifier", BAD_CAST org_id);
      xmlTextWriterWriteAttribute (w, BAD_CAST "structure", BAD_CAST "hierarchical");
      xmlTextWriterWriteElement (w, BAD_CAST "title", BAD_CAST reslib_record_get (course, "title"));
      write_node_items (&ctx, reslib_record_get_id (course), 0);
      xmlTextWriterEndElement (w);
    }
  xmlTextWriterEndElement (w);   /* organizations */

  xmlTextWriterStartElement (w, BAD_CAST "resources");
  for (guint i = 0; i < pkg->resources->len; i++)
    {
      ReslibPackResource *resource = g_ptr_array_index (pkg->resources, i);
      g_autofree char *res_id = g_strdup_printf ("RES-%s", resource->id);
      g_autofree char *path = NULL;
      g_autofree char *href = NULL;

      /* An online resource: its address as the href (IMS CP allows an absolute URL), and no file. */
      if (resource->url != NULL)
        href = g_strdup (resource->url);
      else
        {
          path = _reslib_package_resource_path (resource);
          href = href_for (path);
        }

      xmlTextWriterStartElement (w, BAD_CAST "resource");
      xmlTextWriterWriteAttribute (w, BAD_CAST "identifier", BAD_CAST res_id);
      xmlTextWriterWriteAttribute (w, BAD_CAST "type", BAD_CAST "webcontent");
      xmlTextWriterWriteAttribute (w, BAD_CAST "href", BAD_CAST href);
      xmlTextWriterStartElement (w, BAD_CAST "metadata");
      xmlTextWriterStartElementNS (w, BAD_CAST "imsmd", BAD_CAST "lom", NULL);
      xmlTextWriterStartElementNS (w, BAD_CAST "imsmd", BAD_CAST "general", NULL);
      write_langstring (w, "title", resource->language, resource->title);
      xmlTextWriterEndElement (w);
      xmlTextWriterEndElement (w);
      xmlTextWriterEndElement (w);
      if (resource->url == NULL)
        {
          xmlTextWriterStartElement (w, BAD_CAST "file");
          xmlTextWriterWriteAttribute (w, BAD_CAST "href", BAD_CAST href);
          xmlTextWriterEndElement (w);
        }
      xmlTextWriterEndElement (w);
    }
  /* The dossier of an application package. */
  if (pkg->dossier != NULL)
    {
      g_autofree char *href = href_for (pkg->dossier);

      xmlTextWriterStartElement (w, BAD_CAST "resource");
      xmlTextWriterWriteAttribute (w, BAD_CAST "identifier", BAD_CAST "RES-DOSSIER");
      xmlTextWriterWriteAttribute (w, BAD_CAST "type", BAD_CAST "webcontent");
      xmlTextWriterWriteAttribute (w, BAD_CAST "href", BAD_CAST href);
      xmlTextWriterStartElement (w, BAD_CAST "metadata");
      xmlTextWriterStartElementNS (w, BAD_CAST "imsmd", BAD_CAST "lom", NULL);
      xmlTextWriterStartElementNS (w, BAD_CAST "imsmd", BAD_CAST "general", NULL);
      write_langstring (w, "title", "zh", "申报书");
      xmlTextWriterEndElement (w);
      xmlTextWriterEndElement (w);
      xmlTextWriterEndElement (w);
      xmlTextWriterStartElement (w, BAD_CAST "file");
      xmlTextWriterWriteAttribute (w, BAD_CAST "href", BAD_CAST href);
      xmlTextWriterEndElement (w);
      xmlTextWriterEndElement (w);
    }
  /* The package's own metadata, so every payload file is listed. */
  xmlTextWriterStartElement (w, BAD_CAST "resource");
  xmlTextWriterWriteAttribute (w, BAD_CAST "identifier", BAD_CAST "RES-PACKAGE-METADATA");
  xmlTextWriterWriteAttribute (w, BAD_CAST "type", BAD_CAST "webcontent");
  xmlTextWriterWriteAttribute (w, BAD_CAST "href", BAD_CAST "manifest.json");
  xmlTextWriterStartElement (w, BAD_CAST "file");
  xmlTextWriterWriteAttribute (w, BAD_CAST "href", BAD_CAST "manifest.json");
  xmlTextWriterEndElement (w);
  xmlTextWriterStartElement (w, BAD_CAST "file");
  xmlTextWriterWriteAttribute (w, BAD_CAST "href", BAD_CAST "schema/manifest.schema.json");
  xmlTextWriterEndElement (w);
  xmlTextWriterEndElement (w);
  xmlTextWriterEndElement (w);   /* resources */

  xmlTextWriterEndElement (w);   /* manifest */
  rc = xmlTextWriterEndDocument (w);
  xmlFreeTextWriter (w);   /* flushes and frees the output buffer */
  if (!_reslib_spool_finish (spool, pkg->dest_path, error))
    return NULL;
  if (rc < 0)
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_FAILED, _("Could not write imsmanifest.xml"));
      return NULL;
    }

  return g_steal_pointer (&spool);
}
