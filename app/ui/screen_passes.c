/* Passes in the console: issue one (shown once as a large QR for the
 * client to photograph), print a sheet, revoke a lost one. Staff see
 * pseudonyms only; a secret exists on screen for the moment it is shown. */
#include "core/clock.h"
#include "core/i18n.h"
#include "core/paths.h"
#include "export/passsheet.h"
#include "svc/checkin.h"
#include "ui/console.h"
#include "ui/draw.h"
#include "ui/screens.h"
#include "ui/widget.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    ID_BACK = 1,
    ID_ONE = 2,
    ID_SHEET = 3,
    ID_REVOKE = 4,
    ID_PREV = 5,
    ID_NEXT = 6,
    ID_DONE = 7,
    ID_COUNT0 = 10, /* + index into sheet_sizes */
    ID_ROW0 = 100   /* + row on the page: revoke that pass */
};

static const int sheet_sizes[] = {8, 16, 24, 40};
#define PAGE_ROWS 6

typedef enum PassesMode { PASSES_LIST, PASSES_SHOW_ONE, PASSES_CHOOSE_COUNT } PassesMode;

typedef struct PassesScreen {
    Screen base;
    PassesMode mode;
    PassInfo rows[PAGE_ROWS];
    int nrows, page, total, revoked;
    /* the pass being shown once: wiped when the screen moves on */
    char payload[PASS_PAYLOAD_SIZE];
    char code[PASS_CODE_SIZE];
    PassInfo shown;
    char message[600];
    bool message_is_problem;
    char pending[PSEUDONYM_MAX]; /* the pass a confirmation asks about */
} PassesScreen;

static void wipe(PassesScreen *p)
{
    sodium_memzero(p->payload, sizeof p->payload);
    sodium_memzero(p->code, sizeof p->code);
}

static void layout_list(App *app, const View *v, SDL_Rect *list, SDL_Rect *prev, SDL_Rect *next,
                        SDL_Rect *actions, SDL_Rect *message);

/* A pass row's height in a list w wide: the pseudonym's line, or its
 * status ("issued Sep 30, 2026", "emitido el 30 sept 2026": the longest
 * short date) wrapped beside it, whichever is taller, and the row's
 * padding. */
static int row_need(App *app, const View *v, int w)
{
    int gap = ui_gap(v), in_w = w - gap * 2, most = 0;
    char day[64], status[160];
    i18n_format_day_short(day, sizeof day, 2026, 9, 30);
    TextStyle st = type_style(app, v, TYPE_CAPTION, app->theme.text, ALIGN_RIGHT);
    st.weight = FONT_REGULAR;
    for (int k = 0; k < 2; k++) {
        snprintf(status, sizeof status, k ? _("revoked %s") : _("issued %s"), day);
        int h = text_height(v->text, status, &st, in_w - in_w / 3);
        most = h > most ? h : most;
    }
    int lh = fontset_line_height(app->fonts, FONT_BOLD, type_px(app, v, TYPE_LABEL));
    return gap + (most > lh ? most : lh) + 2;
}

/* How many rows of passes fit on a page of this view, each a full touch
 * target: fewer with large text, never less than one. */
static int page_rows(App *app, const View *v)
{
    SDL_Rect list, a, b, c, d;
    layout_list(app, v, &list, &a, &b, &c, &d);
    int gap = ui_gap(v);
    int min_h = (int)(ui_button_h(app, v) * 0.8f);
    if (min_h < widget_min_touch(v))
        min_h = widget_min_touch(v);
    int need = row_need(app, v, list.w);
    if (min_h < need)
        min_h = need;
    int n = (list.h + gap) / (min_h + gap);
    return n < 1 ? 1 : n > PAGE_ROWS ? PAGE_ROWS : n;
}

static void load(App *app, PassesScreen *p)
{
    int per = page_rows(app, app_main_view(app));
    p->total = passes_count(app->store, true);
    int valid = passes_count(app->store, false);
    p->revoked = p->total - valid;
    int pages = p->total > 0 ? (p->total + per - 1) / per : 1;
    if (p->page >= pages)
        p->page = pages - 1;
    p->nrows = passes_list(app->store, p->rows, per, p->page * per);
    if (p->nrows < 0)
        p->nrows = 0;
    app_targets_changed(app);
}

static void say(App *app, PassesScreen *p, bool problem, const char *text)
{
    snprintf(p->message, sizeof p->message, "%s", text);
    p->message_is_problem = problem;
    app_invalidate(app);
}

static void issue_one(App *app, PassesScreen *p)
{
    StoreResult r = checkin_issue_pass(app->store, app->wall, p->payload, p->code, &p->shown);
    if (r != STORE_OK) {
        wipe(p);
        say(app, p, true, store_error(app->store));
        return;
    }
    p->mode = PASSES_SHOW_ONE;
    p->message[0] = '\0';
    load(app, p);
}

static void print_sheet(App *app, PassesScreen *p, int count)
{
    char dir[HEARTH_PATH_MAX], path[HEARTH_PATH_MAX + 64];
    bool usb = false;
    if (!paths_export_dir(store_path(app->store), dir, sizeof dir, &usb)) {
        say(app, p, true, _("There is no folder to write the sheet to."));
        return;
    }
    char stamp[32];
    clock_iso_date(app->wall, stamp);
    snprintf(path, sizeof path, "%s/hearth-passes-%s-%lld.pdf", dir, stamp,
             (long long)(app->wall / 1000 % 100000));
    /* stored only if the sheet is written (export/passsheet.c) */
    PassIssue issue;
    StoreResult r = issue_draw(app->store, count, &issue);
    char err[1024] = "";
    if (r == STORE_OK)
        r = passsheet_issue(app->store, &issue, path, PAPER_LETTER, app->wall, err, sizeof err);
    else
        snprintf(err, sizeof err, "%s",
                 r == STORE_NOMEM ? _("Out of memory.") : store_error(app->store));
    if (r != STORE_OK) {
        say(app, p, true, err[0] ? err : _("The sheet could not be written."));
    } else {
        char msg[600];
        if (usb)
            snprintf(msg, sizeof msg,
                     P_("%d new pass is on the USB stick: %s",
                        "%d new passes are on the USB stick: %s", count),
                     count, path);
        else
            snprintf(msg, sizeof msg,
                     P_("%d new pass is in %s", "%d new passes are in %s", count), count, path);
        say(app, p, false, msg);
    }
    issue_free(&issue);
    p->mode = PASSES_LIST;
    load(app, p);
}

static void revoke_text(App *app, void *ctx, const char *text)
{
    (void)ctx;
    PassesScreen *p = (PassesScreen *)app_find(app, &passes_screen_class);
    if (!p)
        return;
    PassInfo info;
    PassParseResult parse;
    StoreResult r = checkin_revoke(app->store, text, app->wall, &info, &parse);
    char msg[300];
    if (r == STORE_OK) {
        snprintf(msg, sizeof msg, _("Pass %s is revoked. It will not be accepted at the door."),
                 info.pseudonym);
        say(app, p, false, msg);
    } else if (r == STORE_EXISTS) {
        snprintf(msg, sizeof msg, _("Pass %s was already revoked."), info.pseudonym);
        say(app, p, false, msg);
    } else if (r == STORE_NOT_FOUND) {
        say(app, p, true,
            parse == PASS_TYPO ? _("That code has a typing mistake; nothing was revoked.")
                               : _("No pass matches that; nothing was revoked."));
    } else {
        say(app, p, true, store_error(app->store));
    }
    load(app, p);
}

static void revoke_confirmed(App *app, void *ctx)
{
    PassesScreen *p = ctx; /* still below the confirmation, alive */
    char pseudonym[PSEUDONYM_MAX];
    snprintf(pseudonym, sizeof pseudonym, "%s", p->pending);
    revoke_text(app, NULL, pseudonym);
}

/* Asks before revoking the pass named by a tapped row or by what was
 * scanned or typed: one confirmation, whichever way staff named it. */
static void revoke_ask(App *app, PassesScreen *p, const char *pseudonym)
{
    snprintf(p->pending, sizeof p->pending, "%s", pseudonym);
    char q[160];
    snprintf(q, sizeof q, _("Revoke pass %s?"), p->pending);
    app_push(app, confirm_screen_new(app, q,
                                     _("It will not be accepted at the door any more. "
                                       "Its answers so far are kept."),
                                     _("Revoke"), _("Keep it"), revoke_confirmed, p));
}

/* What was scanned or typed in "Revoke a pass": found first, revoked only
 * once staff confirm. */
static void revoke_entered(App *app, void *ctx, const char *text)
{
    (void)ctx;
    PassesScreen *p = (PassesScreen *)app_find(app, &passes_screen_class);
    if (!p)
        return;
    PassInfo info;
    PassParseResult parse;
    StoreResult r = checkin_find_pass(app->store, text, &info, &parse);
    char msg[300];
    if (r == STORE_OK && info.revoked_ms) {
        snprintf(msg, sizeof msg, _("Pass %s was already revoked."), info.pseudonym);
        say(app, p, false, msg);
    } else if (r == STORE_OK) {
        revoke_ask(app, p, info.pseudonym);
    } else if (r == STORE_NOT_FOUND) {
        say(app, p, true,
            parse == PASS_TYPO ? _("That code has a typing mistake; nothing was revoked.")
                               : _("No pass matches that; nothing was revoked."));
    } else {
        say(app, p, true, store_error(app->store));
    }
}

static void ps_activate(App *app, Screen *s, int id)
{
    PassesScreen *p = (PassesScreen *)s;
    if (p->mode == PASSES_SHOW_ONE) {
        if (id == ID_DONE || id == ID_BACK) {
            wipe(p);
            p->mode = PASSES_LIST;
            char msg[200];
            snprintf(msg, sizeof msg, _("Pass %s is ready to use."), p->shown.pseudonym);
            say(app, p, false, msg);
            app_targets_changed(app);
        }
        return;
    }
    if (p->mode == PASSES_CHOOSE_COUNT) {
        if (id == ID_BACK) {
            p->mode = PASSES_LIST;
            app_targets_changed(app);
        } else if (id >= ID_COUNT0 && id < ID_COUNT0 + 4) {
            print_sheet(app, p, sheet_sizes[id - ID_COUNT0]);
        }
        return;
    }
    switch (id) {
    case ID_BACK:
        app_pop(app);
        break;
    case ID_ONE:
        issue_one(app, p);
        break;
    case ID_SHEET:
        p->mode = PASSES_CHOOSE_COUNT;
        app_targets_changed(app);
        break;
    case ID_REVOKE: {
        Screen *e = textentry_screen_new(app, _("Revoke a pass"),
                                         _("Scan the pass, or type its code or its pseudonym "
                                           "(such as P-7Q3K)."),
                                         32, revoke_entered, NULL);
        textentry_take_scans(e);
        app_push(app, e);
        break;
    }
    case ID_PREV:
        if (p->page > 0) {
            p->page--;
            load(app, p);
        }
        break;
    case ID_NEXT:
        if ((p->page + 1) * page_rows(app, app_main_view(app)) < p->total) {
            p->page++;
            load(app, p);
        }
        break;
    default:
        if (id >= ID_ROW0 && id < ID_ROW0 + p->nrows && !p->rows[id - ID_ROW0].revoked_ms)
            revoke_ask(app, p, p->rows[id - ID_ROW0].pseudonym);
        break;
    }
}

static bool ps_event(App *app, Screen *s, const SDL_Event *ev)
{
    PassesScreen *p = (PassesScreen *)s;
    if (ev->type == SDL_KEYDOWN && ev->key.keysym.sym == SDLK_ESCAPE) {
        if (p->mode == PASSES_LIST)
            app_pop(app);
        else
            ps_activate(app, s, p->mode == PASSES_SHOW_ONE ? ID_DONE : ID_BACK);
        return true;
    }
    return false;
}

typedef struct PsLayout {
    SDL_Rect summary, one, sheet, revoke, list, rows[PAGE_ROWS], prev, next, message;
    SDL_Rect qr, codebox, done, counts[4];
} PsLayout;

static void layout(App *app, const View *v, const PassesScreen *p, PsLayout *l)
{
    memset(l, 0, sizeof *l);
    SDL_Rect area = view_area(v, 3);
    rect_cut_top(&area, ui_header_back_rect(v).h + ui_gap(v));
    int gap = ui_gap(v), bh = ui_button_h(app, v);
    bool portrait = v->h > v->w;
    if (p->mode == PASSES_SHOW_ONE) {
        l->done = rect_cut_bottom(&area, bh);
        l->done = rect_cut_right(&l->done, portrait ? l->done.w : l->done.w / 3);
        rect_cut_bottom(&area, gap);
        if (portrait) {
            int side = area.w < area.h * 3 / 5 ? area.w : area.h * 3 / 5;
            l->qr = rect_center(rect_cut_top(&area, side), side, side);
            rect_cut_top(&area, gap);
            l->codebox = area;
        } else {
            int side = area.h < area.w / 2 ? area.h : area.w / 2;
            l->qr = rect_center(rect_cut_left(&area, side), side, side);
            rect_cut_left(&area, gap * 2);
            l->codebox = area;
        }
        return;
    }
    if (p->mode == PASSES_CHOOSE_COUNT) {
        rect_cut_top(&area, app_text_px(app, v, 10.0f));
        SDL_Rect row = rect_cut_top(&area, bh * 2);
        for (int i = 0; i < 4; i++)
            l->counts[i] = rect_col(row, 4, i, gap);
        return;
    }
    SDL_Rect actions;
    layout_list(app, v, &l->list, &l->prev, &l->next, &actions, &l->message);
    bool portrait_ = portrait;
    l->summary = rect_cut_top(&actions, portrait_ ? 0 : app_text_px(app, v, 10.0f));
    if (!portrait_)
        rect_cut_top(&actions, gap);
    l->one = rect_cut_top(&actions, bh);
    rect_cut_top(&actions, gap);
    l->sheet = rect_cut_top(&actions, bh);
    rect_cut_top(&actions, gap);
    l->revoke = rect_cut_top(&actions, bh);
    int rows = page_rows(app, v);
    int rh = (l->list.h - gap * (rows - 1)) / rows;
    int need = row_need(app, v, l->list.w);
    if (rh > bh * 3 / 2)
        rh = bh * 3 / 2 > need ? bh * 3 / 2 : need;
    for (int i = 0; i < rows; i++)
        l->rows[i] = (SDL_Rect){l->list.x, l->list.y + i * (rh + gap), l->list.w, rh};
}

static void layout_list(App *app, const View *v, SDL_Rect *list, SDL_Rect *prev, SDL_Rect *next,
                        SDL_Rect *actions, SDL_Rect *message)
{
    SDL_Rect area = view_area(v, 3);
    rect_cut_top(&area, ui_header_back_rect(v).h + ui_gap(v));
    int gap = ui_gap(v), bh = ui_button_h(app, v);
    bool portrait = v->h > v->w;
    *message = rect_cut_bottom(&area, app_text_px(app, v, 8.0f));
    *actions = portrait ? rect_cut_top(&area, bh * 3 + gap * 2)
                        : rect_cut_left(&area, area.w * 2 / 5);
    if (portrait)
        rect_cut_top(&area, gap * 2);
    else
        rect_cut_left(&area, gap * 2);
    SDL_Rect nav = rect_cut_bottom(&area, bh);
    rect_cut_bottom(&area, gap);
    /* "page X of Y" between the two */
    *prev = rect_col(nav, 3, 0, gap);
    *next = rect_col(nav, 3, 2, gap);
    *list = area;
}

/* How many pages the passes take in this view. */
static int pages_of(App *app, const View *v, const PassesScreen *p)
{
    int per = page_rows(app, v);
    return p->total > 0 ? (p->total + per - 1) / per : 1;
}

static int ps_targets(App *app, Screen *s, const View *v, Target *out, int max)
{
    PassesScreen *p = (PassesScreen *)s;
    (void)max;
    PsLayout l;
    layout(app, v, p, &l);
    int n = 0;
    out[n++] = (Target){ID_BACK, ui_header_back_rect(v), false};
    if (p->mode == PASSES_SHOW_ONE) {
        out[n++] = (Target){ID_DONE, l.done, false};
        return n;
    }
    if (p->mode == PASSES_CHOOSE_COUNT) {
        for (int i = 0; i < 4; i++)
            out[n++] = (Target){ID_COUNT0 + i, l.counts[i], false};
        return n;
    }
    out[n++] = (Target){ID_ONE, l.one, false};
    out[n++] = (Target){ID_SHEET, l.sheet, false};
    out[n++] = (Target){ID_REVOKE, l.revoke, false};
    for (int i = 0; i < p->nrows; i++)
        out[n++] = (Target){ID_ROW0 + i, l.rows[i], p->rows[i].revoked_ms != 0};
    if (pages_of(app, v, p) > 1) {
        out[n++] = (Target){ID_PREV, l.prev, p->page == 0};
        out[n++] = (Target){ID_NEXT, l.next, (p->page + 1) * page_rows(app, v) >= p->total};
    }
    return n;
}

/* A time as the local day, short, the way the language writes it: the
 * long form wrapped each row in two at 150 % on 800x480. */
static void local_day(int64_t ms, char *out, size_t n)
{
    int y, mo, d, wd;
    clock_local_date(ms, &y, &mo, &d, &wd);
    i18n_format_day_short(out, n, y, mo, d);
}

static void ps_draw(App *app, Screen *s, View *v)
{
    PassesScreen *p = (PassesScreen *)s;
    const Theme *t = &app->theme;
    if (v->role == VIEW_ROOM) {
        app_draw_below(app, s, v);
        return;
    }
    PsLayout l;
    layout(app, v, p, &l);
    int gap = ui_gap(v);
    if (p->mode == PASSES_SHOW_ONE) {
        ui_header(app, v, _("A new pass"), ID_BACK);
        /* dark on white, with its quiet zone: what phone cameras read best */
        SDL_Color white = {255, 255, 255, 255}, black = {0, 0, 0, 255};
        draw_qr(v->renderer, l.qr, p->payload, black, white);
        SDL_Rect in = l.codebox;
        TextStyle hs = {type_px(app, v, TYPE_BODY), FONT_REGULAR, t->text_muted, 0, ALIGN_LEFT, TYPE_BODY};
        text_draw_box(v->text,
                      _("Ask the client to photograph this code with their phone, or to write "
                        "down the short code. It is shown only now."),
                      &hs, rect_cut_top(&in, in.h / 3));
        TextStyle cs = {type_px(app, v, TYPE_DISPLAY), FONT_BOLD, t->text, 0, ALIGN_LEFT, TYPE_DISPLAY};
        text_draw_box(v->text, p->code, &cs, rect_cut_top(&in, in.h / 2));
        char pseudo[64];
        snprintf(pseudo, sizeof pseudo, _("Staff see this pass as %s."), p->shown.pseudonym);
        TextStyle ps = {type_px(app, v, TYPE_BODY), FONT_REGULAR, t->text_muted, 0, ALIGN_LEFT, TYPE_BODY};
        text_draw_box(v->text, pseudo, &ps, in);
        Target d = {ID_DONE, l.done, false};
        widget_button(app, v, &d, _("Done"), BUTTON_PRIMARY, NULL);
        return;
    }
    if (p->mode == PASSES_CHOOSE_COUNT) {
        SDL_Rect area = ui_header(app, v, _("Print a sheet of passes"), ID_BACK);
        TextStyle qs = {type_px(app, v, TYPE_TITLE), FONT_REGULAR, t->text, 0, ALIGN_LEFT, TYPE_TITLE};
        text_draw_box(v->text,
                      _("How many passes? They print eight to a page, the size of a bank card, "
                        "with no name on them."),
                      &qs,
                      (SDL_Rect){area.x, area.y, area.w, app_text_px(app, v, 10.0f)});
        for (int i = 0; i < 4; i++) {
            char label[16];
            snprintf(label, sizeof label, "%d", sheet_sizes[i]);
            Target tg = {ID_COUNT0 + i, l.counts[i], false};
            widget_button(app, v, &tg, label, BUTTON_SECONDARY, NULL);
        }
        return;
    }
    ui_header(app, v, _("Passes"), ID_BACK);
    if (l.summary.h) {
        char sum[160];
        int in_use = p->total - p->revoked;
        char a[80], b[80];
        snprintf(a, sizeof a, P_("%d pass in use.", "%d passes in use.", in_use), in_use);
        snprintf(b, sizeof b, P_("%d revoked.", "%d revoked.", p->revoked), p->revoked);
        snprintf(sum, sizeof sum, "%s %s", a, b);
        TextStyle ss = {type_px(app, v, TYPE_LABEL), FONT_BOLD, t->text, 0, ALIGN_LEFT, TYPE_LABEL};
        text_draw_box(v->text, sum, &ss, l.summary);
    }
    Target one = {ID_ONE, l.one, false}, sheet = {ID_SHEET, l.sheet, false},
           rev = {ID_REVOKE, l.revoke, false};
    widget_button(app, v, &one, _("Issue one pass"), BUTTON_PRIMARY, draw_icon_qr);
    widget_button(app, v, &sheet, _("Print a sheet"), BUTTON_SECONDARY, NULL);
    widget_button(app, v, &rev, _("Revoke a pass"), BUTTON_SECONDARY, NULL);

    for (int i = 0; i < p->nrows; i++) {
        const PassInfo *pi = &p->rows[i];
        Target tg = {ID_ROW0 + i, l.rows[i], pi->revoked_ms != 0};
        bool pressed = widget_pressed(app, tg.id);
        draw_round_rect(v->renderer, l.rows[i], v->unit * 1.2f, pressed ? t->surface_hi : t->surface);
        SDL_Rect in = rect_inset(l.rows[i], gap / 2);
        in.x += gap / 2;
        in.w -= gap;
        TextStyle ns = {type_px(app, v, TYPE_LABEL), FONT_BOLD, t->text, 0, ALIGN_LEFT, TYPE_LABEL};
        text_draw_box(v->text, pi->pseudonym, &ns,
                      rect_cut_left(&in, in.w / 3));
        char status[160], day[64];
        if (pi->revoked_ms) {
            local_day(pi->revoked_ms, day, sizeof day);
            snprintf(status, sizeof status, _("revoked %s"), day);
        } else {
            local_day(pi->issued_ms, day, sizeof day);
            /* a tap on the row asks before revoking (revoke_ask) */
            snprintf(status, sizeof status, _("issued %s"), day);
        }
        TextStyle st = {type_px(app, v, TYPE_CAPTION), FONT_REGULAR, t->text_muted, 0, ALIGN_RIGHT, TYPE_CAPTION};
        text_draw_box(v->text, status, &st, in);
        widget_focus_ring(app, v, l.rows[i], tg.id);
    }
    if (p->nrows == 0) {
        TextStyle es = {type_px(app, v, TYPE_BODY), FONT_REGULAR, t->text_muted, 0, ALIGN_CENTER, TYPE_BODY};
        text_draw_box(v->text, _("No passes yet. Issue one, or print a sheet."), &es, l.list);
    }
    int pages = pages_of(app, v, p);
    if (pages > 1) {
        Target pv = {ID_PREV, l.prev, p->page == 0},
               nx = {ID_NEXT, l.next, (p->page + 1) * page_rows(app, v) >= p->total};
        widget_button(app, v, &pv, _("Previous"), BUTTON_QUIET, NULL);
        widget_button(app, v, &nx, _("More"), BUTTON_QUIET, NULL);
        char page[64];
        snprintf(page, sizeof page, _("page %d of %d"), p->page + 1, pages);
        int x0 = l.prev.x + l.prev.w;
        TextStyle gs = {type_px(app, v, TYPE_CAPTION), FONT_REGULAR, t->text_muted, 0, ALIGN_CENTER, TYPE_CAPTION};
        text_draw_box(v->text, page, &gs,
                      (SDL_Rect){x0, l.prev.y, l.next.x - x0, l.prev.h});
    }
    if (p->message[0]) {
        TextStyle ms = {type_px(app, v, TYPE_LABEL), FONT_BOLD,
                        p->message_is_problem ? t->attention : t->ok, 0, ALIGN_LEFT, TYPE_LABEL};
        text_draw_box(v->text, p->message, &ms, l.message);
    }
}

static void ps_destroy(App *app, Screen *s)
{
    (void)app;
    PassesScreen *p = (PassesScreen *)s;
    wipe(p);
    free(p);
}

const ScreenClass passes_screen_class = {
    .name = "passes",
    .event = ps_event,
    .activate = ps_activate,
    .targets = ps_targets,
    .draw = ps_draw,
    .destroy = ps_destroy,
};

Screen *passes_screen_new(App *app)
{
    PassesScreen *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->base.cls = &passes_screen_class;
    load(app, p);
    return &p->base;
}

static void open_passes(App *app) { app_push(app, passes_screen_new(app)); }

const ConsoleTile passes_tile = {N_("Passes"), draw_icon_qr, false, open_passes};
