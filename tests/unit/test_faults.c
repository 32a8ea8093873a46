/* Fault injection the way SQLite tests itself: for every N from 1 to the
 * end of a check-in (and of a rating round, and of opening the database),
 * fail the Nth write, the Nth write with "disk full", the Nth sync and the
 * Nth allocation, once and then persistently. Every run must end in a
 * clear result (success, or an error with a sentence), never a crash or a
 * half-written row; what was acknowledged must be in the file after a
 * restart, the file must pass PRAGMA integrity_check, and the same open
 * database must work again once the fault is gone. Leaks are caught by
 * the AddressSanitizer run of this same test. */
#include "faultvfs.h"
#include "testkit.h"

#include "store/store_internal.h"
#include "store/store_rating.h"
#include "store/store_session.h"
#include "svc/checkin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define T0 1795510800000LL
#define NPASSES 3

typedef struct Fixture {
    char template_path[512]; /* a closed database: a session and passes */
    char payload[NPASSES][PASS_PAYLOAD_SIZE];
    char pass_id[NPASSES][40];
    char session_id[40];
} Fixture;

static Fixture fx;
static long runs, injected;

static void make_fixture(void)
{
    snprintf(fx.template_path, sizeof fx.template_path, "%s", tk_path("template/hearth.db"));
    Store *s = store_open(fx.template_path, NULL, NULL, NULL, 0);
    assert_non_null(s);
    for (int i = 0; i < NPASSES; i++) {
        char code[PASS_CODE_SIZE];
        PassInfo info;
        assert_int_equal(checkin_issue_pass(s, T0, fx.payload[i], code, &info), STORE_OK);
        snprintf(fx.pass_id[i], sizeof fx.pass_id[i], "%s", info.id);
    }
    SessionInfo sess;
    assert_int_equal(store_session_open(s, "DBT Skills - Tue AM", T0, &sess), STORE_OK);
    snprintf(fx.session_id, sizeof fx.session_id, "%s", sess.id);
    store_close(s); /* checkpoints: the template is one file */
}

/* A fresh copy of the template for one run. */
static const char *fresh_db(void)
{
    static char path[512];
    if (!path[0]) {
        snprintf(path, sizeof path, "%s", tk_path("run/hearth.db"));
        tk_system("mkdir -p \"$(dirname '%s')\"", path);
    }
    char side[600];
    snprintf(side, sizeof side, "%s-wal", path);
    remove(side);
    snprintf(side, sizeof side, "%s-shm", path);
    remove(side);
    FILE *in = fopen(fx.template_path, "rb"), *out = fopen(path, "wb");
    assert_non_null(in);
    assert_non_null(out);
    char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        assert_int_equal(fwrite(buf, 1, n, out), n);
    fclose(in);
    assert_int_equal(fclose(out), 0);
    return path;
}

static int count_sql(Store *s, const char *sql, const char *arg)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(s->db, sql, -1, &st, NULL), SQLITE_OK);
    if (arg)
        sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return n;
}

/* Opens without faults; the file must be healthy. */
static Store *reopen_checked(const char *path, const char *what)
{
    char err[512];
    StoreResult r;
    Store *s = store_open(path, NULL, &r, err, sizeof err);
    if (!s)
        fail_msg("%s: cannot reopen after the fault: %s", what, err);
    if (store_check(s) != STORE_OK)
        fail_msg("%s: integrity check failed: %s", what, store_error(s));
    return s;
}

/* An error must come with a sentence for people. */
static void expect_message(Store *s, const char *what)
{
    const char *e = store_error(s);
    if (strlen(e) < 10)
        fail_msg("%s: an error without a sentence ('%s')", what, e);
}

/* --- the actions ------------------------------------------------------------------ */

typedef struct Outcome {
    bool checkin_ok;        /* the check-in was acknowledged */
    int ntried;             /* rating answers tried */
    int tried[8];           /* their values */
    int nadded;             /* rating answers acknowledged */
    int values[8];
    AnswerReceipt first;    /* the first acknowledged one's, for the undo */
    bool undo_tried;        /* the undo of the first was tried */
    bool removed_ok;        /* and acknowledged */
    bool run_ok;            /* the exercise run's start was acknowledged */
    bool run_ended;         /* its end was acknowledged */
    char run_id[40];
} Outcome;

static void do_checkin(Store *s, Outcome *o, const char *what)
{
    CheckinResult res;
    CheckinOutcome c = checkin_submit(s, fx.payload[0], strlen(fx.payload[0]), T0 + 1000, &res);
    if (c == CHECKIN_OK) {
        o->checkin_ok = true;
    } else if (c == CHECKIN_ERROR) {
        expect_message(s, what);
    } else if (c != CHECKIN_ALREADY) {
        /* ALREADY: a failed commit that did reach the file, seen again */
        fail_msg("%s: check-in ended with outcome %d", what, (int)c);
    }
}

/* A round as the round screen stores it: an exercise run, five answers,
 * one taken back, the run's progress and its end. */
static void do_round(Store *s, Outcome *o, const char *what)
{
    if (store_run_start(s, fx.session_id, "paced-breathing", T0, o->run_id) == STORE_OK)
        o->run_ok = true;
    else
        expect_message(s, what);
    for (int i = 0; i < 5; i++) {
        RatingRow row = {.session_id = fx.session_id,
                         .instrument = "distress",
                         .phase = PHASE_PRE,
                         .value = i + 2,
                         .run_id = o->run_ok ? o->run_id : NULL,
                         .round_id = "round-1",
                         .wall_ms = T0};
        AnswerReceipt receipt;
        o->tried[o->ntried++] = row.value;
        StoreResult r = store_answer_add(s, &row, &receipt);
        if (r == STORE_OK) {
            if (o->nadded == 0)
                o->first = receipt;
            o->values[o->nadded++] = row.value;
        } else {
            expect_message(s, what);
        }
    }
    if (o->nadded > 0) {
        o->undo_tried = true;
        StoreResult r = store_answer_take_back(s, &o->first);
        if (r == STORE_OK)
            o->removed_ok = true;
        else if (r < 0)
            expect_message(s, what);
    }
    if (o->run_ok) {
        if (store_run_step(s, o->run_id, 2, 0) != STORE_OK)
            expect_message(s, what);
        StoreResult r = store_run_end(s, o->run_id, true, 0, T0 + 60000);
        if (r == STORE_OK)
            o->run_ended = true;
        else if (r < 0)
            expect_message(s, what);
    }
}

/* What was acknowledged is there, whole; nothing half-written. */
static void verify(Store *s, const Outcome *o, const char *action, const char *what)
{
    if (!strcmp(action, "checkin")) {
        int n = count_sql(s, "SELECT count(*) FROM checkins WHERE pass_id = ?", fx.pass_id[0]);
        if (o->checkin_ok && n != 1)
            fail_msg("%s: an acknowledged check-in is missing", what);
        if (n > 1)
            fail_msg("%s: %d check-ins for one pass", what, n);
        int whole = count_sql(s,
                              "SELECT count(*) FROM checkins WHERE pass_id = ? AND kind = 'in' "
                              "AND at = '2026-11-24T09:00:01Z' AND session_id IS NOT NULL",
                              fx.pass_id[0]);
        if (whole != n)
            fail_msg("%s: a half-written check-in", what);
        return;
    }
    /* Anonymous answers are counts: each value's count must hold every
     * acknowledged answer (less the undo, which may have reached the file
     * even when it failed) and no more than were tried (a failed commit
     * may have reached it too). */
    int counts[11];
    if (store_answer_counts(s, fx.session_id, "distress", PHASE_PRE, o->run_ok ? o->run_id : "",
                            counts) != STORE_OK)
        fail_msg("%s: the answers cannot be read: %s", what, store_error(s));
    for (int v = 0; v <= 10; v++) {
        int acked = 0, tried = 0;
        for (int i = 0; i < o->nadded; i++)
            acked += o->values[i] == v;
        for (int i = 0; i < o->ntried; i++)
            tried += o->tried[i] == v;
        bool undone = o->nadded > 0 && o->values[0] == v;
        int lo = acked - (undone && o->undo_tried ? 1 : 0);
        int hi = tried - (undone && o->removed_ok ? 1 : 0);
        if (counts[v] < lo)
            fail_msg("%s: an acknowledged answer of %d is missing", what, v);
        if (counts[v] > hi)
            fail_msg("%s: %d answers of %d where at most %d can be (an acknowledged undo came "
                     "back?)",
                     what, counts[v], v, hi);
    }
    if (count_sql(s, "SELECT count(*) FROM ratings", NULL) != 0)
        fail_msg("%s: an anonymous answer was stored as a row", what);
    if (o->run_ok) {
        int n = count_sql(s, "SELECT count(*) FROM exercise_runs WHERE id = ?", o->run_id);
        if (n != 1)
            fail_msg("%s: an acknowledged exercise run is missing", what);
        if (o->run_ended &&
            count_sql(s, "SELECT count(*) FROM exercise_runs WHERE id = ? AND ended IS NOT NULL",
                      o->run_id) != 1)
            fail_msg("%s: an acknowledged end of an exercise is missing", what);
    }
}

/* The same open database works again once the fault is gone: the door
 * carries on without a restart. */
static void still_works(Store *s, const char *what)
{
    CheckinResult res;
    CheckinOutcome c = checkin_submit(s, fx.payload[1], strlen(fx.payload[1]), T0 + 2000, &res);
    if (c != CHECKIN_OK)
        fail_msg("%s: after the fault the next check-in gave %d: %s", what, (int)c,
                 store_error(s));
}

static void run_once(const char *action, FaultOp op, long n, bool persistent)
{
    char what[128];
    snprintf(what, sizeof what, "%s, %s #%ld%s", action, faultvfs_op_name(op), n,
             persistent ? " and after" : "");
    const char *path = fresh_db();
    Outcome o;
    memset(&o, 0, sizeof o);
    if (!strcmp(action, "open")) {
        faultvfs_arm(op, n, persistent);
        char err[512] = "";
        StoreResult r;
        Store *s = store_open(path, NULL, &r, err, sizeof err);
        injected += faultvfs_failed();
        faultvfs_disarm();
        if (!s && strlen(err) < 10)
            fail_msg("%s: refused without a sentence ('%s')", what, err);
        if (s)
            still_works(s, what);
        store_close(s);
    } else {
        Store *s = store_open(path, NULL, NULL, NULL, 0);
        assert_non_null(s);
        faultvfs_arm(op, n, persistent);
        if (!strcmp(action, "checkin"))
            do_checkin(s, &o, what);
        else
            do_round(s, &o, what);
        injected += faultvfs_failed();
        faultvfs_disarm();
        verify(s, &o, action, what);
        still_works(s, what);
        store_close(s);
    }
    Store *s = reopen_checked(path, what);
    if (strcmp(action, "open") != 0)
        verify(s, &o, action, what);
    store_close(s);
    runs++;
}

/* How many operations of each kind the action takes when nothing fails. */
static void measure(const char *action, long counts[FAULT_OP_COUNT])
{
    const char *path = fresh_db();
    Store *s = NULL;
    if (strcmp(action, "open") != 0) {
        s = store_open(path, NULL, NULL, NULL, 0);
        assert_non_null(s);
    }
    faultvfs_arm(FAULT_WRITE, 0, false);
    Outcome o;
    memset(&o, 0, sizeof o);
    if (!strcmp(action, "open"))
        s = store_open(path, NULL, NULL, NULL, 0);
    else if (!strcmp(action, "checkin"))
        do_checkin(s, &o, action);
    else
        do_round(s, &o, action);
    for (int k = 0; k < FAULT_OP_COUNT; k++)
        counts[k] = faultvfs_count((FaultOp)k);
    assert_non_null(s);
    if (strcmp(action, "open") != 0) {
        assert_true(strcmp(action, "checkin") || o.checkin_ok);
        assert_true(strcmp(action, "round") || (o.nadded == 5 && o.run_ended));
    }
    store_close(s);
}

static void sweep(const char *action)
{
    long counts[FAULT_OP_COUNT];
    measure(action, counts);
    long before = runs;
    static const FaultOp ops[] = {FAULT_WRITE, FAULT_WRITE_FULL, FAULT_SYNC, FAULT_ALLOC};
    for (size_t k = 0; k < sizeof ops / sizeof ops[0]; k++) {
        long total = counts[ops[k]];
        assert_true(total > 0 || ops[k] != FAULT_ALLOC);
        /* one past the end: the run in which nothing fails */
        for (long n = 1; n <= total + 1; n++) {
            run_once(action, ops[k], n, false);
            run_once(action, ops[k], n, true);
        }
    }
    printf("faults: %s takes %ld writes, %ld syncs, %ld allocations; %ld runs\n", action,
           counts[FAULT_WRITE], counts[FAULT_SYNC], counts[FAULT_ALLOC], runs - before);
}

static void test_checkin_under_every_fault(void **state)
{
    (void)state;
    sweep("checkin");
}

static void test_rating_round_under_every_fault(void **state)
{
    (void)state;
    sweep("round");
}

static void test_opening_under_every_fault(void **state)
{
    (void)state;
    sweep("open");
}

/* A test that failed half-way must not leave a fault armed for the next. */
static int disarm(void **state)
{
    (void)state;
    faultvfs_disarm();
    return 0;
}

static int setup(void **state)
{
    (void)state;
    faultvfs_install();
    make_fixture();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    printf("faults: %ld runs, %ld faults injected, nothing acknowledged was lost\n", runs,
           injected);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_checkin_under_every_fault, disarm),
        cmocka_unit_test_setup(test_rating_round_under_every_fault, disarm),
        cmocka_unit_test_setup(test_opening_under_every_fault, disarm),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
