/* Rating rounds on the shared screen: six answers then the reveal with its
 * small bars withheld, three answers and nothing revealed, digits (and 10)
 * at every size, pseudonymous rounds with a pass scanned first, the undo
 * window, the count and the buttons never touching, the change before
 * and after an exercise, and the crisis card one tap away. */
#include "harness.h"

#include "core/catalog.h"
#include "core/i18n.h"
#include "core/round.h"
#include "store/store_session.h"
#include "svc/checkin.h"
#include "ui/screens.h"

#include <stdio.h>
#include <string.h>

enum { R_VALUE0 = 0, R_UNDO = 100, R_END = 101, R_REVEAL = 102, R_DONE = 103, R_SKIP = 104,
       R_BUSY = 105, R_OFFER = 106, R_HELP = 107 };

/* The facilitator ends the round: held down, then confirmed. */
static void end_round(Harness *hx)
{
    assert_true(hx_hold_target(hx, R_END, APP_HOLD_MS + 100));
    assert_string_equal(hx_top(hx), "confirm");
    assert_true(hx_tap_target(hx, 1)); /* the confirm's yes */
    assert_string_equal(hx_top(hx), "round");
}

static const char *const GROUP = "Group";

/* A round of an instrument on a kiosk with an open session; text_scale
 * 100 or 150; phase PHASE_ROUND, or PHASE_PRE for the round before an
 * exercise (with its "skip" button). */
static Harness *round_on(int w, int h, const char *instrument, int text_scale, RatingPhase phase,
                         int min_cell, bool anonymous)
{
    Harness *hx = hx_new(w, h, NULL);
    hx->app.settings.text_scale = text_scale;
    if (min_cell)
        hx->app.settings.min_cell = min_cell;
    hx_resize(hx, w, h);
    SessionInfo sess;
    char gid[40];
    assert_int_equal(store_group_ensure(hx->app.store, GROUP, HX_WALL_START, gid), STORE_OK);
    if (!anonymous)
        assert_int_equal(store_group_set_anonymous(hx->app.store, GROUP, false), STORE_OK);
    assert_int_equal(store_session_open(hx->app.store, GROUP, HX_WALL_START, &sess), STORE_OK);
    const Instrument *in = catalog_instrument(hx->app.catalog, instrument);
    assert_non_null(in);
    app_push(&hx->app, round_screen_new(&hx->app, in, phase, NULL, NULL, NULL));
    hx_frame(hx);
    assert_string_equal(hx_top(hx), "round");
    return hx;
}

static Harness *with_round(int w, int h, const char *instrument)
{
    return round_on(w, h, instrument, 100, PHASE_ROUND, 0, true);
}

static const TextLog *texts(Harness *hx) { return round_screen_texts(app_top(&hx->app)); }

/* How many drawn texts are exactly s. */
static int texts_equal(Harness *hx, const char *s)
{
    const TextLog *log = texts(hx);
    int n = 0;
    for (int i = 0; i < log->n; i++)
        n += strcmp(log->items[i].text, s) == 0;
    return n;
}

/* One person: tap, and step away while the thank-you shows. */
static void answer_by_touch(Harness *hx, int value_index)
{
    assert_true(hx_tap_target(hx, R_VALUE0 + value_index));
    hx_advance(hx, 2600);
}

/* A USB scanner: a key every 4 ms, then Enter (as the door tests do). */
static void scan(Harness *hx, const char *payload)
{
    hx_type(hx, payload, 4);
    hx_key(hx, SDLK_RETURN);
}

static void issue(Harness *hx, char payload[PASS_PAYLOAD_SIZE], PassInfo *info)
{
    char code[PASS_CODE_SIZE];
    assert_int_equal(checkin_issue_pass(hx->app.store, HX_WALL_START, payload, code, info),
                     STORE_OK);
}

static double share(Harness *hx, SDL_Rect r, SDL_Color c) { return hx_share(hx, r, c, 6); }

/* The result of 1 3 3 4 4 5 (six answers, threshold 5): the middle answer,
 * 3 (an answer someone gave, not 3.5), in the title and as its filled
 * slot; six are too few for the middle half; and no count anywhere: the
 * only numbers drawn alone are the scale's labels. */
static void check_result(Harness *hx, const char *size)
{
    const Theme *t = &hx->app.theme;
    Screen *s = app_top(&hx->app);
    const ScreenText *head = textlog_find(texts(hx), "middle answer is");
    if (!head)
        fail_msg("%s: no middle answer in the title", size);
    if (!strstr(head->text, "is 3"))
        fail_msg("%s: the title says \"%s\", not the middle answer 3", size, head->text);
    if (share(hx, head->box, t->text) < 0.05)
        fail_msg("%s: the title is not drawn", size);
    assert_non_null(textlog_find(texts(hx), "6 answers"));
    assert_null(textlog_find(texts(hx), "are hidden"));
    for (int v = 0; v <= 9; v++) {
        char num[4];
        snprintf(num, sizeof num, "%d", v);
        assert_int_equal(texts_equal(hx, num), v >= 1 && v <= 5 ? 1 : 0);
    }
    for (int i = 0; i < 5; i++) {
        SDL_Rect col, bars;
        assert_true(round_screen_bar(&hx->app, s, i, &col, &bars));
        double accent = share(hx, col, t->accent), info = share(hx, col, t->info);
        if (info > 0)
            fail_msg("%s: value %d has a band or a bar (%.3f)", size, i + 1, info);
        if ((i == 2) != (accent > 0.1))
            fail_msg("%s: value %d: middle-answer fill %.3f", size, i + 1, accent);
    }
}

static void test_six_answers_then_reveal(void **state)
{
    (void)state;
    static const struct {
        int w, h, scale;
        const char *name;
    } sizes[] = {{800, 480, 100, "800x480"}, {1920, 1080, 100, "1920x1080"},
                 {800, 480, 150, "800x480-150"}};
    for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++) {
        Harness *hx = round_on(sizes[z].w, sizes[z].h, "mood", sizes[z].scale, PHASE_ROUND, 0, true);
        char name[96];
        snprintf(name, sizeof name, "round-asking-%s", sizes[z].name);
        hx_screenshot(hx, name);
        static const int answers[6] = {1, 3, 3, 4, 4, 5}; /* values; min is 1 */
        for (int i = 0; i < 6; i++) {
            assert_true(hx_tap_target(hx, R_VALUE0 + answers[i] - 1));
            if (i == 0) {
                /* the thank-you hides the choice: no face targets at all */
                snprintf(name, sizeof name, "round-thanks-%s", sizes[z].name);
                hx_screenshot(hx, name);
                assert_false(hx_target(hx, R_VALUE0, NULL));
                /* stored before the thank-you */
                assert_int_equal(hx_count(hx, TK_ANSWERS "phase = 'round'"),
                                 1);
            }
            hx_advance(hx, 2600);
        }
        assert_int_equal(hx_count(hx, TK_ANSWERS "phase = 'round' AND "
                                   "pass_id IS NULL AND at IS NULL"),
                         6);
        assert_int_equal(hx_count(hx, "SELECT count(DISTINCT part) FROM answer_counts WHERE phase = 'round'"), 1);
        end_round(hx);
        snprintf(name, sizeof name, "round-ended-%s", sizes[z].name);
        hx_screenshot(hx, name);
        assert_true(hx_tap_target(hx, R_REVEAL));
        snprintf(name, sizeof name, "round-revealed-%s", sizes[z].name);
        hx_screenshot(hx, name);
        check_result(hx, sizes[z].name);
        assert_true(hx_tap_target(hx, R_DONE));
        hx_free(hx);
    }
}

static void test_middle_half_from_seven_answers(void **state)
{
    (void)state;
    /* Threshold 3, nine answers 1 2 3 3 3 3 4 4 4: the 3rd, 5th and 7th
     * smallest are 3, 3 and 4: the middle half spans the slots of 3 and
     * 4, the middle answer fills 3; the lone 1 and 2 are not marked. */
    Harness *hx = round_on(1920, 1080, "mood", 100, PHASE_ROUND, 3, true);
    static const int answers[9] = {1, 2, 3, 3, 3, 3, 4, 4, 4};
    for (int i = 0; i < 9; i++)
        answer_by_touch(hx, answers[i] - 1);
    end_round(hx);
    assert_true(hx_tap_target(hx, R_REVEAL));
    hx_screenshot(hx, "round-revealed-half-1920x1080");
    const Theme *t = &hx->app.theme;
    Screen *s = app_top(&hx->app);
    for (int i = 0; i < 5; i++) {
        SDL_Rect col, bars;
        assert_true(round_screen_bar(&hx->app, s, i, &col, &bars));
        double marked = share(hx, col, t->info) + share(hx, col, t->accent);
        if ((i == 2 || i == 3) != (marked > 0.3))
            fail_msg("value %d: marked share %.3f", i + 1, marked);
    }
    assert_true(share(hx, (SDL_Rect){0, 0, 1920, 1080}, t->info) > 0.005);
    assert_non_null(textlog_find(texts(hx), "half the group answered from 3 to 4"));
    assert_int_equal(texts_equal(hx, "4"), 1); /* the label only: no count */
    assert_int_equal(texts_equal(hx, "9"), 0);
    hx_free(hx);
}

static void test_three_answers_reveal_nothing(void **state)
{
    (void)state;
    static const HxSize sizes[] = {{800, 480, "800x480"}, {1920, 1080, "1920x1080"}};
    for (size_t z = 0; z < 2; z++) {
        Harness *hx = with_round(sizes[z].w, sizes[z].h, "mood");
        for (int i = 0; i < 3; i++)
            answer_by_touch(hx, i);
        end_round(hx);
        assert_false(hx_target(hx, R_REVEAL, NULL));
        char name[96];
        snprintf(name, sizeof name, "round-too-few-%s", sizes[z].name);
        hx_screenshot(hx, name);
        SDL_Rect all = {0, 0, sizes[z].w, sizes[z].h};
        assert_true(hx_share(hx, all, hx->app.theme.info, 6) < 0.001); /* no chart */
        assert_non_null(textlog_find(texts(hx), "Too few answers"));
        hx_free(hx);
    }
}

/* The key of value v on a 0..10 scale is highlighted (chosen, not pressed). */
static bool key_chosen(Harness *hx, int v)
{
    SDL_Rect k;
    assert_true(hx_target(hx, R_VALUE0 + v, &k));
    const Theme *t = &hx->app.theme;
    SDL_Color chosen = theme_mix(t->accent, t->text, 0.35f);
    return hx_share(hx, k, chosen, 4) > 0.3;
}

static void test_digits_at_every_size(void **state)
{
    (void)state;
    static const HxSize sizes[] = {{800, 480, "800x480"}, {1280, 800, "1280x800"},
                                   {1920, 1080, "1920x1080"}};
    for (size_t z = 0; z < 3; z++) {
        Harness *hx = with_round(sizes[z].w, sizes[z].h, "distress");
        Screen *s = app_top(&hx->app);
        /* the hint says how, in one sentence */
        const ScreenText *hint = textlog_find(texts(hx), "type 1 then 0");
        assert_non_null(hint);
        assert_true(share(hx, hint->box, hx->app.theme.text_muted) > 0.02);
        /* a digit chooses (highlighted), Enter answers */
        hx_type(hx, "7", 300);
        assert_int_equal(round_screen_selected(s), 7);
        assert_true(key_chosen(hx, 7));
        char name[96];
        snprintf(name, sizeof name, "round-slider-%s", sizes[z].name);
        hx_screenshot(hx, name);
        hx_key(hx, SDLK_RETURN);
        assert_int_equal(hx_count(hx, TK_ANSWERS "value = 7"), 1);
        hx_advance(hx, 2600);
        /* 1 then 0, as a person types them: 10 */
        hx_type(hx, "1", 300);
        assert_int_equal(round_screen_selected(s), 1);
        hx_type(hx, "0", 300);
        assert_int_equal(round_screen_selected(s), 10);
        assert_true(key_chosen(hx, 10));
        assert_false(key_chosen(hx, 1));
        snprintf(name, sizeof name, "round-slider-ten-%s", sizes[z].name);
        hx_screenshot(hx, name);
        hx_key(hx, SDLK_RETURN);
        assert_int_equal(hx_count(hx, TK_ANSWERS "value = 10"), 1);
        hx_advance(hx, 2600);
        /* 1, a pause, 0: the second thought wins, 0 */
        hx_type(hx, "1", 1200);
        hx_type(hx, "0", 300);
        assert_int_equal(round_screen_selected(s), 0);
        hx_key(hx, SDLK_RETURN);
        assert_int_equal(hx_count(hx, TK_ANSWERS "value = 0"), 1);
        hx_free(hx);
    }
    /* faces: 1 to 5 only, and no "10" in the hint */
    Harness *hx = with_round(800, 480, "mood");
    assert_null(textlog_find(texts(hx), "1 then 0"));
    assert_non_null(textlog_find(texts(hx), "type its number"));
    hx_type(hx, "9", 300);
    hx_key(hx, SDLK_RETURN);
    assert_int_equal(hx_count(hx, TK_ANSWERS "1"), 0);
    hx_type(hx, "4", 300);
    hx_key(hx, SDLK_RETURN);
    assert_int_equal(hx_count(hx, TK_ANSWERS "value = 4"), 1);
    hx_free(hx);
}

static void test_thank_you_refuses_and_offers(void **state)
{
    (void)state;
    /* A tap on the thank-you is refused in words, not lost in silence; the
     * thank-you offers a staff member (the same for every answer, so the
     * room cannot tell a top distress answer by it), and "Talk to someone"
     * is on the room's screen all along. */
    Harness *hx = with_round(800, 480, "distress");
    assert_true(hx_target(hx, R_HELP, NULL));
    hx_type(hx, "5", 100);
    hx_key(hx, SDLK_RETURN);
    /* offered after every answer alike: onlookers learn nothing from it */
    assert_true(hx_target(hx, R_OFFER, NULL));
    assert_true(hx_tap_target(hx, R_BUSY));
    assert_non_null(textlog_find(texts(hx), "One moment, please"));
    /* in the scale's words: this one has numbers, not faces */
    assert_non_null(textlog_find(texts(hx), "when the numbers come back"));
    assert_int_equal(hx_count(hx, TK_ANSWERS "1"), 1);
    hx_advance(hx, 2600);
    assert_false(hx_target(hx, R_UNDO, NULL)); /* the next person is at the screen */
    hx_type(hx, "1", 100);
    hx_type(hx, "0", 100);
    hx_key(hx, SDLK_RETURN);
    assert_int_equal(hx_count(hx, TK_ANSWERS "value = 10"), 1);
    assert_true(hx_target(hx, R_OFFER, NULL));
    hx_screenshot(hx, "round-offer-800x480");
    assert_true(hx_tap_target(hx, R_OFFER));
    assert_string_equal(hx_top(hx), "help");
    assert_int_equal(hx_count(hx, "SELECT count(*) FROM staff_requests WHERE pass_id IS NULL"), 1);
    assert_true(hx_tap_target(hx, 1)); /* close */
    assert_string_equal(hx_top(hx), "round");
    hx_free(hx);
}

/* "Talk to someone" on the room's round opens the crisis card in one tap,
 * in both languages, asking nobody to come until someone does; closing it
 * comes back to the round (issue 15). */
static void test_crisis_card_one_tap_from_a_round(void **state)
{
    (void)state;
    static const char *const langs[] = {"en", "es"};
    for (int li = 0; li < 2; li++) {
        Harness *hx = with_round(800, 480, "urge");
        i18n_set_lang(langs[li]);
        hx_frame(hx);
        assert_true(hx_tap_target(hx, R_HELP));
        assert_string_equal(hx_top(hx), "help");
        const TextLog *card = help_screen_texts(app_top(&hx->app));
        assert_non_null(textlog_find(card, "988"));
        assert_non_null(textlog_find(card, li ? "Para espa\xC3\xB1ol, oprime 2"
                                              : "Para espa\xC3\xB1ol, oprima 2"));
        char name[64];
        snprintf(name, sizeof name, "round-crisis-card-%s-800x480", langs[li]);
        hx_screenshot(hx, name);
        assert_int_equal(hx_count(hx, "SELECT count(*) FROM staff_requests"), 0);
        assert_true(hx_tap_target(hx, 1)); /* close */
        assert_string_equal(hx_top(hx), "round");
        i18n_set_lang("en");
        hx_free(hx);
    }
}

static void test_undo_and_arrows(void **state)
{
    (void)state;
    Harness *hx = with_round(1280, 800, "distress");
    hx_type(hx, "7", 100);
    hx_key(hx, SDLK_RETURN);
    assert_int_equal(hx_count(hx, TK_ANSWERS "value = 7"), 1);
    /* the same person takes it back while their thank-you shows */
    hx_advance(hx, 2000);
    assert_true(hx_target(hx, R_UNDO, NULL));
    assert_true(hx_tap_target(hx, R_UNDO));
    assert_int_equal(hx_count(hx, TK_ANSWERS "1"), 0);
    /* and answers again: 10 by arrows from the middle */
    hx_key(hx, SDLK_RIGHT);
    for (int i = 0; i < 6; i++)
        hx_key(hx, SDLK_RIGHT);
    hx_key(hx, SDLK_RETURN);
    assert_int_equal(hx_count(hx, TK_ANSWERS "value = 10"), 1);
    /* after five seconds there is no undo */
    hx_advance(hx, 5100);
    assert_false(hx_target(hx, R_UNDO, NULL));
    hx_free(hx);
}

static int rows_of_pass(Harness *hx, const char *pass_id, int value)
{
    char sql[1024];
    snprintf(sql, sizeof sql,
             TK_ANSWERS "phase = 'round' AND pass_id = '%s' AND value = %d",
             pass_id, value);
    return hx_count(hx, sql);
}

static void test_pseudonymous_round_links_the_pass(void **state)
{
    (void)state;
    Harness *hx = round_on(1280, 800, "distress", 100, PHASE_ROUND, 0, false);
    Screen *s = app_top(&hx->app);
    char a[PASS_PAYLOAD_SIZE], b[PASS_PAYLOAD_SIZE];
    PassInfo ia, ib;
    issue(hx, a, &ia);
    issue(hx, b, &ib);
    hx_screenshot(hx, "round-pseudonymous-scan-1280x800");
    /* no pass yet: digits choose nothing and Enter records nothing */
    hx_type(hx, "4", 300);
    hx_key(hx, SDLK_RETURN);
    assert_true(round_screen_selected(s) < 0);
    assert_int_equal(hx_count(hx, TK_ANSWERS "1"), 0);
    /* the pass, then the answer by digit and Enter */
    scan(hx, a);
    assert_non_null(textlog_find(texts(hx), "Now choose your answer"));
    assert_true(round_screen_selected(s) < 0); /* the payload's digits are no answer */
    hx_screenshot(hx, "round-pseudonymous-answer-1280x800");
    hx_type(hx, "4", 300);
    assert_int_equal(round_screen_selected(s), 4);
    hx_key(hx, SDLK_RETURN);
    assert_int_equal(rows_of_pass(hx, ia.id, 4), 1);
    assert_int_equal(hx_count(hx, TK_ANSWERS "1"), 1);
    hx_advance(hx, 2600);
    /* the next answer needs a pass again */
    assert_null(textlog_find(texts(hx), "Now choose your answer"));
    hx_type(hx, "6", 300);
    hx_key(hx, SDLK_RETURN);
    assert_int_equal(hx_count(hx, TK_ANSWERS "1"), 1);
    /* a pass scanned while another waits asks first: kept, A answers */
    scan(hx, a);
    scan(hx, b);
    assert_string_equal(hx_top(hx), "confirm");
    hx_screenshot(hx, "round-second-scan-1280x800");
    assert_true(hx_tap_target(hx, 2)); /* no, keep the first */
    hx_type(hx, "2", 300);
    hx_key(hx, SDLK_RETURN);
    assert_int_equal(rows_of_pass(hx, ia.id, 2), 1);
    hx_advance(hx, 2600);
    /* or, asked, the new pass takes the question: the answer is B's */
    scan(hx, a);
    scan(hx, b);
    assert_true(hx_tap_target(hx, 1)); /* yes, for the new pass */
    hx_type(hx, "1", 300);
    hx_type(hx, "0", 300);
    hx_key(hx, SDLK_RETURN);
    assert_int_equal(rows_of_pass(hx, ib.id, 10), 1);
    assert_int_equal(rows_of_pass(hx, ia.id, 10), 0);
    hx_advance(hx, 2600);
    /* a pass without an answer expires after a minute */
    scan(hx, a);
    hx_advance(hx, 61000);
    hx_type(hx, "3", 300);
    hx_key(hx, SDLK_RETURN);
    assert_int_equal(hx_count(hx, TK_ANSWERS "1"), 3);
    /* the code typed instead of scanned: short is refused, whole is taken */
    char code[PASS_CODE_SIZE];
    PassInfo ic;
    assert_int_equal(checkin_issue_pass(hx->app.store, HX_WALL_START, b, code, &ic), STORE_OK);
    hx_type(hx, "K7QF", 200);
    hx_key(hx, SDLK_RETURN);
    assert_non_null(textlog_find(texts(hx), "That code is short"));
    hx_type(hx, code, 200);
    hx_key(hx, SDLK_RETURN);
    assert_non_null(textlog_find(texts(hx), "Now choose your answer"));
    hx_type(hx, "5", 300);
    hx_key(hx, SDLK_RETURN);
    assert_int_equal(rows_of_pass(hx, ic.id, 5), 1);
    hx_free(hx);

    /* anonymous: a scanned pass is linked to nothing and chooses nothing;
     * it is a late arrival, whom the door checks in over the round */
    hx = with_round(1280, 800, "distress");
    s = app_top(&hx->app);
    issue(hx, a, &ia);
    scan(hx, a);
    assert_int_equal(hx_count(hx, TK_ANSWERS "1"), 0);
    assert_true(round_screen_selected(s) < 0);
    assert_int_equal(hx_count(hx, "SELECT count(*) FROM checkins WHERE kind = 'in'"), 1);
    assert_non_null(strstr(hx->app.toast, "You're checked in"));
    assert_string_equal(hx_top(hx), "round");
    hx_type(hx, "3", 300);
    hx_key(hx, SDLK_RETURN);
    assert_int_equal(hx_count(hx, TK_ANSWERS "value = 3 AND pass_id IS NULL "
                               "AND at IS NULL"),
                     1);
    assert_int_equal(hx_count(hx, TK_ANSWERS "pass_id IS NOT NULL"), 0);
    hx_free(hx);
}

/* a and b are apart by at least one pixel (they neither overlap nor touch). */
/* a inside b */
static bool inside(SDL_Rect a, SDL_Rect b)
{
    return a.x >= b.x && a.y >= b.y && a.x + a.w <= b.x + b.w && a.y + a.h <= b.y + b.h;
}

static bool apart(SDL_Rect a, SDL_Rect b)
{
    SDL_Rect g = {a.x - 1, a.y - 1, a.w + 2, a.h + 2};
    return !SDL_HasIntersection(&g, &b);
}

/* Rows of pure background from y in direction dy, across the view's width
 * between its margins. */
static int bg_rows(Harness *hx, int y, int dy)
{
    SDL_Rect row = {hx->surface->w / 20, y, hx->surface->w * 9 / 10, 1};
    int n = 0;
    while (row.y >= 0 && row.y < hx->surface->h && hx_share(hx, row, hx->app.theme.bg, 2) > 0.999) {
        n++;
        row.y += dy;
    }
    return n;
}

static void test_count_and_buttons_never_touch(void **state)
{
    (void)state;
    for (int z = 0; z < hx_nsizes; z++) {
        for (int scale = 100; scale <= 150; scale += 50) {
            char size[64];
            snprintf(size, sizeof size, "%s-%d", hx_sizes[z].name, scale);
            /* a pre round of eight, the eighth just answered: the thank-you,
             * the count and the undo button all show */
            Harness *hx = round_on(hx_sizes[z].w, hx_sizes[z].h, "mood", scale, PHASE_PRE, 0, true);
            if (z == 0 && scale == 150) {
                hx_screenshot(hx, "round-pre-800x480-150");
                assert_true(hx_target(hx, R_SKIP, NULL));
            }
            for (int i = 0; i < 8; i++) {
                assert_true(hx_tap_target(hx, R_VALUE0 + i % 5));
                if (i < 7)
                    hx_advance(hx, 2600);
            }
            assert_true(hx_target(hx, R_UNDO, NULL));
            char name[96];
            snprintf(name, sizeof name, "round-pre-eight-%s", size);
            hx_screenshot(hx, name);
            Screen *s = app_top(&hx->app);
            Target tg[APP_MAX_TARGETS];
            int nt = s->cls->targets(&hx->app, s, &hx->app.views[0], tg, APP_MAX_TARGETS);
            const TextLog *log = texts(hx);
            const ScreenText *status = textlog_find(log, "people have answered");
            const ScreenText *thanks = textlog_find(log, "Thank you");
            assert_non_null(status);
            assert_non_null(thanks);
            for (int i = 0; i < nt; i++)
                for (int k = 0; k < log->n; k++)
                    if (tg[i].id != R_BUSY && !apart(tg[i].rect, log->items[k].box) &&
                        !inside(log->items[k].box, tg[i].rect)) /* not its own label */
                        fail_msg("%s: target %d touches \"%s\"", size, tg[i].id,
                                 log->items[k].text);
            for (int i = 0; i < log->n; i++)
                for (int k = i + 1; k < log->n; k++)
                    if (!apart(log->items[i].box, log->items[k].box))
                        fail_msg("%s: \"%s\" touches \"%s\"", size, log->items[i].text,
                                 log->items[k].text);
            for (int i = 0; i < nt; i++)
                for (int k = i + 1; k < nt; k++)
                    if (!apart(tg[i].rect, tg[k].rect))
                        fail_msg("%s: targets %d and %d touch", size, tg[i].id, tg[k].id);
            /* the count stands clear of the thank-you panel above it and of
             * the buttons below: background rows on both sides */
            int above = bg_rows(hx, status->box.y - 1, -1);
            int below = bg_rows(hx, status->box.y + status->box.h, 1);
            if (above < 2 || below < 2)
                fail_msg("%s: the count has %d clear rows above and %d below", size, above, below);
            hx_free(hx);
        }
    }
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
    end_round(hx);
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
    end_round(hx);
    assert_true(hx_tap_target(hx, R_DONE));
    assert_string_equal(hx_top(hx), "player");
    hx_screenshot(hx, "round-change-1920x1080");
    /* the change line: medians 7 before (6 6 7 7 7 8 8 9) and 4 after
     * (3 3 4 4 4 5 5 6), in the accent colour */
    const ScreenText *change = textlog_find(player_screen_texts(app_top(&hx->app)), "before");
    assert_non_null(change);
    if (!strstr(change->text, "7 before") || !strstr(change->text, "4 after"))
        fail_msg("the change line says \"%s\"", change->text);
    assert_true(hx_share(hx, change->box, hx->app.theme.accent, 6) > 0.03);
    assert_int_equal(hx_count(hx, TK_ANSWERS "phase = 'pre' AND part <> ''"),
                     8);
    assert_int_equal(hx_count(hx, TK_ANSWERS "phase = 'post' AND part <> ''"),
                     8);
    assert_int_equal(hx_count(hx, "SELECT count(DISTINCT run_id) FROM answer_counts"), 1);
    hx_free(hx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_six_answers_then_reveal),
        cmocka_unit_test(test_middle_half_from_seven_answers),
        cmocka_unit_test(test_three_answers_reveal_nothing),
        cmocka_unit_test(test_digits_at_every_size),
        cmocka_unit_test(test_undo_and_arrows),
        cmocka_unit_test(test_pseudonymous_round_links_the_pass),
        cmocka_unit_test(test_thank_you_refuses_and_offers),
        cmocka_unit_test(test_crisis_card_one_tap_from_a_round),
        cmocka_unit_test(test_count_and_buttons_never_touch),
        cmocka_unit_test(test_before_and_after_an_exercise),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
