/* The database watcher (ui/watch.h): a write to the file or its WAL, by
 * any process, posts one event the loop wakes for; more writes before the
 * loop has taken it post nothing more; other files in the folder wake
 * nobody. Waits are generous (seconds for what takes microseconds): the
 * test is about whether the event comes, not how fast. */
#include "testkit.h"

#include "ui/watch.h"

#include <SDL.h>
#include <stdio.h>
#include <string.h>

static uint32_t type;

static void append(const char *name, const char *text)
{
    FILE *f = fopen(tk_path(name), "a");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

/* How many watch events came within ms (the queue drained of others). */
static int events_within(int ms)
{
    int n = 0;
    uint64_t until = SDL_GetTicks64() + (uint64_t)ms;
    SDL_Event ev;
    for (uint64_t now = SDL_GetTicks64(); now < until; now = SDL_GetTicks64())
        if (SDL_WaitEventTimeout(&ev, (int)(until - now)) && ev.type == type)
            n++;
    return n;
}

static int setup(void **state)
{
    (void)state;
    assert_int_equal(SDL_Init(SDL_INIT_EVENTS), 0);
    type = SDL_RegisterEvents(1);
    assert_true(type != (uint32_t)-1);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    SDL_Quit();
    return 0;
}

static void test_a_write_wakes_the_loop_once(void **state)
{
    (void)state;
    append("hearth.db", "");
    Watch *w = watch_start(tk_path("hearth.db"), type);
    assert_non_null(w);
    /* files beside it are no change of the database */
    append("report.csv", "a,b\n");
    append("hearth.db.bak", "x");
    assert_int_equal(events_within(300), 0);
    /* the database: one event, however many writes before it is taken */
    append("hearth.db", "1");
    append("hearth.db", "2");
    append("hearth.db", "3");
    assert_int_equal(events_within(1500), 1);
    append("hearth.db", "4");
    assert_int_equal(events_within(300), 0);
    /* taken: the next write posts again, and the WAL counts as the file */
    watch_seen(w);
    append("hearth.db-wal", "frame");
    assert_int_equal(events_within(1500), 1);
    watch_stop(w);
    /* stopped: nothing more comes */
    append("hearth.db", "5");
    assert_int_equal(events_within(300), 0);
}

static void test_a_folder_that_cannot_be_watched(void **state)
{
    (void)state;
    /* the door then reads every two seconds, as it did before */
    assert_null(watch_start("/no/such/folder/hearth.db", type));
    watch_stop(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_write_wakes_the_loop_once),
        cmocka_unit_test(test_a_folder_that_cannot_be_watched),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
