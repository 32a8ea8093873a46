/* Small core modules: clock formatting, paths, settings file, UUIDs, i18n. */
#include "testkit.h"

#include "core/clock.h"
#include "core/config.h"
#include "core/i18n.h"
#include "core/paths.h"
#include "core/uuid.h"
#include "svc/configfile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void test_iso8601(void **state)
{
    (void)state;
    char buf[32];
    clock_iso8601(1795510800000LL, buf);
    assert_string_equal(buf, "2026-11-24T09:00:00Z");
    clock_iso_date(1795510800000LL, buf);
    assert_string_equal(buf, "2026-11-24");
    int64_t ms = 0;
    assert_true(clock_parse_iso("2026-11-24T09:00:00Z", &ms));
    assert_int_equal(ms, 1795510800000LL);
    assert_true(clock_parse_iso("2026-11-24", &ms));
    assert_int_equal(ms, 1795478400000LL);
    assert_true(clock_parse_iso("2024-02-29", &ms));
    assert_false(clock_parse_iso("2023-02-29", &ms));
    assert_false(clock_parse_iso("2026-13-01", &ms));
    assert_false(clock_parse_iso("2026-1-01", &ms));
    assert_false(clock_parse_iso("yesterday", &ms));
    assert_false(clock_parse_iso("2026-11-24T25:00:00Z", &ms));
    assert_false(clock_parse_iso("", &ms));
}

static void test_uuid(void **state)
{
    (void)state;
    char a[UUID_STR_LEN], b[UUID_STR_LEN];
    uuid_new(a);
    uuid_new(b);
    assert_true(uuid_is_valid(a));
    assert_string_not_equal(a, b);
    assert_int_equal(a[14], '4');
    assert_non_null(strchr("89ab", a[19]));
    assert_false(uuid_is_valid("not-a-uuid"));
}

static void test_db_path_order(void **state)
{
    (void)state;
    char out[512], err[256];
    setenv("HEARTH_DB", "/tmp/from-env.db", 1);
    assert_true(paths_default_db(out, sizeof out, "/tmp/from-flag.db", err, sizeof err));
    assert_string_equal(out, "/tmp/from-flag.db");
    assert_true(paths_default_db(out, sizeof out, NULL, err, sizeof err));
    assert_string_equal(out, "/tmp/from-env.db");
    unsetenv("HEARTH_DB");
    setenv("XDG_DATA_HOME", "/srv/xdg", 1);
    assert_true(paths_default_db(out, sizeof out, NULL, err, sizeof err));
    assert_string_equal(out, "/srv/xdg/hearth/hearth.db");
    unsetenv("XDG_DATA_HOME");
    setenv("HOME", "/home/kiosk", 1);
    assert_true(paths_default_db(out, sizeof out, NULL, err, sizeof err));
    assert_string_equal(out, "/home/kiosk/.local/share/hearth/hearth.db");
}

static void test_data_folder(void **state)
{
    (void)state;
    HearthPaths p;
    char err[1024];
    assert_true(paths_resolve(&p, NULL, err, sizeof err));
    assert_non_null(strstr(p.data, "/data"));
    assert_false(paths_resolve(&p, "/nonexistent/hearth-data", err, sizeof err));
    assert_non_null(strstr(err, "/nonexistent/hearth-data"));
    assert_non_null(strstr(err, "--data"));
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void test_config_defaults_and_file(void **state)
{
    (void)state;
    Settings s;
    char used[512];
    assert_true(config_load(tk_path("absent.ini"), &s, used, sizeof used));
    assert_string_equal(s.lang, "en");
    assert_int_equal(s.min_cell, 5);
    const char *path = tk_path("hearth.ini");
    write_text(path, "[kiosk]\nlanguage = es\ntext_size = 150\nreduced_motion = yes\n"
                     "high_contrast = true\n"
                     "[privacy]\nmin_cell = 1\nretention_months = 24\n"
                     "[scanner]\nsilence_ms = 90\n");
    assert_true(config_load(path, &s, used, sizeof used));
    assert_string_equal(used, path);
    assert_string_equal(s.lang, "es");
    assert_int_equal(s.text_scale, 150);
    assert_true(s.reduced_motion);
    assert_true(s.high_contrast);
    assert_int_equal(s.min_cell, 3); /* never below three on screen */
    assert_int_equal(s.retention_months, 24);
    assert_int_equal(s.scanner_silence_ms, 90);
}

static void test_config_bad_lines_are_skipped(void **state)
{
    (void)state;
    const char *path = tk_path("bad.ini");
    write_text(path, "[kiosk]\ntext_size = huge\nlanguage = fr\nnonsense\n[sound]\nvolume = 40\n");
    Settings s;
    assert_true(config_load(path, &s, NULL, 0));
    assert_int_equal(s.text_scale, 100);
    assert_string_equal(s.lang, "en");
    assert_int_equal(s.volume, 40);
}

static void test_config_save_and_reload(void **state)
{
    (void)state;
    Settings s, back;
    settings_defaults(&s);
    snprintf(s.lang, sizeof s.lang, "es");
    s.text_scale = 125;
    s.high_contrast = true;
    s.mute = true;
    s.volume = 33;
    char err[256];
    const char *path = tk_path("cfg/sub/hearth.ini");
    assert_true(configfile_save(path, &s, NULL, err, sizeof err));
    assert_true(config_load(path, &back, NULL, 0));
    assert_memory_equal(&s, &back, sizeof s);
}

static void test_room_display(void **state)
{
    (void)state;
    Settings s;
    settings_defaults(&s);
    assert_int_equal(settings_room_display(&s, 1), -1); /* one screen: none */
    assert_int_equal(settings_room_display(&s, 2), 1);  /* auto: the second */
    snprintf(s.display, sizeof s.display, "single");
    assert_int_equal(settings_room_display(&s, 3), -1);
    snprintf(s.display, sizeof s.display, "3");
    assert_int_equal(settings_room_display(&s, 3), 2);
    /* screen 3 unplugged: the second rather than nothing */
    assert_int_equal(settings_room_display(&s, 2), 1);
    snprintf(s.display, sizeof s.display, "junk");
    assert_int_equal(settings_room_display(&s, 2), 1);
}

static void test_i18n_formats(void **state)
{
    (void)state;
    HearthPaths p;
    char err[256];
    paths_resolve(&p, NULL, err, sizeof err);
    i18n_init(p.locale, "en");
    char buf[64];
    i18n_format_time(buf, sizeof buf, 9, 2);
    assert_string_equal(buf, "9:02 AM");
    i18n_format_time(buf, sizeof buf, 0, 5);
    assert_string_equal(buf, "12:05 AM");
    i18n_format_time(buf, sizeof buf, 13, 30);
    assert_string_equal(buf, "1:30 PM");
    i18n_format_decimal(buf, sizeof buf, 3.25, 1);
    assert_string_equal(buf, "3.2");
    i18n_format_date(buf, sizeof buf, 11, 24, 2);
    assert_string_equal(buf, "Tuesday, November 24"); /* US English */
    i18n_format_day(buf, sizeof buf, 2026, 11, 24);
    assert_string_equal(buf, "November 24, 2026");
    i18n_format_percent(buf, sizeof buf, 150);
    assert_string_equal(buf, "150%");
    i18n_format_decimal(buf, sizeof buf, 12.0, 1);
    assert_string_equal(buf, "12.0");
    i18n_set_lang("es");
    assert_string_equal(i18n_lang(), "es");
    i18n_format_time(buf, sizeof buf, 13, 30);
    assert_string_equal(buf, "13:30");
    i18n_format_time(buf, sizeof buf, 0, 5);
    assert_string_equal(buf, "0:05"); /* 24-hour, no AM or PM */
    i18n_format_decimal(buf, sizeof buf, 3.5, 1);
    assert_string_equal(buf, "3,5");
    i18n_format_decimal(buf, sizeof buf, -0.25, 2);
    assert_string_equal(buf, "-0,25");
    i18n_format_date(buf, sizeof buf, 11, 24, 2);
    assert_string_equal(buf, "martes, 24 de noviembre");
    i18n_format_day(buf, sizeof buf, 2026, 11, 24);
    assert_string_equal(buf, "24 de noviembre de 2026");
    i18n_format_percent(buf, sizeof buf, 150);
    assert_string_equal(buf, "150\xC2\xA0%"); /* a no-break space before the sign */
    i18n_set_lang("fr");
    assert_string_equal(i18n_lang(), "en");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_iso8601),
        cmocka_unit_test(test_uuid),
        cmocka_unit_test(test_db_path_order),
        cmocka_unit_test(test_data_folder),
        cmocka_unit_test(test_config_defaults_and_file),
        cmocka_unit_test(test_config_bad_lines_are_skipped),
        cmocka_unit_test(test_config_save_and_reload),
        cmocka_unit_test(test_room_display),
        cmocka_unit_test(test_i18n_formats),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
