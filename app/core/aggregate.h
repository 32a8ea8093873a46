/* What a kiosk publishes of one closed session to the program's server:
 * for each cell (an instrument's answers on arrival or at check-out, the
 * rounds before and after an exercise run, a facilitator's round) the
 * count at each scale point, the attendance, the group, the date and the
 * kiosk's id. Nothing else: no pass, no pseudonym, no per-person row and
 * no time finer than the session's date. The store fills it
 * (store/store_publish.h) and app/program sends it. */
#ifndef HEARTH_AGGREGATE_H
#define HEARTH_AGGREGATE_H

#include "core/catalog.h"
#include "core/stats.h"

#include <stdbool.h>

#define AGGREGATE_GROUP_MAX 257 /* a group's name in UTF-8 (64 characters) */
#define AGGREGATE_SITE_MAX 129  /* [program] site in hearth.ini */

typedef struct AggregateCell {
    char instrument[CATALOG_ID_MAX + 1];
    char phase[12];       /* "arrival", "pre", "post", "checkout", "round" */
    char part[40];        /* "" at the door; the exercise run's id; the round's id */
    char exercise[CATALOG_ID_MAX + 1]; /* pre and post: the run's exercise, else "" */
    int counts[STATS_VALUE_MAX + 1];   /* answers at each scale point */
} AggregateCell;

typedef struct SessionAggregate {
    char id[40];          /* the session's UUID: publishing is idempotent by it */
    char kiosk[40];       /* the kiosk's UUID */
    char site[AGGREGATE_SITE_MAX];
    char group[AGGREGATE_GROUP_MAX];
    char date[16];        /* the UTC date it opened, "2026-11-24"; never a time */
    int attendance;       /* people checked in */
    bool demo;            /* the kiosk holds demo data */
    AggregateCell *cells;
    int ncells;
    int capcells;
} SessionAggregate;

/* Adds count answers of one value to a cell, made when new (cells are
 * found by instrument, phase and part). False when out of memory or the
 * value lies off the scale 0..STATS_VALUE_MAX. */
bool aggregate_add(SessionAggregate *a, const char *instrument, const char *phase,
                   const char *part, const char *exercise, int value, int count);

/* How many answers a cell holds. */
int aggregate_cell_n(const AggregateCell *c);

/* Frees the cells; the rest of the struct stays as it was. */
void aggregate_free(SessionAggregate *a);

#endif
