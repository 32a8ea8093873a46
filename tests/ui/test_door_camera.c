/* Camera check-in at the door: without a camera the door is as it always
 * was; with one, "Use the camera" shows a preview, and a pass held up to it
 * goes through the scanner's path to the same outcomes. The camera is a
 * scripted source of frames rendered from real passes (app/camera's
 * reader thread and ZBar run for real). */
#include "harness.h"

#include "camera/camera.h"
#include "core/i18n.h"
#include "passframe.h"
#include "store/store_session.h"
#include "svc/checkin.h"
#include "ui/screens.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { D_TYPE = 3, D_SKIP = 4, D_CAMERA = 10 };

static Screen *door(Harness *hx) { return app_top(&hx->app); }

/* A door (made anew, so it sees app.camera) with a session open. */
static void door_with_camera(Harness *hx, CameraSource *src)
{
    hx->app.camera = src;
    app_pop(&hx->app);
    app_push(&hx->app, door_screen_new(&hx->app));
    hx_open_session(hx);
    hx_advance(hx, 2100);
}

/* The reader is a real thread: turns of the loop, a little real time
 * between them, until the door leaves the camera (bounded). */
static void wait_camera_off(Harness *hx)
{
    for (int i = 0; i < 1500 && door_camera_on(door(hx)); i++) {
        SDL_Delay(4);
        hx_advance(hx, 16);
    }
    assert_false(door_camera_on(door(hx)));
}

/* Until the preview has drawn something in the middle of the screen. */
static void wait_preview(Harness *hx)
{
    View *v = &hx->app.views[0];
    SDL_Rect probe = {v->w / 6, v->h / 3, v->w / 8, v->h / 6};
    if (v->h > v->w)
        probe = (SDL_Rect){v->w / 3, v->h / 4, v->w / 4, v->h / 10};
    for (int i = 0; i < 1500; i++) {
        SDL_Delay(2);
        hx_advance(hx, 16);
        if (hx_share(hx, probe, hx->app.theme.bg, 3) < 0.5)
            return;
    }
    fail_msg("the preview never showed");
}

static CameraSource *frames_of(const char *text)
{
    GreyImage f[2];
    passframe_junk(640, 480, 5, &f[0]);
    PassFrameLook l = passframe_plain();
    l.angle_deg = 20;
    l.noise = 12;
    assert_true(passframe_render(text, &l, &f[1]));
    CameraSource *src = camera_source_frames(f, 2, 15);
    free(f[0].px);
    free(f[1].px);
    assert_non_null(src);
    return src;
}

static void test_no_camera_no_change(void **state)
{
    (void)state;
    Harness *hx = hx_new(800, 480, NULL);
    door_with_camera(hx, NULL);
    assert_false(hx_target(hx, D_CAMERA, NULL));
    SDL_Rect type;
    assert_true(hx_target(hx, D_TYPE, &type));
    /* "Type my code" keeps the whole middle of the row */
    assert_true(type.w > 800 / 3);
    hx_free(hx);
}

static void test_pass_held_up_checks_in(void **state)
{
    (void)state;
    Harness *hx = hx_new(800, 480, NULL);
    char payload[PASS_PAYLOAD_SIZE];
    hx_issue_pass(hx, payload);
    CameraSource *src = frames_of(payload);
    door_with_camera(hx, src);
    assert_true(hx_tap_target(hx, D_CAMERA));
    assert_true(door_camera_on(door(hx)));
    wait_camera_off(hx);
    /* the scanner's path: checked in, committed, the arrival question */
    assert_int_equal(door_last_outcome(door(hx)), CHECKIN_OK);
    assert_string_equal(door_state_name(door(hx)), "rating");
    assert_int_equal(hx_count(hx, "SELECT count(*) FROM checkins WHERE kind = 'in'"), 1);
    hx_screenshot(hx, "door-camera-checked-in-800x480");

    /* by keyboard this time, a few seconds later, the same card: "welcome
     * back", as a second scan would say; still one check-in */
    assert_true(hx_tap_target(hx, D_SKIP));
    hx_advance(hx, 4000);
    for (int i = 0; i < 8 && hx->app.focus_id != D_CAMERA; i++)
        hx_key(hx, SDLK_TAB);
    assert_int_equal(hx->app.focus_id, D_CAMERA);
    hx_key(hx, SDLK_RETURN);
    assert_true(door_camera_on(door(hx)));
    wait_camera_off(hx);
    assert_int_equal(door_last_outcome(door(hx)), CHECKIN_ALREADY);
    assert_int_equal(hx_count(hx, "SELECT count(*) FROM checkins"), 1);
    hx_free(hx);
    camera_source_free(src);
}

static void test_other_codes_are_not_recognized(void **state)
{
    (void)state;
    Harness *hx = hx_new(800, 480, NULL);
    CameraSource *src = frames_of("https://example.com/menu");
    door_with_camera(hx, src);
    assert_true(hx_tap_target(hx, D_CAMERA));
    wait_camera_off(hx);
    assert_int_equal(door_last_outcome(door(hx)), CHECKIN_MALFORMED);
    assert_string_equal(door_state_name(door(hx)), "result");
    assert_int_equal(hx_count(hx, "SELECT count(*) FROM checkins"), 0);
    hx_free(hx);
    camera_source_free(src);
}

static void shoot_preview(Harness *hx, int w, int h, const char *name)
{
    hx_resize(hx, w, h);
    if (!door_camera_on(door(hx)))
        assert_true(hx_tap_target(hx, D_CAMERA));
    wait_preview(hx);
    hx_screenshot(hx, name);
}

static void test_preview_stop_and_timeout(void **state)
{
    (void)state;
    Harness *hx = hx_new(800, 480, NULL);
    GreyImage junk;
    passframe_junk(640, 480, 9, &junk);
    CameraSource *src = camera_source_frames(&junk, 1, 30);
    free(junk.px);
    door_with_camera(hx, src);
    hx_screenshot(hx, "door-camera-welcome-800x480");
    shoot_preview(hx, 800, 480, "door-camera-preview-800x480");
    shoot_preview(hx, 1920, 1080, "door-camera-preview-1920x1080");
    shoot_preview(hx, 800, 1280, "door-camera-preview-800x1280");
    i18n_set_lang("es");
    hx->app.settings.text_scale = 150;
    shoot_preview(hx, 800, 480, "door-camera-preview-es150-800x480");
    i18n_set_lang("en");
    hx->app.settings.text_scale = 100;
    hx_resize(hx, 800, 480);
    /* Stop, by touch */
    assert_true(door_camera_on(door(hx)));
    assert_true(hx_tap_target(hx, D_CAMERA));
    assert_false(door_camera_on(door(hx)));
    /* Esc stops it too */
    assert_true(hx_tap_target(hx, D_CAMERA));
    hx_key(hx, SDLK_ESCAPE);
    assert_false(door_camera_on(door(hx)));
    /* left alone, it goes off by itself after half a minute */
    assert_true(hx_tap_target(hx, D_CAMERA));
    hx_advance(hx, 29000);
    assert_true(door_camera_on(door(hx)));
    hx_advance(hx, 1200);
    assert_false(door_camera_on(door(hx)));
    /* and typing a code on the keypad turns it off */
    assert_true(hx_tap_target(hx, D_CAMERA));
    assert_true(hx_tap_target(hx, D_TYPE));
    assert_false(door_camera_on(door(hx)));
    assert_true(door_keypad_open(door(hx)));
    hx_free(hx);
    camera_source_free(src);
}

static void test_broken_camera_says_so(void **state)
{
    (void)state;
    Harness *hx = hx_new(800, 480, NULL);
    CameraSource *src = camera_source_device("/dev/hearth-no-such-camera");
    door_with_camera(hx, src);
    assert_true(hx_tap_target(hx, D_CAMERA));
    wait_camera_off(hx);
    assert_string_equal(door_state_name(door(hx)), "welcome");
    hx_screenshot(hx, "door-camera-broken-800x480");
    /* the note goes after a while; the door is as before */
    hx_advance(hx, 11000);
    assert_true(hx_target(hx, D_CAMERA, NULL));
    hx_free(hx);
    camera_source_free(src);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_camera_no_change),
        cmocka_unit_test(test_pass_held_up_checks_in),
        cmocka_unit_test(test_other_codes_are_not_recognized),
        cmocka_unit_test(test_preview_stop_and_timeout),
        cmocka_unit_test(test_broken_camera_says_so),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
