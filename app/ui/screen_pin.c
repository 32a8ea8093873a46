/* The facilitator PIN pad: enter the PIN, or choose one the first time. */
#include "core/i18n.h"
#include "core/pin.h"
#include "svc/gate.h"
#include "ui/console.h"
#include "ui/draw.h"
#include "ui/screens.h"
#include "ui/widget.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ID_DIGIT0 = 0, ID_ERASE = 10, ID_OK = 11, ID_CLOSE = 12 };

typedef enum PinMode { PIN_ENTER, PIN_CHOOSE, PIN_CONFIRM } PinMode;

typedef struct PinScreen {
    Screen base;
    PinMode mode;
    char reason[160];
    char digits[PIN_MAX_DIGITS + 1];
    char first[PIN_MAX_DIGITS + 1]; /* the new PIN, while confirming it */
    char message[200];
    bool message_is_problem;
    int64_t locked_until; /* wall ms */
    PinDoneFn done;
    void *ctx;
    bool change;          /* changing the PIN: the old one first, then the new */
} PinScreen;

static void wipe(PinScreen *p)
{
    memset(p->digits, 0, sizeof p->digits);
}

static void refresh_lock(App *app, PinScreen *p)
{
    GateState st;
    p->locked_until = 0;
    if (gate_state(app->store, &st) == GATE_OK) {
        int64_t left = gate_locked_for(&st, app->wall);
        p->locked_until = left ? app->wall + left : 0;
    }
}

static void pin_enter(App *app, Screen *s)
{
    PinScreen *p = (PinScreen *)s;
    GateState st;
    GateResult g = gate_state(app->store, &st);
    if (g == GATE_NOT_SET && p->mode == PIN_ENTER) {
        p->mode = PIN_CHOOSE;
        snprintf(p->message, sizeof p->message, "%s",
                 _("No PIN is set yet. Choose one of 6 to 12 digits that only staff know."));
    }
    refresh_lock(app, p);
}

static void finish(App *app, PinScreen *p)
{
    PinDoneFn done = p->done;
    void *ctx = p->ctx;
    app_pop(app);
    if (done)
        done(app, ctx);
}

static void set_problem(PinScreen *p, const char *text)
{
    snprintf(p->message, sizeof p->message, "%s", text);
    p->message_is_problem = true;
}

static void submit(App *app, PinScreen *p)
{
    size_t n = strlen(p->digits);
    if (p->mode == PIN_ENTER) {
        if (p->locked_until > app->wall || n == 0)
            return;
        GateResult g = gate_try(app->store, p->digits, app->wall);
        wipe(p);
        if (g == GATE_OK && p->change) {
            p->mode = PIN_CHOOSE;
            snprintf(p->reason, sizeof p->reason, "%s", _("Changing the facilitator PIN."));
            p->message_is_problem = false;
            snprintf(p->message, sizeof p->message, "%s",
                     _("Now choose the new PIN: 6 to 12 digits that only staff know, not a "
                       "date or a pattern."));
            return;
        }
        if (g == GATE_OK) {
            finish(app, p);
            return;
        }
        refresh_lock(app, p);
        if (g == GATE_WRONG) {
            GateState st;
            gate_state(app->store, &st);
            int left = PIN_FREE_TRIES - st.failures;
            if (p->locked_until > app->wall)
                set_problem(p, _("That PIN is not right. The pad is locked for a while."));
            else if (left == 1)
                set_problem(p, _("That PIN is not right. One more wrong try locks the pad."));
            else
                set_problem(p, _("That PIN is not right. Please try again."));
        } else if (g == GATE_ERROR) {
            set_problem(p, store_error(app->store));
        }
        return;
    }
    if (!pin_is_valid(p->digits)) {
        set_problem(p, _("A PIN has 6 to 12 digits."));
        return;
    }
    const char *weak = gate_pin_weakness(p->digits);
    if (p->mode == PIN_CHOOSE && weak) {
        wipe(p);
        set_problem(p, weak);
        return;
    }
    if (p->mode == PIN_CHOOSE) {
        memcpy(p->first, p->digits, sizeof p->first);
        wipe(p);
        p->mode = PIN_CONFIRM;
        p->message_is_problem = false;
        snprintf(p->message, sizeof p->message, "%s", _("Type the same PIN once more."));
        return;
    }
    bool same = strcmp(p->first, p->digits) == 0;
    GateResult g = !same ? GATE_INVALID
                   : p->change ? gate_set_pin_as(app->store, p->digits, app->wall, "pin.changed",
                                                 "in the console, the old PIN given")
                               : gate_set_pin(app->store, p->digits, app->wall);
    wipe(p);
    memset(p->first, 0, sizeof p->first);
    if (g == GATE_OK) {
        if (p->change) {
            app_toast(app, _("The facilitator PIN is changed."), true, 4000);
        }
        finish(app, p);
        return;
    }
    p->mode = PIN_CHOOSE;
    set_problem(p, same ? store_error(app->store)
                        : _("The two PINs were different. Choose a PIN again."));
}

static void type_digit(App *app, PinScreen *p, char d)
{
    if (p->mode == PIN_ENTER && p->locked_until > app->wall)
        return;
    size_t n = strlen(p->digits);
    if (n < PIN_MAX_DIGITS) {
        p->digits[n] = d;
        p->digits[n + 1] = '\0';
    }
}

static void erase(PinScreen *p)
{
    size_t n = strlen(p->digits);
    if (n)
        p->digits[n - 1] = '\0';
}

static void pin_activate(App *app, Screen *s, int id)
{
    PinScreen *p = (PinScreen *)s;
    if (id >= ID_DIGIT0 && id <= 9)
        type_digit(app, p, (char)('0' + id));
    else if (id == ID_ERASE)
        erase(p);
    else if (id == ID_OK)
        submit(app, p);
    else if (id == ID_CLOSE)
        app_pop(app);
}

static bool pin_event(App *app, Screen *s, const SDL_Event *ev)
{
    PinScreen *p = (PinScreen *)s;
    if (ev->type == SDL_TEXTINPUT) {
        for (const char *c = ev->text.text; *c; c++)
            if (*c >= '0' && *c <= '9')
                type_digit(app, p, *c);
        return true;
    }
    if (ev->type != SDL_KEYDOWN)
        return false;
    SDL_Keycode k = ev->key.keysym.sym;
    if (k >= SDLK_KP_1 && k <= SDLK_KP_9) {
        type_digit(app, p, (char)('1' + (k - SDLK_KP_1)));
        return true;
    }
    if (k == SDLK_KP_0) {
        type_digit(app, p, '0');
        return true;
    }
    if (k == SDLK_BACKSPACE) {
        erase(p);
        return true;
    }
    if ((k == SDLK_RETURN || k == SDLK_KP_ENTER) && !app_focus_active(app)) {
        submit(app, p);
        return true;
    }
    if (k == SDLK_ESCAPE) {
        app_pop(app);
        return true;
    }
    return false;
}

static void pin_update(App *app, Screen *s)
{
    PinScreen *p = (PinScreen *)s;
    if (p->locked_until > app->wall) {
        /* Tick the countdown once a second. */
        app_wake_at(app, app->now + 1000 - (uint64_t)(app->wall % 1000));
        app_invalidate(app);
    } else if (p->locked_until) {
        p->locked_until = 0;
        p->message[0] = '\0';
        app_invalidate(app);
    }
}

typedef struct PinLayout {
    SDL_Rect info, pad, keys[12];
} PinLayout;

static const char *pin_title(const PinScreen *p)
{
    return p->mode == PIN_ENTER ? _("Facilitator PIN")
           : p->mode == PIN_CHOOSE ? _("Choose a facilitator PIN")
                                   : _("Confirm the new PIN");
}

static void layout(App *app, const View *v, const PinScreen *p, PinLayout *l)
{
    /* below the header, however many lines its title takes */
    SDL_Rect area = ui_body(app, v, pin_title(p), true);
    bool portrait = v->h > v->w;
    int gap = ui_gap(v);
    int key = ui_button_h(app, v);
    int pad_w = key * 3 + gap * 2, pad_h = key * 4 + gap * 3;
    if (portrait) {
        /* keys as large as fit in the lower three fifths */
        int k = (area.w - gap * 2) / 3;
        int kh = (area.h * 3 / 5 - gap * 3) / 4;
        if (kh < k)
            k = kh;
        if (k > key * 3 / 2)
            k = key * 3 / 2;
        if (k > key)
            key = k;
        pad_w = key * 3 + gap * 2;
        pad_h = key * 4 + gap * 3;
        l->info = rect_cut_top(&area, area.h - pad_h - gap);
        l->pad = rect_center(area, pad_w, pad_h);
    } else {
        /* keys as large as fit in the right half, within reason */
        int avail_h = area.h, avail_w = area.w / 2;
        int k = (avail_h - gap * 3) / 4;
        if ((k * 3 + gap * 2) > avail_w)
            k = (avail_w - gap * 2) / 3;
        if (k > key * 3 / 2)
            k = key * 3 / 2;
        if (k > key)
            key = k;
        pad_w = key * 3 + gap * 2;
        pad_h = key * 4 + gap * 3;
        SDL_Rect right = rect_cut_right(&area, area.w / 2);
        l->info = area;
        l->pad = rect_center(right, pad_w, pad_h);
    }
    for (int i = 0; i < 12; i++) {
        SDL_Rect r = {l->pad.x + (i % 3) * (key + gap), l->pad.y + (i / 3) * (key + gap), key,
                      key};
        l->keys[i] = r;
    }
}

static const int key_ids[12] = {1, 2, 3, 4, 5, 6, 7, 8, 9, ID_ERASE, 0, ID_OK};

static int pin_targets(App *app, Screen *s, const View *v, Target *out, int max)
{
    PinScreen *p = (PinScreen *)s;
    PinLayout l;
    layout(app, v, p, &l);
    bool locked = p->mode == PIN_ENTER && p->locked_until > app->wall;
    int n = 0;
    out[n++] = (Target){ID_CLOSE, ui_header_back_rect(v), false};
    for (int i = 0; i < 12 && n < max; i++)
        out[n++] = (Target){key_ids[i], l.keys[i], locked};
    return n;
}

static void pin_draw(App *app, Screen *s, View *v)
{
    PinScreen *p = (PinScreen *)s;
    const Theme *t = &app->theme;
    if (v->role == VIEW_ROOM) {
        /* The room's screen never shows a PIN being typed. */
        app_draw_below(app, s, v);
        return;
    }
    ui_header(app, v, pin_title(p), ID_CLOSE);
    PinLayout l;
    layout(app, v, p, &l);
    bool locked = p->mode == PIN_ENTER && p->locked_until > app->wall;

    /* The reason, the dots, the message. */
    SDL_Rect info = l.info;
    int gap = ui_gap(v);
    TextStyle rs = {type_px(app, v, TYPE_BODY), FONT_REGULAR, t->text_muted, info.w, ALIGN_LEFT, TYPE_BODY};
    if (p->reason[0]) {
        int h = text_draw(v->text, p->reason, &rs, info.x, info.y);
        rect_cut_top(&info, h + gap * 2);
    }
    if (app->help_waiting > 0 && !p->change) {
        /* the console's lock screen tells staff, without the PIN, that
         * someone is waiting; the console says when */
        TextStyle hs = {type_px(app, v, TYPE_LABEL), FONT_BOLD, t->info, info.w - gap * 3,
                        ALIGN_LEFT, TYPE_LABEL};
        int isz = app_text_px(app, v, 4.4f);
        draw_icon_wave(v->renderer, (SDL_Rect){info.x, info.y, isz, isz}, t->info);
        int h = text_draw(v->text, _("Someone asked for a staff member."), &hs,
                          info.x + isz + gap, info.y);
        rect_cut_top(&info, (h > isz ? h : isz) + gap);
    }
    int dot = (int)(v->unit * 2.2f);
    int n = (int)strlen(p->digits);
    int slots = n > PIN_MIN_DIGITS ? n : PIN_MIN_DIGITS;
    for (int i = 0; i < slots; i++) {
        float cx = (float)info.x + (float)dot * (1.2f + 3.0f * (float)i);
        float cy = (float)info.y + (float)dot * 1.5f;
        if (i < n)
            draw_circle(v->renderer, cx, cy, (float)dot, t->text);
        else
            draw_arc(v->renderer, cx, cy, (float)dot, v->unit * 0.45f, 0, 7, t->text_muted);
    }
    rect_cut_top(&info, dot * 3 + gap * 2);

    char msg[256];
    const char *m = p->message;
    if (locked) {
        int64_t left = (p->locked_until - app->wall + 999) / 1000;
        snprintf(msg, sizeof msg, _("Too many wrong tries. The pad opens again in %d:%02d."),
                 (int)(left / 60), (int)(left % 60));
        m = msg;
    }
    if (m[0]) {
        bool problem = locked || p->message_is_problem;
        TextStyle ms = {type_px(app, v, TYPE_LABEL), problem ? FONT_BOLD : FONT_REGULAR,
                        problem ? t->attention : t->text, info.w, ALIGN_LEFT, TYPE_LABEL};
        if (locked) {
            int isz = app_text_px(app, v, 5.0f);
            draw_icon_lock(v->renderer, (SDL_Rect){info.x, info.y, isz, isz}, t->attention);
            rect_cut_top(&info, isz + gap);
        }
        text_draw(v->text, m, &ms, info.x, info.y);
    }

    for (int i = 0; i < 12; i++) {
        Target tg = {key_ids[i], l.keys[i], locked};
        char label[4];
        if (key_ids[i] <= 9) {
            snprintf(label, sizeof label, "%d", key_ids[i]);
            widget_button(app, v, &tg, label, BUTTON_SECONDARY, NULL);
        } else if (key_ids[i] == ID_ERASE) {
            widget_button(app, v, &tg, NULL, BUTTON_QUIET, draw_icon_erase);
        } else {
            widget_button(app, v, &tg, _("OK"), BUTTON_PRIMARY, NULL);
        }
    }
}

static void pin_destroy(App *app, Screen *s)
{
    PinScreen *p = (PinScreen *)s;
    memset(p, 0, sizeof *p); /* no PIN digits left in freed memory */
    free(p);
}

const ScreenClass pin_screen_class = {
    .name = "pin",
    .enter = pin_enter,
    .event = pin_event,
    .activate = pin_activate,
    .update = pin_update,
    .targets = pin_targets,
    .draw = pin_draw,
    .destroy = pin_destroy,
};

Screen *pin_change_screen_new(App *app)
{
    Screen *s = pin_screen_new(app, _("Changing the facilitator PIN: enter the current PIN "
                                      "first."),
                               NULL, NULL);
    if (s)
        ((PinScreen *)s)->change = true;
    return s;
}

static void open_change(App *app) { app_push(app, pin_change_screen_new(app)); }

const ConsoleTile pin_tile = {N_("Change the PIN"), draw_icon_lock, false, open_change};

Screen *pin_screen_new(App *app, const char *reason, PinDoneFn done, void *ctx)
{
    (void)app;
    PinScreen *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->base.cls = &pin_screen_class;
    p->mode = PIN_ENTER;
    snprintf(p->reason, sizeof p->reason, "%s", reason ? reason : "");
    p->done = done;
    p->ctx = ctx;
    return &p->base;
}
