/* Helpers shared by the unit tests: temporary folders and databases. */
#ifndef HEARTH_TESTKIT_H
#define HEARTH_TESTKIT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
/* cmocka needs the four headers above first. */
#include <cmocka.h>

#include "store/store.h"

/* A fresh temporary folder for this test program (removed at exit unless
 * HEARTH_KEEP_TMP is set); returns its path. */
const char *tk_tmpdir(void);

/* A path inside the temporary folder. */
const char *tk_path(const char *name);

/* Opens a new empty database in the temporary folder, failing the test if
 * it cannot. Each call gives a new file. */
Store *tk_store_new(void);

/* The source tree (for data/ and fixtures). */
const char *tk_source_dir(void);

/* Where tests write what a person may want to look at (screenshots). */
const char *tk_output_dir(void);

/* The first column of the first row of a query (a count), failing the test
 * when the query cannot be prepared; -1 when there is no row. */
int tk_count(Store *store, const char *sql);

/* How many entries of the folder dir have part in their name. */
int tk_count_files(const char *dir, const char *part);

/* Runs a shell command and returns its exit status. */
int tk_system(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A query that counts answers, anonymous (counted per cell) and linked
 * (rows) alike, as rows of (session_id, instrument, phase, part, value,
 * pass_id, at); append the condition: TK_ANSWERS "value = 4". */
#define TK_ANSWERS                                                                           \
    "WITH v(x) AS (VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9), (10)), "        \
    "a AS (SELECT c.session_id, c.instrument, c.phase, c.part, v.x AS value, "              \
    "CAST(substr(c.counts, v.x * 5 + 1, 4) AS INTEGER) AS n, NULL AS pass_id, NULL AS at "   \
    "FROM answer_counts c, v UNION ALL SELECT session_id, instrument, phase, "              \
    "CASE WHEN phase IN ('pre', 'post') THEN coalesce(run_id, '') WHEN phase = 'round' "    \
    "THEN coalesce(round_id, '') ELSE '' END, value, 1, pass_id, at FROM ratings) "         \
    "SELECT coalesce(sum(n), 0) FROM a WHERE "

#endif
