/* What a view drew, for tests: every text with the rectangle its lines
 * fill, the box it was given, its role in the type scale, its size and
 * colour, and how it stood out from the pixels behind it. The UI tests
 * attach a TextLog to a view's text cache (text_cache_set_log); the kiosk
 * attaches none and pays nothing. Tests check the screens' promises on
 * what was really drawn, not on what a layout meant to draw: nothing cut,
 * nothing overlapping, every size its role's, 7:1 against what is behind.
 */
#ifndef HEARTH_TEXTLOG_H
#define HEARTH_TEXTLOG_H

#include "ui/text.h"

#include <SDL.h>
#include <stdbool.h>

/* enough for the busiest screen (the keyboard, a long list) */
#define TEXTLOG_MAX 320

typedef struct ScreenText {
    SDL_Rect box;     /* where the drawn lines lie */
    SDL_Rect room;    /* the box it was given (its own box when drawn at a point) */
    SDL_Rect clip;    /* the renderer's clip then (the whole view when none) */
    int px;           /* the size it was drawn at */
    int lines;
    TypeRole role;
    SDL_Color color;
    bool cut;         /* it did not fit its room and was cut at it */
    bool wide_word;   /* a word wider than its room stuck out */
    double contrast;  /* the lowest against a colour covering 3 % or more of
                         the pixels behind it, before it was drawn */
    SDL_Color behind; /* that colour */
    char text[256];   /* its first 255 bytes */
} ScreenText;

typedef struct TextLog {
    ScreenText items[TEXTLOG_MAX];
    int n;
    bool full;        /* more was drawn than it holds */
    bool measure;     /* measure contrast against the pixels behind (slow) */
    int at; /* where a partial frame's texts go (drawing order); -1 the end */
} TextLog;

/* Forgets what was drawn (at the start of a frame). */
void textlog_clear(TextLog *log);
/* At the start of a frame that redraws only clip (app_invalidate_rect):
 * forgets what lay in it, keeps what the frame leaves on screen. */
void textlog_begin(TextLog *log, SDL_Rect clip);

/* Something opaque now covers rect (a dialog's scrim, a note over the
 * screen): texts under it are no longer on screen. */
void textlog_cover(TextLog *log, SDL_Rect rect);

/* Notes a text about to be drawn with renderer r (text.c calls this before
 * it draws, so the pixels behind it are still those of what is under it). */
void textlog_note(TextLog *log, SDL_Renderer *r, const char *utf8, const TextStyle *st,
                  SDL_Rect box, SDL_Rect room, int lines, bool cut, bool wide_word);

/* The first entry whose text contains needle, or NULL. */
const ScreenText *textlog_find(const TextLog *log, const char *needle);

#endif
