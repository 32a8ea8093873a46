/* What a screen drew, for tests: each fitted text with the box its ink
 * fills and the size it was drawn at. The shared screen promises things
 * about its text (the prompt never below 1/20 of the height, the count
 * never touching a button, the median on the reveal); a screen keeps a
 * TextLog of its main view so that UI tests can check those promises on
 * what was really drawn, not on what the layout meant to draw. */
#ifndef HEARTH_TEXTLOG_H
#define HEARTH_TEXTLOG_H

#include "ui/text.h"

#include <SDL.h>

/* enough for a screen that draws a code one symbol at a time */
#define TEXTLOG_MAX 64

typedef struct ScreenText {
    SDL_Rect box;   /* where the drawn text lies (within the box it was fitted in) */
    int px;         /* the size it was drawn at */
    char text[256]; /* its first 255 bytes */
} ScreenText;

typedef struct TextLog {
    ScreenText items[TEXTLOG_MAX];
    int n;
    int at; /* where a partial frame's texts go (drawing order); -1 the end */
} TextLog;

/* Forgets what was drawn (at the start of a screen's draw). */
void textlog_clear(TextLog *log);
/* At the start of a frame that redraws only clip (app_invalidate_rect):
 * forgets what lay in it, keeps what the frame leaves on screen. */
void textlog_begin(TextLog *log, SDL_Rect clip);

/* text_draw_fit, noting what was drawn in log (when not NULL). Returns the
 * size used. */
int textlog_fit(TextLog *log, TextCache *tc, const char *utf8, const TextStyle *st, int min_px,
                SDL_Rect box);

/* text_draw (one line at x, y by the style's alignment), noting it. */
void textlog_draw(TextLog *log, TextCache *tc, const char *utf8, const TextStyle *st, int x, int y);

/* The first entry whose text contains needle, or NULL. */
const ScreenText *textlog_find(const TextLog *log, const char *needle);

#endif
