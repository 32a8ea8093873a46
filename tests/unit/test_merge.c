/* hearth merge against files made by hand to lie: group names with
 * invisible or direction-changing characters, a NUL that would cut a name
 * short unseen, keys given twice (one reader sees the first, another the
 * last), sessions from 1970 or from next year, and an export of demo data
 * pushed into a real kiosk. Every one is refused whole with "file: what is
 * wrong" and changes nothing; the same rule holds for names typed at the
 * console or given to `hearth session open --group`. */
#include "testkit.h"

#include "core/utf8.h"
#include "export/merge.h"
#include "export/report_write.h"
#include "store/store_purge.h"
#include "store/store_session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOW 1795510800000LL /* Tuesday 24 November 2026, 09:00 UTC */

/* A whole, valid export with one session; group, opened and extra (more
 * keys for the session object) are put in as given. */
static char *export_with(const char *group, const char *opened, const char *extra,
                         const char *top)
{
    static const char fmt[] =
        "{\"format\":\"hearth-trends\",\"version\":%d,%s"
        "\"export_id\":\"7f1c8c1e-3a43-4f38-9c59-2b1f2d1e0a01\","
        "\"kiosk_id\":\"0b9f2c4e-1d2a-4c3b-8e5f-6a7b8c9d0e1f\",\"min_cell\":5,\n"
        "\"sessions\":[\n{\"id\":\"a3e1c2d4-5b6f-4a7e-8c9d-0e1f2a3b4c5d\","
        "\"kiosk_id\":\"0b9f2c4e-1d2a-4c3b-8e5f-6a7b8c9d0e1f\",\"group\":\"%s\","
        "\"opened\":\"%s\",\"attendance\":7,%s\"cells\":[{\"instrument\":\"mood\","
        "\"phase\":\"arrival\",\"part\":null,\"exercise\":null,\"scale\":[1,5],"
        "\"suppressed\":false,\"n\":7,\"median\":3,\"q1\":2,\"q3\":4,\"counts\":null}]}]}\n";
    size_t n = sizeof fmt + 16 + strlen(group) + strlen(opened) + strlen(extra) + strlen(top);
    char *out = malloc(n);
    snprintf(out, n, fmt, REPORT_JSON_VERSION, top, group, opened, extra);
    return out;
}

/* Writes text (len bytes) to a file and merges it into s. */
static bool merge_text(Store *s, const char *text, size_t len, const MergeOptions *opt,
                       char *err, size_t errlen)
{
    const char *path = tk_path("attack.json");
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fwrite(text, 1, len, f);
    fclose(f);
    ImportStats st;
    return merge_file(s, path, NOW, opt, &st, NULL, err, errlen);
}

static void refused(Store *s, const char *text, size_t len, const char *says)
{
    char err[1024] = "";
    if (merge_text(s, text, len, NULL, err, sizeof err))
        fail_msg("accepted a file that should say '%s'", says);
    if (strncmp(err, tk_path("attack.json"), strlen(tk_path("attack.json"))) != 0 ||
        !strstr(err, says))
        fail_msg("'%s' does not start with the file and say '%s'", err, says);
    assert_int_equal(tk_count(s, "SELECT count(*) FROM imported_sessions"), 0);
    assert_int_equal(tk_count(s, "SELECT count(*) FROM imported_cells"), 0);
}

static void test_the_honest_file_merges(void **state)
{
    (void)state;
    Store *s = tk_store_new();
    char *ok = export_with("DBT Skills \xE2\x80\x93 Tue AM \xC3\xB1 \xF0\x9F\x8C\xB1",
                           "2026-11-23T09:00:00Z", "", "");
    char err[1024] = "";
    if (!merge_text(s, ok, strlen(ok), NULL, err, sizeof err))
        fail_msg("%s", err);
    assert_int_equal(tk_count(s, "SELECT count(*) FROM imported_sessions"), 1);
    free(ok);
    store_close(s);
}

static void test_hidden_characters_in_group_names(void **state)
{
    (void)state;
    Store *s = tk_store_new();
    const struct {
        const char *group, *says;
    } names[] = {
        {"DBT \\u202eMA euT", "U+202E"},         /* right-to-left override */
        {"DBT\\u200bSkills", "U+200B"},          /* zero-width space */
        {"DBT\xE2\x80\x8B Skills", "U+200B"},    /* the same, as raw UTF-8 */
        {"DBT\\u0085Skills", "U+0085"},          /* C1: next line */
        {"DBT\xC2\x9B" "31mSkills", "U+009B"},   /* C1: control sequence introducer */
        {"DBT\\u001b[31mSkills", "U+001B"},      /* escape */
        {"DBT\\u2066Skills\\u2069", "U+2066"},   /* isolate */
        {"\\ufeffDBT", "U+FEFF"},                /* byte order mark */
        {"DBT\\u00adSkills", "U+00AD"},          /* soft hyphen */
        {"\\u3164", "U+3164"},                   /* Hangul filler: looks empty */
        {"DBT\\u2028Skills", "U+2028"},          /* line separator */
        {"DBT\\udb40\\udc01", "U+E0001"},        /* language tag */
        {"DBT \xC0\xAF", "group name"},          /* overlong '/' */
        {"DBT \xED\xA0\x80", "group name"},      /* a surrogate */
        {"\\u00a0\\u2003 ", "group name"},       /* only spaces */
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char *bad = export_with(names[i].group, "2026-11-23T09:00:00Z", "", "");
        refused(s, bad, strlen(bad), names[i].says);
        free(bad);
    }
    /* the one rule, wherever a name comes in */
    assert_false(group_name_valid("DBT \xE2\x80\xAEMA euT"));
    assert_false(group_name_valid("DBT\xE2\x80\x8BSkills"));
    assert_false(group_name_valid("DBT\xC2\x85Skills"));
    assert_true(group_name_valid("Grupo de la ma\xC3\xB1" "ana"));
    char id[40];
    assert_int_equal(store_group_ensure(s, "Tue \xE2\x80\xAE" "AM", NOW, id), STORE_ERROR);
    assert_int_equal(tk_count(s, "SELECT count(*) FROM groups"), 0);
    uint32_t cp = 0;
    assert_int_equal(utf8_text_check("a\xE2\x80\x8D" "b", 64, &cp), UTF8_TEXT_HIDDEN);
    assert_int_equal(cp, 0x200D);
    store_close(s);
}

static void test_nul_cannot_cut_a_string_short(void **state)
{
    (void)state;
    Store *s = tk_store_new();
    /* cJSON would end the name at the NUL and see "DBT Skills" */
    char *bad = export_with("DBT Skills\\u0000 and whatever is hidden", "2026-11-23T09:00:00Z",
                            "", "");
    refused(s, bad, strlen(bad), "NUL");
    free(bad);
    /* in the format marker, which decides whether the file is an export */
    bad = export_with("G", "2026-11-23T09:00:00Z", "", "");
    char *at = strstr(bad, "hearth-trends\"");
    assert_non_null(at);
    size_t n = strlen(bad) + 16;
    char *worse = malloc(n);
    snprintf(worse, n, "%.*shearth-trends\\u0000x\"%s", (int)(at - bad), bad,
             at + strlen("hearth-trends\""));
    refused(s, worse, strlen(worse), "NUL");
    free(worse);
    /* a raw NUL byte in the middle of the file */
    size_t len = strlen(bad);
    char *raw = malloc(len + 1);
    memcpy(raw, bad, len + 1);
    raw[strstr(raw, "\"G\"") - raw + 2] = '\0';
    refused(s, raw, len, "NUL");
    free(raw);
    /* an escaped backslash before u0000 is text, not a NUL */
    char *text = export_with("G \\\\u0000", "2026-11-23T09:00:00Z", "", "");
    char err[1024] = "";
    if (!merge_text(s, text, strlen(text), NULL, err, sizeof err))
        fail_msg("a backslash and 'u0000' as text: %s", err);
    free(text);
    free(bad);
    store_close(s);
}

static void test_a_key_twice_is_refused(void **state)
{
    (void)state;
    Store *s = tk_store_new();
    const struct {
        const char *extra, *top, *says;
    } twice[] = {
        {"\"group\":\"Other\",", "", "sessions[0] has the key \"group\" twice"},
        {"\"attendance\":2,", "", "\"attendance\" twice"},
        {"", "\"min_cell\":1,", "the file's top level has the key \"min_cell\" twice"},
        {"", "\"kiosk_id\":\"0b9f2c4e-1d2a-4c3b-8e5f-6a7b8c9d0e1f\",", "\"kiosk_id\" twice"},
    };
    for (size_t i = 0; i < sizeof twice / sizeof twice[0]; i++) {
        char *bad = export_with("G", "2026-11-23T09:00:00Z", twice[i].extra, twice[i].top);
        refused(s, bad, strlen(bad), twice[i].says);
        free(bad);
    }
    /* deep inside a cell */
    char *ok = export_with("G", "2026-11-23T09:00:00Z", "", "");
    char *cell = strstr(ok, "\"n\":7,");
    size_t n = strlen(ok) + 16;
    char *bad = malloc(n);
    snprintf(bad, n, "%.*s\"n\":7,\"n\":70,%s", (int)(cell - ok), ok, cell + strlen("\"n\":7,"));
    refused(s, bad, strlen(bad), "sessions[0].cells[0] has the key \"n\" twice");
    free(bad);
    /* many keys (the sorted path), one repeated */
    char many[4096] = "";
    for (int i = 0; i < 40; i++)
        snprintf(many + strlen(many), sizeof many - strlen(many), "\"x%d\":%d,", i, i);
    strcat(many, "\"x17\":0,");
    bad = export_with("G", "2026-11-23T09:00:00Z", "", many);
    refused(s, bad, strlen(bad), "\"x17\" twice");
    free(bad);
    free(ok);
    store_close(s);
}

static void test_impossible_dates(void **state)
{
    (void)state;
    Store *s = tk_store_new();
    const struct {
        const char *opened, *says;
    } dates[] = {
        {"1970-01-01T00:00:00Z", "before the year 2000"},
        {"1999-12-31T23:59:59Z", "before the year 2000"},
        {"2026-11-25T09:00:01Z", "more than a day from now"},
        {"2083-01-01T00:00:00Z", "more than a day from now"},
    };
    for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++) {
        char *bad = export_with("G", dates[i].opened, "", "");
        refused(s, bad, strlen(bad), dates[i].says);
        free(bad);
    }
    /* the edges: 2000-01-01 and a day ahead (another kiosk's clock) */
    char err[1024];
    char *ok = export_with("G", "2000-01-01T00:00:00Z", "", "");
    assert_true(merge_text(s, ok, strlen(ok), NULL, err, sizeof err));
    free(ok);
    store_close(s);
    s = tk_store_new();
    ok = export_with("G", "2026-11-25T09:00:00Z", "", "");
    assert_true(merge_text(s, ok, strlen(ok), NULL, err, sizeof err));
    free(ok);
    store_close(s);
}

static void test_demo_data_into_a_real_kiosk(void **state)
{
    (void)state;
    Store *real = tk_store_new();
    char *demo = export_with("Demo - DBT Skills - Mon AM", "2026-11-23T09:00:00Z", "",
                             "\"demo\":true,");
    refused(real, demo, strlen(demo), "--include-demo");
    char err[1024] = "";
    MergeOptions include = {.include_demo = true};
    assert_true(merge_text(real, demo, strlen(demo), &include, err, sizeof err));
    assert_int_equal(tk_count(real, "SELECT count(*) FROM imported_sessions"), 1);
    /* a demo database takes it as it is */
    Store *d = tk_store_new();
    assert_int_equal(store_setting_set(d, "demo_data", "1"), STORE_OK);
    assert_true(merge_text(d, demo, strlen(demo), NULL, err, sizeof err));
    free(demo);
    /* "demo" must be true or false */
    char *bad = export_with("G", "2026-11-23T09:00:00Z", "", "\"demo\":\"no\",");
    Store *other = tk_store_new();
    refused(other, bad, strlen(bad), "demo");
    free(bad);
    store_close(other);
    store_close(d);
    store_close(real);
}

/* Issue 13: merged sessions were never removed by the retention purge, so
 * another kiosk's figures outlived the clinic's own by years. A session
 * merged from 2025 goes with a retention of six months, its figures with
 * it; one from yesterday stays. */
static void test_retention_purges_merged_sessions(void **state)
{
    (void)state;
    Store *s = tk_store_new();
    char err[1024] = "";
    char *old = export_with("G", "2025-01-07T09:00:00Z", "", "");
    if (!merge_text(s, old, strlen(old), NULL, err, sizeof err))
        fail_msg("%s", err);
    /* another session (another id, another export) from yesterday */
    char *recent = export_with("G", "2026-11-23T09:00:00Z", "", "");
    char *id = strstr(recent, "a3e1c2d4"), *export_id = strstr(recent, "7f1c8c1e");
    assert_non_null(id);
    assert_non_null(export_id);
    id[0] = 'b';
    export_id[0] = '8';
    if (!merge_text(s, recent, strlen(recent), NULL, err, sizeof err))
        fail_msg("%s", err);
    assert_int_equal(tk_count(s, "SELECT count(*) FROM imported_sessions"), 2);
    assert_int_equal(tk_count(s, "SELECT count(*) FROM imported_cells"), 2);

    PurgeCounts pc;
    assert_int_equal(store_purge(s, 6, NOW, &pc), STORE_OK);
    assert_int_equal(pc.imported_sessions, 1);
    assert_true(pc.removed);
    assert_int_equal(tk_count(s, "SELECT count(*) FROM imported_sessions WHERE opened LIKE '2025%'"),
                     0);
    assert_int_equal(tk_count(s, "SELECT count(*) FROM imported_sessions WHERE opened LIKE "
                                 "'2026-11-23%'"),
                     1);
    /* its figures went with it, none left without their session */
    assert_int_equal(tk_count(s, "SELECT count(*) FROM imported_cells"), 1);
    assert_int_equal(tk_count(s, "SELECT count(*) FROM imported_cells WHERE session_id NOT IN "
                                 "(SELECT id FROM imported_sessions)"),
                     0);
    free(old);
    free(recent);
    store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_the_honest_file_merges),
        cmocka_unit_test(test_hidden_characters_in_group_names),
        cmocka_unit_test(test_nul_cannot_cut_a_string_short),
        cmocka_unit_test(test_a_key_twice_is_refused),
        cmocka_unit_test(test_impossible_dates),
        cmocka_unit_test(test_demo_data_into_a_real_kiosk),
        cmocka_unit_test(test_retention_purges_merged_sessions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
