/* test-contact.c — phone numbers and email addresses as people type them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "reslib-contact.h"
#include "reslib-error.h"
#include "reslib-test-utils.h"

static void
test_phone (void)
{
  const char *good[] = {
    "13800138000", "19912345678", "138 0013 8000", "138-0013-8000", "+8613800138000", "+86 138 0013 8000",
    " 15612345678 ", "0371-12345678", "0371-1234567", "0371-1234567-801", "037112345678", "010-87654321",
    "(0371) 12345678", "(010)87654321", "0371 12345678", "0371-12345678转801", "400-123-4567", "8001234567",
  };
  const char *bad[] = {
    "", "1380013800", "138001380001", "12800138000", "10086", "12345678", "0371-123", "0371-0234567", "0371-123456",
    "371-12345678", "0371-123456789", "0371-1234567-", "0371-1234567-1234567", "phone", "1380013800O",
    "138 0013 80000", "＋8613800138000", "13800138000,13900139000",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    if (!reslib_phone_is_valid (good[i]))
      g_error ("“%s” is refused as a phone number", good[i]);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    if (reslib_phone_is_valid (bad[i]))
      g_error ("“%s” is taken as a phone number", bad[i]);
  g_assert_false (reslib_phone_is_valid (NULL));
  g_assert_false (reslib_phone_is_valid ("138\xff" "00138000"));
}

static void
test_email (void)
{
  const char *good[] = {
    "zhangwei@school.edu.cn", "li.na+dossier@example.com", " wang_fang@163.com ", "a@b.cn", "张伟@学校.中国",
  };
  const char *bad[] = {
    "", "zhangwei", "zhangwei@", "@school.edu.cn", "zhang wei@school.edu.cn", "zhangwei@school",
    "zhangwei@@school.cn", "zhangwei@school..cn", "zhangwei@.school.cn", "zhangwei@school.cn.", ".a@b.cn",
    "a@b@c.cn",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    if (!reslib_email_is_valid (good[i]))
      g_error ("“%s” is refused as an email address", good[i]);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    if (reslib_email_is_valid (bad[i]))
      g_error ("“%s” is taken as an email address", bad[i]);
  g_assert_false (reslib_email_is_valid (NULL));
}

/* The check the app runs as the user types: only the phone and email fields, and not an empty one. */
static void
test_check (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (reslib_contact_check ("contact_phone", "0371-1234567-801", &error));
  g_assert_no_error (error);
  g_assert_true (reslib_contact_check ("contact_phone", "", &error));
  g_assert_true (reslib_contact_check ("contact_phone", NULL, &error));
  g_assert_true (reslib_contact_check ("contact_name", "not a phone", &error));
  g_assert_no_error (error);
  g_assert_false (reslib_contact_check ("contact_phone", "12345", &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "12345"));
  g_clear_error (&error);
  g_assert_false (reslib_contact_check ("contact_email", "zhangwei@school", &error));
  g_assert_error (error, RESLIB_ERROR, RESLIB_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "zhangwei@school"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/contact/phone", test_phone);
  g_test_add_func ("/contact/email", test_email);
  g_test_add_func ("/contact/check", test_check);

  return g_test_run ();
}
