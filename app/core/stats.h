/* Descriptive statistics over rating answers, the change around an
 * exercise, and small-cell suppression for everything that is shown or
 * exported. Pure and allocation-free: every function reads the caller's
 * arrays and never reorders them, so a round's answers can be summarised
 * in place. Answers are whole numbers (a scale such as 0 to 10); counts of
 * answers are size_t; a threshold K is an int as the settings keep it. */
#ifndef HEARTH_STATS_H
#define HEARTH_STATS_H

#include <stdbool.h>
#include <stddef.h>

/* The summary of one sample. Quartiles follow Hyndman and Fan's type 7, the
 * default of R's quantile() and NumPy's percentile(): for the sorted
 * answers x[0] <= ... <= x[n-1] and a fraction p, let h = (n-1)p, then
 * Q(p) = x[floor h] + (h - floor h) * (x[floor h + 1] - x[floor h]).
 * The median is Q(1/2): the middle answer, or the mean of the two middle
 * ones. A reader can redo any figure with R or a spreadsheet's
 * QUARTILE.INC and get the same number.
 *
 * With no answers every figure is NAN. With one answer the standard
 * deviation is NAN, not 0: a single answer says nothing about spread, and a
 * 0 would claim that the group agreed perfectly. Callers print NAN as an
 * empty field or a dash, never as "nan". */
typedef struct StatsSummary {
    size_t n;
    double mean;
    double sd;      /* sample standard deviation, divisor n - 1 */
    double median;
    double q1;      /* first quartile, Q(1/4) */
    double q3;      /* third quartile, Q(3/4) */
} StatsSummary;

/* Summarises n answers (in any order; values is not changed). Returns false
 * when n is 0, with n = 0 and every figure NAN. */
bool stats_summarize(const int *values, size_t n, StatsSummary *out);

/* The same summary from counts per scale point: counts[i] answers of value
 * lo + i, for i in 0..hi - lo (a session's answers as the database groups
 * them, or the counts another kiosk exported). Gives exactly what
 * stats_summarize gives on the answers written out. Returns false when
 * there are none. */
bool stats_summarize_counts(const size_t *counts, int lo, int hi, StatsSummary *out);

/* The median of n answers (type 7, as above); NAN when n is 0. */
double stats_median(const int *values, size_t n);

/* Counts the answers on each point of a scale lo..hi: counts[v - lo] for
 * value v, so counts holds hi - lo + 1 entries (all overwritten; lo > hi
 * is a programmer's bug and aborts). Returns how many answers fell outside
 * the scale; they are counted nowhere. */
size_t stats_count_values(const int *values, size_t n, int lo, int hi, size_t *counts);

/* The change from a round before an exercise (pre) to one after it (post).
 * Two kinds, and reports must say which one they show:
 *
 * - Paired (pseudonymous answers, the same person in both rounds): change
 *   is the median of each person's own difference post - pre. It answers
 *   "how much did the typical person move".
 * - Unpaired (anonymous rounds, nothing links the two): change is the
 *   difference of medians, median(post) - median(pre). It answers "how much
 *   did the group's middle answer move".
 *
 * The two differ in general: pre 1, 5, 9 and post 2, 9, 8 give a paired
 * change of +1 (differences 1, 4, -1) and an unpaired change of +3 (8 - 5).
 * A positive change means higher answers after; whether higher is better is
 * the instrument's business. */
typedef struct StatsChange {
    bool paired;
    size_t n_pre;       /* paired: the number of pairs, as n_post */
    size_t n_post;
    double median_pre;
    double median_post;
    double change;      /* NAN when either side has no answers */
} StatsChange;

/* Paired change: pre[i] and post[i] are the same person's two answers, for
 * n people who answered both rounds (callers drop those who answered only
 * one). Returns false when n is 0. */
bool stats_change_paired(const int *pre, const int *post, size_t n, StatsChange *out);

/* Unpaired change between two independent samples. Returns false when
 * either is empty. */
bool stats_change_unpaired(const int *pre, size_t n_pre, const int *post, size_t n_post,
                           StatsChange *out);

/* True when a statistic resting on n answers may be shown under threshold
 * min_cell (K): n >= K. A K of 1 or less means no threshold, but a
 * statistic of no answers is never shown. */
bool stats_enough_answers(size_t n, int min_cell);

/* Why a cell of a table is shown or withheld. Print both withheld kinds
 * with the same mark: telling them apart would tell a reader which blank
 * holds few answers. The kinds are for tests and the audit log. */
typedef enum StatsCell {
    STATS_CELL_SHOWN = 0,
    STATS_CELL_SMALL,      /* withheld: it holds 1 to K - 1 answers */
    STATS_CELL_COMPLEMENT  /* withheld: showing it would give a small cell away */
} StatsCell;

/* Small-cell suppression for one group of counts that add up to a total:
 * one session's answers split by scale point or by phase, a week's
 * attendance split by session, and the like. The policy, in plain words:
 *
 *   A number resting on fewer than K answers is withheld (K is 5 unless
 *   staff chose another; 11 for reports that leave the clinic; K = 1 turns
 *   suppression off). We assume a reader knows each group's total, even
 *   where it is printed elsewhere, and subtracts what is shown from it. So
 *   when a count is withheld, the next smallest counts are withheld with it
 *   until (a) at least two counts are withheld, (b) together they hold K
 *   answers or more, and (c) they cannot be worked out from their sum
 *   alone (as when every one of them would have to be 1). Zeros are shown,
 *   and withheld only when nothing else is left to withhold. A group whose
 *   total rests on fewer than K answers is withheld whole, its total and
 *   its zeros included; and when withholding every count is still not
 *   enough, the total is withheld too.
 *
 *   Equal counts are treated alike: when one has to be withheld as the
 *   next smallest, so are its equals.
 *
 * cells holds ncells counts; state receives each cell's verdict (ncells
 * entries). The verdicts depend on the counts only, never on the order of
 * the cells, so a reader cannot tell which blank holds which count by
 * where it stands. Returns the verdict on the total: when it is not
 * STATS_CELL_SHOWN, the caller must withhold the total wherever else it
 * prints it too.
 *
 * This protects a group against its own total. A table whose cells also
 * add up along a second direction (rows and columns both totalled) needs
 * more than one pass per direction; this function does not do that. */
StatsCell stats_suppress_group(const size_t *cells, size_t ncells, int min_cell,
                               StatsCell *state);

#endif
