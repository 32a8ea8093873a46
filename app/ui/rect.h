/* Rectangle geometry for layouts: pure arithmetic on SDL_Rect, needing
 * nothing of the app, so every file of ui/ (app.c included) may use it. */
#ifndef HEARTH_RECT_H
#define HEARTH_RECT_H

#include <SDL.h>

/* Layout helpers. */
SDL_Rect rect_inset(SDL_Rect r, int d);
/* Splits r into n equal columns (or rows) with gap between; returns the i-th. */
SDL_Rect rect_col(SDL_Rect r, int n, int i, int gap);
SDL_Rect rect_row(SDL_Rect r, int n, int i, int gap);
/* Takes h pixels off the top (or bottom) of *r and returns them. */
SDL_Rect rect_cut_top(SDL_Rect *r, int h);
SDL_Rect rect_cut_bottom(SDL_Rect *r, int h);
SDL_Rect rect_cut_left(SDL_Rect *r, int w);
SDL_Rect rect_cut_right(SDL_Rect *r, int w);
/* A w x h rectangle centred in r. */
SDL_Rect rect_center(SDL_Rect r, int w, int h);

#endif
