/* Frame time of the breathing pacer: the real player screen on the real App
 * (tests/ui/harness.h), drawn by SDL's software renderer into a surface of
 * W x H pixels, one frame every 16 ms of a virtual clock.
 *
 *     bench_frames WxH FRAMES [EXERCISE]
 *
 * Prints the time of each frame (update, draw and present) in microseconds,
 * one a line; tests/bench/run.sh turns them into median and p99. On stderr:
 * what the text cache did meanwhile (a text rendered every frame shows as
 * renders growing with the frames). Not a test: never run by ctest. */
#include "harness.h"

#include "core/catalog.h"
#include "core/clock.h"
#include "core/exercise.h"
#include "ui/screens.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    int w, h, frames;
    if (argc < 3 || sscanf(argv[1], "%dx%d", &w, &h) != 2 || (frames = atoi(argv[2])) <= 0) {
        fprintf(stderr, "usage: bench_frames WxH FRAMES [EXERCISE]\n");
        return 2;
    }
    const char *id = argc > 3 ? argv[3] : "paced-breathing";
    Harness *hx = hx_new(w, h, NULL);
    const Exercise *ex = catalog_exercise(hx->app.catalog, id);
    int step = -1;
    for (int i = 0; ex && i < ex->nsteps && step < 0; i++)
        if (ex->steps[i].kind == STEP_BREATHE)
            step = i;
    if (step < 0) {
        fprintf(stderr, "bench_frames: %s has no breathing step\n", id);
        return 1;
    }
    app_push(&hx->app, player_screen_new(&hx->app, ex, false, step, NULL));
    /* One breath first: every text and font size the pacer shows is met
     * once, as in a room where the exercise has been running a while. */
    hx_advance(hx, 10000);
    if (!hx->app.animating) {
        fprintf(stderr, "bench_frames: the pacer does not animate\n");
        return 1;
    }
    TextCacheStats before = text_cache_stats(hx->app.views[0].text);
    for (int i = 0; i < frames; i++) {
        hx->app.now += 16;
        hx->app.wall += 16;
        uint64_t t0 = clock_mono_us();
        app_update(&hx->app);
        bool drew = app_draw(&hx->app);
        uint64_t t1 = clock_mono_us();
        if (!drew) {
            fprintf(stderr, "bench_frames: frame %d was not drawn\n", i);
            return 1;
        }
        printf("%llu\n", (unsigned long long)(t1 - t0));
    }
    TextCacheStats after = text_cache_stats(hx->app.views[0].text);
    fprintf(stderr, "bench_frames %dx%d: %d frames, %lu text renders, %lu cache hits\n", w, h,
            frames, after.renders - before.renders, after.hits - before.hits);
    hx_free(hx);
    return 0;
}
