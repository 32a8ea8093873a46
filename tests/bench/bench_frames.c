/* Frames of the breathing pacer: the real player screen on the real App
 * (tests/ui/harness.h), drawn by SDL's software renderer into a surface of
 * W x H pixels, the virtual clock moved the way the kiosk's loop sleeps:
 * straight to the next instant a screen asked to wake at (app_wake_at).
 *
 *     bench_frames WxH SECONDS [EXERCISE]
 *
 * Prints the time of each frame drawn (update, draw and present) in
 * microseconds, one a line; tests/bench/run.sh turns them into median and
 * p99. On stderr: how many frames a second the motion asked for, the CPU
 * they add up to over the virtual time, and what the text cache did (a
 * text rendered every frame shows as renders growing with the frames).
 * Not a test: never run by ctest. */
#include "harness.h"

#include "core/catalog.h"
#include "core/clock.h"
#include "core/exercise.h"
#include "ui/screens.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* This thread's CPU time in microseconds: unlike the wall clock, not
 * lengthened by other programs taking the core meanwhile. */
static uint64_t cpu_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    int w, h, seconds;
    if (argc < 3 || sscanf(argv[1], "%dx%d", &w, &h) != 2 || (seconds = atoi(argv[2])) <= 0) {
        fprintf(stderr, "usage: bench_frames WxH SECONDS [EXERCISE]\n");
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
    uint64_t start = hx->app.now, end = start + (uint64_t)seconds * 1000, busy = 0;
    unsigned long frames = 0, turns = 0;
    size_t cap = (size_t)seconds * 1000;
    uint64_t *cpu = malloc(cap * sizeof *cpu);
    while (hx->app.now < end) {
        uint64_t next = hx->app.wake_at > hx->app.now ? hx->app.wake_at : hx->app.now + 1;
        hx->app.wall += (int64_t)(next - hx->app.now);
        hx->app.now = next;
        uint64_t t0 = clock_mono_us(), c0 = cpu_us();
        app_update(&hx->app);
        bool drew = app_draw(&hx->app);
        uint64_t t1 = clock_mono_us(), c1 = cpu_us();
        busy += c1 - c0;
        if (drew) {
            if (cpu && frames < cap)
                cpu[frames] = c1 - c0;
            frames++;
            printf("%llu\n", (unsigned long long)(t1 - t0));
        }
        turns++;
    }
    size_t kept = frames < cap ? frames : cap;
    uint64_t p99 = 0;
    if (cpu && kept) {
        qsort(cpu, kept, sizeof *cpu, cmp_u64);
        p99 = cpu[(kept * 99 + 99) / 100 - 1];
    }
    free(cpu);
    TextCacheStats after = text_cache_stats(hx->app.views[0].text);
    fprintf(stderr,
            "bench_frames %dx%d: %lu frames in %d s (%.1f a second, %lu turns); CPU %.2f %% of "
            "a core, p99 of a frame %.2f ms; %lu text renders, %lu cache hits\n",
            w, h, frames, seconds, (double)frames / seconds, turns,
            100.0 * (double)busy / ((double)seconds * 1e6), (double)p99 / 1000.0,
            after.renders - before.renders,
            after.hits - before.hits);
    hx_free(hx);
    return 0;
}
