#include "core/aggregate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static AggregateCell *find_cell(SessionAggregate *a, const char *instrument, const char *phase,
                                const char *part)
{
    /* cells come in order from the store: the last one is nearly always it */
    for (int i = a->ncells - 1; i >= 0; i--) {
        AggregateCell *c = &a->cells[i];
        if (!strcmp(c->instrument, instrument) && !strcmp(c->phase, phase) &&
            !strcmp(c->part, part))
            return c;
    }
    return NULL;
}

bool aggregate_add(SessionAggregate *a, const char *instrument, const char *phase,
                   const char *part, const char *exercise, int value, int count)
{
    if (value < 0 || value > STATS_VALUE_MAX || count < 0)
        return false;
    part = part ? part : "";
    AggregateCell *c = find_cell(a, instrument, phase, part);
    if (!c) {
        if (a->ncells == a->capcells) {
            int cap = a->capcells ? a->capcells * 2 : 16;
            AggregateCell *p = realloc(a->cells, (size_t)cap * sizeof *p);
            if (!p)
                return false;
            a->cells = p;
            a->capcells = cap;
        }
        c = &a->cells[a->ncells++];
        memset(c, 0, sizeof *c);
        snprintf(c->instrument, sizeof c->instrument, "%s", instrument);
        snprintf(c->phase, sizeof c->phase, "%s", phase);
        snprintf(c->part, sizeof c->part, "%s", part);
    }
    if (exercise && exercise[0] && !c->exercise[0])
        snprintf(c->exercise, sizeof c->exercise, "%s", exercise);
    c->counts[value] += count;
    return true;
}

int aggregate_cell_n(const AggregateCell *c)
{
    int n = 0;
    for (int v = 0; v <= STATS_VALUE_MAX; v++)
        n += c->counts[v];
    return n;
}

void aggregate_free(SessionAggregate *a)
{
    free(a->cells);
    a->cells = NULL;
    a->ncells = a->capcells = 0;
}
