/* The door: the kiosk's home screen. People scan their pass (a USB scanner
 * types it, no field needs focus) or type the code printed beside it, see one of
 * three clearly different outcomes, and say how they feel on arrival. */
#include "core/catalog.h"
#include "core/clock.h"
#include "core/utf8.h"
#include "core/door.h"
#include "core/i18n.h"
#include "core/log.h"
#include "core/model.h"
#include "core/scanner.h"
#include "svc/answer.h"
#include "svc/checkin.h"
#include "svc/session.h"
#include "ui/chime.h"
#include "ui/door_camera.h"
#include "ui/draw.h"
#include "ui/rating.h"
#include "ui/screens.h"
#include "ui/textlog.h"
#include "ui/widget.h"

#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    ID_STAFF = 1,
    ID_LANG = 2,
    ID_TYPE = 3,    /* "Type my code": opens the keypad */
    ID_SKIP = 4,    /* skip the rating */
    ID_YES = 5,     /* yes, I would like a staff member */
    ID_NO = 6,
    ID_KEY_ERASE = 7,
    ID_KEY_CANCEL = 8,
    ID_KEY_OK = 9,
    ID_CAMERA = 10, /* "Use the camera" / "Stop the camera" */
    ID_HELP = 11,   /* "Talk to someone": always there */
    ID_KEY0 = 100,  /* + index into the code alphabet */
    ID_FACE0 = 200  /* + value - min */
};

/* The symbols of a short code (Crockford base32), in keypad order. */
static const char keypad[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
#define KEYPAD_KEYS 32
#define CODE_MAX DOOR_CODE_MAX
#define CODE_SYMBOLS DOOR_CODE_SYMBOLS
_Static_assert(PASS_CODE_SIZE == CODE_SYMBOLS + 3 + 1, "a short code is four groups of four");
#define NO_CHOICE DOOR_NO_CHOICE

typedef struct DoorScreen {
    Screen base;
    bool have_session;
    SessionInfo session;
    int count_in, count_out;
    uint64_t next_poll, seen_changes; /* app_data_due */
    int64_t seen_stamp; /* the database's change stamp load_session read at */
    int shown_minute;

    DoorFlow flow;           /* the state, deadlines, code and scanner (core/door.h) */
    CheckinResult result;
    char code_note[300];     /* why the code was refused, in words (code_note) */
    char problem[300];       /* storage trouble, in plain words */

    DoorCamera *cam;         /* NULL when the kiosk has no camera */
    char camera_note[200];   /* the camera failed: said in place of the instruction */

    /* What the main view showed last, for tests. */
    TextLog log;
    SDL_Rect icon_box;       /* where the outcome's icon is, or empty */
    int last_chime;          /* the ChimeKind the last outcome asked for, or -1 */
} DoorScreen;

static const Instrument *mood(App *app)
{
    return app->catalog ? catalog_instrument(app->catalog, "mood") : NULL;
}

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

/* Why the code was refused, in words, or "". */
static const char *code_note(DoorScreen *d)
{
    const DoorFlow *f = &d->flow;
    const char *why = "";
    switch (f->note) {
    case DOOR_NOTE_SHORT:
        snprintf(d->code_note, sizeof d->code_note,
                 P_("That is %d symbol; a code has %d. Please type the rest from your card.",
                    "That is %d symbols; a code has %d. Please type the rest from your card.",
                    f->note_count),
                 f->note_count, CODE_SYMBOLS);
        return d->code_note;
    case DOOR_NOTE_UNKNOWN:
        why = _("This code is not a pass of this group, or it was replaced. Check it "
                "against your card, or see a staff member.");
        break;
    case DOOR_NOTE_TYPO:
        why = _("One symbol does not match. Check each one against your card and fix "
                "the wrong one.");
        break;
    case DOOR_NOTE_LONG:
        why = _("That is more than 16 symbols. Please check it against your card.");
        break;
    case DOOR_NOTE_FOREIGN:
        why = _("Some symbols are not on the card. Please check it against your card.");
        break;
    default:
        break;
    }
    snprintf(d->code_note, sizeof d->code_note, "%s", why);
    return d->code_note;
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

/* --- layout -------------------------------------------------------------------------- */

typedef struct DoorLayout {
    SDL_Rect top, help, middle, bottom, staff, lang, type, camera;
    SDL_Rect banner, question, scale, skip, yes, no;
    SDL_Rect field, keys[KEYPAD_KEYS], erase, cancel, ok;
    TypeRole question_role; /* the rating's question: display, or title when short */
} DoorLayout;

static int line_h(App *app, const View *v, FontWeight w, float units)
{
    return fontset_line_height(app->fonts, w, app_text_px(app, v, units));
}

/* The time for a top bar of width w into now (the long form, or the time
 * alone on a narrow screen so the group's name has room); its width. */
static int top_time(const App *app, const View *v, int w, char *now, size_t n)
{
    ui_format_now(app, now, n);
    int tw = 0, th = 0;
    /* measured, not rendered: the long form may not be drawn at all */
    fontset_measure(app->fonts, FONT_REGULAR, type_px(app, v, TYPE_BODY), now, &tw, &th);
    if (tw > w / 2) {
        int h, m;
        clock_local_hm(app->wall, &h, &m);
        i18n_format_time(now, n, h, m);
        fontset_measure(app->fonts, FONT_REGULAR, type_px(app, v, TYPE_BODY), now, &tw, &th);
    }
    return tw;
}

typedef struct Outcome {
    SDL_Color color;
    IconFn icon;
    char headline[160];
    char detail[300];
} Outcome;
static void describe(App *app, const DoorScreen *d, Outcome *o);

/* The line that stands in the question's place for a moment after a digit
 * off the scale: which numbers there are. */
static void rating_hint(const Instrument *in, char *buf, size_t n)
{
    snprintf(buf, n, _("Please choose from %d to %d: tap a face, or type its number."), in->min,
             in->max);
}

/* The height the rating's question needs in role, wrapped at width. (The
 * hint that stands in its place for a moment takes a smaller role when it
 * needs more: the faces do not move.) */
static int question_height(App *app, const View *v, const Instrument *in, TypeRole role,
                           int width)
{
    TextStyle qs = type_style(app, v, role, app->theme.text, ALIGN_CENTER);
    return text_height(v->text, text_in(&in->prompt, i18n_lang()), &qs, width);
}

/* The height the small banner (draw_banner) needs for its headline and its
 * whole detail at width, and, in least, for its headline alone. */
static int banner_height(App *app, const View *v, const DoorScreen *d, int width, int *least)
{
    Outcome o;
    describe(app, d, &o);
    int gap = ui_gap(v);
    TextStyle hs = type_style(app, v, TYPE_TITLE, app->theme.text_on_state, ALIGN_LEFT);
    TextStyle ds = type_style(app, v, TYPE_BODY, app->theme.text_on_state, ALIGN_LEFT);
    ds.weight = FONT_REGULAR;
    int hh = fontset_line_height(app->fonts, FONT_BOLD, hs.px);
    *least = hh + gap * 2;
    /* the text's width beside the largest icon the banner draws */
    int text_w = width - gap * 2 - (int)(v->unit * 12) - gap * 2;
    int dh = text_height(v->text, o.detail, &ds, text_w > 1 ? text_w : 1);
    return hh + dh + gap * 2;
}

static void layout(App *app, const View *v, const DoorScreen *d, DoorLayout *l)
{
    memset(l, 0, sizeof *l);
    SDL_Rect area = view_area(v, 4);
    int bh = ui_button_h(app, v);
    int gap = ui_gap(v);
    bool portrait = v->h > v->w;
    /* The alert banner (the storage is full...) lies over the bottom of
     * the view: the door stands above it, so that Staff and the language
     * stay in reach while it shows. */
    SDL_Rect alert = app_alert_rect(app, v);
    if (alert.h > 0 && area.y + area.h > alert.y - gap)
        area.h = alert.y - gap - area.y;
    /* the top bar: the time and the group in the label role, and the
     * help button at least 9 mm */
    int top_h = type_line_h(app, v, TYPE_TITLE) + gap;
    if (top_h < widget_min_touch(v))
        top_h = widget_min_touch(v);
    {
        /* and as tall as "Talk to someone" needs, wrapped in its width */
        SDL_Rect bar = {area.x, area.y, area.w, top_h};
        int hh = widget_button_h(app, v, _("Talk to someone"), true,
                                 widget_help_width(app, v, bar));
        top_h = hh > top_h ? hh : top_h;
        /* and as the group's name needs beside the time */
        char now[160];
        int name_w = area.w - widget_help_width(app, v, bar) - gap;
        name_w -= top_time(app, v, name_w, now, sizeof now) + gap * 2;
        TextStyle gs = type_style(app, v, TYPE_LABEL, app->theme.text, ALIGN_LEFT);
        int nh = text_height(v->text, d->have_session ? d->session.group_name : "Hearth", &gs,
                             name_w > 1 ? name_w : 1);
        top_h = nh > top_h ? nh : top_h;
    }
    l->top = rect_cut_top(&area, top_h);
    /* "Talk to someone" at the top right, in every state: the card with
     * the staff request and the crisis lines is one tap away */
    l->help = rect_cut_right(&l->top, widget_help_width(app, v, l->top));
    rect_cut_right(&l->top, gap);
    /* a narrow screen with a camera: "type my code" and "use the camera"
     * get a row of their own above the language and staff buttons */
    bool two_rows = portrait;
    if (portrait && !d->cam) {
        /* one row when each label fits its share on one line */
        const char *other = i18n_lang_native_name(i18n_lang_index(i18n_lang_next(i18n_lang())));
        int side_w = area.w * 3 / 10, mid_w = area.w - 2 * (side_w + gap);
        two_rows = widget_button_w(app, v, other, true, 0) > side_w ||
                   widget_button_w(app, v, _("Staff"), true, 0) > side_w ||
                   widget_button_w(app, v, _("Type my code"), false, 0) > mid_w;
    }
    {
        /* each row as tall as its labels need at their widths (a label
         * wraps inside its button, never smaller, never cut) */
        const char *other = i18n_lang_native_name(i18n_lang_index(i18n_lang_next(i18n_lang())));
        int half = (area.w - gap) / 2;
        int side_w = two_rows ? half : portrait ? area.w * 3 / 10 : area.w / 4;
        int mid_w = two_rows ? (d->cam ? half : area.w) : area.w - 2 * (side_w + gap);
        if (d->cam && !two_rows)
            mid_w = (mid_w - gap) / 2;
        int need[5] = {widget_button_h(app, v, other, true, side_w),
                       widget_button_h(app, v, _("Staff"), true, side_w),
                       widget_button_h(app, v, _("Type my code"), false, mid_w),
                       d->cam ? widget_button_h(app, v, _("Use the camera"), true, mid_w) : 0,
                       d->cam ? widget_button_h(app, v, _("Stop the camera"), true, mid_w) : 0};
        for (int i = 0; i < 5; i++)
            bh = need[i] > bh ? need[i] : bh;
    }
    l->bottom = rect_cut_bottom(&area, two_rows ? bh * 2 + gap : bh);
    rect_cut_bottom(&area, gap);
    l->middle = area;
    SDL_Rect b = l->bottom;
    if (two_rows) {
        SDL_Rect upper = rect_cut_top(&b, bh);
        rect_cut_top(&b, gap);
        if (d->cam) {
            l->type = rect_col(upper, 2, 0, gap);
            l->camera = rect_col(upper, 2, 1, gap);
        } else {
            l->type = upper;
        }
        l->lang = rect_col(b, 2, 0, gap);
        l->staff = rect_col(b, 2, 1, gap);
    }
    int side = portrait ? b.w * 3 / 10 : b.w / 4;
    if (!two_rows) {
        l->lang = rect_cut_left(&b, side);
        l->staff = rect_cut_right(&b, side);
        rect_cut_left(&b, gap);
        rect_cut_right(&b, gap);
        l->type = b;
    }
    if (d->cam && !two_rows) {
        /* with a camera, "type my code" and "use the camera" share the row */
        l->type = rect_col(b, 2, 0, gap);
        l->camera = rect_col(b, 2, 1, gap);
    }

    const Instrument *in = mood(app);
    if (d->flow.state == DOOR_RATING && in) {
        SDL_Rect m = l->middle;
        /* The question takes the height its wrapped words need at its
         * role's size, never less: a cut question is no question. The
         * faces stay comfortable while the banner (headline and detail)
         * gives way, down to its headline; the faces take the rest. */
        int need = rating_comfortable_height(app, v, in, m.w);
        int least_b;
        int banner = banner_height(app, v, d, m.w, &least_b);
        int room = m.h - gap * 2 - need;
        /* the display role when it fits above the faces and the banner's
         * headline; else the question reflows into the title role (a
         * small screen at 150 %), whole, rather than cut */
        l->question_role = TYPE_DISPLAY;
        int question = question_height(app, v, in, TYPE_DISPLAY, m.w);
        if (least_b + question > room) {
            l->question_role = TYPE_TITLE;
            question = question_height(app, v, in, TYPE_TITLE, m.w);
        }
        if (portrait && least_b + question > room && m.h - least_b - gap < need) {
            /* a portrait screen too short for the column even beside the
             * question (an alert at 150 %): a row of faces */
            need = rating_row_height(app, v, in, m.w);
            room = m.h - gap * 2 - need;
        }
        if (least_b + question > room) {
            /* still short (a short landscape screen, an alert, a portrait
             * one at 150 %): the question stands beside the faces, whose
             * row (or column) keeps its comfortable size. On a landscape
             * screen the banner joins the question; on a portrait one it
             * keeps the width above them. */
            if (portrait) {
                int top = m.h - gap - need;
                banner = banner < top ? banner : top > least_b ? top : least_b;
                l->banner = rect_cut_top(&m, banner);
                rect_cut_top(&m, gap);
            }
            SDL_Rect left = rect_cut_left(&m, m.w * 2 / 5);
            rect_cut_left(&m, gap * 2);
            l->scale = m;
            l->question_role = TYPE_TITLE;
            if (!portrait) {
                int lb;
                banner = banner_height(app, v, d, left.w, &lb);
                question = question_height(app, v, in, TYPE_TITLE, left.w);
                if (banner + gap + question > left.h)
                    banner = lb;
                l->banner = rect_cut_top(&left, banner);
                rect_cut_top(&left, gap);
            }
            question = question_height(app, v, in, TYPE_TITLE, left.w);
            l->question = rect_cut_top(&left, question);
        } else {
            /* room to spare (a large screen): the outcome grows, up to a
             * quarter of the height */
            if (!portrait && banner < m.h / 4 && banner + question < room)
                banner = room - question < m.h / 4 ? room - question : m.h / 4;
            if (banner + question > room)
                banner = room - question > least_b ? room - question : least_b;
            l->banner = rect_cut_top(&m, banner);
            rect_cut_top(&m, gap);
            l->question = rect_cut_top(&m, question);
            rect_cut_top(&m, gap);
            l->scale = m;
            /* a portrait screen's faces take the rest, right under the
             * question: a column when it fits, else a row as large as
             * the width allows */
        }
        l->skip = l->type;
    } else if (d->flow.state == DOOR_ASK_STAFF) {
        SDL_Rect m = l->middle;
        l->question = rect_cut_top(&m, m.h * 3 / 5);
        rect_cut_top(&m, gap);
        SDL_Rect row = rect_center(m, m.w * (portrait ? 10 : 7) / 10, bh);
        l->no = rect_col(row, 2, 0, gap * 2);
        l->yes = rect_col(row, 2, 1, gap * 2);
    }
    if (d->flow.keypad_open) {
        /* the keypad takes the middle and the bottom row: its own actions
         * replace the language and staff buttons while it is open */
        SDL_Rect m = {l->middle.x, l->middle.y, l->middle.w,
                      l->bottom.y + l->bottom.h - l->middle.y};
        int rows = portrait ? 6 : 4, cols = portrait ? 6 : 8;
        int kgap = (int)fmaxf(3, v->unit * 1.0f);
        int min = widget_min_touch(v);
        /* the field is large enough to read the last symbols typed; on a
         * small screen with large text (or an alert) it gives way first,
         * then the action buttons, never the keys */
        int field = app_text_px(app, v, portrait ? 16.0f : 10.0f), actions_h = bh;
        int short_by = field + actions_h + gap * 2 + rows * min + kgap * (rows - 1) - m.h;
        if (short_by > 0) {
            int least = line_h(app, v, FONT_BOLD, 4.0f) + gap;
            field = field - short_by > least ? field - short_by : least;
            short_by = field + actions_h + gap * 2 + rows * min + kgap * (rows - 1) - m.h;
            if (short_by > 0)
                actions_h = actions_h - short_by > min ? actions_h - short_by : min;
            short_by = field + actions_h + gap * 2 + rows * min + kgap * (rows - 1) - m.h;
            if (short_by > 0 && !portrait) {
                /* still short (an alert at 150 %): the keys reflow into
                 * fewer, wider rows rather than under 9 mm */
                rows = 3;
                cols = (KEYPAD_KEYS + rows - 1) / rows;
            }
        }
        l->field = rect_cut_top(&m, field);
        rect_cut_top(&m, gap);
        SDL_Rect actions = rect_cut_bottom(&m, actions_h);
        rect_cut_bottom(&m, gap);
        int kw = (m.w - kgap * (cols - 1)) / cols;
        int kh = (m.h - kgap * (rows - 1)) / rows;
        if (kh < min)
            kh = min;
        if (kw > kh * 2)
            kw = kh * 2;
        int total_w = kw * cols + kgap * (cols - 1);
        int x0 = m.x + (m.w - total_w) / 2;
        for (int i = 0; i < KEYPAD_KEYS; i++)
            l->keys[i] = (SDL_Rect){x0 + (i % cols) * (kw + kgap), m.y + (i / cols) * (kh + kgap),
                                    kw, kh};
        l->erase = rect_col(actions, 3, 0, gap);
        l->cancel = rect_col(actions, 3, 1, gap);
        l->ok = rect_col(actions, 3, 2, gap);
    }
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
        go(app, d, mood(app) ? DOOR_RATING : DOOR_RESULT, mood(app) ? DOOR_RATING_MS : show);
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
    const Instrument *in = mood(app);
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
    const Instrument *in = mood(app);
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
    describe(app, d, &oc);
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

/* Enter or Tab ends a scan being typed: true when it did (and the scan was
 * handled), false when no scan was under way. */
static bool scan_ended(App *app, DoorScreen *d, const SDL_Event *ev)
{
    ScanEvent se = door_flow_enter(&d->flow, app->now);
    if (se.kind == SCAN_NONE)
        return false;
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
    const Instrument *in = mood(app);
    if (d->flow.state == DOOR_RATING && in && !app_focus_active(app)) {
        /* the arrows along the scale (left and right, or up and down when
         * the faces stand in a column) move the choice; the first press
         * chooses the middle */
        DoorLayout l;
        layout(app, app_main_view(app), d, &l);
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
        apply(app, d, door_flow_code_append(&d->flow, &keypad[id - ID_KEY0], 1));
    } else if (id >= ID_FACE0 && id < ID_FACE0 + 11) {
        const Instrument *in = mood(app);
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
            layout(app, &app->views[i], d, &l);
            app_invalidate_rect(app, &app->views[i], l.top);
        }
        load_session(app, d);
    }
}

static int door_targets(App *app, Screen *s, const View *v, Target *out, int max)
{
    DoorScreen *d = (DoorScreen *)s;
    DoorLayout l;
    layout(app, v, d, &l);
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
    if (d->flow.state == DOOR_RATING && mood(app)) {
        n += rating_targets(app, v, mood(app), l.scale, ID_FACE0, out + n, max - 5);
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

/* --- drawing ------------------------------------------------------------------------- */

static void draw_top(App *app, DoorScreen *d, View *v, TextLog *log, SDL_Rect top)
{
    const Theme *t = &app->theme;
    char now[160];
    TextStyle ts = {type_px(app, v, TYPE_BODY), FONT_REGULAR, t->text_muted, 0, ALIGN_RIGHT, TYPE_BODY};
    int tw = top_time(app, v, top.w, now, sizeof now), th = 0;
    text_size(v->text, now, &ts, NULL, &th);
    text_draw(v->text, now, &ts, top.x + top.w, top.y + (top.h - th) / 2);
    SDL_Rect name = top;
    name.w -= tw + ui_gap(v) * 2;
    /* the group's name in the label role: a top bar, not a headline */
    TextStyle gs = type_style(app, v, TYPE_LABEL, t->text, ALIGN_LEFT);
    const char *group = d->have_session ? d->session.group_name : "Hearth";
    text_draw_box(v->text, group, &gs, name);
}

/* What a person has typed: a cell per symbol in groups of four as on the
 * card, every symbol shown so they can check it against their card, empty
 * cells for what is still to come, and how many are left (or why the code
 * was refused, in the attention colour). Each symbol is drawn on its own,
 * so no texture or cache entry ever holds more than one. */
static void draw_code(App *app, View *v, TextLog *log, SDL_Rect box, const DoorFlow *flow,
                      const char *note)
{
    const Theme *t = &app->theme;
    char sym[CODE_MAX][5];
    int n = door_flow_code_symbols(flow, sym, CODE_MAX);
    int gap = ui_gap(v);
    char count[300];
    if (note && note[0])
        snprintf(count, sizeof count, "%s", note);
    else if (n < CODE_SYMBOLS)
        /* TRANSLATORS: 12 of the code's 16 symbols typed, 4 to go */
        snprintf(count, sizeof count, P_("%d of %d typed, %d more to go", "%d of %d typed, %d more to go",
                                         CODE_SYMBOLS - n),
                 n, CODE_SYMBOLS, CODE_SYMBOLS - n);
    else if (n == CODE_SYMBOLS)
        snprintf(count, sizeof count, "%s", _("All 16 typed: press Enter or Check in"));
    else
        snprintf(count, sizeof count, P_("%d symbol too many", "%d symbols too many",
                                         n - CODE_SYMBOLS),
                 n - CODE_SYMBOLS);
    TextStyle cs = {type_px(app, v, TYPE_BODY), FONT_REGULAR,
                    note && note[0] ? t->attention : t->text_muted, 0, ALIGN_CENTER, TYPE_BODY};
    if (note && note[0])
        cs.weight = FONT_BOLD;
    int clh = fontset_line_height(app->fonts, FONT_REGULAR, cs.px);
    SDL_Rect cap = rect_cut_top(&box, box.h >= clh * 3 ? clh : box.h / 3);
    rect_cut_top(&box, gap / 2);
    text_draw_box(v->text, count, &cs, cap);

    int cells = n > CODE_SYMBOLS ? n : CODE_SYMBOLS;
    int groups = (cells + 3) / 4;
    int cgap = gap / 3 > 2 ? gap / 3 : 2, ggap = gap;
    int cw = (box.w - cgap * (cells - groups) - ggap * (groups - 1)) / cells;
    int ch = box.h;
    if (ch > cw * 3 / 2)
        ch = cw * 3 / 2;
    if (cw > ch)
        cw = ch;
    int total = cw * cells + cgap * (cells - groups) + ggap * (groups - 1);
    int x = box.x + (box.w - total) / 2, y = box.y + (box.h - ch) / 2;
    TextStyle gs = type_style(app, v, TYPE_TITLE, t->text, ALIGN_CENTER);
    for (int i = 0; i < cells; i++) {
        SDL_Rect c = {x, y, cw, ch};
        if (i < n) {
            draw_round_rect(v->renderer, c, (float)cw * 0.2f, t->surface_hi);
            int gw, gh;
            text_size(v->text, sym[i], &gs, &gw, &gh);
            text_draw(v->text, sym[i], &gs, c.x + cw / 2, c.y + (ch - gh) / 2);
        } else {
            draw_round_frame(v->renderer, c, (float)cw * 0.2f, fmaxf(1, v->unit * 0.3f), t->line);
        }
        x += cw + ((i % 4 == 3) ? ggap : cgap);
    }
    sodium_memzero(sym, sizeof sym);
}

static void draw_welcome(App *app, DoorScreen *d, View *v, TextLog *log, SDL_Rect mid)
{
    const Theme *t = &app->theme;
    int gap = ui_gap(v);
    bool portrait = v->h > v->w;
    char count[128];
    const char *headline, *instruction, *privacy;
    if (!d->have_session) {
        headline = _("Welcome");
        instruction = _("No group session is open right now. A facilitator can open today's "
                        "session from the console.");
        privacy = _("Hearth stores no names.");
        count[0] = '\0';
    } else {
        headline = d->session.checkout ? _("Thank you for coming") : _("Welcome");
        instruction = d->session.checkout ? _("Scan your pass again to check out.")
                                          : _("Scan your pass, or type the code printed beside it.");
        privacy = d->session.anonymous
                      ? _("No names are stored. Your answers are not linked to you.")
                      : _("No names are stored. Your answers are linked only to your pass.");
        if (d->flow.note_until)
            instruction = d->camera_note;
        if (d->session.checkout)
            snprintf(count, sizeof count, P_("%d person checked out", "%d people checked out",
                                              d->count_out),
                     d->count_out);
        else if (d->count_in == 0)
            snprintf(count, sizeof count, "%s", _("No one has checked in yet"));
        else
            snprintf(count, sizeof count, P_("%d person checked in", "%d people checked in",
                                              d->count_in),
                     d->count_in);
    }

    /* The count and the privacy line sit at the bottom; the emblem, the
     * welcome and the instruction are centred in what is left above.
     * Every block is as tall as its words need at its role's size; on a
     * small screen with large text the emblem gives way first. */
    TextStyle ps = type_style(app, v, TYPE_BODY, t->text_muted, ALIGN_CENTER);
    SDL_Rect pbox = rect_cut_bottom(&mid, text_height(v->text, privacy, &ps, mid.w));
    text_draw_box(v->text, privacy, &ps, pbox);
    if (count[0]) {
        TextStyle cs = type_style(app, v, TYPE_LABEL, t->accent, ALIGN_CENTER);
        SDL_Rect cbox = rect_cut_bottom(&mid, text_height(v->text, count, &cs, mid.w));
        text_draw_box(v->text, count, &cs, cbox);
    }
    rect_cut_bottom(&mid, gap);

    TextStyle hs = type_style(app, v, TYPE_DISPLAY, t->text, ALIGN_CENTER);
    TextStyle is = type_style(app, v, TYPE_TITLE, t->text, ALIGN_CENTER);
    is.weight = FONT_REGULAR;
    int iw = mid.w - mid.w / 6;
    int hlh = text_height(v->text, headline, &hs, mid.w);
    int itext = d->flow.code[0] ? 0 : text_height(v->text, instruction, &is, iw);
    /* the typed code's row needs its count line and a row of cells */
    int icode = type_line_h(app, v, TYPE_BODY) * 3 + gap;
    int ih = itext > icode ? itext : icode;
    int emblem = (int)fminf((float)mid.h * 0.3f, (float)mid.w * 0.22f);
    if (portrait)
        emblem = (int)fminf((float)mid.w * 0.34f, (float)mid.h * 0.3f);
    int block = emblem + gap + hlh + gap + ih;
    if (block > mid.h) {
        /* large text on a small screen: the words matter, the emblem not */
        emblem = 0;
        block = hlh + gap + ih;
    }
    if (block < mid.h)
        rect_cut_top(&mid, (mid.h - block) / 2);

    /* A calm emblem: concentric rings, the hearth's glow. */
    SDL_Rect e = rect_cut_top(&mid, emblem ? emblem + gap : 0);
    float cx = (float)e.x + (float)e.w / 2, cy = (float)e.y + (float)emblem / 2;
    draw_circle(v->renderer, cx, cy, (float)emblem / 2, theme_mix(t->bg, t->accent, 0.18f));
    draw_circle(v->renderer, cx, cy, (float)emblem * 0.34f, theme_mix(t->bg, t->accent, 0.4f));
    if (emblem && d->have_session)
        draw_icon_qr(v->renderer, rect_center(e, (int)(emblem * 0.36f), (int)(emblem * 0.36f)),
                     t->text);
    else if (emblem)
        draw_circle(v->renderer, cx, cy, (float)emblem * 0.16f, t->accent);

    SDL_Rect hbox = rect_cut_top(&mid, hlh);
    text_draw_box(v->text, headline, &hs, hbox);
    rect_cut_top(&mid, gap);
    SDL_Rect ibox = rect_cut_top(&mid, ih);
    /* what a person types on a keyboard shows, masked, where the
     * instruction was (across the whole width: sixteen cells) */
    if (d->flow.code[0]) {
        draw_code(app, v, log, ibox, &d->flow, code_note(d));
    } else {
        ibox.x += ibox.w / 12;
        ibox.w -= ibox.w / 6;
        text_draw_box(v->text, instruction, &is, ibox);
    }
}

/* The camera mode: the preview, and what to do with the card. */
static void draw_camera(App *app, DoorScreen *d, View *v, TextLog *log, SDL_Rect mid)
{
    const Theme *t = &app->theme;
    int gap = ui_gap(v);
    bool portrait = v->h > v->w;
    SDL_Rect pic;
    if (portrait) {
        pic = rect_cut_top(&mid, mid.h * 3 / 5);
        rect_cut_top(&mid, gap * 2);
    } else {
        pic = rect_cut_left(&mid, mid.w * 11 / 20);
        rect_cut_left(&mid, gap * 3);
    }
    door_camera_draw(app, d->cam, v, pic);
    TextAlign align = portrait ? ALIGN_CENTER : ALIGN_LEFT;
    TextStyle hs = {type_px(app, v, TYPE_DISPLAY), FONT_BOLD, t->text, 0, align, TYPE_DISPLAY};
    TextStyle ps = {type_px(app, v, TYPE_BODY), FONT_REGULAR, t->text_muted, 0, align, TYPE_BODY};
    /* the two sentences as one block in the middle of what is left */
    int hlh = fontset_line_height(app->fonts, FONT_BOLD, hs.px) * (portrait ? 2 : 3);
    int plh = fontset_line_height(app->fonts, FONT_REGULAR, ps.px) * (portrait ? 2 : 3);
    int block = hlh + gap * 2 + plh;
    if (block < mid.h)
        mid = rect_center(mid, mid.w, block);
    SDL_Rect head = rect_cut_top(&mid, mid.h * hlh / block);
    rect_cut_top(&mid, gap * 2 < mid.h ? gap * 2 : 0);
    text_draw_box(v->text, _("Hold your pass up to the camera"), &hs, head);
    text_draw_box(v->text, _("The camera is on only while this shows. Nothing is recorded."),
                &ps, mid);
}


/* The three outcomes look, read and sound different: colour is never the
 * only cue. */
static void describe(App *app, const DoorScreen *d, Outcome *o)
{
    const Theme *t = &app->theme;
    const CheckinResult *r = &d->result;
    o->detail[0] = '\0';
    switch (r->outcome) {
    case CHECKIN_OK:
        o->color = t->ok;
        o->icon = draw_icon_check;
        snprintf(o->headline, sizeof o->headline, "%s",
                 r->checkout ? _("You're checked out") : _("You're checked in"));
        if (r->checkout)
            snprintf(o->detail, sizeof o->detail, "%s", _("Thank you for coming today."));
        else
            snprintf(o->detail, sizeof o->detail, _("Welcome to %s."), r->session.group_name);
        break;
    case CHECKIN_ALREADY: {
        /* warm, never a "stop": a heart, not a raised palm */
        o->color = t->info;
        o->icon = draw_icon_heart;
        char when[32] = "";
        if (r->earlier_ms) {
            int h, m;
            clock_local_hm(r->earlier_ms, &h, &m);
            i18n_format_time(when, sizeof when, h, m);
        }
        snprintf(o->headline, sizeof o->headline, "%s", _("Welcome back"));
        snprintf(o->detail, sizeof o->detail,
                 r->checkout ? _("You checked out at %s. See you next time.")
                             : _("You checked in at %s. Come on in."),
                 when);
        break;
    }
    case CHECKIN_ERROR:
        o->color = t->attention;
        o->icon = draw_icon_info;
        snprintf(o->headline, sizeof o->headline, "%s", _("We could not save that"));
        snprintf(o->detail, sizeof o->detail, "%s",
                 r->store == STORE_FULL
                     ? _("The storage is full. Please see a staff member; nothing saved "
                         "before is lost.")
                     : _("Please see a staff member."));
        break;
    default:
        o->color = t->attention;
        o->icon = draw_icon_info;
        snprintf(o->headline, sizeof o->headline, "%s", _("We couldn't recognize that"));
        if (r->outcome == CHECKIN_NOT_IN) {
            snprintf(o->headline, sizeof o->headline, "%s", _("Not checked in today"));
            snprintf(o->detail, sizeof o->detail, "%s",
                     _("This pass did not check in to this session, so there is nothing to "
                       "check out. If that is wrong, please see a staff member."));
        } else if (r->outcome == CHECKIN_NO_SESSION)
            snprintf(o->detail, sizeof o->detail, "%s",
                     _("No group is checking in right now. Please see a staff member."));
        else if (r->parse == PASS_TYPO)
            snprintf(o->detail, sizeof o->detail, "%s",
                     _("The code has a typing mistake. Please try again, or see a staff "
                       "member."));
        else
            snprintf(o->detail, sizeof o->detail, "%s", _("Please see a staff member."));
        break;
    }
}

/* The outcome: alone and big, or as a band above the question (the
 * headline and its detail, or the headline alone when the band is low). */
static void draw_banner(App *app, DoorScreen *d, View *v, TextLog *log, SDL_Rect box, bool big)
{
    const Theme *t = &app->theme;
    Outcome o;
    describe(app, d, &o);
    int gap = ui_gap(v);
    draw_round_rect(v->renderer, box, v->unit * (big ? 3 : 2), o.color);
    SDL_Rect in = rect_inset(box, big ? gap * 2 : gap);
    int icon = (int)fminf((float)in.h * (big ? 0.5f : 0.8f), v->unit * (big ? 22 : 12));
    SDL_Rect iconbox;
    if (big) {
        iconbox = rect_center(rect_cut_top(&in, icon), icon, icon);
        rect_cut_top(&in, gap);
    } else {
        iconbox = rect_center(rect_cut_left(&in, icon), icon, icon);
        rect_cut_left(&in, gap * 2);
    }
    draw_circle(v->renderer, (float)iconbox.x + (float)icon / 2, (float)iconbox.y + (float)icon / 2,
                (float)icon / 2, t->text_on_state);
    o.icon(v->renderer, rect_inset(iconbox, icon / 6), o.color);
    if (log)
        d->icon_box = iconbox;
    TextStyle hs = type_style(app, v, big ? TYPE_DISPLAY : TYPE_TITLE, t->text_on_state,
                              big ? ALIGN_CENTER : ALIGN_LEFT);
    TextStyle ds = type_style(app, v, big ? TYPE_TITLE : TYPE_BODY, t->text_on_state,
                              big ? ALIGN_CENTER : ALIGN_LEFT);
    ds.weight = FONT_REGULAR;
    int hmin = hs.px, dmin = ds.px;
    int hh = fontset_line_height(app->fonts, FONT_BOLD, hs.px);
    SDL_Rect head = in;
    if (big) {
        head = rect_cut_top(&in, hh);
    } else if (in.h >= fontset_line_height(app->fonts, FONT_BOLD, hmin) +
                           fontset_line_height(app->fonts, FONT_REGULAR, dmin)) {
        /* the headline and the detail as one block, centred in the band */
        int dw, dh;
        TextStyle wrapped = ds;
        wrapped.wrap = in.w;
        text_size(v->text, o.detail, &wrapped, &dw, &dh);
        if (hh > in.h * 3 / 5)
            hh = in.h * 3 / 5;
        if (dh > in.h - hh)
            dh = in.h - hh;
        rect_cut_top(&in, (in.h - hh - dh) / 2);
        head = rect_cut_top(&in, hh);
        in.h = dh;
    } else {
        in.h = 0; /* room for the headline only */
    }
    text_draw_box(v->text, o.headline, &hs, head);
    if (in.h > 0)
        text_draw_box(v->text, o.detail, &ds, in);
}

static void draw_keypad(App *app, DoorScreen *d, View *v, TextLog *log, const DoorLayout *l)
{
    const Theme *t = &app->theme;
    draw_round_rect(v->renderer, l->field, v->unit * 1.5f, t->surface);
    SDL_Rect in = rect_inset(l->field, ui_gap(v) / 2);
    if (d->flow.code[0]) {
        draw_code(app, v, log, in, &d->flow, code_note(d));
    } else {
        /* the field's hint in the code's display role when it fits the
         * field sized for the code, else a whole role down until it does
         * (title, body): whole, never cut */
        const char *hint = _("Type the code printed beside your QR code");
        static const TypeRole roles[] = {TYPE_DISPLAY, TYPE_TITLE, TYPE_BODY};
        TextStyle fs = type_style(app, v, TYPE_BODY, t->text_muted, ALIGN_CENTER);
        for (size_t r = 0; r < sizeof roles / sizeof roles[0]; r++) {
            fs = type_style(app, v, roles[r], t->text_muted, ALIGN_CENTER);
            fs.weight = FONT_BOLD;
            if (text_height(v->text, hint, &fs, in.w) <= in.h &&
                text_widest_word(v->text, hint, &fs) <= in.w)
                break;
        }
        text_draw_box(v->text, hint, &fs, in);
    }
    for (int i = 0; i < KEYPAD_KEYS; i++) {
        char label[2] = {keypad[i], 0};
        Target k = {ID_KEY0 + i, l->keys[i], false};
        widget_button(app, v, &k, label, BUTTON_SECONDARY, NULL);
    }
    Target er = {ID_KEY_ERASE, l->erase, false}, ca = {ID_KEY_CANCEL, l->cancel, false},
           ok = {ID_KEY_OK, l->ok, d->flow.code[0] == '\0'};
    widget_button(app, v, &er, _("Erase"), BUTTON_SECONDARY, draw_icon_erase);
    widget_button(app, v, &ca, _("Cancel"), BUTTON_QUIET, NULL);
    widget_button(app, v, &ok, d->session.checkout ? _("Check out") : _("Check in"),
                  BUTTON_PRIMARY, NULL);
}

static void door_draw(App *app, Screen *s, View *v)
{
    DoorScreen *d = (DoorScreen *)s;
    const Theme *t = &app->theme;
    bool main_view = v->role == VIEW_MAIN;
    TextLog *log = main_view ? &d->log : NULL;
    if (log) {
        textlog_clear(log);
        d->icon_box = (SDL_Rect){0, 0, 0, 0};
    }
    text_cache_set_screen_log(v->text, log);
    DoorLayout l;
    layout(app, v, d, &l);
    draw_top(app, d, v, log, l.top);
    if (main_view) {
        Target help = {ID_HELP, l.help, false};
        widget_help_button(app, v, &help);
    }
    if (d->flow.keypad_open && main_view) {
        draw_keypad(app, d, v, log, &l);
        return;
    }
    switch (d->flow.state) {
    case DOOR_RESULT:
        draw_banner(app, d, v, log, l.middle, true);
        break;
    case DOOR_RATING: {
        draw_banner(app, d, v, log, l.banner, false);
        const Instrument *in = mood(app);
        TextStyle qs = type_style(app, v, l.question_role, t->text, ALIGN_CENTER);
        char hint[200];
        const char *question = text_in(&in->prompt, i18n_lang());
        if (d->flow.hint_until) {
            /* a digit off the scale: which numbers there are, for a moment */
            rating_hint(in, hint, sizeof hint);
            question = hint;
            qs.color = t->accent;
            /* in the question's box, whole: a smaller role when it needs more */
            static const TypeRole smaller[] = {TYPE_DISPLAY, TYPE_TITLE, TYPE_BODY};
            for (size_t k = l.question_role == TYPE_DISPLAY ? 0 : 1; k < 3; k++) {
                qs = type_style(app, v, smaller[k], t->accent, ALIGN_CENTER);
                if (text_height(v->text, hint, &qs, l.question.w) <= l.question.h)
                    break;
            }
        }
        text_draw_box(v->text, question, &qs, l.question);
        rating_draw(app, v, in, l.scale, ID_FACE0, d->flow.selected, log);
        break;
    }
    case DOOR_THANKS: {
        TextStyle ts = {type_px(app, v, TYPE_DISPLAY), FONT_BOLD, t->ok, 0, ALIGN_CENTER, TYPE_DISPLAY};
        SDL_Rect m = l.middle;
        SDL_Rect head = rect_cut_top(&m, m.h * 3 / 5);
        text_draw_box(v->text, _("Thank you"), &ts, head);
        TextStyle ss = {type_px(app, v, TYPE_TITLE), FONT_REGULAR, t->text, 0, ALIGN_CENTER, TYPE_TITLE};
        text_draw_box(v->text,
                    d->result.checkout ? _("Take care until next time.")
                                       : _("Make yourself comfortable; the group starts soon."),
                    &ss, m);
        break;
    }
    case DOOR_ASK_STAFF: {
        TextStyle qs = type_style(app, v, TYPE_DISPLAY, t->text, ALIGN_CENTER);
        text_draw_box(v->text,
                    _("Thank you for telling us. Would you like a staff member to check in "
                      "with you today?"),
                    &qs, l.question);
        if (main_view) {
            Target no = {ID_NO, l.no, false}, yes = {ID_YES, l.yes, false};
            widget_button(app, v, &no, _("No, thank you"), BUTTON_SECONDARY, NULL);
            widget_button(app, v, &yes, _("Yes, please"), BUTTON_PRIMARY, NULL);
        }
        return;
    }
    default:
        if (d->flow.camera_on && main_view)
            draw_camera(app, d, v, log, l.middle);
        else
            draw_welcome(app, d, v, log, l.middle);
        break;
    }
    if (!main_view)
        return;
    if (d->flow.state == DOOR_RATING) {
        Target skip = {ID_SKIP, l.skip, false};
        widget_button(app, v, &skip, _("Skip"), BUTTON_QUIET, NULL);
    } else if (d->flow.state == DOOR_WELCOME && d->have_session) {
        Target type = {ID_TYPE, l.type, false};
        widget_button(app, v, &type, _("Type my code"), BUTTON_SECONDARY, NULL);
        if (d->cam) {
            Target cam = {ID_CAMERA, l.camera, false};
            widget_button(app, v, &cam, d->flow.camera_on ? _("Stop the camera") : _("Use the camera"),
                          d->flow.camera_on ? BUTTON_PRIMARY : BUTTON_SECONDARY, draw_icon_camera);
        }
    }
    Target lang = {ID_LANG, l.lang, false};
    /* The button names the language it switches to, in that language. */
    const char *other = i18n_lang_native_name(i18n_lang_index(i18n_lang_next(i18n_lang())));
    widget_button(app, v, &lang, other, BUTTON_QUIET, draw_icon_globe);
    Target staff = {ID_STAFF, l.staff, false};
    widget_button(app, v, &staff, _("Staff"), BUTTON_QUIET, draw_icon_lock);
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
    .draw = door_draw,
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
