#include "ui/theme.h"

#include <math.h>

static SDL_Color rgb(unsigned hex)
{
    SDL_Color c = {(Uint8)(hex >> 16), (Uint8)(hex >> 8), (Uint8)hex, 255};
    return c;
}

void theme_default(Theme *t)
{
    /* A deep blue-slate evening palette: calm on a TV in a dim group room,
     * readable on a door tablet in daylight. */
    t->bg = rgb(0x132029);
    t->surface = rgb(0x1C2C38);
    t->surface_hi = rgb(0x27394A);
    t->text = rgb(0xF4F1EA);
    t->text_muted = rgb(0xC8D2DA);
    t->accent = rgb(0xF2B765);
    t->text_on_accent = rgb(0x1A1308);
    t->ok = rgb(0x8FD8B0);
    t->info = rgb(0x9CCBF5);
    t->attention = rgb(0xF5B49B);
    t->text_on_state = rgb(0x0F1A20);
    t->focus = rgb(0xFFE08A);
    t->line = rgb(0x4A5D6C);
    t->edge = t->bg;
    t->focus_units = 0.7f;
    t->high_contrast = false;
}

void theme_high_contrast(Theme *t)
{
    /* Black, white and light tints: every text at 15:1 or more, the
     * state colours light enough for black text on them, and surfaces
     * that differ from the background by their outline, not their shade. */
    t->bg = rgb(0x000000);
    t->surface = rgb(0x0E0E0E);
    t->surface_hi = rgb(0x1C1C1C);
    t->text = rgb(0xFFFFFF);
    t->text_muted = rgb(0xF0F0F0);
    t->accent = rgb(0xFFD866);
    t->text_on_accent = rgb(0x000000);
    t->ok = rgb(0x9AF5BC);
    t->info = rgb(0xA9DBFF);
    t->attention = rgb(0xFFC2A8);
    t->text_on_state = rgb(0x000000);
    t->focus = rgb(0xFFFF3D);
    t->line = rgb(0xD8D8D8);
    t->edge = rgb(0xFFFFFF);
    t->focus_units = 1.3f;
    t->high_contrast = true;
}

void theme_for(Theme *t, bool high_contrast)
{
    if (high_contrast)
        theme_high_contrast(t);
    else
        theme_default(t);
}

static double channel(Uint8 c)
{
    double v = c / 255.0;
    return v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}

static double luminance(SDL_Color c)
{
    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

double theme_contrast(SDL_Color a, SDL_Color b)
{
    double la = luminance(a), lb = luminance(b);
    if (la < lb) {
        double t = la;
        la = lb;
        lb = t;
    }
    return (la + 0.05) / (lb + 0.05);
}

int theme_text_pairs(const Theme *t, ThemePair *out, int max)
{
    const ThemePair all[] = {
        {"text on bg", t->text, t->bg},
        {"text on surface", t->text, t->surface},
        {"text on surface_hi", t->text, t->surface_hi},
        {"muted on bg", t->text_muted, t->bg},
        {"muted on surface", t->text_muted, t->surface},
        {"on_accent on accent", t->text_on_accent, t->accent},
        {"on_state on ok", t->text_on_state, t->ok},
        {"on_state on info", t->text_on_state, t->info},
        {"on_state on attention", t->text_on_state, t->attention},
        {"focus on bg", t->focus, t->bg},
        {"muted on surface_hi", t->text_muted, t->surface_hi},
        {"accent on surface", t->accent, t->surface},
        {"ok on surface", t->ok, t->surface},
        {"attention on surface", t->attention, t->surface},
        {"on_accent on pressed accent", t->text_on_accent, theme_mix(t->accent, t->text, 0.35f)},
        {"text on pressed secondary", t->text, theme_mix(t->surface_hi, t->bg, 0.5f)},
        {"accent on bg", t->accent, t->bg},
        {"ok on bg", t->ok, t->bg},
        {"info on bg", t->info, t->bg},
        {"attention on bg", t->attention, t->bg},
    };
    int n = (int)(sizeof all / sizeof all[0]);
    if (n > max)
        n = max;
    for (int i = 0; i < n; i++)
        out[i] = all[i];
    return n;
}

SDL_Color theme_mix(SDL_Color a, SDL_Color b, float t)
{
    SDL_Color c = {(Uint8)lroundf(a.r + (b.r - a.r) * t), (Uint8)lroundf(a.g + (b.g - a.g) * t),
                   (Uint8)lroundf(a.b + (b.b - a.b) * t), (Uint8)lroundf(a.a + (b.a - a.a) * t)};
    return c;
}
