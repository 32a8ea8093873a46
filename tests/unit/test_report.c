/* The report model (aggregation, suppression, the period, per-person weeks),
 * statistics from counts, CSV quoting, merging (idempotent, broken files
 * refused whole) and the migration to schema 4. */
#include "testkit.h"

#include "core/catalog.h"
#include "core/stats.h"
#include "export/csv.h"
#include "export/demo.h"
#include "export/merge.h"
#include "export/report.h"
#include "export/report_write.h"
#include "store/store_internal.h"
#include "store/store_rating.h"
#include "store/store_report.h"
#include "store/store_session.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define T0 1795510800000LL /* Tuesday 24 November 2026, 09:00 UTC */
#define DAY REPORT_DAY_MS

static int count(Store *s, const char *sql)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(s->db, sql, -1, &st, NULL), SQLITE_OK);
    int n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_finalize(st);
    return n;
}

/* --- statistics from counts ---------------------------------------------- */

static void test_summary_from_counts_matches_answers(void **state)
{
    (void)state;
    static const int samples[][8] = {
        {1, 1, 2, 3, 5, 5, 5, 4}, {3, 3, 3, 3, 3, 3, 3, 3}, {1, 5, 1, 5, 2, 4, 3, 3}};
    for (size_t k = 0; k < 3; k++) {
        for (size_t n = 1; n <= 8; n++) {
            StatsSummary a, b;
            stats_summarize(samples[k], n, &a);
            size_t counts[5];
            stats_count_values(samples[k], n, 1, 5, counts);
            assert_true(stats_summarize_counts(counts, 1, 5, &b));
            assert_int_equal(a.n, b.n);
            assert_true(fabs(a.mean - b.mean) < 1e-12);
            assert_true(fabs(a.median - b.median) < 1e-12);
            assert_true(fabs(a.q1 - b.q1) < 1e-12);
            assert_true(fabs(a.q3 - b.q3) < 1e-12);
            if (n > 1)
                assert_true(fabs(a.sd - b.sd) < 1e-12);
            else
                assert_true(isnan(b.sd));
        }
    }
    size_t none[3] = {0, 0, 0};
    StatsSummary z;
    assert_false(stats_summarize_counts(none, 0, 2, &z));
    assert_true(isnan(z.median));
}

/* --- the model from rows fed by hand -------------------------------------- */

static void add_session(ReportSink *k, const char *id, const char *group, int64_t at, int att)
{
    ReportSessionRow row = {0};
    snprintf(row.id, sizeof row.id, "%s", id);
    snprintf(row.kiosk, sizeof row.kiosk, "00000000-0000-4000-8000-000000000000");
    snprintf(row.group, sizeof row.group, "%s", group);
    row.opened_ms = at;
    row.attendance = att;
    assert_true(k->session(k->ctx, &row));
}

static void add_count(ReportSink *k, const char *sid, const char *phase, int value, int n)
{
    ReportCountRow row = {sid, "mood", phase, value, n};
    assert_true(k->count(k->ctx, &row));
}

static Catalog *catalog(void)
{
    char dir[600];
    snprintf(dir, sizeof dir, "%s/data", tk_source_dir());
    Catalog *c = catalog_load(dir);
    assert_non_null(c);
    return c;
}

static void test_aggregation_and_suppression(void **state)
{
    (void)state;
    Catalog *cat = catalog();
    ReportOptions opt = {.min_cell = 5, .catalog = cat};
    ReportBuilder *b = report_builder_new(&opt);
    ReportSink k = report_builder_sink(b);
    add_session(&k, "s1", "G", T0, 8);
    add_session(&k, "s2", "G", T0 + DAY, 3);
    add_session(&k, "s3", "G", T0 + 2 * DAY, 9);
    /* s1: 10 answers split 6, 3, 1 over values 3, 4, 5 */
    add_count(&k, "s1", "arrival", 3, 6);
    add_count(&k, "s1", "arrival", 4, 3);
    add_count(&k, "s1", "arrival", 5, 1);
    /* s2: 3 answers, under K */
    add_count(&k, "s2", "arrival", 2, 3);
    /* s3: 5 answers, exactly K */
    add_count(&k, "s3", "checkout", 4, 5);
    Report r;
    assert_true(report_builder_finish(b, &r));
    assert_int_equal(r.ngroups, 1);
    assert_int_equal(r.nsessions, 3);
    const ReportCell *c = report_cell(&r, 0, "mood", PHASE_ARRIVAL);
    assert_non_null(c);
    assert_false(c->suppressed);
    assert_int_equal(c->n, 10);
    assert_true(fabs(c->sum.mean - 3.5) < 1e-12);
    assert_true(c->sum.median == 3.0);
    assert_int_equal(c->lo, 1);
    assert_int_equal(c->hi, 5);
    /* 3 and 1 are small, 3 + 1 < 5: the 6 goes too, or 10 - 6 gives them away */
    assert_int_equal(c->count_state[3], STATS_CELL_COMPLEMENT);
    assert_int_equal(c->count_state[4], STATS_CELL_SMALL);
    assert_int_equal(c->count_state[5], STATS_CELL_SMALL);
    assert_int_equal(c->count_state[1], STATS_CELL_SHOWN); /* a zero */
    const ReportCell *d = report_cell(&r, 1, "mood", PHASE_ARRIVAL);
    assert_true(d->suppressed);
    assert_true(isnan(d->sum.median));
    const ReportCell *e = report_cell(&r, 2, "mood", PHASE_CHECKOUT);
    assert_false(e->suppressed);
    assert_int_equal(e->n, 5);
    assert_int_equal(r.cells_suppressed, 1);
    /* attendance 8, 3, 9 with the total shown: the 3 is small, and alone it
     * would be the total minus the rest, so the 8 is withheld with it */
    assert_int_equal(r.sessions[0].attendance, -1);
    assert_int_equal(r.sessions[1].attendance, -1);
    assert_int_equal(r.sessions[2].attendance, 9);
    assert_int_equal(r.groups[0].attendance_total, 20);
    report_free(&r);

    /* K = 1: nothing withheld */
    opt.min_cell = 1;
    b = report_builder_new(&opt);
    k = report_builder_sink(b);
    add_session(&k, "s2", "G", T0, 3);
    add_count(&k, "s2", "arrival", 2, 3);
    assert_true(report_builder_finish(b, &r));
    assert_false(r.cells[0].suppressed);
    assert_int_equal(r.sessions[0].attendance, 3);
    report_free(&r);
    catalog_free(cat);
}

static void test_period_and_group_filter(void **state)
{
    (void)state;
    ReportOptions opt = {.min_cell = 5, .group = "A"};
    assert_true(report_parse_since(&opt, "2026-11-24"));
    assert_true(report_parse_until(&opt, "2026-11-25"));
    assert_false(report_parse_until(&opt, "25/11/2026"));
    assert_false(report_parse_since(&opt, "2026-11-24T09:00:00Z"));
    ReportBuilder *b = report_builder_new(&opt);
    ReportSink k = report_builder_sink(b);
    add_session(&k, "a0", "A", T0 - 9 * 3600000LL - 1, 6); /* 23:59:59 the day before */
    add_session(&k, "a1", "A", T0 - 9 * 3600000LL, 6);     /* midnight: included */
    add_session(&k, "a2", "A", T0 + DAY + 14 * 3600000LL, 6); /* 23:00 on the 25th */
    add_session(&k, "a3", "A", T0 + DAY + 15 * 3600000LL, 6); /* midnight after: out */
    add_session(&k, "b1", "B", T0, 6);
    Report r;
    assert_true(report_builder_finish(b, &r));
    assert_int_equal(r.nsessions, 2);
    assert_string_equal(r.sessions[0].id, "a1");
    assert_string_equal(r.sessions[1].id, "a2");
    /* weeks count from the group's first session ever, a0 */
    assert_int_equal(r.sessions[0].week, 1);
    report_free(&r);
}

static void test_per_person_week_of_treatment(void **state)
{
    (void)state;
    ReportOptions opt = {.min_cell = 5, .per_person = true};
    ReportBuilder *b = report_builder_new(&opt);
    ReportSink k = report_builder_sink(b);
    add_session(&k, "s1", "G", T0, 6);
    add_session(&k, "s2", "G", T0 + 6 * DAY, 6);
    add_session(&k, "s3", "G", T0 + 7 * DAY, 6);
    add_session(&k, "s4", "G", T0 + 20 * DAY, 6);
    /* P-AAAA starts on s1; P-BBBB on s3 */
    ReportPersonRow rows[] = {
        {"P-AAAA", "s1", NULL, NULL, -1},     {"P-AAAA", "s1", "mood", "arrival", 2},
        {"P-AAAA", "s2", "mood", "arrival", 4}, {"P-AAAA", "s3", "mood", "arrival", 5},
        {"P-BBBB", "s3", NULL, NULL, -1},     {"P-BBBB", "s3", "mood", "arrival", 1},
        {"P-BBBB", "s4", "mood", "arrival", 3},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        assert_true(k.person(k.ctx, &rows[i]));
    Report r;
    assert_true(report_builder_finish(b, &r));
    assert_int_equal(r.npeople, 4);
    /* A: week 1 holds s1 and s2 (mean 3), week 2 s3 */
    assert_string_equal(r.people[0].pseudonym, "P-AAAA");
    assert_int_equal(r.people[0].week, 1);
    assert_int_equal(r.people[0].n, 2);
    assert_true(fabs(r.people[0].mean - 3.0) < 1e-12);
    assert_int_equal(r.people[1].week, 2);
    /* B: s3 is their week 1, s4 (13 days later) their week 2 */
    assert_string_equal(r.people[2].pseudonym, "P-BBBB");
    assert_int_equal(r.people[2].week, 1);
    assert_int_equal(r.people[3].week, 2);
    /* the CSV holds pseudonyms and weeks, no date */
    FILE *f = tmpfile();
    assert_true(report_write_csv(&r, f));
    rewind(f);
    char text[2048];
    size_t n = fread(text, 1, sizeof text - 1, f);
    text[n] = '\0';
    fclose(f);
    assert_non_null(strstr(text, "pseudonym,group,week_of_treatment"));
    assert_non_null(strstr(text, "P-BBBB,G,2,mood,arrival,1,3.000,5"));
    assert_null(strstr(text, "2026-"));
    report_free(&r);
}

static void test_csv_quoting(void **state)
{
    (void)state;
    assert_false(csv_needs_quotes("DBT Skills - Tue AM"));
    assert_true(csv_needs_quotes("Skills, Tuesday"));
    assert_true(csv_needs_quotes("the \"good\" group"));
    assert_true(csv_needs_quotes("two\nlines"));
    assert_true(csv_needs_quotes(" padded"));
    FILE *f = tmpfile();
    CsvWriter w;
    csv_init(&w, f);
    csv_field(&w, "a \"b\", c");
    csv_field_num(&w, NAN, 2);
    csv_field_num(&w, 2.5, 2);
    csv_field_int(&w, -3);
    csv_end_row(&w);
    rewind(f);
    char text[128];
    size_t n = fread(text, 1, sizeof text - 1, f);
    text[n] = '\0';
    fclose(f);
    assert_string_equal(text, "\"a \"\"b\"\", c\",,2.50,-3\r\n");

    /* a group named like a formula is text in a spreadsheet; numbers stay
     * numbers */
    assert_true(csv_is_formula("=HYPERLINK(\"http://x\")"));
    assert_true(csv_is_formula("+1"));
    assert_true(csv_is_formula("@SUM(A1)"));
    assert_false(csv_is_formula("DBT Skills"));
    assert_false(csv_is_formula(""));
    f = tmpfile();
    csv_init(&w, f);
    csv_field(&w, "=1+2");
    csv_field(&w, "-x, y");
    csv_field_num(&w, -0.5, 1);
    csv_end_row(&w);
    rewind(f);
    n = fread(text, 1, sizeof text - 1, f);
    text[n] = '\0';
    fclose(f);
    assert_string_equal(text, "'=1+2,\"'-x, y\",-0.5\r\n");
}

/* --- merging --------------------------------------------------------------- */

static char *export_json(Store *s, Catalog *cat, size_t *len)
{
    ReportOptions opt = {.min_cell = 5, .catalog = cat};
    Report r;
    assert_int_equal(report_build(s, &opt, &r), STORE_OK);
    FILE *f = tmpfile();
    assert_true(report_write_json(&r, f, "11111111-2222-4333-8444-555555555555", T0));
    report_free(&r);
    long n = ftell(f);
    rewind(f);
    char *buf = malloc((size_t)n + 1);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static void test_merge_is_idempotent(void **state)
{
    (void)state;
    Catalog *cat = catalog();
    Store *a = tk_store_new();
    DemoOptions d = {4, 2, 7, T0};
    DemoStats ds;
    char err[512];
    assert_true(demo_fill(a, &d, &ds, err, sizeof err));
    size_t len;
    char *json = export_json(a, cat, &len);

    Store *b = tk_store_new();
    MergeDoc doc;
    assert_true(merge_parse("a.json", json, len, &doc, err, sizeof err));
    assert_int_equal(doc.nsessions, ds.sessions);
    ImportStats st;
    assert_int_equal(store_report_import(b, doc.export_id, doc.sessions, doc.nsessions, T0, &st),
                     STORE_OK);
    assert_int_equal(st.added, ds.sessions);
    int sessions = count(b, "SELECT count(*) FROM imported_sessions");
    int cells = count(b, "SELECT count(*) FROM imported_cells");
    int runs = count(b, "SELECT count(*) FROM imported_runs");
    assert_int_equal(sessions, ds.sessions);
    assert_true(cells > sessions && runs > 0);
    /* twice: nothing changes */
    assert_int_equal(store_report_import(b, doc.export_id, doc.sessions, doc.nsessions, T0, &st),
                     STORE_OK);
    assert_int_equal(st.added, 0);
    assert_int_equal(st.updated, ds.sessions);
    assert_int_equal(count(b, "SELECT count(*) FROM imported_sessions"), sessions);
    assert_int_equal(count(b, "SELECT count(*) FROM imported_cells"), cells);
    assert_int_equal(count(b, "SELECT count(*) FROM imported_runs"), runs);
    /* the kiosk's own export merged into itself: skipped, nothing written */
    assert_int_equal(store_report_import(a, doc.export_id, doc.sessions, doc.nsessions, T0, &st),
                     STORE_OK);
    assert_int_equal(st.skipped, ds.sessions);
    assert_int_equal(count(a, "SELECT count(*) FROM imported_sessions"), 0);

    /* b's trends now hold a's sessions, with the same figures */
    ReportOptions opt = {.min_cell = 5, .catalog = cat};
    Report ra, rb;
    assert_int_equal(report_build(a, &opt, &ra), STORE_OK);
    assert_int_equal(report_build(b, &opt, &rb), STORE_OK);
    assert_int_equal(rb.nsessions, ra.nsessions);
    assert_int_equal(rb.ncells, ra.ncells);
    assert_true(rb.sessions[0].imported);
    for (int i = 0; i < ra.ncells; i++) {
        assert_int_equal(ra.cells[i].suppressed, rb.cells[i].suppressed);
        if (!ra.cells[i].suppressed) {
            assert_int_equal(ra.cells[i].n, rb.cells[i].n);
            assert_true(fabs(ra.cells[i].sum.median - rb.cells[i].sum.median) < 1e-9);
        }
    }
    for (int g = 0; g < ra.ngroups; g++)
        assert_int_equal(ra.groups[g].nexercises, rb.groups[g].nexercises);
    /* b's own export of the merged data merges into a third kiosk the same */
    size_t len2;
    char *json2 = export_json(b, cat, &len2);
    MergeDoc doc2;
    assert_true(merge_parse("b.json", json2, len2, &doc2, err, sizeof err));
    assert_int_equal(doc2.nsessions, ds.sessions);
    merge_doc_free(&doc2);
    free(json2);
    report_free(&ra);
    report_free(&rb);
    merge_doc_free(&doc);
    free(json);
    store_close(a);
    store_close(b);
    catalog_free(cat);
}

/* Replaces the first occurrence of from with to in a copy of text. */
static char *replace(const char *text, const char *from, const char *to)
{
    const char *at = strstr(text, from);
    assert_non_null(at);
    size_t n = strlen(text) - strlen(from) + strlen(to);
    char *out = malloc(n + 1);
    size_t head = (size_t)(at - text);
    memcpy(out, text, head);
    strcpy(out + head, to);
    strcat(out, at + strlen(from));
    return out;
}

static void test_merge_refuses_broken_files(void **state)
{
    (void)state;
    Catalog *cat = catalog();
    Store *a = tk_store_new();
    DemoOptions d = {2, 1, 3, T0};
    DemoStats ds;
    char err[512];
    assert_true(demo_fill(a, &d, &ds, err, sizeof err));
    size_t len;
    char *json = export_json(a, cat, &len);
    static const struct {
        const char *from, *to, *says;
    } breaks[] = {
        {"\"format\":\"hearth-trends\"", "\"format\":\"other\"", "not a Hearth trends export"},
        {"\"version\":1", "\"version\":2", "version 2"},
        {"\"min_cell\":5", "\"min_cell\":0", "min_cell"},
        {"\"kiosk_id\":\"", "\"kiosk_id\":\"x", "kiosk_id"},
        {"\"opened\":\"", "\"opened\":\"yesterday", "sessions[0].opened"},
        {"\"scale\":[1,5]", "\"scale\":[5,1]", "scale"},
        {"\"phase\":\"arrival\"", "\"phase\":\"lunch\"", "phase"},
        {"\"attendance\":", "\"attendance\":-4,\"x\":", "attendance"},
        {"\"suppressed\":false", "\"suppressed\":\"no\"", "suppressed"},
        {"\"median\":", "\"median\":99,\"y\":", "median"},
        {"\"group\":\"Demo", "\"group\":\"\\u0007Demo", "group"},
        {"\"sessions\":[", "\"sessions\":7,\"z\":[", "sessions is missing"},
        {"\"runs\":[", "\"runs\":[7,", "runs[0]"},
    };
    Store *b = tk_store_new();
    for (size_t i = 0; i < sizeof breaks / sizeof breaks[0]; i++) {
        char *bad = replace(json, breaks[i].from, breaks[i].to);
        MergeDoc doc;
        err[0] = '\0';
        if (merge_parse("other.json", bad, strlen(bad), &doc, err, sizeof err))
            fail_msg("break %zu (%s) was accepted", i, breaks[i].to);
        assert_memory_equal(err, "other.json: ", 12);
        if (!strstr(err, breaks[i].says))
            fail_msg("break %zu: '%s' does not say '%s'", i, err, breaks[i].says);
        free(bad);
    }
    MergeDoc arr;
    assert_false(merge_parse("list.json", "[1, 2]", 6, &arr, err, sizeof err));
    assert_string_equal(err, "list.json: the file is not a JSON object");
    /* truncated anywhere: refused */
    for (size_t cut = 0; cut < len; cut += len / 37 + 1) {
        MergeDoc doc;
        assert_false(merge_parse("cut.json", json, cut, &doc, err, sizeof err));
    }
    /* the same session twice in one file */
    const char *first = strstr(json, "\n{\"id\":\"");
    assert_non_null(first);
    char id[37];
    memcpy(id, first + 8, 36);
    id[36] = '\0';
    const char *second = strstr(first + 1, "\n{\"id\":\"");
    if (second) {
        char from[60], to[60];
        snprintf(from, sizeof from, "%.44s", second + 1);
        snprintf(to, sizeof to, "{\"id\":\"%s\"", id);
        char *dup = replace(json, from, to);
        MergeDoc doc;
        assert_false(merge_parse("dup.json", dup, strlen(dup), &doc, err, sizeof err));
        assert_non_null(strstr(err, "appears twice"));
        free(dup);
    }
    /* merge_file on a broken file: exit with the message, nothing written */
    const char *path = tk_path("broken.json");
    FILE *f = fopen(path, "w");
    fputs(json, f);
    fputs("garbage", f);
    fclose(f);
    ImportStats st;
    assert_false(merge_file(b, path, T0, NULL, &st, NULL, err, sizeof err));
    assert_non_null(strstr(err, "broken.json: line"));
    assert_int_equal(count(b, "SELECT count(*) FROM imported_sessions"), 0);
    assert_int_equal(count(b, "SELECT count(*) FROM imported_cells"), 0);
    free(json);
    store_close(a);
    store_close(b);
    catalog_free(cat);
}

/* --- the migration --------------------------------------------------------- */

static void test_migrates_from_version_3(void **state)
{
    (void)state;
    const char *path = tk_path("v3/hearth.db");
    StoreOpenOptions v3 = {.create = true, .target_version = 3};
    Store *s = store_open(path, &v3, NULL, NULL, 0);
    assert_non_null(s);
    assert_int_equal(store_schema_version(s), 3);
    SessionInfo info;
    assert_int_equal(store_session_open(s, "DBT Skills - Tue AM", T0, &info), STORE_OK);
    RatingRow row = {.session_id = info.id, .instrument = "mood", .phase = PHASE_ARRIVAL,
                     .value = 4};
    for (int i = 0; i < 5; i++)
        assert_int_equal(store_rating_add(s, &row, NULL), STORE_OK);
    store_close(s);

    s = store_open(path, NULL, NULL, NULL, 0);
    assert_non_null(s);
    assert_int_equal(store_schema_version(s), 4);
    assert_int_equal(count(s, "SELECT count(*) FROM imported_sessions"), 0);
    assert_int_equal(count(s, "SELECT count(*) FROM sqlite_schema WHERE name = 'ratings_cells'"),
                     1);
    assert_int_equal(
        count(s, "SELECT count(*) FROM sqlite_schema WHERE name = 'ratings_session'"), 0);
    /* the answers written by version 3 are in the trends */
    ReportOptions opt = {.min_cell = 5};
    Report r;
    assert_int_equal(report_build(s, &opt, &r), STORE_OK);
    assert_int_equal(r.nsessions, 1);
    assert_int_equal(r.ncells, 1);
    assert_int_equal(r.cells[0].n, 5);
    assert_false(r.cells[0].suppressed);
    report_free(&r);
    /* the report reads the covering index, not the table */
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(s->db,
                                        "EXPLAIN QUERY PLAN SELECT session_id, instrument, phase, "
                                        "value, count(*) FROM ratings GROUP BY session_id, "
                                        "instrument, phase, value",
                                        -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_non_null(strstr((const char *)sqlite3_column_text(st, 3), "COVERING INDEX ratings_cells"));
    sqlite3_finalize(st);
    store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_summary_from_counts_matches_answers),
        cmocka_unit_test(test_aggregation_and_suppression),
        cmocka_unit_test(test_period_and_group_filter),
        cmocka_unit_test(test_per_person_week_of_treatment),
        cmocka_unit_test(test_csv_quoting),
        cmocka_unit_test(test_merge_is_idempotent),
        cmocka_unit_test(test_merge_refuses_broken_files),
        cmocka_unit_test(test_migrates_from_version_3),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
