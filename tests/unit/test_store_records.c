/* Passes, check-ins, staff requests, ratings and exercise runs in the store. */
#include "testkit.h"

#include "core/clock.h"
#include "store/store_internal.h"
#include "store/store_pass.h"
#include "store/store_rating.h"
#include "store/store_session.h"

#include <string.h>

#define T0 1795510800000LL

static void hash_of(unsigned char h[PASS_HASH_BYTES], int seed)
{
    for (int i = 0; i < PASS_HASH_BYTES; i++)
        h[i] = (unsigned char)(seed * 31 + i);
}

static void test_passes(void **state)
{
    (void)state;
    Store *s = tk_store_new();
    unsigned char h1[PASS_HASH_BYTES], h2[PASS_HASH_BYTES];
    hash_of(h1, 1);
    hash_of(h2, 2);
    PassInfo p1, p2, found;
    assert_int_equal(store_pass_add(s, h1, "P-AAAA", T0, &p1), STORE_OK);
    assert_int_equal(store_pass_add(s, h1, "P-BBBB", T0, NULL), STORE_EXISTS); /* same hash */
    assert_int_equal(store_pass_add(s, h2, "P-AAAA", T0, NULL), STORE_EXISTS); /* same name */
    assert_int_equal(store_pass_add(s, h2, "P-BBBB", T0 + 1000, &p2), STORE_OK);
    assert_int_equal(store_pass_find(s, h1, &found), STORE_OK);
    assert_string_equal(found.id, p1.id);
    assert_string_equal(found.pseudonym, "P-AAAA");
    assert_string_equal(found.revoked, "");
    assert_int_equal(store_pass_find_pseudonym(s, "P-BBBB", &found), STORE_OK);
    assert_string_equal(found.id, p2.id);
    assert_int_equal(store_pass_count(s, false), 2);
    assert_int_equal(store_pass_revoke(s, p1.id, T0 + 5000), STORE_OK);
    assert_int_equal(store_pass_revoke(s, p1.id, T0 + 6000), STORE_EXISTS);
    assert_int_equal(store_pass_revoke(s, "no-such-id", T0), STORE_NOT_FOUND);
    assert_int_equal(store_pass_find(s, h1, &found), STORE_OK);
    assert_string_equal(found.revoked, "2026-11-24T09:00:05Z");
    assert_int_equal(store_pass_count(s, false), 1);
    assert_int_equal(store_pass_count(s, true), 2);
    PassInfo list[4];
    assert_int_equal(store_pass_list(s, list, 4, 0), 2);
    assert_string_equal(list[0].pseudonym, "P-BBBB"); /* newest first */
    assert_int_equal(store_pass_list(s, list, 4, 1), 1);
    store_close(s);
}

static void test_checkins_once_per_session(void **state)
{
    (void)state;
    Store *s = tk_store_new();
    unsigned char h[PASS_HASH_BYTES];
    hash_of(h, 3);
    PassInfo p;
    store_pass_add(s, h, "P-CCCC", T0, &p);
    SessionInfo sess;
    store_session_open(s, "Group", T0, &sess);
    char earlier[32] = "";
    assert_int_equal(store_checkin_add(s, sess.id, p.id, CHECKIN_IN, T0 + 60000, earlier),
                     STORE_OK);
    assert_int_equal(store_checkin_add(s, sess.id, p.id, CHECKIN_IN, T0 + 120000, earlier),
                     STORE_EXISTS);
    assert_string_equal(earlier, "2026-11-24T09:01:00Z");
    assert_int_equal(store_checkin_add(s, sess.id, p.id, CHECKIN_OUT, T0 + 180000, earlier),
                     STORE_OK);
    assert_int_equal(store_session_count(s, sess.id, "in"), 1);
    assert_int_equal(store_session_count(s, sess.id, "out"), 1);
    /* a check-in needs a real session and pass */
    assert_int_equal(store_checkin_add(s, "no-session", p.id, CHECKIN_IN, T0, earlier),
                     STORE_ERROR);
    assert_int_equal(store_session_count(s, sess.id, "in"), 1);
    store_close(s);
}

static void test_staff_requests(void **state)
{
    (void)state;
    Store *s = tk_store_new();
    SessionInfo sess;
    store_session_open(s, "Group", T0, &sess);
    unsigned char h[PASS_HASH_BYTES];
    hash_of(h, 4);
    PassInfo p;
    store_pass_add(s, h, "P-DDDD", T0, &p);
    assert_int_equal(store_staff_request_add(s, sess.id, NULL, T0 + 1000), STORE_OK);
    assert_int_equal(store_staff_request_add(s, sess.id, p.id, T0 + 2000), STORE_OK);
    StaffRequest r[4];
    assert_int_equal(store_staff_requests_open(s, sess.id, r, 4), 2);
    assert_string_equal(r[0].pseudonym, "");
    assert_string_equal(r[1].pseudonym, "P-DDDD");
    /* anonymous: no moment of its own, neither asked nor seen, so it
     * cannot be matched with the check-in before it; with a pass, both */
    assert_string_equal(r[0].at, "");
    char at1[32];
    clock_iso8601(T0 + 2000, at1);
    assert_string_equal(r[1].at, at1);
    assert_int_equal(store_staff_request_seen(s, r[0].id, T0 + 3000), STORE_OK);
    assert_int_equal(store_staff_request_seen(s, r[0].id, T0 + 3000), STORE_NOT_FOUND);
    assert_int_equal(store_staff_requests_open(s, sess.id, r, 4), 1);
    assert_int_equal(store_staff_request_seen(s, r[0].id, T0 + 4000), STORE_OK);
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(store_path(s), &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT count(*) FROM staff_requests WHERE pass_id IS NULL "
                                        "AND at = ? AND seen = ?",
                                        -1, &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(st, 1, sess.opened, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, sess.opened, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 1);
    sqlite3_finalize(st);
    sqlite3_close(db);
    store_close(s);
}

static void test_ratings_anonymous_have_no_time(void **state)
{
    (void)state;
    Store *s = tk_store_new();
    SessionInfo sess;
    store_session_open(s, "Group", T0, &sess);
    unsigned char h[PASS_HASH_BYTES];
    hash_of(h, 5);
    PassInfo p;
    store_pass_add(s, h, "P-EEEE", T0, &p);
    RatingRow anon = {.session_id = sess.id, .instrument = "mood", .phase = PHASE_ARRIVAL,
                      .value = 4, .wall_ms = T0 + 5000};
    char id[40];
    assert_int_equal(store_rating_add(s, &anon, id), STORE_OK);
    RatingRow named = anon;
    named.pass_id = p.id;
    named.value = 2;
    assert_int_equal(store_rating_add(s, &named, NULL), STORE_OK);
    sqlite3_stmt *st;
    sqlite3_prepare_v2(s->db, "SELECT value, at IS NULL, pass_id IS NULL FROM ratings ORDER BY value",
                       -1, &st, NULL);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 2);
    assert_int_equal(sqlite3_column_int(st, 1), 0); /* pseudonymous: has a time */
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 4);
    assert_int_equal(sqlite3_column_int(st, 1), 1); /* anonymous: no time */
    assert_int_equal(sqlite3_column_int(st, 2), 1); /* and no pass */
    sqlite3_finalize(st);
    int values[8];
    assert_int_equal(store_rating_values(s, sess.id, "mood", PHASE_ARRIVAL, NULL, values, 8), 2);
    assert_int_equal(values[0], 2);
    assert_int_equal(store_rating_remove(s, id), STORE_OK);
    assert_int_equal(store_rating_remove(s, id), STORE_NOT_FOUND);
    assert_int_equal(store_rating_values(s, sess.id, "mood", PHASE_ARRIVAL, NULL, values, 8), 1);
    store_close(s);
}

static void test_rating_phases(void **state)
{
    (void)state;
    RatingPhase p;
    for (int i = 0; i < 5; i++) {
        assert_true(rating_phase_parse(rating_phase_name((RatingPhase)i), &p));
        assert_int_equal(p, i);
    }
    assert_false(rating_phase_parse("lunch", &p));
}

static void test_runs_resume(void **state)
{
    (void)state;
    Store *s = tk_store_new();
    SessionInfo sess;
    store_session_open(s, "Group", T0, &sess);
    char run[40];
    RunInfo info;
    assert_int_equal(store_run_unfinished(s, sess.id, &info), STORE_NOT_FOUND);
    assert_int_equal(store_run_start(s, sess.id, "paced-breathing", T0, run), STORE_OK);
    assert_int_equal(store_run_step(s, run, 3, 1), STORE_OK);
    assert_int_equal(store_run_unfinished(s, sess.id, &info), STORE_OK);
    assert_string_equal(info.exercise, "paced-breathing");
    assert_int_equal(info.step, 3);
    assert_int_equal(info.steps_skipped, 1);
    assert_int_equal(store_run_end(s, run, true, 1, T0 + 60000), STORE_OK);
    assert_int_equal(store_run_end(s, run, true, 1, T0 + 60000), STORE_NOT_FOUND);
    assert_int_equal(store_run_unfinished(s, sess.id, &info), STORE_NOT_FOUND);
    store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_passes),
        cmocka_unit_test(test_checkins_once_per_session),
        cmocka_unit_test(test_staff_requests),
        cmocka_unit_test(test_ratings_anonymous_have_no_time),
        cmocka_unit_test(test_rating_phases),
        cmocka_unit_test(test_runs_resume),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
