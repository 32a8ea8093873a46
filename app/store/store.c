/* Opening, checking and migrating the database; settings and audit. */
#include "store/store_internal.h"

#include "core/clock.h"
#include "core/file.h"
#include "core/i18n.h"
#include "core/log.h"
#include "core/paths.h"
#include "core/uuid.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* How long a writer waits for another connection's transaction. */
#define STORE_BUSY_MS 5000

/* 'HRTH': marks the file as ours, so a foreign SQLite file is refused. */
#define HEARTH_APPLICATION_ID 0x48525448

/* Each migration takes the schema from version i to i + 1. They only ever
 * grow: a shipped migration is never edited, a new one is appended. */
static const char *const migrations[] = {
    /* 0 -> 1: the data model of DESIGN.md. No table has a column for a name,
     * contact detail or free text about a person. */
    "CREATE TABLE kiosk (id TEXT PRIMARY KEY, created TEXT NOT NULL) STRICT;"
    "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;"
    "CREATE TABLE audit (id INTEGER PRIMARY KEY, at TEXT NOT NULL, action TEXT NOT NULL,"
    "  detail TEXT NOT NULL DEFAULT '') STRICT;"
    "CREATE TABLE groups (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
    "  anonymous INTEGER NOT NULL DEFAULT 1 CHECK (anonymous IN (0, 1)),"
    "  created TEXT NOT NULL) STRICT;"
    "CREATE TABLE passes (id TEXT PRIMARY KEY, hash BLOB NOT NULL UNIQUE,"
    "  pseudonym TEXT NOT NULL UNIQUE, issued TEXT NOT NULL, revoked TEXT) STRICT;"
    "CREATE TABLE sessions (id TEXT PRIMARY KEY,"
    "  group_id TEXT NOT NULL REFERENCES groups(id),"
    "  opened TEXT NOT NULL, closed TEXT, device TEXT NOT NULL) STRICT;"
    "CREATE UNIQUE INDEX sessions_one_open ON sessions(device) WHERE closed IS NULL;"
    /* WITHOUT ROWID: rows sit in the order of their random ids, so the file
     * does not keep the order in which people checked in or answered. */
    "CREATE TABLE checkins (id TEXT PRIMARY KEY,"
    "  session_id TEXT NOT NULL REFERENCES sessions(id),"
    "  pass_id TEXT NOT NULL REFERENCES passes(id),"
    "  kind TEXT NOT NULL CHECK (kind IN ('in', 'out')), at TEXT NOT NULL,"
    "  UNIQUE (session_id, pass_id, kind)) STRICT, WITHOUT ROWID;"
    "CREATE TABLE exercise_runs (id TEXT PRIMARY KEY,"
    "  session_id TEXT REFERENCES sessions(id), exercise TEXT NOT NULL,"
    "  started TEXT NOT NULL, ended TEXT,"
    "  completed INTEGER NOT NULL DEFAULT 0 CHECK (completed IN (0, 1)),"
    "  steps_skipped INTEGER NOT NULL DEFAULT 0) STRICT;"
    /* An anonymous answer has no time of its own (at IS NULL): a time would
     * let anyone match it to the check-in made a second before. */
    "CREATE TABLE ratings (id TEXT PRIMARY KEY,"
    "  session_id TEXT NOT NULL REFERENCES sessions(id),"
    "  instrument TEXT NOT NULL, item TEXT NOT NULL DEFAULT '',"
    "  phase TEXT NOT NULL CHECK (phase IN ('arrival', 'pre', 'post', 'checkout', 'round')),"
    "  value INTEGER NOT NULL, pass_id TEXT REFERENCES passes(id),"
    "  run_id TEXT REFERENCES exercise_runs(id), round_id TEXT, at TEXT) STRICT, WITHOUT ROWID;",

    /* 1 -> 2: what the door, the player and the trends need to be quick and
     * to resume after a power cut. */
    "ALTER TABLE sessions ADD COLUMN checkout_started TEXT;"
    "ALTER TABLE sessions ADD COLUMN plan TEXT;"
    "ALTER TABLE exercise_runs ADD COLUMN step INTEGER NOT NULL DEFAULT 0;"
    "CREATE TABLE staff_requests (id TEXT PRIMARY KEY,"
    "  session_id TEXT NOT NULL REFERENCES sessions(id),"
    "  pass_id TEXT REFERENCES passes(id), at TEXT NOT NULL, seen TEXT) STRICT;"
    "CREATE INDEX sessions_group ON sessions(group_id, opened);"
    "CREATE INDEX checkins_session ON checkins(session_id, kind);"
    "CREATE INDEX ratings_session ON ratings(session_id, instrument, phase);"
    "CREATE INDEX ratings_run ON ratings(run_id) WHERE run_id IS NOT NULL;"
    "CREATE INDEX runs_session ON exercise_runs(session_id);",

    /* 2 -> 3: where the session stands in its plan, so the console shows the
     * current block and its time, also after a restart. */
    "ALTER TABLE sessions ADD COLUMN plan_block INTEGER NOT NULL DEFAULT 0"
    "  CHECK (plan_block >= 0);"
    "ALTER TABLE sessions ADD COLUMN plan_block_started TEXT;",

    /* 3 -> 4: trends and exports (store_report.c). Covering indexes so a
     * report over years reads each index once, in order, and never the
     * table; the figures other kiosks exported, keyed by their session's
     * UUID so merging a file twice changes nothing. n IS NULL marks a cell
     * or a run the other kiosk withheld; counts (comma-separated, one per
     * scale point) only when it showed every one. */
    "DROP INDEX ratings_session;"
    "DROP INDEX ratings_run;"
    "CREATE INDEX ratings_cells ON ratings(session_id, instrument, phase, value);"
    "CREATE INDEX ratings_run ON ratings(run_id, phase, value, pass_id, instrument)"
    "  WHERE run_id IS NOT NULL;"
    "CREATE TABLE imported_sessions (id TEXT PRIMARY KEY, kiosk_id TEXT NOT NULL,"
    "  group_name TEXT NOT NULL, opened TEXT NOT NULL, attendance INTEGER,"
    "  export_id TEXT NOT NULL, imported TEXT NOT NULL) STRICT;"
    "CREATE TABLE imported_cells (session_id TEXT NOT NULL"
    "  REFERENCES imported_sessions(id) ON DELETE CASCADE,"
    "  instrument TEXT NOT NULL, phase TEXT NOT NULL, lo INTEGER NOT NULL, hi INTEGER NOT NULL,"
    "  n INTEGER, mean REAL, sd REAL, median REAL, q1 REAL, q3 REAL, counts TEXT,"
    "  PRIMARY KEY (session_id, instrument, phase)) STRICT, WITHOUT ROWID;"
    "CREATE TABLE imported_runs (id TEXT PRIMARY KEY, session_id TEXT NOT NULL"
    "  REFERENCES imported_sessions(id) ON DELETE CASCADE, exercise TEXT NOT NULL,"
    "  instrument TEXT NOT NULL,"
    "  paired INTEGER NOT NULL CHECK (paired IN (0, 1)), n INTEGER, median_pre REAL,"
    "  median_post REAL, change REAL) STRICT;"
    "CREATE INDEX imported_runs_session ON imported_runs(session_id);",

    /* 4 -> 5: anonymity that holds against someone who reads the file.
     *
     * A session keeps the way its group rated when it opened, so a group
     * switched mid-session cannot mix linked and anonymous answers.
     *
     * In an anonymous session an answer is information about the group,
     * not a row about a moment: answer_counts holds, per session,
     * instrument, phase and part (the exercise run of a before-and-after,
     * the round of a facilitator's round), how many gave each answer, as
     * fixed-width text ("0003,0001,..." for 0..10), so an answer rewrites
     * its row in place, at the same size, and the page keeps no order.
     * Triggers make the store refuse a linked answer in an anonymous
     * session and a counted one in a pseudonymous session, whoever calls.
     *
     * Imported cells carry only what the disclosure rule shows (n, the
     * middle answer and the middle half, counts only from a kiosk that
     * showed them all), per part as local cells; figures made under the
     * earlier rule (means, interpolated quartiles, exercise changes) are
     * dropped, since they could give away what they were meant to hide. */
    "ALTER TABLE sessions ADD COLUMN anonymous INTEGER NOT NULL DEFAULT 1"
    "  CHECK (anonymous IN (0, 1));"
    "UPDATE sessions SET anonymous = (SELECT g.anonymous FROM groups g WHERE g.id = group_id);"
    "CREATE TABLE answer_counts (id INTEGER PRIMARY KEY,"
    "  session_id TEXT NOT NULL REFERENCES sessions(id),"
    "  instrument TEXT NOT NULL, item TEXT NOT NULL DEFAULT '',"
    "  phase TEXT NOT NULL CHECK (phase IN ('arrival', 'pre', 'post', 'checkout', 'round')),"
    "  part TEXT NOT NULL DEFAULT '', run_id TEXT REFERENCES exercise_runs(id),"
    "  counts TEXT NOT NULL CHECK (length(counts) = 54),"
    "  UNIQUE (session_id, instrument, item, phase, part)) STRICT;"
    "INSERT INTO answer_counts (session_id, instrument, item, phase, part, run_id, counts)"
    "  SELECT session_id, instrument, item, phase, part, max(run_id),"
    "    printf('%04d,%04d,%04d,%04d,%04d,%04d,%04d,%04d,%04d,%04d,%04d',"
    "      sum(value = 0), sum(value = 1), sum(value = 2), sum(value = 3), sum(value = 4),"
    "      sum(value = 5), sum(value = 6), sum(value = 7), sum(value = 8), sum(value = 9),"
    "      sum(value = 10))"
    "  FROM (SELECT session_id, instrument, item, phase, value, run_id,"
    "          CASE phase WHEN 'pre' THEN coalesce(run_id, '') WHEN 'post' THEN coalesce(run_id, '')"
    "            WHEN 'round' THEN coalesce(round_id, '') ELSE '' END AS part"
    "        FROM ratings t WHERE (SELECT anonymous FROM sessions WHERE id = t.session_id) = 1"
    "          AND value BETWEEN 0 AND 10)"
    "  GROUP BY session_id, instrument, item, phase, part;"
    "DELETE FROM ratings WHERE (SELECT anonymous FROM sessions WHERE id = session_id) = 1;"
    /* a linked answer names its cell's part too, and one covering index
     * serves the reports' single ordered pass over every cell */
    "ALTER TABLE ratings ADD COLUMN part TEXT NOT NULL DEFAULT '';"
    "UPDATE ratings SET part = CASE phase WHEN 'pre' THEN coalesce(run_id, '') "
    "  WHEN 'post' THEN coalesce(run_id, '') WHEN 'round' THEN coalesce(round_id, '') "
    "  ELSE '' END;"
    "DROP INDEX ratings_cells;"
    "DROP INDEX ratings_run;"
    "CREATE INDEX ratings_cells ON ratings(session_id, instrument, phase, part, value);"
    "CREATE TRIGGER ratings_linked_only BEFORE INSERT ON ratings"
    "  WHEN NEW.pass_id IS NULL OR (SELECT anonymous FROM sessions WHERE id = NEW.session_id) IS NOT 0"
    "  BEGIN SELECT RAISE(ABORT, 'an answer in an anonymous session is counted, never stored as a row'); END;"
    "CREATE TRIGGER counts_anonymous_only BEFORE INSERT ON answer_counts"
    "  WHEN (SELECT anonymous FROM sessions WHERE id = NEW.session_id) IS NOT 1"
    "  BEGIN SELECT RAISE(ABORT, 'an answer in a pseudonymous session is stored with its pass'); END;"
    "CREATE TABLE imported_cells5 (session_id TEXT NOT NULL"
    "  REFERENCES imported_sessions(id) ON DELETE CASCADE,"
    "  instrument TEXT NOT NULL, phase TEXT NOT NULL, part TEXT NOT NULL DEFAULT '',"
    "  exercise TEXT, lo INTEGER NOT NULL, hi INTEGER NOT NULL,"
    "  n INTEGER, median INTEGER, q1 INTEGER, q3 INTEGER, counts TEXT,"
    "  PRIMARY KEY (session_id, instrument, phase, part)) STRICT, WITHOUT ROWID;"
    "INSERT INTO imported_cells5 (session_id, instrument, phase, lo, hi, n, counts)"
    "  SELECT session_id, instrument, phase, lo, hi, n, counts FROM imported_cells;"
    "DROP TABLE imported_cells;"
    "ALTER TABLE imported_cells5 RENAME TO imported_cells;"
    "DROP TABLE imported_runs;",

    /* 5 -> 6: the outbox of what is not yet published to the program's
     * server (svc/publish.c). A session enters it when it closes, however
     * it is closed, and leaves it once the server has it; sessions closed
     * before this version wait there too, so a kiosk that joins a program
     * publishes what it still keeps. Purged sessions leave it with them. */
    "CREATE TABLE outbox (session_id TEXT PRIMARY KEY"
    "  REFERENCES sessions(id) ON DELETE CASCADE) STRICT, WITHOUT ROWID;"
    "INSERT INTO outbox (session_id) SELECT id FROM sessions WHERE closed IS NOT NULL;"
    "CREATE TRIGGER outbox_on_close AFTER UPDATE OF closed ON sessions"
    "  WHEN OLD.closed IS NULL AND NEW.closed IS NOT NULL"
    "  BEGIN INSERT OR IGNORE INTO outbox (session_id) VALUES (NEW.id); END;"
    "CREATE TRIGGER outbox_on_insert AFTER INSERT ON sessions WHEN NEW.closed IS NOT NULL"
    "  BEGIN INSERT OR IGNORE INTO outbox (session_id) VALUES (NEW.id); END;",

    /* 6 -> 7: what happened to each block of a session's plan, as it
     * happened (core/plan.h's PlanRecord): moving on never rewrites when
     * earlier blocks began, and blocks gone past unstarted are kept as
     * skipped. A plan followed before this keeps its current block's start;
     * earlier starts were never recorded and stay unknown. */
    "CREATE TABLE plan_blocks (session_id TEXT NOT NULL REFERENCES sessions(id),"
    "  block INTEGER NOT NULL CHECK (block >= 0), started TEXT, ended TEXT,"
    "  skipped INTEGER NOT NULL DEFAULT 0 CHECK (skipped IN (0, 1)),"
    "  PRIMARY KEY (session_id, block)) STRICT, WITHOUT ROWID;"
    "INSERT INTO plan_blocks (session_id, block, started)"
    "  SELECT id, plan_block, plan_block_started FROM sessions"
    "  WHERE plan IS NOT NULL AND plan_block_started IS NOT NULL;",

    /* 7 -> 8: the record belongs to the plan it was made under: a session
     * that changes plan (or stops following one) keeps what happened under
     * the first, and finds it again on going back to it. A record kept
     * before this belonged to the plan the session follows now. */
    "CREATE TABLE plan_blocks_8 (session_id TEXT NOT NULL REFERENCES sessions(id),"
    "  plan TEXT NOT NULL, block INTEGER NOT NULL CHECK (block >= 0), started TEXT, ended TEXT,"
    "  skipped INTEGER NOT NULL DEFAULT 0 CHECK (skipped IN (0, 1)),"
    "  PRIMARY KEY (session_id, plan, block)) STRICT, WITHOUT ROWID;"
    "INSERT INTO plan_blocks_8 (session_id, plan, block, started, ended, skipped)"
    "  SELECT b.session_id, s.plan, b.block, b.started, b.ended, b.skipped"
    "  FROM plan_blocks b JOIN sessions s ON s.id = b.session_id WHERE s.plan IS NOT NULL;"
    "DROP TABLE plan_blocks;"
    "ALTER TABLE plan_blocks_8 RENAME TO plan_blocks;",
};
_Static_assert(sizeof migrations / sizeof migrations[0] == STORE_SCHEMA_VERSION,
               "one migration per schema version");

static void set_error(Store *s, const char *fmt, ...) HEARTH_PRINTF(2, 3);
static void set_error(Store *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->error, sizeof s->error, fmt, ap);
    va_end(ap);
}

/* The folder a database lives in, when it cannot be written: SQLite must
 * create the -wal and -shm files beside the database, so a read-only
 * folder stops it as surely as a read-only file, and the person fixing it
 * must be sent to the folder. False when the folder is writable. */
static bool folder_readonly(const char *path, char *dir, size_t n)
{
    return paths_folder_of(path, dir, n) && access(dir, W_OK | X_OK) != 0 &&
           (errno == EACCES || errno == EROFS);
}

static void set_readonly_error(Store *s, const char *path, const char *dir)
{
    set_error(s,
              _("Cannot write the database %s: its folder %s is read-only, and Hearth must "
                "create files beside the database (its journal). Make the folder writable "
                "by the account Hearth runs as."),
              path, dir);
}

StoreResult store_fail(Store *s, int rc, const char *doing)
{
    /* "doing" is an English phrase ("saving the plan"), extracted for
     * translation from every call (app/po/update.sh's keywords). */
    doing = _(doing);
    int primary = rc & 0xff;
    const char *detail = s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc);
    /* A full disk can also surface as an I/O error (growing the -shm file,
     * a short write): the operating system's error tells. */
    if (primary == SQLITE_IOERR && s->db && sqlite3_system_errno(s->db) == ENOSPC)
        primary = SQLITE_FULL;
    switch (primary) {
    case SQLITE_FULL:
        set_error(s,
                  _("The storage is full: could not save while %s. Staff must free space "
                    "on the device (%s); nothing saved before is lost."),
                  doing, s->path);
        return STORE_FULL;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        set_error(s, _("The database %s is damaged (%s). It has not been changed."), s->path,
                  detail);
        return STORE_CORRUPT;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        set_error(s,
                  _("The database %s is in use by another program and did not free up "
                    "in time (%s). Try again."),
                  s->path, doing);
        return STORE_BUSY;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN: {
        char dir[sizeof s->path];
        if (folder_readonly(s->path, dir, sizeof dir))
            set_readonly_error(s, s->path, dir);
        else
            set_error(s, _("Cannot write the database %s (%s). Check the file's permissions."),
                      s->path, detail);
        return STORE_READONLY;
    }
    case SQLITE_NOMEM:
        set_error(s, _("Out of memory while %s."), doing);
        return STORE_NOMEM;
    case SQLITE_CONSTRAINT:
        set_error(s, _("Refused while %s: %s."), doing, detail);
        /* Only a duplicate means "already there"; a broken reference or a
         * failed check is a real error. */
        return rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY
                   ? STORE_EXISTS
                   : STORE_ERROR;
    default:
        snprintf(s->error, sizeof s->error, _("Database error while %s in %s: %s."), doing,
                 s->path, detail);
        return STORE_ERROR;
    }
}

sqlite3_stmt *store_stmt(Store *s, const char *sql)
{
    for (int i = 0; i < s->nstmts; i++) {
        if (s->stmts[i].sql == sql) {
            sqlite3_stmt *st = s->stmts[i].stmt;
            sqlite3_reset(st);
            sqlite3_clear_bindings(st);
            return st;
        }
    }
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
    if (rc != SQLITE_OK) {
        store_fail(s, rc, "preparing a query");
        return NULL;
    }
    if (s->nstmts < STORE_STMT_CACHE) {
        s->stmts[s->nstmts].sql = sql;
        s->stmts[s->nstmts].stmt = st;
        s->nstmts++;
    } else {
        /* A programmer's mistake (too many distinct queries): still work,
         * but say so, since the statement would leak otherwise. */
        sqlite3_finalize(st);
        snprintf(s->error, sizeof s->error, _("internal: statement cache full"));
        return NULL;
    }
    return st;
}

StoreResult store_step_done(Store *s, sqlite3_stmt *st, const char *doing)
{
    int rc = sqlite3_step(st);
    StoreResult r = rc == SQLITE_DONE || rc == SQLITE_ROW ? STORE_OK : store_fail(s, rc, doing);
    sqlite3_reset(st);
    return r;
}

StoreResult store_step_change(Store *s, sqlite3_stmt *st, const char *doing)
{
    StoreResult r = store_step_done(s, st, doing);
    return r == STORE_OK && sqlite3_changes(s->db) == 0 ? STORE_NOT_FOUND : r;
}

static StoreResult exec(Store *s, const char *sql, const char *doing)
{
    int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? STORE_OK : store_fail(s, rc, doing);
}

StoreResult store_tx_begin(Store *s)
{
    if (s->tx_depth > 0) {
        s->tx_depth++;
        return STORE_OK;
    }
    sqlite3_stmt *st = store_stmt(s, "BEGIN IMMEDIATE");
    StoreResult r = st ? store_step_done(s, st, "starting to save") : STORE_ERROR;
    if (r == STORE_OK) {
        s->tx_depth = 1;
        s->tx_failed = false;
    }
    return r;
}

StoreResult store_tx_commit(Store *s)
{
    if (s->tx_depth > 1) {
        s->tx_depth--;
        return s->tx_failed ? STORE_ERROR : STORE_OK;
    }
    if (s->tx_depth == 0)
        return STORE_OK; /* rolled back inside: the caller saw that error */
    if (s->tx_failed) {
        store_tx_rollback(s);
        return STORE_ERROR;
    }
    sqlite3_stmt *st = store_stmt(s, "COMMIT");
    if (!st) {
        store_tx_rollback(s);
        return STORE_ERROR;
    }
    StoreResult r = store_step_done(s, st, "saving");
    if (r != STORE_OK) {
        store_tx_rollback(s);
        return r;
    }
    s->tx_depth = 0;
    if (s->scrub_pending)
        store_scrub(s); /* committed either way; a busy WAL waits for the next try */
    return STORE_OK;
}

void store_tx_rollback(Store *s)
{
    if (s->tx_depth > 1) {
        s->tx_depth--;
        s->tx_failed = true;
        return;
    }
    s->tx_depth = 0;
    s->tx_failed = false;
    if (!sqlite3_get_autocommit(s->db))
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    /* what was marked belonged to the transaction just undone; an earlier
     * pending truncation is still wanted */
}

void store_mark_anonymous(Store *s) { s->scrub_pending = true; }

bool store_scrub_pending(const Store *s) { return s->scrub_pending; }

StoreResult store_scrub(Store *s)
{
    if (!s->scrub_pending)
        return STORE_OK;
    if (s->tx_depth > 0)
        return STORE_BUSY; /* after the commit */
    /* Never wait here: the door is drawing its thank-you. A reader that
     * holds the WAL (an export in another process) makes it wait for the
     * next try instead. */
    sqlite3_busy_timeout(s->db, 0);
    int log = -1, done = -1;
    int rc = sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, &log, &done);
    sqlite3_busy_timeout(s->db, STORE_BUSY_MS);
    if (rc == SQLITE_OK && log == 0) {
        s->scrub_pending = false;
        return STORE_OK;
    }
    if (rc == SQLITE_OK || (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
        return STORE_BUSY;
    return store_fail(s, rc, "clearing the journal");
}

void store_bind_text(sqlite3_stmt *st, int idx, const char *text)
{
    /* SQLITE_STATIC: a copy could fail for want of memory, and SQLite
     * would then run the query with NULL in its place: a pass "unknown",
     * a PIN "not set". Without a copy binding cannot fail. */
    if (text)
        sqlite3_bind_text(st, idx, text, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, idx);
}

void store_column_copy(sqlite3_stmt *st, int col, char *out, size_t n)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    snprintf(out, n, "%s", t ? (const char *)t : "");
}

int store_names_page(Store *s, const char *sql, char names[][GROUP_NAME_SIZE], int max,
                     int offset)
{
    sqlite3_stmt *st = store_stmt(s, sql);
    if (!st)
        return -1;
    sqlite3_bind_int(st, 1, max);
    sqlite3_bind_int(st, 2, offset);
    int n = 0, rc = SQLITE_DONE; /* max <= 0: no step, nothing to report */
    while (n < max && (rc = sqlite3_step(st)) == SQLITE_ROW)
        store_column_copy(st, 0, names[n++], GROUP_NAME_SIZE);
    if (n == max)
        rc = SQLITE_DONE;
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        store_fail(s, rc, "listing the groups");
        return -1;
    }
    return n;
}

void store_time(int64_t wall_ms, char out[32]) { clock_iso8601(wall_ms, out); }

int64_t store_column_time(sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    int64_t ms = 0;
    if (!t || !clock_parse_iso((const char *)t, &ms))
        return 0;
    return ms;
}

static int pragma_int(Store *s, const char *sql)
{
    sqlite3_stmt *st = NULL;
    int v = -1;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

int store_schema_version(Store *s) { return pragma_int(s, "PRAGMA user_version"); }

int64_t store_change_stamp(Store *s)
{
    /* data_version moves when another connection commits (the command line,
     * the publisher's own connection); total_changes when this one writes */
    sqlite3_stmt *st = store_stmt(s, "PRAGMA data_version");
    if (!st)
        return -1;
    int64_t v = -1;
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (v < 0)
        return -1;
    return (int64_t)(((uint64_t)v << 40) ^ (uint64_t)sqlite3_total_changes64(s->db));
}

static StoreResult migrate(Store *s, int target, int64_t wall_ms)
{
    int version = store_schema_version(s);
    if (version < 0)
        return store_fail(s, sqlite3_errcode(s->db), "reading the schema version");
    if (version > STORE_SCHEMA_VERSION) {
        snprintf(s->error, sizeof s->error,
                 _("The database %s was written by a newer Hearth (schema %d; this one knows "
                   "%d). Update Hearth; the file has not been changed."),
                 s->path, version, STORE_SCHEMA_VERSION);
        return STORE_CORRUPT;
    }
    for (int v = version; v < target; v++) {
        StoreResult r = store_begin(s);
        if (r != STORE_OK)
            return r;
        r = exec(s, migrations[v], "updating the database layout");
        if (r == STORE_OK && v == 0) {
            char id[UUID_STR_LEN], at[32];
            uuid_new(id);
            store_time(wall_ms, at);
            sqlite3_stmt *st = store_stmt(s, "INSERT INTO kiosk (id, created) VALUES (?, ?)");
            if (!st) {
                r = STORE_ERROR;
            } else {
                store_bind_text(st, 1, id);
                store_bind_text(st, 2, at);
                r = store_step_done(s, st, "naming this kiosk");
            }
        }
        if (r == STORE_OK) {
            char sql[64];
            snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v + 1);
            r = exec(s, sql, "updating the database layout");
        }
        if (r != STORE_OK) {
            store_rollback(s);
            return r;
        }
        r = store_commit(s);
        if (r != STORE_OK)
            return r;
    }
    return STORE_OK;
}

/* True when the first bytes are SQLite's header; an empty file counts as
 * new. Reads without SQLite so a foreign file is never touched. */
static StoreResult check_header(const char *path, char *err, size_t errlen, bool *exists)
{
    static const char magic[16] = "SQLite format 3";
    /* never blocks: a FIFO or a device named by --db is refused at once */
    bool missing;
    char why[600];
    int fd = file_open_regular(path, &missing, why, sizeof why);
    *exists = fd >= 0;
    if (fd < 0) {
        /* Missing, or a path through a file: creating it will say why. */
        if (missing || errno == ENOTDIR) {
            *exists = false;
            return STORE_OK;
        }
        struct stat st;
        if (errno == EINVAL && stat(path, &st) == 0) {
            snprintf(err, errlen,
                     _("The database %s is %s, not a regular file, so Hearth does not open "
                       "it. Pass --db with a database file."),
                     path, file_kind(st.st_mode));
            return STORE_ERROR;
        }
        snprintf(err, errlen, _("Cannot open the database %s: %s."), path, strerror(errno));
        return errno == EACCES ? STORE_READONLY : STORE_ERROR;
    }
    char head[16];
    ssize_t n = read(fd, head, sizeof head);
    close(fd);
    if (n == 0)
        return STORE_OK;
    if (n != (ssize_t)sizeof head || memcmp(head, magic, sizeof magic) != 0) {
        snprintf(err, errlen,
                 _("%s is not a Hearth database (it is not an SQLite file at all). It has not "
                   "been changed; move it away or pass --db with another file."),
                 path);
        return STORE_CORRUPT;
    }
    return STORE_OK;
}

static Store *open_fail(Store *s, StoreResult r, StoreResult *result, char *err,
                        size_t errlen)
{
    if (result)
        *result = r;
    if (err && s)
        snprintf(err, errlen, "%s", s->error);
    store_close(s);
    return NULL;
}

Store *store_open(const char *path, const StoreOpenOptions *opts, StoreResult *result,
                  char *err, size_t errlen)
{
    static const StoreOpenOptions defaults = {.create = true};
    if (!opts)
        opts = &defaults;
    char local_err[512];
    if (!err) {
        err = local_err;
        errlen = sizeof local_err;
    }
    bool exists = false;
    StoreResult r = check_header(path, err, errlen, &exists);
    if (r != STORE_OK) {
        if (result)
            *result = r;
        return NULL;
    }
    if (!exists) {
        if (!opts->create) {
            snprintf(err, errlen, _("The database %s does not exist."), path);
            if (result)
                *result = STORE_NOT_FOUND;
            return NULL;
        }
        if (!paths_make_parent(path, err, errlen)) {
            if (result)
                *result = STORE_READONLY;
            return NULL;
        }
        /* Create it ourselves so it is born private: SQLite would use the
         * umask, and its -wal and -shm files copy the main file's mode. */
        int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        char dir[HEARTH_PATH_MAX];
        if (fd < 0 && errno != EEXIST) {
            int e = errno;
            if ((e == EACCES || e == EROFS) && folder_readonly(path, dir, sizeof dir))
                snprintf(err, errlen,
                         _("Cannot create the database %s: its folder %s is read-only. Make "
                           "the folder writable by the account Hearth runs as, or pass --db "
                           "with a file in another folder."),
                         path, dir);
            else
                snprintf(err, errlen, _("Cannot create the database %s: %s."), path,
                         strerror(e));
            if (result)
                *result = STORE_READONLY;
            return NULL;
        }
        if (fd >= 0)
            close(fd);
    }

    Store *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, errlen, _("Out of memory opening %s."), path);
        if (result)
            *result = STORE_NOMEM;
        return NULL;
    }
    snprintf(s->path, sizeof s->path, "%s", path);
    int rc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL);
    if (rc != SQLITE_OK)
        return open_fail(s, store_fail(s, rc, "opening"), result, err, errlen);
    sqlite3_extended_result_codes(s->db, 1);
    sqlite3_busy_timeout(s->db, STORE_BUSY_MS);
    /* SQLite quietly opens a write-protected file for reading only; the
     * kiosk would then look ready and refuse every check-in. */
    if (sqlite3_db_readonly(s->db, "main") == 1) {
        char dir[sizeof s->path];
        if (access(path, W_OK) == 0 && folder_readonly(path, dir, sizeof dir)) {
            set_readonly_error(s, path, dir);
            return open_fail(s, STORE_READONLY, result, err, errlen);
        }
        set_error(s,
                  _("Cannot write the database %s: the file is read-only. It must be "
                    "writable by the account Hearth runs as; check its permissions."),
                  path);
        return open_fail(s, STORE_READONLY, result, err, errlen);
    }

    /* A file that already holds tables must be ours before anything writes. */
    int app_id = pragma_int(s, "PRAGMA application_id");
    int tables = pragma_int(s, "SELECT count(*) FROM sqlite_schema");
    if (app_id < 0 || tables < 0)
        return open_fail(s, store_fail(s, sqlite3_errcode(s->db), "opening the database"), result, err,
                         errlen);
    if (tables > 0 && app_id != HEARTH_APPLICATION_ID) {
        set_error(s,
                  _("%s is an SQLite database of another program, not Hearth's. It has not "
                    "been changed; pass --db with another file."),
                  path);
        return open_fail(s, STORE_CORRUPT, result, err, errlen);
    }
    /* The whole-file check can wait for the caller (the kiosk runs it right
     * after its first frame) unless a migration is about to write. */
    int version = tables > 0 ? store_schema_version(s) : 0;
    int target = opts->target_version > 0 ? opts->target_version : STORE_SCHEMA_VERSION;
    if (tables > 0 && (!opts->skip_check || version < target)) {
        r = store_quick_check(s);
        if (r != STORE_OK)
            return open_fail(s, r, result, err, errlen);
    }

    /* Durability: WAL so readers never block the door, synchronous=FULL so a
     * commit is on the disk before the screen says so. */
    r = exec(s, "PRAGMA journal_mode = WAL", "setting up the journal");
    /* secure_delete: what a delete or a rewrite frees is zeroed, so an
     * answer taken back, or a count before its last update, leaves no
     * bytes behind in the file. */
    if (r == STORE_OK)
        r = exec(s, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; "
                    "PRAGMA secure_delete = ON;",
                 "setting up");
    if (r == STORE_OK && tables == 0) {
        char sql[64];
        snprintf(sql, sizeof sql, "PRAGMA application_id = %d", HEARTH_APPLICATION_ID);
        r = exec(s, sql, "marking the database");
    }
    if (r == STORE_OK)
        r = migrate(s, target, clock_wall_ms());
    /* Version 5 turned anonymous answer rows into counts: rewrite the whole
     * file, and empty the WAL, so that no page left over from the rows
     * (their insertion order) survives. */
    if (r == STORE_OK && tables > 0 && version < 5 && target >= 5) {
        r = exec(s, "VACUUM", "rewriting the database without the old answer rows");
        s->scrub_pending = true;
        if (r == STORE_OK) {
            StoreResult scrub = store_scrub(s);
            if (scrub != STORE_OK && scrub != STORE_BUSY) /* busy: at the next try */
                r = scrub;
        }
    }
    if (r != STORE_OK)
        return open_fail(s, r, result, err, errlen);

    sqlite3_stmt *st = store_stmt(s, "SELECT id FROM kiosk LIMIT 1");
    if (!st || sqlite3_step(st) != SQLITE_ROW) {
        set_error(s, _("The database %s has lost this kiosk's id."), path);
        return open_fail(s, STORE_CORRUPT, result, err, errlen);
    }
    store_column_copy(st, 0, s->kiosk_id, sizeof s->kiosk_id);
    sqlite3_reset(st);
    if (result)
        *result = STORE_OK;
    return s;
}

Store *store_open_sibling(const Store *open, char *err, size_t errlen)
{
    Store *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, errlen, _("Out of memory opening %s."), open->path);
        return NULL;
    }
    snprintf(s->path, sizeof s->path, "%s", open->path);
    snprintf(s->kiosk_id, sizeof s->kiosk_id, "%s", open->kiosk_id);
    /* SQLite shares this process's locks between its connections to one
     * file and keeps every descriptor open while a lock is held */
    int rc = sqlite3_open_v2(s->path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL);
    StoreResult r = rc == SQLITE_OK ? STORE_OK : store_fail(s, rc, "opening");
    if (r == STORE_OK) {
        sqlite3_extended_result_codes(s->db, 1);
        sqlite3_busy_timeout(s->db, STORE_BUSY_MS);
        r = exec(s, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; "
                    "PRAGMA secure_delete = ON;",
                 "setting up");
    }
    if (r != STORE_OK)
        return open_fail(s, r, NULL, err, errlen);
    return s;
}

void store_close(Store *s)
{
    if (!s)
        return;
    if (s->db && s->tx_depth == 0)
        store_scrub(s);
    for (int i = 0; i < s->nstmts; i++)
        sqlite3_finalize(s->stmts[i].stmt);
    if (s->db)
        sqlite3_close_v2(s->db);
    free(s);
}

const char *store_error(const Store *s) { return s->error; }
const char *store_path(const Store *s) { return s->path; }
const char *store_kiosk_id(const Store *s) { return s->kiosk_id; }

StoreResult store_quick_check(Store *s)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, "PRAGMA quick_check(1)", -1, &st, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(st);
    const char *verdict = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
    bool ok = verdict && !strcmp(verdict, "ok");
    sqlite3_finalize(st);
    if (ok)
        return STORE_OK;
    if (rc == SQLITE_ROW || (rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB) {
        set_error(s,
                  _("The database %s is damaged and cannot be used as it is. It has "
                    "not been changed."),
                  s->path);
        return STORE_CORRUPT;
    }
    StoreResult r = store_fail(s, rc, "checking the database");
    return r == STORE_OK ? STORE_ERROR : r;
}

StoreResult store_check(Store *s)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, "PRAGMA integrity_check(20)", -1, &st, NULL);
    if (rc != SQLITE_OK)
        return store_fail(s, rc, "checking the database");
    size_t used = 0;
    bool ok = true;
    s->error[0] = '\0';
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *line = (const char *)sqlite3_column_text(st, 0);
        if (line && !strcmp(line, "ok"))
            continue;
        ok = false;
        int w = snprintf(s->error + used, sizeof s->error - used, "%s%s", used ? "; " : "",
                         line ? line : "?");
        if (w < 0 || (size_t)w >= sizeof s->error - used)
            break;
        used += (size_t)w;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW && ok)
        return store_fail(s, rc, "checking the database");
    if (ok)
        return STORE_OK;
    char detail[sizeof s->error];
    snprintf(detail, sizeof detail, "%s", s->error);
    snprintf(s->error, sizeof s->error, _("The database %s is damaged: %.300s"), s->path, detail);
    return STORE_CORRUPT;
}

StoreResult store_setting_get(Store *s, const char *key, char *out, size_t n)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT value FROM settings WHERE key = ?");
    if (!st)
        return STORE_ERROR;
    store_bind_text(st, 1, key);
    int rc = sqlite3_step(st);
    StoreResult r;
    if (rc == SQLITE_ROW) {
        store_column_copy(st, 0, out, n);
        r = STORE_OK;
    } else if (rc == SQLITE_DONE) {
        r = STORE_NOT_FOUND;
    } else {
        r = store_fail(s, rc, "reading a setting");
    }
    sqlite3_reset(st);
    return r;
}

StoreResult store_setting_set(Store *s, const char *key, const char *value)
{
    sqlite3_stmt *st = store_stmt(s, "INSERT INTO settings (key, value) VALUES (?, ?) "
                                     "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    if (!st)
        return STORE_ERROR;
    store_bind_text(st, 1, key);
    store_bind_text(st, 2, value);
    return store_step_done(s, st, "saving a setting");
}

int64_t store_setting_int(Store *s, const char *key, int64_t fallback)
{
    char buf[32];
    if (store_setting_get(s, key, buf, sizeof buf) != STORE_OK)
        return fallback;
    char *end;
    errno = 0;
    long long v = strtoll(buf, &end, 10);
    return (errno || end == buf || *end) ? fallback : (int64_t)v;
}

StoreResult store_setting_set_int(Store *s, const char *key, int64_t value)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", (long long)value);
    return store_setting_set(s, key, buf);
}

StoreResult store_setting_set_many(Store *s, int n, const char *const kv[])
{
    StoreResult r = store_begin(s);
    for (int i = 0; r == STORE_OK && i < n; i++)
        r = store_setting_set(s, kv[2 * i], kv[2 * i + 1]);
    if (r != STORE_OK) {
        store_rollback(s);
        return r;
    }
    return store_commit(s);
}

StoreResult store_audit(Store *s, int64_t wall_ms, const char *action, const char *detail)
{
    char at[32];
    store_time(wall_ms, at);
    sqlite3_stmt *st =
        store_stmt(s, "INSERT INTO audit (at, action, detail) VALUES (?, ?, ?)");
    if (!st)
        return STORE_ERROR;
    store_bind_text(st, 1, at);
    store_bind_text(st, 2, action);
    store_bind_text(st, 3, detail ? detail : "");
    return store_step_done(s, st, "writing the audit log");
}

int store_audit_latest(Store *s, AuditEntry *out, int max)
{
    sqlite3_stmt *st =
        store_stmt(s, "SELECT at, action, detail FROM audit ORDER BY id DESC LIMIT ?");
    if (!st)
        return -1;
    sqlite3_bind_int(st, 1, max);
    int n = 0, rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < max) {
        out[n].at_ms = store_column_time(st, 0);
        store_column_copy(st, 1, out[n].action, sizeof out[n].action);
        store_column_copy(st, 2, out[n].detail, sizeof out[n].detail);
        n++;
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? n : (store_fail(s, rc, "reading the audit log"), -1);
}

StoreResult store_set_page_limit(Store *s, int pages)
{
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA max_page_count = %d", pages > 0 ? pages : 1073741823);
    return exec(s, sql, "limiting the size");
}
