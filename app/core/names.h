/* Names that are nearly the same. Staff type a group's name each time they
 * open a session; "DBT skills - tue am" or "DBT Skils - Tue AM" for an
 * existing "DBT Skills - Tue AM" would quietly start a second group and
 * split its trends in two. A near miss is a name that, once both are
 * folded (case, accents' capitals, spaces), is the same or one or two
 * letters away (an insertion, a deletion, a change or two neighbours
 * swapped). Pure: no store, no locale. */
#ifndef HEARTH_NAMES_H
#define HEARTH_NAMES_H

#include <stdbool.h>

/* How far apart two names are once folded: 0 when they differ only in case
 * or spacing; else the number of letters inserted, deleted, changed or
 * swapped with a neighbour to turn one into the other (optimal string
 * alignment). Counted in characters, not bytes; names over 128 characters
 * or not valid UTF-8 are compared up to where they stop being comparable
 * and count as far apart (a large number). */
int names_distance(const char *a, const char *b);

/* True when b is a near miss of a: not the same text, but the same once
 * folded, or one letter away (names of up to 7 folded characters) or two
 * (longer names). */
bool names_near_miss(const char *a, const char *b);

#endif
