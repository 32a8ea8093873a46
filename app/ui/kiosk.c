/* The real kiosk: windows on real displays and the event-driven loop. */
#include "ui/kiosk.h"

#include "core/benchlog.h"
#include "core/catalog.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/i18n.h"
#include "core/log.h"
#include "svc/gate.h"
#include "svc/maintenance.h"
#include "svc/publisher.h"
#include "svc/run.h"
#include "svc/session.h"
#include "ui/app.h"
#include "ui/chime.h"
#include "ui/display.h"
#include "ui/door_camera.h"
#include "ui/screens.h"
#include "ui/watch.h"
#include "ui/widget.h"

#include <SDL.h>
#include <SDL_ttf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef HEARTH_HAVE_SYSTEMD
#include <systemd/sd-daemon.h>
#endif

/* The loop wakes at least this often even when idle: for the service
 * watchdog and so SDL keeps the X screen saver from starting. */
#define IDLE_WAKE_MS 10000
/* How often the loop asks whether the daily backup or purge is due. */
#define MAINTENANCE_CHECK_MS 3600000

bool kiosk_parse_size(const char *text, int *w, int *h)
{
    int a, b, n = 0;
    if (sscanf(text, "%dx%d%n", &a, &b, &n) != 2 || text[n] != '\0')
        return false;
    if (a < 200 || b < 200 || a > 10000 || b > 10000)
        return false;
    *w = a;
    *h = b;
    return true;
}

static float display_px_per_mm(int display)
{
    float ddpi = 0, hdpi = 0, vdpi = 0;
    if (SDL_GetDisplayDPI(display, &ddpi, &hdpi, &vdpi) != 0)
        hdpi = vdpi = 0;
    SDL_DisplayMode dm;
    if (SDL_GetDesktopDisplayMode(display, &dm) != 0)
        dm.w = dm.h = 0;
    float ppm = widget_px_per_mm(hdpi, vdpi, dm.w, dm.h);
    log_debug("display %d: %.0f x %.0f dpi reported, touch targets at %.1f px/mm", display,
              (double)hdpi, (double)vdpi, (double)ppm);
    return ppm;
}

static bool make_view(View *v, ViewRole role, int display, const KioskOptions *o,
                      DisplayChoice *choice, char *err, size_t errlen)
{
    Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI;
    int x = (int)SDL_WINDOWPOS_CENTERED_DISPLAY(display), y = x, w = o->window_w,
        h = o->window_h;
    if (w <= 0) {
        /* Fullscreen on the current display, as a borderless window the size
         * of the display: this also fills a bare X server with no window
         * manager, and KMSDRM gives it the whole screen. */
        SDL_DisplayMode dm;
        if (SDL_GetDesktopDisplayMode(display, &dm) != 0) {
            dm.w = 1280;
            dm.h = 800;
        }
        SDL_Rect bounds;
        if (SDL_GetDisplayBounds(display, &bounds) == 0) {
            x = bounds.x;
            y = bounds.y;
        }
        w = dm.w;
        h = dm.h;
        /* Fullscreen is asked for after the first frame, and only of a
         * window manager (go_fullscreen): on an X server with none SDL
         * waits 100 ms for one to answer, and the borderless window
         * already covers the display. */
        flags |= SDL_WINDOW_BORDERLESS;
    }
    v->role = role;
    v->window = SDL_CreateWindow("Hearth", x, y, w, h, flags);
    if (!v->window) {
        snprintf(err, errlen, _("Cannot open a window: %s."), SDL_GetError());
        return false;
    }
    v->renderer = display_renderer_new(v->window, choice);
    if (!v->renderer) {
        snprintf(err, errlen, _("Cannot draw in the window: %s."), SDL_GetError());
        return false;
    }
    SDL_GetRendererOutputSize(v->renderer, &v->w, &v->h);
    v->px_per_mm = display_px_per_mm(display);
    if (w > 0 && o->window_w <= 0)
        SDL_ShowCursor(SDL_DISABLE); /* a touch kiosk; the mouse still works */
    return true;
}

static void room_view_close(App *app)
{
    if (app->nviews < 2)
        return;
    View *v = &app->views[1];
    text_cache_free(v->text);
    if (v->renderer)
        SDL_DestroyRenderer(v->renderer);
    if (v->window)
        SDL_DestroyWindow(v->window);
    memset(v, 0, sizeof *v);
    app->nviews = 1;
    app_targets_changed(app);
}

/* Opens or closes the room's window to match the setting and the displays
 * connected now: a change in the console, or a TV plugged in, shows at
 * once. *at is the display the room's view is on (-1 none); a display that
 * failed is not tried again until something changes. */
static void room_view_sync(App *app, const KioskOptions *o, DisplayChoice *choice, int *at,
                           int *failed)
{
    int want = app->kiosk_mode ? settings_room_display(&app->settings, SDL_GetNumVideoDisplays())
                               : -1;
    if (want == *at || want == *failed)
        return;
    room_view_close(app);
    *at = -1;
    *failed = -1;
    if (want < 0)
        return;
    char err[512];
    View *v = &app->views[1];
    if (!make_view(v, VIEW_ROOM, want, o, choice, err, sizeof err)) {
        log_warn("second display unused: %s", err);
        if (v->renderer)
            SDL_DestroyRenderer(v->renderer);
        if (v->window)
            SDL_DestroyWindow(v->window);
        memset(v, 0, sizeof *v);
        *failed = want;
        return;
    }
    if (app->fonts) {
        v->text = text_cache_new(v->renderer, app->fonts, 8u << 20);
        app_view_resized(app, v, v->w, v->h);
    }
    app->nviews = 2;
    *at = want;
    app_targets_changed(app);
}

static int refresh_ms(SDL_Window *win)
{
    SDL_DisplayMode dm;
    int idx = SDL_GetWindowDisplayIndex(win);
    if (idx >= 0 && SDL_GetCurrentDisplayMode(idx, &dm) == 0 && dm.refresh_rate >= 24)
        return 1000 / dm.refresh_rate;
    return 16;
}

/* Asking to close the window needs the PIN, like leaving from the console. */
static void leave_after_pin(App *app, void *ctx)
{
    (void)ctx;
    store_audit(app->store, app->wall, "kiosk.leave", "window closed");
    app->quit = true;
}

/* Brings the kiosk's windows back to the front, fullscreen, with the
 * keyboard grabbed again. */
static void keep_in_front(App *app)
{
    for (int i = 0; i < app->nviews; i++) {
        SDL_Window *w = app->views[i].window;
        if (!w)
            continue;
        SDL_RestoreWindow(w);
        SDL_ShowWindow(w);
        SDL_RaiseWindow(w);
    }
    if (app->views[0].window)
        SDL_SetWindowKeyboardGrab(app->views[0].window, SDL_TRUE);
    app->dirty = true;
}

static void watchdog_setup(uint64_t *interval_ms)
{
    *interval_ms = 0;
#ifdef HEARTH_HAVE_SYSTEMD
    uint64_t usec = 0;
    if (sd_watchdog_enabled(0, &usec) > 0 && usec > 0)
        *interval_ms = usec / 1000 / 2; /* notify at half the interval */
#endif
}

static void watchdog_ping(void)
{
#ifdef HEARTH_HAVE_SYSTEMD
    sd_notify(0, "WATCHDOG=1");
#endif
}

static void notify_ready(void)
{
#ifdef HEARTH_HAVE_SYSTEMD
    sd_notify(0, "READY=1");
#endif
}

/* SDL falls back to drawing nowhere (its offscreen driver) when it finds no
 * screen; a kiosk nobody can see is a failure, unless asked for by name. */
static bool real_display(void)
{
    const char *drv = SDL_GetCurrentVideoDriver();
    const char *asked = SDL_getenv("SDL_VIDEODRIVER");
    if (!drv)
        return false;
    if (strcmp(drv, "offscreen") != 0 && strcmp(drv, "dummy") != 0)
        return true;
    if (asked && !strcmp(asked, drv))
        return true;
    SDL_ClearError();
    return false;
}

/* The benchmark's marks (HEARTH_BENCH_LOG, core/benchlog.h): each is
 * written right after the frame that shows it is presented. */
typedef struct BenchMarks {
    BenchLog log;
    bool first, ready;
    bool settled;                 /* the window is as it stays (fullscreen) */
    unsigned long answered;       /* app.checkins_answered already marked */
} BenchMarks;

static void bench_presented(BenchMarks *m, App *app)
{
    uint64_t t = clock_mono_us();
    if (!m->first) {
        benchlog_mark(&m->log, "first_present", t);
        m->first = true;
    }
    Screen *top = app_top(app);
    if (!m->ready && m->settled && top && top->cls == &door_screen_class) {
        benchlog_mark(&m->log, "door_ready", t);
        m->ready = true;
    }
    if (app->checkins_answered != m->answered) {
        m->answered = app->checkins_answered;
        benchlog_mark(&m->log, "checkin_present", t);
    }
}

/* The kiosk's windows are opened borderless at the display's bounds, so
 * with no window manager (a kiosk's X server, KMSDRM) they already fill
 * the screen and nothing more is asked. A window manager is asked to make
 * them fullscreen once the first frame is up, which lifts them above its
 * panels; the screen already shows the door meanwhile. */
static void go_fullscreen(App *app)
{
    for (int i = 0; i < app->nviews; i++)
        if (SDL_SetWindowFullscreen(app->views[i].window, SDL_WINDOW_FULLSCREEN_DESKTOP) != 0)
            log_warn("cannot make the window fullscreen: %s", SDL_GetError());
    app->dirty = true;
}

/* Right after the first frame: the whole-file check that store_open left
 * to us (0.3 s on five years of data, too long to keep the door dark).
 * Only reads have happened so far, so a damaged file is still as it was:
 * the recovery screen takes over. Else the exercise that was running
 * before a power cut comes back. */
static void check_after_first_frame(App *app, const char *db_path)
{
    if (store_quick_check(app->store) == STORE_OK) {
        if (!app_find(app, &setup_screen_class))
            screens_resume_exercise(app);
        return;
    }
    char why[600];
    snprintf(why, sizeof why, "%s", store_error(app->store));
    fprintf(stderr, "hearth: %s\n", why);
    while (app->depth)
        app_pop(app); /* the door and the setup: they write nothing */
    store_close(app->store);
    app->store = NULL;
    app_push(app, recovery_screen_new(app, db_path, why));
}

/* The daily backup and the retention purge; trouble shows on screen. */
static void maintain(App *app)
{
    MaintenanceReport rep;
    maintenance_run(app->store, app->settings.retention_months, app->wall, &rep);
    if (rep.purge == STORE_OK)
        log_info("purged what closed before %s", rep.purged.cutoff);
    else if (rep.purge != STORE_NOT_FOUND)
        log_error("retention purge failed: %s", store_error(app->store));
    if (rep.backup == STORE_OK)
        log_info("backed up to %s", rep.backup_path);
    else if (rep.backup != STORE_NOT_FOUND)
        log_error("backup failed: %s", store_error(app->store));
    if (rep.backup == STORE_FULL || rep.purge == STORE_FULL)
        app_set_alert(app, _("The storage is full: the daily backup could not be made. Staff "
                             "must free space on this device."));
}

/* Publishing to the program's server, once the file is known healthy:
 * a thread of its own (svc/publisher.h), never the main loop. */
static void start_publisher(App *app)
{
    if (!app->settings.program_server[0])
        return;
    if (!program_built()) {
        log_warn("%s", program_not_built_text());
        return;
    }
    app->publisher = publisher_start(app->store, app->settings.program_server,
                                     app->settings.program_site);
    if (!app->publisher)
        log_error("cannot start publishing to the program's server");
}

int kiosk_run(const KioskOptions *o)
{
    char err[1024];
    /* The settings first: what goes wrong opening the database is said in
     * the kiosk's own language. */
    App app;
    memset(&app, 0, sizeof app);
    app.paths = o->paths;
    /* the benchmark's marks, the start-up's steps among them: where the
     * time before the first frame goes (tests/bench/README.md) */
    BenchMarks bench = {0};
    uint64_t started_us = clock_mono_us();
    Watch *watch = NULL; /* the database's watcher (ui/watch.h), once up */
    uint32_t watch_event = 0;
    bool watch_tried = false;
    /* settings named by something that is not a file (a FIFO, a device)
     * are a mistake to say, not defaults to run on quietly */
    if (!config_load(o->config_path, &app.settings, app.config_path, sizeof app.config_path) &&
        errno == EINVAL)
        return 1;
    if (o->mute)
        app.settings.mute = true;
    if (!o->lang_forced)
        i18n_set_lang(app.settings.lang);
    else /* --lang: the door's own language too, not only the first screen's */
        snprintf(app.settings.lang, sizeof app.settings.lang, "%s", i18n_lang());

    /* what a killed export or backup left half-written goes first */
    maintenance_clean_unfinished(o->db_path);
    StoreResult sr;
    StoreOpenOptions open_opts = {.create = true, .skip_check = true};
    Store *store = store_open(o->db_path, &open_opts, &sr, err, sizeof err);
    if (!store && sr != STORE_CORRUPT && sr != STORE_FULL) {
        fprintf(stderr, "hearth: %s\n", err);
        return 1;
    }
    if (!benchlog_open(&bench.log, getenv("HEARTH_BENCH_LOG")))
        log_warn("HEARTH_BENCH_LOG: cannot write to %s", getenv("HEARTH_BENCH_LOG"));
    benchlog_mark(&bench.log, "start_main", started_us);
    /* damaged or foreign, or no room to open it: a screen says so */
    if (!store)
        fprintf(stderr, "hearth: %s\n", err);

    SDL_SetHint(SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE, "0");
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    SDL_SetHint(SDL_HINT_MOUSE_FOCUS_CLICKTHROUGH, "1");
    SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0 || !real_display()) {
        fprintf(stderr,
                "hearth: No display was found (%s). Start Hearth from a desktop session or "
                "set DISPLAY; on a console without a desktop, run it with "
                "SDL_VIDEODRIVER=kmsdrm.\n",
                SDL_GetError()[0] ? SDL_GetError() : "no screen to draw on");
        SDL_Quit();
        store_close(store);
        benchlog_close(&bench.log);
        return 1;
    }
    SDL_DisableScreenSaver();
    benchlog_mark(&bench.log, "start_display", clock_mono_us());

    app.store = store;
    app.kiosk_mode = o->window_w <= 0;
    app.now = clock_mono_ms();
    app.wall = clock_wall_ms();

    int status = 1;
    int room_at = -1, room_failed = -1; /* the room's display (room_view_sync) */
    DisplayChoice choice = {0}; /* the renderer, chosen for the first window */
    if (!make_view(&app.views[0], VIEW_MAIN, 0, o, &choice, err, sizeof err)) {
        fprintf(stderr, "hearth: %s\n", err);
        goto out;
    }
    app.nviews = 1;
    benchlog_mark(&bench.log, "start_window", clock_mono_us());
    /* A second display shows the room's view: exercises, no controls. */
    room_view_sync(&app, o, &choice, &room_at, &room_failed);
    if (app.kiosk_mode) {
        SDL_SetHint(SDL_HINT_GRAB_KEYBOARD, "1");
        SDL_SetWindowKeyboardGrab(app.views[0].window, SDL_TRUE);
    }
    if (!app_init(&app, err, sizeof err)) {
        fprintf(stderr, "hearth: %s\n", err);
        goto out;
    }
    if (!app.settings.mute)
        app.chime = chime_open();
    benchlog_mark(&bench.log, "start_fonts_content", clock_mono_us());
    /* a camera, when there is one, lets people check in without a scanner */
    app.camera = door_camera_probe();

    bool checked = store == NULL; /* the whole-file check, after the first frame */
    if (store)
        screens_start_door(&app);
    else if (sr == STORE_FULL)
        app_push(&app, nospace_screen_new(&app, o->db_path, err));
    else
        app_push(&app, recovery_screen_new(&app, o->db_path, err));
    uint64_t next_maintenance = 0; /* at start, after the first frame */
    bool publisher_tried = false;  /* after the whole-file check */

    uint64_t watchdog_ms;
    watchdog_setup(&watchdog_ms);
    uint64_t last_ping = 0;
    bool ready = false;
    app.frame_ms = refresh_ms(app.views[0].window);
    /* Without a window manager the borderless window is already as it
     * stays, and its first frame is the door ready to scan. */
    bool manager = app.kiosk_mode && display_has_window_manager(app.views[0].window);
    bench.settled = !manager;
    benchlog_mark(&bench.log, "start_screens", clock_mono_us());

    SDL_StartTextInput();
    while (!app.quit) {
        app.now = clock_mono_ms();
        app.wall = clock_wall_ms();
        /* The loop sleeps until an event or the next instant a screen asked
         * for (app_wake_at): an animation asks for each of its frames, at
         * the rate its motion needs (screen_player.c, player_update). */
        int timeout;
        if (app.dirty) {
            timeout = 0;
        } else {
            uint64_t wake = app.now + IDLE_WAKE_MS;
            if (app.wake_at && app.wake_at < wake)
                wake = app.wake_at;
            if (watchdog_ms && last_ping + watchdog_ms < wake)
                wake = last_ping + watchdog_ms;
            timeout = wake > app.now ? (int)(wake - app.now) : 0;
        }
        SDL_Event ev;
        if (SDL_WaitEventTimeout(&ev, timeout)) {
            do {
                app.now = clock_mono_ms();
                app.wall = clock_wall_ms();
                if (watch && ev.type == watch_event) {
                    app.data_changes++; /* the file changed: screens read it again */
                    watch_seen(watch);
                } else if (ev.type == SDL_QUIT) {
                    app.quit = true; /* a signal (systemd stopping us) */
                } else if (ev.type == SDL_WINDOWEVENT &&
                           ev.window.event == SDL_WINDOWEVENT_CLOSE) {
                    /* no database, no PIN: a recovery without a backup
                     * is left by stopping the service */
                    if (app.store && !app_find(&app, &pin_screen_class))
                        app_push(&app, pin_screen_new(&app, _("Enter the facilitator PIN to "
                                                              "close Hearth."),
                                                      leave_after_pin, NULL));
                } else if (app.kiosk_mode && ev.type == SDL_WINDOWEVENT &&
                           (ev.window.event == SDL_WINDOWEVENT_MINIMIZED ||
                            ev.window.event == SDL_WINDOWEVENT_HIDDEN)) {
                    /* A window manager's Alt+Tab or a stray gesture hid the
                     * door: nothing else may show at a kiosk. */
                    keep_in_front(&app);
                } else {
                    app_handle_event(&app, &ev);
                }
            } while (!app.quit && SDL_PollEvent(&ev));
        }
        app.now = clock_mono_ms();
        app.wall = clock_wall_ms();
        app_update(&app);
        room_view_sync(&app, o, &choice, &room_at, &room_failed);
        if (app_draw(&app)) {
            if (benchlog_on(&bench.log))
                bench_presented(&bench, &app);
            if (!ready) {
                notify_ready();
                ready = true;
                if (manager)
                    go_fullscreen(&app);
                bench.settled = true;
            }
        }
        /* a chime asked for this turn starts once its frame is up */
        chime_pump(app.chime);
        if (ready && !checked) {
            checked = true;
            check_after_first_frame(&app, o->db_path);
        }
        if (ready && checked && app.store && !watch_tried) {
            /* after the first frame, like the publisher: the door is up
             * first; until then the screens poll */
            watch_tried = true;
            watch_event = SDL_RegisterEvents(1);
            if (watch_event != (uint32_t)-1)
                watch = watch_start(o->db_path, watch_event);
            app.data_watched = watch != NULL;
        }
        if (ready && checked && app.store && !publisher_tried) {
            publisher_tried = true;
            start_publisher(&app);
        }
        if (ready && app.store && app.now >= next_maintenance &&
            app_find(&app, &door_screen_class)) {
            maintain(&app);
            next_maintenance = app.now + MAINTENANCE_CHECK_MS;
        }
        if (watchdog_ms && app.now - last_ping >= watchdog_ms) {
            watchdog_ping();
            last_ping = app.now;
        }
    }
    status = app.exit_status;

out:
    benchlog_close(&bench.log);
    /* what it was sending when stopped is sent again next time */
    publisher_stop(app.publisher, 2000);
    watch_stop(watch);
    app_shutdown(&app);
    door_camera_source_free(app.camera);
    chime_close(app.chime);
    for (int i = 0; i < 2; i++) {
        if (app.views[i].renderer)
            SDL_DestroyRenderer(app.views[i].renderer);
        if (app.views[i].window)
            SDL_DestroyWindow(app.views[i].window);
    }
    TTF_Quit();
    SDL_Quit();
    store_close(app.store); /* the one opened here, or the one a recovery opened */
    return status;
}
