/* The arrival rating's faces, measured from pixels: large enough to tap
 * comfortably at every size, text size and language, each end label (and
 * the middle one) under or beside its own face, the height of a portrait
 * screen used; the same faces in a rating round; and every key of the
 * rating: digits on the scale and off it, Enter, the arrows, Esc. */
#include "harness.h"

#include "core/catalog.h"
#include "core/i18n.h"
#include "store/store_session.h"
#include "svc/checkin.h"
#include "ui/screens.h"
#include "ui/widget.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum { D_SKIP = 4, D_FACE0 = 200, R_VALUE0 = 0 };

/* A screen as it really is: size, density, text size, language. */
typedef struct Screenful {
    int w, h;
    float dpi; /* 0: what the harness assumes */
    int scale;
    const char *lang, *name;
} Screenful;

static const Screenful screens[] = {
    {800, 480, 131.0f, 100, "en", "pi7"},                  /* the Raspberry Pi's 7-inch display */
    {800, 480, 131.0f, 150, "en", "pi7-150"},
    {800, 480, 131.0f, 150, "es", "pi7-es150"},
    {800, 480, 0, 150, "es", "800x480-es150"},
    {1280, 800, 149.0f, 100, "en", "10in"},
    {1280, 800, 149.0f, 150, "es", "10in-es150"},
    {1920, 1080, 220.0f, 100, "en", "10in-hd"},
    {1920, 1080, 0, 150, "en", "1920x1080-150"},
    {800, 1280, 189.0f, 100, "en", "8in-portrait"},
    {800, 1280, 189.0f, 150, "es", "8in-portrait-es150"},
    {800, 1280, 0, 150, "en", "800x1280-150"},
};

static Harness *kiosk_on(const Screenful *s)
{
    Harness *hx = hx_new(800, 480, NULL);
    if (s->dpi > 0)
        hx->app.views[0].px_per_mm = s->dpi / 25.4f;
    hx->app.settings.text_scale = s->scale;
    i18n_set_lang(s->lang);
    snprintf(hx->app.settings.lang, sizeof hx->app.settings.lang, "%s", s->lang);
    hx_resize(hx, s->w, s->h);
    return hx;
}

/* A new pass checked in: the arrival rating shows. */
static void next_person(Harness *hx)
{
    char payload[PASS_PAYLOAD_SIZE];
    hx_issue_pass(hx, payload);
    hx_type(hx, payload, 4);
    hx_key(hx, SDLK_RETURN);
    assert_string_equal(door_state_name(app_top(&hx->app)), "rating");
}

static void door_rating(Harness *hx)
{
    hx_open_session(hx);
    hx_advance(hx, 2100);
    next_person(hx);
}

static bool near(SDL_Color p, SDL_Color c, int tol)
{
    return abs(p.r - c.r) <= tol && abs(p.g - c.g) <= tol && abs(p.b - c.b) <= tol;
}

/* The disc of a face: the box its fill colour covers inside the target. */
static SDL_Rect face_disc(Harness *hx, SDL_Rect key)
{
    SDL_Color fill = hx->app.theme.surface_hi;
    int x0 = key.x + key.w, y0 = key.y + key.h, x1 = key.x - 1, y1 = key.y - 1;
    for (int y = key.y; y < key.y + key.h; y++)
        for (int x = key.x; x < key.x + key.w; x++)
            if (near(hx_pixel(hx, x, y), fill, 2)) {
                x0 = x < x0 ? x : x0;
                x1 = x > x1 ? x : x1;
                y0 = y < y0 ? y : y0;
                y1 = y > y1 ? y : y1;
            }
    return (SDL_Rect){x0, y0, x1 - x0 + 1, y1 - y0 + 1};
}

typedef struct Faces {
    int n;
    SDL_Rect key[11], disc[11];
} Faces;

static void measure_faces(Harness *hx, int id0, const Instrument *in, Faces *f, const char *where)
{
    f->n = in->max - in->min + 1;
    for (int i = 0; i < f->n; i++) {
        if (!hx_target(hx, id0 + i, &f->key[i]))
            fail_msg("%s: no target for face %d", where, i + 1);
        f->disc[i] = face_disc(hx, f->key[i]);
    }
}

/* Every face at least half as much again as the 9 mm minimum. */
static void check_sizes(Harness *hx, const Faces *f, const char *where)
{
    int min = widget_min_touch(&hx->app.views[0]);
    for (int i = 0; i < f->n; i++) {
        SDL_Rect d = f->disc[i];
        if (d.w < min * 3 / 2 || d.h < min * 3 / 2)
            fail_msg("%s: face %d is %dx%d px; comfortable is %d px (9 mm is %d px)", where,
                     i + 1, d.w, d.h, min * 3 / 2, min);
    }
}

/* Each label drawn, nearest its own face, and under it (centred on it,
 * just below) or beside it (level with it, just right). */
static void check_labels(Harness *hx, const TextLog *log, const Instrument *in, const Faces *f,
                         const char *where)
{
    const char *lang = i18n_lang();
    const Text *labels[3] = {&in->label_min, &in->label_mid, &in->label_max};
    int owner[3] = {0, (f->n - 1) / 2, f->n - 1};
    for (int k = 0; k < 3; k++) {
        const char *text = text_in(labels[k], lang);
        if (!text[0])
            continue;
        const ScreenText *st = textlog_find(log, text);
        if (!st)
            fail_msg("%s: the label \"%s\" is not drawn", where, text);
        SDL_Rect b = st->box;
        int lx = b.x + b.w / 2, ly = b.y + b.h / 2;
        int best = -1;
        long best_d = 0;
        for (int i = 0; i < f->n; i++) {
            long dx = lx - (f->disc[i].x + f->disc[i].w / 2);
            long dy = ly - (f->disc[i].y + f->disc[i].h / 2);
            if (best < 0 || dx * dx + dy * dy < best_d) {
                best = i;
                best_d = dx * dx + dy * dy;
            }
        }
        if (best != owner[k])
            fail_msg("%s: \"%s\" is nearest face %d, not face %d", where, text, best + 1,
                     owner[k] + 1);
        SDL_Rect d = f->disc[owner[k]];
        bool under = abs(lx - (d.x + d.w / 2)) <= d.w / 2 && b.y >= d.y + d.h &&
                     b.y - (d.y + d.h) <= d.h;
        bool beside = abs(ly - (d.y + d.h / 2)) <= d.h / 2 && b.x >= d.x + d.w &&
                      b.x - (d.x + d.w) <= d.w * 2;
        if (!under && !beside)
            fail_msg("%s: \"%s\" at (%d,%d %dx%d) is neither under nor beside its face "
                     "(%d,%d %dx%d)",
                     where, text, b.x, b.y, b.w, b.h, d.x, d.y, d.w, d.h);
        /* and its ink is there */
        const Theme *t = &hx->app.theme;
        double ink = hx_share(hx, b, t->text_muted, 40) + hx_share(hx, b, t->text, 40);
        if (ink < 0.01)
            fail_msg("%s: \"%s\" has no ink (%.3f at %d,%d %dx%d)", where, text, ink, b.x, b.y,
                     b.w, b.h);
    }
}

/* The share of the rows between y0 and y1 that are background and nothing
 * else. */
static double empty_rows(Harness *hx, int y0, int y1)
{
    View *v = &hx->app.views[0];
    int empty = 0;
    for (int y = y0; y < y1; y++) {
        bool blank = true;
        for (int x = 0; x < v->w && blank; x++)
            blank = near(hx_pixel(hx, x, y), hx->app.theme.bg, 2);
        empty += blank;
    }
    return y1 > y0 ? (double)empty / (double)(y1 - y0) : 0;
}

static void test_faces_comfortable_and_labelled_everywhere(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof screens / sizeof screens[0]; i++) {
        const Screenful *s = &screens[i];
        Harness *hx = kiosk_on(s);
        door_rating(hx);
        char name[128];
        snprintf(name, sizeof name, "door-rating-%s-%dx%d", s->name, s->w, s->h);
        hx_screenshot(hx, name);
        hx_check_targets(hx, name);
        const Instrument *in = catalog_instrument(hx->app.catalog, "mood");
        assert_non_null(in);
        Faces f;
        measure_faces(hx, D_FACE0, in, &f, name);
        check_sizes(hx, &f, name);
        check_labels(hx, door_screen_texts(app_top(&hx->app)), in, &f, name);
        if (s->h > s->w) {
            /* a portrait screen's height is used: from the question down
             * to the buttons, hardly a row is bare background */
            const ScreenText *q =
                textlog_find(door_screen_texts(app_top(&hx->app)), text_in(&in->prompt, s->lang));
            assert_non_null(q);
            SDL_Rect skip;
            assert_true(hx_target(hx, D_SKIP, &skip));
            double bare = empty_rows(hx, q->box.y, skip.y);
            if (bare > 0.2)
                fail_msg("%s: %.0f %% of the rating is empty", name, bare * 100);
        }
        i18n_set_lang("en");
        hx_free(hx);
    }
}

/* Rounds share the faces: the same promises on the shared screen. */
static void test_round_faces_labelled(void **state)
{
    (void)state;
    static const Screenful rounds[] = {
        {800, 480, 131.0f, 150, "es", "pi7-es150"},
        {1920, 1080, 0, 100, "en", "1920x1080"},
        {800, 1280, 189.0f, 150, "en", "8in-portrait-150"},
    };
    for (size_t i = 0; i < sizeof rounds / sizeof rounds[0]; i++) {
        Harness *hx = kiosk_on(&rounds[i]);
        const Instrument *in = catalog_instrument(hx->app.catalog, "mood");
        app_push(&hx->app, round_screen_new(&hx->app, in, PHASE_ROUND, NULL, NULL, NULL));
        hx_frame(hx);
        char name[128];
        snprintf(name, sizeof name, "round-faces-%s", rounds[i].name);
        hx_screenshot(hx, name);
        hx_check_targets(hx, name);
        Faces f;
        measure_faces(hx, R_VALUE0, in, &f, name);
        check_labels(hx, round_screen_texts(app_top(&hx->app)), in, &f, name);
        i18n_set_lang("en");
        hx_free(hx);
    }
}

static const char *state_of(Harness *hx) { return door_state_name(app_top(&hx->app)); }

static int ratings(Harness *hx) { return hx_count(hx, TK_ANSWERS "1"); }

/* Digits a person types: 1 to 5 choose (and Enter stores), 0 and 6 to 9
 * choose nothing and say which numbers there are. */
static void test_digits_on_and_off_the_scale(void **state)
{
    (void)state;
    Harness *hx = hx_new(1280, 800, NULL);
    door_rating(hx);
    Screen *s = app_top(&hx->app);
    static const char off[] = "06789";
    for (const char *c = off; *c; c++) {
        char digit[2] = {*c, 0};
        hx_type(hx, digit, 300);
        if (door_selected(s) >= 1)
            fail_msg("the digit %s chose %d", digit, door_selected(s));
        const ScreenText *hint = textlog_find(door_screen_texts(s), "from 1 to 5");
        if (!hint)
            fail_msg("the digit %s is ignored without a word", digit);
        assert_true(hx_share(hx, hint->box, hx->app.theme.accent, 30) > 0.02);
        /* Enter after it: nothing is stored, the question stays */
        hx_key(hx, SDLK_RETURN);
        assert_int_equal(ratings(hx), 0);
        assert_string_equal(state_of(hx), "rating");
    }
    hx_screenshot(hx, "door-rating-off-scale-1280x800");
    /* no face is highlighted */
    const Theme *t = &hx->app.theme;
    SDL_Color chosen = theme_mix(t->surface_hi, t->accent, 0.5f);
    for (int i = 0; i < 5; i++) {
        SDL_Rect k;
        assert_true(hx_target(hx, D_FACE0 + i, &k));
        assert_true(hx_share(hx, k, chosen, 4) < 0.05);
    }
    /* the hint goes after a few seconds; the question comes back */
    hx_advance(hx, 4500);
    assert_null(textlog_find(door_screen_texts(s), "from 1 to 5"));
    assert_non_null(textlog_find(door_screen_texts(s), "How are you feeling"));
    /* a digit on the scale: chosen and highlighted, Enter stores it */
    hx_type(hx, "3", 300);
    assert_int_equal(door_selected(s), 3);
    SDL_Rect k2;
    assert_true(hx_target(hx, D_FACE0 + 2, &k2));
    assert_true(hx_share(hx, k2, chosen, 4) > 0.3);
    hx_key(hx, SDLK_RETURN);
    assert_int_equal(hx_count(hx, TK_ANSWERS "value = 3"), 1);
    assert_int_equal(ratings(hx), 1);
    assert_string_equal(state_of(hx), "thanks");
    /* a digit and Enter at once (faster than the scanner shows it) too */
    hx_advance(hx, 3000);
    next_person(hx);
    hx_type(hx, "4", 1);
    hx_key(hx, SDLK_RETURN);
    assert_int_equal(hx_count(hx, TK_ANSWERS "value = 4"), 1);
    /* and one off the scale, at once: nothing */
    hx_advance(hx, 3000);
    next_person(hx);
    hx_type(hx, "8", 1);
    hx_key(hx, SDLK_RETURN);
    assert_int_equal(ratings(hx), 2);
    assert_string_equal(state_of(hx), "rating");
    assert_non_null(textlog_find(door_screen_texts(s), "from 1 to 5"));
    hx_free(hx);
}

/* Enter with nothing chosen does nothing; the arrows move along the
 * scale and stop at its ends; Esc skips. */
static void test_enter_arrows_and_escape(void **state)
{
    (void)state;
    Harness *hx = hx_new(1280, 800, NULL);
    door_rating(hx);
    Screen *s = app_top(&hx->app);
    int checkins = hx_count(hx, "SELECT count(*) FROM checkins");
    hx_key(hx, SDLK_RETURN);
    assert_string_equal(state_of(hx), "rating");
    assert_int_equal(ratings(hx), 0);
    assert_int_equal(hx_count(hx, "SELECT count(*) FROM checkins"), checkins);
    /* the first arrow chooses the middle, then one step a press */
    hx_key(hx, SDLK_RIGHT);
    assert_int_equal(door_selected(s), 3);
    hx_key(hx, SDLK_RIGHT);
    assert_int_equal(door_selected(s), 4);
    hx_key(hx, SDLK_RIGHT);
    hx_key(hx, SDLK_RIGHT);
    assert_int_equal(door_selected(s), 5); /* the end */
    for (int i = 0; i < 6; i++)
        hx_key(hx, SDLK_LEFT);
    assert_int_equal(door_selected(s), 1);
    hx_key(hx, SDLK_RIGHT);
    hx_key(hx, SDLK_RETURN);
    assert_int_equal(hx_count(hx, TK_ANSWERS "value = 2"), 1);
    /* Esc skips: nothing stored */
    hx_advance(hx, 3000);
    next_person(hx);
    hx_key(hx, SDLK_RIGHT);
    hx_key(hx, SDLK_ESCAPE);
    assert_string_equal(state_of(hx), "welcome");
    assert_int_equal(ratings(hx), 1);
    hx_free(hx);

    /* a portrait screen: the faces stand in a column, best at the top; up
     * and down move along it (left and right too) */
    Screenful portrait = {800, 1280, 189.0f, 100, "en", "portrait"};
    hx = kiosk_on(&portrait);
    door_rating(hx);
    s = app_top(&hx->app);
    SDL_Rect top, bottom;
    assert_true(hx_target(hx, D_FACE0 + 4, &top));
    assert_true(hx_target(hx, D_FACE0, &bottom));
    assert_true(top.y + top.h <= bottom.y);
    hx_key(hx, SDLK_UP);
    assert_int_equal(door_selected(s), 3);
    hx_key(hx, SDLK_UP);
    assert_int_equal(door_selected(s), 4);
    hx_key(hx, SDLK_DOWN);
    hx_key(hx, SDLK_DOWN);
    hx_key(hx, SDLK_LEFT);
    assert_int_equal(door_selected(s), 1);
    hx_key(hx, SDLK_RIGHT);
    assert_int_equal(door_selected(s), 2);
    hx_screenshot(hx, "door-rating-chosen-8in-portrait-800x1280");
    /* the chosen row is lit */
    SDL_Rect row;
    assert_true(hx_target(hx, D_FACE0 + 1, &row));
    const Theme *t = &hx->app.theme;
    assert_true(hx_share(hx, row, theme_mix(t->accent, t->text, 0.35f), 4) > 0.3);
    hx_key(hx, SDLK_RETURN);
    assert_int_equal(hx_count(hx, TK_ANSWERS "value = 2"), 1);
    hx_free(hx);
}

static long long wal_bytes(Harness *hx)
{
    char wal[700];
    snprintf(wal, sizeof wal, "%s-wal", store_path(hx->app.store));
    struct stat st;
    return stat(wal, &st) == 0 ? (long long)st.st_size : 0;
}

/* Issue 13: an anonymous answer given while another connection reads the
 * file (an export from a terminal, the publisher, someone copying it)
 * cannot have its WAL emptied at that moment; the WAL then keeps the
 * check-in and the answer's count as frames in the order they came. The
 * kiosk tries again every second by itself once the reader is gone, not
 * only at the next write (after the last person of the day, none may come). */
static void test_wal_emptied_once_a_reader_leaves(void **state)
{
    (void)state;
    Harness *hx = hx_new(1280, 800, NULL);
    hx_open_session(hx);
    hx_advance(hx, 2100);
    sqlite3 *reader;
    assert_int_equal(sqlite3_open_v2(store_path(hx->app.store), &reader, SQLITE_OPEN_READONLY,
                                     NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_exec(reader, "BEGIN; SELECT count(*) FROM sessions;", NULL, NULL,
                                  NULL),
                     SQLITE_OK);
    next_person(hx);
    hx_type(hx, "2", 300);
    hx_key(hx, SDLK_RETURN);
    assert_int_equal(ratings(hx), 1);
    /* the reader holds the WAL: the answer's frames are there for now */
    assert_true(store_scrub_pending(hx->app.store));
    assert_true(wal_bytes(hx) > 0);
    hx_advance(hx, 3000);
    assert_true(store_scrub_pending(hx->app.store));
    /* the reader goes; nobody answers again, and within a second or two
     * the WAL is empty */
    assert_int_equal(sqlite3_exec(reader, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(reader);
    assert_true(hx->app.wake_at > 0); /* the kiosk's loop wakes for it */
    hx_advance(hx, 1500);
    assert_false(store_scrub_pending(hx->app.store));
    assert_int_equal(wal_bytes(hx), 0);
    assert_int_equal(ratings(hx), 1);
    hx_free(hx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_faces_comfortable_and_labelled_everywhere),
        cmocka_unit_test(test_round_faces_labelled),
        cmocka_unit_test(test_digits_on_and_off_the_scale),
        cmocka_unit_test(test_enter_arrows_and_escape),
        cmocka_unit_test(test_wal_emptied_once_a_reader_leaves),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
