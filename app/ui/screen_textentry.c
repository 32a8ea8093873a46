/* One line of text over an on-screen keyboard, for a group's name. A real
 * keyboard types into it too. */
#include "core/i18n.h"
#include "core/utf8.h"
#include "ui/draw.h"
#include "ui/screens.h"
#include "ui/widget.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TEXT_MAX 256

enum {
    ID_BACK = 1000,
    ID_SHIFT = 1001,
    ID_SPACE = 1002,
    ID_ERASE = 1003,
    ID_DONE = 1004,
    ID_ACCENTS = 1005
};

/* Keys by row; ids are the index into this table. */
static const char *const rows[4][10] = {
    {"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"},
    {"q", "w", "e", "r", "t", "y", "u", "i", "o", "p"},
    {"a", "s", "d", "f", "g", "h", "j", "k", "l", "\xC3\xB1"},
    {"z", "x", "c", "v", "b", "n", "m", "-", ".", NULL},
};

/* The accent layer takes the digits' row, so the letters stay where they
 * are and "miércoles" or "¿Qué tal?" need one switch, not one per letter:
 * á é í ó ú ü, then the question and exclamation marks Spanish opens and
 * closes with. */
static const char *const accents[10] = {
    "\xC3\xA1", "\xC3\xA9", "\xC3\xAD", "\xC3\xB3", "\xC3\xBA",
    "\xC3\xBC", "\xC2\xBF", "?",          "\xC2\xA1", "!",
};

typedef struct TextEntry {
    Screen base;
    char title[160], hint[200];
    char text[TEXT_MAX];
    int max_chars;
    bool shift;
    bool accents; /* the digits' row shows accented letters and ¿ ? ¡ ! */
    TextDoneFn done;
    void *ctx;
    bool takes_scans; /* a pass scanned here is what is asked for (revoking) */
} TextEntry;

static void append(TextEntry *e, const char *utf8)
{
    size_t len = strlen(e->text), add = strlen(utf8);
    if (utf8_length(e->text) >= (size_t)e->max_chars || len + add >= sizeof e->text)
        return;
    memcpy(e->text + len, utf8, add + 1);
}

static void erase(TextEntry *e)
{
    size_t len = strlen(e->text);
    if (len > 0)
        e->text[utf8_char_start(e->text, len - 1)] = '\0';
}

/* Capitals for the next key: at the start of the name, of a word, or of a
 * Spanish question or exclamation ("¿Qué"); shift turns the next key to
 * the other case, so "miércoles" can follow a space too. */
static bool next_upper(const TextEntry *e)
{
    size_t n = strlen(e->text);
    bool start = n == 0 || e->text[n - 1] == ' ' ||
                 (n >= 2 && (unsigned char)e->text[n - 2] == 0xC2 &&
                  ((unsigned char)e->text[n - 1] == 0xBF || (unsigned char)e->text[n - 1] == 0xA1));
    return start != e->shift;
}

/* Key i's text as it types now: from the accent layer or the letters, a
 * capital when next_upper says so (a-z, and the Latin-1 letters à to þ
 * whose capitals sit 0x20 below them, ñ and the accented vowels among
 * them). NULL for no key. */
static const char *key_text(const TextEntry *e, int i, char out[8])
{
    const char *k = e->accents && i < 10 ? accents[i] : rows[i / 10][i % 10];
    if (!k)
        return NULL;
    snprintf(out, 8, "%s", k);
    unsigned char *u = (unsigned char *)out;
    if (next_upper(e)) {
        if (u[0] >= 'a' && u[0] <= 'z')
            u[0] = (unsigned char)(u[0] - 'a' + 'A');
        else if (u[0] == 0xC3 && u[1] >= 0xA0 && u[1] <= 0xBE && u[1] != 0xB7)
            u[1] = (unsigned char)(u[1] - 0x20);
    }
    return out;
}

static void type_key(TextEntry *e, int i)
{
    char buf[8];
    if (!key_text(e, i, buf))
        return;
    append(e, buf);
    e->shift = false;
}

static void confirm(App *app, TextEntry *e)
{
    /* trim spaces at both ends */
    char *s = e->text;
    while (*s == ' ')
        s++;
    char out[TEXT_MAX];
    snprintf(out, sizeof out, "%s", s);
    size_t n = strlen(out);
    while (n && out[n - 1] == ' ')
        out[--n] = '\0';
    if (!n)
        return;
    TextDoneFn done = e->done;
    void *ctx = e->ctx;
    app_pop(app);
    if (done)
        done(app, ctx, out);
}

/* A pass scanned while this entry asks for one: taken as its text and
 * confirmed, rather than checked in at the door. Wiped once handed on. */
static bool te_scan(App *app, Screen *s, const char *text, size_t len)
{
    TextEntry *e = (TextEntry *)s;
    if (!e->takes_scans)
        return false;
    TextDoneFn done = e->done;
    void *ctx = e->ctx;
    char out[TEXT_MAX];
    snprintf(out, sizeof out, "%.*s", (int)(len < sizeof out - 1 ? len : sizeof out - 1), text);
    app_pop(app);
    if (done)
        done(app, ctx, out);
    sodium_memzero(out, sizeof out);
    return true;
}

void textentry_take_scans(Screen *s)
{
    if (s && s->cls == &textentry_screen_class)
        ((TextEntry *)s)->takes_scans = true;
}

static void te_activate(App *app, Screen *s, int id)
{
    TextEntry *e = (TextEntry *)s;
    if (id == ID_BACK)
        app_pop(app);
    else if (id == ID_SHIFT)
        e->shift = !e->shift;
    else if (id == ID_ACCENTS)
        e->accents = !e->accents;
    else if (id == ID_SPACE)
        append(e, " ");
    else if (id == ID_ERASE)
        erase(e);
    else if (id == ID_DONE)
        confirm(app, e);
    else if (id >= 0 && id < 40)
        type_key(e, id);
    app_targets_changed(app);
}

static bool te_event(App *app, Screen *s, const SDL_Event *ev)
{
    TextEntry *e = (TextEntry *)s;
    if (ev->type == SDL_TEXTINPUT) {
        /* Only printable text: no control characters reach a name. */
        const char *c = ev->text.text;
        for (size_t left = strlen(c); left > 0;) {
            uint32_t cp = 0;
            size_t len = utf8_decode(c, left, &cp);
            if (len == 0) /* not UTF-8: skip the byte */
                len = 1;
            char ch[5] = {0};
            memcpy(ch, c, len);
            if (cp >= 0x20 && cp != 0x7f)
                append(e, ch);
            c += len;
            left -= len;
        }
        return true;
    }
    if (ev->type != SDL_KEYDOWN)
        return false;
    switch (ev->key.keysym.sym) {
    case SDLK_BACKSPACE:
        erase(e);
        return true;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
        if (app_focus_active(app))
            return false; /* Enter activates the focused key */
        confirm(app, e);
        return true;
    case SDLK_ESCAPE:
        app_pop(app);
        return true;
    case SDLK_SPACE:
        if (app_focus_active(app))
            return false;
        return true; /* the space itself arrives as text */
    default:
        return false;
    }
}

typedef struct TeLayout {
    SDL_Rect field, hint, keys[40], shift, accents, space, erase, done;
} TeLayout;

static TextStyle hint_style(const App *app, const View *v)
{
    return (TextStyle){type_px(app, v, TYPE_BODY), FONT_REGULAR, app->theme.text_muted, 0,
                       ALIGN_LEFT, TYPE_BODY};
}

static void layout(App *app, const View *v, const TextEntry *e, TeLayout *l)
{
    SDL_Rect area = view_area(v, 3);
    SDL_Rect back = ui_header_back_rect(v);
    rect_cut_top(&area, back.h + ui_gap(v));
    int gap = (int)(v->unit * 1.2f);
    int fh = app_text_px(app, v, 9.0f);
    l->field = rect_cut_top(&area, fh);
    rect_cut_top(&area, gap);
    int min = widget_min_touch(v);
    /* the hint takes the lines it needs; where the keys at their least
     * leave no room for all of it, it goes (a cut hint helps no one) */
    TextStyle hs = hint_style(app, v);
    int hint_h = e->hint[0] ? text_height(v->text, e->hint, &hs, area.w) : 0;
    if (hint_h > area.h - gap - (min * 5 + gap * 4))
        hint_h = 0;
    l->hint = rect_cut_top(&area, hint_h);
    if (hint_h)
        rect_cut_top(&area, gap);
    /* five rows of keys filling what is left, keys at least 9 mm */
    int key_h = (area.h - gap * 4) / 5;
    if (key_h < min)
        key_h = min;
    int key_w = (area.w - gap * 9) / 10;
    if (key_h > key_w * 3 / 2)
        key_h = key_w * 3 / 2;
    int total_h = key_h * 5 + gap * 4;
    int y0 = area.y + area.h - total_h;
    for (int r = 0; r < 4; r++)
        for (int c = 0; c < 10; c++)
            l->keys[r * 10 + c] = (SDL_Rect){area.x + c * (key_w + gap), y0 + r * (key_h + gap),
                                             key_w, key_h};
    l->erase = l->keys[39];
    SDL_Rect last = {area.x, y0 + 4 * (key_h + gap), area.w, key_h};
    l->shift = rect_cut_left(&last, key_w * 2 + gap);
    rect_cut_left(&last, gap);
    l->accents = rect_cut_left(&last, key_w * 2 + gap);
    rect_cut_left(&last, gap);
    l->done = rect_cut_right(&last, key_w * 3 + gap * 2);
    rect_cut_right(&last, gap);
    l->space = last;
}

static int te_targets(App *app, Screen *s, const View *v, Target *out, int max)
{
    TeLayout l;
    layout(app, v, (const TextEntry *)s, &l);
    int n = 0;
    out[n++] = (Target){ID_BACK, ui_header_back_rect(v), false};
    for (int i = 0; i < 39 && n < max; i++)
        if (rows[i / 10][i % 10])
            out[n++] = (Target){i, l.keys[i], false};
    out[n++] = (Target){ID_ERASE, l.erase, false};
    out[n++] = (Target){ID_SHIFT, l.shift, false};
    out[n++] = (Target){ID_ACCENTS, l.accents, false};
    out[n++] = (Target){ID_SPACE, l.space, false};
    out[n++] = (Target){ID_DONE, l.done, false};
    return n;
}

static void te_draw(App *app, Screen *s, View *v)
{
    TextEntry *e = (TextEntry *)s;
    const Theme *t = &app->theme;
    if (v->role == VIEW_ROOM) {
        app_draw_below(app, s, v);
        return;
    }
    ui_header(app, v, e->title, ID_BACK);
    TeLayout l;
    layout(app, v, e, &l);
    draw_round_rect(v->renderer, l.field, v->unit * 1.5f, t->surface);
    int pad = (int)(v->unit * 2);
    TextStyle fs = {type_px(app, v, TYPE_TITLE), FONT_BOLD, t->text, 0, ALIGN_LEFT, TYPE_TITLE};
    int tw = 0, th = fontset_line_height(app->fonts, FONT_BOLD, fs.px);
    SDL_Rect inner = rect_inset(l.field, pad);
    view_set_clip(v, &inner);
    if (e->text[0]) {
        text_size(v->text, e->text, &fs, &tw, &th);
        int x = inner.x + (tw > inner.w ? inner.w - tw - pad : 0);
        text_draw(v->text, e->text, &fs, x, inner.y + (inner.h - th) / 2);
        tw = x - inner.x + tw;
    }
    view_set_clip(v, NULL);
    /* the caret */
    draw_rect(v->renderer,
              (SDL_Rect){inner.x + tw + 2, inner.y + inner.h / 6, (int)(v->unit * 0.5f) + 1,
                         inner.h * 2 / 3},
              t->accent);
    if (l.hint.h > 0) {
        TextStyle hs = hint_style(app, v);
        hs.wrap = l.hint.w;
        text_draw_box(v->text, e->hint, &hs, l.hint);
    }

    for (int i = 0; i < 39; i++) {
        char label[8];
        if (!key_text(e, i, label))
            continue;
        Target tg = {i, l.keys[i], false};
        widget_button(app, v, &tg, label, BUTTON_SECONDARY, NULL);
    }
    Target er = {ID_ERASE, l.erase, false};
    widget_button(app, v, &er, NULL, BUTTON_SECONDARY, draw_icon_erase);
    Target sh = {ID_SHIFT, l.shift, false};
    /* shift shows the case it brings for the next key */
    widget_button(app, v, &sh, next_upper(e) ? "abc" : "ABC", BUTTON_SECONDARY, NULL);
    /* the switch shows what it brings: accents, or the digits back */
    Target ac = {ID_ACCENTS, l.accents, false};
    widget_button(app, v, &ac, e->accents ? "123" : "\xC3\xA1\xC2\xBF", BUTTON_SECONDARY,
                  NULL);
    Target sp = {ID_SPACE, l.space, false};
    widget_button(app, v, &sp, _("space"), BUTTON_SECONDARY, NULL);
    Target dn = {ID_DONE, l.done, e->text[0] == '\0'};
    widget_button(app, v, &dn, _("Done"), BUTTON_PRIMARY, NULL);
}

static void te_destroy(App *app, Screen *s)
{
    (void)app;
    free(s);
}

const ScreenClass textentry_screen_class = {
    .name = "textentry",
    .event = te_event,
    .activate = te_activate,
    .targets = te_targets,
    .draw = te_draw,
    .destroy = te_destroy,
    .scan = te_scan,
};

Screen *textentry_screen_new(App *app, const char *title, const char *hint, int max_chars,
                             TextDoneFn done, void *ctx)
{
    (void)app;
    TextEntry *e = calloc(1, sizeof *e);
    if (!e)
        return NULL;
    e->base.cls = &textentry_screen_class;
    snprintf(e->title, sizeof e->title, "%s", title);
    snprintf(e->hint, sizeof e->hint, "%s", hint ? hint : "");
    e->max_chars = max_chars > 0 ? max_chars : 64;
    e->done = done;
    e->ctx = ctx;
    return &e->base;
}
