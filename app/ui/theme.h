/* The look: colours chosen for at least 7:1 contrast (WCAG AAA) between
 * every text colour and the surfaces it sits on, and sizes in layout units
 * (1/100 of the shorter side of the view). */
#ifndef HEARTH_THEME_H
#define HEARTH_THEME_H

#include <SDL.h>
#include <stdbool.h>

typedef struct Theme {
    SDL_Color bg;          /* the calm background */
    SDL_Color surface;     /* cards and panels */
    SDL_Color surface_hi;  /* pressed or raised */
    SDL_Color text;        /* body text */
    SDL_Color text_muted;  /* secondary text, still 7:1 on bg and surface */
    SDL_Color accent;      /* primary buttons (with text_on_accent) */
    SDL_Color text_on_accent;
    SDL_Color ok;          /* "checked in" */
    SDL_Color info;        /* "welcome back" */
    SDL_Color attention;   /* "not recognized": warm, never alarming red */
    SDL_Color text_on_state; /* text on ok, info and attention fills */
    SDL_Color focus;       /* keyboard focus ring */
    SDL_Color line;        /* hairlines, chart axes (not text) */
    SDL_Color edge;        /* the outline of cards and buttons (high contrast), or bg */
    float focus_units;     /* the focus ring's thickness in layout units */
    bool high_contrast;
} Theme;

/* The default theme: a calm evening palette, 7:1 for every text. */
void theme_default(Theme *t);

/* The high-contrast theme: white and light tints on black, 7:1 and far
 * more for every text (secondary text too), cards and buttons outlined
 * rather than told apart by a shade, a thicker focus ring. */
void theme_high_contrast(Theme *t);

/* The theme the settings ask for. */
void theme_for(Theme *t, bool high_contrast);

/* WCAG relative-luminance contrast ratio of two colours (1 to 21). */
double theme_contrast(SDL_Color a, SDL_Color b);

/* Each text colour with each surface it is drawn on, for the contrast test. */
typedef struct ThemePair {
    const char *name;
    SDL_Color fg, bg;
} ThemePair;
int theme_text_pairs(const Theme *t, ThemePair *out, int max);

/* Blends a colour towards another (0 = a, 1 = b). */
SDL_Color theme_mix(SDL_Color a, SDL_Color b, float t);

#endif
