/* Publishing without a server: the outbox (schema 6) follows every way a
 * session closes, migrations and purges; what a session publishes is
 * exactly what a kiosk's report counts, with no pass, pseudonym or time;
 * a server that cannot be reached, or an address with a password, leaves
 * the outbox as it was. tests/program/ does the rest with a real server. */
#include "testkit.h"

#include "core/aggregate.h"
#include "core/clock.h"
#include "export/demo.h"
#include "export/report.h"
#include "store/store_internal.h"
#include "store/store_publish.h"
#include "store/store_purge.h"
#include "store/store_session.h"
#include "svc/publish.h"
#include "svc/publisher.h"
#include "svc/session.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define T0 1795510800000LL /* Tuesday 24 November 2026, 09:00 UTC */
#define DAY (24LL * 3600 * 1000)

static int count(Store *s, const char *sql)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(s->db, sql, -1, &st, NULL), SQLITE_OK);
    int n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_finalize(st);
    return n;
}

static void test_outbox_follows_sessions(void **state)
{
    (void)state;
    Store *s = tk_store_new();
    DemoOptions d = {3, 2, 11, T0};
    DemoStats st;
    char err[256];
    assert_true(demo_fill(s, &d, &st, err, sizeof err));
    /* demo sessions are written closed: each waits */
    assert_int_equal(count(s, "SELECT count(*) FROM outbox"), st.sessions);
    SessionInfo info;
    assert_int_equal(session_start(s, "Tuesday group", T0 + 30 * DAY, &info), STORE_OK);
    /* an open session does not wait: its answers are not all in */
    assert_int_equal(count(s, "SELECT count(*) FROM outbox"), st.sessions);
    assert_int_equal(session_finish(s, T0 + 30 * DAY + 3600000, NULL), STORE_OK);
    assert_int_equal(count(s, "SELECT count(*) FROM outbox"), st.sessions + 1);
    int waiting;
    char up_to[16];
    assert_int_equal(publish_waiting(s, &waiting, up_to), STORE_OK);
    assert_int_equal(waiting, st.sessions + 1);
    assert_string_equal(up_to, "");
    /* published: it leaves, the date moves up, never down */
    assert_int_equal(store_outbox_done(s, info.id, "2026-12-24"), STORE_OK);
    assert_int_equal(store_outbox_done(s, info.id, "2026-12-24"), STORE_NOT_FOUND);
    char ids[4][40];
    assert_int_equal(store_outbox_next(s, ids, 1), 1);
    assert_int_equal(store_outbox_done(s, ids[0], "2026-11-01"), STORE_OK);
    assert_int_equal(publish_waiting(s, &waiting, up_to), STORE_OK);
    assert_int_equal(waiting, st.sessions - 1);
    assert_string_equal(up_to, "2026-12-24");
    /* the retention purge takes waiting sessions with it */
    PurgeCounts pc;
    assert_int_equal(store_purge(s, 1, T0 + 400 * DAY, &pc), STORE_OK);
    assert_int_equal(count(s, "SELECT count(*) FROM outbox"), 0);
    store_close(s);
}

static void test_migration_queues_closed_sessions(void **state)
{
    (void)state;
    const char *path = tk_path("v5/hearth.db");
    StoreOpenOptions v5 = {.create = true, .target_version = 5};
    Store *s = store_open(path, &v5, NULL, NULL, 0);
    assert_non_null(s);
    SessionInfo a, b;
    assert_int_equal(store_session_open(s, "Group", T0, &a), STORE_OK);
    assert_int_equal(store_session_close(s, T0 + 3600000), STORE_OK);
    assert_int_equal(store_session_open(s, "Group", T0 + DAY, &b), STORE_OK);
    store_close(s);
    s = store_open(path, NULL, NULL, NULL, 0);
    assert_non_null(s);
    assert_int_equal(store_schema_version(s), STORE_SCHEMA_VERSION);
    char ids[4][40];
    assert_int_equal(store_outbox_next(s, ids, 4), 1);
    assert_string_equal(ids[0], a.id);
    /* the open one joins when it closes, whoever closes it */
    assert_int_equal(store_session_close(s, T0 + DAY + 3600000), STORE_OK);
    assert_int_equal(store_outbox_next(s, ids, 4), 2);
    assert_string_equal(ids[1], b.id);
    store_close(s);
}

/* Every cell a session publishes holds the counts the kiosk's own report
 * (suppression off) shows for it, and the attendance is the same; the
 * date is a day, with no hour. */
static void test_publishes_what_the_report_counts(void **state)
{
    (void)state;
    Store *s = tk_store_new();
    DemoOptions d = {2, 3, 5, T0};
    DemoStats st;
    char err[256];
    assert_true(demo_fill(s, &d, &st, err, sizeof err));
    /* one group rates pseudonymously: its answers are rows with passes */
    assert_int_equal(count(s, "SELECT count(*) FROM ratings") > 0, 1);
    ReportOptions opt = {.min_cell = 1};
    Report r;
    assert_int_equal(report_build(s, &opt, &r), STORE_OK);
    int cells = 0;
    for (int i = 0; i < r.nsessions; i++) {
        const ReportSession *rs = &r.sessions[i];
        SessionAggregate a;
        assert_int_equal(store_publish_read(s, rs->id, &a), STORE_OK);
        assert_string_equal(a.kiosk, store_kiosk_id(s));
        assert_int_equal(strlen(a.date), 10);
        char day[16];
        clock_iso_date(rs->opened_ms, day);
        assert_string_equal(a.date, day);
        assert_string_equal(a.group, r.groups[rs->group].name);
        assert_int_equal(a.attendance, rs->attendance);
        assert_true(a.demo);
        int nonzero = 0;
        for (int c = 0; c < a.ncells; c++)
            nonzero += aggregate_cell_n(&a.cells[c]) > 0;
        assert_int_equal(nonzero, rs->ncells);
        for (int c = 0; c < rs->ncells; c++) {
            const ReportCell *rc = &r.cells[rs->cell0 + c];
            const AggregateCell *ac = NULL;
            for (int k = 0; k < a.ncells; k++)
                if (!strcmp(a.cells[k].instrument, rc->instrument) &&
                    !strcmp(a.cells[k].phase, rating_phase_name(rc->phase)) &&
                    !strcmp(a.cells[k].part, rc->part))
                    ac = &a.cells[k];
            assert_non_null(ac);
            assert_string_equal(ac->exercise, rc->exercise);
            assert_true(rc->shown.has_counts);
            for (int v = 0; v <= STATS_VALUE_MAX; v++)
                assert_int_equal(ac->counts[v], rc->shown.counts[v]);
            cells++;
        }
        aggregate_free(&a);
    }
    assert_true(cells > 50);
    report_free(&r);
    /* an open session publishes nothing yet */
    SessionInfo open;
    assert_int_equal(store_session_open(s, "Open group", T0 + 40 * DAY, &open), STORE_OK);
    SessionAggregate a;
    assert_int_equal(store_publish_read(s, open.id, &a), STORE_NOT_FOUND);
    store_close(s);
}

/* Without a server nothing leaves the outbox and nothing is audited as
 * published; an address with a password is refused before any network. */
static void test_no_server_changes_nothing(void **state)
{
    (void)state;
    Store *s = tk_store_new();
    DemoOptions d = {1, 1, 3, T0};
    DemoStats st;
    char err[1024];
    assert_true(demo_fill(s, &d, &st, err, sizeof err));
    int before = count(s, "SELECT count(*) FROM outbox");
    assert_true(before > 0);
    PublishOutcome out;
    char url[700];
    snprintf(url, sizeof url, "postgresql://door1@/hearth?host=%s&connect_timeout=2",
             tk_path("no-server-here"));
    assert_false(publish_pending(s, url, "", 0, T0, &out, err, sizeof err));
    if (program_built()) {
        assert_int_equal(out.result, PROGRAM_UNREACHABLE);
        assert_non_null(strstr(err, "Cannot reach the program's server"));
        assert_non_null(strstr(err, "Nothing is lost"));
    } else {
        assert_int_equal(out.result, PROGRAM_NOT_BUILT);
    }
    assert_int_equal(out.waiting, before);
    assert_int_equal(count(s, "SELECT count(*) FROM outbox"), before);
    assert_int_equal(count(s, "SELECT count(*) FROM audit WHERE action = 'publish'"), 0);

    assert_false(publish_pending(s, "postgresql://door1:hunter2@db.example.org/hearth", "", 0,
                                 T0, &out, err, sizeof err));
    if (program_built()) {
        assert_int_equal(out.result, PROGRAM_REFUSED);
        assert_non_null(strstr(err, ".pgpass"));
        assert_null(strstr(err, "hunter2"));
    }
    assert_false(publish_pending(s, "host=db.example.org password=hunter2 dbname=hearth", "",
                                 0, T0, &out, err, sizeof err));
    assert_null(strstr(err, "hunter2"));
    assert_int_equal(count(s, "SELECT count(*) FROM outbox"), before);
    store_close(s);
}

/* A second connection in the kiosk's process (the publisher's) must not
 * cost the kiosk its locks: then another process closing the database
 * takes itself for the last one, deletes the WAL and the kiosk's next
 * answer goes into a file no one else can see. store_open_sibling keeps
 * them; the control shows what opening the file again by hand does. */
static bool another_process_sees(const char *path, const char *group)
{
    return tk_system("test \"$(sqlite3 -cmd '.timeout 5000' '%s' "
                     "\"SELECT count(*) FROM groups WHERE name = '%s'\")\" = 1",
                     path, group) == 0;
}

static void test_second_connection_keeps_the_wal(void **state)
{
    (void)state;
    Store *s = tk_store_new();
    const char *path = store_path(s);
    SessionInfo info;
    char err[512];
    Store *sib = store_open_sibling(s, err, sizeof err);
    assert_non_null(sib);
    int waiting;
    char up_to[16];
    assert_int_equal(publish_waiting(sib, &waiting, up_to), STORE_OK);
    assert_true(another_process_sees(path, "nothing") == false);
    assert_int_equal(session_start(s, "First", T0, &info), STORE_OK);
    assert_true(another_process_sees(path, "First"));
    store_close(sib);

    /* the control: store_open reads the header by hand */
    Store *again = store_open(path, NULL, NULL, err, sizeof err);
    assert_non_null(again);
    assert_int_equal(tk_system("sqlite3 '%s' 'SELECT count(*) FROM groups' >/dev/null", path), 0);
    assert_int_equal(session_finish(s, T0 + 1000, NULL), STORE_OK);
    assert_int_equal(session_start(s, "Second", T0 + 2000, &info), STORE_OK);
    bool seen = another_process_sees(path, "Second");
    store_close(again);
    store_close(s);
    /* the control must lose it, or this test could not see a loss */
    assert_false(seen);
}

/* The kiosk's publisher thread with no server: it keeps trying (the
 * status says why it failed and what waits), never touches the outbox,
 * and stops at once when asked, even in the middle of a pause. */
static void test_publisher_without_server(void **state)
{
    (void)state;
    if (!program_built()) {
        assert_null(publisher_start(NULL, "x", ""));
        return;
    }
    Store *s = tk_store_new();
    DemoOptions d = {1, 1, 3, T0};
    DemoStats st;
    char err[256];
    assert_true(demo_fill(s, &d, &st, err, sizeof err));
    int before = count(s, "SELECT count(*) FROM outbox");
    char url[700];
    snprintf(url, sizeof url, "postgresql://door1@/hearth?host=%s", tk_path("no-server"));
    Publisher *p = publisher_start(s, url, "");
    assert_non_null(p);
    PublisherStatus ps;
    for (int i = 0; i < 200; i++) {
        publisher_status(p, &ps);
        if (ps.failures >= 1)
            break;
        usleep(50000);
    }
    assert_true(ps.known);
    assert_int_equal(ps.failures, 1);
    assert_int_equal(ps.last, PROGRAM_UNREACHABLE);
    assert_int_equal(ps.waiting, before);
    assert_non_null(strstr(ps.error, "Cannot reach"));
    /* a nudge tries again before the pause is over */
    publisher_nudge(p);
    for (int i = 0; i < 200 && ps.failures < 2; i++) {
        usleep(50000);
        publisher_status(p, &ps);
    }
    assert_int_equal(ps.failures, 2);
    /* the kiosk's own connection is unaffected meanwhile */
    SessionInfo info;
    assert_int_equal(session_start(s, "Meanwhile", T0 + 40 * DAY, &info), STORE_OK);
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    publisher_stop(p, 5000); /* it is in a 10 s pause: stopping must not wait for it */
    clock_gettime(CLOCK_MONOTONIC, &b);
    long ms = (b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000;
    assert_true(ms < 1000);
    assert_int_equal(count(s, "SELECT count(*) FROM outbox"), before);
    store_close(s);
}

static void test_backoff_and_status(void **state)
{
    (void)state;
    assert_int_equal(publish_backoff_ms(1), 5000);
    assert_int_equal(publish_backoff_ms(2), 10000);
    assert_int_equal(publish_backoff_ms(3), 20000);
    assert_int_equal(publish_backoff_ms(8), 600000);
    assert_int_equal(publish_backoff_ms(1000), 600000);
    char line[400];
    publish_status_text("2026-11-24", 2, PROGRAM_OK, line, sizeof line);
    assert_string_equal(line, "Published up to November 24, 2026; 2 sessions waiting.");
    publish_status_text("", 1, PROGRAM_UNREACHABLE, line, sizeof line);
    assert_non_null(strstr(line, "Nothing published yet; 1 session waiting."));
    assert_non_null(strstr(line, "tries again"));
    publish_status_text("", 0, PROGRAM_NOT_BUILT, line, sizeof line);
    assert_non_null(strstr(line, "without PostgreSQL"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_outbox_follows_sessions),
        cmocka_unit_test(test_migration_queues_closed_sessions),
        cmocka_unit_test(test_publishes_what_the_report_counts),
        cmocka_unit_test(test_no_server_changes_nothing),
        cmocka_unit_test(test_second_connection_keeps_the_wal),
        cmocka_unit_test(test_publisher_without_server),
        cmocka_unit_test(test_backoff_and_status),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
