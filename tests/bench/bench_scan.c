/* Scanner Enter to the confirmation frame, commit included: the real door
 * on the real App (tests/ui/harness.h), SDL's software renderer, and the
 * real store on disk (WAL, synchronous=FULL) at the path given.
 *
 *     bench_scan DB WxH SCANS
 *
 * Issues SCANS passes, opens a session, then for each pass types its
 * payload as a USB scanner does (a key every 4 ms of a virtual clock) and
 * times, on the real clock, the Enter key through to the frame presented
 * that shows "You're checked in": the check-in's transaction and its fsync
 * happen inside. People arrive half a minute apart on the virtual clock, so
 * the door is back on its welcome between scans. Prints each latency in
 * microseconds, one a line. Not a test: never run by ctest. */
#include "harness.h"

#include "core/clock.h"
#include "store/store_session.h"
#include "svc/checkin.h"
#include "ui/screens.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    int w, h, scans;
    if (argc != 4 || sscanf(argv[2], "%dx%d", &w, &h) != 2 || (scans = atoi(argv[3])) <= 0) {
        fprintf(stderr, "usage: bench_scan DB WxH SCANS\n");
        return 2;
    }
    const char *db = argv[1];
    char side[600];
    unlink(db);
    snprintf(side, sizeof side, "%s-wal", db);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", db);
    unlink(side);

    char err[512];
    StoreResult sr;
    Store *s = store_open(db, NULL, &sr, err, sizeof err);
    if (!s) {
        fprintf(stderr, "bench_scan: %s\n", err);
        return 1;
    }
    char (*payload)[PASS_PAYLOAD_SIZE] = calloc((size_t)scans, sizeof *payload);
    SessionInfo info;
    if (!payload || store_session_open(s, "DBT Skills - Tue AM", HX_WALL_START, &info) != STORE_OK) {
        fprintf(stderr, "bench_scan: cannot open a session: %s\n", store_error(s));
        return 1;
    }
    for (int i = 0; i < scans; i++) {
        char code[PASS_CODE_SIZE];
        PassInfo pass;
        if (checkin_issue_pass(s, HX_WALL_START, payload[i], code, &pass) != STORE_OK) {
            fprintf(stderr, "bench_scan: cannot issue a pass: %s\n", store_error(s));
            return 1;
        }
    }
    store_close(s);

    Harness *hx = hx_new(w, h, db);
    int confirmed = 0;
    for (int i = 0; i < scans; i++) {
        /* the burst, untimed: the scanner types while nothing is committed */
        hx_type(hx, payload[i], 4);
        SDL_Event ev = {0};
        ev.type = SDL_KEYDOWN;
        ev.key.keysym.sym = SDLK_RETURN;
        ev.key.timestamp = (Uint32)hx->app.now;
        unsigned long answered = hx->app.checkins_answered;
        /* as one turn of the kiosk's loop: the event, the update, the draw */
        uint64_t t0 = clock_mono_us();
        app_handle_event(&hx->app, &ev);
        app_update(&hx->app);
        bool drew = app_draw(&hx->app);
        uint64_t t1 = clock_mono_us();
        Screen *door = app_top(&hx->app);
        if (!drew || hx->app.checkins_answered != answered + 1 ||
            door_last_outcome(door) != CHECKIN_OK) {
            fprintf(stderr, "bench_scan: scan %d was not confirmed (outcome %d)\n", i + 1,
                    door_last_outcome(door));
            return 1;
        }
        confirmed++;
        printf("%llu\n", (unsigned long long)(t1 - t0));
        ev.type = SDL_KEYUP;
        app_handle_event(&hx->app, &ev);
        /* the next person comes half a minute later */
        hx->app.now += 30000;
        hx->app.wall += 30000;
        hx_frame(hx);
    }
    int stored = hx_count(hx, "SELECT count(*) FROM checkins WHERE kind = 'in'");
    fprintf(stderr, "bench_scan %dx%d: %d scans confirmed, %d check-ins stored\n", w, h,
            confirmed, stored);
    hx_free(hx);
    free(payload);
    return stored == scans ? 0 : 1;
}
