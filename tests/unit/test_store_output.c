/* store_output, the one writer of every output file, tried the way an
 * attacker or an accident would: the database and its journal and backups
 * named as the target (plainly, through a link, a hard link, "x/../"),
 * devices, FIFOs, folders and links as targets, links planted at the
 * temporary names, a target swapped while the file is written, and a
 * writer killed half-way, whose leftovers the next write or the kiosk's
 * start must remove. */
#include "testkit.h"

#include "faultvfs.h"
#include "store/store_backup.h"
#include "store/store_output.h"
#include "svc/maintenance.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* The whole content of a file ("" when missing), in a new buffer. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = calloc(1, 1);
    size_t n = 0;
    if (f) {
        char chunk[65536];
        size_t got;
        while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
            buf = realloc(buf, n + got + 1);
            memcpy(buf + n, chunk, got);
            n += got;
        }
        buf[n] = '\0';
        fclose(f);
    }
    if (len)
        *len = n;
    return buf;
}

/* How many temporary files of ours are in dir. */
static int temps_in(const char *dir) { return tk_count_files(dir, STORE_OUTPUT_TEMP_MARK); }

static void make_dir(const char *path)
{
    if (mkdir(path, 0700) != 0 && errno != EEXIST)
        fail_msg("mkdir %s: %s", path, strerror(errno));
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void test_writes_a_whole_private_file(void **state)
{
    (void)state;
    char dir[512], target[600], err[512];
    snprintf(dir, sizeof dir, "%s", tk_path("plain"));
    make_dir(dir);
    snprintf(target, sizeof target, "%s/r.csv", dir);
    mode_t old = umask(022);
    assert_int_equal(store_output_write_buffer(target, NULL, "a,b\n", 4, err, sizeof err),
                     STORE_OK);
    struct stat st;
    assert_int_equal(stat(target, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    char *got = slurp(target, NULL);
    assert_string_equal(got, "a,b\n");
    free(got);
    /* over an existing file: replaced whole (a new inode), the old one left
     * as it was for whoever still reads it; never chmod-ed */
    chmod(target, 0644);
    int keep = open(target, O_RDONLY);
    assert_true(keep >= 0);
    StoreOutput *f;
    assert_int_equal(store_output_begin(target, NULL, &f, err, sizeof err), STORE_OK);
    fputs("c,d\n", store_output_stream(f));
    assert_int_equal(temps_in(dir), 1);
    assert_int_equal(store_output_commit(f, err, sizeof err), STORE_OK);
    umask(old);
    struct stat now, was;
    assert_int_equal(stat(target, &now), 0);
    assert_int_equal(fstat(keep, &was), 0);
    assert_true(now.st_ino != was.st_ino);
    assert_int_equal(was.st_mode & 0777, 0644);
    assert_int_equal(now.st_mode & 0777, 0600);
    char buf[8] = "";
    assert_int_equal(pread(keep, buf, 4, 0), 4);
    assert_memory_equal(buf, "a,b\n", 4);
    close(keep);
    got = slurp(target, NULL);
    assert_string_equal(got, "c,d\n");
    free(got);
    assert_int_equal(temps_in(dir), 0);
    /* an abort leaves the target and no temporary */
    assert_int_equal(store_output_begin(target, NULL, &f, err, sizeof err), STORE_OK);
    store_output_write(f, "zzz", 3);
    store_output_abort(f);
    got = slurp(target, NULL);
    assert_string_equal(got, "c,d\n");
    free(got);
    assert_int_equal(temps_in(dir), 0);
}

/* Every way of naming the database's own files is refused, and the
 * database stays byte for byte. */
static void test_refuses_the_database_and_its_files(void **state)
{
    (void)state;
    Store *s = tk_store_new();
    const char *db = store_path(s);
    char backup[1100];
    assert_int_equal(store_backup_now(s, 1795510800000LL, backup, sizeof backup), STORE_OK);
    assert_int_equal(store_audit(s, 1795510800000LL, "test", "something in the -wal"), STORE_OK);
    size_t db_len, wal_len;
    char wal[1100];
    snprintf(wal, sizeof wal, "%s-wal", db);
    char *db_before = slurp(db, &db_len), *wal_before = slurp(wal, &wal_len);
    assert_true(wal_len > 0);

    char dir[1024], base[256];
    snprintf(dir, sizeof dir, "%s", db);
    *strrchr(dir, '/') = '\0';
    snprintf(base, sizeof base, "%s", strrchr(db, '/') + 1);
    char sub[1100], dotdot[1400], link_to_db[600], hard[600], link_to_wal[600],
        link_to_backup[600];
    snprintf(sub, sizeof sub, "%s/sub", dir);
    make_dir(sub);
    snprintf(dotdot, sizeof dotdot, "%s/sub/../%s", dir, base);
    make_dir(tk_path("elsewhere"));
    snprintf(link_to_db, sizeof link_to_db, "%s", tk_path("elsewhere/report.csv"));
    assert_int_equal(symlink(db, link_to_db), 0);
    snprintf(link_to_wal, sizeof link_to_wal, "%s", tk_path("elsewhere/wal.csv"));
    assert_int_equal(symlink(wal, link_to_wal), 0);
    snprintf(link_to_backup, sizeof link_to_backup, "%s", tk_path("elsewhere/b.json"));
    assert_int_equal(symlink(backup, link_to_backup), 0);
    snprintf(hard, sizeof hard, "%s", tk_path("elsewhere/hard.pdf"));
    assert_int_equal(link(db, hard), 0);

    char shm[1100], journal[1100], future_backup[1100];
    snprintf(shm, sizeof shm, "%s-shm", db);
    snprintf(journal, sizeof journal, "%s-journal", db);
    snprintf(future_backup, sizeof future_backup, "%s.backup-20991231T000000Z", db);
    const struct {
        const char *target, *says;
    } attacks[] = {
        {db, "itself"},          {dotdot, "itself"},         {link_to_db, "itself"},
        {hard, "itself"},        {wal, "journal"},           {link_to_wal, "journal"},
        {shm, "journal"},        {journal, "journal"},       {backup, "backup"},
        {link_to_backup, "backup"}, {future_backup, "backup"},
    };
    for (size_t i = 0; i < sizeof attacks / sizeof attacks[0]; i++) {
        char err[1024] = "";
        StoreResult r =
            store_output_write_buffer(attacks[i].target, db, "junk\n", 5, err, sizeof err);
        if (r == STORE_OK)
            fail_msg("%s was written over", attacks[i].target);
        if (!strstr(err, attacks[i].says) || !strstr(err, db))
            fail_msg("%s: '%s' does not say '%s' and name the database", attacks[i].target,
                     err, attacks[i].says);
        assert_int_equal(store_output_check_target(attacks[i].target, db, err, sizeof err),
                         STORE_ERROR);
    }
    size_t n;
    char *db_after = slurp(db, &n);
    assert_int_equal(n, db_len);
    assert_memory_equal(db_after, db_before, n);
    char *wal_after = slurp(wal, &n);
    assert_int_equal(n, wal_len);
    assert_memory_equal(wal_after, wal_before, n);
    assert_int_equal(temps_in(dir), 0);
    free(db_before);
    free(db_after);
    free(wal_before);
    free(wal_after);
    /* the database still works, and another name beside it is fine */
    assert_int_equal(store_check(s), STORE_OK);
    char fine[1100], err[512];
    snprintf(fine, sizeof fine, "%s/report.csv", dir);
    assert_int_equal(store_output_write_buffer(fine, db, "ok\n", 3, err, sizeof err), STORE_OK);
    store_close(s);
}

/* A device, a FIFO, a folder, a link: refused with a sentence naming it,
 * never opened, written through, chmod-ed or replaced. */
static void test_refuses_what_is_not_a_regular_file(void **state)
{
    (void)state;
    char fifo[600], folder[600], victim[600], link_path[600];
    snprintf(fifo, sizeof fifo, "%s", tk_path("fifo.csv"));
    snprintf(folder, sizeof folder, "%s", tk_path("folder.csv"));
    snprintf(victim, sizeof victim, "%s", tk_path("victim.txt"));
    snprintf(link_path, sizeof link_path, "%s", tk_path("link.csv"));
    assert_int_equal(mkfifo(fifo, 0644), 0);
    make_dir(folder);
    write_text(victim, "keep me\n");
    chmod(victim, 0644);
    assert_int_equal(symlink(victim, link_path), 0);
    char folder_slash[700];
    snprintf(folder_slash, sizeof folder_slash, "%s/", folder);
    struct stat null_before;
    assert_int_equal(stat("/dev/null", &null_before), 0);
    const struct {
        const char *target, *says;
    } cases[] = {
        {fifo, "named pipe"},  {folder, "folder"},      {link_path, "symbolic link"},
        {"/dev/null", "device"}, {folder_slash, "folder"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char err[512] = "";
        alarm(10); /* a FIFO opened for writing would wait for a reader */
        StoreResult r = store_output_write_buffer(cases[i].target, NULL, "x\n", 2, err, sizeof err);
        alarm(0);
        if (r == STORE_OK)
            fail_msg("%s was written", cases[i].target);
        if (!strstr(err, cases[i].says) || !strstr(err, "not a regular file"))
            fail_msg("%s: '%s' does not say '%s'", cases[i].target, err, cases[i].says);
    }
    struct stat st;
    assert_int_equal(lstat(fifo, &st), 0);
    assert_true(S_ISFIFO(st.st_mode));
    assert_int_equal(st.st_mode & 0777, 0644);
    assert_int_equal(lstat(link_path, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    assert_int_equal(stat(victim, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0644);
    char *v = slurp(victim, NULL);
    assert_string_equal(v, "keep me\n");
    free(v);
    assert_int_equal(stat("/dev/null", &st), 0);
    assert_true(S_ISCHR(st.st_mode));
    assert_int_equal(st.st_mode, null_before.st_mode);
    /* a folder that is not there is named */
    char err[512];
    assert_int_equal(store_output_write_buffer(tk_path("nowhere/r.csv"), NULL, "x", 1, err,
                                               sizeof err),
                     STORE_NOT_FOUND);
    assert_non_null(strstr(err, "nowhere"));
    assert_non_null(strstr(err, "does not exist"));
}

/* Links planted at every name the writer could pick for its temporary
 * file, and folders at every other one: nothing is followed, the write
 * still happens. */
static void test_planted_links_are_never_followed(void **state)
{
    (void)state;
    char dir[512], victim[600], target[600];
    snprintf(dir, sizeof dir, "%s", tk_path("planted"));
    make_dir(dir);
    snprintf(victim, sizeof victim, "%s", tk_path("planted-victim"));
    write_text(victim, "keep me\n");
    snprintf(target, sizeof target, "%s/report.csv", dir);
    for (int n = 0; n < 2000; n++) {
        char name[700];
        snprintf(name, sizeof name, "%s/.report.csv" STORE_OUTPUT_TEMP_MARK "%ld-%d", dir,
                 (long)getpid(), n);
        if (n % 2)
            make_dir(name);
        else
            assert_int_equal(symlink(victim, name), 0);
    }
    /* the old code's name too */
    char part[700];
    snprintf(part, sizeof part, "%s.part", target);
    assert_int_equal(symlink(victim, part), 0);
    for (int i = 0; i < 5; i++) {
        char err[512];
        assert_int_equal(store_output_write_buffer(target, NULL, "fresh\n", 6, err, sizeof err),
                         STORE_OK);
    }
    char *v = slurp(victim, NULL), *t = slurp(target, NULL);
    assert_string_equal(v, "keep me\n");
    assert_string_equal(t, "fresh\n");
    free(v);
    free(t);
    struct stat st;
    assert_int_equal(lstat(target, &st), 0);
    assert_true(S_ISREG(st.st_mode));
}

/* The target turned into a folder (or a link to the database) while the
 * file was written: the commit looks again and refuses. */
static void test_target_swapped_while_writing(void **state)
{
    (void)state;
    char dir[512], target[600], err[512];
    snprintf(dir, sizeof dir, "%s", tk_path("swap"));
    make_dir(dir);
    snprintf(target, sizeof target, "%s/r.json", dir);
    StoreOutput *f;
    assert_int_equal(store_output_begin(target, NULL, &f, err, sizeof err), STORE_OK);
    assert_true(store_output_write(f, "{}", 2));
    make_dir(target);
    assert_int_equal(store_output_commit(f, err, sizeof err), STORE_ERROR);
    assert_non_null(strstr(err, "folder"));
    struct stat st;
    assert_int_equal(lstat(target, &st), 0);
    assert_true(S_ISDIR(st.st_mode));
    assert_int_equal(temps_in(dir), 0);

    Store *s = tk_store_new();
    char victim_link[600];
    snprintf(victim_link, sizeof victim_link, "%s/r.csv", dir);
    assert_int_equal(store_output_begin(victim_link, store_path(s), &f, err, sizeof err),
                     STORE_OK);
    assert_true(store_output_write(f, "x", 1));
    assert_int_equal(symlink(store_path(s), victim_link), 0);
    assert_int_equal(store_output_commit(f, err, sizeof err), STORE_ERROR);
    assert_non_null(strstr(err, "itself"));
    assert_int_equal(store_check(s), STORE_OK);
    store_close(s);
}

/* kill -9 in the middle of a write: the temporary stays (with what it
 * had), the target is untouched; the next write into the folder and the
 * kiosk's start remove it, and never a live writer's. */
static void test_killed_writer_is_cleaned_up(void **state)
{
    (void)state;
    Store *s = tk_store_new();
    char db[1024], dir[1024], exports[1100], target[1200], err[512];
    snprintf(db, sizeof db, "%s", store_path(s));
    snprintf(dir, sizeof dir, "%s", db);
    *strrchr(dir, '/') = '\0';
    snprintf(exports, sizeof exports, "%s/exports", dir);
    make_dir(exports);
    snprintf(target, sizeof target, "%s/r.pdf", exports);
    write_text(target, "the old report\n");

    for (int round = 0; round < 2; round++) {
        pid_t child = fork();
        assert_true(child >= 0);
        if (child == 0) {
            StoreOutput *f;
            if (store_output_begin(target, db, &f, err, sizeof err) != STORE_OK)
                _exit(3);
            store_output_write(f, "%PDF-1.5 half a report", 22);
            kill(getpid(), SIGKILL);
            _exit(4);
        }
        int status;
        assert_int_equal(waitpid(child, &status, 0), child);
        assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
        assert_int_equal(temps_in(exports), 1);
        char *t = slurp(target, NULL);
        assert_string_equal(t, "the old report\n");
        free(t);
        if (round == 0) {
            /* the kiosk's start */
            assert_int_equal(maintenance_clean_unfinished(db), 1);
        } else {
            /* the next write into the same folder */
            char other[1200];
            snprintf(other, sizeof other, "%s/other.csv", exports);
            assert_int_equal(store_output_write_buffer(other, db, "x", 1, err, sizeof err),
                             STORE_OK);
        }
        assert_int_equal(temps_in(exports), 0);
    }

    /* a backup killed inside SQLite's writes, -journal and all */
    pid_t child = fork();
    assert_true(child >= 0);
    if (child == 0) {
        faultvfs_kill_at(3);
        store_backup_now(s, 1795510800000LL, NULL, 0);
        _exit(5);
    }
    int status;
    assert_int_equal(waitpid(child, &status, 0), child);
    assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    assert_true(temps_in(dir) >= 1);
    assert_true(maintenance_clean_unfinished(db) >= 1);
    assert_int_equal(temps_in(dir), 0);

    /* a live writer's file, in this process or another, stays */
    StoreOutput *live;
    assert_int_equal(store_output_begin(target, db, &live, err, sizeof err), STORE_OK);
    child = fork();
    assert_true(child >= 0);
    if (child == 0)
        _exit(store_output_clean(exports) == 0 ? 0 : 6);
    assert_int_equal(waitpid(child, &status, 0), child);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    assert_int_equal(store_output_clean(exports), 0);
    /* and one named for a process that runs (pid 1), though unlocked */
    char init_temp[1300];
    snprintf(init_temp, sizeof init_temp, "%s/.r.pdf" STORE_OUTPUT_TEMP_MARK "1-0", exports);
    write_text(init_temp, "not ours to remove");
    assert_int_equal(store_output_clean(exports), 0);
    assert_int_equal(temps_in(exports), 2);
    assert_true(store_output_write(live, "%PDF whole", 10));
    assert_int_equal(store_output_commit(live, err, sizeof err), STORE_OK);
    char *t = slurp(target, NULL);
    assert_string_equal(t, "%PDF whole");
    free(t);
    unlink(init_temp);
    store_close(s);
}

int main(void)
{
    faultvfs_install();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_writes_a_whole_private_file),
        cmocka_unit_test(test_refuses_the_database_and_its_files),
        cmocka_unit_test(test_refuses_what_is_not_a_regular_file),
        cmocka_unit_test(test_planted_links_are_never_followed),
        cmocka_unit_test(test_target_swapped_while_writing),
        cmocka_unit_test(test_killed_writer_is_cleaned_up),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
