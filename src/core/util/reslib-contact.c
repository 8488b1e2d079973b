/* reslib-contact.c — phone numbers and email addresses as people type them, checked
 *
 * A phone is a Chinese mobile number (1[3-9] and 9 more digits, "+86" before it allowed, spaces or
 * hyphens between groups: "138 0013 8000"), a landline with its area code and an optional extension
 * ("0371-12345678", "(0371) 1234567", "0371-1234567-801", "0371-12345678转801"), or a 400/800 service
 * number ("400-123-4567"). An email is checked for sanity only: one "@", something before it, a domain
 * of dot-separated labels after it, no spaces.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "reslib-contact.h"
#include "reslib-error.h"

static gboolean
matches (const char *pattern,
         const char *text)
{
  return g_regex_match_simple (pattern, text, G_REGEX_DEFAULT, G_REGEX_MATCH_DEFAULT);
}

/**
 * reslib_phone_is_valid:
 * @phone: (nullable): a phone number as typed
 *
 * Returns: whether @phone is a Chinese mobile, landline (area code required) or 400/800 number
 */
gboolean
reslib_phone_is_valid (const char *phone)
{
  g_autofree char *text = NULL;
  g_autoptr(GString) compact = NULL;

  if (phone == NULL || !g_utf8_validate (phone, -1, NULL))
    return FALSE;
  text = g_strstrip (g_strdup (phone));
  /* Mobile: the digits, whatever spaces or hyphens group them. */
  compact = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p++)
    if (*p != ' ' && *p != '-')
      g_string_append_c (compact, *p);
  if (matches ("^(\\+?86)?1[3-9][0-9]{9}$", compact->str))
    return TRUE;
  /* Landline: an area code of 3 or 4 digits starting with 0, then 7 or 8 digits, then an extension. */
  if (matches ("^(0[1-9][0-9]{1,2}[- ]?|\\(0[1-9][0-9]{1,2}\\) ?)[1-9][0-9]{6,7}"
               "(([- ]|转|ext\\.? ?|x)[0-9]{1,6})?$", text))
    return TRUE;
  /* Service numbers */
  return matches ("^[48]00[- ]?[0-9]{3}[- ]?[0-9]{4}$", text);
}

/**
 * reslib_email_is_valid:
 * @email: (nullable): an email address as typed
 *
 * Returns: whether @email looks like an address: name@domain.tld, without spaces
 */
gboolean
reslib_email_is_valid (const char *email)
{
  g_autofree char *text = NULL;

  if (email == NULL || !g_utf8_validate (email, -1, NULL))
    return FALSE;
  text = g_strstrip (g_strdup (email));
  return matches ("^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$", text) && strstr (text, "..") == NULL &&
         text[0] != '.';
}

/**
 * reslib_contact_check:
 * @field: the field the value is for: "contact_phone", "phone", "contact_email" or "email"; any other
 *   field is not checked here
 * @value: (nullable): the value typed; %NULL and "" are not checked (a field left empty)
 * @error: a #RESLIB_ERROR_INVALID saying what a phone or an email looks like
 *
 * Returns: %FALSE with @error set when @value is no phone number or email address
 */
gboolean
reslib_contact_check (const char  *field,
                      const char  *value,
                      GError     **error)
{
  if (field == NULL || value == NULL || *value == '\0')
    return TRUE;
  if ((g_str_equal (field, "contact_phone") || g_str_equal (field, "phone")) && !reslib_phone_is_valid (value))
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                   _("“%s” is not a phone number: a mobile has 11 digits (13800138000), a landline its area code (0371-12345678, an extension after another hyphen)"),
                   value);
      return FALSE;
    }
  if ((g_str_equal (field, "contact_email") || g_str_equal (field, "email")) && !reslib_email_is_valid (value))
    {
      g_set_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID,
                   _("“%s” is not an email address such as name@school.edu.cn"), value);
      return FALSE;
    }

  return TRUE;
}
