/* An attacker with a copy of the files tries to learn in which order
 * anonymous answers came, to line them up with the check-ins' times.
 *
 * Six passes check in, each followed by an arrival answer, in an anonymous
 * group, with the real code paths (checkin_submit, answer_give). The same
 * morning is played twice with the same check-ins and the same six answers
 * in two different orders. The attacker's reader (tests/sqlitefile.c)
 * reads the main file page by page and the WAL frame by frame, byte by
 * byte, and lists every record of the tables that hold answers in
 * physical order; then a backup made afterwards the same way. If what it
 * finds differs between the two mornings, the files tell the orders apart
 * and the test fails. Controls show the reader is not blind: rows written
 * the way answers were stored before schema 5 give their order back. */
#include "testkit.h"

#include "sqlitefile.h"
#include "store/store_backup.h"
#include "store/store_internal.h"
#include "svc/answer.h"
#include "svc/checkin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define T0 1795510800000LL
#define NPEOPLE 6

static const char *const answer_tables[] = {"answer_counts", "ratings", NULL};

static char payloads[NPEOPLE][PASS_PAYLOAD_SIZE];
static char template_path[600];

static void copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb");
    if (!in) {
        remove(to);
        return;
    }
    FILE *out = fopen(to, "wb");
    assert_non_null(out);
    char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        assert_int_equal(fwrite(buf, 1, n, out), n);
    fclose(in);
    assert_int_equal(fclose(out), 0);
}

/* A kiosk the evening before: six passes, an anonymous group's session
 * open, nothing else. Each morning starts from a copy of it. */
static int setup(void **state)
{
    (void)state;
    Store *s = tk_store_new();
    for (int i = 0; i < NPEOPLE; i++) {
        char code[PASS_CODE_SIZE];
        PassInfo info;
        assert_int_equal(checkin_issue_pass(s, T0 - 86400000, payloads[i], code, &info),
                         STORE_OK);
    }
    SessionInfo sess;
    assert_int_equal(store_session_open(s, "DBT Skills - Tue AM", T0, &sess), STORE_OK);
    assert_true(sess.anonymous);
    snprintf(template_path, sizeof template_path, "%s", store_path(s));
    store_close(s);
    return 0;
}

/* Everything the attacker's reader sees of the answer tables, as text. */
static char *seen(const char *path, bool wal)
{
    SfRecords r = {0};
    assert_true(sf_read(path, wal, answer_tables, &r));
    size_t cap = 256 + (size_t)r.n * 1200, used = 0;
    char *out = calloc(1, cap);
    for (int i = 0; i < r.n; i++) {
        used += (size_t)snprintf(out + used, cap - used, "%s:", r.items[i].where);
        for (int c = 0; c < r.items[i].ncolumns; c++)
            used += (size_t)snprintf(out + used, cap - used, " %s", r.items[i].column[c]);
        used += (size_t)snprintf(out + used, cap - used, "\n");
    }
    sf_free(&r);
    return out;
}

typedef struct Morning {
    char *copy_while_open;  /* the files copied while the kiosk runs */
    char *backup;           /* a backup made after the answers */
    char *after_close;      /* the file once the kiosk has stopped */
} Morning;

static void morning(const int order[NPEOPLE], const char *name, Morning *m)
{
    char dir[600], db[700], side[720];
    snprintf(dir, sizeof dir, "%s", tk_path(name));
    assert_int_equal(tk_system("mkdir -p '%s'", dir), 0);
    snprintf(db, sizeof db, "%s/hearth.db", dir);
    copy_file(template_path, db);
    Store *s = store_open(db, NULL, NULL, NULL, 0);
    assert_non_null(s);
    for (int i = 0; i < NPEOPLE; i++) {
        int64_t at = T0 + 60000LL * (i + 1);
        CheckinResult res;
        assert_int_equal(checkin_submit(s, payloads[i], strlen(payloads[i]), at, &res),
                         CHECKIN_OK);
        Answer a = {.session = &res.session,
                    .instrument = "mood",
                    .phase = PHASE_ARRIVAL,
                    .value = order[i],
                    .pass = &res.pass};
        assert_int_equal(answer_give(s, &a, at + 5000, NULL), STORE_OK);
    }
    /* someone copies the files while the kiosk runs */
    char copy[720];
    snprintf(copy, sizeof copy, "%s/copy.db", dir);
    copy_file(db, copy);
    snprintf(side, sizeof side, "%s-wal", db);
    char copy_side[740];
    snprintf(copy_side, sizeof copy_side, "%s-wal", copy);
    copy_file(side, copy_side);
    m->copy_while_open = seen(copy, true);
    /* a backup made afterwards (daily, or by staff) */
    char backup[1024];
    assert_int_equal(store_backup_now(s, T0 + 3600000, backup, sizeof backup), STORE_OK);
    m->backup = seen(backup, false);
    store_close(s);
    m->after_close = seen(db, true);
}

static void free_morning(Morning *m)
{
    free(m->copy_while_open);
    free(m->backup);
    free(m->after_close);
}

static void test_files_do_not_order_anonymous_answers(void **state)
{
    (void)state;
    /* the same six answers, in two orders */
    static const int a[NPEOPLE] = {5, 1, 4, 2, 3, 5}, b[NPEOPLE] = {1, 5, 2, 5, 4, 3};
    Morning ma, mb;
    morning(a, "morning-a", &ma);
    morning(b, "morning-b", &mb);
    /* the reader finds the answers (it is not blind)... */
    assert_non_null(strstr(ma.copy_while_open, "0000,0001,0001,0001,0001,0002"));
    /* ...and nothing that tells the two mornings apart */
    if (strcmp(ma.copy_while_open, mb.copy_while_open))
        fail_msg("a copy taken while the kiosk runs tells the orders apart:\n%s\nvs\n%s",
                 ma.copy_while_open, mb.copy_while_open);
    if (strcmp(ma.backup, mb.backup))
        fail_msg("a backup tells the orders apart:\n%s\nvs\n%s", ma.backup, mb.backup);
    if (strcmp(ma.after_close, mb.after_close))
        fail_msg("the file tells the orders apart:\n%s\nvs\n%s", ma.after_close, mb.after_close);
    /* and no answer is in the WAL at all: it was emptied after each */
    assert_null(strstr(ma.copy_while_open, "wal frame"));
    free_morning(&ma);
    free_morning(&mb);
}

/* The control: answers stored as rows, the way versions before 5 did
 * (keyed by random ids in a WITHOUT ROWID table, no time), give their
 * order back to the same reader, from the main file and from the WAL. */
static void test_reader_sees_the_order_of_rows(void **state)
{
    (void)state;
    static const int order[NPEOPLE] = {5, 1, 4, 2, 3, 5};
    const char *path = tk_path("control/old.db");
    assert_int_equal(tk_system("mkdir -p '%s'", tk_path("control")), 0);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db,
                                  "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0;"
                                  "CREATE TABLE ratings (id TEXT PRIMARY KEY, value INTEGER) "
                                  "WITHOUT ROWID;",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    for (int i = 0; i < NPEOPLE; i++) {
        char sql[200];
        snprintf(sql, sizeof sql, "INSERT INTO ratings VALUES (lower(hex(randomblob(16))), %d)",
                 order[i]);
        assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    }
    /* the WAL, frame by frame: each commit's page, in commit order */
    SfRecords r = {0};
    static const char *const t[] = {"ratings", NULL};
    assert_true(sf_read(path, true, t, &r));
    int got[64], n = 0, last_frame = -1;
    for (int i = 0; i < r.n; i++) {
        int frame = -1;
        if (sscanf(r.items[i].where, "wal frame %d", &frame) == 1 && frame != last_frame) {
            /* the newest row of each frame's page: the one at the lowest offset */
            int newest = i;
            for (int j = i; j < r.n && !strncmp(r.items[j].where, r.items[i].where, 14); j++)
                newest = j;
            got[n++] = atoi(r.items[newest].column[1]);
            last_frame = frame;
        }
    }
    sf_free(&r);
    assert_int_equal(n, NPEOPLE);
    assert_memory_equal(got, order, sizeof order);
    /* the main file after a checkpoint: the rows by their place in the page */
    assert_int_equal(sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
    memset(&r, 0, sizeof r);
    assert_true(sf_read(path, false, t, &r));
    assert_int_equal(r.n, NPEOPLE);
    for (int i = 0; i < NPEOPLE; i++)
        assert_int_equal(atoi(r.items[i].column[1]), order[i]);
    sf_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_files_do_not_order_anonymous_answers),
        cmocka_unit_test(test_reader_sees_the_order_of_rows),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
