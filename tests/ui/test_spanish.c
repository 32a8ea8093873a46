/* Every screen in Spanish with the largest text size (150 %) on the
 * smallest screen (800x480), and on a portrait one: every target inside the
 * view, at least 9 mm, none overlapping; screenshots to look at. */
#include "harness.h"

#include "core/catalog.h"
#include "core/exercise.h"
#include "core/i18n.h"
#include "store/store_session.h"
#include "svc/checkin.h"
#include "svc/gate.h"
#include "ui/screens.h"
#include "ui/textlog.h"
#include "ui/widget.h"

#include <stdio.h>
#include <string.h>

static const HxSize sizes[] = {{800, 480, "800x480"}, {800, 1280, "800x1280"}};

/* Shoots the top screen at each size in Spanish, 150 % text. */
static void shoot(Harness *hx, const char *screen)
{
    for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++) {
        hx_resize(hx, sizes[z].w, sizes[z].h);
        char name[128];
        snprintf(name, sizeof name, "es150-%s-%s", screen, sizes[z].name);
        hx_check_targets(hx, name);
        hx_screenshot(hx, name);
    }
    hx_resize(hx, 800, 480);
}

static Harness *spanish(void)
{
    Harness *hx = hx_new(800, 480, NULL);
    i18n_set_lang("es");
    /* a Spanish-speaking kiosk: the door's own language is Spanish too */
    snprintf(hx->app.settings.lang, sizeof hx->app.settings.lang, "es");
    hx->app.settings.text_scale = 150;
    hx_resize(hx, 800, 480);
    return hx;
}

static void test_every_screen(void **state)
{
    (void)state;
    Harness *hx = spanish();
    assert_string_equal(i18n_lang(), "es");
    app_push(&hx->app, setup_screen_new(&hx->app));
    shoot(hx, "setup");
    app_pop(&hx->app);

    shoot(hx, "door-closed");
    SessionInfo sess;
    store_session_open(hx->app.store, "Grupo de habilidades DBT", HX_WALL_START, &sess);
    hx_advance(hx, 2100);
    shoot(hx, "door-welcome");
    char payload[PASS_PAYLOAD_SIZE], code[PASS_CODE_SIZE];
    PassInfo info;
    checkin_issue_pass(hx->app.store, HX_WALL_START, payload, code, &info);
    hx_type(hx, payload, 4);
    hx_key(hx, SDLK_RETURN);
    shoot(hx, "door-rating");
    assert_true(hx_tap_target(hx, 200)); /* the lowest face */
    shoot(hx, "door-ask-staff");
    assert_true(hx_tap_target(hx, 6)); /* no, thank you */
    hx_type(hx, payload, 4);
    hx_key(hx, SDLK_RETURN);
    shoot(hx, "door-welcome-back");
    hx_type(hx, "https://example.com", 4);
    hx_key(hx, SDLK_RETURN);
    shoot(hx, "door-not-recognized");
    hx_advance(hx, 8000);
    assert_true(hx_tap_target(hx, 3)); /* type my code */
    shoot(hx, "door-keypad");
    hx_key(hx, SDLK_ESCAPE);

    gate_set_pin(hx->app.store, "135790", HX_WALL_START);
    assert_true(hx_tap_target(hx, 1));
    shoot(hx, "pin");
    hx_type(hx, "135790", 50);
    hx_key(hx, SDLK_RETURN);
    assert_string_equal(hx_top(hx), "console");
    shoot(hx, "console");

    app_push(&hx->app, library_screen_new(&hx->app));
    hx_frame(hx);
    shoot(hx, "library");
    const Exercise *e = catalog_exercise(hx->app.catalog, "box-breathing");
    app_push(&hx->app, exercise_screen_new(&hx->app, e));
    hx_frame(hx);
    shoot(hx, "exercise");
    app_push(&hx->app, player_screen_new(&hx->app, e, false, 0, NULL));
    hx_frame(hx);
    shoot(hx, "player-read");
    hx_key(hx, SDLK_RIGHT);
    hx_advance(hx, 2000);
    shoot(hx, "player-breathe");
    hx_key(hx, SDLK_ESCAPE);
    shoot(hx, "confirm");
    app_pop(&hx->app);
    app_pop(&hx->app);

    const Instrument *in = catalog_instrument(hx->app.catalog, "distress");
    app_push(&hx->app, round_screen_new(&hx->app, in, PHASE_ROUND, NULL, NULL, NULL));
    hx_frame(hx);
    shoot(hx, "round");
    app_pop(&hx->app);

    app_push(&hx->app, passes_screen_new(&hx->app));
    hx_frame(hx);
    shoot(hx, "passes");
    app_push(&hx->app, textentry_screen_new(&hx->app, _("Revoke a pass"),
                                            _("Scan the pass, or type its code or its "
                                              "pseudonym (such as P-7Q3K)."),
                                            32, NULL, NULL));
    hx_frame(hx);
    shoot(hx, "textentry");
    i18n_set_lang("en");
    hx_free(hx);
}

/* The exercise's first step in the player: its targets fit a finger, a
 * screenshot is kept, and its Spanish prompt is drawn whole and large. */
static void first_step_whole(Harness *hx, const char *id)
{
    const Exercise *e = catalog_exercise(hx->app.catalog, id);
    if (!e)
        fail_msg("no exercise %s in data/", id);
    Screen *s = player_screen_new(&hx->app, e, false, 0, NULL);
    app_push(&hx->app, s);
    hx_advance(hx, 1500);
    char name[128];
    snprintf(name, sizeof name, "es150-first-step-%s-800x480", id);
    hx_check_targets(hx, name);
    hx_screenshot(hx, name);
    const ScreenText *p = textlog_find(player_screen_texts(s), e->steps[0].prompt.es);
    if (!p)
        fail_msg("%s: the Spanish prompt of the first step was not drawn whole", id);
    if (p->px < 480 / 20)
        fail_msg("%s: the prompt was drawn at %d px, under h/20", id, p->px);
    app_pop(&hx->app);
}

/* The exercises added for issue 15, in Spanish at 150 % on the smallest
 * screen: the first step of each, its prompt drawn whole and no smaller
 * than h/20; an untimed discussion counting up; the facilitator's notes
 * with the disclosure note beside the room's screen. Screenshots to read. */
static void test_new_exercises_in_spanish(void **state)
{
    (void)state;
    static const char *const ids[] = {
        "safety-plan",     "radical-acceptance", "halt-triggers",   "refusal-pairs",
        "crisis-kit",      "weighing-change",    "problem-solving", "lapse-plan",
        "fast-validation", "naming-emotions"};
    Harness *hx = spanish();
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
        first_step_whole(hx, ids[i]);
    /* a discussion with no time limit, its clock counting up */
    const Exercise *e = catalog_exercise(hx->app.catalog, "naming-emotions");
    Screen *s = player_screen_new(&hx->app, e, false, 0, NULL);
    app_push(&hx->app, s);
    hx_frame(hx);
    while (!exercise_step_untimed(player_screen_engine(s)))
        hx_key(hx, SDLK_RIGHT);
    hx_advance(hx, 65000);
    assert_non_null(textlog_find(player_screen_texts(s), "Sin límite de tiempo"));
    assert_non_null(textlog_find(player_screen_texts(s), "1:05"));
    shoot(hx, "player-untimed");
    app_pop(&hx->app);
    /* the facilitator's screen beside the room's: the pair step's notes and
     * what to do if someone discloses risk */
    hx_resize(hx, 1280, 800);
    hx_add_room_view(hx, 1920, 1080);
    e = catalog_exercise(hx->app.catalog, "refusal-pairs");
    s = player_screen_new(&hx->app, e, false, 0, NULL);
    app_push(&hx->app, s);
    hx_frame(hx);
    for (int k = 0; k < 3; k++)
        hx_key(hx, SDLK_RIGHT);
    hx_advance(hx, 500);
    assert_int_equal(e->steps[3].kind, STEP_PAIRS);
    const ScreenText *n = textlog_find(player_screen_texts(s), "Revelación de riesgo: ");
    if (!n)
        fail_msg("the disclosure note is not on the facilitator's notes");
    hx_screenshot(hx, "es150-player-disclosure-1280x800");
    hx_screenshot_room(hx, "es150-player-disclosure-room-1920x1080");
    i18n_set_lang("en");
    hx_free(hx);
}

/* The breathing steps of exercises that are not body-based, which now say
 * on screen that joining in any way or resting is fine (issue 15), and the
 * acronyms' longer Spanish: at 150 % on the smallest screen, each prompt
 * still drawn whole. Screenshots to read. */
static void test_rest_line_beside_the_pacer(void **state)
{
    (void)state;
    static const char *const ids[] = {"wise-mind", "stop-skill", "cope-ahead", "play-the-tape",
                                      "radical-acceptance"};
    Harness *hx = spanish();
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        const Exercise *e = catalog_exercise(hx->app.catalog, ids[i]);
        if (!e)
            fail_msg("no exercise %s in data/", ids[i]);
        int step = 0;
        while (step < e->nsteps && e->steps[step].kind != STEP_BREATHE)
            step++;
        if (step == e->nsteps)
            fail_msg("%s has no breathing step", ids[i]);
        const char *prompt = e->steps[step].prompt.es;
        if (!strstr(prompt, "Participa a tu manera o solo descansa"))
            fail_msg("%s, step %d: no line that resting is fine", ids[i], step + 1);
        Screen *s = player_screen_new(&hx->app, e, false, 0, NULL);
        app_push(&hx->app, s);
        hx_frame(hx);
        for (int k = 0; k < step; k++)
            hx_key(hx, SDLK_RIGHT);
        hx_advance(hx, 1500);
        assert_int_equal(exercise_step_index(player_screen_engine(s)), step);
        char name[128];
        snprintf(name, sizeof name, "es150-rest-line-%s-800x480", ids[i]);
        hx_check_targets(hx, name);
        hx_screenshot(hx, name);
        if (!textlog_find(player_screen_texts(s), prompt))
            fail_msg("%s: the breathing step's Spanish prompt was not drawn whole", ids[i]);
        app_pop(&hx->app);
    }
    /* and the acronyms whose Spanish now gives the English words beside
     * the letters (GIVE, TIPP, PLEASE): their first steps, whole and large */
    static const char *const acronyms[] = {"give-pairs", "tipp", "please-skills"};
    for (size_t i = 0; i < sizeof acronyms / sizeof acronyms[0]; i++)
        first_step_whole(hx, acronyms[i]);
    i18n_set_lang("en");
    hx_free(hx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_screen),
        cmocka_unit_test(test_new_exercises_in_spanish),
        cmocka_unit_test(test_rest_line_beside_the_pacer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
