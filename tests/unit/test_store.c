/* The database: schema, migrations, durability settings, sharing, errors. */
#include "testkit.h"
#include "core/clock.h"

#include "store/store_internal.h"
#include "store/store_session.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static int pragma_int(Store *s, const char *sql)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(s->db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

static const char *pragma_text(Store *s, const char *sql, char *buf, size_t n)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(s->db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    snprintf(buf, n, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return buf;
}

static bool has_table(Store *s, const char *name)
{
    sqlite3_stmt *st;
    sqlite3_prepare_v2(s->db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?",
                       -1, &st, NULL);
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    bool found = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    return found;
}

static void test_new_database_has_the_schema(void **state)
{
    (void)state;
    Store *s = tk_store_new();
    static const char *const tables[] = {"kiosk",    "settings", "audit",   "groups",
                                         "passes",   "sessions", "checkins", "ratings",
                                         "exercise_runs", "staff_requests"};
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++)
        assert_true(has_table(s, tables[i]));
    assert_int_equal(store_schema_version(s), STORE_SCHEMA_VERSION);
    assert_int_equal(pragma_int(s, "PRAGMA application_id"), 0x48525448);
    assert_int_equal((int)strlen(store_kiosk_id(s)), 36);
    store_close(s);
}

static void test_no_column_can_hold_a_name(void **state)
{
    (void)state;
    /* Privacy by construction: no column for a person's name, contact or
     * free text about them. */
    Store *s = tk_store_new();
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(s->db,
                                        "SELECT m.name, p.name FROM sqlite_schema m, "
                                        "pragma_table_info(m.name) p WHERE m.type = 'table'",
                                        -1, &st, NULL),
                     SQLITE_OK);
    static const char *const banned[] = {"first", "last", "surname", "phone", "email",
                                         "birth", "address", "note", "comment", "client"};
    int columns = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *table = (const char *)sqlite3_column_text(st, 0);
        const char *col = (const char *)sqlite3_column_text(st, 1);
        columns++;
        for (size_t i = 0; i < sizeof banned / sizeof banned[0]; i++)
            if (strstr(col, banned[i]))
                fail_msg("%s.%s looks like personal data", table, col);
        if (!strcmp(col, "name"))
            assert_string_equal(table, "groups"); /* a group's name, never a person's */
    }
    sqlite3_finalize(st);
    assert_true(columns > 30);
    store_close(s);
}

static void test_durability_settings_are_in_force(void **state)
{
    (void)state;
    Store *s = tk_store_new();
    char buf[32];
    assert_string_equal(pragma_text(s, "PRAGMA journal_mode", buf, sizeof buf), "wal");
    assert_int_equal(pragma_int(s, "PRAGMA synchronous"), 2); /* FULL */
    assert_int_equal(pragma_int(s, "PRAGMA foreign_keys"), 1);
    assert_true(pragma_int(s, "PRAGMA busy_timeout") >= 1000);
    store_close(s);
}

static void test_file_and_folder_are_private(void **state)
{
    (void)state;
    const char *path = tk_path("private/deeper/hearth.db");
    Store *s = store_open(path, NULL, NULL, NULL, 0);
    assert_non_null(s);
    assert_int_equal(store_setting_set(s, "k", "v"), STORE_OK); /* makes the WAL */
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    assert_int_equal(stat(tk_path("private/deeper"), &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);
    assert_int_equal(stat(tk_path("private"), &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);
    char wal[600];
    snprintf(wal, sizeof wal, "%s-wal", path);
    assert_int_equal(stat(wal, &st), 0);
    assert_int_equal(st.st_mode & 0077, 0);
    store_close(s);
}

/* The idle door reads the session again only when the change stamp moved:
 * it must move for this connection's writes and for another process's (the
 * command line), and stay put while nothing is written, reads included. */
static void test_change_stamp_moves_only_on_writes(void **state)
{
    (void)state;
    const char *path = tk_path("stamp.db");
    Store *door = store_open(path, NULL, NULL, NULL, 0);
    Store *cli = store_open(path, NULL, NULL, NULL, 0);
    assert_non_null(door);
    assert_non_null(cli);
    int64_t a = store_change_stamp(door);
    assert_true(a >= 0);
    char value[16];
    store_setting_get(door, "k", value, sizeof value);
    assert_true(store_change_stamp(door) == a); /* a read is no change */
    assert_int_equal(store_setting_set(door, "k", "1"), STORE_OK);
    int64_t b = store_change_stamp(door);
    assert_true(b >= 0 && b != a); /* its own write */
    assert_true(store_change_stamp(door) == b);
    char gid[40];
    assert_int_equal(store_group_ensure(cli, "Tuesday", 0, gid), STORE_OK);
    int64_t c = store_change_stamp(door);
    assert_true(c >= 0 && c != b); /* another connection's commit */
    assert_true(store_change_stamp(door) == c);
    store_close(cli);
    store_close(door);
}

static void test_migrates_from_the_previous_version(void **state)
{
    (void)state;
    const char *path = tk_path("old/hearth.db");
    StoreOpenOptions v1 = {.create = true, .target_version = 1};
    Store *s = store_open(path, &v1, NULL, NULL, 0);
    assert_non_null(s);
    assert_int_equal(store_schema_version(s), 1);
    assert_false(has_table(s, "staff_requests"));
    /* data written by version 1 */
    char gid[40];
    assert_int_equal(store_group_ensure(s, "DBT Skills - Tue AM", 1000, gid), STORE_OK);
    char kiosk[40];
    snprintf(kiosk, sizeof kiosk, "%s", store_kiosk_id(s));
    store_close(s);

    s = store_open(path, NULL, NULL, NULL, 0);
    assert_non_null(s);
    assert_int_equal(store_schema_version(s), STORE_SCHEMA_VERSION);
    assert_true(has_table(s, "staff_requests"));
    assert_string_equal(store_kiosk_id(s), kiosk);
    char names[4][GROUP_NAME_SIZE];
    assert_int_equal(store_group_list(s, names, 4, 0), 1);
    assert_string_equal(names[0], "DBT Skills - Tue AM");
    SessionInfo info;
    assert_int_equal(store_session_open(s, "DBT Skills - Tue AM", 2000, &info), STORE_OK);
    assert_string_equal(info.plan, "");
    store_close(s);
}

/* Version 7 kept one plan record a session: it moves to the plan the
 * session follows, whole, and a record of a session that follows no plan
 * any more (version 7 had already emptied it) is not made up. */
static void test_migrates_plan_records_from_version_7(void **state)
{
    (void)state;
    const char *path = tk_path("v7/hearth.db");
    StoreOpenOptions v7 = {.create = true, .target_version = 7};
    Store *s = store_open(path, &v7, NULL, NULL, 0);
    assert_non_null(s);
    assert_int_equal(store_schema_version(s), 7);
    char gid[40], sql[1024];
    assert_int_equal(store_group_ensure(s, "DBT Skills - Tue AM", 1000, gid), STORE_OK);
    snprintf(sql, sizeof sql,
             "INSERT INTO sessions (id, group_id, opened, device, plan, plan_block, "
             "plan_block_started) VALUES ('7b0c2f9e-0000-4000-8000-000000000007', '%s', "
             "'2026-01-06T09:00:00Z', '%s', 'iop-three-hours', 2, '2026-01-06T09:40:00Z');"
             "INSERT INTO plan_blocks (session_id, block, started, ended, skipped) VALUES "
             "('7b0c2f9e-0000-4000-8000-000000000007', 0, '2026-01-06T09:00:00Z', "
             "'2026-01-06T09:40:00Z', 0),"
             "('7b0c2f9e-0000-4000-8000-000000000007', 1, NULL, NULL, 1),"
             "('7b0c2f9e-0000-4000-8000-000000000007', 2, '2026-01-06T09:40:00Z', NULL, 0)",
             gid, store_kiosk_id(s));
    assert_int_equal(sqlite3_exec(s->db, sql, NULL, NULL, NULL), SQLITE_OK);
    store_close(s);

    s = store_open(path, NULL, NULL, NULL, 0);
    assert_non_null(s);
    assert_int_equal(store_schema_version(s), STORE_SCHEMA_VERSION);
    PlanRecord rec;
    assert_int_equal(store_plan_record_load(s, "7b0c2f9e-0000-4000-8000-000000000007",
                                            "iop-three-hours", &rec),
                     STORE_OK);
    assert_true(rec.started_ms[0] > 0 && rec.ended_ms[0] > rec.started_ms[0]);
    assert_true(rec.skipped[1]);
    assert_int_equal(rec.started_ms[2], rec.ended_ms[0]);
    assert_int_equal(store_plan_record_load(s, "7b0c2f9e-0000-4000-8000-000000000007",
                                            "skills-group-90", &rec),
                     STORE_OK);
    assert_int_equal(rec.started_ms[0], 0);
    store_close(s);
}

/* Version 2 knew sessions and plans but not where a session stood in its
 * plan: an open session of version 2 carries on at its first block. */
static void test_migrates_from_version_2(void **state)
{
    (void)state;
    const char *path = tk_path("v2/hearth.db");
    StoreOpenOptions v2 = {.create = true, .target_version = 2};
    Store *s = store_open(path, &v2, NULL, NULL, 0);
    assert_non_null(s);
    assert_int_equal(store_schema_version(s), 2);
    /* what version 2 wrote (today's queries need version 3's columns) */
    char gid[40], sql[512];
    assert_int_equal(store_group_ensure(s, "DBT Skills - Tue AM", 1000, gid), STORE_OK);
    snprintf(sql, sizeof sql,
             "INSERT INTO sessions (id, group_id, opened, device, plan) VALUES "
             "('7b0c2f9e-0000-4000-8000-000000000001', '%s', '2026-01-06T09:00:00Z', '%s', "
             "'iop-three-hours')",
             gid, store_kiosk_id(s));
    assert_int_equal(sqlite3_exec(s->db, sql, NULL, NULL, NULL), SQLITE_OK);
    store_close(s);
    SessionInfo info;

    s = store_open(path, NULL, NULL, NULL, 0);
    assert_non_null(s);
    assert_int_equal(store_schema_version(s), STORE_SCHEMA_VERSION);
    assert_int_equal(store_session_current(s, &info), STORE_OK);
    assert_string_equal(info.plan, "iop-three-hours");
    assert_int_equal(info.plan_block, 0);
    assert_int_equal(info.plan_block_started, 0);
    assert_int_equal(store_session_set_block(s, 1, 5000), STORE_OK);
    store_close(s);
}

static void test_newer_schema_is_refused_untouched(void **state)
{
    (void)state;
    const char *path = tk_path("newer/hearth.db");
    Store *s = store_open(path, NULL, NULL, NULL, 0);
    assert_non_null(s);
    sqlite3_exec(s->db, "PRAGMA user_version = 99", NULL, NULL, NULL);
    store_close(s);
    char err[512];
    StoreResult r;
    assert_null(store_open(path, NULL, &r, err, sizeof err));
    assert_int_equal(r, STORE_CORRUPT);
    assert_non_null(strstr(err, "newer Hearth"));
}

static void write_file(const char *path, const void *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    fclose(f);
}

static void test_foreign_file_is_refused_and_kept(void **state)
{
    (void)state;
    const char *path = tk_path("notes.txt");
    const char text[] = "this is somebody's text file, not a database\n";
    write_file(path, text, sizeof text - 1);
    char err[512];
    StoreResult r;
    assert_null(store_open(path, NULL, &r, err, sizeof err));
    assert_int_equal(r, STORE_CORRUPT);
    assert_non_null(strstr(err, path));
    assert_non_null(strstr(err, "not a Hearth database"));
    /* untouched */
    char back[128] = {0};
    FILE *f = fopen(path, "rb");
    assert_int_equal(fread(back, 1, sizeof back, f), sizeof text - 1);
    fclose(f);
    assert_string_equal(back, text);
}

static void test_other_programs_sqlite_is_refused(void **state)
{
    (void)state;
    const char *path = tk_path("other.sqlite");
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    sqlite3_exec(db, "CREATE TABLE recipes (id INTEGER PRIMARY KEY, title TEXT);"
                     "INSERT INTO recipes (title) VALUES ('soup')", NULL, NULL, NULL);
    sqlite3_close(db);
    char err[512];
    StoreResult r;
    assert_null(store_open(path, NULL, &r, err, sizeof err));
    assert_int_equal(r, STORE_CORRUPT);
    assert_non_null(strstr(err, "another program"));
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    sqlite3_stmt *st;
    sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_schema", -1, &st, NULL);
    sqlite3_step(st);
    assert_int_equal(sqlite3_column_int(st, 0), 1); /* nothing added */
    sqlite3_finalize(st);
    sqlite3_close(db);
}

static void test_damaged_file_is_detected(void **state)
{
    (void)state;
    const char *path = tk_path("damaged/hearth.db");
    Store *s = store_open(path, NULL, NULL, NULL, 0);
    assert_non_null(s);
    char gid[40];
    for (int i = 0; i < 200; i++) {
        char name[32];
        snprintf(name, sizeof name, "Group %03d", i);
        assert_int_equal(store_group_ensure(s, name, 1000, gid), STORE_OK);
    }
    store_close(s);
    /* Scribble over the middle of the file, past the header. */
    int fd = open(path, O_WRONLY);
    assert_true(fd >= 0);
    char junk[4096];
    memset(junk, 0x5a, sizeof junk);
    assert_int_equal(pwrite(fd, junk, sizeof junk, 4096 * 2), (ssize_t)sizeof junk);
    close(fd);
    char err[512];
    StoreResult r;
    Store *again = store_open(path, NULL, &r, err, sizeof err);
    if (again) {
        /* quick_check may pass if only free pages were hit; the full check
         * must not. */
        assert_int_equal(store_check(again), STORE_CORRUPT);
        store_close(again);
    } else {
        assert_int_equal(r, STORE_CORRUPT);
        assert_non_null(strstr(err, path));
    }
}

static void test_unwritable_folder_is_a_clear_error(void **state)
{
    (void)state;
    /* A file where a folder should be stops even root. */
    const char *blocker = tk_path("blocker");
    FILE *f = fopen(blocker, "w");
    assert_non_null(f);
    fclose(f);
    char err[512];
    StoreResult r;
    assert_null(store_open(tk_path("blocker/x/hearth.db"), NULL, &r, err, sizeof err));
    assert_int_equal(r, STORE_READONLY);
    assert_non_null(strstr(err, "Cannot create the folder"));
    assert_non_null(strstr(err, "blocker"));
}

static void test_missing_file_without_create(void **state)
{
    (void)state;
    StoreOpenOptions o = {.create = false};
    char err[512];
    StoreResult r;
    assert_null(store_open(tk_path("nothing/here.db"), &o, &r, err, sizeof err));
    assert_int_equal(r, STORE_NOT_FOUND);
    assert_non_null(strstr(err, "does not exist"));
}

static void test_two_connections_share_the_file(void **state)
{
    (void)state;
    const char *path = tk_path("shared/hearth.db");
    Store *a = store_open(path, NULL, NULL, NULL, 0);
    Store *b = store_open(path, NULL, NULL, NULL, 0);
    assert_non_null(a);
    assert_non_null(b);
    assert_string_equal(store_kiosk_id(a), store_kiosk_id(b));
    /* a holds a write transaction; b's write waits on the busy timeout and
     * succeeds once a commits (here: fails only if a never lets go). */
    assert_int_equal(store_begin(a), STORE_OK);
    assert_int_equal(store_setting_set(a, "k", "from a"), STORE_OK);
    sqlite3_busy_timeout(b->db, 200);
    assert_int_equal(store_setting_set(b, "k", "from b"), STORE_BUSY);
    assert_non_null(strstr(store_error(b), "in use"));
    assert_int_equal(store_commit(a), STORE_OK);
    sqlite3_busy_timeout(b->db, 5000);
    assert_int_equal(store_setting_set(b, "k", "from b"), STORE_OK);
    char v[32];
    assert_int_equal(store_setting_get(a, "k", v, sizeof v), STORE_OK);
    assert_string_equal(v, "from b");
    /* readers are never blocked by a writer in WAL mode */
    assert_int_equal(store_begin(b), STORE_OK);
    assert_int_equal(store_setting_set(b, "k", "pending"), STORE_OK);
    assert_int_equal(store_setting_get(a, "k", v, sizeof v), STORE_OK);
    assert_string_equal(v, "from b");
    store_rollback(b);
    store_close(a);
    store_close(b);
}

/* The kiosk and the command line writing at the same moment: the second
 * writer waits on the busy timeout while the first holds its transaction,
 * and succeeds once it commits, rather than failing the check-in. */
typedef struct Waiter {
    Store *store;
    atomic_int *committed;
    StoreResult result;
    int saw_commit; /* was the first writer done when this write returned? */
} Waiter;

static void *wait_and_write(void *arg)
{
    Waiter *w = arg;
    w->result = store_setting_set(w->store, "k", "from the waiter");
    w->saw_commit = atomic_load(w->committed);
    return NULL;
}

static void test_a_second_writer_waits_its_turn(void **state)
{
    (void)state;
    const char *path = tk_path("waiting/hearth.db");
    Store *a = store_open(path, NULL, NULL, NULL, 0);
    Store *b = store_open(path, NULL, NULL, NULL, 0);
    assert_non_null(a);
    assert_non_null(b);
    atomic_int committed = 0;
    assert_int_equal(store_begin(a), STORE_OK);
    assert_int_equal(store_setting_set(a, "k", "from a"), STORE_OK);
    Waiter w = {b, &committed, STORE_ERROR, -1};
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, wait_and_write, &w), 0);
    /* hold the lock a while: the waiter cannot have written meanwhile */
    struct timespec pause = {0, 300 * 1000 * 1000};
    nanosleep(&pause, NULL);
    atomic_store(&committed, 1);
    assert_int_equal(store_commit(a), STORE_OK);
    assert_int_equal(pthread_join(t, NULL), 0);
    assert_int_equal(w.result, STORE_OK);
    assert_int_equal(w.saw_commit, 1);
    char v[32];
    assert_int_equal(store_setting_get(a, "k", v, sizeof v), STORE_OK);
    assert_string_equal(v, "from the waiter");
    store_close(a);
    store_close(b);
}

static void test_settings_round_trip(void **state)
{
    (void)state;
    Store *s = tk_store_new();
    char v[16];
    assert_int_equal(store_setting_get(s, "absent", v, sizeof v), STORE_NOT_FOUND);
    assert_int_equal(store_setting_int(s, "absent", 42), 42);
    assert_int_equal(store_setting_set_int(s, "n", -7), STORE_OK);
    assert_int_equal(store_setting_int(s, "n", 0), -7);
    assert_int_equal(store_setting_set(s, "n", "not a number"), STORE_OK);
    assert_int_equal(store_setting_int(s, "n", 5), 5);
    const char *const kv[] = {"a", "1", "b", "2"};
    assert_int_equal(store_setting_set_many(s, 2, kv), STORE_OK);
    assert_int_equal(store_setting_int(s, "a", 0) + store_setting_int(s, "b", 0), 3);
    store_close(s);
}

static void test_full_disk_is_reported_and_loses_nothing(void **state)
{
    (void)state;
    Store *s = tk_store_new();
    char gid[40];
    assert_int_equal(store_group_ensure(s, "Kept group", 1000, gid), STORE_OK);
    int pages = pragma_int(s, "PRAGMA page_count");
    assert_int_equal(store_set_page_limit(s, pages), STORE_OK);
    StoreResult r = STORE_OK;
    char big[2000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    for (int i = 0; i < 100 && r == STORE_OK; i++) {
        char key[16];
        snprintf(key, sizeof key, "k%d", i);
        r = store_setting_set(s, key, big);
    }
    assert_int_equal(r, STORE_FULL);
    assert_non_null(strstr(store_error(s), "storage is full"));
    char names[2][GROUP_NAME_SIZE];
    assert_int_equal(store_group_list(s, names, 2, 0), 1);
    assert_string_equal(names[0], "Kept group");
    assert_int_equal(store_check(s), STORE_OK);
    assert_int_equal(store_set_page_limit(s, 0), STORE_OK);
    assert_int_equal(store_setting_set(s, "after", "ok"), STORE_OK);
    store_close(s);
}

static void test_audit_log(void **state)
{
    (void)state;
    Store *s = tk_store_new();
    assert_int_equal(store_audit(s, 1795510800000LL, "pin.refused", "wrong try 1"), STORE_OK);
    assert_int_equal(store_audit(s, 1795510860000LL, "console.enter", ""), STORE_OK);
    AuditEntry e[4];
    assert_int_equal(store_audit_latest(s, e, 4), 2);
    assert_string_equal(e[0].action, "console.enter");
    char at[32];
    clock_iso8601(e[1].at_ms, at);
    assert_string_equal(at, "2026-11-24T09:00:00Z");
    assert_string_equal(e[1].detail, "wrong try 1");
    store_close(s);
}

static void test_sessions(void **state)
{
    (void)state;
    Store *s = tk_store_new();
    SessionInfo info;
    assert_int_equal(store_session_current(s, &info), STORE_NOT_FOUND);
    assert_int_equal(store_session_close(s, 1000), STORE_NOT_FOUND);
    assert_int_equal(store_session_open(s, "DBT Skills - Tue AM", 1000, &info), STORE_OK);
    assert_string_equal(info.group_name, "DBT Skills - Tue AM");
    assert_true(info.anonymous);
    assert_false(info.checkout);
    SessionInfo other;
    assert_int_equal(store_session_open(s, "CBT - Wed PM", 2000, &other), STORE_EXISTS);
    assert_string_equal(other.group_name, "DBT Skills - Tue AM");
    assert_int_equal(store_session_count(s, info.id, CHECKIN_IN), 0);
    assert_int_equal(store_session_start_checkout(s, 3000), STORE_OK);
    assert_int_equal(store_session_current(s, &info), STORE_OK);
    assert_true(info.checkout);
    assert_int_equal(store_session_close(s, 4000), STORE_OK);
    assert_int_equal(store_session_current(s, &info), STORE_NOT_FOUND);
    assert_int_equal(store_session_open(s, "CBT - Wed PM", 5000, &info), STORE_OK);
    assert_int_equal(store_group_set_anonymous(s, "CBT - Wed PM", false), STORE_OK);
    /* the open session keeps the way it opened with; the next one links */
    assert_int_equal(store_session_current(s, &info), STORE_OK);
    assert_true(info.anonymous);
    assert_int_equal(store_session_close(s, 6000), STORE_OK);
    assert_int_equal(store_session_open(s, "CBT - Wed PM", 7000, &info), STORE_OK);
    assert_false(info.anonymous);
    assert_int_equal(store_group_set_anonymous(s, "Nobody", false), STORE_NOT_FOUND);
    store_close(s);
}

static void test_group_names(void **state)
{
    (void)state;
    assert_true(group_name_valid("DBT Skills - Tue AM"));
    assert_true(group_name_valid("Grupo de la ma\xC3\xB1" "ana"));
    assert_false(group_name_valid(""));
    assert_false(group_name_valid("   "));
    assert_false(group_name_valid("tab\there"));
    assert_false(group_name_valid("\xC3("));                /* broken UTF-8 */
    char longname[80];
    memset(longname, 'a', 65);
    longname[65] = '\0';
    assert_false(group_name_valid(longname));
    longname[64] = '\0';
    assert_true(group_name_valid(longname));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_new_database_has_the_schema),
        cmocka_unit_test(test_no_column_can_hold_a_name),
        cmocka_unit_test(test_durability_settings_are_in_force),
        cmocka_unit_test(test_file_and_folder_are_private),
        cmocka_unit_test(test_change_stamp_moves_only_on_writes),
        cmocka_unit_test(test_migrates_from_the_previous_version),
        cmocka_unit_test(test_migrates_from_version_2),
        cmocka_unit_test(test_migrates_plan_records_from_version_7),
        cmocka_unit_test(test_newer_schema_is_refused_untouched),
        cmocka_unit_test(test_foreign_file_is_refused_and_kept),
        cmocka_unit_test(test_other_programs_sqlite_is_refused),
        cmocka_unit_test(test_damaged_file_is_detected),
        cmocka_unit_test(test_unwritable_folder_is_a_clear_error),
        cmocka_unit_test(test_missing_file_without_create),
        cmocka_unit_test(test_two_connections_share_the_file),
        cmocka_unit_test(test_a_second_writer_waits_its_turn),
        cmocka_unit_test(test_settings_round_trip),
        cmocka_unit_test(test_full_disk_is_reported_and_loses_nothing),
        cmocka_unit_test(test_audit_log),
        cmocka_unit_test(test_sessions),
        cmocka_unit_test(test_group_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
