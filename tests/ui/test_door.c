/* The door on the dummy driver: scans typed as a scanner types them, codes
 * typed by people (masked, and forgotten after the attempt), the three
 * outcomes (colour, icon, words, chime), the welcome's privacy line, the
 * arrival rating, the lowest answer's offer of a staff member, check-out,
 * hostile input, the alert banner, and the count following check-ins made
 * by the command line. The rating's faces and keys: test_door_rating.c. */
#include "harness.h"

#include "core/i18n.h"
#include "store/store_session.h"
#include "core/catalog.h"
#include "svc/checkin.h"
#include "svc/gate.h"
#include "ui/chime.h"
#include "ui/draw.h"
#include "ui/screens.h"
#include "ui/widget.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { D_HELP = 11 };
static const TextLog *texts(Harness *hx);
enum { D_STAFF = 1, D_LANG = 2, D_TYPE = 3, D_SKIP = 4, D_YES = 5, D_NO = 6, D_KEY_ERASE = 7,
       D_KEY_CANCEL = 8, D_KEY_OK = 9, D_KEY0 = 100, D_FACE0 = 200 };

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
        assert_int_equal(hx_count(hx, TK_ANSWERS "phase = 'arrival' AND "
                                   "value = 4 AND pass_id IS NULL AND at IS NULL"),
                         1);
        snprintf(name, sizeof name, "door-thanks-%s", sizes[z].name);
        hx_screenshot(hx, name);
        hx_advance(hx, 3000);
        assert_string_equal(state(hx), "welcome");
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
    hx_type(hx, "3", 300);
    hx_key(hx, SDLK_RETURN);
    assert_int_equal(hx_count(hx, TK_ANSWERS "value = 3"), 1);
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
    /* the help card: what happens next in plain words, nobody asked to
     * say who they are, and the crisis lines */
    assert_string_equal(hx_top(hx), "help");
    const TextLog *card = help_screen_texts(app_top(&hx->app));
    assert_non_null(textlog_find(card, "no name was given"));
    assert_null(textlog_find(card, "let any staff member know it was you"));
    assert_non_null(textlog_find(card, "988"));
    hx_screenshot(hx, "door-staff-coming-1280x800");
    /* anonymous group: the request names no pass */
    assert_int_equal(hx_count(hx, "SELECT count(*) FROM staff_requests WHERE pass_id IS NULL"), 1);
    assert_int_equal(hx->app.help_waiting, 1);
    assert_true(hx_tap_target(hx, 1)); /* close */
    assert_string_equal(state(hx), "welcome");
    /* the second-lowest face offers too; the middle one does not */
    Pass q, r;
    issue(hx, &q);
    issue(hx, &r);
    scan(hx, q.payload);
    assert_true(hx_tap_target(hx, D_FACE0 + 1));
    assert_string_equal(state(hx), "ask_staff");
    assert_true(hx_tap_target(hx, D_NO));
    scan(hx, r.payload);
    assert_true(hx_tap_target(hx, D_FACE0 + 2));
    assert_string_equal(state(hx), "thanks");
    hx_free(hx);
}

static void test_door_language_is_the_persons(void **state_)
{
    (void)state_;
    /* A language chosen at the door is that person's: the room's screen
     * keeps drawing in the kiosk's, and staff who open the console (and
     * what they export) read the kiosk's own. */
    SessionInfo sess;
    Harness *hx = door_with_session(1280, 800, &sess);
    hx_add_room_view(hx, 1920, 1080);
    assert_true(hx_tap_target(hx, D_LANG));
    assert_string_equal(i18n_lang(), "es");
    hx_frame(hx);
    assert_string_equal(i18n_lang(), "es"); /* the room's draw gave it back */
    hx_screenshot_room(hx, "door-room-keeps-language-1920x1080");
    assert_true(hx_tap_target(hx, D_STAFF));
    assert_string_equal(hx_top(hx), "pin");
    assert_string_equal(i18n_lang(), "en");
    i18n_set_lang("en");
    hx_free(hx);
}

static void test_talk_to_someone_at_any_time(void **state_)
{
    (void)state_;
    /* The door's "Talk to someone" is there in every state, opens the card
     * in one tap (in both languages), and asks only when the person does. */
    SessionInfo sess;
    Harness *hx = door_with_session(800, 480, &sess);
    Pass p;
    issue(hx, &p);
    for (int lang = 0; lang < 2; lang++) {
        assert_true(hx_tap_target(hx, D_HELP));
        assert_string_equal(hx_top(hx), "help");
        const TextLog *card = help_screen_texts(app_top(&hx->app));
        assert_non_null(textlog_find(card, "988"));
        assert_non_null(textlog_find(card, "ara espa\xC3\xB1ol")); /* 988 in Spanish: option 2 */
        hx_screenshot(hx, lang ? "help-card-es-800x480" : "help-card-800x480");
        assert_int_equal(hx_count(hx, "SELECT count(*) FROM staff_requests"), lang);
        assert_true(hx_tap_target(hx, 2)); /* ask a staff member to come */
        assert_int_equal(hx_count(hx, "SELECT count(*) FROM staff_requests"), lang + 1);
        assert_true(hx_tap_target(hx, 1));
        assert_true(hx_tap_target(hx, D_LANG));
    }
    /* on the keypad and on the question too */
    assert_true(hx_tap_target(hx, D_TYPE));
    assert_true(hx_target(hx, D_HELP, NULL));
    hx_key(hx, SDLK_ESCAPE);
    scan(hx, p.payload);
    assert_string_equal(state(hx), "rating");
    assert_true(hx_target(hx, D_HELP, NULL));
    hx_free(hx);
}

static int checkins(Harness *hx) { return hx_count(hx, "SELECT count(*) FROM checkins"); }

static void test_scan_checks_in_on_every_staff_screen(void **state_)
{
    (void)state_;
    /* Staff have the PIN pad, the console, the settings or a round open:
     * a scan checks the person in, says so over the screen, and is never
     * typed into the PIN (five scans would otherwise lock staff out). */
    static const HxSize sizes[] = {{800, 480, "800x480"}, {1920, 1080, "1920x1080"}};
    for (size_t z = 0; z < 2; z++) {
        SessionInfo sess;
        Harness *hx = door_with_session(sizes[z].w, sizes[z].h, &sess);
        assert_int_equal(gate_set_pin(hx->app.store, "135790", HX_WALL_START), GATE_OK);
        Pass p[8];
        for (int i = 0; i < 8; i++)
            issue(hx, &p[i]);
        char name[96];
        /* the PIN pad, with a PIN half typed: five scans, none a try */
        assert_true(hx_tap_target(hx, D_STAFF));
        assert_string_equal(hx_top(hx), "pin");
        hx_type(hx, "135", 150);
        for (int i = 0; i < 5; i++) {
            scan(hx, p[i].payload);
            assert_int_equal(checkins(hx), i + 1);
            assert_string_equal(hx_top(hx), "pin");
        }
        assert_non_null(strstr(hx->app.toast, "You're checked in"));
        snprintf(name, sizeof name, "scan-over-pin-%s", sizes[z].name);
        hx_screenshot(hx, name);
        GateState st;
        gate_state(hx->app.store, &st);
        assert_int_equal(st.failures, 0);
        assert_int_equal(hx_count(hx, "SELECT count(*) FROM audit WHERE action = 'pin.refused'"), 0);
        /* the person's digits were kept apart: the PIN's rest opens it */
        hx_type(hx, "790", 150);
        hx_key(hx, SDLK_RETURN);
        assert_string_equal(hx_top(hx), "console");
        /* the console */
        scan(hx, p[5].payload);
        assert_int_equal(checkins(hx), 6);
        assert_string_equal(hx_top(hx), "console");
        snprintf(name, sizeof name, "scan-over-console-%s", sizes[z].name);
        hx_screenshot(hx, name);
        /* a pass scanned twice: welcome back, over the console */
        hx_advance(hx, 7000);
        scan(hx, p[5].payload);
        assert_int_equal(checkins(hx), 6);
        assert_non_null(strstr(hx->app.toast, "Welcome back"));
        /* the settings */
        app_push(&hx->app, settings_screen_new(&hx->app));
        hx_frame(hx);
        scan(hx, p[6].payload);
        assert_int_equal(checkins(hx), 7);
        assert_string_equal(hx_top(hx), "settings");
        app_pop(&hx->app);
        /* a round (an anonymous group): a late arrival */
        app_push(&hx->app, round_screen_new(&hx->app, catalog_instrument(hx->app.catalog, "mood"),
                                            PHASE_ROUND, NULL, NULL, NULL));
        hx_frame(hx);
        scan(hx, p[7].payload);
        assert_int_equal(checkins(hx), 8);
        assert_int_equal(hx_count(hx, TK_ANSWERS "1"), 0);
        snprintf(name, sizeof name, "scan-over-round-%s", sizes[z].name);
        hx_screenshot(hx, name);
        /* junk from a scanner over a staff screen: refused, in words */
        hx_advance(hx, 7000);
        scan(hx, "4006381333931");
        assert_int_equal(checkins(hx), 8);
        assert_non_null(strstr(hx->app.toast, "We couldn't recognize that"));
        hx_free(hx);
    }
}

static void test_clumped_typing_at_the_door(void **state_)
{
    (void)state_;
    /* A busy machine hands a person's keys over in clumps, all at one
     * instant: nothing is submitted before Enter, nothing is lost. */
    SessionInfo sess;
    Harness *hx = door_with_session(1280, 800, &sess);
    Pass p;
    issue(hx, &p);
    SDL_Event ev = {0};
    static const int clumps[] = {5, 9, 5, 0};
    const char *c = p.code;
    for (int k = 0; clumps[k]; k++) {
        for (int i = 0; i < clumps[k] && *c; i++, c++) {
            memset(&ev, 0, sizeof ev);
            ev.type = SDL_TEXTINPUT;
            ev.text.text[0] = *c;
            hx_event(hx, &ev);
        }
        hx_advance(hx, 700);
        assert_string_equal(state(hx), "welcome");
        assert_int_equal(checkins(hx), 0);
    }
    hx_key(hx, SDLK_RETURN);
    assert_int_equal(door_last_outcome(app_top(&hx->app)), CHECKIN_OK);
    assert_int_equal(checkins(hx), 1);
    hx_free(hx);
}

static void test_pseudonymous_group_links_answers_to_the_pass(void **state_)
{
    (void)state_;
    SessionInfo sess;
    Harness *hx = door_with_session(1280, 800, &sess);
    /* a group opts in from its next session */
    assert_int_equal(store_group_set_anonymous(hx->app.store, "DBT Skills - Tue AM", false),
                     STORE_OK);
    assert_int_equal(store_session_close(hx->app.store, hx->app.wall), STORE_OK);
    assert_int_equal(store_session_open(hx->app.store, "DBT Skills - Tue AM", hx->app.wall, &sess),
                     STORE_OK);
    hx_advance(hx, 2100);
    Pass p;
    issue(hx, &p);
    scan(hx, p.payload);
    assert_true(hx_tap_target(hx, D_FACE0));
    assert_true(hx_tap_target(hx, D_YES));
    char sql[1024];
    snprintf(sql, sizeof sql,
             TK_ANSWERS "pass_id = '%s' AND at IS NOT NULL", p.info.id);
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
    assert_int_equal(hx_count(hx, TK_ANSWERS "phase = 'checkout' AND value = 5"),
                     1);
    /* a pass that never checked in is not checked out, and says so */
    Pass never;
    issue(hx, &never);
    hx_advance(hx, 10000);
    scan(hx, never.payload);
    assert_int_equal(door_last_outcome(app_top(&hx->app)), CHECKIN_NOT_IN);
    assert_non_null(textlog_find(texts(hx), "Not checked in today"));
    hx_screenshot(hx, "door-checkout-never-in-1280x800");
    assert_int_equal(hx_count(hx, "SELECT count(*) FROM checkins WHERE kind = 'out'"), 1);
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
    assert_int_equal(hx_count(hx, TK_ANSWERS "1"), 0);
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


static const TextLog *texts(Harness *hx) { return door_screen_texts(app_top(&hx->app)); }

/* --- the three outcomes: colour, icon, words and chime, each its own ------------------ */

#define ICON_GRID 24

/* Whether grid cell (gx, gy) of a square lies inside the disc an icon
 * sits on (its corners are the banner's own colour). */
static bool in_disc(int gx, int gy)
{
    float dx = (float)gx + 0.5f - ICON_GRID / 2.0f, dy = (float)gy + 0.5f - ICON_GRID / 2.0f;
    return dx * dx + dy * dy < (ICON_GRID * 0.45f) * (ICON_GRID * 0.45f);
}

/* The outcome's icon as a grid of on and off cells: where its colour (the
 * outcome's) shows inside the dark disc it sits on. */
static void icon_mask(Harness *hx, SDL_Color color, bool mask[ICON_GRID][ICON_GRID])
{
    SDL_Rect box;
    assert_true(door_outcome_icon(app_top(&hx->app), &box));
    for (int gy = 0; gy < ICON_GRID; gy++)
        for (int gx = 0; gx < ICON_GRID; gx++) {
            int x = box.x + (gx * 2 + 1) * box.w / (ICON_GRID * 2);
            int y = box.y + (gy * 2 + 1) * box.h / (ICON_GRID * 2);
            SDL_Color p = hx_pixel(hx, x, y);
            mask[gy][gx] = in_disc(gx, gy) && abs(p.r - color.r) < 60 &&
                           abs(p.g - color.g) < 60 && abs(p.b - color.b) < 60;
        }
}

/* How much two icons differ: the share of their union that is not both. */
static double icon_difference(bool a[ICON_GRID][ICON_GRID], bool b[ICON_GRID][ICON_GRID])
{
    int both = 0, either = 0;
    for (int y = 0; y < ICON_GRID; y++)
        for (int x = 0; x < ICON_GRID; x++) {
            both += a[y][x] && b[y][x];
            either += a[y][x] || b[y][x];
        }
    return either ? 1.0 - (double)both / (double)either : 0;
}

/* The raised palm ("stop"), drawn as the outcomes draw their icons. */
static void palm_mask(bool mask[ICON_GRID][ICON_GRID])
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 240, 240, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(s);
    SDL_Color ink = {255, 255, 255, 255};
    draw_clear(r, (SDL_Color){0, 0, 0, 255});
    draw_icon_wave(r, rect_inset((SDL_Rect){0, 0, 240, 240}, 40), ink);
    SDL_RenderPresent(r);
    for (int gy = 0; gy < ICON_GRID; gy++)
        for (int gx = 0; gx < ICON_GRID; gx++) {
            int x = (gx * 2 + 1) * 240 / (ICON_GRID * 2), y = (gy * 2 + 1) * 240 / (ICON_GRID * 2);
            Uint32 p = ((Uint32 *)((Uint8 *)s->pixels + y * s->pitch))[x];
            Uint8 cr, cg, cb;
            SDL_GetRGB(p, s->format, &cr, &cg, &cb);
            mask[gy][gx] = cr > 128;
        }
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(s);
}

/* Checked in, welcome back, not recognised: each has its colour, icon,
 * words and chime, so that none is told only by colour or only by sound. */
static void test_three_outcomes_look_different(void **state_)
{
    (void)state_;
    static const HxSize sizes[] = {{800, 480, "800x480"}, {1920, 1080, "1920x1080"},
                                   {800, 1280, "800x1280"}};
    for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++) {
        SessionInfo sess;
        Harness *hx = door_with_session(sizes[z].w, sizes[z].h, &sess);
        const Theme *t = &hx->app.theme;
        Screen *s = app_top(&hx->app);
        SDL_Rect all = {0, 0, sizes[z].w, sizes[z].h};
        Pass p;
        issue(hx, &p);
        bool ok[ICON_GRID][ICON_GRID], back[ICON_GRID][ICON_GRID], unknown[ICON_GRID][ICON_GRID],
            palm[ICON_GRID][ICON_GRID];
        /* at 9:02: checked in; green, a tick, the words, the rising chime */
        hx_advance(hx, 120000);
        scan(hx, p.payload);
        assert_int_equal(door_last_outcome(s), CHECKIN_OK);
        assert_int_equal(door_last_chime(s), CHIME_OK);
        assert_non_null(textlog_find(texts(hx), "You're checked in"));
        assert_true(hx_share(hx, all, t->ok, 8) > 0.05);
        icon_mask(hx, t->ok, ok);
        assert_true(hx_tap_target(hx, D_SKIP));
        /* welcome back: blue, a heart, the earlier time, two soft notes */
        hx_advance(hx, 60000);
        scan(hx, p.payload);
        assert_int_equal(door_last_outcome(s), CHECKIN_ALREADY);
        assert_int_equal(door_last_chime(s), CHIME_WELCOME);
        assert_non_null(textlog_find(texts(hx), "Welcome back"));
        const ScreenText *when = textlog_find(texts(hx), "You checked in at 9:02");
        if (!when)
            fail_msg("%s: welcome back does not say when they checked in", sizes[z].name);
        assert_true(hx_share(hx, all, t->info, 8) > 0.2);
        assert_true(hx_share(hx, all, t->attention, 8) < 0.01);
        char name[96];
        snprintf(name, sizeof name, "door-welcome-back-%s", sizes[z].name);
        hx_screenshot(hx, name);
        icon_mask(hx, t->info, back);
        /* the next scan replaces an outcome at once: not recognised,
         * warm orange, see a staff member, one low note */
        scan(hx, "4006381333931");
        assert_int_equal(door_last_outcome(s), CHECKIN_MALFORMED);
        assert_string_equal(door_state_name(s), "result");
        assert_int_equal(door_last_chime(s), CHIME_NOTICE);
        assert_non_null(textlog_find(texts(hx), "We couldn't recognize that"));
        assert_non_null(textlog_find(texts(hx), "Please see a staff member"));
        assert_true(hx_share(hx, all, t->attention, 8) > 0.2);
        assert_true(hx_share(hx, all, t->info, 8) < 0.01);
        snprintf(name, sizeof name, "door-not-recognised-%s", sizes[z].name);
        hx_screenshot(hx, name);
        icon_mask(hx, t->attention, unknown);
        /* three icons, each unlike the others, and no raised palm */
        palm_mask(palm);
        double d_ok_back = icon_difference(ok, back), d_back_unknown = icon_difference(back, unknown),
               d_ok_unknown = icon_difference(ok, unknown), d_palm = icon_difference(back, palm);
        if (d_ok_back < 0.5 || d_back_unknown < 0.5 || d_ok_unknown < 0.5)
            fail_msg("%s: icons too alike (%.2f %.2f %.2f)", sizes[z].name, d_ok_back,
                     d_back_unknown, d_ok_unknown);
        /* (a palm drawn again differs from itself by nothing; blobs of a
         * similar size overlap, so the bar is lower than between icons
         * of different kinds) */
        if (d_palm < 0.3)
            fail_msg("%s: welcome back still looks like a raised palm (%.2f)", sizes[z].name,
                     d_palm);
        /* and back to the welcome after a few seconds */
        hx_advance(hx, (uint64_t)hx->app.settings.result_seconds * 1000 + 100);
        assert_string_equal(door_state_name(s), "welcome");
        assert_false(door_outcome_icon(s, &all));
        assert_int_equal(hx_count(hx, "SELECT count(*) FROM checkins"), 1);
        hx_free(hx);
    }
}

/* --- the welcome's privacy promise ---------------------------------------------------- */

/* The promise is drawn whole (wrapped rather than cut or made smaller),
 * and says what is true of the group. */
static void check_privacy(Harness *hx, const char *needle, const char *where)
{
    const ScreenText *p = textlog_find(texts(hx), needle);
    if (!p)
        fail_msg("%s: the welcome does not say \"%s\"", where, needle);
    if (p->cut || p->px < type_px(&hx->app, &hx->app.views[0], TYPE_BODY))
        fail_msg("%s: the privacy line is cut or drawn at %d px, under the body's %d px", where,
                 p->px, type_px(&hx->app, &hx->app.views[0], TYPE_BODY));
    if (hx_share(hx, p->box, hx->app.theme.text_muted, 40) < 0.01)
        fail_msg("%s: the privacy line has no ink", where);
}

static void test_welcome_says_no_names(void **state_)
{
    (void)state_;
    for (int z = 0; z < hx_nsizes; z++) {
        for (int scale = 100; scale <= 150; scale += 50) {
            char where[96];
            snprintf(where, sizeof where, "%s at %d %%", hx_sizes[z].name, scale);
            Harness *hx = hx_new(hx_sizes[z].w, hx_sizes[z].h, NULL);
            hx->app.settings.text_scale = scale;
            hx_resize(hx, hx_sizes[z].w, hx_sizes[z].h);
            check_privacy(hx, "Hearth stores no names.", where);
            hx_open_session(hx);
            hx_advance(hx, 2100);
            check_privacy(hx, "No names are stored. Your answers are not linked to you.", where);
            assert_int_equal(store_group_set_anonymous(hx->app.store, "DBT Skills - Tue AM", false),
                             STORE_OK);
            /* the open session keeps its way; the next one links */
            hx_advance(hx, 2100);
            check_privacy(hx, "No names are stored. Your answers are not linked to you.", where);
            SessionInfo next;
            assert_int_equal(store_session_close(hx->app.store, hx->app.wall), STORE_OK);
            assert_int_equal(
                store_session_open(hx->app.store, "DBT Skills - Tue AM", hx->app.wall, &next),
                STORE_OK);
            hx_advance(hx, 2100);
            check_privacy(hx, "No names are stored. Your answers are linked only to your pass.",
                          where);
            hx_free(hx);
        }
    }
}

/* --- a typed code is masked, and forgotten ------------------------------------------------ */

/* The symbols the door drew in its code row, left to right: a dot for
 * each hidden one. */
static void drawn_code(Harness *hx, char *out, size_t n)
{
    const TextLog *log = texts(hx);
    /* the cells: one-symbol texts level with each other */
    const ScreenText *cells[TEXTLOG_MAX];
    int k = 0;
    for (int i = 0; i < log->n; i++) {
        const char *txt = log->items[i].text;
        bool one = (strlen(txt) == 1 || !strcmp(txt, "\xE2\x80\xA2")) &&
                   log->items[i].role != TYPE_LABEL; /* not the keypad's keys */
        if (one)
            cells[k++] = &log->items[i];
    }
    for (int i = 1; i < k; i++)
        for (int j = i; j > 0 && cells[j]->box.x < cells[j - 1]->box.x; j--) {
            const ScreenText *tmp = cells[j];
            cells[j] = cells[j - 1];
            cells[j - 1] = tmp;
        }
    /* the line above them (how many are left, or why it was refused) is
     * whole and clear of them: the keypad's field once cut it in half and
     * drew the symbols over it at every size */
    for (int i = 0; i < log->n; i++) {
        const ScreenText *t = &log->items[i];
        if (t->cut || t->wide_word)
            fail_msg("\"%s\" is cut", t->text);
        bool is_cell = false;
        for (int j = 0; j < k; j++)
            is_cell |= cells[j] == t;
        for (int j = 0; j < k && !is_cell; j++)
            if (SDL_HasIntersection(&t->box, &cells[j]->box))
                fail_msg("the symbol %s is drawn over \"%s\"", cells[j]->text, t->text);
    }
    size_t used = 0;
    out[0] = '\0';
    for (int i = 0; i < k && used + 2 < n; i++) {
        out[used++] = strlen(cells[i]->text) == 1 ? cells[i]->text[0] : '*';
        out[used] = '\0';
        /* each is really drawn */
        if (hx_share(hx, cells[i]->box, hx->app.theme.text, 60) < 0.02)
            fail_msg("the symbol %d of the code has no ink", i);
    }
}

static void symbols_of(const char *code, char *out)
{
    for (; *code; code++)
        if (*code != '-')
            *out++ = *code;
    *out = '\0';
}

/* Nothing of the code is in the door's memory: with or without dashes, in
 * either case, or its last four. */
static void assert_forgotten(Harness *hx, const char *code, const char *where)
{
    Screen *s = app_top(&hx->app);
    char sym[PASS_CODE_SIZE], lower[PASS_CODE_SIZE], lower_sym[PASS_CODE_SIZE];
    symbols_of(code, sym);
    size_t i = 0;
    for (; code[i]; i++)
        lower[i] = (char)(code[i] >= 'A' && code[i] <= 'Z' ? code[i] + 32 : code[i]);
    lower[i] = '\0';
    symbols_of(lower, lower_sym);
    const char *forms[] = {code, sym, lower, lower_sym, sym + strlen(sym) - 4,
                           lower_sym + strlen(lower_sym) - 4};
    for (size_t f = 0; f < sizeof forms / sizeof forms[0]; f++)
        if (door_holds(s, forms[f]))
            fail_msg("%s: the door still holds \"%s\"", where, forms[f]);
}

static void test_typed_code_is_shown_and_kept_to_fix(void **state_)
{
    (void)state_;
    static const HxSize sizes[] = {{800, 480, "800x480"}, {1280, 800, "1280x800"},
                                   {1920, 1080, "1920x1080"}, {800, 1280, "800x1280"}};
    static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++) {
        SessionInfo sess;
        Harness *hx = door_with_session(sizes[z].w, sizes[z].h, &sess);
        Screen *s = app_top(&hx->app);
        Pass p, q, r;
        issue(hx, &p);
        issue(hx, &q);
        issue(hx, &r);
        char sym[PASS_CODE_SIZE], shown[64], want[64];
        /* a person on a keyboard, slowly, in lower case: the first two
         * groups; every symbol shows, and how many are left */
        char typed[PASS_CODE_SIZE];
        snprintf(typed, sizeof typed, "%.9s", p.code);
        for (char *c = typed; *c; c++)
            if (*c >= 'A' && *c <= 'Z')
                *c = (char)(*c + 32);
        hx_type(hx, typed, 220);
        hx_advance(hx, 100);
        symbols_of(p.code, sym);
        drawn_code(hx, shown, sizeof shown);
        snprintf(want, sizeof want, "%.8s", sym);
        if (strcmp(shown, want) != 0)
            fail_msg("%s: typing shows \"%s\", expected \"%s\"", sizes[z].name, shown, want);
        assert_non_null(textlog_find(texts(hx), "8 of 16 typed, 8 more to go"));
        char name[96];
        snprintf(name, sizeof name, "door-typing-%s", sizes[z].name);
        hx_screenshot(hx, name);
        /* Enter on a short code: refused for being short, and kept */
        hx_key(hx, SDLK_RETURN);
        assert_string_equal(door_state_name(s), "welcome");
        assert_non_null(textlog_find(texts(hx), "That is 8 symbols; a code has 16"));
        /* the keypad and the keyboard mix: two taps, then the rest typed */
        assert_true(hx_tap_target(hx, D_TYPE));
        for (int i = 8; i < 10; i++)
            assert_true(hx_tap_target(hx, D_KEY0 + (int)(strchr(alphabet, sym[i]) - alphabet)));
        drawn_code(hx, shown, sizeof shown);
        snprintf(want, sizeof want, "%.10s", sym);
        assert_string_equal(shown, want);
        hx_type(hx, sym + 10, 220);
        hx_advance(hx, 100);
        drawn_code(hx, shown, sizeof shown);
        assert_string_equal(shown, sym);
        snprintf(name, sizeof name, "door-keypad-mixed-%s", sizes[z].name);
        hx_screenshot(hx, name);
        hx_key(hx, SDLK_RETURN);
        assert_int_equal(door_last_outcome(s), CHECKIN_OK);
        assert_forgotten(hx, p.code, sizes[z].name);
        assert_true(hx_tap_target(hx, D_SKIP));

        /* the keypad: a wrong symbol in the middle is refused, the code
         * stays, and only that symbol needs fixing */
        assert_true(hx_tap_target(hx, D_TYPE));
        symbols_of(q.code, sym);
        char bad = sym[6] == 'A' ? 'B' : 'A';
        for (int i = 0; i < 16; i++)
            assert_true(hx_tap_target(
                hx, D_KEY0 + (int)(strchr(alphabet, i == 6 ? bad : sym[i]) - alphabet)));
        assert_true(hx_tap_target(hx, D_KEY_OK));
        assert_int_equal(door_last_outcome(s), CHECKIN_MALFORMED);
        assert_true(door_keypad_open(s));
        assert_non_null(textlog_find(texts(hx), "One symbol does not match"));
        drawn_code(hx, shown, sizeof shown);
        assert_int_equal(strlen(shown), 16);
        snprintf(name, sizeof name, "door-keypad-typo-%s", sizes[z].name);
        hx_screenshot(hx, name);
        for (int i = 0; i < 10; i++)
            assert_true(hx_tap_target(hx, D_KEY_ERASE));
        for (int i = 6; i < 16; i++)
            assert_true(hx_tap_target(hx, D_KEY0 + (int)(strchr(alphabet, sym[i]) - alphabet)));
        assert_true(hx_tap_target(hx, D_KEY_OK));
        assert_int_equal(door_last_outcome(s), CHECKIN_OK);
        assert_forgotten(hx, q.code, sizes[z].name);
        assert_true(hx_tap_target(hx, D_SKIP));

        /* a code left half typed on the keypad goes after half a minute;
         * one cancelled goes at once */
        assert_true(hx_tap_target(hx, D_TYPE));
        symbols_of(r.code, sym);
        for (int i = 0; i < 6; i++)
            assert_true(hx_tap_target(hx, D_KEY0 + (int)(strchr(alphabet, sym[i]) - alphabet)));
        hx_advance(hx, 31000);
        assert_false(door_keypad_open(s));
        char part[8];
        snprintf(part, sizeof part, "%.4s", sym + 2);
        assert_false(door_holds(s, part));
        assert_true(hx_tap_target(hx, D_TYPE));
        for (int i = 0; i < 6; i++)
            assert_true(hx_tap_target(hx, D_KEY0 + (int)(strchr(alphabet, sym[i]) - alphabet)));
        assert_true(hx_tap_target(hx, D_KEY_CANCEL));
        assert_false(door_holds(s, part));
        /* so does one left half typed on a keyboard */
        hx_type(hx, r.code + 10, 220);
        assert_non_null(textlog_find(texts(hx), "8 of 16 typed"));
        hx_advance(hx, 31000);
        assert_null(textlog_find(texts(hx), "typed"));
        snprintf(part, sizeof part, "%.4s", r.code + 15);
        assert_false(door_holds(s, part));
        /* and a refused code, kept to be fixed, goes when left alone */
        char wrong[PASS_CODE_SIZE];
        memcpy(wrong, r.code, sizeof wrong);
        wrong[0] = wrong[0] == 'A' ? 'B' : 'A';
        hx_type(hx, wrong, 220);
        hx_key(hx, SDLK_RETURN);
        assert_int_equal(door_last_outcome(s), CHECKIN_MALFORMED);
        hx_advance(hx, 31000);
        assert_forgotten(hx, wrong, sizes[z].name);
        hx_free(hx);
    }
}

/* --- the alert banner never hides the door's controls ------------------------------------- */

/* Every target inside the view, large enough, apart from each other, and
 * clear of the alert; nothing of the alert's colour on a control. */
static void check_clear_of_alert(Harness *hx, const char *where)
{
    hx_check_targets(hx, where);
    View *v = &hx->app.views[0];
    SDL_Rect alert = app_alert_rect(&hx->app, v);
    if (alert.h <= 0)
        fail_msg("%s: no alert showing", where);
    /* the alert is really drawn there */
    if (hx_share(hx, alert, hx->app.theme.attention, 8) < 0.5)
        fail_msg("%s: the alert is not drawn where it says", where);
    Screen *s = app_top(&hx->app);
    Target t[APP_MAX_TARGETS];
    int n = s->cls->targets(&hx->app, s, v, t, APP_MAX_TARGETS);
    assert_true(n > 0);
    for (int i = 0; i < n; i++) {
        SDL_Rect o;
        if (SDL_IntersectRect(&t[i].rect, &alert, &o))
            fail_msg("%s: target %d (%d,%d %dx%d) is under the alert (%d,%d %dx%d)", where,
                     t[i].id, t[i].rect.x, t[i].rect.y, t[i].rect.w, t[i].rect.h, alert.x, alert.y,
                     alert.w, alert.h);
        if (hx_share(hx, t[i].rect, hx->app.theme.attention, 4) > 0.01 && t[i].id != D_FACE0)
            fail_msg("%s: target %d is painted over", where, t[i].id);
    }
}

static void test_door_lays_out_around_the_alert(void **state_)
{
    (void)state_;
    static const struct {
        int w, h, scale;
        float dpi;
        const char *lang, *name;
    } screens[] = {
        {800, 480, 150, 131.0f, "es", "800x480-es150"},
        {800, 480, 100, 131.0f, "en", "800x480"},
        {1280, 800, 100, 0, "en", "1280x800"},
        {1920, 1080, 150, 0, "en", "1920x1080-150"},
        {800, 1280, 150, 189.0f, "es", "800x1280-es150"},
    };
    for (size_t z = 0; z < sizeof screens / sizeof screens[0]; z++) {
        Harness *hx = hx_new(800, 480, NULL);
        if (screens[z].dpi > 0)
            hx->app.views[0].px_per_mm = screens[z].dpi / 25.4f;
        hx->app.settings.text_scale = screens[z].scale;
        i18n_set_lang(screens[z].lang);
        snprintf(hx->app.settings.lang, sizeof hx->app.settings.lang, "%s", screens[z].lang);
        hx_resize(hx, screens[z].w, screens[z].h);
        hx_open_session(hx);
        hx_advance(hx, 2100);
        Pass p, q;
        issue(hx, &p);
        issue(hx, &q);
        app_set_alert(&hx->app, "The storage is full: check-ins cannot be saved. Staff must free "
                                "space on this device.");
        hx_frame(hx);
        char where[128];
        snprintf(where, sizeof where, "door-alert-welcome-%s", screens[z].name);
        hx_screenshot(hx, where);
        check_clear_of_alert(hx, where);
        /* the keypad */
        assert_true(hx_tap_target(hx, D_TYPE));
        snprintf(where, sizeof where, "door-alert-keypad-%s", screens[z].name);
        hx_screenshot(hx, where);
        check_clear_of_alert(hx, where);
        /* with symbols typed: the count line and the cells as well */
        assert_true(hx_tap_target(hx, D_KEY0 + 10));
        assert_true(hx_tap_target(hx, D_KEY0 + 11));
        char shown[64];
        snprintf(where, sizeof where, "door-alert-keypad-typed-%s", screens[z].name);
        hx_screenshot(hx, where);
        drawn_code(hx, shown, sizeof shown);
        assert_string_equal(shown, "AB");
        check_clear_of_alert(hx, where);
        hx_key(hx, SDLK_ESCAPE);
        /* an outcome (the check-in clears the alert: set it again, as the
         * storage failing once more would), the question, the offer */
        scan(hx, p.payload);
        app_set_alert(&hx->app, "The storage is full: answers cannot be saved. Staff must free "
                                "space on this device.");
        hx_frame(hx);
        snprintf(where, sizeof where, "door-alert-rating-%s", screens[z].name);
        hx_screenshot(hx, where);
        check_clear_of_alert(hx, where);
        assert_true(hx_tap_target(hx, D_FACE0));
        snprintf(where, sizeof where, "door-alert-ask-staff-%s", screens[z].name);
        check_clear_of_alert(hx, where);
        assert_true(hx_tap_target(hx, D_NO));
        scan(hx, p.payload);
        app_set_alert(&hx->app, "The storage is full: check-ins cannot be saved. Staff must free "
                                "space on this device.");
        hx_frame(hx);
        snprintf(where, sizeof where, "door-alert-welcome-back-%s", screens[z].name);
        hx_screenshot(hx, where);
        check_clear_of_alert(hx, where);
        /* and Staff, in plain sight, opens the way to the console */
        assert_true(hx_tap_target(hx, D_STAFF));
        assert_string_equal(hx_top(hx), "pin");
        i18n_set_lang("en");
        hx_free(hx);
    }
}

/* --- the count follows check-ins made elsewhere ------------------------------------------- */

static void test_count_follows_the_command_line(void **state_)
{
    (void)state_;
    SessionInfo sess;
    Harness *hx = door_with_session(1280, 800, &sess);
    Pass p, q;
    issue(hx, &p);
    issue(hx, &q);
    assert_non_null(textlog_find(texts(hx), "No one has checked in yet"));
    /* a second connection on the same file, as `hearth checkin` opens */
    StoreResult r;
    char err[512];
    Store *cli = store_open(hx->db_path, NULL, &r, err, sizeof err);
    if (!cli)
        fail_msg("second connection: %s", err);
    CheckinResult res;
    assert_int_equal(checkin_submit(cli, p.payload, strlen(p.payload), HX_WALL_START + 60000, &res),
                     CHECKIN_OK);
    /* within the door's two-second poll, on the virtual clock */
    hx_advance(hx, 2100);
    const ScreenText *count = textlog_find(texts(hx), "checked in");
    assert_non_null(count);
    assert_string_equal(count->text, "1 person checked in");
    assert_true(hx_share(hx, count->box, hx->app.theme.accent, 40) > 0.02);
    hx_screenshot(hx, "door-count-after-cli-1280x800");
    assert_int_equal(checkin_submit(cli, q.payload, strlen(q.payload), HX_WALL_START + 61000, &res),
                     CHECKIN_OK);
    hx_advance(hx, 2100);
    assert_non_null(textlog_find(texts(hx), "2 people checked in"));
    store_close(cli);
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
        cmocka_unit_test(test_talk_to_someone_at_any_time),
        cmocka_unit_test(test_scan_checks_in_on_every_staff_screen),
        cmocka_unit_test(test_clumped_typing_at_the_door),
        cmocka_unit_test(test_pseudonymous_group_links_answers_to_the_pass),
        cmocka_unit_test(test_check_out),
        cmocka_unit_test(test_hostile_input_changes_nothing),
        cmocka_unit_test(test_no_session_is_not_recognised),
        cmocka_unit_test(test_welcome_says_no_names),
        cmocka_unit_test(test_typed_code_is_shown_and_kept_to_fix),
        cmocka_unit_test(test_door_lays_out_around_the_alert),
        cmocka_unit_test(test_count_follows_the_command_line),
        cmocka_unit_test(test_door_language_is_the_persons),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
