/* The answer scale of an instrument, as people tap it: five faces, a row of
 * numbered buttons, or a 0-10 bar. Shared by the door's arrival and
 * check-out ratings and by the rating rounds. */
#ifndef HEARTH_RATING_H
#define HEARTH_RATING_H

#include "core/catalog.h"
#include "ui/app.h"

/* The targets of the scale laid out in area: one per value, id0 + value -
 * min, in order. Returns how many (at most max). */
int rating_targets(App *app, const View *v, const Instrument *in, SDL_Rect area, int id0,
                   Target *out, int max);

/* Draws the scale in area with the end (and middle) labels; selected is a
 * value chosen with the keyboard (highlighted), or below min for none. */
void rating_draw(App *app, View *v, const Instrument *in, SDL_Rect area, int id0, int selected);

#endif
