/* The program's server through libpq. */
#include "program/program.h"

#include "core/i18n.h"
#include "core/stats.h"

#include "core/dynlib.h"

#include <libpq-fe.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* libpq is opened when the program's server is first used (core/dynlib.h
 * says why): its functions are called through this table, under their own
 * names. */
#define PQ_FUNCTIONS(X)                                                                    \
    X(PQclear) X(PQconnectdbParams) X(PQconnectionNeedsPassword) X(PQconninfoFree)          \
    X(PQconninfoParse) X(PQdb) X(PQerrorMessage) X(PQexec) X(PQexecParams) X(PQfinish)       \
    X(PQfreemem) X(PQgetisnull) X(PQgetvalue) X(PQhost) X(PQntuples) X(PQresultErrorField)   \
    X(PQresultErrorMessage) X(PQresultStatus) X(PQstatus)

#define PQ_SLOT(f) __typeof__(f) *f;
static struct {
    PQ_FUNCTIONS(PQ_SLOT)
} pq;
#undef PQ_SLOT

static char pq_missing[400]; /* why libpq could not be loaded; "" once it is */
static pthread_once_t pq_once = PTHREAD_ONCE_INIT;

static void pq_load(void)
{
    char why[300];
    void *lib = dynlib_open("libpq.so.5", why, sizeof why);
#define PQ_FIND(f) &&dynlib_find(lib, #f, &pq.f, sizeof pq.f, why, sizeof why)
    if (lib PQ_FUNCTIONS(PQ_FIND))
        return;
#undef PQ_FIND
    snprintf(pq_missing, sizeof pq_missing,
             _("PostgreSQL's client library cannot be loaded (%s). Install Debian's libpq5 to "
               "publish to the program's server."),
             why);
}

#define PQclear (pq.PQclear)
#define PQconnectdbParams (pq.PQconnectdbParams)
#define PQconnectionNeedsPassword (pq.PQconnectionNeedsPassword)
#define PQconninfoFree (pq.PQconninfoFree)
#define PQconninfoParse (pq.PQconninfoParse)
#define PQdb (pq.PQdb)
#define PQerrorMessage (pq.PQerrorMessage)
#define PQexec (pq.PQexec)
#define PQexecParams (pq.PQexecParams)
#define PQfinish (pq.PQfinish)
#define PQfreemem (pq.PQfreemem)
#define PQgetisnull (pq.PQgetisnull)
#define PQgetvalue (pq.PQgetvalue)
#define PQhost (pq.PQhost)
#define PQntuples (pq.PQntuples)
#define PQresultErrorField (pq.PQresultErrorField)
#define PQresultErrorMessage (pq.PQresultErrorMessage)
#define PQresultStatus (pq.PQresultStatus)
#define PQstatus (pq.PQstatus)

struct ProgramConn {
    PGconn *pg;
    char where[300]; /* "database on host", for messages */
};

bool program_built(void) { return true; }

const char *program_not_built_text(void)
{
    return _("This Hearth was built without PostgreSQL (libpq): it cannot publish to a "
             "program's server or read from one.");
}

/* --- messages ------------------------------------------------------------ */

/* libpq's messages span lines ("...failed: No such file or directory\n\tIs
 * the server running...?"): the first says what happened; one line, with
 * no full stop, since the sentence around it ends it. */
static void one_line(char *out, size_t n, const char *msg)
{
    size_t j = 0;
    for (const char *p = msg ? msg : ""; *p && *p != '\n' && j + 1 < n; p++)
        out[j++] = *p == '\t' || *p == '\r' ? ' ' : *p;
    while (j > 0 && (out[j - 1] == ' ' || out[j - 1] == '.'))
        j--;
    out[j] = '\0';
}

static void describe(PGconn *pg, char *out, size_t n)
{
    const char *db = PQdb(pg), *host = PQhost(pg);
    /* TRANSLATORS: a PostgreSQL database and the host (or socket folder) it is on */
    snprintf(out, n, _("database %s on %s"), db && *db ? db : "?", host && *host ? host : "?");
}

/* What a failed statement means for the caller: a lost connection is
 * tried again later; a refusal waits for someone to act. */
static ProgramResult classify(PGconn *pg, const PGresult *res)
{
    if (PQstatus(pg) != CONNECTION_OK)
        return PROGRAM_UNREACHABLE;
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    if (!state)
        return PROGRAM_UNREACHABLE; /* no answer at all: the connection went */
    if (!strncmp(state, "08", 2) || !strncmp(state, "57", 2) || !strncmp(state, "53", 2))
        return PROGRAM_UNREACHABLE; /* connection, shutdown, out of resources */
    if (!strncmp(state, "42", 2) || !strncmp(state, "28", 2) || !strncmp(state, "3F", 2))
        return PROGRAM_REFUSED;     /* no such object, no privilege, no schema */
    return PROGRAM_ERROR;
}

static ProgramResult fail_stmt(ProgramConn *pc, PGresult *res, const char *doing, char *err,
                               size_t errlen)
{
    ProgramResult r = classify(pc->pg, res);
    char msg[400];
    one_line(msg, sizeof msg, res ? PQresultErrorMessage(res) : PQerrorMessage(pc->pg));
    if (!msg[0])
        one_line(msg, sizeof msg, PQerrorMessage(pc->pg));
    if (r == PROGRAM_UNREACHABLE)
        snprintf(err, errlen, _("Lost the program's server (%s) while %s: %s. Nothing is lost: "
                                "what was not published waits on this kiosk."),
                 pc->where, _(doing), msg);
    else
        snprintf(err, errlen, _("The program's server (%s) refused %s: %s."), pc->where,
                 _(doing), msg);
    PQclear(res);
    return r;
}

/* --- connecting ------------------------------------------------------------ */

#define MAX_OPTIONS 64

/* Connects with the options of url, plus a time limit and Hearth's name
 * when it sets none. A password in the address is refused: it belongs in
 * ~/.pgpass or PGPASSFILE, never in hearth.ini or a command line. */
static PGconn *open_pg(const char *url, ProgramResult *res, char *err, size_t errlen)
{
    pthread_once(&pq_once, pq_load);
    if (pq_missing[0]) {
        snprintf(err, errlen, "%s", pq_missing);
        *res = PROGRAM_REFUSED;
        return NULL;
    }
    char *perr = NULL;
    PQconninfoOption *opts = PQconninfoParse(url ? url : "", &perr);
    if (!opts) {
        char msg[300];
        one_line(msg, sizeof msg, perr);
        snprintf(err, errlen,
                 _("'%s' is not a PostgreSQL connection string (such as "
                   "postgresql://kiosk1@db.example.org/hearth?sslmode=verify-full): %s."),
                 url ? url : "", msg);
        PQfreemem(perr);
        *res = PROGRAM_REFUSED;
        return NULL;
    }
    const char *keys[MAX_OPTIONS + 4], *vals[MAX_OPTIONS + 4];
    int n = 0;
    bool password = false, timeout = false, app = false;
    for (PQconninfoOption *o = opts; o->keyword && n < MAX_OPTIONS; o++) {
        if (!o->val || !o->val[0])
            continue;
        password |= !strcmp(o->keyword, "password");
        timeout |= !strcmp(o->keyword, "connect_timeout");
        app |= !strcmp(o->keyword, "application_name");
        keys[n] = o->keyword;
        vals[n++] = o->val;
    }
    if (password) {
        snprintf(err, errlen, "%s",
                 _("The program server's address holds a password. Take it out: Hearth reads "
                   "the password from ~/.pgpass (or the file PGPASSFILE names) or uses a client "
                   "certificate, so that no password is kept in hearth.ini or shown on a "
                   "command line."));
        PQconninfoFree(opts);
        *res = PROGRAM_REFUSED;
        return NULL;
    }
    /* a kiosk waits at most this long for a server that does not answer */
    if (!timeout) {
        keys[n] = "connect_timeout";
        vals[n++] = "10";
    }
    if (!app) {
        keys[n] = "application_name";
        vals[n++] = "hearth";
    }
    keys[n] = vals[n] = NULL;
    PGconn *pg = PQconnectdbParams(keys, vals, 0);
    PQconninfoFree(opts);
    if (!pg) {
        snprintf(err, errlen, "%s", _("Out of memory while connecting to the program's server."));
        *res = PROGRAM_ERROR;
        return NULL;
    }
    if (PQstatus(pg) != CONNECTION_OK) {
        char where[300], msg[400];
        describe(pg, where, sizeof where);
        one_line(msg, sizeof msg, PQerrorMessage(pg));
        /* a login the server refuses is not a server away: say what to do */
        bool login = PQconnectionNeedsPassword(pg) || strstr(msg, "authentication") ||
                     strstr(msg, "no password supplied") || strstr(msg, "does not exist");
        if (login)
            snprintf(err, errlen,
                     _("The program's server (%s) refused this login: %s. Its password goes in "
                       "~/.pgpass (or the file PGPASSFILE names) of the account Hearth runs as, "
                       "or use a client certificate. Nothing is lost: what was not published "
                       "waits on this kiosk."),
                     where, msg);
        else
            snprintf(err, errlen,
                     _("Cannot reach the program's server (%s): %s. Nothing is lost: what was "
                       "not published waits on this kiosk."),
                     where, msg);
        PQfinish(pg);
        *res = login ? PROGRAM_REFUSED : PROGRAM_UNREACHABLE;
        return NULL;
    }
    /* DROP ... IF EXISTS and the like say so: nothing a person needs */
    PQclear(PQexec(pg, "SET client_min_messages = warning"));
    *res = PROGRAM_OK;
    return pg;
}

static PGresult *run(ProgramConn *pc, const char *sql, int nparams, const char *const *params)
{
    return PQexecParams(pc->pg, sql, nparams, NULL, params, NULL, NULL, 0);
}

static bool ok(const PGresult *res)
{
    ExecStatusType st = PQresultStatus(res);
    return st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;
}

/* The server's schema version: 0 when it has none. -1 on error. */
static int schema_version(ProgramConn *pc, ProgramResult *r, char *err, size_t errlen)
{
    PGresult *res = run(pc, "SELECT to_regclass('hearth.meta') IS NOT NULL", 0, NULL);
    if (!ok(res)) {
        *r = fail_stmt(pc, res, "reading the schema version", err, errlen);
        return -1;
    }
    bool has = !strcmp(PQgetvalue(res, 0, 0), "t");
    PQclear(res);
    if (!has)
        return 0;
    res = run(pc, "SELECT value::integer FROM hearth.meta WHERE key = 'schema_version'", 0, NULL);
    if (!ok(res)) {
        *r = fail_stmt(pc, res, "reading the schema version", err, errlen);
        return -1;
    }
    int v = PQntuples(res) ? atoi(PQgetvalue(res, 0, 0)) : 0;
    PQclear(res);
    return v;
}

static void newer_schema(ProgramConn *pc, int version, char *err, size_t errlen)
{
    snprintf(err, errlen,
             _("The program's server (%s) has schema version %d, newer than this Hearth knows "
               "(%d). Update Hearth on this machine; nothing was changed."),
             pc->where, version, PROGRAM_SCHEMA_VERSION);
}

ProgramConn *program_connect(const char *url, ProgramResult *res, char *err, size_t errlen)
{
    PGconn *pg = open_pg(url, res, err, errlen);
    if (!pg)
        return NULL;
    ProgramConn *pc = calloc(1, sizeof *pc);
    if (!pc) {
        PQfinish(pg);
        *res = PROGRAM_ERROR;
        snprintf(err, errlen, "%s", _("Out of memory while connecting to the program's server."));
        return NULL;
    }
    pc->pg = pg;
    describe(pg, pc->where, sizeof pc->where);
    /* no statement may keep a kiosk's publisher waiting for ever */
    PQclear(run(pc, "SET statement_timeout = '60s'", 0, NULL));
    int v = schema_version(pc, res, err, errlen);
    if (v < 0) {
        program_close(pc);
        return NULL;
    }
    if (v > PROGRAM_SCHEMA_VERSION) {
        newer_schema(pc, v, err, errlen);
        *res = PROGRAM_REFUSED;
    } else if (v < PROGRAM_SCHEMA_VERSION) {
        snprintf(err, errlen,
                 v == 0 ? _("The program's server (%s) has no Hearth schema yet: its "
                            "administrator runs 'hearth server init URL' once.")
                        : _("The program's server (%s) has an older Hearth schema: its "
                            "administrator runs 'hearth server init URL' to update it."),
                 pc->where);
        *res = PROGRAM_REFUSED;
    } else {
        *res = PROGRAM_OK;
        return pc;
    }
    program_close(pc);
    return NULL;
}

void program_close(ProgramConn *pc)
{
    if (!pc)
        return;
    PQfinish(pc->pg);
    free(pc);
}

/* --- publishing ------------------------------------------------------------ */

/* Appends s to a PostgreSQL array literal as a quoted element. */
static bool array_add(char **buf, size_t *len, size_t *cap, const char *s, bool first)
{
    size_t need = *len + 2 * strlen(s) + 4;
    if (need > *cap) {
        size_t c = *cap ? *cap * 2 : 1024;
        while (c < need)
            c *= 2;
        char *p = realloc(*buf, c);
        if (!p)
            return false;
        *buf = p;
        *cap = c;
    }
    char *o = *buf + *len;
    if (!first)
        *o++ = ',';
    *o++ = '"';
    for (const char *q = s; *q; q++) {
        if (*q == '"' || *q == '\\')
            *o++ = '\\';
        *o++ = *q;
    }
    *o++ = '"';
    *o = '\0';
    *len = (size_t)(o - *buf);
    return true;
}

typedef struct Arrays {
    char *text[5];
    size_t len[5], cap[5];
} Arrays;

static bool build_arrays(const SessionAggregate *a, Arrays *ar)
{
    memset(ar, 0, sizeof *ar);
    for (int k = 0; k < 5; k++) {
        ar->cap[k] = 64;
        ar->text[k] = malloc(ar->cap[k]);
        if (!ar->text[k])
            return false;
        strcpy(ar->text[k], "{");
        ar->len[k] = 1;
    }
    bool first = true;
    for (int i = 0; i < a->ncells; i++) {
        const AggregateCell *c = &a->cells[i];
        if (aggregate_cell_n(c) == 0)
            continue; /* answers taken back: no cell in any report either */
        char counts[STATS_VALUE_MAX * 12 + 8];
        size_t used = 0;
        for (int v = 0; v <= STATS_VALUE_MAX; v++)
            used += (size_t)snprintf(counts + used, sizeof counts - used, "%s%d", v ? "," : "{",
                                     c->counts[v]);
        snprintf(counts + used, sizeof counts - used, "}");
        const char *fields[5] = {c->instrument, c->phase, c->part, c->exercise, counts};
        for (int k = 0; k < 5; k++)
            if (!array_add(&ar->text[k], &ar->len[k], &ar->cap[k], fields[k], first))
                return false;
        first = false;
    }
    for (int k = 0; k < 5; k++) {
        if (ar->len[k] + 2 > ar->cap[k]) {
            char *p = realloc(ar->text[k], ar->len[k] + 2);
            if (!p)
                return false;
            ar->text[k] = p;
        }
        strcat(ar->text[k], "}");
    }
    return true;
}

static void free_arrays(Arrays *ar)
{
    for (int k = 0; k < 5; k++)
        free(ar->text[k]);
}

ProgramResult program_publish(ProgramConn *pc, const SessionAggregate *a, char *err,
                              size_t errlen)
{
    Arrays ar;
    if (!build_arrays(a, &ar)) {
        free_arrays(&ar);
        snprintf(err, errlen, "%s", _("Out of memory while publishing a session."));
        return PROGRAM_ERROR;
    }
    ProgramResult r = PROGRAM_OK;
    PGresult *res = run(pc, "BEGIN", 0, NULL);
    if (!ok(res)) {
        r = fail_stmt(pc, res, "publishing a session", err, errlen);
        free_arrays(&ar);
        return r;
    }
    PQclear(res);
    char attendance[16];
    snprintf(attendance, sizeof attendance, "%d", a->attendance);
    const char *sp[] = {a->id, a->kiosk, a->site, a->group, a->date, attendance,
                        a->demo ? "true" : "false"};
    /* the session's UUID is the key: a copy published before (from this
     * kiosk, or from a backup of it restored) leaves the row as it is */
    res = run(pc,
              "INSERT INTO hearth.sessions (id, kiosk_id, site, group_name, session_date, "
              "attendance, demo) VALUES ($1, $2, $3, $4, $5, $6, $7) "
              "ON CONFLICT (id) DO NOTHING RETURNING id",
              7, sp);
    if (!ok(res)) {
        r = fail_stmt(pc, res, "publishing a session", err, errlen);
    } else if (PQntuples(res) == 0) {
        PQclear(res);
        r = PROGRAM_ALREADY;
    } else {
        PQclear(res);
        const char *cp[] = {a->id, ar.text[0], ar.text[1], ar.text[2], ar.text[3], ar.text[4]};
        res = run(pc,
                  "INSERT INTO hearth.cells (session_id, instrument, phase, part, exercise, "
                  "counts) SELECT $1, u.i, u.p, u.t, nullif(u.e, ''), u.c::integer[] "
                  "FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) "
                  "AS u(i, p, t, e, c)",
                  6, cp);
        if (!ok(res))
            r = fail_stmt(pc, res, "publishing a session's counts", err, errlen);
        else
            PQclear(res);
    }
    free_arrays(&ar);
    if (r == PROGRAM_OK) {
        res = run(pc, "COMMIT", 0, NULL);
        if (!ok(res))
            r = fail_stmt(pc, res, "publishing a session", err, errlen);
        else
            PQclear(res);
    } else {
        PQclear(run(pc, "ROLLBACK", 0, NULL));
    }
    return r;
}

/* --- the server's schema --------------------------------------------------- */

/* Each takes the schema from version i to i + 1; they only ever grow. */
static const char *const migrations[] = {
    /* 0 -> 1: the raw counts. A row says which kiosk role wrote it, and
     * row-level security lets a kiosk see and add only its own. */
    "CREATE SCHEMA IF NOT EXISTS hearth;"
    "CREATE TABLE hearth.meta (key text PRIMARY KEY, value text NOT NULL);"
    "CREATE TABLE hearth.sessions ("
    "  id uuid PRIMARY KEY,"
    "  kiosk_id uuid NOT NULL,"
    "  kiosk_role name NOT NULL DEFAULT current_user,"
    "  site text NOT NULL DEFAULT '' CHECK (length(site) <= 128),"
    "  group_name text NOT NULL CHECK (length(group_name) BETWEEN 1 AND 256),"
    "  session_date date NOT NULL,"
    "  attendance integer NOT NULL CHECK (attendance >= 0),"
    "  demo boolean NOT NULL DEFAULT false);"
    "CREATE INDEX sessions_pool ON hearth.sessions (site, group_name, session_date);"
    "CREATE TABLE hearth.cells ("
    "  session_id uuid NOT NULL REFERENCES hearth.sessions (id),"
    "  kiosk_role name NOT NULL DEFAULT current_user,"
    "  instrument text NOT NULL CHECK (instrument ~ '^[a-z0-9-]{1,48}$'),"
    "  phase text NOT NULL CHECK (phase IN ('arrival', 'pre', 'post', 'checkout', 'round')),"
    "  part text NOT NULL DEFAULT '' CHECK (length(part) <= 39),"
    "  exercise text CHECK (exercise ~ '^[a-z0-9-]{1,48}$'),"
    "  counts integer[] NOT NULL CHECK (array_ndims(counts) = 1 AND array_lower(counts, 1) = 1"
    "    AND cardinality(counts) = 11 AND array_position(counts, NULL) IS NULL"
    "    AND 0 <= ALL (counts)),"
    "  PRIMARY KEY (session_id, instrument, phase, part));"
    "ALTER TABLE hearth.sessions ENABLE ROW LEVEL SECURITY;"
    "ALTER TABLE hearth.cells ENABLE ROW LEVEL SECURITY;"
    "CREATE POLICY kiosk_own ON hearth.sessions TO hearth_kiosk"
    "  USING (kiosk_role = current_user) WITH CHECK (kiosk_role = current_user);"
    "CREATE POLICY kiosk_own ON hearth.cells TO hearth_kiosk"
    "  USING (kiosk_role = current_user) WITH CHECK (kiosk_role = current_user AND EXISTS"
    "  (SELECT 1 FROM hearth.sessions s WHERE s.id = session_id AND s.kiosk_role = current_user));"
    "INSERT INTO hearth.meta (key, value) VALUES ('program_id', gen_random_uuid()::text),"
    "  ('min_cell', '5');",
};
_Static_assert(sizeof migrations / sizeof migrations[0] == PROGRAM_SCHEMA_VERSION,
               "one migration per schema version");

#define SQL_INT(x) #x
#define SQL_NUMBER(x) SQL_INT(x)
#define FLOOR SQL_NUMBER(STATS_MIN_CELL_FLOOR)
#define QUARTILES SQL_NUMBER(STATS_QUARTILES_FROM)

/* Made again by every init, so a fix reaches every server: the rule, the
 * views and the grants. The SQL follows core/stats.h (its floor and the
 * size from which quartiles show come from there), and
 * tests/program/test_server.c checks that both give the same figures. */
static const char *const rules_sql[] = {
    "DROP VIEW IF EXISTS hearth.program_runs, hearth.program_cells, hearth.program_sessions;"
    "DROP FUNCTION IF EXISTS hearth.program_cells_at(integer), "
    "  hearth.program_sessions_at(integer);",
    /* the r-th smallest answer (1-based) of counts by value 0..10 */
    "CREATE OR REPLACE FUNCTION hearth.rank_value(counts bigint[], r bigint) RETURNS integer"
    "  LANGUAGE plpgsql IMMUTABLE AS $f$"
    "  DECLARE seen bigint := 0;"
    "  BEGIN"
    "    IF r < 1 THEN RETURN NULL; END IF;"
    "    FOR v IN 1 .. cardinality(counts) LOOP"
    "      seen := seen + counts[v];"
    "      IF seen >= r THEN RETURN v - 1; END IF;"
    "    END LOOP;"
    "    RETURN NULL;"
    "  END $f$;",
    /* stats_pool_shown: 0, or K or more, and whatever parts an export may
     * show (those of the floor or more), what is left is 0 or K or more */
    "CREATE OR REPLACE FUNCTION hearth.pool_shown(total bigint, parts integer[], k integer)"
    "  RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $f$"
    "  DECLARE reach boolean[]; hidden bigint := 0; p integer;"
    "  BEGIN"
    "    IF total = 0 THEN RETURN true; END IF;"
    "    IF total < k THEN RETURN false; END IF;"
    "    FOREACH p IN ARRAY parts LOOP"
    "      IF p < " FLOOR " THEN hidden := hidden + p; END IF;"
    "    END LOOP;"
    "    IF hidden >= k THEN RETURN true; END IF;"
    "    reach := array_fill(false, ARRAY[k]);"
    "    reach[hidden + 1] := true;"
    "    FOREACH p IN ARRAY parts LOOP"
    "      IF p >= " FLOOR " AND p < k THEN"
    "        FOR s IN REVERSE k - 1 - p .. 0 LOOP"
    "          IF reach[s + 1] THEN reach[s + p + 1] := true; END IF;"
    "        END LOOP;"
    "      END IF;"
    "    END LOOP;"
    "    FOR s IN 1 .. k - 1 LOOP"
    "      IF reach[s + 1] THEN RETURN false; END IF;"
    "    END LOOP;"
    "    RETURN true;"
    "  END $f$;",
    /* stats_disclose on pooled counts, with the pool's parts */
    "CREATE OR REPLACE FUNCTION hearth.disclose(counts bigint[], parts integer[], k integer,"
    "  OUT n integer, OUT median integer, OUT q1 integer, OUT q3 integer)"
    "  LANGUAGE plpgsql IMMUTABLE AS $f$"
    "  DECLARE total bigint := 0;"
    "  BEGIN"
    "    FOR v IN 1 .. cardinality(counts) LOOP total := total + counts[v]; END LOOP;"
    "    IF total = 0 OR NOT hearth.pool_shown(total, parts, k) THEN RETURN; END IF;"
    "    n := total;"
    "    median := hearth.rank_value(counts, (total + 1) / 2);"
    "    IF total >= " QUARTILES " THEN"
    "      q1 := hearth.rank_value(counts, (total + 3) / 4);"
    "      q3 := hearth.rank_value(counts, (3 * total + 3) / 4);"
    "    END IF;"
    "  END $f$;",
    "CREATE OR REPLACE FUNCTION hearth.add_counts(a bigint[], b integer[]) RETURNS bigint[]"
    "  LANGUAGE sql IMMUTABLE AS"
    "  $f$ SELECT array_agg(a[i] + b[i] ORDER BY i) FROM generate_series(1, 11) AS i $f$;"
    "CREATE OR REPLACE AGGREGATE hearth.sum_counts(integer[]) (SFUNC = hearth.add_counts,"
    "  STYPE = bigint[], INITCOND = '{0,0,0,0,0,0,0,0,0,0,0}');"
    /* the K of a report: the one asked for, never below the server's */
    "CREATE OR REPLACE FUNCTION hearth.min_cell(asked integer) RETURNS integer"
    "  LANGUAGE sql STABLE AS $f$ SELECT greatest(coalesce(asked, 0), " FLOOR ","
    "  (SELECT value::integer FROM hearth.meta WHERE key = 'min_cell')) $f$;"
    /* a pooled session's id: the same in every report */
    "CREATE OR REPLACE FUNCTION hearth.pool_id(site text, group_name text, day date)"
    "  RETURNS uuid LANGUAGE sql IMMUTABLE AS"
    "  $f$ SELECT md5(site || chr(31) || group_name || chr(31) || day::text)::uuid $f$;",
    "CREATE FUNCTION hearth.program_sessions_at(asked integer)"
    "  RETURNS TABLE (session_id uuid, site text, group_name text, session_date date,"
    "    attendance bigint, demo boolean)"
    "  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$"
    "  SELECT hearth.pool_id(s.site, s.group_name, s.session_date), s.site, s.group_name,"
    "    s.session_date, CASE WHEN hearth.pool_shown(sum(s.attendance), array_agg(s.attendance),"
    "    hearth.min_cell(asked)) THEN sum(s.attendance) END, bool_or(s.demo)"
    "  FROM hearth.sessions s GROUP BY s.site, s.group_name, s.session_date $f$;",
    "CREATE FUNCTION hearth.program_cells_at(asked integer)"
    "  RETURNS TABLE (session_id uuid, site text, group_name text, session_date date,"
    "    instrument text, phase text, part text, exercise text, n integer, median integer,"
    "    q1 integer, q3 integer, suppressed boolean)"
    "  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$"
    "  WITH pooled AS ("
    "    SELECT s.site, s.group_name, s.session_date, c.instrument, c.phase, c.part,"
    "      max(c.exercise) AS exercise, hearth.sum_counts(c.counts) AS counts,"
    "      array_agg((SELECT sum(x) FROM unnest(c.counts) AS x)::integer) AS parts"
    "    FROM hearth.cells c JOIN hearth.sessions s ON s.id = c.session_id"
    "    GROUP BY s.site, s.group_name, s.session_date, c.instrument, c.phase, c.part)"
    "  SELECT hearth.pool_id(p.site, p.group_name, p.session_date), p.site, p.group_name,"
    "    p.session_date, p.instrument, p.phase, p.part, p.exercise, d.n, d.median, d.q1, d.q3,"
    "    d.n IS NULL"
    "  FROM pooled p, hearth.disclose(p.counts, p.parts, hearth.min_cell(asked)) d $f$;",
    "CREATE VIEW hearth.program_sessions AS SELECT * FROM hearth.program_sessions_at(NULL);"
    "CREATE VIEW hearth.program_cells AS SELECT * FROM hearth.program_cells_at(NULL);"
    "CREATE VIEW hearth.program_runs AS"
    "  SELECT pre.session_id, pre.site, pre.group_name, pre.session_date, pre.exercise,"
    "    pre.instrument, pre.part AS run, pre.median AS median_before,"
    "    post.median AS median_after, post.median - pre.median AS change"
    "  FROM hearth.program_cells pre JOIN hearth.program_cells post"
    "    ON post.session_id = pre.session_id AND post.instrument = pre.instrument"
    "    AND post.part = pre.part AND post.phase = 'post'"
    "  WHERE pre.phase = 'pre' AND pre.part <> '';",
    /* the grants: kiosks add their own rows; readers see the views */
    "REVOKE ALL ON SCHEMA hearth FROM PUBLIC;"
    "REVOKE ALL ON ALL TABLES IN SCHEMA hearth FROM PUBLIC, hearth_kiosk, hearth_reader;"
    "REVOKE ALL ON FUNCTION hearth.program_sessions_at(integer),"
    "  hearth.program_cells_at(integer) FROM PUBLIC;"
    "GRANT USAGE ON SCHEMA hearth TO hearth_kiosk, hearth_reader;"
    "GRANT SELECT ON hearth.meta TO hearth_kiosk, hearth_reader;"
    "GRANT SELECT, INSERT ON hearth.sessions, hearth.cells TO hearth_kiosk;"
    "GRANT SELECT ON hearth.program_sessions, hearth.program_cells, hearth.program_runs"
    "  TO hearth_reader;"
    "GRANT EXECUTE ON FUNCTION hearth.program_sessions_at(integer),"
    "  hearth.program_cells_at(integer) TO hearth_reader;",
};

static const char roles_sql[] =
    "DO $r$ BEGIN"
    "  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hearth_kiosk') THEN"
    "    CREATE ROLE hearth_kiosk NOLOGIN;"
    "  END IF;"
    "  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hearth_reader') THEN"
    "    CREATE ROLE hearth_reader NOLOGIN;"
    "  END IF;"
    "END $r$;";

static ProgramResult exec_step(ProgramConn *pc, const char *sql, const char *doing, char *err,
                               size_t errlen)
{
    PGresult *res = PQexec(pc->pg, sql);
    if (!ok(res))
        return fail_stmt(pc, res, doing, err, errlen);
    PQclear(res);
    return PROGRAM_OK;
}

static ProgramResult init_in_tx(ProgramConn *pc, int min_cell, ProgramInitInfo *out, char *err,
                                size_t errlen)
{
    /* two administrators at once take turns */
    ProgramResult r = exec_step(pc, "SELECT pg_advisory_xact_lock(4851525448)",
                                "setting up the schema", err, errlen);
    if (r != PROGRAM_OK)
        return r;
    int v = schema_version(pc, &r, err, errlen);
    if (v < 0)
        return r;
    out->from_version = v;
    if (v > PROGRAM_SCHEMA_VERSION) {
        newer_schema(pc, v, err, errlen);
        return PROGRAM_REFUSED;
    }
    r = exec_step(pc, roles_sql, "creating the roles hearth_kiosk and hearth_reader", err,
                  errlen);
    for (int i = v; r == PROGRAM_OK && i < PROGRAM_SCHEMA_VERSION; i++)
        r = exec_step(pc, migrations[i], "updating the schema", err, errlen);
    if (r != PROGRAM_OK)
        return r;
    char version[16], k[16];
    snprintf(version, sizeof version, "%d", PROGRAM_SCHEMA_VERSION);
    snprintf(k, sizeof k, "%d", min_cell);
    const char *vp[] = {version};
    PGresult *res = run(pc,
                        "INSERT INTO hearth.meta (key, value) VALUES ('schema_version', $1) "
                        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                        1, vp);
    if (!ok(res))
        return fail_stmt(pc, res, "updating the schema", err, errlen);
    PQclear(res);
    if (min_cell > 0) {
        const char *kp[] = {k};
        res = run(pc, "UPDATE hearth.meta SET value = $1 WHERE key = 'min_cell'", 1, kp);
        if (!ok(res))
            return fail_stmt(pc, res, "setting the threshold", err, errlen);
        PQclear(res);
    }
    for (size_t i = 0; r == PROGRAM_OK && i < sizeof rules_sql / sizeof rules_sql[0]; i++)
        r = exec_step(pc, rules_sql[i], "creating the views", err, errlen);
    if (r != PROGRAM_OK)
        return r;
    res = run(pc,
              "SELECT (SELECT value FROM hearth.meta WHERE key = 'program_id'), "
              "(SELECT value::integer FROM hearth.meta WHERE key = 'min_cell')",
              0, NULL);
    if (!ok(res))
        return fail_stmt(pc, res, "setting up the schema", err, errlen);
    snprintf(out->program_id, sizeof out->program_id, "%s", PQgetvalue(res, 0, 0));
    out->min_cell = atoi(PQgetvalue(res, 0, 1));
    out->to_version = PROGRAM_SCHEMA_VERSION;
    PQclear(res);
    return PROGRAM_OK;
}

ProgramResult program_init(const char *url, int min_cell, ProgramInitInfo *out, char *err,
                           size_t errlen)
{
    memset(out, 0, sizeof *out);
    ProgramResult r;
    PGconn *pg = open_pg(url, &r, err, errlen);
    if (!pg)
        return r;
    ProgramConn pc = {pg, ""};
    describe(pg, pc.where, sizeof pc.where);
    /* CREATE ROLE and the DDL in one transaction: all of it or none */
    r = exec_step(&pc, "BEGIN", "setting up the schema", err, errlen);
    if (r == PROGRAM_OK)
        r = init_in_tx(&pc, min_cell, out, err, errlen);
    if (r == PROGRAM_OK)
        r = exec_step(&pc, "COMMIT", "setting up the schema", err, errlen);
    else
        PQclear(PQexec(pg, "ROLLBACK"));
    PQfinish(pg);
    return r;
}

/* --- reading the views ----------------------------------------------------- */

static int int_or(const PGresult *res, int row, int col)
{
    return PQgetisnull(res, row, col) ? -1 : atoi(PQgetvalue(res, row, col));
}

static ProgramResult read_rows(ProgramConn *pc, const ProgramQuery *q, const ProgramSink *sink,
                               char *err, size_t errlen)
{
    char k[16];
    snprintf(k, sizeof k, "%d", q->min_cell);
    const char *ip[] = {k};
    PGresult *res = run(pc,
                        "SELECT (SELECT value FROM hearth.meta WHERE key = 'program_id'), "
                        "hearth.min_cell($1)",
                        1, ip);
    if (!ok(res))
        return fail_stmt(pc, res, "reading the program's report", err, errlen);
    ProgramInfo info = {"", atoi(PQgetvalue(res, 0, 1))};
    snprintf(info.program_id, sizeof info.program_id, "%s", PQgetvalue(res, 0, 0));
    PQclear(res);
    if (sink->begin && !sink->begin(sink->ctx, &info)) {
        snprintf(err, errlen, "%s", _("Out of memory while reading the program's report."));
        return PROGRAM_ERROR;
    }
    const char *p[] = {k, q->group, q->site};
    res = run(pc,
              "SELECT session_id, site, group_name, session_date, attendance, demo "
              "FROM hearth.program_sessions_at($1::integer) "
              "WHERE ($2::text IS NULL OR group_name = $2) AND ($3::text IS NULL OR site = $3) "
              "ORDER BY session_date, session_id",
              3, p);
    if (!ok(res))
        return fail_stmt(pc, res, "reading the program's sessions", err, errlen);
    for (int i = 0; i < PQntuples(res); i++) {
        ProgramSessionRow row = {0};
        snprintf(row.id, sizeof row.id, "%s", PQgetvalue(res, i, 0));
        snprintf(row.site, sizeof row.site, "%s", PQgetvalue(res, i, 1));
        snprintf(row.group, sizeof row.group, "%s", PQgetvalue(res, i, 2));
        snprintf(row.date, sizeof row.date, "%s", PQgetvalue(res, i, 3));
        row.attendance = int_or(res, i, 4);
        row.demo = !strcmp(PQgetvalue(res, i, 5), "t");
        if (sink->session && !sink->session(sink->ctx, &row)) {
            PQclear(res);
            snprintf(err, errlen, "%s", _("Out of memory while reading the program's report."));
            return PROGRAM_ERROR;
        }
    }
    PQclear(res);
    res = run(pc,
              "SELECT session_id, instrument, phase, part, exercise, n, median, q1, q3 "
              "FROM hearth.program_cells_at($1::integer) "
              "WHERE ($2::text IS NULL OR group_name = $2) AND ($3::text IS NULL OR site = $3) "
              "ORDER BY session_id, instrument, phase, part",
              3, p);
    if (!ok(res))
        return fail_stmt(pc, res, "reading the program's figures", err, errlen);
    for (int i = 0; i < PQntuples(res); i++) {
        ProgramCellRow row = {PQgetvalue(res, i, 0), PQgetvalue(res, i, 1),
                              PQgetvalue(res, i, 2), PQgetvalue(res, i, 3),
                              PQgetisnull(res, i, 4) ? NULL : PQgetvalue(res, i, 4),
                              int_or(res, i, 5), int_or(res, i, 6), int_or(res, i, 7),
                              int_or(res, i, 8)};
        if (sink->cell && !sink->cell(sink->ctx, &row)) {
            PQclear(res);
            snprintf(err, errlen, "%s", _("Out of memory while reading the program's report."));
            return PROGRAM_ERROR;
        }
    }
    PQclear(res);
    return PROGRAM_OK;
}

ProgramResult program_read(ProgramConn *pc, const ProgramQuery *q, const ProgramSink *sink,
                           char *err, size_t errlen)
{
    /* one snapshot: sessions and cells as of one moment */
    ProgramResult r = exec_step(pc, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
                                "reading the program's report", err, errlen);
    if (r != PROGRAM_OK)
        return r;
    r = read_rows(pc, q, sink, err, errlen);
    PQclear(PQexec(pc->pg, r == PROGRAM_OK ? "COMMIT" : "ROLLBACK"));
    return r;
}
