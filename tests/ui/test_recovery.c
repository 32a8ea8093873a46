/* A damaged database at start: the recovery screen names the file, changes
 * nothing until staff choose, and restores the newest backup (or starts
 * empty) only after the backup's PIN; the damaged file is always kept. */
#include "harness.h"

#include "store/store_backup.h"
#include "store/store_session.h"
#include "svc/gate.h"
#include "svc/maintenance.h"
#include "ui/screens.h"

#include <glob.h>
#include <stdio.h>
#include <string.h>

enum { R_RESTORE = 1, R_EMPTY = 2 };

/* A database with a PIN and a group, backed up, then a group added after
 * the backup, then damaged. Returns store_open's sentence in why. */
static const char *damaged_db(const char *name, bool with_backup, char *why, size_t n)
{
    static char path[512];
    snprintf(path, sizeof path, "%s", tk_path(name));
    Store *s = store_open(path, NULL, NULL, NULL, 0);
    assert_non_null(s);
    assert_int_equal(gate_set_pin(s, "135790", HX_WALL_START), GATE_OK);
    char gid[40];
    assert_int_equal(store_group_ensure(s, "Kept Group", HX_WALL_START, gid), STORE_OK);
    if (with_backup)
        assert_int_equal(maintenance_backup(s, HX_WALL_START - 3600000, NULL, 0), STORE_OK);
    assert_int_equal(store_group_ensure(s, "Later Group", HX_WALL_START, gid), STORE_OK);
    store_close(s);
    assert_int_equal(tk_system("dd if=/dev/urandom of='%s' bs=4096 seek=1 count=6 "
                               "conv=notrunc 2>/dev/null && cp '%s' '%s.before'",
                               path, path, path),
                     0);
    StoreResult r;
    assert_null(store_open(path, NULL, &r, why, n));
    assert_int_equal(r, STORE_CORRUPT);
    return path;
}

static int kept_files(const char *db)
{
    char pattern[600];
    snprintf(pattern, sizeof pattern, "%s.damaged-*", db);
    glob_t g;
    int n = glob(pattern, 0, NULL, &g) == 0 ? (int)g.gl_pathc : 0;
    if (n)
        assert_int_equal(tk_system("cmp -s '%s' '%s.before'", g.gl_pathv[0], db), 0);
    globfree(&g);
    return n;
}

static void type_pin(Harness *hx, const char *pin)
{
    hx_type(hx, pin, 120);
    hx_key(hx, SDLK_RETURN);
}

static void test_restore_behind_the_backups_pin(void **state)
{
    (void)state;
    char why[512];
    const char *db = damaged_db("restore/hearth.db", true, why, sizeof why);
    assert_non_null(strstr(why, db));
    Harness *hx = hx_new_recovery(1280, 800, db, why);
    assert_string_equal(hx_top(hx), "recovery");
    for (int i = 0; i < hx_nsizes; i++) {
        hx_resize(hx, hx_sizes[i].w, hx_sizes[i].h);
        char name[64];
        snprintf(name, sizeof name, "recovery-%s", hx_sizes[i].name);
        hx_screenshot(hx, name);
    }
    hx_resize(hx, 1280, 800);
    /* nothing changed while the screen waits */
    assert_int_equal(tk_system("cmp -s '%s' '%s.before'", db, db), 0);
    assert_int_equal(kept_files(db), 0);

    assert_true(hx_tap_target(hx, R_RESTORE));
    assert_string_equal(hx_top(hx), "pin");
    type_pin(hx, "000000"); /* a stranger's guess */
    assert_string_equal(hx_top(hx), "pin");
    assert_int_equal(tk_system("cmp -s '%s' '%s.before'", db, db), 0);
    type_pin(hx, "135790");
    assert_string_equal(hx_top(hx), "door");
    assert_int_equal(kept_files(db), 1);
    assert_int_equal(hx_count(hx, "SELECT count(*) FROM groups WHERE name = 'Kept Group'"), 1);
    assert_int_equal(hx_count(hx, "SELECT count(*) FROM audit WHERE action = 'db.restore'"), 1);
    assert_int_equal(hx_count(hx, "SELECT count(*) FROM audit WHERE action = 'pin.refused'"), 1);
    assert_int_equal(store_check(hx->app.store), STORE_OK);
    hx_screenshot(hx, "recovery-restored-door-1280x800");
    hx_free(hx);
}

static void test_start_empty_keeps_the_pin(void **state)
{
    (void)state;
    char why[512];
    const char *db = damaged_db("empty/hearth.db", true, why, sizeof why);
    Harness *hx = hx_new_recovery(800, 480, db, why);
    assert_true(hx_tap_target(hx, R_EMPTY));
    assert_string_equal(hx_top(hx), "pin");
    type_pin(hx, "135790");
    /* the door, no set-up: nobody at the door can choose a new PIN */
    assert_string_equal(hx_top(hx), "door");
    assert_int_equal(kept_files(db), 1);
    assert_int_equal(hx_count(hx, "SELECT count(*) FROM groups"), 0);
    GateState gs;
    assert_int_equal(gate_state(hx->app.store, &gs), GATE_OK);
    assert_int_equal(gate_try(hx->app.store, "135790", hx->app.wall), GATE_OK);
    hx_free(hx);
}

static void test_no_backup_starts_like_a_new_kiosk(void **state)
{
    (void)state;
    char why[512];
    const char *db = damaged_db("nobackup/hearth.db", false, why, sizeof why);
    Harness *hx = hx_new_recovery(800, 480, db, why);
    assert_false(hx_target(hx, R_RESTORE, NULL));
    hx_screenshot(hx, "recovery-no-backup-800x480");
    assert_true(hx_tap_target(hx, R_EMPTY));
    assert_string_equal(hx_top(hx), "confirm");
    assert_true(hx_tap_target(hx, 1)); /* yes, start empty */
    assert_string_equal(hx_top(hx), "setup");
    assert_int_equal(kept_files(db), 1);
    hx_free(hx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_restore_behind_the_backups_pin),
        cmocka_unit_test(test_start_empty_keeps_the_pin),
        cmocka_unit_test(test_no_backup_starts_like_a_new_kiosk),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
