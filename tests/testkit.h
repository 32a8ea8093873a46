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

#endif
