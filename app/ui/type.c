#include "ui/type.h"

#include <math.h>

/* Each role: its share of the shorter side (in layout units, 1/100 of
 * it), its minimum on the real screen, and its usual weight. At the
 * default density of an unmeasured 800x480 screen (133 dpi, about 5.2
 * px/mm, 4.8 px a unit) the two agree within a pixel or two; a dense
 * small screen reaches the minimum, a TV the share. */
static const struct {
    const char *name;
    float units;
    float min_mm;
    FontWeight weight;
} roles[TYPE_ROLES] = {
    [TYPE_NONE] = {"none", 3.6f, 3.0f, FONT_REGULAR},
    [TYPE_CAPTION] = {"caption", 3.1f, 2.6f, FONT_REGULAR},
    [TYPE_BODY] = {"body", 3.6f, 3.0f, FONT_REGULAR},
    [TYPE_LABEL] = {"label", 3.6f, 3.0f, FONT_BOLD},
    [TYPE_TITLE] = {"title", 5.0f, 4.2f, FONT_BOLD},
    [TYPE_NUMERAL] = {"numeral", 6.6f, 5.5f, FONT_BOLD},
    [TYPE_DISPLAY] = {"display", 8.0f, 6.6f, FONT_BOLD},
};

const char *type_role_name(TypeRole role)
{
    return role >= 0 && role < TYPE_ROLES ? roles[role].name : "?";
}

float type_min_mm(TypeRole role) { return role >= 0 && role < TYPE_ROLES ? roles[role].min_mm : 0; }

int type_px_at(const View *v, TypeRole role, int scale)
{
    if (role < 0 || role >= TYPE_ROLES)
        role = TYPE_BODY;
    float share = roles[role].units * v->unit;
    float least = roles[role].min_mm * v->px_per_mm;
    float px = (share > least ? share : least) * (float)scale / 100.0f;
    return (int)lroundf(px);
}

int type_px(const App *app, const View *v, TypeRole role)
{
    return type_px_at(v, role, app->settings.text_scale);
}

int type_min_px(const View *v, TypeRole role, int scale)
{
    if (role < 0 || role >= TYPE_ROLES)
        return 0;
    return (int)floorf(roles[role].min_mm * v->px_per_mm * (float)scale / 100.0f);
}

TextStyle type_style(const App *app, const View *v, TypeRole role, SDL_Color c, TextAlign a)
{
    TextStyle st = {type_px(app, v, role), roles[role].weight, c, 0, a, role};
    return st;
}

int type_line_h(const App *app, const View *v, TypeRole role)
{
    return fontset_line_height(app->fonts, roles[role].weight, type_px(app, v, role));
}

int type_height(const App *app, View *v, TypeRole role, const char *text, int width)
{
    TextStyle st = type_style(app, v, role, app->theme.text, ALIGN_LEFT);
    return text_height(v->text, text, &st, width);
}

int ui_pad(const App *app, const View *v)
{
    int px = type_px(app, v, TYPE_LABEL);
    return (int)fmaxf(v->unit * 1.6f, (float)px * 0.45f);
}
