/* The report model (aggregation, the disclosure rule, the period,
 * per-person weeks), CSV quoting, merging (idempotent, broken files refused
 * whole) and the migrations to schemas 4 and 5. */
#include "testkit.h"

#include "core/catalog.h"
#include "core/stats.h"
#include "export/chart.h"
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
    ReportCountRow row = {sid, "mood", phase, "", NULL, value, n};
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

/* A report of one session s1 of group G (attendance people) with n
 * arrival answers of value: what most suppression and summary cases
 * need. */
static void one_session(const ReportOptions *opt, int attendance, int value, int n, Report *r)
{
    ReportBuilder *b = report_builder_new(opt);
    ReportSink k = report_builder_sink(b);
    add_session(&k, "s1", "G", T0, attendance);
    add_count(&k, "s1", "arrival", value, n);
    assert_true(report_builder_finish(b, r));
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
    /* 10 answers: n, the 5th smallest (3), the 3rd and 8th (3 and 4); never
     * the count of each answer, never a mean */
    assert_true(c->shown.shown);
    assert_int_equal(c->shown.n, 10);
    assert_true(c->shown.has_median);
    assert_int_equal(c->shown.median, 3);
    assert_true(c->shown.has_quartiles);
    assert_int_equal(c->shown.q1, 3);
    assert_int_equal(c->shown.q3, 4);
    assert_false(c->shown.has_counts);
    for (int v = 0; v <= 10; v++)
        assert_int_equal(c->shown.counts[v], 0);
    assert_int_equal(c->lo, 1);
    assert_int_equal(c->hi, 5);
    const ReportCell *d = report_cell(&r, 1, "mood", PHASE_ARRIVAL);
    assert_false(d->shown.shown);
    assert_int_equal(d->shown.n, 0);
    assert_false(d->shown.has_median);
    /* 5 answers, exactly K: n and the middle answer, no middle half yet */
    const ReportCell *e = report_cell(&r, 2, "mood", PHASE_CHECKOUT);
    assert_true(e->shown.shown);
    assert_int_equal(e->shown.n, 5);
    assert_int_equal(e->shown.median, 4);
    assert_false(e->shown.has_quartiles);
    assert_int_equal(r.cells_suppressed, 1);
    /* attendance 8, 3, 9: the 3 is withheld, and the total adds up only
     * what is shown, so no total minus the rest gives it away */
    assert_int_equal(r.sessions[0].attendance, 8);
    assert_int_equal(r.sessions[1].attendance, -1);
    assert_int_equal(r.sessions[2].attendance, 9);
    assert_int_equal(r.groups[0].attendance_total, 17);
    assert_int_equal(r.groups[0].attendance_sessions, 2);
    report_free(&r);

    /* K = 1, the library's own (the tests' ground truth): nothing withheld,
     * and the counts are shown; but no file of it is ever written, in any
     * format, whoever asks (issue 13) */
    opt.min_cell = 1;
    one_session(&opt, 3, 2, 3, &r);
    assert_true(r.cells[0].shown.shown);
    assert_true(r.cells[0].shown.has_counts);
    assert_int_equal(r.cells[0].shown.counts[2], 3);
    assert_int_equal(r.sessions[0].attendance, 3);
    for (int low = -1; low < STATS_MIN_CELL_FLOOR; low++) {
        r.opt.min_cell = low;
        for (ReportFormat f = REPORT_CSV; f <= REPORT_PDF; f++) {
            char err[256] = "";
            const char *path = tk_path("k1.out");
            assert_false(report_write_file(&r, f, path, NULL, "11111111-2222-4333-8444-555555555555",
                                           T0, err, sizeof err));
            assert_non_null(strstr(err, "threshold under 3"));
            FILE *gone = fopen(path, "r");
            assert_null(gone);
        }
    }
    report_free(&r);
    catalog_free(cat);
}

/* The trends' summary reads right with one session, or with no answer
 * that may be shown (issue 18: never "...was -."). */
static void test_summary_with_one_session_or_none(void **state)
{
    (void)state;
    Catalog *cat = catalog();
    ReportOptions opt = {.min_cell = 5, .catalog = cat};
    Report r;
    one_session(&opt, 8, 3, 6, &r);
    char line[900];
    report_group_summary(&r, 0, line, sizeof line);
    if (strstr(line, "\xE2\x80\x93") || strstr(line, "typical") || !strstr(line, "was 3."))
        fail_msg("one session: \"%s\"", line);
    report_free(&r);

    /* one session whose answers are too few to show */
    one_session(&opt, 8, 3, 2, &r);
    report_group_summary(&r, 0, line, sizeof line);
    if (strstr(line, "\xE2\x80\x93") || strstr(line, "was"))
        fail_msg("nothing to show: \"%s\"", line);
    assert_non_null(strstr(line, "too few"));
    report_free(&r);
    catalog_free(cat);
}

static void test_trend_chart_breaks_at_withheld_sessions(void **state)
{
    (void)state;
    /* The chart both the PDF and the trends screen draw: arrival shown in
     * sessions 1, 2 and 4 (3 withheld, under K), so its line and band are
     * two runs, [0, 2) and [3, 4); the scale is the instrument's. */
    Catalog *cat = catalog();
    ReportOptions opt = {.min_cell = 5, .catalog = cat};
    ReportBuilder *b = report_builder_new(&opt);
    ReportSink k = report_builder_sink(b);
    const char *ids[] = {"s1", "s2", "s3", "s4"};
    const int answers[] = {8, 6, 2, 7};
    for (int i = 0; i < 4; i++) {
        add_session(&k, ids[i], "G", T0 + i * DAY, 9);
        add_count(&k, ids[i], "arrival", 3, answers[i]);
    }
    Report r;
    assert_true(report_builder_finish(b, &r));
    assert_int_equal(r.ngroups, 1);
    TrendChart c;
    assert_true(trend_chart_build(&c, &r, &r.groups[0]));
    assert_int_equal(c.n, 4);
    assert_int_equal(c.lo, 1);
    assert_int_equal(c.hi, 5);
    int from = 0, to = 0;
    assert_true(trend_chart_run(&c, 0, false, &from, &to));
    assert_int_equal(from, 0);
    assert_int_equal(to, 2);
    from = to;
    assert_true(trend_chart_run(&c, 0, true, &from, &to));
    assert_int_equal(from, 3);
    assert_int_equal(to, 4);
    from = to;
    assert_false(trend_chart_run(&c, 0, false, &from, &to));
    /* check-out has no answers: no run at all, and n shows as withheld */
    from = 0;
    assert_false(trend_chart_run(&c, 1, false, &from, &to));
    assert_true(c.cells[0][2] == NULL || !c.cells[0][2]->shown);
    assert_true(c.cells[0][0]->shown);
    assert_int_equal(c.cells[0][0]->n, 8);
    for (int i = 0; i < 4; i++)
        assert_false(c.marked[i]);
    assert_true(fabs(trend_chart_x(&c, 0) - 0.125) < 1e-9);
    assert_true(fabs(trend_chart_y(&c, 3) - 0.5) < 1e-9);
    trend_chart_free(&c);
    report_free(&r);
    catalog_free(cat);
}

/* Rounds before and after an exercise are cells of their own, one per run:
 * the run's change is the difference of the two middle answers, shown only
 * when both are. */
static void test_runs_are_pairs_of_cells(void **state)
{
    (void)state;
    ReportOptions opt = {.min_cell = 5};
    ReportBuilder *b = report_builder_new(&opt);
    ReportSink k = report_builder_sink(b);
    add_session(&k, "s1", "G", T0, 9);
    static const char *const runs[2] = {"r1", "r2"};
    for (int i = 0; i < 2; i++) {
        ReportCountRow pre = {"s1", "distress", "pre", runs[i], "paced-breathing", 6, 5};
        ReportCountRow post = {"s1", "distress", "post", runs[i], "paced-breathing", 4,
                               i == 0 ? 5 : 3};
        assert_true(k.count(k.ctx, &pre));
        assert_true(k.count(k.ctx, &post));
    }
    Report r;
    assert_true(report_builder_finish(b, &r));
    assert_int_equal(r.ncells, 4);
    assert_int_equal(r.nruns, 2);
    assert_true(r.runs[0].shown);
    assert_int_equal(r.runs[0].change, -2);
    assert_false(r.runs[1].shown); /* its after-round has 3 answers */
    assert_int_equal(r.groups[0].nexercises, 1);
    assert_int_equal(r.groups[0].exercises[0].runs, 1);
    assert_int_equal(r.groups[0].exercises[0].runs_withheld, 1);
    assert_true(fabs(r.groups[0].exercises[0].median_change + 2) < 1e-9);
    /* the door's cell of the session is not one of these */
    assert_null(report_cell(&r, 0, "distress", PHASE_PRE));
    report_free(&r);
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
    /* a per-person report holds people and nothing else */
    assert_int_equal(r.nsessions, 0);
    assert_int_equal(r.ncells, 0);
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
    /* nor does the JSON: no date or time anywhere, not even its own */
    f = tmpfile();
    assert_true(report_write_json(&r, f, "11111111-2222-4333-8444-555555555555", T0));
    rewind(f);
    n = fread(text, 1, sizeof text - 1, f);
    text[n] = '\0';
    fclose(f);
    assert_non_null(strstr(text, "\"P-BBBB\""));
    assert_null(strstr(text, "2026"));
    assert_null(strstr(text, "generated_at"));
    assert_null(strstr(text, "opened"));
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
    int runs = count(b, "SELECT count(*) FROM imported_cells WHERE phase = 'pre'");
    assert_int_equal(sessions, ds.sessions);
    assert_true(cells > sessions && runs > 0);
    /* twice: nothing changes */
    assert_int_equal(store_report_import(b, doc.export_id, doc.sessions, doc.nsessions, T0, &st),
                     STORE_OK);
    assert_int_equal(st.added, 0);
    assert_int_equal(st.updated, ds.sessions);
    assert_int_equal(count(b, "SELECT count(*) FROM imported_sessions"), sessions);
    assert_int_equal(count(b, "SELECT count(*) FROM imported_cells"), cells);
    assert_int_equal(count(b, "SELECT count(*) FROM imported_cells WHERE phase = 'pre'"), runs);
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
    for (int i = 0; i < ra.ncells; i++)
        assert_memory_equal(&ra.cells[i].shown, &rb.cells[i].shown, sizeof ra.cells[i].shown);
    assert_int_equal(rb.nruns, ra.nruns);
    for (int g = 0; g < ra.ngroups; g++) {
        assert_int_equal(ra.groups[g].nexercises, rb.groups[g].nexercises);
        assert_int_equal(ra.groups[g].attendance_total, rb.groups[g].attendance_total);
    }
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
        {"\"version\":2", "\"version\":3", "version 3"},
        {"\"version\":2", "\"version\":1", "older Hearth"},
        {"\"min_cell\":5", "\"min_cell\":2", "min_cell"},
        {"\"counts\":null", "\"counts\":[1,1,1,1,1]", "which no export may"},
        {"\"min_cell\":5", "\"min_cell\":1", "no export has a threshold under 3"},
        {"\"median\":", "\"mean\":3.2,\"median\":", "mean"},
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
        {"\"cells\":[", "\"cells\":[7,", "cells[0]"},
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

/* --- the migrations ------------------------------------------------------- */

/* An answer row as versions 1 to 4 wrote it (no pass: anonymous). */
static void old_answer(Store *s, const char *session, const char *phase, int value,
                       const char *run, const char *round)
{
    static int seq;
    char sql[600];
    snprintf(sql, sizeof sql,
             "INSERT INTO ratings (id, session_id, instrument, phase, value, run_id, round_id) "
             "VALUES ('old-%d', '%s', 'mood', '%s', %d, %s%s%s, %s%s%s)",
             ++seq, session, phase, value, run ? "'" : "", run ? run : "NULL", run ? "'" : "",
             round ? "'" : "", round ? round : "NULL", round ? "'" : "");
    assert_int_equal(sqlite3_exec(s->db, sql, NULL, NULL, NULL), SQLITE_OK);
}

static void test_migrates_from_version_3(void **state)
{
    (void)state;
    const char *path = tk_path("v3/hearth.db");
    StoreOpenOptions v3 = {.create = true, .target_version = 3};
    Store *s = store_open(path, &v3, NULL, NULL, 0);
    assert_non_null(s);
    assert_int_equal(store_schema_version(s), 3);
    /* a group and its open session as version 3 wrote them */
    SessionInfo info = {.id = "55555555-5555-4555-8555-555555555555"};
    char sql[600];
    snprintf(sql, sizeof sql,
             "INSERT INTO groups (id, name, created) VALUES ('g', 'DBT Skills - Tue AM', "
             "'2026-11-24T09:00:00Z'); INSERT INTO sessions (id, group_id, opened, device) "
             "VALUES ('%s', 'g', '2026-11-24T09:00:00Z', '%s')",
             info.id, store_kiosk_id(s));
    assert_int_equal(sqlite3_exec(s->db, sql, NULL, NULL, NULL), SQLITE_OK);
    for (int i = 0; i < 5; i++)
        old_answer(s, info.id, "arrival", 4, NULL, NULL);
    old_answer(s, info.id, "round", 2, NULL, "round-a");
    old_answer(s, info.id, "round", 5, NULL, "round-b");
    store_close(s);

    s = store_open(path, NULL, NULL, NULL, 0);
    assert_non_null(s);
    assert_int_equal(store_schema_version(s), STORE_SCHEMA_VERSION);
    assert_int_equal(count(s, "SELECT count(*) FROM imported_sessions"), 0);
    /* the anonymous rows became counts, each round its own cell, and no
     * row is left behind */
    assert_int_equal(count(s, "SELECT count(*) FROM ratings"), 0);
    assert_int_equal(count(s, "SELECT count(*) FROM answer_counts"), 3);
    int counts[11];
    assert_int_equal(store_answer_counts(s, info.id, "mood", PHASE_ARRIVAL, "", counts), STORE_OK);
    assert_int_equal(counts[4], 5);
    assert_int_equal(store_answer_counts(s, info.id, "mood", PHASE_ROUND, "round-b", counts),
                     STORE_OK);
    assert_int_equal(counts[5], 1);
    /* the WAL is empty: the migration's pages are in the main file */
    char wal[600];
    snprintf(wal, sizeof wal, "%s-wal", path);
    FILE *f = fopen(wal, "rb");
    if (f) {
        fseek(f, 0, SEEK_END);
        assert_int_equal(ftell(f), 0);
        fclose(f);
    }
    /* the answers written by version 3 are in the trends */
    ReportOptions opt = {.min_cell = 5};
    Report r;
    assert_int_equal(report_build(s, &opt, &r), STORE_OK);
    assert_int_equal(r.nsessions, 1);
    assert_int_equal(r.ncells, 3);
    const ReportCell *c = report_cell(&r, 0, "mood", PHASE_ARRIVAL);
    assert_non_null(c);
    assert_int_equal(c->shown.n, 5);
    assert_int_equal(c->shown.median, 4);
    report_free(&r);
    store_close(s);
}

/* Figures merged under the earlier rule keep only what the new one shows:
 * complete counts (the rule applies again), or n alone. */
static void test_migrates_imported_figures(void **state)
{
    (void)state;
    const char *path = tk_path("v4/hearth.db");
    StoreOpenOptions v4 = {.create = true, .target_version = 4};
    Store *s = store_open(path, &v4, NULL, NULL, 0);
    assert_non_null(s);
    const char *sql =
        "INSERT INTO imported_sessions (id, kiosk_id, group_name, opened, attendance, export_id, "
        "imported) VALUES ('11111111-1111-4111-8111-111111111111', "
        "'22222222-2222-4222-8222-222222222222', 'Other', '2026-11-20T09:00:00Z', 9, "
        "'33333333-3333-4333-8333-333333333333', '2026-11-24T09:00:00Z');"
        "INSERT INTO imported_cells VALUES ('11111111-1111-4111-8111-111111111111', 'mood', "
        "'arrival', 1, 5, 7, 3.4, 1.1, 3.5, 2.5, 4.0, NULL);"
        "INSERT INTO imported_cells VALUES ('11111111-1111-4111-8111-111111111111', 'mood', "
        "'checkout', 1, 5, 8, 4.0, 0.5, 4.0, 4.0, 4.0, '0,0,0,8,0');"
        "INSERT INTO imported_runs VALUES ('44444444-4444-4444-8444-444444444444', "
        "'11111111-1111-4111-8111-111111111111', 'stop', 'distress', 0, 6, 6.5, 4.5, -2.0);";
    assert_int_equal(sqlite3_exec(s->db, sql, NULL, NULL, NULL), SQLITE_OK);
    store_close(s);
    s = store_open(path, NULL, NULL, NULL, 0);
    assert_non_null(s);
    assert_int_equal(count(s, "SELECT count(*) FROM sqlite_schema WHERE name = 'imported_runs'"),
                     0);
    assert_int_equal(count(s, "SELECT count(*) FROM imported_cells WHERE median IS NOT NULL"), 0);
    ReportOptions opt = {.min_cell = 5};
    Report r;
    assert_int_equal(report_build(s, &opt, &r), STORE_OK);
    assert_int_equal(r.nsessions, 1);
    const ReportCell *a = report_cell(&r, 0, "mood", PHASE_ARRIVAL);
    const ReportCell *c = report_cell(&r, 0, "mood", PHASE_CHECKOUT);
    assert_true(a->shown.shown);
    assert_int_equal(a->shown.n, 7);
    assert_false(a->shown.has_median); /* 3.5 said that half answered 3 or less */
    assert_true(c->shown.has_median);
    assert_int_equal(c->shown.median, 4);
    report_free(&r);
    store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_aggregation_and_suppression),
        cmocka_unit_test(test_trend_chart_breaks_at_withheld_sessions),
        cmocka_unit_test(test_summary_with_one_session_or_none),
        cmocka_unit_test(test_runs_are_pairs_of_cells),
        cmocka_unit_test(test_period_and_group_filter),
        cmocka_unit_test(test_per_person_week_of_treatment),
        cmocka_unit_test(test_csv_quoting),
        cmocka_unit_test(test_merge_is_idempotent),
        cmocka_unit_test(test_merge_refuses_broken_files),
        cmocka_unit_test(test_migrates_from_version_3),
        cmocka_unit_test(test_migrates_imported_figures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
