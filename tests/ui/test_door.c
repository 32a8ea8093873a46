/* The door on the dummy driver: scans typed as a scanner types them, codes
 * typed by people, the three outcomes, the arrival rating, the lowest
 * answer's offer of a staff member, check-out, and hostile input. */
#include "harness.h"

#include "store/store_session.h"
#include "svc/checkin.h"
#include "ui/screens.h"
#include "ui/widget.h"

#include <stdio.h>
#include <string.h>

enum { D_STAFF = 1, D_LANG = 2, D_TYPE = 3, D_SKIP = 4, D_YES = 5, D_NO = 6, D_KEY_OK = 9,
       D_KEY0 = 100, D_FACE0 = 200 };

typedef struct Pass {
    char payload[PASS_PAYLOAD_SIZE];
    char code[PASS_CODE_SIZE];
    PassInfo info;
} Pass;

static void issue(Harness *hx, Pass *p)
{
    assert_int_equal(checkin_issue_pass(hx->app.store, HX_WALL_START, p->payload, p->code,
                                        &p->info),
                     STORE_OK);
}

static const char *state(Harness *hx) { return door_state_name(app_top(&hx->app)); }

/* A USB scanner: a key every 4 ms, then Enter. */
static void scan(Harness *hx, const char *payload)
{
    hx_type(hx, payload, 4);
    hx_key(hx, SDLK_RETURN);
}

static Harness *door_with_session(int w, int h, SessionInfo *sess)
{
    Harness *hx = hx_new(w, h, NULL);
    assert_int_equal(store_session_open(hx->app.store, "DBT Skills - Tue AM", HX_WALL_START, sess),
                     STORE_OK);
    hx_advance(hx, 2100);
    return hx;
}

static void test_scan_rate_and_thank(void **state_)
{
    (void)state_;
    static const HxSize sizes[] = {{800, 480, "800x480"}, {1920, 1080, "1920x1080"},
                                   {800, 1280, "800x1280"}};
    for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++) {
        SessionInfo sess;
        Harness *hx = door_with_session(sizes[z].w, sizes[z].h, &sess);
        Pass p;
        issue(hx, &p);
        char name[96];
        snprintf(name, sizeof name, "door-welcome-%s", sizes[z].name);
        hx_screenshot(hx, name);
        scan(hx, p.payload);
        assert_string_equal(state(hx), "rating");
        assert_int_equal(door_last_outcome(app_top(&hx->app)), CHECKIN_OK);
        assert_int_equal(hx_count(hx, "SELECT count(*) FROM checkins WHERE kind = 'in'"), 1);
        snprintf(name, sizeof name, "door-checked-in-%s", sizes[z].name);
        hx_screenshot(hx, name);
        /* the green banner is there: colour, icon and words together */
        SDL_Rect all = {0, 0, sizes[z].w, sizes[z].h};
        assert_true(hx_share(hx, all, hx->app.theme.ok, 8) > 0.05);
        /* tap the fourth face */
        assert_true(hx_tap_target(hx, D_FACE0 + 3));
        assert_string_equal(state(hx), "thanks");
        /* committed before the thank-you shows, linked to no one, no time */
        assert_int_equal(hx_count(hx, "SELECT count(*) FROM ratings WHERE phase = 'arrival' AND "
                                   "value = 4 AND pass_id IS NULL AND at IS NULL"),
                         1);
        snprintf(name, sizeof name, "door-thanks-%s", sizes[z].name);
        hx_screenshot(hx, name);
        hx_advance(hx, 3000);
        assert_string_equal(state(hx), "welcome");
        hx_free(hx);
    }
}

static void test_three_outcomes_look_different(void **state_)
{
    (void)state_;
    static const HxSize sizes[] = {{800, 480, "800x480"}, {1920, 1080, "1920x1080"}};
    for (size_t z = 0; z < 2; z++) {
        SessionInfo sess;
        Harness *hx = door_with_session(sizes[z].w, sizes[z].h, &sess);
        Pass p;
        issue(hx, &p);
        scan(hx, p.payload);
        assert_true(hx_tap_target(hx, D_SKIP));
        assert_string_equal(state(hx), "welcome");
        assert_int_equal(hx_count(hx, "SELECT count(*) FROM ratings"), 0);
        /* the same pass again: welcome back, warm, with the time */
        hx_advance(hx, 60000);
        scan(hx, p.payload);
        assert_string_equal(state(hx), "result");
        assert_int_equal(door_last_outcome(app_top(&hx->app)), CHECKIN_ALREADY);
        char name[96];
        snprintf(name, sizeof name, "door-welcome-back-%s", sizes[z].name);
        hx_screenshot(hx, name);
        SDL_Rect all = {0, 0, sizes[z].w, sizes[z].h};
        assert_true(hx_share(hx, all, hx->app.theme.info, 8) > 0.2);
        assert_true(hx_share(hx, all, hx->app.theme.attention, 8) < 0.01);
        /* a foreign barcode: not recognised, see a staff member */
        scan(hx, "4006381333931");
        assert_int_equal(door_last_outcome(app_top(&hx->app)), CHECKIN_MALFORMED);
        snprintf(name, sizeof name, "door-not-recognised-%s", sizes[z].name);
        hx_screenshot(hx, name);
        assert_true(hx_share(hx, all, hx->app.theme.attention, 8) > 0.2);
        /* back to the welcome after a few seconds */
        hx_advance(hx, (uint64_t)hx->app.settings.result_seconds * 1000 + 100);
        assert_string_equal(state(hx), "welcome");
        assert_int_equal(hx_count(hx, "SELECT count(*) FROM checkins"), 1);
        hx_free(hx);
    }
}

static void test_next_scan_replaces_an_outcome_at_once(void **state_)
{
    (void)state_;
    SessionInfo sess;
    Harness *hx = door_with_session(1280, 800, &sess);
    Pass a, b;
    issue(hx, &a);
    issue(hx, &b);
    scan(hx, a.payload);
    assert_string_equal(state(hx), "rating");
    /* the next person scans while the question shows: their check-in wins */
    scan(hx, b.payload);
    assert_string_equal(state(hx), "rating");
    assert_int_equal(hx_count(hx, "SELECT count(*) FROM checkins"), 2);
    /* a burst with no Enter is submitted after a short silence */
    Pass c;
    issue(hx, &c);
    hx_type(hx, c.payload, 4);
    hx_advance(hx, 300);
    assert_int_equal(hx_count(hx, "SELECT count(*) FROM checkins"), 3);
    hx_free(hx);
}

static void test_typed_code_and_keypad(void **state_)
{
    (void)state_;
    SessionInfo sess;
    Harness *hx = door_with_session(1280, 800, &sess);
    Pass p, q;
    issue(hx, &p);
    issue(hx, &q);
    /* a person typing slowly on a keyboard, lower case, with dashes */
    char lower[PASS_CODE_SIZE];
    for (int i = 0; p.code[i]; i++)
        lower[i] = (char)(p.code[i] >= 'A' && p.code[i] <= 'Z' ? p.code[i] + 32 : p.code[i]);
    lower[PASS_CODE_SIZE - 1] = '\0';
    hx_type(hx, lower, 220);
    hx_screenshot(hx, "door-typing-1280x800");
    assert_string_equal(state(hx), "welcome"); /* never auto-submitted */
    hx_key(hx, SDLK_RETURN);
    assert_int_equal(door_last_outcome(app_top(&hx->app)), CHECKIN_OK);
    /* digits then Enter answer the question */
    hx_type(hx, "2", 300);
    hx_key(hx, SDLK_RETURN);
    assert_int_equal(hx_count(hx, "SELECT count(*) FROM ratings WHERE value = 2"), 1);
    hx_advance(hx, 3000);

    /* the on-screen keypad */
    assert_true(hx_tap_target(hx, D_TYPE));
    assert_true(door_keypad_open(app_top(&hx->app)));
    static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    for (const char *c = q.code; *c; c++) {
        if (*c == '-')
            continue;
        const char *at = strchr(alphabet, *c);
        assert_non_null(at);
        assert_true(hx_tap_target(hx, D_KEY0 + (int)(at - alphabet)));
    }
    hx_screenshot(hx, "door-keypad-1280x800");
    hx_resize(hx, 800, 480);
    hx_screenshot(hx, "door-keypad-800x480");
    hx_resize(hx, 800, 1280);
    hx_screenshot(hx, "door-keypad-800x1280");
    hx_resize(hx, 1280, 800);
    assert_true(hx_tap_target(hx, D_KEY_OK));
    assert_int_equal(door_last_outcome(app_top(&hx->app)), CHECKIN_OK);
    assert_int_equal(hx_count(hx, "SELECT count(*) FROM checkins"), 2);
    hx_free(hx);
}

static void test_lowest_face_offers_a_staff_member(void **state_)
{
    (void)state_;
    SessionInfo sess;
    Harness *hx = door_with_session(1280, 800, &sess);
    Pass p;
    issue(hx, &p);
    scan(hx, p.payload);
    assert_true(hx_tap_target(hx, D_FACE0)); /* the lowest face */
    assert_string_equal(state(hx), "ask_staff");
    hx_screenshot(hx, "door-ask-staff-1280x800");
    assert_true(hx_tap_target(hx, D_YES));
    assert_string_equal(state(hx), "staff_ok");
    hx_screenshot(hx, "door-staff-coming-1280x800");
    /* anonymous group: the request names no pass */
    assert_int_equal(hx_count(hx, "SELECT count(*) FROM staff_requests WHERE pass_id IS NULL"), 1);
    hx_advance(hx, 7000);
    assert_string_equal(state(hx), "welcome");
    hx_free(hx);
}

static void test_pseudonymous_group_links_answers_to_the_pass(void **state_)
{
    (void)state_;
    SessionInfo sess;
    Harness *hx = door_with_session(1280, 800, &sess);
    assert_int_equal(store_group_set_anonymous(hx->app.store, "DBT Skills - Tue AM", false),
                     STORE_OK);
    hx_advance(hx, 2100);
    Pass p;
    issue(hx, &p);
    scan(hx, p.payload);
    assert_true(hx_tap_target(hx, D_FACE0));
    assert_true(hx_tap_target(hx, D_YES));
    char sql[256];
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM ratings WHERE pass_id = '%s' AND at IS NOT NULL", p.info.id);
    assert_int_equal(hx_count(hx, sql), 1);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM staff_requests WHERE pass_id = '%s'",
             p.info.id);
    assert_int_equal(hx_count(hx, sql), 1);
    hx_free(hx);
}

static void test_check_out(void **state_)
{
    (void)state_;
    SessionInfo sess;
    Harness *hx = door_with_session(1280, 800, &sess);
    Pass p;
    issue(hx, &p);
    scan(hx, p.payload);
    assert_true(hx_tap_target(hx, D_SKIP));
    assert_int_equal(store_session_start_checkout(hx->app.store, HX_WALL_START + 3600000),
                     STORE_OK);
    hx_advance(hx, 2100);
    hx_screenshot(hx, "door-checkout-welcome-1280x800");
    scan(hx, p.payload);
    assert_string_equal(state(hx), "rating");
    hx_screenshot(hx, "door-checked-out-1280x800");
    assert_true(hx_tap_target(hx, D_FACE0 + 4));
    assert_int_equal(hx_count(hx, "SELECT count(*) FROM checkins WHERE kind = 'out'"), 1);
    assert_int_equal(hx_count(hx, "SELECT count(*) FROM ratings WHERE phase = 'checkout' AND value = 5"),
                     1);
    hx_free(hx);
}

static void test_hostile_input_changes_nothing(void **state_)
{
    (void)state_;
    SessionInfo sess;
    Harness *hx = door_with_session(1280, 800, &sess);
    Pass p;
    issue(hx, &p);
    const char *bad[] = {
        "https://example.com/?q=HRT1",
        "'; DROP TABLE passes; --",
        "HRT2K7QF2M9XABCDEFGH",
        "hello",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        scan(hx, bad[i]);
        assert_int_equal(door_last_outcome(app_top(&hx->app)), CHECKIN_MALFORMED);
    }
    /* a typo in a real payload: caught before the database */
    char typo[PASS_PAYLOAD_SIZE];
    memcpy(typo, p.payload, sizeof typo);
    typo[8] = typo[8] == 'A' ? 'B' : 'A';
    scan(hx, typo);
    assert_int_equal(door_last_outcome(app_top(&hx->app)), CHECKIN_MALFORMED);
    /* thousands of characters and control characters */
    char flood[5001];
    for (int i = 0; i < 5000; i++)
        flood[i] = (char)('A' + i % 26);
    flood[5000] = '\0';
    scan(hx, flood);
    assert_int_equal(door_last_outcome(app_top(&hx->app)), CHECKIN_MALFORMED);
    SDL_Event te = {0};
    te.type = SDL_TEXTINPUT;
    memcpy(te.text.text, "\x01\x1b\x7f\xff\xfe", 6); /* control bytes and broken UTF-8 */
    hx_event(hx, &te);
    hx_key(hx, SDLK_RETURN);
    assert_int_equal(hx_count(hx, "SELECT count(*) FROM checkins"), 0);
    assert_int_equal(hx_count(hx, "SELECT count(*) FROM ratings"), 0);
    assert_int_equal(hx_count(hx, "SELECT count(*) FROM passes"), 1);
    /* still responsive: the real pass works */
    hx_advance(hx, 7000);
    scan(hx, p.payload);
    assert_int_equal(door_last_outcome(app_top(&hx->app)), CHECKIN_OK);
    hx_free(hx);
}

static void test_no_session_is_not_recognised(void **state_)
{
    (void)state_;
    Harness *hx = hx_new(1280, 800, NULL);
    Pass p;
    issue(hx, &p);
    scan(hx, p.payload);
    assert_int_equal(door_last_outcome(app_top(&hx->app)), CHECKIN_NO_SESSION);
    hx_screenshot(hx, "door-no-session-1280x800");
    assert_int_equal(hx_count(hx, "SELECT count(*) FROM checkins"), 0);
    hx_free(hx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scan_rate_and_thank),
        cmocka_unit_test(test_three_outcomes_look_different),
        cmocka_unit_test(test_next_scan_replaces_an_outcome_at_once),
        cmocka_unit_test(test_typed_code_and_keypad),
        cmocka_unit_test(test_lowest_face_offers_a_staff_member),
        cmocka_unit_test(test_pseudonymous_group_links_answers_to_the_pass),
        cmocka_unit_test(test_check_out),
        cmocka_unit_test(test_hostile_input_changes_nothing),
        cmocka_unit_test(test_no_session_is_not_recognised),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
