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
} NoSpace;

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
    SDL_Rect area = view_area(v, 4);
    int gap = ui_gap(v);
    SDL_Rect title = rect_cut_top(&area, app_text_px(app, v, 9.0f));
    rect_cut_top(&area, gap);
    SDL_Rect status = rect_cut_bottom(&area, app_text_px(app, v, 5.0f));
    rect_cut_bottom(&area, gap);

    TextStyle ts = {type_px(app, v, TYPE_DISPLAY), FONT_BOLD, t->text, 0, ALIGN_LEFT, TYPE_DISPLAY};
    text_draw_box(v->text, _("The storage is full"), &ts, title);
    char text[1600];
    snprintf(text, sizeof text, "%s\n\n%s\n\n%s",
             _("Check-in is not available right now. Please tell a member of staff."),
             _("Staff: this device has no free space left, so Hearth cannot open its "
               "database. Nothing stored has been lost. Free some space (old exports or "
               "downloads, the system's logs) and Hearth goes on by itself."),
             n->why);
    TextStyle bs = {type_px(app, v, TYPE_BODY), FONT_REGULAR, t->text, area.w, ALIGN_LEFT, TYPE_BODY};
    text_draw_box(v->text, text, &bs, rect_inset(area, gap / 2));

    char line[200];
    if (n->tried_wall) {
        int h, mi;
        char hm[32];
        clock_local_hm(n->tried_wall, &h, &mi);
        i18n_format_time(hm, sizeof hm, h, mi);
        snprintf(line, sizeof line, _("Still full at %s. Trying again every few seconds."), hm);
    } else {
        snprintf(line, sizeof line, "%s", _("Trying again every few seconds."));
    }
    TextStyle ss = {type_px(app, v, TYPE_CAPTION), FONT_REGULAR, t->text_muted, 0, ALIGN_LEFT, TYPE_CAPTION};
    text_draw_box(v->text, line, &ss, status);
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
