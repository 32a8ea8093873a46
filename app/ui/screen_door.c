/* The door: the kiosk's home screen. People scan their pass (a USB scanner
 * types it, no field needs focus) or type the code printed beside it, see one of
 * three clearly different outcomes, and say how they feel on arrival.
 *
 * This file holds the screen's state, its events and checking in (the
 * flow itself is core/door.c's); door_view.c lays the door out and draws
 * it. */
#include "ui/door_view.h"

#include "core/catalog.h"
#include "core/door.h"
#include "core/i18n.h"
#include "core/log.h"
#include "core/scanner.h"
#include "core/utf8.h"
#include "svc/answer.h"
#include "svc/checkin.h"
#include "svc/session.h"
#include "ui/chime.h"
#include "ui/rating.h"
#include "ui/screens.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void chime(App *app, DoorScreen *d, ChimeKind k)
{
    d->last_chime = (int)k;
    if (!app->settings.mute)
        chime_play(app->chime, k, app->settings.volume);
}

static void load_session(App *app, DoorScreen *d)
{
    SessionInfo info;
    bool had = d->have_session;
    char old_id[sizeof info.id];
    snprintf(old_id, sizeof old_id, "%s", d->session.id);
    bool old_checkout = d->session.checkout;
    StoreResult r = session_current(app->store, &info);
    d->have_session = r == STORE_OK;
    if (d->have_session) {
        /* a group renamed or made pseudonymous shows at once: the welcome
         * says whether answers are linked to a pass */
        if (strcmp(info.group_name, d->session.group_name) != 0 ||
            info.anonymous != d->session.anonymous)
            app_invalidate(app);
        d->session = info;
        int in = session_count(app->store, info.id, CHECKIN_IN);
        int out = session_count(app->store, info.id, CHECKIN_OUT);
        if (in != d->count_in || out != d->count_out)
            app_invalidate(app);
        d->count_in = in < 0 ? 0 : in;
        d->count_out = out < 0 ? 0 : out;
        /* people waiting for a staff member: the quiet sign on every screen */
        StaffRequest req[8];
        int waiting = session_requests_open(app->store, info.id, req, 8);
        if (waiting >= 0 && waiting != app->help_waiting) {
            app->help_waiting = waiting;
            app_invalidate(app);
        }
    } else {
        memset(&d->session, 0, sizeof d->session);
        app->help_waiting = 0;
    }
    if (had != d->have_session || strcmp(old_id, d->session.id) != 0 ||
        old_checkout != d->session.checkout)
        app_targets_changed(app);
}

/* load_session when the database changed since it last read it, by this
 * kiosk or another process (the command line, a second kiosk's merge): the
 * idle door's poll is then one cheap statement instead of three queries. */
static void poll_session(App *app, DoorScreen *d)
{
    int64_t stamp = store_change_stamp(app->store);
    if (stamp >= 0 && stamp == d->seen_stamp)
        return;
    d->seen_stamp = stamp;
    load_session(app, d);
}

/* Back to the kiosk's language (the settings' default) for the next
 * person. */
static void default_language(App *app)
{
    if (strcmp(i18n_lang(), app->settings.lang) != 0) {
        i18n_set_lang(app->settings.lang);
        app_targets_changed(app);
    }
}

static void cycle_language(App *app)
{
    i18n_set_lang(i18n_lang_next(i18n_lang()));
    app_targets_changed(app);
}

/* The door shows another language than the kiosk's own. */
static bool other_language(App *app) { return strcmp(i18n_lang(), app->settings.lang) != 0; }

/* Carries out what the flow asked for (core/door.h's DoorDo bits). */
static void apply(App *app, DoorScreen *d, int todo)
{
    if (todo & DOOR_DO_CAMERA_STOP)
        door_camera_stop(d->cam);
    if (todo & DOOR_DO_LANGUAGE_RESET)
        default_language(app);
    if (todo & DOOR_DO_TARGETS)
        app_targets_changed(app);
    if (todo & DOOR_DO_REDRAW)
        app_invalidate(app);
    uint64_t next = door_flow_next_deadline(&d->flow, other_language(app));
    if (next)
        app_wake_at(app, next);
}

static void go(App *app, DoorScreen *d, DoorState st, uint64_t for_ms)
{
    apply(app, d, door_flow_go(&d->flow, st, for_ms, app->now));
}

static void camera_off(App *app, DoorScreen *d)
{
    if (!d->flow.camera_on)
        return;
    door_camera_stop(d->cam);
    apply(app, d, door_flow_camera_stopped(&d->flow));
}

/* The scanner's timing from the settings (which the console may change). */
static void scanner_setup(App *app, DoorScreen *d)
{
    door_flow_set_timing(&d->flow, (uint32_t)app->settings.scanner_gap_ms,
                         (uint32_t)app->settings.scanner_silence_ms);
}

/* Closes the keypad and drops what a person typed or a scanner sent,
 * wiped (core/door.h); the scanner starts afresh with the settings'
 * timing. */
static void close_keypad(App *app, DoorScreen *d)
{
    door_flow_keypad_close(&d->flow);
    scanner_setup(app, d);
}

static void door_enter(App *app, Screen *s)
{
    DoorScreen *d = (DoorScreen *)s;
    scanner_setup(app, d);
    load_session(app, d);
    d->seen_changes = app->data_changes;
    d->next_poll = app->now + (app->data_watched ? APP_WATCHED_POLL_MS : APP_POLL_MS);
    app_wake_at(app, d->next_poll);
}

/* --- checking in ---------------------------------------------------------------- */

static void submit(App *app, DoorScreen *d, const char *text, size_t len)
{
    camera_off(app, d);
    CheckinOutcome o = checkin_submit(app->store, text, len, app->wall, &d->result);
    /* text may be the scanner's: wiped only now that it has been read */
    close_keypad(app, d);
    app->checkins_answered++;
    uint64_t show = (uint64_t)app->settings.result_seconds * 1000;
    d->problem[0] = '\0';
    switch (o) {
    case CHECKIN_OK:
        chime(app, d, CHIME_OK);
        app_set_alert(app, NULL);
        load_session(app, d);
        /* the outcome and the question together; the question waits a
         * little longer than an outcome alone */
        go(app, d, door_mood(app) ? DOOR_RATING : DOOR_RESULT, door_mood(app) ? DOOR_RATING_MS : show);
        break;
    case CHECKIN_ALREADY:
        chime(app, d, CHIME_WELCOME);
        go(app, d, DOOR_RESULT, show);
        break;
    case CHECKIN_ERROR:
        /* Storage trouble: say it plainly, refuse rather than pretend. */
        snprintf(d->problem, sizeof d->problem, "%s", store_error(app->store));
        app_set_alert(app, d->result.store == STORE_FULL
                               ? _("The storage is full: check-ins cannot be saved. Staff must "
                                   "free space on this device.")
                               : store_error(app->store));
        log_error("check-in not saved: %s", store_error(app->store));
        chime(app, d, CHIME_NOTICE);
        go(app, d, DOOR_RESULT, show);
        break;
    default:
        chime(app, d, CHIME_NOTICE);
        go(app, d, DOOR_RESULT, show);
        break;
    }
}

static void answer(App *app, DoorScreen *d, int value)
{
    const Instrument *in = door_mood(app);
    if (d->flow.state != DOOR_RATING || !in)
        return;
    if (value < in->min || value > in->max) {
        apply(app, d, door_flow_off_scale(&d->flow, app->now));
        return;
    }
    Answer a = {.session = &d->result.session,
                .instrument = in->id,
                .phase = d->result.checkout ? PHASE_CHECKOUT : PHASE_ARRIVAL,
                .value = value,
                .pass = &d->result.pass};
    /* Committed before the thank-you shows. Whether it is linked to the
     * pass is answer_give's business, not the door's. */
    StoreResult r = answer_give(app->store, &a, app->wall, NULL);
    if (r != STORE_OK) {
        snprintf(d->problem, sizeof d->problem, "%s", store_error(app->store));
        app_set_alert(app, r == STORE_FULL ? _("The storage is full: answers cannot be saved. "
                                               "Staff must free space on this device.")
                                           : store_error(app->store));
        go(app, d, DOOR_RESULT, (uint64_t)app->settings.result_seconds * 1000);
        d->result.outcome = CHECKIN_ERROR;
        return;
    }
    /* the instrument's file says which answers offer a staff member (by
     * default the lowest two moods) */
    apply(app, d, door_flow_answered(&d->flow, value, in->offer_help, app->now));
}

static void ask_staff(App *app, DoorScreen *d, bool yes)
{
    go(app, d, DOOR_WELCOME, 0);
    /* the card stores the request (svc/answer.c decides what is kept)
     * and says plainly what happens next, with the crisis lines beside it */
    if (yes)
        app_push(app, help_screen_new(app, true, &d->result.pass));
}

/* --- typing and scanning ------------------------------------------------------ */

/* A character a person typed on a keyboard at the door: a digit picks a
 * face while the question shows; anything else is part of their code. */
static void door_type(App *app, DoorScreen *d, const char *ch, size_t n)
{
    const Instrument *in = door_mood(app);
    apply(app, d,
          door_flow_type(&d->flow, ch, n, in != NULL, in ? in->min : 0, in ? in->max : 0,
                         app->now));
}

/* The code typed or tapped, checked: a short one is refused for being
 * short, and a code that reads wrong stays on the keypad so that only the
 * wrong symbol needs fixing. */
static void submit_code(App *app, DoorScreen *d)
{
    DoorCodeCheck check = door_flow_code_check(&d->flow, app->now);
    if (check == DOOR_CODE_EMPTY)
        return;
    if (check == DOOR_CODE_SHORT) {
        chime(app, d, CHIME_NOTICE);
        apply(app, d, DOOR_DO_REDRAW);
        return;
    }
    char code[CODE_MAX + 1];
    memcpy(code, d->flow.code, sizeof code);
    submit(app, d, code, strlen(code));
    CheckinOutcome o = d->result.outcome;
    if (o == CHECKIN_MALFORMED || o == CHECKIN_UNKNOWN)
        /* kept, on the keypad, with what is wrong in plain words */
        apply(app, d,
              door_flow_code_refused(&d->flow, code, o == CHECKIN_UNKNOWN,
                                     d->result.parse == PASS_TYPO, app->now));
    sodium_memzero(code, sizeof code);
}

/* What the person on top of the door should see of the door's outcome:
 * staff are using the screen, so it shows as a note over theirs. */
static void scan_covered(App *app, DoorScreen *d, const char *text, size_t len)
{
    Screen *top = app_top(app);
    if (top && top->cls->scan && top->cls->scan(app, top, text, len))
        return;
    CheckinOutcome o = checkin_submit(app->store, text, len, app->wall, &d->result);
    app->checkins_answered++;
    Outcome oc;
    door_view_describe(app, d, &oc);
    char line[sizeof app->toast];
    /* TRANSLATORS: the door's outcome shown over a staff screen: "You're
     * checked in. Welcome to DBT Skills." */
    snprintf(line, sizeof line, _("%s. %s"), oc.headline, oc.detail);
    bool good = o == CHECKIN_OK || o == CHECKIN_ALREADY;
    app_toast(app, line, good, 6000);
    chime(app, d, o == CHECKIN_OK ? CHIME_OK : good ? CHIME_WELCOME : CHIME_NOTICE);
    if (o == CHECKIN_ERROR)
        app_set_alert(app, d->result.store == STORE_FULL
                               ? _("The storage is full: check-ins cannot be saved. Staff must "
                                   "free space on this device.")
                               : store_error(app->store));
    else if (o == CHECKIN_OK)
        app_set_alert(app, NULL);
    load_session(app, d);
}

/* Hands a person's typed characters text[from, len) on, one at a time: to
 * the door's code, or to the screen on top as the keys it would have had. */
static void hand_on(App *app, DoorScreen *d, const char *text, size_t from, size_t len)
{
    bool covered = app_top(app) != &d->base;
    for (size_t i = from; i < len;) {
        size_t n = 1;
        while (i + n < len && ((unsigned char)text[i + n] & 0xC0) == 0x80)
            n++;
        if (covered) {
            SDL_Event ev;
            memset(&ev, 0, sizeof ev);
            ev.type = SDL_TEXTINPUT;
            memcpy(ev.text.text, text + i, n);
            app_dispatch_event(app, &ev);
            sodium_memzero(&ev, sizeof ev);
        } else {
            door_type(app, d, text + i, n);
        }
        i += n;
    }
}

/* What the scanner made of the keys (core/door.h decides): a scan
 * (checked in, whichever screen is on top), or a person's typing handed on
 * to whoever takes it. key is the Enter or Tab that ended it, when one
 * did. */
static void on_scan(App *app, DoorScreen *d, const ScanEvent *ev, const SDL_Event *key)
{
    bool covered = app_top(app) != &d->base;
    /* copied aside: handing it on may wipe the scanner's text */
    char text[SCANNER_MAX_LEN + 1];
    size_t len = ev->len < SCANNER_MAX_LEN ? ev->len : SCANNER_MAX_LEN;
    memcpy(text, ev->text, len);
    text[len] = '\0';
    DoorScanStep step = door_flow_scan(&d->flow, ev);
    /* taken on the silence, before its Enter came: that Enter is still on
     * its way (scan_ended) */
    if (step.act == DOOR_SCAN_CHECKIN && !key)
        d->silent_scan_ms = app->now ? app->now : 1;
    if (step.act == DOOR_SCAN_CHECKIN) {
        if (covered)
            scan_covered(app, d, text, len);
        else
            submit(app, d, text, len);
    } else {
        if (step.hand_to > step.hand_from)
            hand_on(app, d, text, step.hand_from, step.hand_to);
        if (step.act == DOOR_SCAN_ENTER) {
            if (covered) {
                SDL_Event enter;
                memset(&enter, 0, sizeof enter);
                enter.type = SDL_KEYDOWN;
                enter.key.keysym.sym = SDLK_RETURN;
                app_dispatch_event(app, key ? key : &enter);
            } else if (door_flow_enter_answers(&d->flow)) {
                answer(app, d, d->flow.selected);
            } else {
                submit_code(app, d);
            }
        }
    }
    sodium_memzero(text, sizeof text);
}

/* Keys into the scanner assembler, as UTF-8 text, all at app->now. */
static void feed_text(App *app, DoorScreen *d, const char *text)
{
    const char *p = text;
    while (*p) {
        uint32_t cp;
        if (!utf8_next(&p, &cp)) {
            cp = 0xFFFD; /* a byte that is not UTF-8: no symbol of a code */
            p++;
        }
        ScanEvent se = door_flow_key(&d->flow, cp, app->now);
        on_scan(app, d, &se, NULL);
    }
}

/* What the camera read goes exactly where a scanner's burst goes: its keys
 * through the scanner assembler, then Enter, then check-in. */
static void camera_read(App *app, DoorScreen *d, const char *payload)
{
    feed_text(app, d, payload);
    ScanEvent se = door_flow_enter(&d->flow, app->now);
    on_scan(app, d, &se, NULL);
}

/* Backspace: a person's last character goes, wherever it was typed (a
 * scan's keys are not theirs to erase). Returns true when the door took it;
 * false hands it to the screen on top, which erases its own. */
static bool backspace(App *app, DoorScreen *d)
{
    bool covered = app_top(app) != &d->base;
    ScanEvent se = door_flow_scanner_tick(&d->flow, app->now);
    on_scan(app, d, &se, NULL);
    DoorBackspace b = door_flow_backspace(&d->flow, app->now, covered);
    if (b == DOOR_BS_ERASED)
        app_targets_changed(app);
    return b != DOOR_BS_PASS;
}

static bool is_enter(SDL_Keycode k) { return k == SDLK_RETURN || k == SDLK_KP_ENTER; }

/* Every key typed goes to the scanner's assembler, on the door or under
 * another screen. */
static bool typed(App *app, DoorScreen *d, const char *text)
{
    feed_text(app, d, text);
    app_wake_at(app, scanner_next_deadline(&d->flow.scanner));
    return true;
}

/* How long after a scan taken on its silence its own Enter may still come. */
#define LATE_SCAN_END_MS 1000

/* Enter or Tab ends a scan being typed: true when it did (and the scan was
 * handled), false when no scan was under way. */
static bool scan_ended(App *app, DoorScreen *d, const SDL_Event *ev)
{
    ScanEvent se = door_flow_enter(&d->flow, app->now);
    if (se.kind == SCAN_NONE) {
        /* The Enter or Tab of a scan already taken on its silence (a
         * Bluetooth scanner, a loaded machine) is the scan's own: it ends
         * nothing, and never says yes to what the scan put up ("Revoke
         * pass P-7Q3K?"). */
        bool late = d->silent_scan_ms && app->now - d->silent_scan_ms < LATE_SCAN_END_MS;
        d->silent_scan_ms = 0;
        return late;
    }
    d->silent_scan_ms = 0;
    on_scan(app, d, &se, ev);
    return true;
}

/* Under every other screen: the door reads the keyboard first, so that a
 * scanner's burst checks the person in whatever staff have open, and is
 * never typed into a PIN or a name. A person's keys go on to the screen on
 * top once it is clear they are no scan (a few tens of ms). */
static bool door_under_event(App *app, Screen *s, const SDL_Event *ev)
{
    DoorScreen *d = (DoorScreen *)s;
    if (!app->store)
        return false;
    if (ev->type == SDL_TEXTINPUT)
        return typed(app, d, ev->text.text);
    if (ev->type != SDL_KEYDOWN)
        return false;
    SDL_Keycode k = ev->key.keysym.sym;
    if (is_enter(k) || k == SDLK_TAB)
        return scan_ended(app, d, ev);
    if (k == SDLK_BACKSPACE)
        return backspace(app, d);
    /* the key presses of a scan are no shortcuts on the screen on top */
    bool plain = !(ev->key.keysym.mod & (KMOD_CTRL | KMOD_ALT | KMOD_GUI));
    return door_flow_in_burst(&d->flow) && plain && k >= 0x20 && k < 0x7F;
}

static bool door_event(App *app, Screen *s, const SDL_Event *ev)
{
    DoorScreen *d = (DoorScreen *)s;
    if (ev->type == SDL_TEXTINPUT || ev->type == SDL_KEYDOWN || ev->type == SDL_FINGERDOWN ||
        ev->type == SDL_MOUSEBUTTONDOWN)
        door_flow_input(&d->flow, app->now);
    if (ev->type == SDL_TEXTINPUT)
        return typed(app, d, ev->text.text); /* no field needs focus */
    if (ev->type != SDL_KEYDOWN)
        return false;
    SDL_Keycode k = ev->key.keysym.sym;
    if (is_enter(k) || k == SDLK_TAB) {
        /* Enter on a focused button, unless a scan is being typed: a
         * scanner's Enter always ends its scan */
        if (k != SDLK_TAB && app_focus_active(app) && !d->flow.code[0] &&
            !door_flow_scanning(&d->flow))
            return false;
        if (scan_ended(app, d, ev))
            return true;
        if (k == SDLK_TAB)
            return false; /* Tab alone moves the focus */
        /* Enter alone: the face chosen with a digit or the arrows, or the
         * code typed; with neither, nothing */
        if (door_flow_enter_answers(&d->flow))
            answer(app, d, d->flow.selected);
        else
            submit_code(app, d);
        return true;
    }
    if (k == SDLK_BACKSPACE)
        return backspace(app, d);
    if (k == SDLK_ESCAPE) {
        /* Esc closes the keypad or the camera, or skips the question; it
         * never leaves. */
        apply(app, d, door_flow_escape(&d->flow, app->now));
        return true;
    }
    const Instrument *in = door_mood(app);
    if (d->flow.state == DOOR_RATING && in && !app_focus_active(app)) {
        /* the arrows along the scale (left and right, or up and down when
         * the faces stand in a column) move the choice; the first press
         * chooses the middle */
        DoorLayout l;
        door_view_layout(app, app_main_view(app), d, &l);
        int step = rating_arrow_step(app, app_main_view(app), in, l.scale, k);
        if (step) {
            apply(app, d, door_flow_arrow(&d->flow, step, in->min, in->max));
            return true;
        }
    }
    return false;
}

static void door_activate(App *app, Screen *s, int id)
{
    DoorScreen *d = (DoorScreen *)s;
    if (id == ID_STAFF) {
        screens_open_console(app);
    } else if (id == ID_HELP) {
        app_push(app, help_screen_new(app, false, NULL));
    } else if (id == ID_LANG) {
        cycle_language(app);
    } else if (id == ID_CAMERA) {
        if (d->flow.camera_on) {
            camera_off(app, d);
        } else if (door_camera_start(app, d->cam)) {
            door_flow_camera_started(&d->flow, app->now);
            scanner_setup(app, d);
            apply(app, d, DOOR_DO_TARGETS);
        }
    } else if (id == ID_TYPE) {
        camera_off(app, d);
        apply(app, d, door_flow_keypad_open(&d->flow, app->now));
    } else if (id == ID_SKIP) {
        go(app, d, DOOR_WELCOME, 0);
    } else if (id == ID_YES || id == ID_NO) {
        ask_staff(app, d, id == ID_YES);
    } else if (id == ID_KEY_ERASE) {
        apply(app, d, door_flow_code_erase(&d->flow));
    } else if (id == ID_KEY_CANCEL) {
        apply(app, d, door_flow_keypad_close(&d->flow));
        scanner_setup(app, d);
    } else if (id == ID_KEY_OK) {
        submit_code(app, d);
    } else if (id >= ID_KEY0 && id < ID_KEY0 + KEYPAD_KEYS) {
        apply(app, d, door_flow_code_append(&d->flow, &KEYPAD[id - ID_KEY0], 1));
    } else if (id >= ID_FACE0 && id < ID_FACE0 + 11) {
        const Instrument *in = door_mood(app);
        if (in)
            answer(app, d, in->min + id - ID_FACE0);
    }
}

/* The camera's frames and reads; its deadlines are the flow's. */
static void camera_update(App *app, DoorScreen *d)
{
    if (!d->flow.camera_on)
        return;
    char text[320];
    DoorCameraEvent e = door_camera_poll(app, d->cam, text, sizeof text);
    if (e == DOORCAM_READ) {
        camera_read(app, d, text);
    } else if (e == DOORCAM_FAILED) {
        camera_off(app, d);
        snprintf(d->camera_note, sizeof d->camera_note, "%s",
                 _("The camera is not working. Please scan your pass or type your code."));
        door_flow_camera_failed(&d->flow, app->now);
    } else if (e == DOORCAM_FRAME) {
        app_invalidate(app);
    }
    sodium_memzero(text, sizeof text);
}

static void door_update(App *app, Screen *s)
{
    DoorScreen *d = (DoorScreen *)s;
    if (!app->store)
        return;
    /* covered or not, the scanner's time runs: a scan ended by silence
     * checks in under a staff screen too */
    ScanEvent se = door_flow_scanner_tick(&d->flow, app->now);
    on_scan(app, d, &se, NULL);
    uint64_t sd = scanner_next_deadline(&d->flow.scanner);
    if (sd)
        app_wake_at(app, sd);
    if (app_top(app) != s) {
        if (app_data_due(app, &d->seen_changes, &d->next_poll))
            poll_session(app, d); /* the quiet sign for staff stays true */
        return;
    }
    camera_update(app, d);
    /* the turn's end, the hint, a keypad left alone, the camera's time and
     * the language's: core/door.c */
    apply(app, d, door_flow_tick(&d->flow, app->now, other_language(app)));
    /* A session opened or closed by the command line, or a check-in made by
     * another process, shows as soon as the watcher sees the file change
     * (within two seconds without one). The poll is one cheap statement;
     * the CPU stays idle between. */
    if (app_data_due(app, &d->seen_changes, &d->next_poll))
        poll_session(app, d);
    /* the clock in the top band turns at the minute */
    app_wake_at(app, app->now + (uint64_t)(60000 - app->wall % 60000));
    int minute = (int)(app->wall / 60000);
    if (minute != d->shown_minute) {
        /* the clock in the top band: that band alone is drawn again (a
         * session that changed with the date redraws the whole) */
        d->shown_minute = minute;
        for (int i = 0; i < app->nviews; i++) {
            DoorLayout l;
            door_view_layout(app, &app->views[i], d, &l);
            app_invalidate_rect(app, &app->views[i], l.top);
        }
        load_session(app, d);
    }
}

static int door_targets(App *app, Screen *s, const View *v, Target *out, int max)
{
    DoorScreen *d = (DoorScreen *)s;
    DoorLayout l;
    door_view_layout(app, v, d, &l);
    int n = 0;
    out[n++] = (Target){ID_HELP, l.help, false};
    if (d->flow.keypad_open) {
        for (int i = 0; i < KEYPAD_KEYS && n < max - 3; i++)
            out[n++] = (Target){ID_KEY0 + i, l.keys[i], false};
        out[n++] = (Target){ID_KEY_ERASE, l.erase, false};
        out[n++] = (Target){ID_KEY_CANCEL, l.cancel, false};
        out[n++] = (Target){ID_KEY_OK, l.ok, d->flow.code[0] == '\0'};
        return n;
    }
    if (d->flow.state == DOOR_RATING && door_mood(app)) {
        n += rating_targets(app, v, door_mood(app), l.scale, ID_FACE0, out + n, max - 5);
        out[n++] = (Target){ID_SKIP, l.skip, false};
    } else if (d->flow.state == DOOR_ASK_STAFF) {
        out[n++] = (Target){ID_NO, l.no, false};
        out[n++] = (Target){ID_YES, l.yes, false};
        return n;
    } else if (d->flow.state == DOOR_WELCOME && d->have_session) {
        out[n++] = (Target){ID_TYPE, l.type, false};
        if (d->cam)
            out[n++] = (Target){ID_CAMERA, l.camera, false};
    }
    out[n++] = (Target){ID_LANG, l.lang, false};
    out[n++] = (Target){ID_STAFF, l.staff, false};
    return n;
}

static void door_leave(App *app, Screen *s)
{
    /* covered by the PIN pad or the console: the camera goes off, and a
     * half-typed code goes (the door reads the keyboard afresh for the
     * screen on top) */
    DoorScreen *d = (DoorScreen *)s;
    camera_off(app, d);
    close_keypad(app, d);
}

static void door_destroy(App *app, Screen *s)
{
    (void)app;
    DoorScreen *d = (DoorScreen *)s;
    door_camera_free(d->cam);
    scanner_clear(&d->flow.scanner);
    sodium_memzero(d, sizeof *d);
    free(d);
}

const ScreenClass door_screen_class = {
    .name = "door",
    .enter = door_enter,
    .leave = door_leave,
    .event = door_event,
    .activate = door_activate,
    .update = door_update,
    .targets = door_targets,
    .draw = door_view_draw,
    .destroy = door_destroy,
    .under_event = door_under_event,
};

Screen *door_screen_new(App *app)
{
    DoorScreen *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    d->base.cls = &door_screen_class;
    d->shown_minute = -1;
    d->last_chime = -1;
    door_flow_init(&d->flow, (uint32_t)app->settings.scanner_gap_ms,
                   (uint32_t)app->settings.scanner_silence_ms);
    d->cam = door_camera_new(app);
    return &d->base;
}

/* Which state the door is in, for tests: "welcome", "result", ... */
const char *door_state_name(const Screen *s)
{
    static const char *const names[] = {"welcome", "result", "rating", "thanks", "ask_staff"};
    const DoorScreen *d = (const DoorScreen *)s;
    return s->cls == &door_screen_class ? names[d->flow.state] : "";
}

int door_last_outcome(const Screen *s)
{
    const DoorScreen *d = (const DoorScreen *)s;
    return s->cls == &door_screen_class ? (int)d->result.outcome : -1;
}

bool door_camera_on(const Screen *s)
{
    const DoorScreen *d = (const DoorScreen *)s;
    return s->cls == &door_screen_class && d->flow.camera_on;
}

bool door_keypad_open(const Screen *s)
{
    const DoorScreen *d = (const DoorScreen *)s;
    return s->cls == &door_screen_class && d->flow.keypad_open;
}

const TextLog *door_screen_texts(const Screen *s)
{
    hearth_expect(s->cls == &door_screen_class);
    return &((const DoorScreen *)s)->log;
}

bool door_outcome_icon(const Screen *s, SDL_Rect *box)
{
    hearth_expect(s->cls == &door_screen_class);
    const DoorScreen *d = (const DoorScreen *)s;
    *box = d->icon_box;
    return d->icon_box.w > 0;
}

int door_last_chime(const Screen *s)
{
    hearth_expect(s->cls == &door_screen_class);
    return ((const DoorScreen *)s)->last_chime;
}

int door_selected(const Screen *s)
{
    hearth_expect(s->cls == &door_screen_class);
    return ((const DoorScreen *)s)->flow.selected;
}

bool door_holds(const Screen *s, const char *bytes)
{
    hearth_expect(s->cls == &door_screen_class);
    size_t n = strlen(bytes);
    const unsigned char *p = (const unsigned char *)s;
    size_t size = sizeof(DoorScreen);
    for (size_t i = 0; n && i + n <= size; i++)
        if (memcmp(p + i, bytes, n) == 0)
            return true;
    return false;
}
