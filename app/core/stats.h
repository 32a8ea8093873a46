/* What may be shown of a set of answers: the disclosure rule of every
 * report, trend chart and round result. Pure and allocation-free.
 *
 * Answers are whole numbers on a scale within 0..STATS_VALUE_MAX (the
 * catalog refuses wider ones). A cell is one set of answers that no other
 * shown figure shares: one session's arrival (or check-out) answers to one
 * instrument, or one round's. Everything shown of a cell is computed from
 * its counts per scale point by stats_disclose, and nothing else about a
 * cell is ever shown. The rule, in plain words:
 *
 *  - A cell of fewer than K answers shows nothing, not even how many.
 *  - A cell of K or more shows how many (n) and its middle answer: the
 *    ceil(n/2)-th smallest. It is an answer someone gave, never the mean of
 *    two: "3.5" would say that exactly half answered 3 or less.
 *  - From 7 answers it also shows the middle half: the ceil(n/4)-th and
 *    ceil(3n/4)-th smallest answers (the quartiles by nearest rank).
 *  - Counts per scale point, means and standard deviations are never shown
 *    (K = 1, which only the library's tests use, shows the counts).
 *
 * Why this holds. Saying that the r-th smallest answer is q says that at
 * least r answers are q or below and at most r - 1 are below q. With the
 * ranks above, r is at least 2, at most n - 1, and two ranks shown
 * together are at least 2 apart (check: n = 7 gives 2, 4, 6). So for every
 * scale point v, the number of answers at or below v is only known to lie
 * in a range of two or more values, and so is the number at any one point
 * or between any two points, unless it is 0. No count from 1 to K - 1 can
 * be worked out, from one cell or from any number of files: a cell's
 * figures are the same in every export, and every total shown (attendance
 * over a period, an exercise's ranking) is computed from shown figures
 * only. tests/unit/test_stats.c checks the claim by enumerating every
 * distribution of small cells, and tests/attack attacks real exports. */
#ifndef HEARTH_STATS_H
#define HEARTH_STATS_H

#include <stdbool.h>
#include <stddef.h>

#define STATS_VALUE_MAX 10      /* answers lie in 0..10 */
#define STATS_QUARTILES_FROM 7  /* n from which the middle half is shown */
#define STATS_MIN_CELL_OFF 1    /* K = 1: nothing withheld, for the library's tests only */
#define STATS_MIN_CELL_FLOOR 3  /* no other K is lower than this */
#define STATS_MIN_CELL_MAX 1000

/* What may be shown of one cell under a threshold K. */
typedef struct StatsShown {
    bool shown;          /* n >= K: what follows may be shown; else nothing */
    int n;               /* 0 while not shown */
    bool has_median;
    int median;          /* the ceil(n/2)-th smallest answer */
    bool has_quartiles;
    int q1, q3;          /* the ceil(n/4)-th and ceil(3n/4)-th smallest */
    bool has_counts;     /* only at K = 1, the tests' ground truth */
    int counts[STATS_VALUE_MAX + 1]; /* by value; all 0 unless has_counts */
} StatsShown;

/* True for a threshold staff may choose and a file may carry:
 * STATS_MIN_CELL_FLOOR to STATS_MIN_CELL_MAX (never STATS_MIN_CELL_OFF,
 * which only the library's tests use). */
bool stats_min_cell_valid(int min_cell);

/* True when a count of n people (a session's attendance) may be shown
 * under K: none at all, or K or more. */
bool stats_count_shown(int n, int min_cell);

/* Applies the rule to a cell given as counts by value (counts[v] answers of
 * value v, v in 0..STATS_VALUE_MAX; negative counts are a programmer's bug
 * and abort). A K below the floor other than 1 is taken as the floor.
 * Returns out->shown. */
bool stats_disclose(const int counts[STATS_VALUE_MAX + 1], int min_cell, StatsShown *out);

/* Applies this kiosk's K again to a cell another kiosk showed (n and the
 * figures it showed; a figure it did not show is negative). Only what both
 * rules allow stays. Returns out->shown. */
bool stats_disclose_shown(int n, int median, int q1, int q3, int min_cell, StatsShown *out);

/* The r-th smallest answer (1-based) of a cell given as counts by value;
 * -1 when the cell has fewer than r answers or r is 0. */
int stats_rank_value(const int counts[STATS_VALUE_MAX + 1], int r);

/* The ranks shown for n answers: the median's, and the quartiles' (0 when
 * n is too small for them). */
int stats_median_rank(int n);
void stats_quartile_ranks(int n, int *r1, int *r3);

/* Adds n answers (values in 0..STATS_VALUE_MAX) to counts by value.
 * Returns how many fell outside that range; they are counted nowhere. */
size_t stats_count_values(const int *values, size_t n, int counts[STATS_VALUE_MAX + 1]);

/* Pooling: the program's server (app/program) adds up the cells of
 * several kiosk sessions of one group on one day (two doors, or a
 * session closed and opened again) into one program-wide cell, and a
 * session's attendances likewise. The kiosks' own exports may show the
 * parts on their own, so a pooled figure must not let anyone subtract a
 * shown part from the pool and pin what is left: a pooled count is shown
 * when it is 0 or at least K and, whichever of its parts an export may
 * show (any part of STATS_MIN_CELL_FLOOR or more; smaller parts are never
 * shown anywhere), what is left is 0 or at least K. A cell that passes
 * shows the figures stats_disclose gives its pooled counts. With one part
 * this is stats_count_shown. parts may hold zeros; nparts 0 is a pool of
 * nothing (shown: 0). */
bool stats_pool_shown(int total, const int *parts, int nparts, int min_cell);

/* The change of a shown figure from before to after (post - pre): the
 * difference of the two middle answers when both cells show one. Returns
 * false otherwise. */
bool stats_change(const StatsShown *pre, const StatsShown *post, int *change);

#endif
