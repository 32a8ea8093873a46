/* Passes, check-ins, staff requests, ratings and exercise runs in the store. */
#include "testkit.h"

#include "core/clock.h"
#include "store/store_internal.h"
#include "store/store_pass.h"
#include "store/store_rating.h"
#include "store/store_session.h"
#include "svc/answer.h"

#include <stdio.h>
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
    assert_int_equal(found.revoked_ms, 0);
    assert_int_equal(store_pass_find_pseudonym(s, "P-BBBB", &found), STORE_OK);
    assert_string_equal(found.id, p2.id);
    assert_int_equal(store_pass_count(s, false), 2);
    assert_int_equal(store_pass_revoke(s, p1.id, T0 + 5000), STORE_OK);
    assert_int_equal(store_pass_revoke(s, p1.id, T0 + 6000), STORE_EXISTS);
    assert_int_equal(store_pass_revoke(s, "no-such-id", T0), STORE_NOT_FOUND);
    assert_int_equal(store_pass_find(s, h1, &found), STORE_OK);
    char revoked[32];
    clock_iso8601(found.revoked_ms, revoked);
    assert_string_equal(revoked, "2026-11-24T09:00:05Z");
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
    int64_t earlier_ms = 0;
    char earlier[32] = "";
    assert_int_equal(store_checkin_add(s, sess.id, p.id, CHECKIN_IN, T0 + 60000, &earlier_ms),
                     STORE_OK);
    assert_int_equal(store_checkin_add(s, sess.id, p.id, CHECKIN_IN, T0 + 120000, &earlier_ms),
                     STORE_EXISTS);
    clock_iso8601(earlier_ms, earlier);
    assert_string_equal(earlier, "2026-11-24T09:01:00Z");
    assert_int_equal(store_checkin_add(s, sess.id, p.id, CHECKIN_OUT, T0 + 180000, &earlier_ms),
                     STORE_OK);
    assert_int_equal(store_session_count(s, sess.id, CHECKIN_IN), 1);
    assert_int_equal(store_session_count(s, sess.id, CHECKIN_OUT), 1);
    /* a check-in needs a real session and pass */
    assert_int_equal(store_checkin_add(s, "no-session", p.id, CHECKIN_IN, T0, &earlier_ms),
                     STORE_ERROR);
    assert_int_equal(store_session_count(s, sess.id, CHECKIN_IN), 1);
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
    /* anonymous: even handed a pass, the store keeps neither it nor the
     * moment, so the request cannot be matched with the check-in before it */
    assert_int_equal(store_staff_request_add(s, sess.id, p.id, T0 + 1000), STORE_OK);
    assert_int_equal(store_staff_request_add(s, sess.id, NULL, T0 + 2000), STORE_OK);
    StaffRequest r[4];
    assert_int_equal(store_staff_requests_open(s, sess.id, r, 4), 2);
    assert_string_equal(r[0].pseudonym, "");
    assert_int_equal(r[0].at_ms, 0);
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
    char opened[32];
    clock_iso8601(sess.opened_ms, opened);
    sqlite3_bind_text(st, 1, opened, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, opened, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 2);
    sqlite3_finalize(st);
    sqlite3_close(db);

    /* a pseudonymous session keeps who asked and when */
    assert_int_equal(store_session_close(s, T0 + 3600000), STORE_OK);
    assert_int_equal(store_group_set_anonymous(s, "Group", false), STORE_OK);
    store_session_open(s, "Group", T0 + 7200000, &sess);
    assert_int_equal(store_staff_request_add(s, sess.id, p.id, T0 + 7202000), STORE_OK);
    assert_int_equal(store_staff_requests_open(s, sess.id, r, 4), 1);
    assert_string_equal(r[0].pseudonym, "P-DDDD");
    char at1[32];
    clock_iso8601(T0 + 7202000, at1);
    char at[32];
    clock_iso8601(r[0].at_ms, at);
    assert_string_equal(at, at1);
    store_close(s);
}

static int count_rows(Store *s, const char *sql)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(s->db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return n;
}

/* The store decides what is linked, from the session, whoever calls: an
 * anonymous session counts an answer even when handed a pass; a row with a
 * pass cannot enter it even through SQL; a pseudonymous session keeps the
 * pass and the time, and refuses an answer without a pass. */
static void test_store_decides_what_is_linked(void **state)
{
    (void)state;
    Store *s = tk_store_new();
    unsigned char h[PASS_HASH_BYTES];
    hash_of(h, 5);
    PassInfo p;
    store_pass_add(s, h, "P-EEEE", T0, &p);
    SessionInfo sess;
    store_session_open(s, "Group", T0, &sess);
    assert_true(sess.anonymous);
    RatingRow anon = {.session_id = sess.id, .instrument = "mood", .phase = PHASE_ARRIVAL,
                      .value = 4, .pass_id = p.id, .wall_ms = T0 + 5000};
    AnswerReceipt receipt;
    assert_int_equal(store_answer_add(s, &anon, &receipt), STORE_OK);
    assert_true(receipt.counted);
    anon.value = 2;
    AnswerReceipt second;
    assert_int_equal(store_answer_add(s, &anon, &second), STORE_OK);
    assert_int_equal(count_rows(s, "SELECT count(*) FROM ratings"), 0);
    assert_int_equal(count_rows(s, "SELECT count(*) FROM answer_counts"), 1);
    int counts[11];
    assert_int_equal(store_answer_counts(s, sess.id, "mood", PHASE_ARRIVAL, "", counts), STORE_OK);
    assert_int_equal(counts[4], 1);
    assert_int_equal(counts[2], 1);
    /* nothing in the file names the pass or the moment beside the count */
    assert_int_equal(count_rows(s, "SELECT count(*) FROM answer_counts WHERE "
                                   "instr(counts || session_id || part, 'P-EEEE') > 0"),
                     0);
    /* a row with a pass cannot enter an anonymous session, even by SQL */
    char sql[400];
    snprintf(sql, sizeof sql,
             "INSERT INTO ratings (id, session_id, instrument, phase, value, pass_id, at) "
             "VALUES ('x', '%s', 'mood', 'arrival', 3, '%s', '2026-11-24T09:00:00Z')",
             sess.id, p.id);
    assert_int_not_equal(sqlite3_exec(s->db, sql, NULL, NULL, NULL), SQLITE_OK);
    /* take back: only the receipt's own answer, once */
    assert_int_equal(store_answer_take_back(s, &second), STORE_OK);
    assert_int_equal(store_answer_take_back(s, &second), STORE_NOT_FOUND);
    assert_int_equal(store_answer_counts(s, sess.id, "mood", PHASE_ARRIVAL, "", counts), STORE_OK);
    assert_int_equal(counts[2], 0);
    assert_int_equal(counts[4], 1);

    /* the group opts into pseudonymous ratings: the open session keeps its
     * way, the next one links */
    assert_int_equal(store_group_set_anonymous(s, "Group", false), STORE_OK);
    assert_int_equal(store_answer_add(s, &anon, NULL), STORE_OK);
    assert_int_equal(count_rows(s, "SELECT count(*) FROM ratings"), 0);
    assert_int_equal(store_session_close(s, T0 + 3600000), STORE_OK);
    SessionInfo named;
    store_session_open(s, "Group", T0 + 7200000, &named);
    assert_false(named.anonymous);
    RatingRow row = {.session_id = named.id, .instrument = "mood", .phase = PHASE_ARRIVAL,
                     .value = 3, .wall_ms = T0 + 7205000};
    assert_int_equal(store_answer_add(s, &row, NULL), STORE_ERROR); /* no pass */
    row.pass_id = p.id;
    assert_int_equal(store_answer_add(s, &row, &receipt), STORE_OK);
    assert_false(receipt.counted);
    assert_int_equal(count_rows(s, "SELECT count(*) FROM ratings WHERE pass_id IS NOT NULL AND "
                                   "at = '2026-11-24T11:00:05Z'"),
                     1);
    /* and a count cannot enter a pseudonymous session, even by SQL */
    snprintf(sql, sizeof sql,
             "INSERT INTO answer_counts (session_id, instrument, phase, counts) VALUES "
             "('%s', 'mood', 'round', '0000,0000,0000,0000,0000,0000,0000,0000,0000,0000,0000')",
             named.id);
    assert_int_not_equal(sqlite3_exec(s->db, sql, NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(store_answer_take_back(s, &receipt), STORE_OK);
    assert_int_equal(count_rows(s, "SELECT count(*) FROM ratings"), 0);
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

/* Issue 13, deliverable 4: a screen cannot store a linked answer for an
 * anonymous group even by mistake. The door and the round hand answer_give
 * and answer_ask_staff the session they hold and the pass they scanned; a
 * screen holding a wrong copy of the session (one that says it links, a
 * stale copy or a bug) still stores nothing that names the pass, or for a
 * request the moment: the session's way of rating is read from the
 * database, below every screen. */
static void test_a_screen_cannot_link_an_anonymous_answer(void **state)
{
    (void)state;
    Store *s = tk_store_new();
    unsigned char h[PASS_HASH_BYTES];
    hash_of(h, 7);
    PassInfo p;
    assert_int_equal(store_pass_add(s, h, "P-GGGG", T0, &p), STORE_OK);
    SessionInfo real;
    assert_int_equal(store_session_open(s, "Anonymous group", T0, &real), STORE_OK);
    assert_true(real.anonymous);
    /* the screen's mistaken copy: the same session, said to link answers */
    SessionInfo wrong = real;
    wrong.anonymous = false;
    static const RatingPhase phases[] = {PHASE_ARRIVAL, PHASE_CHECKOUT, PHASE_PRE, PHASE_POST,
                                         PHASE_ROUND};
    for (size_t i = 0; i < sizeof phases / sizeof phases[0]; i++) {
        Answer a = {.session = &wrong, .instrument = "mood", .phase = phases[i],
                    .value = 1 + (int)i, .pass = &p, .round_id = "round-1"};
        AnswerReceipt receipt;
        assert_int_equal(answer_give(s, &a, T0 + 60000 * (int64_t)(i + 1), &receipt), STORE_OK);
        assert_true(receipt.counted);
    }
    assert_int_equal(answer_ask_staff(s, &wrong, &p, T0 + 900000), STORE_OK);
    /* nothing names the pass, nothing carries an answer's moment */
    assert_int_equal(count_rows(s, "SELECT count(*) FROM ratings"), 0);
    assert_true(count_rows(s, "SELECT count(*) FROM answer_counts") >= 1);
    assert_int_equal(count_rows(s, "SELECT count(*) FROM staff_requests WHERE pass_id IS NOT NULL"),
                     0);
    char sql[300];
    char opened[32];
    clock_iso8601(real.opened_ms, opened);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM staff_requests WHERE at <> '%s'", opened);
    assert_int_equal(count_rows(s, sql), 0);
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM answer_counts WHERE instr(counts || session_id || part || "
             "coalesce(run_id, ''), '%s') > 0",
             p.id);
    assert_int_equal(count_rows(s, sql), 0);
    store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_passes),
        cmocka_unit_test(test_checkins_once_per_session),
        cmocka_unit_test(test_staff_requests),
        cmocka_unit_test(test_store_decides_what_is_linked),
        cmocka_unit_test(test_a_screen_cannot_link_an_anonymous_answer),
        cmocka_unit_test(test_rating_phases),
        cmocka_unit_test(test_runs_resume),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
