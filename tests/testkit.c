#include "testkit.h"

#include "core/paths.h"
#include "store/store_internal.h"

#include <dirent.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char tmpdir[256];

static void cleanup(void)
{
    if (tmpdir[0] && !getenv("HEARTH_KEEP_TMP")) {
        char cmd[300];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
        if (system(cmd) != 0)
            fprintf(stderr, "could not remove %s\n", tmpdir);
    }
}

const char *tk_tmpdir(void)
{
    if (!tmpdir[0]) {
        snprintf(tmpdir, sizeof tmpdir, "/tmp/hearth-test-XXXXXX");
        if (!mkdtemp(tmpdir)) {
            perror("mkdtemp");
            abort();
        }
        atexit(cleanup);
    }
    return tmpdir;
}

const char *tk_path(const char *name)
{
    static char buf[8][512];
    static int next;
    char *p = buf[next++ % 8];
    snprintf(p, 512, "%s/%s", tk_tmpdir(), name);
    return p;
}

Store *tk_store_new(void)
{
    static int n;
    char name[64];
    snprintf(name, sizeof name, "db-%d/hearth.db", ++n);
    char err[512];
    StoreResult r;
    Store *s = store_open(tk_path(name), NULL, &r, err, sizeof err);
    if (!s)
        fail_msg("store_open: %s", err);
    return s;
}

const char *tk_source_dir(void)
{
    const char *s = getenv("HEARTH_SOURCE_DIR");
    return s && *s ? s : HEARTH_TEST_SOURCE_DIR;
}

const char *tk_output_dir(void)
{
    static char out[512];
    if (!out[0]) {
        const char *e = getenv("HEARTH_TEST_OUT");
        snprintf(out, sizeof out, "%s", e && *e ? e : "test-output");
        char err[256];
        char probe[600];
        snprintf(probe, sizeof probe, "%s/x", out);
        paths_make_parent(probe, err, sizeof err);
    }
    return out;
}

int tk_system(const char *fmt, ...)
{
    char cmd[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    int st = system(cmd);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

int tk_count(Store *s, const char *sql)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(s->db, sql, -1, &st, NULL), SQLITE_OK);
    int n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_finalize(st);
    return n;
}

int tk_count_files(const char *dir, const char *part)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        n += strstr(e->d_name, part) != NULL;
    closedir(d);
    return n;
}
