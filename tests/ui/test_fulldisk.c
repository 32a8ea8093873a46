/* The door when the disk fills up: SQLite reports "disk full" (the fault
 * VFS returns SQLITE_FULL from every write, as ENOSPC does). The kiosk
 * keeps running, the banner says plainly that storage is full and staff
 * must free space, check-ins and answers are refused rather than
 * pretended, nothing stored before is lost, and everything works again
 * once there is room. The page-limit way (PRAGMA max_page_count) is in
 * unit/test_store; a real tiny file system in cli/test_storage. */
#include "core/i18n.h"
#include "faultvfs.h"
#include "harness.h"

#include "store/store_session.h"
#include "svc/checkin.h"
#include "ui/screens.h"

#include <string.h>

enum { D_FACE0 = 200 };

typedef struct Pass {
    char payload[PASS_PAYLOAD_SIZE];
    char code[PASS_CODE_SIZE];
    PassInfo info;
} Pass;

static void scan(Harness *hx, const char *payload)
{
    hx_type(hx, payload, 4);
    hx_key(hx, SDLK_RETURN);
}

static int outcome(Harness *hx) { return door_last_outcome(app_top(&hx->app)); }

static void test_full_disk_at_the_door(void **state)
{
    (void)state;
    Harness *hx = hx_new(1280, 800, NULL);
    SessionInfo sess;
    assert_int_equal(store_session_open(hx->app.store, "DBT Skills - Tue AM", HX_WALL_START,
                                        &sess),
                     STORE_OK);
    Pass p[3];
    for (int i = 0; i < 3; i++)
        assert_int_equal(checkin_issue_pass(hx->app.store, HX_WALL_START, p[i].payload,
                                            p[i].code, &p[i].info),
                         STORE_OK);
    hx_advance(hx, 2100);
    /* before: one check-in and its answer */
    scan(hx, p[0].payload);
    assert_int_equal(outcome(hx), CHECKIN_OK);
    assert_true(hx_tap_target(hx, D_FACE0 + 3));
    assert_int_equal(hx_count(hx, TK_ANSWERS "1"), 1);
    hx_advance(hx, 3000);

    /* a second person checks in, and the disk fills before they answer */
    scan(hx, p[1].payload);
    assert_int_equal(outcome(hx), CHECKIN_OK);
    faultvfs_arm(FAULT_WRITE_FULL, 1, true);
    assert_true(hx_tap_target(hx, D_FACE0 + 4));
    assert_int_equal(outcome(hx), CHECKIN_ERROR);
    assert_non_null(strstr(hx->app.alert, "storage is full"));
    assert_non_null(strstr(hx->app.alert, "Staff must free space"));
    hx_screenshot(hx, "door-full-disk-answer-1280x800");

    /* the next person: refused, said plainly, the kiosk goes on */
    hx_advance(hx, 7000);
    scan(hx, p[2].payload);
    assert_int_equal(outcome(hx), CHECKIN_ERROR);
    assert_string_equal(door_state_name(app_top(&hx->app)), "result");
    assert_non_null(strstr(hx->app.alert, "storage is full"));
    hx_screenshot(hx, "door-full-disk-1280x800");
    hx_resize(hx, 800, 480);
    hx_screenshot(hx, "door-full-disk-800x480");
    /* the banner stays while the problem lasts, on the welcome too */
    hx_advance(hx, 8000);
    assert_string_equal(door_state_name(app_top(&hx->app)), "welcome");
    assert_true(hx->app.alert[0] != '\0');
    long refused = faultvfs_failed();
    assert_true(refused >= 2);

    /* space is freed: everything works again, nothing was lost */
    faultvfs_disarm();
    scan(hx, p[2].payload);
    assert_int_equal(outcome(hx), CHECKIN_OK);
    assert_string_equal(hx->app.alert, "");
    assert_int_equal(hx_count(hx, "SELECT count(*) FROM checkins"), 3);
    assert_int_equal(hx_count(hx, TK_ANSWERS "1"), 1);
    assert_int_equal(store_check(hx->app.store), STORE_OK);
    hx_free(hx);
}

/* The kiosk starts on a full disk (a first start here, so opening has to
 * write the schema): the database does not open, and instead of exiting
 * the kiosk shows why, for the door and for staff, tries again every few
 * seconds without a store, and goes on by itself once there is room. */
static void test_full_disk_at_start(void **state)
{
    (void)state;
    const char *db = tk_path("nospace/hearth.db");
    char why[512];
    StoreResult r;
    faultvfs_arm(FAULT_WRITE_FULL, 1, true);
    assert_null(store_open(db, NULL, &r, why, sizeof why));
    assert_int_equal(r, STORE_FULL);
    assert_non_null(strstr(why, "storage is full"));

    Harness *hx = hx_new_nospace(1280, 800, db, why);
    assert_string_equal(hx_top(hx), "nospace");
    for (int i = 0; i < hx_nsizes; i++) {
        char name[64];
        hx_resize(hx, hx_sizes[i].w, hx_sizes[i].h);
        snprintf(name, sizeof name, "nospace-%dx%d", hx_sizes[i].w, hx_sizes[i].h);
        hx_screenshot(hx, name);
    }
    hx_resize(hx, 800, 480);
    /* the page is not blank: the title's ink covers part of the top */
    assert_true(hx_share(hx, (SDL_Rect){0, 0, 800, 120}, hx->app.theme.text, 40) > 0.01);

    /* still full: it tries again, stays up, and nothing at the door acts */
    long failed = faultvfs_failed();
    hx_advance(hx, NOSPACE_RETRY_MS + 200);
    assert_true(faultvfs_failed() > failed);
    assert_string_equal(hx_top(hx), "nospace");
    assert_null(hx->app.store);
    hx_type(hx, "HX1ABCDEFGHJKMNP", 4);
    hx_key(hx, SDLK_RETURN);
    hx_tap(hx, 400, 240);
    hx_key(hx, SDLK_ESCAPE);
    assert_string_equal(hx_top(hx), "nospace");
    assert_false(hx->app.quit);

    /* in Spanish at 150 %, on the smallest screen */
    i18n_set_lang("es");
    hx->app.settings.text_scale = 150;
    hx_resize(hx, 800, 480);
    hx_screenshot(hx, "es150-nospace-800x480");
    i18n_set_lang("en");
    hx->app.settings.text_scale = 100;

    /* staff free space: the next try opens it, and a new kiosk's set-up
     * comes up over the door */
    faultvfs_disarm();
    hx_advance(hx, NOSPACE_RETRY_MS + 200);
    assert_non_null(hx->app.store);
    assert_string_equal(hx_top(hx), "setup");
    assert_int_equal(store_check(hx->app.store), STORE_OK);
    hx_free(hx);
}

int main(void)
{
    faultvfs_install();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_full_disk_at_the_door),
        cmocka_unit_test(test_full_disk_at_start),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
