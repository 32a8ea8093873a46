/* rule_cases < CASES: what core/stats.h shows of each pooled cell, one
 * line per case, for tests/program/test_rule.sh to compare with what the
 * program's server shows of the same pools. A case is
 *   K|c0,c1,...,c10|p1,p2,...
 * (K, the pooled counts by value, the parts' sizes); the answer is
 *   n|median|q1|q3
 * with an empty field for what is withheld. */
#include "core/stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int read_list(char *text, int *out, int max)
{
    int n = 0;
    for (char *tok = strtok(text, ","); tok && n < max; tok = strtok(NULL, ","))
        out[n++] = atoi(tok);
    return n;
}

static void field(int shown, int v, const char *sep)
{
    if (shown)
        printf("%d", v);
    fputs(sep, stdout);
}

int main(void)
{
    char line[4096];
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = '\0';
        char *k = strtok(line, "|"), *c = strtok(NULL, "|"), *p = strtok(NULL, "|");
        if (!k || !c || !p) {
            fprintf(stderr, "rule_cases: a line is not K|counts|parts\n");
            return 2;
        }
        char cbuf[1024], pbuf[2048];
        snprintf(cbuf, sizeof cbuf, "%s", c);
        snprintf(pbuf, sizeof pbuf, "%s", p);
        int counts[STATS_VALUE_MAX + 1] = {0}, parts[256];
        if (read_list(cbuf, counts, STATS_VALUE_MAX + 1) != STATS_VALUE_MAX + 1) {
            fprintf(stderr, "rule_cases: 11 counts expected\n");
            return 2;
        }
        int nparts = read_list(pbuf, parts, 256), total = 0;
        for (int v = 0; v <= STATS_VALUE_MAX; v++)
            total += counts[v];
        StatsShown s;
        bool shown = stats_pool_shown(total, parts, nparts, atoi(k)) &&
                     stats_disclose(counts, atoi(k), &s);
        field(shown, shown ? s.n : 0, "|");
        field(shown && s.has_median, shown ? s.median : 0, "|");
        field(shown && s.has_quartiles, shown ? s.q1 : 0, "|");
        field(shown && s.has_quartiles, shown ? s.q3 : 0, "\n");
    }
    return 0;
}
