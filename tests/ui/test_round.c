/* Rating rounds on the shared screen: six answers then the reveal, three
 * answers and nothing revealed, digits and touch, the undo window, and the
 * change before and after an exercise. */
#include "harness.h"

#include "core/catalog.h"
#include "store/store_session.h"
#include "ui/screens.h"

#include <stdio.h>
#include <string.h>

enum { R_VALUE0 = 0, R_UNDO = 100, R_END = 101, R_REVEAL = 102, R_DONE = 103, R_SKIP = 104 };

static Harness *with_round(int w, int h, const char *instrument)
{
    Harness *hx = hx_new(w, h, NULL);
    SessionInfo sess;
    assert_int_equal(store_session_open(hx->app.store, "Group", HX_WALL_START, &sess), STORE_OK);
    const Instrument *in = catalog_instrument(hx->app.catalog, instrument);
    assert_non_null(in);
    app_push(&hx->app, round_screen_new(&hx->app, in, PHASE_ROUND, NULL, NULL, NULL));
    hx_frame(hx);
    return hx;
}

/* One person: tap, and step away while the thank-you shows. */
static void answer_by_touch(Harness *hx, int value_index)
{
    assert_true(hx_tap_target(hx, R_VALUE0 + value_index));
    hx_advance(hx, 2600);
}

static void test_six_answers_then_reveal(void **state)
{
    (void)state;
    static const HxSize sizes[] = {{800, 480, "800x480"}, {1920, 1080, "1920x1080"}};
    for (size_t z = 0; z < 2; z++) {
        Harness *hx = with_round(sizes[z].w, sizes[z].h, "mood");
        char name[96];
        snprintf(name, sizeof name, "round-asking-%s", sizes[z].name);
        hx_screenshot(hx, name);
        static const int answers[6] = {2, 3, 3, 4, 4, 5}; /* values; min is 1 */
        for (int i = 0; i < 6; i++) {
            assert_true(hx_tap_target(hx, R_VALUE0 + answers[i] - 1));
            if (i == 0) {
                /* the thank-you hides the choice: no face targets at all */
                snprintf(name, sizeof name, "round-thanks-%s", sizes[z].name);
                hx_screenshot(hx, name);
                assert_false(hx_target(hx, R_VALUE0, NULL));
                /* stored before the thank-you */
                assert_int_equal(hx_count(hx, "SELECT count(*) FROM ratings WHERE phase = 'round'"),
                                 1);
            }
            hx_advance(hx, 2600);
        }
        assert_int_equal(hx_count(hx, "SELECT count(*) FROM ratings WHERE phase = 'round' AND "
                                   "pass_id IS NULL AND at IS NULL"),
                         6);
        assert_int_equal(hx_count(hx, "SELECT count(DISTINCT round_id) FROM ratings"), 1);
        assert_true(hx_tap_target(hx, R_END));
        snprintf(name, sizeof name, "round-ended-%s", sizes[z].name);
        hx_screenshot(hx, name);
        assert_true(hx_tap_target(hx, R_REVEAL));
        snprintf(name, sizeof name, "round-revealed-%s", sizes[z].name);
        hx_screenshot(hx, name);
        /* the chart's bars are drawn in the info colour */
        SDL_Rect all = {0, 0, sizes[z].w, sizes[z].h};
        assert_true(hx_share(hx, all, hx->app.theme.info, 6) > 0.01);
        assert_true(hx_tap_target(hx, R_DONE));
        hx_free(hx);
    }
}

static void test_three_answers_reveal_nothing(void **state)
{
    (void)state;
    static const HxSize sizes[] = {{800, 480, "800x480"}, {1920, 1080, "1920x1080"}};
    for (size_t z = 0; z < 2; z++) {
        Harness *hx = with_round(sizes[z].w, sizes[z].h, "mood");
        for (int i = 0; i < 3; i++)
            answer_by_touch(hx, i);
        assert_true(hx_tap_target(hx, R_END));
        assert_false(hx_target(hx, R_REVEAL, NULL));
        char name[96];
        snprintf(name, sizeof name, "round-too-few-%s", sizes[z].name);
        hx_screenshot(hx, name);
        SDL_Rect all = {0, 0, sizes[z].w, sizes[z].h};
        assert_true(hx_share(hx, all, hx->app.theme.info, 6) < 0.001); /* no chart */
        hx_free(hx);
    }
}

static void test_digits_on_a_slider_and_undo(void **state)
{
    (void)state;
    Harness *hx = with_round(1280, 800, "distress");
    hx_screenshot(hx, "round-slider-1280x800");
    /* a digit chooses, Enter answers */
    hx_type(hx, "7", 100);
    hx_key(hx, SDLK_RETURN);
    assert_int_equal(hx_count(hx, "SELECT count(*) FROM ratings WHERE value = 7"), 1);
    /* the same person takes it back within five seconds */
    hx_advance(hx, 3000);
    assert_true(hx_target(hx, R_UNDO, NULL));
    assert_true(hx_tap_target(hx, R_UNDO));
    assert_int_equal(hx_count(hx, "SELECT count(*) FROM ratings"), 0);
    /* and answers again: 10 by arrows from the middle */
    hx_key(hx, SDLK_RIGHT);
    for (int i = 0; i < 6; i++)
        hx_key(hx, SDLK_RIGHT);
    hx_key(hx, SDLK_RETURN);
    assert_int_equal(hx_count(hx, "SELECT count(*) FROM ratings WHERE value = 10"), 1);
    /* after five seconds there is no undo */
    hx_advance(hx, 5100);
    assert_false(hx_target(hx, R_UNDO, NULL));
    hx_free(hx);
}

static void test_before_and_after_an_exercise(void **state)
{
    (void)state;
    Harness *hx = hx_new(1920, 1080, NULL);
    SessionInfo sess;
    store_session_open(hx->app.store, "Group", HX_WALL_START, &sess);
    const Exercise *e = catalog_exercise(hx->app.catalog, "paced-breathing");
    assert_non_null(e);
    assert_true(e->rate_before && e->rate_after);
    app_push(&hx->app, player_screen_new(&hx->app, e, true, 0, NULL));
    hx_frame(hx);
    assert_string_equal(hx_top(hx), "round");
    static const int pre[8] = {7, 8, 6, 7, 9, 6, 8, 7}, post[8] = {4, 5, 3, 4, 6, 4, 5, 3};
    for (int i = 0; i < 8; i++) {
        assert_true(hx_tap_target(hx, R_VALUE0 + pre[i]));
        hx_advance(hx, 2600);
    }
    assert_true(hx_tap_target(hx, R_END));
    assert_true(hx_tap_target(hx, R_DONE)); /* start the exercise */
    assert_string_equal(hx_top(hx), "player");
    /* the facilitator moves through the steps */
    for (int i = 0; i < e->nsteps; i++)
        hx_key(hx, SDLK_RIGHT);
    assert_string_equal(hx_top(hx), "round");
    for (int i = 0; i < 8; i++) {
        assert_true(hx_tap_target(hx, R_VALUE0 + post[i]));
        hx_advance(hx, 2600);
    }
    assert_true(hx_tap_target(hx, R_END));
    assert_true(hx_tap_target(hx, R_DONE));
    assert_string_equal(hx_top(hx), "player");
    hx_screenshot(hx, "round-change-1920x1080");
    assert_int_equal(hx_count(hx, "SELECT count(*) FROM ratings WHERE phase = 'pre' AND run_id IS NOT "
                               "NULL"),
                     8);
    assert_int_equal(hx_count(hx, "SELECT count(*) FROM ratings WHERE phase = 'post' AND run_id IS "
                               "NOT NULL"),
                     8);
    assert_int_equal(hx_count(hx, "SELECT count(DISTINCT run_id) FROM ratings"), 1);
    hx_free(hx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_six_answers_then_reveal),
        cmocka_unit_test(test_three_answers_reveal_nothing),
        cmocka_unit_test(test_digits_on_a_slider_and_undo),
        cmocka_unit_test(test_before_and_after_an_exercise),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
