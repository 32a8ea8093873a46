#include "core/stats.h"

#include "core/log.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

/* A sample read in place: value i is a[i], or a[i] - b[i] when b is set (the
 * per-person differences of a paired change), so no copy is ever made.
 * Differences of two ints need more than an int, hence long long. */
typedef struct Sample {
    const int *a;
    const int *b;
    size_t n;
} Sample;

static long long sample_at(const Sample *s, size_t i)
{
    return s->b ? (long long)s->a[i] - s->b[i] : s->a[i];
}

/* The k-th smallest value (0-based) without sorting: the smallest v for
 * which at least k + 1 values are <= v, found by bisection over the range of
 * values. O(n log range): a handful of passes for a 0..10 scale, at most 33
 * for any int difference, and no scratch memory for thousands of answers. */
static long long sample_kth(const Sample *s, size_t k)
{
    long long lo = sample_at(s, 0), hi = lo;
    for (size_t i = 1; i < s->n; i++) {
        long long v = sample_at(s, i);
        if (v < lo)
            lo = v;
        if (v > hi)
            hi = v;
    }
    while (lo < hi) {
        long long mid = lo + (hi - lo) / 2; /* no overflow, rounds toward lo */
        size_t le = 0;
        for (size_t i = 0; i < s->n; i++)
            le += sample_at(s, i) <= mid;
        if (le >= k + 1)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

/* Type 7 quantile at p = quarter / 4. Exact integer arithmetic for the
 * position h = (n - 1) * quarter / 4, so that a median of an odd sample is
 * exactly its middle answer, with no rounding in between. */
static double sample_quartile(const Sample *s, unsigned quarter)
{
    if (s->n == 0)
        return NAN;
    size_t num = (s->n - 1) * quarter;
    size_t lo = num / 4, rem = num % 4;
    double x = (double)sample_kth(s, lo);
    if (rem == 0)
        return x;
    double y = (double)sample_kth(s, lo + 1);
    return x + (double)rem / 4.0 * (y - x);
}

bool stats_summarize(const int *values, size_t n, StatsSummary *out)
{
    out->n = n;
    if (n == 0) {
        out->mean = out->sd = out->median = out->q1 = out->q3 = NAN;
        return false;
    }
    Sample s = {values, NULL, n};

    /* Summed exactly in 64 bits (ints below 2^31, fewer than 2^32 of them)
     * so the mean rounds once, at the division. */
    long long sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += values[i];
    out->mean = (double)sum / (double)n;

    /* Two passes (deviations from the mean) rather than the sum of squares
     * formula, which loses digits to cancellation when the spread is small
     * next to the values. */
    if (n < 2) {
        out->sd = NAN;
    } else {
        double ss = 0;
        for (size_t i = 0; i < n; i++) {
            double d = values[i] - out->mean;
            ss += d * d;
        }
        out->sd = sqrt(ss / (double)(n - 1));
    }
    out->q1 = sample_quartile(&s, 1);
    out->median = sample_quartile(&s, 2);
    out->q3 = sample_quartile(&s, 3);
    return true;
}

double stats_median(const int *values, size_t n)
{
    Sample s = {values, NULL, n};
    return sample_quartile(&s, 2);
}

size_t stats_count_values(const int *values, size_t n, int lo, int hi, size_t *counts)
{
    hearth_expect(hi >= lo);
    memset(counts, 0, ((size_t)((long long)hi - lo) + 1) * sizeof *counts);
    size_t outside = 0;
    for (size_t i = 0; i < n; i++) {
        if (values[i] < lo || values[i] > hi)
            outside++;
        else
            counts[(long long)values[i] - lo]++;
    }
    return outside;
}

bool stats_change_paired(const int *pre, const int *post, size_t n, StatsChange *out)
{
    Sample diff = {post, pre, n};
    out->paired = true;
    out->n_pre = out->n_post = n;
    out->median_pre = stats_median(pre, n);
    out->median_post = stats_median(post, n);
    out->change = sample_quartile(&diff, 2);
    return n > 0;
}

bool stats_change_unpaired(const int *pre, size_t n_pre, const int *post, size_t n_post,
                           StatsChange *out)
{
    out->paired = false;
    out->n_pre = n_pre;
    out->n_post = n_post;
    out->median_pre = stats_median(pre, n_pre);
    out->median_post = stats_median(post, n_post);
    if (n_pre == 0 || n_post == 0) {
        out->change = NAN;
        return false;
    }
    out->change = out->median_post - out->median_pre;
    return true;
}

bool stats_enough_answers(size_t n, int min_cell)
{
    size_t k = min_cell > 1 ? (size_t)min_cell : 1;
    return n >= k;
}

/* The withheld cells of a group can be worked out when only one is
 * withheld (total minus the rest), when together they hold fewer than K
 * answers (that difference is itself a small count), or when all of them
 * are small cells and their sum forces every one to the same value: a
 * small cell holds 1 to K - 1, so s small cells summing to s are all 1 and
 * summing to s(K - 1) are all K - 1. Once a complement (0, or K and more)
 * sits among the small cells the values differ, and a reader cannot tell
 * which blank holds which. */
static bool group_gives_away(const size_t *cells, size_t ncells, size_t k,
                             const StatsCell *state)
{
    size_t withheld = 0, small = 0, sum = 0;
    for (size_t i = 0; i < ncells; i++) {
        if (state[i] == STATS_CELL_SHOWN)
            continue;
        withheld++;
        small += state[i] == STATS_CELL_SMALL;
        sum += cells[i];
    }
    if (withheld == 0)
        return false;
    if (withheld == 1 || sum < k)
        return true;
    return small == withheld && (sum == small || sum == small * (k - 1));
}

/* Withholds the next shown cells: those with the smallest non-zero count
 * (they cost the reader least), or the zeros when no non-zero count is left,
 * since withholding a zero hides nothing but the zero. Every cell with that
 * count goes at once: picking one of several equal cells by its place would
 * tell a reader that the blank is no larger than the shown twin beside it,
 * and that can pin a blank down. Treating equal cells alike keeps the result
 * independent of the order of the cells, so any two blanks could hold each
 * other's counts. Returns false when nothing is left to withhold. */
static bool group_withhold_next(const size_t *cells, size_t ncells, StatsCell *state)
{
    bool any = false, nonzero = false;
    size_t least = 0;
    for (size_t i = 0; i < ncells; i++) {
        if (state[i] != STATS_CELL_SHOWN)
            continue;
        if (!any || (cells[i] > 0 && (!nonzero || cells[i] < least))) {
            least = cells[i];
            nonzero = cells[i] > 0;
        }
        any = true;
    }
    if (!any)
        return false;
    for (size_t i = 0; i < ncells; i++)
        if (state[i] == STATS_CELL_SHOWN && cells[i] == least)
            state[i] = STATS_CELL_COMPLEMENT;
    return true;
}

StatsCell stats_suppress_group(const size_t *cells, size_t ncells, int min_cell,
                               StatsCell *state)
{
    for (size_t i = 0; i < ncells; i++)
        state[i] = STATS_CELL_SHOWN;
    if (min_cell <= 1)
        return STATS_CELL_SHOWN;
    size_t k = (size_t)min_cell;

    size_t total = 0;
    for (size_t i = 0; i < ncells; i++)
        total += cells[i];
    if (total == 0)
        return STATS_CELL_SHOWN;
    if (total < k) {
        /* Nothing about fewer than K answers is shown, not even where the
         * few are not: a zero next to a withheld total of 3 would still
         * narrow down where those 3 went. */
        for (size_t i = 0; i < ncells; i++)
            state[i] = cells[i] ? STATS_CELL_SMALL : STATS_CELL_COMPLEMENT;
        return STATS_CELL_SMALL;
    }

    for (size_t i = 0; i < ncells; i++)
        if (cells[i] > 0 && cells[i] < k)
            state[i] = STATS_CELL_SMALL;

    /* Each turn withholds at least one more cell, so this ends within
     * ncells turns. */
    while (group_gives_away(cells, ncells, k, state))
        if (!group_withhold_next(cells, ncells, state))
            return STATS_CELL_COMPLEMENT; /* every cell is withheld already */
    return STATS_CELL_SHOWN;
}

/* The k-th smallest answer (0-based) of a sample given as counts. */
static int counts_kth(const size_t *counts, int lo, int hi, size_t k)
{
    size_t seen = 0;
    for (int v = lo; v <= hi; v++) {
        seen += counts[v - lo];
        if (seen > k)
            return v;
    }
    return hi;
}

static double counts_quartile(const size_t *counts, int lo, int hi, size_t n, unsigned quarter)
{
    size_t num = (n - 1) * quarter;
    size_t at = num / 4, rem = num % 4;
    double x = counts_kth(counts, lo, hi, at);
    if (rem == 0)
        return x;
    double y = counts_kth(counts, lo, hi, at + 1);
    return x + (double)rem / 4.0 * (y - x);
}

bool stats_summarize_counts(const size_t *counts, int lo, int hi, StatsSummary *out)
{
    size_t n = 0;
    long long sum = 0;
    for (int v = lo; v <= hi; v++) {
        n += counts[v - lo];
        sum += (long long)v * (long long)counts[v - lo];
    }
    out->n = n;
    if (n == 0) {
        out->mean = out->sd = out->median = out->q1 = out->q3 = NAN;
        return false;
    }
    out->mean = (double)sum / (double)n;
    if (n > 1) {
        double ss = 0;
        for (int v = lo; v <= hi; v++) {
            double d = v - out->mean;
            ss += d * d * (double)counts[v - lo];
        }
        out->sd = sqrt(ss / (double)(n - 1));
    } else {
        out->sd = NAN;
    }
    out->q1 = counts_quartile(counts, lo, hi, n, 1);
    out->median = counts_quartile(counts, lo, hi, n, 2);
    out->q3 = counts_quartile(counts, lo, hi, n, 3);
    return true;
}
