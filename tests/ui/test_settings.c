/* The settings screen: every setting changed by touch and again by
 * keyboard alone, each change checked in the INI file and in the running
 * kiosk; what it does at once (language, text size, a sample chime, the
 * door's scanner timing); a file that cannot be written; screenshots at
 * every size, and Spanish at 150 % on 800x480 with nothing clipped. */
#include "harness.h"

#include "core/config.h"
#include "core/i18n.h"
#include "store/store_session.h"
#include "svc/checkin.h"
#include "svc/gate.h"
#include "ui/chime.h"
#include "ui/console.h"
#include "ui/screens.h"
#include "ui/widget.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum { S_BACK = 1, S_TAB0 = 10, S_ROW0 = 100 };
/* The rows, in the screen's table order. */
enum { R_LANG, R_SIZE, R_CONTRAST, R_CHIMES, R_VOLUME, R_MOTION, R_CELL, R_KEEP, R_RESULT, R_SCANNER,
       R_DISPLAY };
#define TARGET(row, k) (S_ROW0 + (row) * 10 + (k))
#define MINUS 0
#define PLUS 1

/* The console's "Reports and settings", and there the settings tile (the
 * tools screen numbers its tiles from 100 in table order). */
enum { CONSOLE_MORE = 5 };
static void tap_settings_tile(Harness *hx)
{
    assert_true(hx_tap_target(hx, CONSOLE_MORE));
    assert_string_equal(hx_top(hx), "tools");
    for (int i = 0; i < console_more_tile_count; i++)
        if (console_more_tiles[i] == &settings_tile) {
            assert_true(hx_tap_target(hx, 100 + i));
            return;
        }
    fail_msg("no settings tile in the console");
}

/* From the settings back to the door: settings, tools, console. */
static void back_to_door(Harness *hx)
{
    for (int i = 0; i < 3; i++)
        hx_key(hx, SDLK_ESCAPE);
    assert_string_equal(hx_top(hx), "door");
}

/* The kiosk on a new settings file, in the settings screen through the
 * door's staff button, the PIN and the console's tile. */
static Harness *open_settings(int w, int h, const char *ini)
{
    Harness *hx = hx_new(w, h, NULL);
    snprintf(hx->app.config_path, sizeof hx->app.config_path, "%s", ini);
    hx->app.settings.mute = false;
    hx->app.chime = chime_open(); /* SDL's dummy audio driver */
    assert_int_equal(gate_set_pin(hx->app.store, "135790", HX_WALL_START), GATE_OK);
    assert_true(hx_tap_target(hx, 1)); /* Staff */
    hx_type(hx, "135790", 60);
    hx_key(hx, SDLK_RETURN);
    assert_string_equal(hx_top(hx), "console");
    tap_settings_tile(hx);
    assert_string_equal(hx_top(hx), "settings");
    return hx;
}

static void close_settings(Harness *hx)
{
    chime_close(hx->app.chime);
    hx->app.chime = NULL;
    i18n_set_lang("en");
    hx_free(hx);
}

/* The settings file holds this line. */
static void assert_ini(const char *path, const char *line)
{
    FILE *f = fopen(path, "r");
    if (!f)
        fail_msg("the settings file %s was not written", path);
    char buf[4096];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    char want[128];
    snprintf(want, sizeof want, "\n%s\n", line);
    if (!strstr(buf, want))
        fail_msg("expected \"%s\" in %s, which holds:\n%s", line, path, buf);
}

typedef enum Way { BY_TOUCH, BY_KEYBOARD } Way;

/* Activates a target as a finger would, or with Tab and Enter alone. */
static void press(Harness *hx, Way way, int id);

/* A section's rows scroll by whole rows when they do not all fit (800x480
 * at 150 %): the arrows (ids 3 down, 2 up) bring target id into view. */
static void scroll_to(Harness *hx, Way way, int id)
{
    SDL_Rect r;
    for (int dir = 3; dir >= 2; dir--)
        for (int k = 0; k < 4 && !hx_target(hx, id, &r) && hx_target(hx, dir, &r); k++)
            press(hx, way, dir);
}

static void press(Harness *hx, Way way, int id)
{
    if (id >= 100)
        scroll_to(hx, way, id);
    if (way == BY_TOUCH) {
        SDL_Rect r;
        if (!hx_target(hx, id, &r))
            fail_msg("target %d is not there (or disabled)", id);
        hx_touch(hx, r.x + r.w / 2, r.y + r.h / 2);
        return;
    }
    for (int i = 0; i < APP_MAX_TARGETS + 1 && hx->app.focus_id != id; i++)
        hx_key(hx, SDLK_TAB);
    if (hx->app.focus_id != id)
        fail_msg("Tab never reaches target %d", id);
    hx_key(hx, SDLK_RETURN);
}

/* Tab never stops on it, a finger cannot hit it. */
static void assert_unreachable(Harness *hx, int id)
{
    assert_false(hx_target(hx, id, NULL));
    for (int i = 0; i < APP_MAX_TARGETS + 1; i++) {
        hx_key(hx, SDLK_TAB);
        assert_int_not_equal(hx->app.focus_id, id);
    }
}

static void change_everything(Way way)
{
    const char *ini = tk_path(way == BY_TOUCH ? "touch/hearth.ini" : "keys/hearth.ini");
    Harness *hx = open_settings(800, 480, ini);
    const Settings *s = &hx->app.settings;
    unsigned chimes = chime_played(hx->app.chime, NULL);

    press(hx, way, TARGET(R_LANG, 1));
    assert_ini(ini, "language = es");
    assert_string_equal(s->lang, "es");
    assert_string_equal(i18n_lang(), "es"); /* switched at once */
    press(hx, way, TARGET(R_LANG, 0));
    assert_ini(ini, "language = en");
    assert_string_equal(i18n_lang(), "en");

    SDL_Rect before, after;
    assert_true(hx_target(hx, TARGET(R_SIZE, 0), &before));
    press(hx, way, TARGET(R_SIZE, 2));
    assert_ini(ini, "text_size = 150");
    assert_int_equal(s->text_scale, 150);
    /* the screen laid itself out again for the larger text */
    assert_true(hx_target(hx, TARGET(R_SIZE, 0), &after));
    assert_true(after.h > before.h);
    press(hx, way, TARGET(R_SIZE, 1));
    assert_ini(ini, "text_size = 125");
    assert_int_equal(s->text_scale, 125);

    /* high contrast applies at once; the rest of the walk runs in it */
    press(hx, way, TARGET(R_CONTRAST, 1));
    assert_ini(ini, "high_contrast = true");
    assert_true(s->high_contrast);
    assert_true(hx->app.theme.high_contrast);
    hx_screenshot(hx, way == BY_TOUCH ? "settings-high-contrast" : "settings-high-contrast-keys");

    press(hx, way, S_TAB0 + 1);
    int vol;
    press(hx, way, TARGET(R_VOLUME, PLUS));
    assert_ini(ini, "volume = 70");
    assert_int_equal(s->volume, 70);
    /* a sample chime at the new volume */
    assert_int_equal(chime_played(hx->app.chime, &vol), chimes + 1);
    assert_int_equal(vol, 70);
    press(hx, way, TARGET(R_VOLUME, MINUS));
    assert_ini(ini, "volume = 60");
    assert_int_equal(chime_played(hx->app.chime, &vol), chimes + 2);
    assert_int_equal(vol, 60);
    press(hx, way, TARGET(R_CHIMES, 0));
    assert_ini(ini, "mute = true");
    assert_true(s->mute);
    assert_int_equal(chime_played(hx->app.chime, NULL), chimes + 2); /* silence */
    press(hx, way, TARGET(R_CHIMES, 1));
    assert_ini(ini, "mute = false");
    assert_false(s->mute);
    assert_int_equal(chime_played(hx->app.chime, NULL), chimes + 3);
    press(hx, way, TARGET(R_MOTION, 1));
    assert_ini(ini, "reduced_motion = true");
    assert_true(s->reduced_motion);

    press(hx, way, S_TAB0 + 2);
    press(hx, way, TARGET(R_CELL, MINUS));
    assert_ini(ini, "min_cell = 4");
    press(hx, way, TARGET(R_CELL, MINUS));
    assert_ini(ini, "min_cell = 3");
    assert_int_equal(s->min_cell, 3);
    /* never below three: the minus is gone for touch and keys alike */
    assert_unreachable(hx, TARGET(R_CELL, MINUS));
    assert_ini(ini, "min_cell = 3");
    /* 11, the usual K for reports that leave the clinic, is a stop */
    static const char *const up[] = {"4", "5", "6", "7", "8", "10", "11"};
    for (size_t i = 0; i < sizeof up / sizeof up[0]; i++) {
        char want[32];
        snprintf(want, sizeof want, "min_cell = %s", up[i]);
        press(hx, way, TARGET(R_CELL, PLUS));
        assert_ini(ini, want);
    }
    assert_int_equal(s->min_cell, 11);
    for (size_t i = 0; i < sizeof up / sizeof up[0]; i++)
        press(hx, way, TARGET(R_CELL, MINUS));
    assert_ini(ini, "min_cell = 3");
    assert_unreachable(hx, TARGET(R_CELL, MINUS));
    /* "keep everything" is the longest: plus is gone, minus gives 10 years */
    assert_unreachable(hx, TARGET(R_KEEP, PLUS));
    press(hx, way, TARGET(R_KEEP, MINUS));
    assert_ini(ini, "retention_months = 120");
    assert_int_equal(s->retention_months, 120);

    press(hx, way, S_TAB0 + 3);
    press(hx, way, TARGET(R_RESULT, PLUS));
    assert_ini(ini, "result_seconds = 8");
    assert_int_equal(s->result_seconds, 8);
    press(hx, way, TARGET(R_SCANNER, 1));
    assert_ini(ini, "gap_ms = 100");
    assert_ini(ini, "silence_ms = 300");
    assert_int_equal(s->scanner_gap_ms, 100);
    press(hx, way, TARGET(R_DISPLAY, 1));
    assert_ini(ini, "display = single");
    assert_string_equal(s->display, "single");

    /* what was written reads back as what the kiosk now runs with */
    Settings back;
    assert_true(config_load(ini, &back, NULL, 0));
    assert_int_equal(back.text_scale, 125);
    assert_int_equal(back.volume, 60);
    assert_int_equal(back.min_cell, 3);
    assert_int_equal(back.retention_months, 120);
    assert_int_equal(back.result_seconds, 8);
    assert_int_equal(back.scanner_silence_ms, 300);
    assert_false(back.mute);
    assert_true(back.reduced_motion);
    assert_true(back.high_contrast);
    /* each change is in the audit trail, never anything else */
    assert_int_equal(hx_count(hx, "SELECT count(*) FROM audit WHERE action = 'settings.change'"),
                     30);
    assert_int_equal(hx_count(hx, "SELECT count(*) FROM audit WHERE action = 'settings.change' "
                                  "AND detail = 'min_cell=3'"),
                     2);
    assert_int_equal(hx_count(hx, "SELECT count(*) FROM audit WHERE action = 'settings.change' "
                                  "AND detail = 'min_cell=11'"),
                     1);

    /* Esc goes back to where the tile was */
    hx_key(hx, SDLK_ESCAPE);
    assert_string_equal(hx_top(hx), "tools");
    close_settings(hx);
}

static void test_every_setting_by_touch(void **state)
{
    (void)state;
    change_everything(BY_TOUCH);
}

static void test_every_setting_by_keyboard(void **state)
{
    (void)state;
    change_everything(BY_KEYBOARD);
}

static void test_scanner_timing_reaches_the_door(void **state)
{
    (void)state;
    /* A slow Bluetooth scanner: a key every 70 ms and no Enter. With the
     * standard timing that is a person typing; with "Slow scanner" it is a scan,
     * submitted by itself. */
    Harness *hx = open_settings(800, 480, tk_path("scanner/hearth.ini"));
    hx_open_session(hx);
    char payload[PASS_PAYLOAD_SIZE];
    hx_issue_pass(hx, payload);
    back_to_door(hx);
    hx_advance(hx, 2100);
    hx_type(hx, payload, 70);
    hx_advance(hx, 400);
    assert_int_equal(hx_count(hx, "SELECT count(*) FROM checkins"), 0);
    hx_key(hx, SDLK_ESCAPE);

    assert_true(hx_tap_target(hx, 1));
    hx_type(hx, "135790", 60);
    hx_key(hx, SDLK_RETURN);
    tap_settings_tile(hx);
    assert_true(hx_tap_target(hx, S_TAB0 + 3));
    assert_true(hx_tap_target(hx, TARGET(R_SCANNER, 1)));
    back_to_door(hx);
    hx_type(hx, payload, 70);
    hx_advance(hx, 400);
    assert_int_equal(hx_count(hx, "SELECT count(*) FROM checkins"), 1);
    close_settings(hx);
}

static void test_door_returns_to_its_language(void **state)
{
    (void)state;
    /* Spanish is the kiosk's language; someone switches the door to
     * English for their own turn; the next person finds Spanish again. */
    Harness *hx = open_settings(800, 480, tk_path("lang/hearth.ini"));
    hx_open_session(hx);
    char payload[PASS_PAYLOAD_SIZE];
    hx_issue_pass(hx, payload);
    assert_true(hx_tap_target(hx, TARGET(R_LANG, 1)));
    back_to_door(hx);
    hx_advance(hx, 2100);
    assert_string_equal(i18n_lang(), "es");
    assert_true(hx_tap_target(hx, 2)); /* the door's language button */
    assert_string_equal(i18n_lang(), "en");
    hx_type(hx, payload, 4);
    hx_key(hx, SDLK_RETURN);
    assert_string_equal(door_state_name(app_top(&hx->app)), "rating");
    assert_string_equal(i18n_lang(), "en"); /* all through their turn */
    assert_true(hx_tap_target(hx, 200 + 3));
    hx_advance(hx, 3000);
    assert_string_equal(door_state_name(app_top(&hx->app)), "welcome");
    assert_string_equal(i18n_lang(), "es");
    /* switched, then left alone: back after two quiet minutes */
    assert_true(hx_tap_target(hx, 2));
    hx_advance(hx, 110000);
    assert_string_equal(i18n_lang(), "en");
    hx_advance(hx, 11000);
    assert_string_equal(i18n_lang(), "es");
    close_settings(hx);
}

static void test_unwritable_file_still_applies(void **state)
{
    (void)state;
    /* the folder of the file is a file: nothing can be written there */
    const char *blocker = tk_path("blocked");
    FILE *f = fopen(blocker, "w");
    assert_non_null(f);
    fclose(f);
    char ini[600];
    snprintf(ini, sizeof ini, "%s/hearth.ini", blocker);
    Harness *hx = open_settings(800, 480, ini);
    assert_true(hx_tap_target(hx, TARGET(R_SIZE, 2)));
    assert_int_equal(hx->app.settings.text_scale, 150); /* applied all the same */
    hx_screenshot(hx, "settings-unwritable-800x480");
    assert_int_equal(hx_count(hx, "SELECT count(*) FROM audit WHERE action = 'settings.change'"),
                     0);
    close_settings(hx);
}

static void test_file_edits_and_overrides_are_kept(void **state)
{
    (void)state;
    /* an installer's file with a custom scanner timing and a room display */
    const char *ini = tk_path("edited/hearth.ini");
    mkdir(tk_path("edited"), 0700);
    FILE *f = fopen(ini, "w");
    assert_non_null(f);
    fputs("[scanner]\ngap_ms = 55\nsilence_ms = 150\n[kiosk]\ndisplay = 2\n", f);
    fclose(f);
    Harness *hx = open_settings(800, 480, ini);
    assert_true(config_load(ini, &hx->app.settings, NULL, 0));
    /* the kiosk was started with --mute: muted, though the file says not */
    hx->app.settings.mute = true;
    assert_true(hx_tap_target(hx, S_TAB0 + 1));
    assert_true(hx_tap_target(hx, TARGET(R_MOTION, 1)));
    assert_ini(ini, "reduced_motion = true");
    assert_ini(ini, "gap_ms = 55");
    assert_ini(ini, "display = 2");
    assert_ini(ini, "mute = false"); /* the override stays out of the file */
    /* custom timing is neither preset: both offered, neither chosen */
    assert_true(hx_tap_target(hx, S_TAB0 + 3));
    assert_true(hx_target(hx, TARGET(R_SCANNER, 0), NULL));
    assert_true(hx_target(hx, TARGET(R_SCANNER, 1), NULL));
    hx_screenshot(hx, "settings-custom-file-800x480");
    close_settings(hx);
}

static void test_tile_among_reports_and_settings(void **state)
{
    (void)state;
    Harness *hx = open_settings(800, 480, tk_path("tile/hearth.ini"));
    hx_key(hx, SDLK_ESCAPE);
    assert_string_equal(hx_top(hx), "tools");
    static const struct {
        int w, h, scale;
        const char *lang, *name;
    } looks[] = {{800, 480, 100, "en", "800x480"},
                 {800, 480, 150, "es", "es150-800x480"},
                 {1920, 1080, 100, "en", "1920x1080"},
                 {800, 1280, 150, "es", "es150-800x1280"}};
    for (size_t i = 0; i < sizeof looks / sizeof looks[0]; i++) {
        hx->app.settings.text_scale = looks[i].scale;
        i18n_set_lang(looks[i].lang);
        hx_resize(hx, looks[i].w, looks[i].h);
        char name[96];
        snprintf(name, sizeof name, "settings-tools-%s", looks[i].name);
        hx_check_targets(hx, name);
        hx_screenshot(hx, name);
    }
    close_settings(hx);
}

static void test_screenshots(void **state)
{
    (void)state;
    static const struct {
        int w, h, scale;
        const char *lang, *name;
    } looks[] = {
        {800, 480, 100, "en", "800x480"},       {800, 480, 150, "en", "800x480-150"},
        {1920, 1080, 100, "en", "1920x1080"},   {800, 1280, 100, "en", "800x1280"},
        {800, 480, 150, "es", "es150-800x480"}, {800, 1280, 150, "es", "es150-800x1280"},
        {1280, 800, 125, "en", "1280x800-125"},
    };
    Harness *hx = open_settings(800, 480, tk_path("shots/hearth.ini"));
    for (size_t i = 0; i < sizeof looks / sizeof looks[0]; i++) {
        hx->app.settings.text_scale = looks[i].scale;
        i18n_set_lang(looks[i].lang);
        hx_resize(hx, looks[i].w, looks[i].h);
        for (int sec = 0; sec < 4; sec++) {
            assert_true(hx_tap_target(hx, S_TAB0 + sec));
            char name[96];
            snprintf(name, sizeof name, "settings-%d-%s", sec, looks[i].name);
            hx_check_targets(hx, name);
            hx_screenshot(hx, name);
        }
    }
    close_settings(hx);
}

/* Waits up to ms of real time for the chime's device to be open or not (the
 * bounds below are generous: under valgrind on a loaded machine the chime's
 * thread runs many times slower, and a pass costs only the real wait). */
static bool device_becomes(Chime *c, bool open, int ms)
{
    for (int t = 0; t < ms && chime_device_open(c) != open; t += 5)
        SDL_Delay(5);
    return chime_device_open(c) == open;
}

/* Idle means idle: the kiosk holds neither the audio device nor SDL's
 * audio (whose ALSA backend probes /dev/snd for new cards ten times a
 * second while it is initialised) except while a chime plays; a chime
 * starts only after the frame that asked for it (chime_pump), on a thread
 * of its own that is gone when it has played. */
static void test_audio_only_while_a_chime_plays(void **state)
{
    (void)state;
    Harness *hx = hx_new(800, 480, NULL);
    Chime *c = chime_open();
    assert_non_null(c);
    assert_false(SDL_WasInit(SDL_INIT_AUDIO));
    chime_pump(c);
    assert_false(chime_busy(c)); /* nothing asked, nothing started */
    chime_play(c, CHIME_STEP, 80);
    assert_false(chime_busy(c)); /* nothing before the frame is up */
    chime_pump(c);
    assert_true(device_becomes(c, true, 10000));
    assert_true(SDL_WasInit(SDL_INIT_AUDIO));
    /* another chime while one plays: the same thread plays it */
    chime_play(c, CHIME_STEP, 60);
    chime_pump(c);
    assert_true(chime_busy(c));
    /* a second of chime, then the device, SDL's audio and the thread go */
    assert_true(device_becomes(c, false, 15000));
    for (int t = 0; t < 10000 && chime_busy(c); t += 5)
        SDL_Delay(5);
    assert_false(chime_busy(c));
    assert_false(SDL_WasInit(SDL_INIT_AUDIO));
    int vol;
    assert_int_equal(chime_played(c, &vol), 2);
    assert_int_equal(vol, 60);
    /* and again, a new thread for the next */
    chime_play(c, CHIME_OK, 80);
    chime_pump(c);
    assert_true(device_becomes(c, true, 10000));
    chime_close(c); /* cuts it off */
    assert_false(SDL_WasInit(SDL_INIT_AUDIO));
    hx_free(hx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_setting_by_touch),
        cmocka_unit_test(test_every_setting_by_keyboard),
        cmocka_unit_test(test_scanner_timing_reaches_the_door),
        cmocka_unit_test(test_door_returns_to_its_language),
        cmocka_unit_test(test_unwritable_file_still_applies),
        cmocka_unit_test(test_file_edits_and_overrides_are_kept),
        cmocka_unit_test(test_tile_among_reports_and_settings),
        cmocka_unit_test(test_screenshots),
        cmocka_unit_test(test_audio_only_while_a_chime_plays),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
