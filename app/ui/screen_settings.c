/* Settings in the console: what a facilitator may change, each applied at
 * once and written to the settings file (core/config) as it changes.
 *
 * One source of truth per setting: everything here lives in the INI file
 * (app->config_path). The database's settings table holds only the PIN's
 * state (svc/gate), which no one edits by hand. A change reads the file
 * afresh, changes one field and writes it back atomically, so an edit made
 * to the file meanwhile is kept, and an override given on the command line
 * (--mute, --lang) is never written into it. */
#include "core/config.h"
#include "core/i18n.h"
#include "svc/configfile.h"
#include "ui/chime.h"
#include "ui/console.h"
#include "ui/draw.h"
#include "ui/screens.h"
#include "ui/widget.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    ID_BACK = 1,
    ID_UP = 2,
    ID_DOWN = 3,
    ID_TAB0 = 10,  /* + section */
    ID_ROW0 = 100  /* + row * 10 + option (a choice) or 0 minus, 1 plus (a stepper) */
};

#define MAX_OPTIONS 6
#define ROWS_PER_SECTION 3

typedef enum RowKind { ROW_CHOICE, ROW_STEPPER } RowKind;

/* One setting on screen. A choice has a few options, each a button; a
 * stepper moves through a list of stops with minus and plus. */
typedef struct Row {
    int section;
    const char *key; /* for the audit trail: "text_size" */
    const char *label, *hint; /* N_() */
    RowKind kind;
    /* a choice */
    int (*count)(void);
    void (*option)(int i, char *out, size_t n);
    int (*current)(const Settings *s); /* the option shown as chosen, -1 none */
    void (*choose)(Settings *s, int i);
    /* a stepper: stops in order, smallest first */
    const int *stops;
    int nstops;
    int (*get)(const Settings *s);
    void (*set)(Settings *s, int v);
    void (*show)(int v, char *out, size_t n);
    int (*rank)(int v); /* order of a value among the stops (NULL: itself) */
} Row;

/* --- the settings ------------------------------------------------------------- */

static const char *const section_names[] = {
    N_("Language and text"),
    /* sound and movement: what a sensitive person may want calmer */
    N_("Sound and motion"),
    N_("Privacy"),
    N_("Door and screens"),
};
#define NSECTIONS 4

static int two(void) { return 2; }
static int three(void) { return 3; }
static void off_on(int i, char *out, size_t n) { snprintf(out, n, "%s", i ? _("On") : _("Off")); }

static void lang_option(int i, char *out, size_t n)
{
    /* each language named in itself, as on the door's button */
    snprintf(out, n, "%s", i18n_lang_native_name(i));
}
static int lang_count(void) { return I18N_LANG_COUNT; }
static int lang_current(const Settings *s)
{
    int i = i18n_lang_index(s->lang);
    return i < 0 ? 0 : i;
}
static void lang_choose(Settings *s, int i)
{
    snprintf(s->lang, sizeof s->lang, "%s", i18n_lang_code(i));
}

static const int text_sizes[] = {100, 125, 150};
static void size_option(int i, char *out, size_t n) { i18n_format_percent(out, n, text_sizes[i]); }
static int size_current(const Settings *s)
{
    for (int i = 0; i < 3; i++)
        if (s->text_scale == text_sizes[i])
            return i;
    return -1;
}
static void size_choose(Settings *s, int i) { s->text_scale = text_sizes[i]; }

static int motion_current(const Settings *s) { return s->reduced_motion ? 1 : 0; }
static void motion_choose(Settings *s, int i) { s->reduced_motion = i == 1; }

static int contrast_current(const Settings *s) { return s->high_contrast ? 1 : 0; }
static void contrast_choose(Settings *s, int i) { s->high_contrast = i == 1; }

static int chimes_current(const Settings *s) { return s->mute ? 0 : 1; }
static void chimes_choose(Settings *s, int i) { s->mute = i == 0; }

static const int volumes[] = {0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100};
static int volume_get(const Settings *s) { return s->volume; }
static void volume_set(Settings *s, int v) { s->volume = v; }
static void percent_show(int v, char *out, size_t n) { i18n_format_percent(out, n, v); }

/* never below three, so that no one answer can be singled out */
static const int min_cells[] = {3, 4, 5, 6, 7, 8, 10, 11, 12, 15, 20};
static int cell_get(const Settings *s) { return s->min_cell; }
static void cell_set(Settings *s, int v) { s->min_cell = v; }
static void cell_show(int v, char *out, size_t n)
{
    snprintf(out, n, P_("%d answer", "%d answers", v), v);
}

/* 0 keeps everything, which is longer than any number of months */
static const int retentions[] = {3, 6, 12, 18, 24, 36, 48, 60, 84, 120, 0};
static int retention_get(const Settings *s) { return s->retention_months; }
static void retention_set(Settings *s, int v) { s->retention_months = v; }
static int retention_rank(int v) { return v == 0 ? INT_MAX : v; }
static void retention_show(int v, char *out, size_t n)
{
    if (v == 0)
        snprintf(out, n, "%s", _("Keep everything"));
    else
        snprintf(out, n, P_("%d month", "%d months", v), v);
}

static const int result_times[] = {3, 4, 5, 6, 8, 10, 12, 15, 20, 30};
static int result_get(const Settings *s) { return s->result_seconds; }
static void result_set(Settings *s, int v) { s->result_seconds = v; }
static void seconds_show(int v, char *out, size_t n)
{
    snprintf(out, n, P_("%d second", "%d seconds", v), v);
}

/* Scanner timing as two presets a facilitator can judge: what a USB
 * scanner needs, and room for a slower Bluetooth one. Other values come
 * only from the file and are shown as neither. */
static const int scanner_gap[] = {40, 100}, scanner_silence[] = {120, 300};
static void scanner_option(int i, char *out, size_t n)
{
    /* TRANSLATORS: the door's scanner timing; never "patient", which in a
     * clinic reads as a person */
    snprintf(out, n, "%s", i ? _("Slow scanner") : _("Fast scanner"));
}
static int scanner_current(const Settings *s)
{
    for (int i = 0; i < 2; i++)
        if (s->scanner_gap_ms == scanner_gap[i] && s->scanner_silence_ms == scanner_silence[i])
            return i;
    return -1;
}
static void scanner_choose(Settings *s, int i)
{
    s->scanner_gap_ms = scanner_gap[i];
    s->scanner_silence_ms = scanner_silence[i];
}

/* The room's display: "auto" (a second screen shows the room's view),
 * "single" (this screen only), or the number of the screen for the room
 * when more than two are connected. */
static int display_count(void)
{
    int n = SDL_GetNumVideoDisplays();
    /* automatic, this screen only, then screens 2, 3... when more than two */
    return n > 2 ? (n + 1 > MAX_OPTIONS ? MAX_OPTIONS : n + 1) : 2;
}
static void display_option(int i, char *out, size_t n)
{
    if (i == 0)
        snprintf(out, n, "%s", _("Automatic"));
    else if (i == 1)
        snprintf(out, n, "%s", _("This screen only"));
    else
        snprintf(out, n, _("Screen %d"), i);
}
static int display_current(const Settings *s)
{
    if (!strcmp(s->display, "auto"))
        return 0;
    if (!strcmp(s->display, "single"))
        return 1;
    int k = atoi(s->display);
    return k >= 2 && k < display_count() && display_count() > 2 ? k : -1;
}
static void display_choose(Settings *s, int i)
{
    if (i == 0)
        snprintf(s->display, sizeof s->display, "auto");
    else if (i == 1)
        snprintf(s->display, sizeof s->display, "single");
    else
        snprintf(s->display, sizeof s->display, "%d", i);
}

#define NSTOPS(a) (int)(sizeof a / sizeof a[0])

static const Row rows[] = {
    {0, "language", N_("Language at the door"),
     N_("People can still switch at the door."),
     ROW_CHOICE, lang_count, lang_option, lang_current, lang_choose, NULL, 0, NULL, NULL, NULL, NULL},
    {0, "text_size", N_("Text size"), N_("Every screen, for reading from further away."),
     ROW_CHOICE, three, size_option, size_current, size_choose, NULL, 0, NULL, NULL, NULL, NULL},
    {0, "high_contrast", N_("High contrast"),
     N_("White on black, outlined buttons and a thicker focus ring."), ROW_CHOICE, two, off_on,
     contrast_current, contrast_choose, NULL, 0, NULL, NULL, NULL, NULL},
    {1, "chimes", N_("Chimes"), N_("Soft tones when someone checks in and when an exercise moves on."),
     ROW_CHOICE, two, off_on, chimes_current, chimes_choose, NULL, 0, NULL, NULL, NULL, NULL},
    {1, "volume", N_("Volume"), N_("A chime plays at the new volume."), ROW_STEPPER, NULL, NULL,
     NULL, NULL, volumes, NSTOPS(volumes), volume_get, volume_set, percent_show, NULL},
    {1, "reduced_motion", N_("Reduced motion"),
     N_("The breathing pacer steps instead of gliding."), ROW_CHOICE, two, off_on,
     motion_current, motion_choose, NULL, 0, NULL, NULL, NULL, NULL},
    {2, "min_cell", N_("Smallest group result shown"),
     N_("A group's result appears only from this many answers, never fewer than three."),
     ROW_STEPPER, NULL, NULL, NULL, NULL, min_cells, NSTOPS(min_cells), cell_get, cell_set,
     cell_show, NULL},
    {2, "retention_months", N_("Keep answers for"),
     N_("Older answers are deleted for good."), ROW_STEPPER, NULL, NULL, NULL, NULL, retentions,
     NSTOPS(retentions), retention_get, retention_set, retention_show, retention_rank},
    {3, "result_seconds", N_("Door shows each outcome for"), NULL, ROW_STEPPER, NULL, NULL, NULL,
     NULL, result_times, NSTOPS(result_times), result_get, result_set, seconds_show, NULL},
    {3, "scanner", N_("Scanner"),
     N_("Choose Slow scanner when scans arrive cut in two or are not recognized (often a "
        "Bluetooth scanner)."),
     ROW_CHOICE, two,
     scanner_option, scanner_current, scanner_choose, NULL, 0, NULL, NULL, NULL, NULL},
    {3, "display", N_("Room screen"),
     N_("Automatic: a second screen, when connected, shows the exercises to the room."),
     ROW_CHOICE, display_count, display_option, display_current, display_choose, NULL, 0, NULL,
     NULL, NULL, NULL},
};
#define NROWS (int)(sizeof rows / sizeof rows[0])

/* --- the stepper's arithmetic ---------------------------------------------------- */

static int rank_of(const Row *r, int v) { return r->rank ? r->rank(v) : v; }

/* The next stop above (dir 1) or below (-1) the value, or the value itself
 * when there is none; a value from the file between stops moves to the
 * nearest one in that direction. */
static int step_value(const Row *r, int v, int dir)
{
    int rv = rank_of(r, v);
    if (dir > 0) {
        for (int i = 0; i < r->nstops; i++)
            if (rank_of(r, r->stops[i]) > rv)
                return r->stops[i];
    } else {
        for (int i = r->nstops - 1; i >= 0; i--)
            if (rank_of(r, r->stops[i]) < rv)
                return r->stops[i];
    }
    return v;
}

/* --- the screen ----------------------------------------------------------------- */

typedef struct SettingsScreen {
    Screen base;
    int section;
    ScrollList list; /* the section's rows, by whole rows */
    char message[600];
    bool message_is_problem;
} SettingsScreen;

/* The rows of a section, in order; returns how many. */
static int section_rows(int section, int out[ROWS_PER_SECTION])
{
    int n = 0;
    for (int i = 0; i < NROWS && n < ROWS_PER_SECTION; i++)
        if (rows[i].section == section)
            out[n++] = i;
    return n;
}

static void say(SettingsScreen *st, bool problem, const char *text)
{
    snprintf(st->message, sizeof st->message, "%s", text);
    st->message_is_problem = problem;
}

static void sample_chime(App *app)
{
    if (app->settings.mute)
        return;
    if (!app->chime)
        app->chime = chime_open(); /* the kiosk started muted */
    chime_play(app->chime, CHIME_OK, app->settings.volume);
}

/* Takes the changed field from "changed" into the app and does what it
 * takes for it to show at once. */
static void apply(App *app, const Row *r, const Settings *changed)
{
    Settings *s = &app->settings;
    if (!strcmp(r->key, "language")) {
        snprintf(s->lang, sizeof s->lang, "%s", changed->lang);
        i18n_set_lang(s->lang);
    } else if (!strcmp(r->key, "text_size")) {
        s->text_scale = changed->text_scale;
    } else if (!strcmp(r->key, "reduced_motion")) {
        s->reduced_motion = changed->reduced_motion;
    } else if (!strcmp(r->key, "high_contrast")) {
        s->high_contrast = changed->high_contrast;
        theme_for(&app->theme, s->high_contrast);
    } else if (!strcmp(r->key, "chimes")) {
        s->mute = changed->mute;
        sample_chime(app);
    } else if (!strcmp(r->key, "volume")) {
        s->volume = changed->volume;
        sample_chime(app);
    } else if (!strcmp(r->key, "min_cell")) {
        s->min_cell = changed->min_cell;
    } else if (!strcmp(r->key, "retention_months")) {
        s->retention_months = changed->retention_months;
    } else if (!strcmp(r->key, "result_seconds")) {
        s->result_seconds = changed->result_seconds;
    } else if (!strcmp(r->key, "scanner")) {
        /* the door sets its scanner up again when it comes back on top */
        s->scanner_gap_ms = changed->scanner_gap_ms;
        s->scanner_silence_ms = changed->scanner_silence_ms;
    } else if (!strcmp(r->key, "display")) {
        /* the kiosk opens or closes the room's window on its next turn */
        snprintf(s->display, sizeof s->display, "%s", changed->display);
    }
    app_targets_changed(app);
}

/* "text_size=150": what the audit trail keeps of a change. */
static void audit_detail(const Row *r, const Settings *s, char *out, size_t n)
{
    if (r->kind == ROW_STEPPER)
        snprintf(out, n, "%s=%d", r->key, r->get(s));
    else if (!strcmp(r->key, "language"))
        snprintf(out, n, "%s=%s", r->key, s->lang);
    else if (!strcmp(r->key, "text_size"))
        snprintf(out, n, "%s=%d", r->key, s->text_scale);
    else if (!strcmp(r->key, "reduced_motion"))
        snprintf(out, n, "%s=%s", r->key, s->reduced_motion ? "on" : "off");
    else if (!strcmp(r->key, "high_contrast"))
        snprintf(out, n, "%s=%s", r->key, s->high_contrast ? "on" : "off");
    else if (!strcmp(r->key, "chimes"))
        snprintf(out, n, "%s=%s", r->key, s->mute ? "off" : "on");
    else if (!strcmp(r->key, "scanner"))
        snprintf(out, n, "%s=%d/%d", r->key, s->scanner_gap_ms, s->scanner_silence_ms);
    else
        snprintf(out, n, "%s=%s", r->key, s->display);
}

/* One change: the file read afresh, the field changed and sanitized, the
 * file written, the app updated. */
static void change(App *app, SettingsScreen *st, const Row *r, int choice, int dir)
{
    Settings file;
    bool read = app->config_path[0] && config_load(app->config_path, &file, NULL, 0);
    if (!read) {
        /* the file cannot be read: change the running kiosk only, rather
         * than overwrite a file we could not read */
        file = app->settings;
    }
    if (r->kind == ROW_CHOICE)
        r->choose(&file, choice);
    else
        r->set(&file, step_value(r, r->get(&app->settings), dir));
    settings_sanitize(&file);
    apply(app, r, &file);

    char err[600];
    if (!read) {
        say(st, true,
            app->config_path[0]
                ? _("The settings file cannot be read, so this change lasts until Hearth "
                    "restarts.")
                : _("There is no settings file, so this change lasts until Hearth restarts."));
        return;
    }
    if (!configfile_save(app->config_path, &file, app->store ? store_path(app->store) : NULL,
                         err, sizeof err)) {
        char msg[700];
        snprintf(msg, sizeof msg, _("%s This change lasts until Hearth restarts."), err);
        say(st, true, msg);
        return;
    }
    char detail[96];
    audit_detail(r, &file, detail, sizeof detail);
    store_audit(app->store, app->wall, "settings.change", detail);
    say(st, false, _("Saved. Hearth uses it now and after a restart."));
}

static void st_activate(App *app, Screen *s, int id)
{
    SettingsScreen *st = (SettingsScreen *)s;
    if (id == ID_BACK) {
        app_pop(app);
        return;
    }
    if (id == ID_UP || id == ID_DOWN) {
        if (scroll_page(&st->list, id == ID_UP ? -1 : 1))
            app_targets_changed(app);
        return;
    }
    if (id >= ID_TAB0 && id < ID_TAB0 + NSECTIONS) {
        st->section = id - ID_TAB0;
        st->list.first = 0;
        st->message[0] = '\0';
        app_targets_changed(app);
        return;
    }
    int row = (id - ID_ROW0) / 10, k = (id - ID_ROW0) % 10;
    if (id < ID_ROW0 || row >= NROWS || rows[row].section != st->section)
        return;
    const Row *r = &rows[row];
    if (r->kind == ROW_CHOICE && k < r->count() && k != r->current(&app->settings))
        change(app, st, r, k, 0);
    else if (r->kind == ROW_STEPPER && k <= 1 &&
             step_value(r, r->get(&app->settings), k ? 1 : -1) != r->get(&app->settings))
        change(app, st, r, 0, k ? 1 : -1);
}

static bool st_event(App *app, Screen *s, const SDL_Event *ev)
{
    (void)s;
    if (ev->type == SDL_KEYDOWN && ev->key.keysym.sym == SDLK_ESCAPE) {
        app_pop(app);
        return true;
    }
    return false;
}

/* --- layout ------------------------------------------------------------------------ */

typedef struct RowLayout {
    SDL_Rect box, label, hint, control;
    SDL_Rect options[MAX_OPTIONS]; /* a choice's buttons */
    SDL_Rect minus, value, plus;   /* a stepper */
} RowLayout;

typedef struct StLayout {
    SDL_Rect tabs[NSECTIONS];
    RowLayout row[ROWS_PER_SECTION];
    int rows[ROWS_PER_SECTION], nrows;
    SDL_Rect up, down; /* the rows' arrows, when they do not all fit */
    SDL_Rect message;
} StLayout;

/* How many of a choice's options share a row at width w: all of them
 * when each option's longest word fits its share (with the chosen mark's
 * room, whichever is chosen), else fewer, in rows; never a word sticking
 * out. */
static int choice_cols(const App *app, const View *v, const Row *r, int w)
{
    int gap = ui_gap(v), n = r->count();
    n = n < MAX_OPTIONS ? n : MAX_OPTIONS;
    for (int cols = n; cols > 1; cols--) {
        int ow = (w - gap * (cols - 1)) / cols;
        bool fits = true;
        for (int i = 0; i < n && fits; i++) {
            char label[64];
            r->option(i, label, sizeof label);
            fits = widget_button_w(app, v, label, true, ow) <= ow;
        }
        if (fits)
            return cols;
    }
    return 1;
}

/* The height of a choice's or stepper's buttons sharing width w: a
 * choice's rows (choice_cols), each as tall as its tallest label. */
static int control_h(const App *app, const View *v, const Row *r, int w)
{
    int gap = ui_gap(v), h = ui_button_h(app, v);
    if (r->kind != ROW_CHOICE)
        return h;
    int n = r->count(), cols = choice_cols(app, v, r, w);
    int ow = (w - gap * (cols - 1)) / cols;
    for (int i = 0; i < n && i < MAX_OPTIONS; i++) {
        char label[64];
        r->option(i, label, sizeof label);
        int bh = widget_button_h(app, v, label, true, ow);
        h = bh > h ? bh : h;
    }
    int lines = (n + cols - 1) / cols;
    return h * lines + gap * (lines - 1);
}

/* The words' height (the label, then its hint) at width w. */
static int words_h(const App *app, const View *v, const Row *r, int w)
{
    TextStyle ls = type_style(app, v, TYPE_LABEL, app->theme.text, ALIGN_LEFT);
    TextStyle hs = type_style(app, v, TYPE_BODY, app->theme.text, ALIGN_LEFT);
    int h = text_height(v->text, _(r->label), &ls, w);
    if (r->hint)
        h += text_height(v->text, _(r->hint), &hs, w);
    return h;
}

/* True when r reads beside its control (the words in two fifths, each
 * option's longest word in its share of the rest, at most two lines)
 * and that is no taller than the words above the control. */
static bool row_side_by_side(const App *app, const View *v, const Row *r, int w)
{
    int gap = ui_gap(v), ww = w * 2 / 5;
    int cw = w - ww - gap * 2;
    if (r->kind == ROW_CHOICE && choice_cols(app, v, r, cw) < r->count())
        return false;
    int h = control_h(app, v, r, cw);
    if (h > ui_button_h(app, v) + type_line_h(app, v, TYPE_LABEL))
        return false;
    int side = words_h(app, v, r, ww);
    side = side > h ? side : h;
    int full = control_h(app, v, r, w);
    int stacked = words_h(app, v, r, w) + gap / 2 + full;
    return side <= stacked;
}

/* A row's height at width w: its words and its control, side by side or
 * stacked, whole. */
static int row_h(const App *app, const View *v, const Row *r, int w)
{
    int gap = ui_gap(v);
    if (row_side_by_side(app, v, r, w)) {
        int ww = w * 2 / 5, cw = w - ww - gap * 2;
        int a = words_h(app, v, r, ww), b = control_h(app, v, r, cw);
        return a > b ? a : b;
    }
    return words_h(app, v, r, w) + gap / 2 + control_h(app, v, r, w);
}

static void layout_row(App *app, const View *v, const Row *r, SDL_Rect box, RowLayout *l)
{
    int gap = ui_gap(v);
    memset(l, 0, sizeof *l);
    l->box = box;
    SDL_Rect words;
    if (row_side_by_side(app, v, r, box.w)) {
        words = rect_cut_left(&box, box.w * 2 / 5);
        rect_cut_left(&box, gap * 2);
        int ch = control_h(app, v, r, box.w);
        l->control = rect_center(box, box.w, ch);
        int wh = words_h(app, v, r, words.w);
        words = rect_center(words, words.w, wh < words.h ? wh : words.h);
    } else {
        l->control = rect_cut_bottom(&box, control_h(app, v, r, box.w));
        rect_cut_bottom(&box, gap / 2);
        words = box;
    }
    TextStyle ls = type_style(app, v, TYPE_LABEL, app->theme.text, ALIGN_LEFT);
    l->label = rect_cut_top(&words, text_height(v->text, _(r->label), &ls, words.w));
    if (r->hint)
        l->hint = words;
    SDL_Rect c = l->control;
    if (r->kind == ROW_CHOICE) {
        int n = r->count(), cols = choice_cols(app, v, r, c.w);
        int lines = (n + cols - 1) / cols;
        for (int i = 0; i < n && i < MAX_OPTIONS; i++)
            l->options[i] = rect_col(rect_row(c, lines, i / cols, gap), cols, i % cols, gap);
    } else {
        int bh = ui_button_h(app, v);
        int side = bh < c.w / 3 ? bh : c.w / 3;
        l->minus = rect_cut_left(&c, side);
        l->plus = rect_cut_right(&c, side);
        l->value = rect_inset(c, gap / 2);
    }
}

static void layout(App *app, const View *v, SettingsScreen *st, StLayout *l)
{
    memset(l, 0, sizeof *l);
    SDL_Rect area = view_area(v, 3);
    rect_cut_top(&area, ui_header_back_rect(v).h + ui_gap(v) * 2);
    int gap = ui_gap(v), bh = ui_button_h(app, v);
    bool portrait = v->h > v->w;
    l->message = rect_cut_bottom(&area, fontset_line_height(app->fonts, FONT_BOLD,
                                                            app_text_px(app, v, 3.4f)) * 2);
    rect_cut_bottom(&area, gap);
    if (portrait) {
        /* the sections as a two-by-two grid of tabs above the rows */
        /* each row of two as tall as its wrapped names need */
        const char *names[NSECTIONS];
        for (int i = 0; i < NSECTIONS; i++)
            names[i] = _(section_names[i]);
        for (int r = 0; r < NSECTIONS / 2; r++) {
            SDL_Rect row = rect_cut_top(&area, widget_row_h(app, v, names + r * 2, 2, area.w, gap));
            rect_cut_top(&area, gap);
            l->tabs[r * 2] = rect_col(row, 2, 0, gap);
            l->tabs[r * 2 + 1] = rect_col(row, 2, 1, gap);
        }
        rect_cut_top(&area, gap * 2);
    } else {
        /* the sections down the left, the rows to the right; every tab
         * as tall as the most lines a name takes in the rail */
        SDL_Rect rail = rect_cut_left(&area, area.w * 27 / 100);
        rect_cut_left(&area, gap * 3);
        int th = (rail.h - gap * (NSECTIONS - 1)) / NSECTIONS;
        if (th > bh * 3 / 2)
            th = bh * 3 / 2;
        for (int i = 0; i < NSECTIONS; i++) {
            int need = widget_button_h(app, v, _(section_names[i]), false, rail.w);
            th = need > th ? need : th;
        }
        for (int i = 0; i < NSECTIONS; i++)
            l->tabs[i] = (SDL_Rect){rail.x, rail.y + i * (th + gap), rail.w, th};
    }
    l->nrows = section_rows(st->section, l->rows);
    /* each row as tall as its words and control; rows that do not all
     * fit scroll by whole rows */
    int arrow_w = widget_min_touch(v), heights[ROWS_PER_SECTION], total = -gap * 2;
    for (int i = 0; i < l->nrows; i++) {
        heights[i] = row_h(app, v, &rows[l->rows[i]], area.w);
        total += heights[i] + gap * 2;
    }
    if (total > area.h)
        for (int i = 0; i < l->nrows; i++)
            heights[i] = row_h(app, v, &rows[l->rows[i]], area.w - arrow_w - gap);
    SDL_Rect out[ROWS_PER_SECTION];
    scroll_layout(&st->list, heights, l->nrows, area, gap * 2, arrow_w, out, &l->up, &l->down);
    for (int k = 0; k < st->list.shown; k++) {
        int i = st->list.first + k;
        layout_row(app, v, &rows[l->rows[i]], out[k], &l->row[i]);
    }
}

static int st_targets(App *app, Screen *s, const View *v, Target *out, int max)
{
    SettingsScreen *st = (SettingsScreen *)s;
    StLayout l;
    layout(app, v, st, &l);
    int n = 0;
    out[n++] = (Target){ID_BACK, ui_header_back_rect(v), false};
    for (int i = 0; i < NSECTIONS; i++)
        out[n++] = (Target){ID_TAB0 + i, l.tabs[i], false};
    if (l.up.w) {
        out[n++] = (Target){ID_UP, l.up, st->list.first == 0};
        out[n++] = (Target){ID_DOWN, l.down, st->list.first + st->list.shown >= st->list.count};
    }
    for (int i = 0; i < l.nrows && n < max - MAX_OPTIONS; i++) {
        if (!l.row[i].box.w)
            continue; /* scrolled away */
        const Row *r = &rows[l.rows[i]];
        int base = ID_ROW0 + l.rows[i] * 10;
        if (r->kind == ROW_CHOICE) {
            for (int k = 0; k < r->count() && k < MAX_OPTIONS; k++)
                out[n++] = (Target){base + k, l.row[i].options[k], false};
        } else {
            int v0 = r->get(&app->settings);
            out[n++] = (Target){base, l.row[i].minus, step_value(r, v0, -1) == v0};
            out[n++] = (Target){base + 1, l.row[i].plus, step_value(r, v0, 1) == v0};
        }
    }
    return n;
}

/* --- drawing ----------------------------------------------------------------------- */

/* A choice's option: the chosen one in the one style every screen marks
 * a choice with (amber with a check mark: never colour alone). */
static void choice_button(App *app, View *v, const Target *t, const char *label, bool chosen)
{
    widget_button(app, v, t, label, chosen ? BUTTON_CHOSEN : BUTTON_SECONDARY, NULL);
}

static void draw_row(App *app, View *v, int index, const RowLayout *l)
{
    const Theme *t = &app->theme;
    const Row *r = &rows[index];
    int base = ID_ROW0 + index * 10;
    TextStyle ls = type_style(app, v, TYPE_LABEL, t->text, ALIGN_LEFT);
    text_draw_box(v->text, _(r->label), &ls, l->label);
    if (l->hint.h) {
        TextStyle hs = type_style(app, v, TYPE_BODY, t->text_muted, ALIGN_LEFT);
        text_draw_box(v->text, _(r->hint), &hs, l->hint);
    }
    if (r->kind == ROW_CHOICE) {
        int cur = r->current(&app->settings);
        for (int k = 0; k < r->count() && k < MAX_OPTIONS; k++) {
            char label[64];
            r->option(k, label, sizeof label);
            Target tg = {base + k, l->options[k], false};
            choice_button(app, v, &tg, label, k == cur);
        }
        return;
    }
    int v0 = r->get(&app->settings);
    Target minus = {base, l->minus, step_value(r, v0, -1) == v0};
    Target plus = {base + 1, l->plus, step_value(r, v0, 1) == v0};
    widget_button(app, v, &minus, "\xE2\x88\x92", BUTTON_SECONDARY, NULL);
    widget_button(app, v, &plus, "+", BUTTON_SECONDARY, NULL);
    char value[64];
    r->show(v0, value, sizeof value);
    TextStyle vs = {type_px(app, v, TYPE_TITLE), FONT_BOLD, t->text, 0, ALIGN_CENTER, TYPE_TITLE};
    text_draw_box(v->text, value, &vs,
                  rect_inset(l->value, ui_gap(v) / 2));
}

static void st_draw(App *app, Screen *s, View *v)
{
    SettingsScreen *st = (SettingsScreen *)s;
    const Theme *t = &app->theme;
    if (v->role == VIEW_ROOM) {
        app_draw_below(app, s, v);
        return;
    }
    ui_header(app, v, _("Settings"), ID_BACK);
    StLayout l;
    layout(app, v, st, &l);
    for (int i = 0; i < NSECTIONS; i++) {
        Target tg = {ID_TAB0 + i, l.tabs[i], false};
        widget_button(app, v, &tg, _(section_names[i]),
                      i == st->section ? BUTTON_PRIMARY : BUTTON_QUIET, NULL);
    }
    Target up = {ID_UP, l.up, false}, down = {ID_DOWN, l.down, false};
    scroll_draw_arrows(app, v, &st->list, &up, &down);
    for (int i = 0; i < l.nrows; i++) {
        if (!l.row[i].box.w)
            continue;
        if (i > st->list.first) {
            /* a hairline between rows */
            SDL_Rect line = {l.row[i].box.x, l.row[i].box.y - ui_gap(v), l.row[i].box.w,
                             v->unit > 4 ? 2 : 1};
            draw_rect(v->renderer, line, t->line);
        }
        draw_row(app, v, l.rows[i], &l.row[i]);
    }
    if (st->message[0]) {
        TextStyle ms = {type_px(app, v, TYPE_LABEL), FONT_BOLD,
                        st->message_is_problem ? t->attention : t->ok, 0, ALIGN_LEFT, TYPE_LABEL};
        text_draw_box(v->text, st->message, &ms, l.message);
    }
}

static void st_destroy(App *app, Screen *s)
{
    (void)app;
    free(s);
}

const ScreenClass settings_screen_class = {
    .name = "settings",
    .event = st_event,
    .activate = st_activate,
    .targets = st_targets,
    .draw = st_draw,
    .destroy = st_destroy,
};

Screen *settings_screen_new(App *app)
{
    (void)app;
    SettingsScreen *st = calloc(1, sizeof *st);
    if (!st)
        return NULL;
    st->base.cls = &settings_screen_class;
    return &st->base;
}

static void open_settings(App *app) { app_push(app, settings_screen_new(app)); }

const ConsoleTile settings_tile = {N_("Settings"), NULL, false, open_settings};
