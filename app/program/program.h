/* The program's PostgreSQL: where every kiosk of a program publishes the
 * counts of its closed sessions (core/aggregate.h), and where reports of
 * the whole program are read from. This folder is the only code that
 * speaks to it and the only place that includes libpq-fe.h; a build
 * without libpq compiles program_none.c instead, which says so.
 *
 * On the server (program_init creates it, schema "hearth"):
 *  - sessions and cells: the raw counts. Each kiosk logs in as its own
 *    role, a member of hearth_kiosk, which may only INSERT, and see its
 *    own rows (row-level security); no UPDATE, no DELETE. A session's
 *    UUID is its key: publishing it twice changes nothing.
 *  - program_cells, program_sessions, program_runs: views for the
 *    hearth_reader role (its only grants, besides meta). They pool the
 *    cells of one group on one day at one site over every kiosk and
 *    apply the disclosure rule of core/stats.h after pooling
 *    (stats_disclose on the pooled counts, stats_pool_shown on its
 *    parts), at the server's K; program_cells_at(K) and
 *    program_sessions_at(K) the same at a higher K.
 * Connection strings come from hearth.ini or the command line; the
 * password never does (libpq reads ~/.pgpass, PGPASSFILE or a client
 * certificate), and one that holds a password is refused. */
#ifndef HEARTH_PROGRAM_H
#define HEARTH_PROGRAM_H

#include "core/aggregate.h"

#include <stdbool.h>
#include <stddef.h>

/* The server schema this build writes and reads. */
#define PROGRAM_SCHEMA_VERSION 1

typedef enum ProgramResult {
    PROGRAM_OK = 0,
    PROGRAM_ALREADY = 1,      /* the server had that session already: nothing changed */
    PROGRAM_UNREACHABLE = -1, /* no connection, or it was lost: try again later */
    PROGRAM_REFUSED = -2,     /* the server (or the address) says no: someone must act */
    PROGRAM_NOT_BUILT = -3,   /* this Hearth was built without libpq */
    PROGRAM_ERROR = -4        /* anything else: out of memory, an answer not understood */
} ProgramResult;

/* True when this build speaks to PostgreSQL. */
bool program_built(void);

/* A sentence saying this build cannot publish, in the current language. */
const char *program_not_built_text(void);

typedef struct ProgramConn ProgramConn;

/* Connects and checks that the server holds the schema this build knows
 * (neither none, nor older, nor newer). NULL with *res and a sentence in
 * err otherwise. */
ProgramConn *program_connect(const char *url, ProgramResult *res, char *err, size_t errlen);
void program_close(ProgramConn *pc);

/* Publishes one session in one transaction: all of it or nothing.
 * PROGRAM_ALREADY when the server had it (from this kiosk, or a restored
 * backup of it): nothing is written then. */
ProgramResult program_publish(ProgramConn *pc, const SessionAggregate *a, char *err,
                              size_t errlen);

typedef struct ProgramInitInfo {
    int from_version;  /* 0 when the schema was new */
    int to_version;
    int min_cell;      /* the server's K */
    char program_id[40];
} ProgramInitInfo;

/* Creates or migrates the schema, the roles hearth_kiosk and
 * hearth_reader, the views and the grants, in one transaction (as the
 * database's owner, with CREATEROLE). min_cell sets the server's K (0
 * keeps it; 5 on a new server). A newer schema is refused and left as it
 * is. */
ProgramResult program_init(const char *url, int min_cell, ProgramInitInfo *out, char *err,
                           size_t errlen);

/* A pooled session: one group's published sessions of one day at one
 * site. attendance is -1 when withheld. */
typedef struct ProgramSessionRow {
    char id[40];  /* stable: derived from site, group and date */
    char site[AGGREGATE_SITE_MAX];
    char group[AGGREGATE_GROUP_MAX];
    char date[16];
    int attendance;
    bool demo;
} ProgramSessionRow;

/* What the rule shows of a pooled cell; n is -1 when withheld, a figure
 * not shown is -1. */
typedef struct ProgramCellRow {
    const char *session_id;
    const char *instrument;
    const char *phase;
    const char *part;
    const char *exercise; /* NULL unless pre or post */
    int n, median, q1, q3;
} ProgramCellRow;

typedef struct ProgramInfo {
    char program_id[40]; /* the program's UUID, made by program_init */
    int min_cell;        /* the K the rows are shown at */
} ProgramInfo;

/* begin comes first with what the rows are, then sessions (by date), then
 * cells (by session). A callback returning false stops the reading
 * (PROGRAM_ERROR). */
typedef struct ProgramSink {
    void *ctx;
    bool (*begin)(void *ctx, const ProgramInfo *info);
    bool (*session)(void *ctx, const ProgramSessionRow *row);
    bool (*cell)(void *ctx, const ProgramCellRow *row);
} ProgramSink;

typedef struct ProgramQuery {
    const char *group; /* one group's name, or NULL */
    const char *site;  /* one site, or NULL */
    int min_cell;      /* K asked for; the server's K when that is higher */
} ProgramQuery;

/* Reads the views at the K asked for, in one read-only transaction (as
 * hearth_reader: no raw row is ever read). */
ProgramResult program_read(ProgramConn *pc, const ProgramQuery *q, const ProgramSink *sink,
                           char *err, size_t errlen);

#endif
