/* The trends screen: demo data at 800x480 and 1920x1080, a group and a
 * period chosen by touch, the state the model holds, and a withheld point
 * drawn as a gap in the line. */
#include "harness.h"

#include "export/demo.h"
#include "export/report.h"
#include "store/store_pass.h"
#include "store/store_rating.h"
#include "store/store_report.h"
#include "store/store_session.h"
#include "ui/screens.h"
#include "ui/inspect.h"

#include <stdio.h>
#include <string.h>

enum { T_BACK = 1, T_PREV = 2, T_NEXT = 3, T_EXPORT = 4, T_PERIOD0 = 10 };
/* the console's "reports and settings" and, there, the trends tile */
enum { CONSOLE_MORE = 5, TOOLS_TRENDS = 100 };

/* From the console to the trends screen, as staff go. */
static void open_trends(Harness *hx)
{
    assert_true(hx_tap_target(hx, CONSOLE_MORE));
    assert_string_equal(hx_top(hx), "tools");
    assert_true(hx_tap_target(hx, TOOLS_TRENDS));
}

/* min_cell: the clinic's K as the kiosk loaded it from hearth.ini (0: the
 * default) */
static Harness *console_with_demo_at(int w, int h, int min_cell)
{
    Harness *hx = hx_new(w, h, NULL);
    if (min_cell)
        hx->app.settings.min_cell = min_cell;
    DemoOptions d = {12, 3, 1, HX_WALL_START};
    DemoStats st;
    char err[256];
    assert_true(demo_fill(hx->app.store, &d, &st, err, sizeof err));
    app_push(&hx->app, console_screen_new(&hx->app));
    hx_frame(hx);
    open_trends(hx);
    assert_string_equal(hx_top(hx), "trends");
    return hx;
}

static Harness *console_with_demo(int w, int h) { return console_with_demo_at(w, h, 0); }

static void test_demo_trends_by_touch(void **state)
{
    (void)state;
    static const HxSize sizes[] = {{800, 480, "800x480"}, {1920, 1080, "1920x1080"}};
    for (int z = 0; z < 2; z++) {
        Harness *hx = console_with_demo(sizes[z].w, sizes[z].h);
        Screen *s = app_top(&hx->app);
        /* groups in alphabetical order; 12 weeks to begin with */
        assert_string_equal(trends_group(s), "Demo - CBT Relapse Prevention - Tue PM");
        assert_int_equal(trends_period_weeks(s), 12);
        const Report *r = trends_report(s);
        assert_non_null(r);
        assert_int_equal(r->ngroups, 1);
        assert_true(r->groups[0].nsessions >= 30);
        char name[80];
        snprintf(name, sizeof name, "trends-12wk-%s", sizes[z].name);
        hx_screenshot(hx, name);
        /* the arrival line is drawn in the plot: a share of its colour */
        SDL_Rect plot = trends_plot_rect(&hx->app, s);
        assert_true(hx_share(hx, plot, hx->app.theme.info, 30) > 0.004);
        assert_true(hx_share(hx, plot, hx->app.theme.accent, 30) > 0.004);

        /* the next group, by touch */
        assert_true(hx_tap_target(hx, T_NEXT));
        assert_string_equal(trends_group(s), "Demo - DBT Skills - Mon AM");
        /* four weeks, by touch: only sessions of the last 28 days */
        assert_true(hx_tap_target(hx, T_PERIOD0));
        assert_int_equal(trends_period_weeks(s), 4);
        r = trends_report(s);
        assert_true(r->groups[0].nsessions > 0 && r->groups[0].nsessions <= 4 * 5);
        for (int i = 0; i < r->nsessions; i++)
            assert_true(r->sessions[i].opened_ms >= HX_WALL_START - 4 * REPORT_WEEK_MS);
        snprintf(name, sizeof name, "trends-4wk-%s", sizes[z].name);
        hx_screenshot(hx, name);
        /* a tap on the chart picks a session */
        SDL_Point pt;
        assert_true(trends_point(&hx->app, s, 1, PHASE_ARRIVAL, &pt));
        hx_touch(hx, pt.x, pt.y);
        snprintf(name, sizeof name, "trends-selected-%s", sizes[z].name);
        hx_screenshot(hx, name);
        /* the largest text still fits: shoot it for a person to look at */
        hx->app.settings.text_scale = 150;
        text_cache_clear(hx->app.views[0].text);
        app_targets_changed(&hx->app);
        app_invalidate(&hx->app);
        hx_frame(hx);
        snprintf(name, sizeof name, "trends-150-%s", sizes[z].name);
        hx_screenshot(hx, name);
        hx->app.settings.text_scale = 100;
        text_cache_clear(hx->app.views[0].text);
        app_targets_changed(&hx->app);
        app_invalidate(&hx->app);
        hx_frame(hx);
        /* all of it, then back */
        assert_true(hx_tap_target(hx, T_PERIOD0 + 3));
        assert_int_equal(trends_period_weeks(s), 0);
        assert_true(hx_tap_target(hx, T_BACK));
        assert_string_equal(hx_top(hx), "tools");
        hx_free(hx);
    }
}

/* Three sessions; the middle one has two answers, under the threshold of
 * five: the line stops on both sides of it. */
static void test_withheld_point_is_a_gap(void **state)
{
    (void)state;
    Harness *hx = hx_new(1280, 800, NULL);
    Store *st = hx->app.store;
    char gid[40];
    assert_int_equal(store_group_ensure(st, "Gap test", HX_WALL_START, gid), STORE_OK);
    static const int answers[3] = {6, 2, 6};
    for (int k = 0; k < 3; k++) {
        char sid[40];
        int64_t at = HX_WALL_START - (3 - k) * REPORT_DAY_MS;
        assert_int_equal(store_demo_session(st, gid, at, at + 3600000, sid), STORE_OK);
        for (int i = 0; i < answers[k]; i++) {
            RatingRow row = {.session_id = sid, .instrument = "mood", .phase = PHASE_ARRIVAL,
                             .value = k == 1 ? 1 : 3};
            assert_int_equal(store_answer_add(st, &row, NULL), STORE_OK);
        }
    }
    app_push(&hx->app, console_screen_new(&hx->app));
    hx_frame(hx);
    open_trends(hx);
    Screen *s = app_top(&hx->app);
    const Report *r = trends_report(s);
    assert_int_equal(r->groups[0].nsessions, 3);
    assert_false(report_cell(r, 1, "mood", PHASE_ARRIVAL)->shown.shown);
    assert_true(report_cell(r, 0, "mood", PHASE_ARRIVAL)->shown.shown);
    hx_screenshot(hx, "trends-gap-1280x800");
    SDL_Rect plot = trends_plot_rect(&hx->app, s);
    SDL_Point p0, p1, p2;
    assert_true(trends_point(&hx->app, s, 0, PHASE_ARRIVAL, &p0));
    assert_true(trends_point(&hx->app, s, 1, PHASE_ARRIVAL, &p1));
    assert_true(trends_point(&hx->app, s, 2, PHASE_ARRIVAL, &p2));
    SDL_Color line = hx->app.theme.info;
    /* the shown points are there */
    assert_true(hx_share(hx, (SDL_Rect){p0.x - 3, p0.y - 3, 7, 7}, line, 30) > 0.3);
    assert_true(hx_share(hx, (SDL_Rect){p2.x - 3, p2.y - 3, 7, 7}, line, 30) > 0.3);
    /* the withheld one is not drawn at all: its whole column is free of the
     * line's colour, and so is the way between its neighbours */
    SDL_Rect column = {p1.x - 4, plot.y, 9, plot.h};
    assert_true(hx_share(hx, column, line, 30) == 0.0);
    SDL_Rect between = {(p0.x + p1.x) / 2, p0.y - 4, 4, 9};
    assert_true(hx_share(hx, between, line, 30) == 0.0);
    hx_free(hx);
}

static void test_export_to_usb(void **state)
{
    (void)state;
    char probe[600], err[256];
    snprintf(probe, sizeof probe, "%s/x", tk_path("media/kiosk/STICK"));
    assert_true(paths_make_parent(probe, err, sizeof err));
    setenv("HEARTH_MEDIA_ROOT", tk_path("media"), 1);
    /* the clinic's K from hearth.ini ([privacy] min_cell, as the kiosk
     * loaded it) is the console's export's K: the console has no K of its
     * own (issue 13: it could export at 3 whatever the clinic had set) */
    Harness *hx = console_with_demo_at(1280, 800, 11);
    assert_true(hx_tap_target(hx, T_EXPORT));
    hx_screenshot(hx, "trends-exported-1280x800");
    /* the message names every file written, with its folder (issue 18) */
    const char *msg = trends_message(app_top(&hx->app));
    if (!strstr(msg, tk_path("media/kiosk/STICK")) || !strstr(msg, ".pdf") ||
        !strstr(msg, ".csv") || !strstr(msg, ".json"))
        fail_msg("the export message leaves files out: \"%s\"", msg);
    assert_int_equal(hx_count(hx, "SELECT count(*) FROM audit WHERE action = 'export'"), 3);
    assert_int_equal(tk_system("ls '%s'/hearth-trends-*.pdf '%s'/hearth-trends-*.csv "
                               "'%s'/hearth-trends-*.json >/dev/null",
                               tk_path("media/kiosk/STICK"), tk_path("media/kiosk/STICK"),
                               tk_path("media/kiosk/STICK")),
                     0);
    assert_int_equal(tk_system("pdfinfo '%s'/hearth-trends-*.pdf >/dev/null",
                               tk_path("media/kiosk/STICK")),
                     0);
    assert_int_equal(tk_system("test \"$(grep -o '\"min_cell\":[0-9]*' '%s'/hearth-trends-*.json "
                               "| sort -u)\" = '\"min_cell\":11'",
                               tk_path("media/kiosk/STICK")),
                     0);
    assert_int_equal(tk_system("python3 -c 'import csv,glob; r = list(csv.DictReader(open(glob.glob("
                               "\"%s/hearth-trends-*.csv\")[0]))); "
                               "assert r and all(x[\"min_cell\"] == \"11\" for x in r)'",
                               tk_path("media/kiosk/STICK")),
                     0);
    unsetenv("HEARTH_MEDIA_ROOT");
    hx_free(hx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_demo_trends_by_touch),
        cmocka_unit_test(test_withheld_point_is_a_gap),
        cmocka_unit_test(test_export_to_usb),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
