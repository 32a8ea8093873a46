#include "core/stats.h"

#include "core/log.h"

#include <string.h>

bool stats_min_cell_valid(int min_cell)
{
    return min_cell == STATS_MIN_CELL_OFF ||
           (min_cell >= STATS_MIN_CELL_FLOOR && min_cell <= STATS_MIN_CELL_MAX);
}

int stats_median_rank(int n) { return n > 0 ? (n + 1) / 2 : 0; }

void stats_quartile_ranks(int n, int *r1, int *r3)
{
    if (n < STATS_QUARTILES_FROM) {
        *r1 = *r3 = 0;
        return;
    }
    *r1 = (n + 3) / 4;      /* ceil(n/4) */
    *r3 = (3 * n + 3) / 4;  /* ceil(3n/4) */
}

int stats_rank_value(const int counts[STATS_VALUE_MAX + 1], int r)
{
    if (r <= 0)
        return -1;
    int seen = 0;
    for (int v = 0; v <= STATS_VALUE_MAX; v++) {
        seen += counts[v];
        if (seen >= r)
            return v;
    }
    return -1;
}

static void clear(StatsShown *out)
{
    memset(out, 0, sizeof *out);
    out->median = out->q1 = out->q3 = -1;
}

/* Only exactly 1 turns suppression off: any other K under the floor (0 from
 * options left unfilled, a negative number) fails closed, as the floor. */
static int effective_k(int min_cell)
{
    if (min_cell == STATS_MIN_CELL_OFF)
        return STATS_MIN_CELL_OFF;
    return min_cell < STATS_MIN_CELL_FLOOR ? STATS_MIN_CELL_FLOOR : min_cell;
}

bool stats_count_shown(int n, int min_cell) { return n == 0 || (n > 0 && n >= effective_k(min_cell)); }

bool stats_disclose(const int counts[STATS_VALUE_MAX + 1], int min_cell, StatsShown *out)
{
    clear(out);
    int n = 0;
    for (int v = 0; v <= STATS_VALUE_MAX; v++) {
        hearth_expect(counts[v] >= 0);
        n += counts[v];
    }
    int k = effective_k(min_cell);
    if (n == 0 || n < k)
        return false;
    out->shown = true;
    out->n = n;
    out->has_median = true;
    out->median = stats_rank_value(counts, stats_median_rank(n));
    int r1, r3;
    stats_quartile_ranks(n, &r1, &r3);
    if (r1 > 0) {
        out->has_quartiles = true;
        out->q1 = stats_rank_value(counts, r1);
        out->q3 = stats_rank_value(counts, r3);
    }
    if (k == STATS_MIN_CELL_OFF) {
        out->has_counts = true;
        memcpy(out->counts, counts, sizeof out->counts);
    }
    return true;
}

static bool on_scale(int v) { return v >= 0 && v <= STATS_VALUE_MAX; }

bool stats_disclose_shown(int n, int median, int q1, int q3, int min_cell, StatsShown *out)
{
    clear(out);
    if (n <= 0 || n < effective_k(min_cell))
        return false;
    out->shown = true;
    out->n = n;
    if (on_scale(median)) {
        out->has_median = true;
        out->median = median;
    }
    /* the middle half only where this kiosk's own rule shows it too, and
     * only in order (a file that says otherwise is not believed) */
    if (n >= STATS_QUARTILES_FROM && on_scale(q1) && on_scale(q3) && q1 <= q3 &&
        (!out->has_median || (q1 <= median && median <= q3))) {
        out->has_quartiles = true;
        out->q1 = q1;
        out->q3 = q3;
    }
    return true;
}

bool stats_pool_shown(int total, const int *parts, int nparts, int min_cell)
{
    int k = effective_k(min_cell);
    if (total == 0)
        return true;
    if (total < k)
        return false;
    if (k <= STATS_MIN_CELL_OFF)
        return true;
    /* What is left once an export has shown some parts: the parts below
     * the floor, always, plus any choice of the others. reach[s]: some
     * choice leaves exactly s (only s below K matters). */
    bool reach[STATS_MIN_CELL_MAX];
    memset(reach, 0, sizeof reach);
    int hidden = 0;
    for (int i = 0; i < nparts; i++) {
        hearth_expect(parts[i] >= 0);
        if (parts[i] < STATS_MIN_CELL_FLOOR)
            hidden += parts[i];
    }
    if (hidden >= k)
        return true; /* whatever else is hidden, k or more are left */
    reach[hidden] = true;
    for (int i = 0; i < nparts; i++) {
        int p = parts[i];
        if (p < STATS_MIN_CELL_FLOOR || p >= k)
            continue; /* below the floor: counted above; k or more: leaves >= k */
        for (int s = k - 1 - p; s >= 0; s--)
            if (reach[s])
                reach[s + p] = true;
    }
    for (int s = 1; s < k; s++)
        if (reach[s])
            return false;
    return true;
}

size_t stats_count_values(const int *values, size_t n, int counts[STATS_VALUE_MAX + 1])
{
    size_t outside = 0;
    for (size_t i = 0; i < n; i++) {
        if (on_scale(values[i]))
            counts[values[i]]++;
        else
            outside++;
    }
    return outside;
}

bool stats_change(const StatsShown *pre, const StatsShown *post, int *change)
{
    if (!pre->shown || !post->shown || !pre->has_median || !post->has_median)
        return false;
    *change = post->median - pre->median;
    return true;
}
