/* The database would not open: it is damaged, or not Hearth's. The screen
 * names the file, says nothing has been changed, and offers two ways on,
 * each only when someone chooses it:
 *   - restore the newest healthy backup (the damaged file is kept aside),
 *   - start with an empty database (the damaged file is kept aside).
 * Both need the facilitator PIN. The damaged file's own PIN cannot be read,
 * so the PIN checked is the backup's: the newest backup is copied first
 * ("<db>.restoring", the original untouched) and the pad checks against
 * that copy, wrong tries counted in it so the lock-out survives restarts.
 * Starting empty carries that PIN into the new database, so nobody at the
 * door can choose a new one. With no backup at all there is no PIN
 * anywhere: starting empty is then like a new kiosk's first start (the
 * damaged file, the only thing worth guarding, stays untouched). */
#include "core/clock.h"
#include "core/i18n.h"
#include "core/log.h"
#include "svc/gate.h"
#include "svc/maintenance.h"
#include "ui/draw.h"
#include "ui/screens.h"
#include "ui/widget.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ID_RESTORE = 1, ID_EMPTY = 2, ID_UP = 3, ID_DOWN = 4 };

typedef struct Recovery {
    Screen base;
    char db_path[1024];
    char why[512];          /* the sentence store_open gave, naming the file */
    BackupInfo backup;      /* the newest backup that could be copied */
    bool have_backup;
    char candidate[1100];   /* its checked copy, whose PIN guards both ways */
    char problem[600];
    bool prepared;
    ScrollList body;        /* the explanation, by whole paragraphs */
} Recovery;

static Recovery *find(App *app) { return (Recovery *)app_find(app, &recovery_screen_class); }

/* Copies the newest backup that is healthy; app->store becomes that copy so
 * the PIN pad checks (and counts) against it. */
static void prepare(App *app, Recovery *r)
{
    if (r->prepared)
        return;
    r->prepared = true;
    BackupInfo list[STORE_BACKUPS_KEPT + 4];
    int n = store_backup_list(r->db_path, list, STORE_BACKUPS_KEPT + 4);
    for (int i = 0; i < n && !r->have_backup; i++) {
        char err[512];
        if (store_restore_prepare(r->db_path, list[i].path, r->candidate, sizeof r->candidate,
                                  err, sizeof err) != STORE_OK) {
            log_warn("backup %s unusable: %s", list[i].path, err);
            continue;
        }
        StoreOpenOptions o = {.create = false};
        Store *c = store_open(r->candidate, &o, NULL, err, sizeof err);
        if (!c) {
            log_warn("backup copy %s unusable: %s", r->candidate, err);
            store_restore_abandon(r->candidate);
            continue;
        }
        app->store = c;
        r->backup = list[i];
        r->have_backup = true;
    }
}

/* Opens the database now in place (with the PIN of pin_from, when set)
 * and starts the door. */
static void go_on(App *app, const char *action, const char *detail, Store *pin_from)
{
    Recovery *r = find(app);
    char err[512];
    Store *s = store_open(r->db_path, NULL, NULL, err, sizeof err);
    if (!s) {
        snprintf(r->problem, sizeof r->problem, "%s", err);
        return;
    }
    if (pin_from)
        gate_copy_pin(pin_from, s, app->wall);
    store_audit(s, app->wall, action, detail);
    app->store = s;
    app_pop(app);
    screens_start(app);
}

static void close_candidate(App *app)
{
    if (app->store) {
        store_close(app->store);
        app->store = NULL;
    }
}

static void do_restore(App *app, void *ctx)
{
    (void)ctx;
    Recovery *r = find(app);
    close_candidate(app);
    char kept[1100], err[512];
    if (store_restore_commit(r->db_path, r->candidate, app->wall, kept, sizeof kept, err,
                             sizeof err) != STORE_OK) {
        snprintf(r->problem, sizeof r->problem, "%s", err);
        r->prepared = false;
        r->have_backup = false;
        prepare(app, r);
        return;
    }
    log_info("restored %s from %s; the damaged file is kept as %s", r->db_path, r->backup.path,
             kept);
    char detail[160];
    const char *slash = strrchr(kept, '/');
    snprintf(detail, sizeof detail, "kept the damaged file as %s", slash ? slash + 1 : kept);
    go_on(app, "db.restore", detail, NULL);
}

static void do_start_empty(App *app, void *ctx)
{
    (void)ctx;
    Recovery *r = find(app);
    char kept[1100], err[512];
    if (store_set_aside(r->db_path, app->wall, kept, sizeof kept, err, sizeof err) != STORE_OK) {
        snprintf(r->problem, sizeof r->problem, "%s", err);
        return;
    }
    log_info("started an empty database; the damaged file is kept as %s", kept);
    Store *backup_copy = app->store;
    char candidate[sizeof r->candidate];
    snprintf(candidate, sizeof candidate, "%s", r->candidate);
    app->store = NULL;
    go_on(app, "db.start_empty", strrchr(kept, '/') ? strrchr(kept, '/') + 1 : kept,
          backup_copy);
    /* r is gone now (the door replaced it) unless go_on failed */
    if (backup_copy) {
        store_close(backup_copy);
        store_restore_abandon(candidate);
    }
}

static void recovery_enter(App *app, Screen *s) { prepare(app, (Recovery *)s); }

static void recovery_activate(App *app, Screen *s, int id)
{
    Recovery *r = (Recovery *)s;
    if (id == ID_UP || id == ID_DOWN) {
        if (scroll_page(&r->body, id == ID_UP ? -1 : 1))
            app_invalidate(app);
        return;
    }
    r->problem[0] = '\0';
    if (id == ID_RESTORE && r->have_backup) {
        app_push(app, pin_screen_new(app, _("Enter the facilitator PIN to restore the backup."),
                                     do_restore, NULL));
    } else if (id == ID_EMPTY && r->have_backup) {
        app_push(app, pin_screen_new(app, _("Enter the facilitator PIN to start with an empty "
                                            "database."),
                                     do_start_empty, NULL));
    } else if (id == ID_EMPTY) {
        app_push(app, confirm_screen_new(
                          app, _("Start with an empty database?"),
                          _("There is no backup, so there is no PIN to check: Hearth starts as "
                            "on a new kiosk and asks for a new PIN. The damaged file is kept."),
                          _("Start empty"), _("Not now"), do_start_empty, NULL));
    }
}

typedef struct RecoveryLayout {
    SDL_Rect title, body, restore, empty, up, down;
} RecoveryLayout;

static void body_text(const Recovery *r, char *text, size_t n);

static void restore_label(const Recovery *r, char *label, size_t n);

/* The title and the buttons as tall as their words, the explanation's
 * paragraphs between them (scrolling when they do not fit). */
static void layout(App *app, const View *v_, Recovery *r, RecoveryLayout *l)
{
    View *v = (View *)v_;
    memset(l, 0, sizeof *l);
    SDL_Rect area = view_area(v, 4);
    int gap = ui_gap(v);
    bool portrait = v->h > v->w;
    l->title = rect_cut_top(&area, type_height(app, v, TYPE_DISPLAY,
                                               _("The database needs attention"), area.w));
    rect_cut_top(&area, gap);
    char label[160];
    restore_label(r, label, sizeof label);
    const char *empty = _("Start with an empty database");
    int ew = portrait || !r->have_backup ? area.w : (area.w - gap) * 2 / 5;
    int rw = portrait ? area.w : area.w - ew - gap;
    int eh = widget_button_h(app, v, empty, false, ew);
    int rh = r->have_backup ? widget_button_h(app, v, label, false, rw) : 0;
    SDL_Rect buttons = rect_cut_bottom(&area, portrait ? eh + (rh ? rh + gap : 0)
                                                        : (eh > rh ? eh : rh));
    rect_cut_bottom(&area, gap);
    l->body = area;
    if (portrait) {
        if (rh) {
            l->restore = rect_cut_top(&buttons, rh);
            rect_cut_top(&buttons, gap);
        }
        l->empty = buttons;
    } else {
        l->empty = rect_cut_left(&buttons, ew);
        rect_cut_left(&buttons, gap);
        l->restore = buttons;
    }
    if (!r->have_backup)
        l->restore = (SDL_Rect){0, 0, 0, 0};
    char text[1600];
    body_text(r, text, sizeof text);
    widget_paragraphs(app, v, &r->body, text, TYPE_BODY, app->theme.text, l->body, ID_UP, &l->up,
                      &l->down, false);
}

static int recovery_targets(App *app, Screen *s, const View *v, Target *out, int max)
{
    (void)max;
    Recovery *r = (Recovery *)s;
    RecoveryLayout l;
    layout(app, v, r, &l);
    int n = 0;
    if (r->have_backup)
        out[n++] = (Target){ID_RESTORE, l.restore, false};
    out[n++] = (Target){ID_EMPTY, l.empty, false};
    if (l.up.w) {
        out[n++] = (Target){ID_UP, l.up, r->body.first == 0};
        out[n++] = (Target){ID_DOWN, l.down, r->body.first + r->body.shown >= r->body.count};
    }
    return n;
}

static void backup_when(const Recovery *r, char *out, size_t n)
{
    int y, mo, d, wd, h, mi;
    clock_local_date(r->backup.taken_ms, &y, &mo, &d, &wd);
    clock_local_hm(r->backup.taken_ms, &h, &mi);
    char hm[32];
    i18n_format_time(hm, sizeof hm, h, mi);
    snprintf(out, n, "%04d-%02d-%02d %s", y, mo, d, hm);
}

static void recovery_draw(App *app, Screen *s, View *v)
{
    Recovery *r = (Recovery *)s;
    const Theme *t = &app->theme;
    RecoveryLayout l;
    layout(app, v, r, &l);
    TextStyle ts = type_style(app, v, TYPE_DISPLAY, t->text, ALIGN_LEFT);
    text_draw_top(v->text, _("The database needs attention"), &ts, l.title);
    char text[1600];
    body_text(r, text, sizeof text);
    widget_paragraphs(app, v, &r->body, text, TYPE_BODY, t->text, l.body, ID_UP, &l.up, &l.down,
                      v->role == VIEW_MAIN);
    if (v->role != VIEW_MAIN)
        return;
    if (r->have_backup) {
        char label[160];
        restore_label(r, label, sizeof label);
        Target rt = {ID_RESTORE, l.restore, false};
        widget_button(app, v, &rt, label, BUTTON_PRIMARY, NULL);
    }
    Target et = {ID_EMPTY, l.empty, false};
    widget_button(app, v, &et, _("Start with an empty database"), BUTTON_SECONDARY, NULL);
}

/* What happened, that nothing is lost, and the ways on, as paragraphs. */
static void body_text(const Recovery *r, char *text, size_t n)
{
    snprintf(text, n, "%s\n\n%s\n\n%s", r->why,
             _("Nothing has been changed or deleted. Whichever way you choose, the damaged "
               "file is kept beside the database with today's date in its name."),
             r->have_backup ? _("Staff: restore the newest backup (answers saved after it "
                                "stay in the kept file), or start with an empty database. "
                                "Both need the facilitator PIN.")
                            : _("There is no backup of this database. Staff can start with "
                                "an empty database, or ask whoever maintains the kiosk to "
                                "look at the file first."));
    if (r->problem[0]) {
        strncat(text, "\n\n", n - strlen(text) - 1);
        strncat(text, r->problem, n - strlen(text) - 1);
    }
}

static void restore_label(const Recovery *r, char *label, size_t n)
{
    char when[64] = "";
    if (r->have_backup)
        backup_when(r, when, sizeof when);
    snprintf(label, n, _("Restore the backup of %s"), when);
}

static void recovery_destroy(App *app, Screen *s)
{
    (void)app;
    free(s);
}

const ScreenClass recovery_screen_class = {
    .name = "recovery",
    .enter = recovery_enter,
    .activate = recovery_activate,
    .targets = recovery_targets,
    .draw = recovery_draw,
    .destroy = recovery_destroy,
};

Screen *recovery_screen_new(App *app, const char *db_path, const char *why)
{
    (void)app;
    Recovery *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->base.cls = &recovery_screen_class;
    snprintf(r->db_path, sizeof r->db_path, "%s", db_path);
    snprintf(r->why, sizeof r->why, "%s", why);
    return &r->base;
}
