/* Passes printed to a PDF are stored only if the sheet is written, and a
 * sheet is in place only if its passes are stored: a pass stored but never
 * printed is one nobody holds, a pass printed but not stored is refused at
 * the door. Tried with a folder that is not there, the database as the
 * target, every write, sync and allocation of the commit failing in turn
 * (the fault VFS), and the sheet's rename failing after the commit. */
#include "testkit.h"

#include "export/passsheet.h"
#include "faultvfs.h"

#include <sodium.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define NOW 1795510800000LL

static bool exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

static StoreResult issue(Store *s, int n, const char *path, char *err, size_t errlen)
{
    PassIssue b;
    StoreResult r = issue_draw(s, n, &b);
    if (r == STORE_OK)
        r = passsheet_issue(s, &b, path, PAPER_A4, NOW, err, errlen);
    issue_free(&b);
    return r;
}

static void test_nothing_stored_when_the_sheet_cannot_be_written(void **state)
{
    (void)state;
    Store *s = tk_store_new();
    char err[1024];
    assert_int_not_equal(issue(s, 3, "/no/such/dir/x.pdf", err, sizeof err), STORE_OK);
    assert_non_null(strstr(err, "/no/such/dir"));
    assert_non_null(strstr(err, "No pass was issued"));
    assert_int_not_equal(issue(s, 3, store_path(s), err, sizeof err), STORE_OK);
    assert_non_null(strstr(err, "itself"));
    assert_int_not_equal(issue(s, 3, tk_tmpdir(), err, sizeof err), STORE_OK);
    assert_non_null(strstr(err, "folder"));
    assert_int_equal(tk_count(s, "SELECT count(*) FROM passes"), 0);
    assert_int_equal(tk_count(s, "SELECT count(*) FROM audit WHERE action LIKE 'pass.%'"), 0);
    assert_int_equal(store_check(s), STORE_OK);
    /* and when it can: the sheet and the passes, audited once */
    const char *ok = tk_path("sheet.pdf");
    assert_int_equal(issue(s, 12, ok, err, sizeof err), STORE_OK);
    assert_true(exists(ok));
    assert_int_equal(tk_count(s, "SELECT count(*) FROM passes"), 12);
    assert_int_equal(tk_count(s, "SELECT count(*) FROM audit WHERE action = 'pass.issue' "
                              "AND detail = '12 passes, printed to PDF'"),
                     1);
    store_close(s);
}

/* Every write, sync and allocation of the commit failing, once and for
 * good: each run ends with both the sheet and the passes, or neither, and
 * no temporary file. */
static void test_sheet_and_passes_agree_under_faults(void **state)
{
    (void)state;
    Store *s = tk_store_new();
    char dir[600];
    snprintf(dir, sizeof dir, "%s", tk_path("faults"));
    assert_int_equal(mkdir(dir, 0700), 0);
    int runs = 0, stored = 0, refused = 0;
    for (int k = 0; k < 3; k++) {
        FaultOp op = k == 0 ? FAULT_WRITE : k == 1 ? FAULT_SYNC : FAULT_ALLOC;
        for (int persistent = 0; persistent < 2; persistent++) {
            for (long n = 1; n < 400; n++) {
                char path[700], err[1024] = "";
                snprintf(path, sizeof path, "%s/sheet-%d-%d-%ld.pdf", dir, k, persistent, n);
                int before = tk_count(s, "SELECT count(*) FROM passes");
                PassIssue b;
                if (issue_draw(s, 4, &b) != STORE_OK)
                    fail_msg("drawing passes failed with no fault armed");
                faultvfs_arm(op, n, persistent);
                StoreResult r = passsheet_issue(s, &b, path, PAPER_LETTER, NOW, err, sizeof err);
                long failed = faultvfs_failed();
                faultvfs_disarm();
                issue_free(&b);
                int after = tk_count(s, "SELECT count(*) FROM passes");
                runs++;
                if (r == STORE_OK) {
                    stored++;
                    assert_int_equal(after, before + 4);
                    assert_true(exists(path));
                } else {
                    refused++;
                    if (after != before || exists(path))
                        fail_msg("%s #%ld: %d passes stored, sheet %s: %s", faultvfs_op_name(op),
                                 n, after - before, exists(path) ? "there" : "absent", err);
                    assert_true(err[0]);
                }
                assert_int_equal(tk_count_files(dir, ".hearth-tmp-"), 0);
                if (!failed)
                    break; /* past the last operation of this kind */
            }
        }
    }
    assert_true(refused > 0 && stored > 0);
    assert_int_equal(store_check(s), STORE_OK);
    print_message("%d runs: %d stored with their sheet, %d refused with neither\n", runs, stored,
                  refused);
    store_close(s);
}

static void turn_into_folder(void *path) { mkdir(path, 0700); }

/* The commit succeeded but the sheet cannot be put in place: the passes
 * are taken back, audited, and nothing is left behind. */
static void test_passes_taken_back_when_the_rename_fails(void **state)
{
    (void)state;
    Store *s = tk_store_new();
    char path[600], err[1024] = "";
    snprintf(path, sizeof path, "%s", tk_path("renamed-away.pdf"));
    PassIssue b;
    assert_int_equal(issue_draw(s, 5, &b), STORE_OK);
    /* the first sync from here is the commit of the passes */
    faultvfs_call_at(1, turn_into_folder, path);
    assert_int_not_equal(passsheet_issue(s, &b, path, PAPER_LETTER, NOW, err, sizeof err),
                         STORE_OK);
    faultvfs_call_at(0, NULL, NULL);
    issue_free(&b);
    assert_non_null(strstr(err, "folder"));
    assert_non_null(strstr(err, "No pass was issued"));
    assert_int_equal(tk_count(s, "SELECT count(*) FROM passes"), 0);
    assert_int_equal(tk_count(s, "SELECT count(*) FROM audit WHERE action = 'pass.issue'"), 1);
    assert_int_equal(tk_count(s, "SELECT count(*) FROM audit WHERE action = 'pass.unissue'"), 1);
    struct stat st;
    assert_int_equal(lstat(path, &st), 0);
    assert_true(S_ISDIR(st.st_mode));
    assert_int_equal(tk_count_files(tk_tmpdir(), ".hearth-tmp-"), 0);
    store_close(s);
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    faultvfs_install();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nothing_stored_when_the_sheet_cannot_be_written),
        cmocka_unit_test(test_sheet_and_passes_agree_under_faults),
        cmocka_unit_test(test_passes_taken_back_when_the_rename_fails),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
