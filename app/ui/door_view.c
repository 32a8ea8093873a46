/* The door's layout and drawing (the other half of screen_door.c, see
 * door_view.h): where the welcome, the outcome, the rating and the keypad
 * go on each view at the type scale, and how they are drawn. */
#include "ui/door_view.h"

#include "core/catalog.h"
#include "core/clock.h"
#include "core/i18n.h"
#include "ui/draw.h"
#include "ui/rating.h"
#include "ui/screens.h"
#include "ui/widget.h"

#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

/* The arrival question's instrument, or NULL when the catalog has none. */
const Instrument *door_mood(App *app)
{
    return app->catalog ? catalog_instrument(app->catalog, "mood") : NULL;
}

/* Why flow's code was refused, in words, or "", into out. */
static const char *code_note_of(const DoorFlow *f, char *out, size_t n)
{
    const char *why = "";
    switch (f->note) {
    case DOOR_NOTE_SHORT:
        snprintf(out, n,
                 P_("That is %d symbol; a code has %d. Please type the rest from your card.",
                    "That is %d symbols; a code has %d. Please type the rest from your card.",
                    f->note_count),
                 f->note_count, CODE_SYMBOLS);
        return out;
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
    snprintf(out, n, "%s", why);
    return out;
}

/* Why the code was refused, in words, or "". */
const char *door_code_note(DoorScreen *d)
{
    return code_note_of(&d->flow, d->code_note, sizeof d->code_note);
}

/* --- layout -------------------------------------------------------------------------- */

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

/* What the door asks after the lowest arrival answer. */
static const char *ask_staff_question(void)
{
    return _("Thank you for telling us. Would you like a staff member to check in with you "
             "today?");
}

/* The height the small banner (draw_banner) needs for its headline and its
 * whole detail at width, and, in least, for its headline alone. */
static int banner_height(App *app, const View *v, const DoorScreen *d, int width, int *least)
{
    Outcome o;
    door_view_describe(app, d, &o);
    int gap = ui_gap(v);
    TextStyle hs = type_style(app, v, TYPE_TITLE, app->theme.text_on_state, ALIGN_LEFT);
    TextStyle ds = type_style(app, v, TYPE_BODY, app->theme.text_on_state, ALIGN_LEFT);
    ds.weight = FONT_REGULAR;
    /* the text's width beside the largest icon the banner draws */
    int text_w = width - gap * 2 - (int)(v->unit * 12) - gap * 2;
    if (text_w < 1)
        text_w = 1;
    /* the headline's lines (two on a narrow screen at 150 %) */
    int hh = text_height(v->text, o.headline, &hs, text_w);
    *least = hh + gap * 2;
    int dh = text_height(v->text, o.detail, &ds, text_w);
    return hh + dh + gap * 2;
}

/* The line over a typed code: why it was refused (note), else how many
 * symbols are typed and left; its style in cs. */
static void code_count_line(const App *app, const View *v, const DoorFlow *flow, const char *note,
                            char *out, size_t n, TextStyle *cs)
{
    const Theme *t = &app->theme;
    char sym[CODE_MAX][5];
    int k = door_flow_code_symbols(flow, sym, CODE_MAX);
    sodium_memzero(sym, sizeof sym);
    if (note && note[0])
        snprintf(out, n, "%s", note);
    else if (k < CODE_SYMBOLS)
        /* TRANSLATORS: 12 of the code's 16 symbols typed, 4 to go */
        snprintf(out, n, P_("%d of %d typed, %d more to go", "%d of %d typed, %d more to go",
                            CODE_SYMBOLS - k),
                 k, CODE_SYMBOLS, CODE_SYMBOLS - k);
    else if (k == CODE_SYMBOLS)
        snprintf(out, n, "%s", _("All 16 typed: press Enter or Check in"));
    else
        snprintf(out, n, P_("%d symbol too many", "%d symbols too many", k - CODE_SYMBOLS),
                 k - CODE_SYMBOLS);
    *cs = (TextStyle){type_px(app, v, TYPE_BODY), FONT_REGULAR,
                      note && note[0] ? t->attention : t->text_muted, 0, ALIGN_CENTER, TYPE_BODY};
    if (note && note[0])
        cs->weight = FONT_BOLD;
}

/* The height a typed code needs in a box w wide: its count line whole
 * (a refusal may take two lines), then a row of cells two lines tall. */
static int code_need_h(const App *app, const View *v, const DoorFlow *flow, const char *note, int w)
{
    char count[300];
    TextStyle cs;
    code_count_line(app, v, flow, note, count, sizeof count, &cs);
    return text_height(v->text, count, &cs, w > 1 ? w : 1) + ui_gap(v) / 2 +
           type_line_h(app, v, TYPE_BODY) * 2;
}

/* The keypad field's words before a symbol is typed: in the role of the
 * count line that takes their place (one role at every size: the field
 * is as tall as its lines need, layout). */
static const char *keypad_hint(void) { return _("Type the code printed beside your QR code"); }

static TextStyle keypad_hint_style(const App *app, const View *v)
{
    TextStyle fs = type_style(app, v, TYPE_BODY, app->theme.text_muted, ALIGN_CENTER);
    fs.weight = FONT_BOLD;
    return fs;
}

/* The hint's height in a field w wide (its inner box, draw_keypad). */
static int keypad_hint_h(const App *app, const View *v, int w)
{
    TextStyle fs = keypad_hint_style(app, v);
    int in = w - (ui_gap(v) / 2) * 2;
    return text_height(v->text, keypad_hint(), &fs, in > 1 ? in : 1) + (ui_gap(v) / 2) * 2;
}

void door_view_layout(App *app, const View *v, const DoorScreen *d, DoorLayout *l)
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

    const Instrument *in = door_mood(app);
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
            /* two fifths of the width, or the question's longest word
             * ("momento?" at 150 % on a portrait screen), up to three */
            TextStyle ts = type_style(app, v, TYPE_TITLE, app->theme.text, ALIGN_CENTER);
            int lw = m.w * 2 / 5;
            int word = text_widest_word(v->text, text_in(&in->prompt, i18n_lang()), &ts);
            if (word > lw)
                lw = word < m.w * 3 / 5 ? word : m.w * 3 / 5;
            SDL_Rect left = rect_cut_left(&m, lw);
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
        /* the question in the largest role whose lines fit above the two
         * answers (display, title, then body): never cut */
        int room = m.h - gap * 2 - bh;
        static const TypeRole roles[] = {TYPE_DISPLAY, TYPE_TITLE, TYPE_BODY};
        int qh = 0;
        for (size_t k = 0; k < sizeof roles / sizeof roles[0]; k++) {
            TextStyle qs = type_style(app, v, roles[k], app->theme.text, ALIGN_CENTER);
            l->question_role = roles[k];
            qh = text_height(v->text, ask_staff_question(), &qs, m.w);
            if (qh <= room)
                break;
        }
        if (qh < m.h * 3 / 5)
            qh = m.h * 3 / 5 < room ? m.h * 3 / 5 : room;
        l->question = rect_cut_top(&m, qh);
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
        /* a key is a touch target and holds its symbol whole */
        int min = widget_min_touch(v), label_h = type_line_h(app, v, TYPE_LABEL) + ui_pad(app, v);
        if (min < label_h)
            min = label_h;
        /* the field is large enough to read the last symbols typed; on a
         * small screen with large text (or an alert) it gives way first,
         * then the action buttons, never the keys */
        int field = app_text_px(app, v, portrait ? 16.0f : 10.0f);
        /* the actions' row as tall as its wrapped labels ("Registrar
         * entrada" takes two lines in a third of a narrow screen) */
        const char *acts[3] = {_("Erase"), _("Cancel"),
                               d->session.checkout ? _("Check out") : _("Check in")};
        int actions_h = widget_row_h(app, v, acts, 3, m.w, gap);
        if (actions_h < bh)
            actions_h = bh;
        /* the field keeps the lines of its hint whole, and once a symbol
         * is typed its count line over a row of cells (as the welcome
         * gives them, plus the field's inset): at 10 mm the count was cut
         * in half and the symbols spilled out of cells a third their size */
        int least = keypad_hint_h(app, v, m.w) + gap, hint_least = least;
        if (d->flow.code[0]) {
            int inset = (ui_gap(v) / 2) * 2;
            char note[sizeof d->code_note];
            code_note_of(&d->flow, note, sizeof note);
            int code = code_need_h(app, v, &d->flow, note, m.w - inset) + inset;
            least = code > least ? code : least;
        }
        if (field < least)
            field = least;
        int short_by = field + actions_h + gap * 2 + rows * min + kgap * (rows - 1) - m.h;
        if (short_by > 0) {
            field = field - short_by > least ? field - short_by : least;
            short_by = field + actions_h + gap * 2 + rows * min + kgap * (rows - 1) - m.h;
            if (short_by > 0 && !portrait) {
                /* still short (an alert at 150 %): the keys reflow into
                 * fewer, wider rows rather than under 9 mm */
                rows = 3;
                cols = (KEYPAD_KEYS + rows - 1) / rows;
                short_by = field + actions_h + gap * 2 + rows * min + kgap * (rows - 1) - m.h;
            }
            /* and then a typed code's cells give way to the keys (its
             * symbols drop to the body's size, draw_code), never below the
             * hint's lines */
            if (short_by > 0 && field > hint_least)
                field = field - short_by > hint_least ? field - short_by : hint_least;
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
    TextStyle cs;
    code_count_line(app, v, flow, note, count, sizeof count, &cs);
    /* the count line whole, its lines; the cells take what is left. Only
     * where the box cannot hold both (the storage-full alert at 150 % on
     * 800x480, when no check-in can be saved anyway) do the cells go on
     * alone, rather than over the words. */
    int cap_h = text_height(v->text, count, &cs, box.w);
    if (box.h >= cap_h + gap / 2 + type_line_h(app, v, TYPE_BODY)) {
        SDL_Rect cap = rect_cut_top(&box, cap_h);
        rect_cut_top(&box, gap / 2);
        text_draw_box(v->text, count, &cs, cap);
    }

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
    /* the symbols in the title role, or the body's where cells are short
     * (a small screen with an alert): inside their cells either way */
    TextStyle gs = type_style(app, v, type_line_h(app, v, TYPE_TITLE) <= ch ? TYPE_TITLE : TYPE_BODY,
                              t->text, ALIGN_CENTER);
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
        draw_code(app, v, log, ibox, &d->flow, door_code_note(d));
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
void door_view_describe(App *app, const DoorScreen *d, Outcome *o)
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
    door_view_describe(app, d, &o);
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
    int dmin = ds.px;
    int hh = fontset_line_height(app->fonts, FONT_BOLD, hs.px);
    SDL_Rect head = in;
    if (big) {
        /* the headline takes the lines it needs ("We couldn't recognize
         * that" is two at 150 % on a small screen), the title role when
         * the display role's lines would leave the detail no room */
        int lines_h = text_height(v->text, o.headline, &hs, in.w);
        if (lines_h > in.h / 2) {
            hs = type_style(app, v, TYPE_TITLE, t->text_on_state, ALIGN_CENTER);
            lines_h = text_height(v->text, o.headline, &hs, in.w);
        }
        head = rect_cut_top(&in, lines_h < in.h ? lines_h : in.h);
    } else if ((hh = text_height(v->text, o.headline, &hs, in.w)) +
                   fontset_line_height(app->fonts, FONT_REGULAR, dmin) <=
               in.h) {
        /* the headline (its lines) and the detail as one block, centred
         * in the band */
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
        /* room for the headline only, its lines centred */
        hh = text_height(v->text, o.headline, &hs, in.w);
        if (hh < in.h)
            rect_cut_top(&in, (in.h - hh) / 2);
        head = rect_cut_top(&in, hh < in.h ? hh : in.h);
        in.h = 0;
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
        draw_code(app, v, log, in, &d->flow, door_code_note(d));
    } else {
        /* the hint in one role, whole: the field has its lines (layout) */
        TextStyle fs = keypad_hint_style(app, v);
        text_draw_box(v->text, keypad_hint(), &fs, in);
    }
    for (int i = 0; i < KEYPAD_KEYS; i++) {
        char label[2] = {KEYPAD[i], 0};
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

void door_view_draw(App *app, Screen *s, View *v)
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
    door_view_layout(app, v, d, &l);
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
        const Instrument *in = door_mood(app);
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
        TextStyle qs = type_style(app, v, l.question_role, t->text, ALIGN_CENTER);
        text_draw_box(v->text, ask_staff_question(), &qs, l.question);
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

