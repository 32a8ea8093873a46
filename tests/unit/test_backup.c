/* Backups, restoring, keeping a damaged file, and the retention purge. */
#include "testkit.h"

#include "store/store_backup.h"
#include "store/store_internal.h"
#include "store/store_pass.h"
#include "store/store_purge.h"
#include "store/store_rating.h"
#include "store/store_session.h"
#include "svc/checkin.h"
#include "svc/gate.h"
#include "svc/maintenance.h"
#include "svc/session.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#define T0 1795510800000LL /* 2026-11-24T09:00:00Z */
#define DAY (24LL * 3600 * 1000)

static int count(Store *s, const char *sql)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(s->db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return n;
}

static void damage(const char *path)
{
    /* garbage over the pages after the first: the header still says SQLite */
    assert_int_equal(tk_system("dd if=/dev/urandom of='%s' bs=4096 seek=1 count=6 "
                               "conv=notrunc 2>/dev/null",
                               path),
                     0);
}

static void test_daily_backups_keep_seven_private(void **state)
{
    (void)state;
    Store *s = store_open(tk_path("seven/hearth.db"), NULL, NULL, NULL, 0);
    assert_non_null(s);
    char path[1024];
    assert_int_equal(store_backup_if_due(s, T0, path, sizeof path), STORE_OK);
    /* not due again within the day */
    assert_int_equal(store_backup_if_due(s, T0 + DAY - 1, path, sizeof path), STORE_NOT_FOUND);
    for (int d = 1; d <= 9; d++)
        assert_int_equal(store_backup_if_due(s, T0 + d * DAY, path, sizeof path), STORE_OK);
    BackupInfo b[16];
    int n = store_backup_list(store_path(s), b, 16);
    assert_int_equal(n, STORE_BACKUPS_KEPT);
    assert_true(b[0].taken_ms == T0 + 9 * DAY); /* newest first */
    assert_true(b[6].taken_ms == T0 + 3 * DAY);
    struct stat st;
    assert_int_equal(stat(b[0].path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    char err[256];
    assert_int_equal(store_file_check(b[0].path, err, sizeof err), STORE_OK);
    store_close(s);
}

static void test_restore_keeps_the_damaged_file(void **state)
{
    (void)state;
    const char *db = tk_path("restore/hearth.db");
    Store *s = store_open(db, NULL, NULL, NULL, 0);
    assert_int_equal(gate_set_pin(s, "135790", T0), GATE_OK);
    SessionInfo sess;
    assert_int_equal(store_session_open(s, "Kept Group", T0, &sess), STORE_OK);
    char backup[1024];
    assert_int_equal(maintenance_backup(s, T0, backup, sizeof backup), STORE_OK);
    /* written after the backup: lost to the restore, kept in the damaged file */
    assert_int_equal(store_group_ensure(s, "Later Group", T0, sess.group_id), STORE_OK);
    store_close(s);
    damage(db);
    StoreResult r;
    char err[512];
    assert_null(store_open(db, NULL, &r, err, sizeof err));
    assert_int_equal(r, STORE_CORRUPT);
    assert_non_null(strstr(err, db));

    char candidate[1100], kept[1100];
    assert_int_equal(store_restore_prepare(db, backup, candidate, sizeof candidate, err,
                                           sizeof err),
                     STORE_OK);
    /* the PIN of the backup guards the restore; wrong tries are kept in the
     * prepared copy and survive a restart of the kiosk */
    Store *c = store_open(candidate, NULL, NULL, NULL, 0);
    assert_int_equal(gate_try(c, "000000", T0), GATE_WRONG);
    store_close(c);
    assert_int_equal(store_restore_prepare(db, backup, candidate, sizeof candidate, err,
                                           sizeof err),
                     STORE_OK);
    c = store_open(candidate, NULL, NULL, NULL, 0);
    GateState gs;
    gate_state(c, &gs);
    assert_int_equal(gs.failures, 1);
    store_close(c);

    assert_int_equal(store_restore_commit(db, candidate, T0 + 1000, kept, sizeof kept, err,
                                          sizeof err),
                     STORE_OK);
    assert_non_null(strstr(kept, "hearth.db.damaged-20261124T090001Z"));
    struct stat st;
    assert_int_equal(stat(kept, &st), 0);
    s = store_open(db, NULL, &r, err, sizeof err);
    assert_non_null(s);
    assert_int_equal(store_check(s), STORE_OK);
    assert_int_equal(count(s, "SELECT count(*) FROM groups WHERE name = 'Kept Group'"), 1);
    assert_int_equal(count(s, "SELECT count(*) FROM groups WHERE name = 'Later Group'"), 0);
    assert_int_equal(gate_try(s, "135790", T0 + 1000), GATE_OK);
    store_close(s);
    /* the damaged file is still damaged, byte for byte what it was */
    assert_int_not_equal(store_file_check(kept, err, sizeof err), STORE_OK);
}

static void test_set_aside_makes_room_for_an_empty_one(void **state)
{
    (void)state;
    const char *db = tk_path("aside/hearth.db");
    Store *s = store_open(db, NULL, NULL, NULL, 0);
    store_close(s);
    damage(db);
    char kept[1100], err[512];
    assert_int_equal(store_set_aside(db, T0, kept, sizeof kept, err, sizeof err), STORE_OK);
    struct stat st;
    assert_int_equal(stat(kept, &st), 0);
    assert_int_not_equal(stat(db, &st), 0);
    s = store_open(db, NULL, NULL, err, sizeof err);
    assert_non_null(s);
    store_close(s);
}

/* Retention: what belongs to sessions closed before the cutoff goes; the
 * open session, passes and groups stay; the purge is audited. */
static void test_purge_removes_only_what_is_old(void **state)
{
    (void)state;
    Store *s = tk_store_new();
    char payload[PASS_PAYLOAD_SIZE], code[PASS_CODE_SIZE];
    PassInfo pass;
    assert_int_equal(checkin_issue_pass(s, T0, payload, code, &pass), STORE_OK);
    int64_t old = T0 - 400 * DAY, recent = T0 - 10 * DAY;
    int64_t times[] = {old, recent};
    for (int i = 0; i < 2; i++) {
        SessionInfo sess;
        assert_int_equal(store_session_open(s, "DBT Skills", times[i], &sess), STORE_OK);
        CheckinResult res;
        assert_int_equal(checkin_submit(s, payload, strlen(payload), times[i], &res), CHECKIN_OK);
        RatingRow row = {.session_id = sess.id, .instrument = "mood", .phase = PHASE_ARRIVAL,
                         .value = 3, .wall_ms = times[i]};
        assert_int_equal(store_answer_add(s, &row, NULL), STORE_OK);
        char run[40];
        assert_int_equal(store_run_start(s, sess.id, "paced-breathing", times[i], run), STORE_OK);
        assert_int_equal(store_staff_request_add(s, sess.id, NULL, times[i]), STORE_OK);
        assert_int_equal(store_session_close(s, times[i] + 3600000), STORE_OK);
    }
    SessionInfo open;
    assert_int_equal(store_session_open(s, "DBT Skills", T0, &open), STORE_OK);
    RatingRow row = {.session_id = open.id, .instrument = "mood", .phase = PHASE_ARRIVAL,
                     .value = 4};
    assert_int_equal(store_answer_add(s, &row, NULL), STORE_OK);

    MaintenanceReport rep;
    maintenance_run(s, 12, T0, &rep);
    assert_int_equal(rep.purge, STORE_OK);
    assert_int_equal(rep.purged.sessions, 1);
    assert_int_equal(rep.purged.ratings, 1);
    assert_int_equal(rep.purged.checkins, 1);
    assert_int_equal(rep.purged.staff_requests, 1);
    assert_int_equal(rep.purged.exercise_runs, 1);
    assert_true(rep.purged.reclaimed);
    assert_string_equal(rep.purged.cutoff, "2025-11-24T09:00:00Z");
    assert_int_equal(count(s, "SELECT count(*) FROM sessions"), 2);
    /* the open session's and the recent one's answers, as counts */
    assert_int_equal(count(s, "SELECT count(*) FROM answer_counts"), 2);
    assert_int_equal(count(s, "SELECT count(*) FROM passes"), 1);
    assert_int_equal(count(s, "SELECT count(*) FROM groups"), 1);
    assert_int_equal(count(s, "SELECT count(*) FROM audit WHERE action = 'db.purge'"), 1);
    /* the day's backup waits while a session is open: a copy taken between
     * two people's answers, laid beside the end of the session, would tell
     * the first answers from the later ones */
    assert_int_equal(rep.backup, STORE_NOT_FOUND);
    BackupInfo b[4];
    assert_int_equal(store_backup_list(store_path(s), b, 4), 0);
    /* and is made as the session closes */
    assert_int_equal(session_finish(s, T0 + 1800000, NULL), STORE_OK);
    assert_int_equal(store_backup_list(store_path(s), b, 4), 1);
    assert_int_equal(count(s, "SELECT count(*) FROM audit WHERE action = 'db.backup'"), 1);
    assert_int_equal(count(s, "SELECT count(*) FROM audit WHERE action = 'session.close'"), 1);
    /* not again the same day */
    maintenance_run(s, 12, T0 + 3600000, &rep);
    assert_int_equal(rep.purge, STORE_NOT_FOUND);
    assert_int_equal(rep.backup, STORE_NOT_FOUND);
    /* retention off: nothing is purged, ever */
    maintenance_run(s, 0, T0 + 3 * DAY, &rep);
    assert_int_equal(rep.purge, STORE_NOT_FOUND);
    assert_int_equal(store_check(s), STORE_OK);
    store_close(s);
}

/* A backup written before schema 5 keeps anonymous answers as rows in the
 * order they came: the kiosk migrates it in place, and keeps what it holds. */
static void test_old_backups_are_migrated(void **state)
{
    (void)state;
    Store *s = tk_store_new();
    char old[1100];
    snprintf(old, sizeof old, "%s.backup-20261120T090000Z", store_path(s));
    StoreOpenOptions v4 = {.create = true, .target_version = 4};
    Store *b = store_open(old, &v4, NULL, NULL, 0);
    assert_non_null(b);
    const char *sql =
        "INSERT INTO groups (id, name, created) VALUES ('g', 'G', '2026-11-20T09:00:00Z');"
        "INSERT INTO sessions (id, group_id, opened, closed, device) VALUES ('s', 'g', "
        "'2026-11-20T09:00:00Z', '2026-11-20T10:00:00Z', 'k');"
        "INSERT INTO ratings (id, session_id, instrument, phase, value) VALUES "
        "('r1', 's', 'mood', 'arrival', 2), ('r2', 's', 'mood', 'arrival', 5), "
        "('r3', 's', 'mood', 'arrival', 5);";
    assert_int_equal(sqlite3_exec(b->db, sql, NULL, NULL, NULL), SQLITE_OK);
    store_close(b);
    MaintenanceReport rep;
    maintenance_run(s, 0, T0, &rep);
    assert_int_equal(rep.backups_upgraded, 1);
    StoreOpenOptions plain = {.create = false};
    b = store_open(old, &plain, NULL, NULL, 0);
    assert_non_null(b);
    assert_int_equal(store_schema_version(b), STORE_SCHEMA_VERSION);
    assert_int_equal(count(b, "SELECT count(*) FROM ratings"), 0);
    int counts[11];
    assert_int_equal(store_answer_counts(b, "s", "mood", PHASE_ARRIVAL, "", counts), STORE_OK);
    assert_int_equal(counts[2], 1);
    assert_int_equal(counts[5], 2);
    store_close(b);
    /* once is enough */
    maintenance_run(s, 0, T0 + 3600000, &rep);
    assert_int_equal(rep.backups_upgraded, 0);
    store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_daily_backups_keep_seven_private),
        cmocka_unit_test(test_restore_keeps_the_damaged_file),
        cmocka_unit_test(test_set_aside_makes_room_for_an_empty_one),
        cmocka_unit_test(test_purge_removes_only_what_is_old),
        cmocka_unit_test(test_old_backups_are_migrated),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
