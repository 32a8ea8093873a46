/* The kiosk started on a device whose storage is full: SQLite could not
 * even open the database (its shared-memory file needs a little room).
 * Rather than exit and be restarted every two seconds by systemd with
 * nothing on screen, the kiosk says so in plain words, for the people at
 * the door and for staff, and tries again every few seconds; once there is
 * room it opens the database (checking the whole file, as after any
 * unusual start) and goes on to the door by itself. Nothing is written
 * meanwhile, so nothing stored can be harmed. */
#include "core/clock.h"
#include "core/i18n.h"
#include "core/log.h"
#include "ui/draw.h"
#include "ui/screens.h"
#include "ui/widget.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct NoSpace {
    Screen base;
    char db_path[1024];
    char why[600];      /* store_open's sentence, naming the file */
    uint64_t next_try;  /* monotonic ms */
    int64_t tried_wall; /* the last try, for the screen; 0 none yet */
    ScrollList body;    /* the explanation, by whole paragraphs */
} NoSpace;

enum { ID_UP = 1, ID_DOWN = 2 };

typedef struct NoSpaceLayout {
    SDL_Rect title, body, status, up, down;
    TypeRole title_role; /* display, or title when a word of it is wider than the view */
} NoSpaceLayout;

static void nospace_texts(const NoSpace *n, char *text, size_t tn, char *line, size_t ln)
{
    snprintf(text, tn, "%s\n\n%s\n\n%s",
             _("Check-in is not available right now. Please tell a member of staff."),
             _("Staff: this device has no free space left, so Hearth cannot open its "
               "database. Nothing stored has been lost. Free some space (old exports or "
               "downloads, the system's logs) and Hearth goes on by itself."),
             n->why);
    if (n->tried_wall) {
        int h, mi;
        char hm[32];
        clock_local_hm(n->tried_wall, &h, &mi);
        i18n_format_time(hm, sizeof hm, h, mi);
        snprintf(line, ln, _("Still full at %s. Trying again every few seconds."), hm);
    } else {
        snprintf(line, ln, "%s", _("Trying again every few seconds."));
    }
}

/* The title and the retry line as tall as their words, the explanation's
 * paragraphs between (scrolling when they do not fit). */
static void nospace_layout(App *app, View *v, NoSpace *n, NoSpaceLayout *l, bool draw)
{
    SDL_Rect area = view_area(v, 4);
    int gap = ui_gap(v);
    char text[1600], line[200];
    nospace_texts(n, text, sizeof text, line, sizeof line);
    TextStyle ds = type_style(app, v, TYPE_DISPLAY, app->theme.text, ALIGN_LEFT);
    l->title_role =
        text_widest_word(v->text, _("The storage is full"), &ds) > area.w ? TYPE_TITLE : TYPE_DISPLAY;
    l->title = rect_cut_top(&area, type_height(app, v, l->title_role, _("The storage is full"),
                                               area.w));
    rect_cut_top(&area, gap);
    l->status = rect_cut_bottom(&area, type_height(app, v, TYPE_CAPTION, line, area.w));
    rect_cut_bottom(&area, gap);
    l->body = area;
    widget_paragraphs(app, v, &n->body, text, TYPE_BODY, app->theme.text, area, ID_UP, &l->up,
                      &l->down, draw);
}

static int nospace_targets(App *app, Screen *s, const View *v, Target *out, int max)
{
    (void)max;
    NoSpace *n = (NoSpace *)s;
    NoSpaceLayout l;
    nospace_layout(app, (View *)v, n, &l, false);
    if (!l.up.w)
        return 0;
    out[0] = (Target){ID_UP, l.up, n->body.first == 0};
    out[1] = (Target){ID_DOWN, l.down, n->body.first + n->body.shown >= n->body.count};
    return 2;
}

static void nospace_activate(App *app, Screen *s, int id)
{
    NoSpace *n = (NoSpace *)s;
    if ((id == ID_UP || id == ID_DOWN) && scroll_page(&n->body, id == ID_UP ? -1 : 1))
        app_invalidate(app);
}

static void nospace_enter(App *app, Screen *s)
{
    NoSpace *n = (NoSpace *)s;
    if (!n->next_try)
        n->next_try = app->now + NOSPACE_RETRY_MS;
    app_wake_at(app, n->next_try);
}

static void nospace_update(App *app, Screen *s)
{
    NoSpace *n = (NoSpace *)s;
    if (app->now < n->next_try) {
        app_wake_at(app, n->next_try);
        return;
    }
    n->next_try = app->now + NOSPACE_RETRY_MS;
    n->tried_wall = app->wall;
    app_invalidate(app);
    char err[600];
    StoreResult r;
    Store *store = store_open(n->db_path, NULL, &r, err, sizeof err);
    if (store) {
        log_info("there is room again: opened %s", n->db_path);
        app->store = store;
        app_pop(app); /* n is gone */
        screens_start(app);
        return;
    }
    if (r == STORE_FULL) {
        snprintf(n->why, sizeof n->why, "%s", err);
        app_wake_at(app, n->next_try);
        return;
    }
    /* Room now, but the file is damaged (or something else is wrong):
     * the recovery screen names it and offers the ways on. */
    fprintf(stderr, "hearth: %s\n", err);
    char db_path[sizeof n->db_path];
    snprintf(db_path, sizeof db_path, "%s", n->db_path);
    app_pop(app);
    app_push(app, recovery_screen_new(app, db_path, err));
}

static void nospace_draw(App *app, Screen *s, View *v)
{
    NoSpace *n = (NoSpace *)s;
    const Theme *t = &app->theme;
    NoSpaceLayout l;
    nospace_layout(app, v, n, &l, false);
    TextStyle ts = type_style(app, v, l.title_role, t->text, ALIGN_LEFT);
    text_draw_top(v->text, _("The storage is full"), &ts, l.title);
    nospace_layout(app, v, n, &l, true);
    char text[1600], line[200];
    nospace_texts(n, text, sizeof text, line, sizeof line);
    TextStyle ss = type_style(app, v, TYPE_CAPTION, t->text_muted, ALIGN_LEFT);
    text_draw_top(v->text, line, &ss, l.status);
}

static void nospace_destroy(App *app, Screen *s)
{
    (void)app;
    free(s);
}

const ScreenClass nospace_screen_class = {
    .name = "nospace",
    .enter = nospace_enter,
    .update = nospace_update,
    .activate = nospace_activate,
    .targets = nospace_targets,
    .draw = nospace_draw,
    .destroy = nospace_destroy,
};

Screen *nospace_screen_new(App *app, const char *db_path, const char *why)
{
    (void)app;
    NoSpace *n = calloc(1, sizeof *n);
    if (!n)
        return NULL;
    n->base.cls = &nospace_screen_class;
    snprintf(n->db_path, sizeof n->db_path, "%s", db_path);
    snprintf(n->why, sizeof n->why, "%s", why);
    return &n->base;
}
