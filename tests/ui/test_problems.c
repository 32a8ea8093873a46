/* Broken data files: reported with file and line, skipped, never fatal; a
 * facilitator sees the list from a console tile. */
#include "harness.h"

#include "core/catalog.h"
#include "svc/gate.h"
#include "ui/screens.h"

#include <stdio.h>
#include <string.h>

/* The console's "Reports and settings", then the third of its tiles
 * (trends, groups, content files, settings). */
enum { C_MORE = 5, C_PROBLEMS_TILE = 102 };

static void test_console_lists_the_broken_files(void **state)
{
    (void)state;
    const char *data = tk_path("data");
    assert_int_equal(tk_system("cp -R '%s/data' '%s' && printf '{\"id\": \"broken\",\\n"
                               "\"module\": \"mindfulness\",,\\n}' > '%s/exercises/broken.json'"
                               " && printf '{}' > '%s/instruments/empty.json'",
                               tk_source_dir(), data, data, data),
                     0);
    Harness *hx = hx_new(1280, 800, NULL);
    catalog_free(hx->app.catalog);
    hx->app.catalog = catalog_load(data);
    assert_non_null(hx->app.catalog);
    int n = catalog_problem_count(hx->app.catalog);
    assert_true(n >= 2);
    /* the rest loaded: the door still has its mood scale */
    assert_non_null(catalog_instrument(hx->app.catalog, "mood"));
    assert_int_equal(gate_set_pin(hx->app.store, "135790", HX_WALL_START), GATE_OK);
    assert_true(hx_tap_target(hx, 1)); /* Staff */
    hx_type(hx, "135790", 120);
    hx_key(hx, SDLK_RETURN);
    assert_string_equal(hx_top(hx), "console");
    assert_true(hx_tap_target(hx, C_MORE));
    assert_true(hx_tap_target(hx, C_PROBLEMS_TILE));
    assert_string_equal(hx_top(hx), "problems");
    bool named = false;
    for (int i = 0; i < n; i++) {
        char line[700];
        catalog_problem_format(catalog_problem_at(hx->app.catalog, i), line, sizeof line);
        named = named || strstr(line, "exercises/broken.json:2") != NULL;
    }
    assert_true(named);
    for (int i = 0; i < hx_nsizes; i++) {
        hx_resize(hx, hx_sizes[i].w, hx_sizes[i].h);
        char name[64];
        snprintf(name, sizeof name, "console-problems-%s", hx_sizes[i].name);
        hx_screenshot(hx, name);
    }
    hx_key(hx, SDLK_ESCAPE);
    assert_string_equal(hx_top(hx), "tools");
    hx_free(hx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_console_lists_the_broken_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
