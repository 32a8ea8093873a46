/* Every file Hearth reads from outside, given as a FIFO or a device: the
 * database (--db), a data file under --data, a merge file, hearth.ini, a
 * backup to restore. Each must be refused at once with a sentence; an
 * alarm turns a hang into a failure rather than a stuck test run. */
#include "testkit.h"

#include "core/catalog.h"
#include "core/config.h"
#include "core/file.h"
#include "export/merge.h"
#include "store/store_backup.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void on_alarm(int sig)
{
    (void)sig;
    static const char msg[] = "FAIL: reading a FIFO or a device hung\n";
    (void)!write(2, msg, sizeof msg - 1);
    _exit(1);
}

static const char *fifo(const char *name)
{
    const char *p = tk_path(name);
    if (mkfifo(p, 0600) != 0 && errno != EEXIST)
        fail_msg("mkfifo %s: %s", p, strerror(errno));
    return p;
}

static void test_file_open_regular(void **state)
{
    (void)state;
    char err[512];
    bool missing = false;
    const char *f = fifo("plain.fifo");
    alarm(10);
    assert_int_equal(file_open_regular(f, &missing, err, sizeof err), -1);
    assert_false(missing);
    assert_int_equal(errno, EINVAL);
    assert_non_null(strstr(err, "named pipe"));
    assert_int_equal(file_open_regular("/dev/zero", &missing, err, sizeof err), -1);
    assert_non_null(strstr(err, "device"));
    assert_int_equal(file_open_regular(tk_tmpdir(), &missing, err, sizeof err), -1);
    assert_non_null(strstr(err, "folder"));
    assert_int_equal(file_open_regular(tk_path("absent"), &missing, err, sizeof err), -1);
    assert_true(missing);
    alarm(0);
    FILE *w = fopen(tk_path("regular.txt"), "w");
    fputs("hello", w);
    fclose(w);
    int fd = file_open_regular(tk_path("regular.txt"), &missing, err, sizeof err);
    assert_true(fd >= 0);
    char buf[8] = "";
    assert_int_equal(read(fd, buf, sizeof buf), 5); /* blocking reads as usual */
    close(fd);
}

static void test_database_as_fifo_or_device(void **state)
{
    (void)state;
    const char *targets[] = {fifo("hearth.db"), "/dev/zero"};
    for (int i = 0; i < 2; i++) {
        char err[1024] = "";
        StoreResult r;
        alarm(10);
        Store *s = store_open(targets[i], NULL, &r, err, sizeof err);
        alarm(0);
        assert_null(s);
        assert_int_equal(r, STORE_ERROR);
        if (!strstr(err, "not a regular file") || !strstr(err, targets[i]))
            fail_msg("--db %s: '%s'", targets[i], err);
        /* and as a backup to restore */
        alarm(10);
        assert_int_not_equal(store_file_check(targets[i], err, sizeof err), STORE_OK);
        alarm(0);
        assert_non_null(strstr(err, "not a regular file"));
    }
    struct stat st;
    assert_int_equal(lstat(targets[0], &st), 0);
    assert_true(S_ISFIFO(st.st_mode));
}

static void test_data_file_as_fifo(void **state)
{
    (void)state;
    char dir[600], cmd[1400];
    snprintf(dir, sizeof dir, "%s", tk_path("data"));
    snprintf(cmd, sizeof cmd, "cp -r '%s/data' '%s'", tk_source_dir(), dir);
    assert_int_equal(system(cmd), 0);
    char f[700];
    snprintf(f, sizeof f, "%s/exercises/zz-fifo.json", dir);
    assert_int_equal(mkfifo(f, 0600), 0);
    snprintf(f, sizeof f, "%s/instruments/zz-device.json", dir);
    assert_int_equal(symlink("/dev/zero", f), 0);
    alarm(20);
    Catalog *cat = catalog_load(dir);
    alarm(0);
    assert_non_null(cat);
    int found = 0;
    for (int i = 0; i < catalog_problem_count(cat); i++) {
        char line[600];
        catalog_problem_format(catalog_problem_at(cat, i), line, sizeof line);
        if (strstr(line, "zz-") && strstr(line, "not a regular file"))
            found++;
    }
    assert_int_equal(found, 2);
    catalog_free(cat);
}

static void test_merge_file_as_fifo(void **state)
{
    (void)state;
    Store *s = tk_store_new();
    const char *targets[] = {fifo("export.json"), "/dev/zero"};
    for (int i = 0; i < 2; i++) {
        char err[1024] = "";
        ImportStats st;
        alarm(10);
        assert_false(merge_file(s, targets[i], 1795510800000LL, NULL, &st, NULL, err, sizeof err));
        alarm(0);
        if (!strstr(err, "not a regular file"))
            fail_msg("merge %s: '%s'", targets[i], err);
    }
    store_close(s);
}

static void test_settings_as_fifo(void **state)
{
    (void)state;
    Settings s;
    alarm(10);
    assert_false(config_load(fifo("hearth.ini"), &s, NULL, 0));
    assert_int_equal(errno, EINVAL);
    assert_false(config_load("/dev/zero", &s, NULL, 0));
    assert_int_equal(errno, EINVAL);
    alarm(0);
    /* and a missing one is no error: the defaults */
    assert_true(config_load(tk_path("none.ini"), &s, NULL, 0));
}

int main(void)
{
    signal(SIGALRM, on_alarm);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_file_open_regular),
        cmocka_unit_test(test_database_as_fifo_or_device),
        cmocka_unit_test(test_data_file_as_fifo),
        cmocka_unit_test(test_merge_file_as_fifo),
        cmocka_unit_test(test_settings_as_fifo),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
