/* The answer scale of an instrument, as people tap it: five faces, a row of
 * numbered buttons, or a 0-10 bar. Shared by the door's arrival and
 * check-out ratings and by the rating rounds.
 *
 * Faces stay large enough to tap comfortably (half as much again as the
 * 9 mm minimum whenever the area allows), each with its number and, for
 * the ends and the middle, its label right under it. An area much taller
 * than one row of faces needs (a portrait screen) gets the faces in a
 * column instead, best at the top, each face in a row of its own with its
 * number and label beside it; the whole row is the target. */
#ifndef HEARTH_RATING_H
#define HEARTH_RATING_H

#include "core/catalog.h"
#include "ui/app.h"
#include "ui/textlog.h"

/* The targets of the scale laid out in area: one per value, id0 + value -
 * min, in reading order (left to right, or top to bottom in a column).
 * Returns how many (at most max). */
int rating_targets(App *app, const View *v, const Instrument *in, SDL_Rect area, int id0,
                   Target *out, int max);

/* Draws the scale in area with the end (and middle) labels; selected is a
 * value chosen with the keyboard (highlighted), or below min for none.
 * The numbers and labels drawn are noted in log (when not NULL). */
void rating_draw(App *app, View *v, const Instrument *in, SDL_Rect area, int id0, int selected,
                 TextLog *log);

/* The height the scale needs in an area width wide to keep its keys
 * comfortable (faces half as much again as the 9 mm minimum) with their
 * numbers and labels: a row, or on a portrait view the column of faces
 * that suits it. For screens that share their height between the scale
 * and other things. */
int rating_comfortable_height(App *app, const View *v, const Instrument *in, int width);

/* The height of a row of comfortable faces (or of the scale's keys) with
 * their numbers and labels, in an area width wide, on any view: for a
 * portrait screen too short for the column. */
int rating_row_height(App *app, const View *v, const Instrument *in, int width);

/* Which way an arrow key moves the keyboard's choice along the scale as
 * laid out in area: +1 towards max, -1 towards min, 0 when the key does
 * not run along it (it may move the focus instead). */
int rating_arrow_step(App *app, const View *v, const Instrument *in, SDL_Rect area,
                      SDL_Keycode key);

#endif
