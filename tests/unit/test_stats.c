/* The disclosure rule (core/stats.h): what a cell shows, and the proof by
 * enumeration that what it shows never pins a count from 1 to K - 1.
 *
 * The proof takes every way n answers can fall on a scale, applies the
 * rule, and groups the distributions a reader cannot tell apart (the same
 * figures shown). Within each group, the number of answers at any point,
 * or between any two points, must not be one fixed number from 1 to K - 1:
 * if it were, anyone holding the figures would know it. A positive control
 * runs the same check on the figures the rule replaced (a mean, an
 * interpolated median and quartiles) and must find such counts, or the
 * check could not fail. */
#include "testkit.h"

#include "core/stats.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void test_thresholds(void **state)
{
    (void)state;
    assert_true(stats_min_cell_valid(1));
    assert_false(stats_min_cell_valid(0));
    assert_false(stats_min_cell_valid(2));
    assert_true(stats_min_cell_valid(3));
    assert_true(stats_min_cell_valid(11));
    assert_true(stats_min_cell_valid(STATS_MIN_CELL_MAX));
    assert_false(stats_min_cell_valid(STATS_MIN_CELL_MAX + 1));
    assert_true(stats_count_shown(0, 5));
    assert_false(stats_count_shown(1, 5));
    assert_false(stats_count_shown(4, 5));
    assert_true(stats_count_shown(5, 5));
    assert_true(stats_count_shown(1, 1));
    assert_false(stats_count_shown(2, 2)); /* 2 is taken as the floor, 3 */
    /* Only 1 turns suppression off: a K left at 0 (a ReportOptions someone
     * forgot to fill) or a negative one is the floor too, never "off", so
     * a mistake withholds rather than publishes every count */
    static const int ks[] = {0, -1, -5, 2};
    for (size_t i = 0; i < sizeof ks / sizeof ks[0]; i++) {
        assert_false(stats_count_shown(2, ks[i]));
        assert_true(stats_count_shown(3, ks[i]));
        int two[STATS_VALUE_MAX + 1] = {0};
        two[1] = 1;
        two[4] = 1;
        StatsShown out;
        assert_false(stats_disclose(two, ks[i], &out));
        assert_false(out.has_counts);
        int three[STATS_VALUE_MAX + 1] = {0};
        three[1] = 1;
        three[4] = 2;
        assert_true(stats_disclose(three, ks[i], &out));
        assert_false(out.has_counts);
        assert_false(stats_disclose_shown(2, 3, -1, -1, ks[i], &out));
        const int parts[] = {1, 1};
        assert_false(stats_pool_shown(2, parts, 2, ks[i]));
    }
}

static void test_ranks(void **state)
{
    (void)state;
    assert_int_equal(stats_median_rank(1), 1);
    assert_int_equal(stats_median_rank(6), 3);
    assert_int_equal(stats_median_rank(7), 4);
    int r1, r3;
    stats_quartile_ranks(6, &r1, &r3);
    assert_int_equal(r1, 0);
    /* from 7 answers, the ranks are at least 2 apart and inside 2..n-1 */
    for (int n = STATS_QUARTILES_FROM; n < 500; n++) {
        stats_quartile_ranks(n, &r1, &r3);
        int m = stats_median_rank(n);
        assert_true(r1 >= 2);
        assert_true(m - r1 >= 2);
        assert_true(r3 - m >= 2);
        assert_true(r3 <= n - 1);
    }
    for (int n = STATS_MIN_CELL_FLOOR; n < 500; n++) {
        int m = stats_median_rank(n);
        assert_true(m >= 2 && m <= n - 1);
    }
    int counts[STATS_VALUE_MAX + 1] = {0};
    counts[2] = 3;
    counts[7] = 1;
    assert_int_equal(stats_rank_value(counts, 1), 2);
    assert_int_equal(stats_rank_value(counts, 3), 2);
    assert_int_equal(stats_rank_value(counts, 4), 7);
    assert_int_equal(stats_rank_value(counts, 5), -1);
    assert_int_equal(stats_rank_value(counts, 0), -1);
}

static void test_disclose(void **state)
{
    (void)state;
    int counts[STATS_VALUE_MAX + 1] = {0};
    StatsShown s;
    /* nothing */
    assert_false(stats_disclose(counts, 5, &s));
    assert_false(s.shown);
    /* four answers under K 5: not even n */
    counts[3] = 4;
    assert_false(stats_disclose(counts, 5, &s));
    assert_int_equal(s.n, 0);
    assert_false(s.has_median);
    /* 1 x1, 3 x4, 5 x2 = 7 answers: the 4th (3), the 2nd and 6th (3, 5) */
    counts[1] = 1;
    counts[5] = 2;
    assert_true(stats_disclose(counts, 5, &s));
    assert_int_equal(s.n, 7);
    assert_int_equal(s.median, 3);
    assert_true(s.has_quartiles);
    assert_int_equal(s.q1, 3);
    assert_int_equal(s.q3, 5);
    assert_false(s.has_counts);
    for (int v = 0; v <= STATS_VALUE_MAX; v++)
        assert_int_equal(s.counts[v], 0);
    /* suppression off: the counts too */
    assert_true(stats_disclose(counts, 1, &s));
    assert_true(s.has_counts);
    assert_int_equal(s.counts[5], 2);
    /* another kiosk's figures, under this kiosk's K */
    assert_false(stats_disclose_shown(6, 3, -1, -1, 11, &s));
    assert_true(stats_disclose_shown(6, 3, -1, -1, 5, &s));
    assert_int_equal(s.median, 3);
    assert_false(s.has_quartiles);
    /* quartiles claimed for 6 answers are not believed; nor out of order */
    assert_true(stats_disclose_shown(6, 3, 2, 4, 5, &s));
    assert_false(s.has_quartiles);
    assert_true(stats_disclose_shown(9, 3, 4, 2, 5, &s));
    assert_false(s.has_quartiles);
    assert_true(stats_disclose_shown(9, 3, 2, 4, 5, &s));
    assert_true(s.has_quartiles);
    /* the change of two middle answers */
    StatsShown pre, post;
    int c;
    stats_disclose_shown(8, 7, 6, 8, 5, &pre);
    stats_disclose_shown(8, 4, 3, 5, 5, &post);
    assert_true(stats_change(&pre, &post, &c));
    assert_int_equal(c, -3);
    stats_disclose_shown(4, 4, -1, -1, 5, &post);
    assert_false(stats_change(&pre, &post, &c));
    /* counting */
    int v[] = {0, 10, 10, 11, -1, 4};
    int k[STATS_VALUE_MAX + 1] = {0};
    assert_int_equal(stats_count_values(v, 6, k), 2);
    assert_int_equal(k[10], 2);
    assert_int_equal(k[0], 1);
}

/* --- the proof by enumeration ------------------------------------------- */

#define MAXW (STATS_VALUE_MAX + 1)

/* What a reader sees of one distribution: a key. */
typedef struct Seen {
    int64_t k[6];
} Seen;

/* For each group of indistinguishable distributions: the smallest and the
 * largest count of every range [a, b] of scale points. */
typedef struct Group {
    bool used;
    Seen seen;
    unsigned char lo[MAXW][MAXW], hi[MAXW][MAXW];
} Group;

typedef struct Table {
    Group *g;
    size_t cap;
} Table;

static uint64_t hash_seen(const Seen *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (int i = 0; i < 6; i++) {
        h ^= (uint64_t)s->k[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static Group *group_of(Table *t, const Seen *s)
{
    size_t i = hash_seen(s) % t->cap;
    while (t->g[i].used && memcmp(&t->g[i].seen, s, sizeof *s))
        i = (i + 1) % t->cap;
    if (!t->g[i].used) {
        t->g[i].used = true;
        t->g[i].seen = *s;
        memset(t->g[i].lo, 0xff, sizeof t->g[i].lo);
        memset(t->g[i].hi, 0, sizeof t->g[i].hi);
    }
    return &t->g[i];
}

typedef Seen (*Rule)(const int *counts, int lo, int hi, int k);

/* The rule of core/stats.h. */
static Seen seen_now(const int *counts, int lo, int hi, int k)
{
    int all[STATS_VALUE_MAX + 1] = {0};
    for (int v = lo; v <= hi; v++)
        all[v] = counts[v - lo];
    StatsShown s;
    stats_disclose(all, k, &s);
    Seen out = {{s.shown, s.n, s.has_median ? s.median : -1, s.has_quartiles ? s.q1 : -1,
                 s.has_quartiles ? s.q3 : -1, s.has_counts}};
    return out;
}

/* The figures exports showed before (a mean, and the median and quartiles
 * interpolated as R's type 7), scaled to whole numbers. */
static Seen seen_before(const int *counts, int lo, int hi, int k)
{
    int n = 0;
    long sum = 0;
    for (int v = lo; v <= hi; v++) {
        n += counts[v - lo];
        sum += (long)counts[v - lo] * v;
    }
    Seen out = {{0}};
    if (n < k)
        return out;
    int xs[64], m = 0;
    for (int v = lo; v <= hi; v++)
        for (int i = 0; i < counts[v - lo]; i++)
            xs[m++] = v;
    int64_t q[3];
    for (int j = 1; j <= 3; j++) {
        int num = (n - 1) * j, at = num / 4, rem = num % 4;
        q[j - 1] = 4 * xs[at] + (rem ? rem * (xs[at + 1] - xs[at]) : 0);
    }
    out = (Seen){{1, n, sum, q[0], q[1], q[2]}};
    return out;
}

typedef void (*Visit)(const int *c, int n, void *ctx);

static void compose(int *c, int i, int w, int left, int n, Visit fn, void *ctx)
{
    if (i == w - 1) {
        c[i] = left;
        fn(c, n, ctx);
        return;
    }
    for (int x = 0; x <= left; x++) {
        c[i] = x;
        compose(c, i + 1, w, left - x, n, fn, ctx);
    }
}

/* Calls fn on every distribution of 1 to nmax answers over w points. */
static void each_distribution(int w, int nmax, Visit fn, void *ctx)
{
    int c[MAXW] = {0};
    for (int n = 1; n <= nmax; n++)
        compose(c, 0, w, n, n, fn, ctx);
}

typedef struct Run {
    Table t;
    Rule rule;
    int lo, hi, k;
    long distributions;
} Run;

static void record(const int *c, int n, void *ctx)
{
    (void)n;
    Run *r = ctx;
    int w = r->hi - r->lo + 1;
    Seen s = r->rule(c, r->lo, r->hi, r->k);
    Group *g = group_of(&r->t, &s);
    for (int a = 0; a < w; a++) {
        int sum = 0;
        for (int b = a; b < w; b++) {
            sum += c[b];
            if (sum < g->lo[a][b])
                g->lo[a][b] = (unsigned char)sum;
            if (sum > g->hi[a][b])
                g->hi[a][b] = (unsigned char)sum;
        }
    }
    r->distributions++;
}

/* How many (group, range) pairs pin a count from 1 to K - 1; the first one
 * is described in what. */
static long pinned(Run *r, char *what, size_t n)
{
    int w = r->hi - r->lo + 1;
    long found = 0;
    for (size_t i = 0; i < r->t.cap; i++) {
        const Group *g = &r->t.g[i];
        if (!g->used)
            continue;
        for (int a = 0; a < w; a++)
            for (int b = a; b < w; b++)
                if (g->lo[a][b] == g->hi[a][b] && g->lo[a][b] >= 1 && g->lo[a][b] < r->k) {
                    if (!found)
                        snprintf(what, n,
                                 "n %lld, figures %lld %lld %lld %lld: exactly %d answered "
                                 "%d to %d",
                                 (long long)g->seen.k[1], (long long)g->seen.k[2],
                                 (long long)g->seen.k[3], (long long)g->seen.k[4],
                                 (long long)g->seen.k[5], g->lo[a][b], r->lo + a, r->lo + b);
                    found++;
                }
    }
    return found;
}

static long attack(Rule rule, int lo, int hi, int k, int nmax, char *what, size_t n)
{
    Run r = {.rule = rule, .lo = lo, .hi = hi, .k = k};
    r.t.cap = 1 << 17;
    r.t.g = calloc(r.t.cap, sizeof *r.t.g);
    assert_non_null(r.t.g);
    each_distribution(hi - lo + 1, nmax, record, &r);
    assert_true(r.distributions > 0);
    long found = pinned(&r, what, n);
    free(r.t.g);
    return found;
}

static void test_rule_pins_no_small_count(void **state)
{
    (void)state;
    static const struct {
        int lo, hi, nmax;
    } scales[] = {{0, 1, 40}, {1, 3, 30}, {1, 5, 22}, {0, 10, 9}};
    static const int ks[] = {3, 5, 11};
    for (size_t s = 0; s < sizeof scales / sizeof scales[0]; s++) {
        for (size_t i = 0; i < sizeof ks / sizeof ks[0]; i++) {
            char what[200] = "";
            long found = attack(seen_now, scales[s].lo, scales[s].hi, ks[i], scales[s].nmax,
                                what, sizeof what);
            if (found)
                fail_msg("scale %d..%d, K %d: %ld counts pinned, e.g. %s", scales[s].lo,
                         scales[s].hi, ks[i], found, what);
        }
    }
}

/* The control: the same attack finds what the earlier figures gave away
 * (the reviewer's n = 7 with counts 0 1 3 3 0 among them). */
static void test_attack_finds_what_the_old_figures_gave_away(void **state)
{
    (void)state;
    char what[200] = "";
    long found = attack(seen_before, 1, 5, 5, 12, what, sizeof what);
    print_message("earlier figures, faces, K 5: %ld counts pinned, e.g. %s\n", found, what);
    assert_true(found > 100);
    found = attack(seen_before, 1, 5, 11, 16, what, sizeof what);
    assert_true(found > 0);
}

/* The pooled rule (stats_pool_shown) against its definition, by brute
 * force over every pool of up to four parts of 0 to 13 answers: a pool is
 * shown exactly when its total is 0 or K or more and, for every choice of
 * parts an export may show on their own (those of the floor or more),
 * what is left is 0 or K or more. So subtracting shown parts from a shown
 * pool never pins a count from 1 to K - 1. With one part it is the rule
 * for a single cell. */
static bool pool_by_definition(const int *parts, int nparts, int k)
{
    int total = 0;
    for (int i = 0; i < nparts; i++)
        total += parts[i];
    if (total > 0 && total < k)
        return false;
    for (int mask = 0; mask < 1 << nparts; mask++) {
        int left = total;
        bool possible = true;
        for (int i = 0; i < nparts; i++)
            if (mask & 1 << i) {
                possible &= parts[i] >= STATS_MIN_CELL_FLOOR;
                left -= parts[i];
            }
        if (possible && left > 0 && left < k)
            return false;
    }
    return true;
}

static void test_pooling_pins_nothing(void **state)
{
    (void)state;
    static const int ks[] = {3, 5, 11};
    long shown = 0, pools = 0;
    for (int ki = 0; ki < 3; ki++) {
        int k = ks[ki];
        for (int n = 0; n <= 40; n++)
            assert_int_equal(stats_pool_shown(n, &n, 1, k), stats_count_shown(n, k));
        int parts[4];
        for (int nparts = 1; nparts <= 4; nparts++) {
            int combos = 1;
            for (int i = 0; i < nparts; i++)
                combos *= 14;
            for (int c = 0; c < combos; c++) {
                int x = c, total = 0;
                for (int i = 0; i < nparts; i++) {
                    parts[i] = x % 14;
                    x /= 14;
                    total += parts[i];
                }
                bool want = pool_by_definition(parts, nparts, k);
                if (stats_pool_shown(total, parts, nparts, k) != want)
                    fail_msg("K %d, parts %d %d %d %d: expected %s", k, parts[0],
                             nparts > 1 ? parts[1] : -1, nparts > 2 ? parts[2] : -1,
                             nparts > 3 ? parts[3] : -1, want ? "shown" : "withheld");
                shown += want;
                pools++;
            }
        }
    }
    /* what pooling is for: parts too small to show anywhere, together */
    int doors[] = {2, 2, 2};
    assert_true(stats_pool_shown(6, doors, 3, 5));
    int leaves_four[] = {9, 4};
    assert_false(stats_pool_shown(13, leaves_four, 2, 5));
    int big[] = {6, 7, 9};
    assert_true(stats_pool_shown(22, big, 3, 5));
    print_message("pooling: %ld pools, %ld shown\n", pools, shown);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_thresholds),
        cmocka_unit_test(test_ranks),
        cmocka_unit_test(test_disclose),
        cmocka_unit_test(test_rule_pins_no_small_count),
        cmocka_unit_test(test_attack_finds_what_the_old_figures_gave_away),
        cmocka_unit_test(test_pooling_pins_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
