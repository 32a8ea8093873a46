/* Statistics against values worked out by hand (the arithmetic is in the
 * comments; R's quantile() and Python's statistics.quantiles(method=
 * "inclusive") give the same numbers), and small-cell suppression,
 * including an exhaustive check that no withheld cell can be worked out. */
#include "testkit.h"

#include "core/stats.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define EPS 1e-9

static void assert_summary(const StatsSummary *s, size_t n, double mean, double sd,
                           double q1, double median, double q3)
{
    assert_int_equal(s->n, n);
    assert_float_equal(s->mean, mean, EPS);
    if (isnan(sd))
        assert_true(isnan(s->sd));
    else
        assert_float_equal(s->sd, sd, EPS);
    assert_float_equal(s->q1, q1, EPS);
    assert_float_equal(s->median, median, EPS);
    assert_float_equal(s->q3, q3, EPS);
}

/* --- summary ---------------------------------------------------------------- */

static void summary_odd_n(void **state)
{
    (void)state;
    /* 1 2 3 4 5: mean 15/5 = 3.
     * deviations -2 -1 0 1 2, squares 4+1+0+1+4 = 10, variance 10/4 = 2.5,
     * sd = sqrt(2.5) = 1.5811388300841898.
     * type 7, h = (n-1)p = 4p: Q1 h=1 -> x[1] = 2; median h=2 -> x[2] = 3;
     * Q3 h=3 -> x[3] = 4. */
    const int v[] = {1, 2, 3, 4, 5};
    StatsSummary s;
    assert_true(stats_summarize(v, N(v), &s));
    assert_summary(&s, 5, 3.0, 1.5811388300841898, 2.0, 3.0, 4.0);
}

static void summary_even_n(void **state)
{
    (void)state;
    /* 1 2 3 4: mean 10/4 = 2.5.
     * deviations -1.5 -0.5 0.5 1.5, squares 2.25+0.25+0.25+2.25 = 5,
     * variance 5/3, sd = sqrt(5/3) = 1.2909944487358056.
     * h = 3p: Q1 h=0.75 -> 1 + 0.75*(2-1) = 1.75;
     * median h=1.5 -> 2 + 0.5*(3-2) = 2.5; Q3 h=2.25 -> 3 + 0.25*(4-3) = 3.25. */
    const int v[] = {4, 1, 3, 2};
    StatsSummary s;
    assert_true(stats_summarize(v, N(v), &s));
    assert_summary(&s, 4, 2.5, 1.2909944487358056, 1.75, 2.5, 3.25);
}

static void summary_even_n_with_ties(void **state)
{
    (void)state;
    /* 7 3 5 5 9 2 5 8, sorted 2 3 5 5 5 7 8 9: sum 44, mean 5.5.
     * deviations -3.5 -2.5 -0.5 -0.5 -0.5 1.5 2.5 3.5, squares
     * 12.25+6.25+0.25+0.25+0.25+2.25+6.25+12.25 = 40, variance 40/7,
     * sd = sqrt(40/7) = 2.390457218668787.
     * h = 7p: Q1 h=1.75 -> x[1] + 0.75*(x[2]-x[1]) = 3 + 0.75*2 = 4.5;
     * median h=3.5 -> x[3] + 0.5*(x[4]-x[3]) = 5 + 0 = 5;
     * Q3 h=5.25 -> x[5] + 0.25*(x[6]-x[5]) = 7 + 0.25*1 = 7.25. */
    const int v[] = {7, 3, 5, 5, 9, 2, 5, 8};
    StatsSummary s;
    assert_true(stats_summarize(v, N(v), &s));
    assert_summary(&s, 8, 5.5, 2.390457218668787, 4.5, 5.0, 7.25);
}

static void summary_odd_n_with_ties(void **state)
{
    (void)state;
    /* 0 10 10 2 10, sorted 0 2 10 10 10: sum 32, mean 6.4.
     * deviations -6.4 -4.4 3.6 3.6 3.6, squares 40.96 + 19.36 + 3*12.96
     * = 99.2, variance 99.2/4 = 24.8, sd = sqrt(24.8) = 4.979959839195493.
     * h = 4p: Q1 h=1 -> 2; median h=2 -> 10; Q3 h=3 -> 10. */
    const int v[] = {0, 10, 10, 2, 10};
    StatsSummary s;
    assert_true(stats_summarize(v, N(v), &s));
    assert_summary(&s, 5, 6.4, 4.979959839195493, 2.0, 10.0, 10.0);
}

static void summary_six_answers(void **state)
{
    (void)state;
    /* 2 4 4 5 7 9: sum 31, mean 31/6 = 5.1666...
     * squares of deviations: (19/6)^2 + 2*(7/6)^2 + (1/6)^2 + (11/6)^2
     * + (23/6)^2 = (361 + 98 + 1 + 121 + 529)/36 = 1110/36, variance
     * 1110/180 = 6.1666..., sd = 2.48327740429189.
     * h = 5p: Q1 h=1.25 -> 4 + 0.25*0 = 4; median h=2.5 -> 4 + 0.5*1 = 4.5;
     * Q3 h=3.75 -> 5 + 0.75*2 = 6.5. */
    const int v[] = {9, 4, 2, 7, 4, 5};
    StatsSummary s;
    assert_true(stats_summarize(v, N(v), &s));
    assert_summary(&s, 6, 31.0 / 6.0, 2.48327740429189, 4.0, 4.5, 6.5);
}

static void summary_one_answer(void **state)
{
    (void)state;
    /* n = 1: the mean, median and quartiles are the answer (h = 0 for every
     * p); the sd divides by n - 1 = 0 and is NAN by definition. */
    const int v[] = {4};
    StatsSummary s;
    assert_true(stats_summarize(v, 1, &s));
    assert_summary(&s, 1, 4.0, NAN, 4.0, 4.0, 4.0);
}

static void summary_two_answers(void **state)
{
    (void)state;
    /* 3 8: mean 5.5; deviations -2.5 2.5, squares 12.5, variance 12.5/1,
     * sd = sqrt(12.5) = 3.5355339059327378.
     * h = p: Q1 h=0.25 -> 3 + 0.25*5 = 4.25; median 3 + 0.5*5 = 5.5;
     * Q3 h=0.75 -> 3 + 0.75*5 = 6.75. */
    const int v[] = {8, 3};
    StatsSummary s;
    assert_true(stats_summarize(v, N(v), &s));
    assert_summary(&s, 2, 5.5, 3.5355339059327378, 4.25, 5.5, 6.75);
}

static void summary_all_equal(void **state)
{
    (void)state;
    /* Every deviation is 0: sd exactly 0, every quantile 6. */
    const int v[] = {6, 6, 6, 6};
    StatsSummary s;
    assert_true(stats_summarize(v, N(v), &s));
    assert_summary(&s, 4, 6.0, 0.0, 6.0, 6.0, 6.0);
    assert_true(s.sd == 0.0);
}

static void summary_empty(void **state)
{
    (void)state;
    StatsSummary s;
    assert_false(stats_summarize(NULL, 0, &s));
    assert_int_equal(s.n, 0);
    assert_true(isnan(s.mean) && isnan(s.sd) && isnan(s.median));
    assert_true(isnan(s.q1) && isnan(s.q3));
    assert_true(isnan(stats_median(NULL, 0)));
}

static void summary_leaves_input_alone(void **state)
{
    (void)state;
    int v[] = {5, 1, 4, 2, 3};
    const int before[] = {5, 1, 4, 2, 3};
    StatsSummary s;
    stats_summarize(v, N(v), &s);
    assert_memory_equal(v, before, sizeof v);
}

static void summary_thousand_answers(void **state)
{
    (void)state;
    /* i % 11 for i < 1000: 0..9 appear 91 times each, 10 appears 90 times
     * (1000 = 90*11 + 10). Sum 91*45 + 90*10 = 4995, mean 4.995.
     * Sum of squares 91*285 + 90*100 = 34935; sum of squared deviations
     * 34935 - 1000*4.995^2 = 9984.975; variance /999 = 9.994969969...,
     * sd = 3.1614822425517386.
     * Value v sits at sorted positions 91v .. 91v+90. h = 999p:
     * Q1 h=249.75 -> x[249], x[250] are both 2 -> 2;
     * median h=499.5 -> x[499], x[500] both 5 -> 5;
     * Q3 h=749.25 -> x[749], x[750] both 8 -> 8. */
    static int v[1000];
    for (int i = 0; i < 1000; i++)
        v[i] = i % 11;
    StatsSummary s;
    assert_true(stats_summarize(v, 1000, &s));
    assert_summary(&s, 1000, 4.995, 3.1614822425517386, 2.0, 5.0, 8.0);
}

static void summary_extreme_values(void **state)
{
    (void)state;
    /* INT_MIN and INT_MAX: the sum is -1 (mean -0.5) and the median is
     * INT_MIN + 0.5*(INT_MAX - INT_MIN) = -2^31 + 0.5*(2^32 - 1) = -0.5;
     * neither may overflow on the way. */
    const int v[] = {INT_MAX, INT_MIN};
    StatsSummary s;
    assert_true(stats_summarize(v, N(v), &s));
    assert_float_equal(s.mean, -0.5, EPS);
    assert_float_equal(s.median, -0.5, EPS);
}

/* A reference the obvious way: sort a copy, interpolate (type 7). */
static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static double ref_quantile(const int *sorted, size_t n, double p)
{
    double h = (double)(n - 1) * p;
    size_t lo = (size_t)floor(h);
    if (lo + 1 >= n)
        return sorted[n - 1];
    return sorted[lo] + (h - (double)lo) * (sorted[lo + 1] - sorted[lo]);
}

static void summary_matches_sorting_reference(void **state)
{
    (void)state;
    static int v[3000], sorted[3000];
    uint32_t seed = 12345;
    for (int round = 0; round < 200; round++) {
        seed = seed * 1664525u + 1013904223u;
        size_t n = 1 + (seed >> 8) % (round < 150 ? 40 : 3000);
        int span = round % 3 == 0 ? 11 : round % 3 == 1 ? 6 : 201;
        for (size_t i = 0; i < n; i++) {
            seed = seed * 1664525u + 1013904223u;
            v[i] = (int)((seed >> 8) % (uint32_t)span) - (span == 201 ? 100 : 0);
        }
        memcpy(sorted, v, n * sizeof *v);
        qsort(sorted, n, sizeof *sorted, cmp_int);
        StatsSummary s;
        assert_true(stats_summarize(v, n, &s));
        assert_float_equal(s.q1, ref_quantile(sorted, n, 0.25), EPS);
        assert_float_equal(s.median, ref_quantile(sorted, n, 0.5), EPS);
        assert_float_equal(s.q3, ref_quantile(sorted, n, 0.75), EPS);
        assert_float_equal(stats_median(v, n), s.median, 0.0);
    }
}

/* --- distribution --------------------------------------------------------- */

static void count_values_on_scale(void **state)
{
    (void)state;
    /* Scale 1..5: 1 once, 3 once, 5 three times; 0 and 6 are off the scale. */
    const int v[] = {1, 5, 5, 3, 0, 6, 5};
    size_t counts[5];
    memset(counts, 0xAB, sizeof counts); /* every entry must be overwritten */
    assert_int_equal(stats_count_values(v, N(v), 1, 5, counts), 2);
    const size_t want[] = {1, 0, 1, 0, 3};
    assert_memory_equal(counts, want, sizeof want);
}

static void count_values_zero_to_ten(void **state)
{
    (void)state;
    const int v[] = {0, 10, 10, 7, 7, 7};
    size_t counts[11];
    assert_int_equal(stats_count_values(v, N(v), 0, 10, counts), 0);
    assert_int_equal(counts[0], 1);
    assert_int_equal(counts[7], 3);
    assert_int_equal(counts[10], 2);
    size_t total = 0;
    for (int i = 0; i < 11; i++)
        total += counts[i];
    assert_int_equal(total, 6);
    assert_int_equal(stats_count_values(NULL, 0, 0, 10, counts), 0);
    for (int i = 0; i < 11; i++)
        assert_int_equal(counts[i], 0);
}

/* --- change --------------------------------------------------------------- */

static void change_paired_odd(void **state)
{
    (void)state;
    /* pre 1 5 9, post 2 9 8: differences post - pre = 1, 4, -1, sorted
     * -1 1 4, median 1. Medians: pre 5, post (2 8 9) 8. */
    const int pre[] = {1, 5, 9}, post[] = {2, 9, 8};
    StatsChange c;
    assert_true(stats_change_paired(pre, post, 3, &c));
    assert_true(c.paired);
    assert_int_equal(c.n_pre, 3);
    assert_int_equal(c.n_post, 3);
    assert_float_equal(c.median_pre, 5.0, EPS);
    assert_float_equal(c.median_post, 8.0, EPS);
    assert_float_equal(c.change, 1.0, EPS);
}

static void change_unpaired_differs_from_paired(void **state)
{
    (void)state;
    /* The same answers read as anonymous rounds: 8 - 5 = 3, not 1. */
    const int pre[] = {1, 5, 9}, post[] = {2, 9, 8};
    StatsChange c;
    assert_true(stats_change_unpaired(pre, 3, post, 3, &c));
    assert_false(c.paired);
    assert_float_equal(c.change, 3.0, EPS);
}

static void change_paired_even(void **state)
{
    (void)state;
    /* Distress before and after paced breathing.
     * pre 6 7 8 9, post 4 7 5 6: differences -2 0 -3 -3, sorted -3 -3 -2 0,
     * median (-3 + -2)/2 = -2.5. Medians: pre (7+8)/2 = 7.5, post sorted
     * 4 5 6 7 -> (5+6)/2 = 5.5; unpaired change 5.5 - 7.5 = -2. */
    const int pre[] = {6, 7, 8, 9}, post[] = {4, 7, 5, 6};
    StatsChange c;
    assert_true(stats_change_paired(pre, post, 4, &c));
    assert_float_equal(c.median_pre, 7.5, EPS);
    assert_float_equal(c.median_post, 5.5, EPS);
    assert_float_equal(c.change, -2.5, EPS);
    assert_true(stats_change_unpaired(pre, 4, post, 4, &c));
    assert_float_equal(c.change, -2.0, EPS);
}

static void change_unpaired_sizes_differ(void **state)
{
    (void)state;
    /* pre 4 6 7 8 -> median (6+7)/2 = 6.5; post 2 3 5 -> median 3;
     * change 3 - 6.5 = -3.5. Anonymous rounds need not have equal sizes. */
    const int pre[] = {8, 4, 7, 6}, post[] = {5, 2, 3};
    StatsChange c;
    assert_true(stats_change_unpaired(pre, 4, post, 3, &c));
    assert_int_equal(c.n_pre, 4);
    assert_int_equal(c.n_post, 3);
    assert_float_equal(c.median_pre, 6.5, EPS);
    assert_float_equal(c.median_post, 3.0, EPS);
    assert_float_equal(c.change, -3.5, EPS);
}

static void change_empty(void **state)
{
    (void)state;
    const int some[] = {3, 4};
    StatsChange c;
    assert_false(stats_change_paired(NULL, NULL, 0, &c));
    assert_true(isnan(c.change));
    assert_false(stats_change_unpaired(some, 2, NULL, 0, &c));
    assert_true(isnan(c.change));
    assert_float_equal(c.median_pre, 3.5, EPS);
    assert_true(isnan(c.median_post));
    assert_false(stats_change_unpaired(NULL, 0, some, 2, &c));
    assert_true(isnan(c.change));
}

/* --- thresholds and suppression ------------------------------------------ */

static void enough_answers(void **state)
{
    (void)state;
    assert_false(stats_enough_answers(4, 5));
    assert_true(stats_enough_answers(5, 5));
    assert_false(stats_enough_answers(10, 11));
    assert_true(stats_enough_answers(11, 11));
    assert_true(stats_enough_answers(1, 1));
    assert_false(stats_enough_answers(0, 1));  /* nothing to show */
    assert_true(stats_enough_answers(1, 0));   /* K below 1 reads as 1 */
    assert_true(stats_enough_answers(1, -3));
}

#define S STATS_CELL_SHOWN
#define SM STATS_CELL_SMALL
#define C STATS_CELL_COMPLEMENT

/* Runs the policy and compares every verdict, the total's included. */
static void expect_suppression(const size_t *cells, size_t n, int k, const StatsCell *want,
                               StatsCell want_total)
{
    StatsCell got[16];
    assert_true(n <= N(got));
    StatsCell total = stats_suppress_group(cells, n, k, got);
    for (size_t i = 0; i < n; i++) {
        if (got[i] != want[i])
            fail_msg("K=%d cell %zu (count %zu): expected %d, got %d", k, i, cells[i],
                     (int)want[i], (int)got[i]);
    }
    assert_int_equal(total, want_total);
}

static void suppress_k1_shows_everything(void **state)
{
    (void)state;
    const size_t cells[] = {1, 2, 0, 1};
    const StatsCell want[] = {S, S, S, S};
    expect_suppression(cells, 4, 1, want, S);
    expect_suppression(cells, 4, 0, want, S); /* K below 1 reads as 1 */
}

static void suppress_one_small_cell_with_visible_total(void **state)
{
    (void)state;
    /* K=5, counts 0 3 7 9, total 19 shown. Withholding the 3 alone would
     * not do: 19 - 0 - 7 - 9 = 3. The next smallest non-zero count, 7, goes
     * too: 19 - 0 - 9 = 10 = a + b, which fits 3+7, 4+6, 6+4, 7+3... */
    const size_t cells[] = {0, 3, 7, 9};
    const StatsCell want[] = {S, SM, C, S};
    expect_suppression(cells, 4, 5, want, S);
}

static void suppress_one_small_cell_of_two(void **state)
{
    (void)state;
    /* K=5, counts 2 and 10, total 12: both go, the total stays. */
    const size_t cells[] = {2, 10};
    const StatsCell want[] = {SM, C};
    expect_suppression(cells, 2, 5, want, S);
}

static void suppress_two_small_cells_hold_k(void **state)
{
    (void)state;
    /* K=5, counts 2 3 10 12, total 27. The two small cells are withheld;
     * 27 - 10 - 12 = 5 = a + b with each 1..4: 1+4, 2+3, 3+2, 4+1. Five
     * answers between them, so no complement is needed. */
    const size_t cells[] = {2, 3, 10, 12};
    const StatsCell want[] = {SM, SM, S, S};
    expect_suppression(cells, 4, 5, want, S);
}

static void suppress_two_small_cells_below_k(void **state)
{
    (void)state;
    /* K=5, counts 1 2 10 12, total 25: 25 - 10 - 12 = 3 answers would be
     * shown by subtraction, itself a small count. The 10 goes too:
     * 25 - 12 = 13 = a + b + c. */
    const size_t cells[] = {1, 2, 10, 12};
    const StatsCell want[] = {SM, SM, C, S};
    expect_suppression(cells, 4, 5, want, S);
}

static void suppress_two_ones(void **state)
{
    (void)state;
    /* K=5, counts 1 1 10, total 12: 12 - 10 = 2 over two withheld cells that
     * each hold at least 1 gives 1 and 1 away. The 10 goes too. */
    const size_t cells[] = {1, 1, 10};
    const StatsCell want[] = {SM, SM, C};
    expect_suppression(cells, 3, 5, want, S);
}

static void suppress_small_cells_at_their_ceiling(void **state)
{
    (void)state;
    /* K=5, counts 4 4 10, total 18: 18 - 10 = 8 over two small cells, each
     * at most 4, forces 4 and 4. The 10 goes too. */
    const size_t cells[] = {4, 4, 10};
    const StatsCell want[] = {SM, SM, C};
    expect_suppression(cells, 3, 5, want, S);
}

static void suppress_all_ones_withholds_total(void **state)
{
    (void)state;
    /* K=5, eight answers on eight different points of the scale and no
     * zero: withholding every count still leaves 8 blanks that sum to the
     * total 8, so each is 1. Only the total can go. */
    const size_t cells[] = {1, 1, 1, 1, 1, 1, 1, 1};
    const StatsCell want[] = {SM, SM, SM, SM, SM, SM, SM, SM};
    expect_suppression(cells, 8, 5, want, C);
}

static void suppress_all_ones_with_zeros(void **state)
{
    (void)state;
    /* K=5, five ones and two zeros, total 5 shown. Five blanks summing to 5
     * would be five ones; with the zeros withheld too, seven blanks sum to
     * 5 and no blank is known to be 1 or 0. Both zeros go: equal counts are
     * treated alike. */
    const size_t cells[] = {1, 1, 1, 1, 1, 0, 0};
    const StatsCell want[] = {SM, SM, SM, SM, SM, C, C};
    expect_suppression(cells, 7, 5, want, S);
}

static void suppress_zeros_and_large_cells(void **state)
{
    (void)state;
    const size_t cells[] = {0, 0, 12, 5};
    const StatsCell want[] = {S, S, S, S};
    expect_suppression(cells, 4, 5, want, S);
    const size_t none[] = {0, 0, 0};
    expect_suppression(none, 3, 5, want, S);
}

static void suppress_small_total_withholds_group(void **state)
{
    (void)state;
    /* K=5, counts 1 2 0, total 3: the total itself is small. Everything
     * goes, the zero too: shown, it would say where the 3 did not go. */
    const size_t cells[] = {1, 2, 0};
    const StatsCell want[] = {SM, SM, C};
    expect_suppression(cells, 3, 5, want, SM);
    /* One session of 8 answers under the CMS threshold of 11. */
    const size_t session[] = {0, 3, 5, 0};
    const StatsCell want11[] = {C, SM, SM, C};
    expect_suppression(session, 4, 11, want11, SM);
}

static void suppress_k11(void **state)
{
    (void)state;
    /* K=11, counts 10 12 3 0, total 25: 10 and 3 are small. 25 - 12 - 0
     * = 13 = a + b with each 1..10: 3+10 ... 10+3, eight ways. */
    const size_t cells[] = {10, 12, 3, 0};
    const StatsCell want[] = {SM, S, SM, S};
    expect_suppression(cells, 4, 11, want, S);
    /* K=11, counts 10 10 30: 50 - 30 = 20 over two cells of at most 10
     * forces 10 and 10; the 30 goes too. */
    const size_t ceiling[] = {10, 10, 30};
    const StatsCell want_ceiling[] = {SM, SM, C};
    expect_suppression(ceiling, 3, 11, want_ceiling, S);
}

static void suppress_k2(void **state)
{
    (void)state;
    /* K=2: a small cell holds exactly 1, so any set of small cells alone
     * gives itself away. Counts 1 1 5: the 5 goes too. */
    const size_t cells[] = {1, 1, 5};
    const StatsCell want[] = {SM, SM, C};
    expect_suppression(cells, 3, 2, want, S);
}

static void suppress_equal_counts_go_together(void **state)
{
    (void)state;
    /* K=5, counts 5 5 3, total 13. Withholding the 3 and only the first 5
     * would give both away: the blank 5 must be at least K and, had it been
     * chosen before its shown twin, no more than 5, so it is 5 and the
     * other blank 13 - 5 - 5 = 3. Both 5s go, and the order of the cells
     * no longer matters. */
    const size_t cells[] = {5, 5, 3};
    const StatsCell want[] = {C, C, SM};
    expect_suppression(cells, 3, 5, want, S);
    const size_t reordered[] = {3, 5, 5};
    const StatsCell want_reordered[] = {SM, C, C};
    expect_suppression(reordered, 3, 5, want_reordered, S);
    /* K=5, counts 2 7 7 9: the 2 needs a complement; both 7s go. */
    const size_t wider[] = {2, 7, 7, 9};
    const StatsCell want_wider[] = {SM, C, C, S};
    expect_suppression(wider, 4, 5, want_wider, S);
}

static void suppress_single_cell(void **state)
{
    (void)state;
    const size_t big[] = {7}, small[] = {3};
    const StatsCell shown[] = {S}, withheld[] = {SM};
    expect_suppression(big, 1, 5, shown, S);
    expect_suppression(small, 1, 5, withheld, SM);
}

/* What a reader sees: which cells are blank and whether the total is. The
 * two withheld kinds print alike, so only shown/withheld is compared. */
static bool same_pattern(const StatsCell *a, StatsCell at, const StatsCell *b, StatsCell bt,
                         size_t n)
{
    if ((at == S) != (bt == S))
        return false;
    for (size_t i = 0; i < n; i++)
        if ((a[i] == S) != (b[i] == S))
            return false;
    return true;
}

/* The reader's side: every table that shows the same numbers in the same
 * places, and that the same policy would blank the same way, is a table
 * the reader cannot rule out. A withheld cell is given away when all of
 * them agree on its value. With the total shown, candidates range over
 * 0..total (exactly what the reader knows); with it withheld, over
 * 0..vmax, which can only make the check stricter. */
static void check_no_cell_given_away(const size_t *cells, size_t n, int k, size_t vmax)
{
    StatsCell st[8], st2[8];
    StatsCell tv = stats_suppress_group(cells, n, k, st);
    size_t total = 0, hidden[8], nh = 0, shown_sum = 0;
    for (size_t i = 0; i < n; i++) {
        total += cells[i];
        if (st[i] == S)
            shown_sum += cells[i];
        else
            hidden[nh++] = i;
    }
    /* A lone count that is blank says "1 to K - 1 answers": the promise of
     * the threshold itself, and for K = 2 that is exactly 1. No policy can
     * do better for a group of one cell. */
    if (nh == 0 || (n == 1 && tv != S))
        return;
    /* With the total shown the last blank is the total minus the rest, so
     * only the others are enumerated. */
    size_t top = tv == S ? total - shown_sum : vmax;
    size_t free_digits = tv == S ? nh - 1 : nh;
    assert_true(top < 64);
    uint64_t seen[8] = {0};
    size_t cand[8], digit[8] = {0};
    memcpy(cand, cells, n * sizeof *cells);
    for (;;) {
        size_t sum = 0;
        for (size_t j = 0; j < free_digits; j++)
            sum += digit[j];
        if (tv != S || sum <= top) {
            if (tv == S)
                digit[nh - 1] = top - sum;
            for (size_t j = 0; j < nh; j++)
                cand[hidden[j]] = digit[j];
            StatsCell ct = stats_suppress_group(cand, n, k, st2);
            if (same_pattern(st, tv, st2, ct, n))
                for (size_t j = 0; j < nh; j++)
                    seen[j] |= 1ull << digit[j];
        }
        size_t j = 0;
        while (j < free_digits && ++digit[j] > top)
            digit[j++] = 0;
        if (j == free_digits)
            break;
    }
    for (size_t j = 0; j < nh; j++) {
        if (seen[j] & (seen[j] - 1))
            continue; /* two or more values possible */
        char buf[64] = "";
        for (size_t i = 0; i < n; i++)
            snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%zu ", cells[i]);
        fail_msg("K=%d counts %s: withheld cell %zu can be worked out", k, buf, hidden[j]);
    }
}

/* Every table of up to ncells cells with counts up to vmax, for K = 2, 3,
 * 5 and 11: no withheld cell can be worked out from the shown counts, the
 * total and the policy itself. (Wider runs, up to 6 cells, also pass; they
 * take half a minute, too long for every build.) */
static void suppress_never_gives_a_cell_away(void **state)
{
    (void)state;
    static const struct {
        int k;
        size_t ncells, vmax;
    } runs[] = {{2, 4, 6}, {3, 4, 6}, {5, 4, 8}, {5, 5, 5}, {5, 3, 12}, {11, 3, 16}};
    for (size_t r = 0; r < N(runs); r++) {
        size_t n = runs[r].ncells, vmax = runs[r].vmax;
        for (size_t len = 1; len <= n; len++) {
            size_t cells[8] = {0};
            for (;;) {
                check_no_cell_given_away(cells, len, runs[r].k, vmax);
                size_t j = 0;
                while (j < len && ++cells[j] > vmax)
                    cells[j++] = 0;
                if (j == len)
                    break;
            }
        }
    }
}

/* The rules themselves, on random larger groups (a 0..10 scale). */
static void suppress_rules_hold_on_random_groups(void **state)
{
    (void)state;
    uint32_t seed = 777;
    static const int ks[] = {2, 3, 5, 11};
    for (int t = 0; t < 20000; t++) {
        size_t cells[11];
        StatsCell st[11];
        int k = ks[t % 4];
        seed = seed * 1664525u + 1013904223u;
        size_t n = 1 + (seed >> 8) % 11;
        for (size_t i = 0; i < n; i++) {
            seed = seed * 1664525u + 1013904223u;
            uint32_t r = (seed >> 8) % 100;
            cells[i] = r < 30 ? 0 : r < 80 ? 1 + r % 4 : r % 25;
        }
        StatsCell tv = stats_suppress_group(cells, n, k, st);
        size_t total = 0, w = 0, small = 0, wsum = 0;
        for (size_t i = 0; i < n; i++) {
            total += cells[i];
            if (cells[i] > 0 && cells[i] < (size_t)k)
                assert_int_not_equal(st[i], S); /* every small cell withheld */
            if (st[i] != S) {
                w++;
                small += st[i] == SM;
                wsum += cells[i];
            }
        }
        if (tv != S || w == 0)
            continue;
        assert_true(total >= (size_t)k);
        assert_true(w >= 2);                /* not one blank: total - shown */
        assert_true(wsum >= (size_t)k);     /* the difference is not small */
        if (small == w)                     /* not forced to all 1 or all K-1 */
            assert_true(wsum != small && wsum != small * (size_t)(k - 1));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(summary_odd_n),
        cmocka_unit_test(summary_even_n),
        cmocka_unit_test(summary_even_n_with_ties),
        cmocka_unit_test(summary_odd_n_with_ties),
        cmocka_unit_test(summary_six_answers),
        cmocka_unit_test(summary_one_answer),
        cmocka_unit_test(summary_two_answers),
        cmocka_unit_test(summary_all_equal),
        cmocka_unit_test(summary_empty),
        cmocka_unit_test(summary_leaves_input_alone),
        cmocka_unit_test(summary_thousand_answers),
        cmocka_unit_test(summary_extreme_values),
        cmocka_unit_test(summary_matches_sorting_reference),
        cmocka_unit_test(count_values_on_scale),
        cmocka_unit_test(count_values_zero_to_ten),
        cmocka_unit_test(change_paired_odd),
        cmocka_unit_test(change_unpaired_differs_from_paired),
        cmocka_unit_test(change_paired_even),
        cmocka_unit_test(change_unpaired_sizes_differ),
        cmocka_unit_test(change_empty),
        cmocka_unit_test(enough_answers),
        cmocka_unit_test(suppress_k1_shows_everything),
        cmocka_unit_test(suppress_one_small_cell_with_visible_total),
        cmocka_unit_test(suppress_one_small_cell_of_two),
        cmocka_unit_test(suppress_two_small_cells_hold_k),
        cmocka_unit_test(suppress_two_small_cells_below_k),
        cmocka_unit_test(suppress_two_ones),
        cmocka_unit_test(suppress_small_cells_at_their_ceiling),
        cmocka_unit_test(suppress_all_ones_withholds_total),
        cmocka_unit_test(suppress_all_ones_with_zeros),
        cmocka_unit_test(suppress_zeros_and_large_cells),
        cmocka_unit_test(suppress_small_total_withholds_group),
        cmocka_unit_test(suppress_k11),
        cmocka_unit_test(suppress_k2),
        cmocka_unit_test(suppress_equal_counts_go_together),
        cmocka_unit_test(suppress_single_cell),
        cmocka_unit_test(suppress_never_gives_a_cell_away),
        cmocka_unit_test(suppress_rules_hold_on_random_groups),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
