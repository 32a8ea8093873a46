/* The console's line about publishing to the program's server: drawn on
 * the session card only where hearth.ini names a server, with the number
 * of sessions waiting, at every size and in Spanish at 150 %, without
 * pushing a button off its place. */
#include "harness.h"

#include "core/i18n.h"
#include "store/store_session.h"
#include "ui/screens.h"

#include <stdlib.h>
#include <string.h>

/* How many pixels of the main view differ from a copy. */
static long differing(Harness *hx, SDL_Surface *copy)
{
    SDL_Surface *now = hx->surface;
    long n = 0;
    for (int y = 0; y < now->h; y++) {
        const Uint32 *a = (const Uint32 *)((const Uint8 *)now->pixels + y * now->pitch);
        const Uint32 *b = (const Uint32 *)((const Uint8 *)copy->pixels + y * copy->pitch);
        for (int x = 0; x < now->w; x++)
            n += a[x] != b[x];
    }
    return n;
}

static void poll_console(Harness *hx)
{
    hx_advance(hx, 2100); /* the console reads the store every 2 s */
    hx_frame(hx);
}

static void check_size(int w, int h, const char *name, bool spanish, bool open)
{
    Harness *hx = hx_new(w, h, NULL);
    if (spanish) {
        i18n_set_lang("es");
        hx->app.settings.text_scale = 150;
    }
    SessionInfo s;
    assert_int_equal(store_session_open(hx->app.store, "DBT Skills - Tue AM",
                                        HX_WALL_START - 86400000, &s),
                     STORE_OK);
    assert_int_equal(store_session_close(hx->app.store, HX_WALL_START - 82800000), STORE_OK);
    if (open)
        assert_int_equal(store_session_open(hx->app.store, "DBT Skills - Tue AM",
                                            HX_WALL_START, &s),
                         STORE_OK);
    app_push(&hx->app, console_screen_new(&hx->app));
    poll_console(hx);
    SDL_Surface *before = SDL_DuplicateSurface(hx->surface);
    assert_non_null(before);
    hx_check_targets(hx, name);
    SDL_Rect b1, b2;
    assert_true(hx_target(hx, open ? 4 : 2, &b1)); /* close, or open, a session */

    /* the same console where the kiosk publishes: one line more */
    snprintf(hx->app.settings.program_server, sizeof hx->app.settings.program_server, "%s",
             "postgresql://door1@db.example.org/hearth?sslmode=verify-full");
    poll_console(hx);
    long changed = differing(hx, before);
    if (changed < 100 || changed > (long)w * h / 5)
        fail_msg("%s: %ld pixels changed for the publishing line", name, changed);
    hx_check_targets(hx, name);
    assert_true(hx_target(hx, open ? 4 : 2, &b2));
    assert_memory_equal(&b1, &b2, sizeof b1); /* no button moved */
    char shot[96];
    snprintf(shot, sizeof shot, "console-publishing-%s%s", open ? "open-" : "", name);
    hx_screenshot(hx, shot);
    SDL_FreeSurface(before);
    i18n_set_lang("en");
    hx_free(hx);
}

static void test_publishing_line(void **state)
{
    (void)state;
    for (int i = 0; i < hx_nsizes; i++) {
        check_size(hx_sizes[i].w, hx_sizes[i].h, hx_sizes[i].name, false, false);
        check_size(hx_sizes[i].w, hx_sizes[i].h, hx_sizes[i].name, false, true);
    }
    check_size(800, 480, "800x480-es-150", true, false);
    check_size(800, 480, "800x480-es-150", true, true);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_publishing_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
