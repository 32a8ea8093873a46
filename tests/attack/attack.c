/* attack FILE.json...: what an attacker holding these exports can work out.
 *
 * Written apart from Hearth's own code (it links cJSON only, and reads the
 * files as anyone would), so that it cannot share a mistake with the rule
 * it attacks. It reads every export given, of either format Hearth ever
 * wrote (version 1: means, standard deviations, medians and quartiles
 * interpolated as R's type 7, counts with the small ones left out;
 * version 2: n, the middle answer and the middle half by rank), and puts
 * together everything published about each cell (a session's answers to
 * an instrument in a phase, or one round) across all files. Then, for
 * every cell, it enumerates the ways its answers could fall on the scale
 * that agree with everything published, and for every point and every
 * range of points of the scale asks: do all of them agree on how many
 * answered there? If that number is from 1 to K - 1 (K the smallest
 * threshold among the files), the exports gave it away.
 *
 * Attendance the same way: a session's attendance withheld in one file
 * but pinned by the totals of others (total minus the sessions shown), by
 * substitution through every window given.
 *
 * A program's report (hearth export --from, "program": true) pools the
 * sessions of one group on one day: its cells and attendances are put
 * beside the kiosks' own cells of that group and day, and what is left
 * once the parts shown anywhere are taken from a pool is attacked the
 * same way (every split of the pool into its shown parts and the rest
 * that agrees with everything published).
 *
 * Exit status: 0 nothing given away, 1 something was (listed on stdout),
 * 2 a file could not be read. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXV 11
#define NODE_BUDGET 400000L

typedef struct Cell {
    char key[200];  /* session | instrument | phase | part */
    char pool[400]; /* group | date | instrument | phase | part */
    bool program;   /* a program's pooled cell */
    char session[40];
    int lo, hi;
    int n;          /* -1 unknown */
    bool withheld;  /* some file withheld it: n < that file's K */
    int withheld_k;
    /* version 2 */
    int rank_value[3][2]; /* (rank, value) of median, q1, q3; rank 0 none */
    int nranks;
    int rk[8], rv[8];
    /* version 1 */
    bool has_mean, has_sd, has_q7;
    double mean, sd, q7[3];
    int counts[MAXV]; /* -1 unknown */
} Cell;

typedef struct Session {
    char id[40];
    char pool[300]; /* group | date */
    bool program;
    int attendance; /* -1 unknown */
} Session;

typedef struct Equation {
    int nterms;
    int *terms; /* session indexes */
    long total;
} Equation;

static Cell *cells;
static int ncells, capcells;
static Session *sessions;
static int nsessions, capsessions;
static Equation *eqs;
static int neqs, capeqs;
static int kmin = 1000000;

static void *grow(void *p, int *cap, int need, size_t size)
{
    if (need <= *cap)
        return p;
    int c = *cap ? *cap * 2 : 256;
    while (c < need)
        c *= 2;
    p = realloc(p, (size_t)c * size);
    if (!p) {
        fprintf(stderr, "attack: out of memory\n");
        exit(2);
    }
    *cap = c;
    return p;
}

static int session_index(const char *id)
{
    for (int i = nsessions - 1; i >= 0; i--)
        if (!strcmp(sessions[i].id, id))
            return i;
    sessions = grow(sessions, &capsessions, nsessions + 1, sizeof *sessions);
    Session *s = &sessions[nsessions];
    snprintf(s->id, sizeof s->id, "%s", id);
    s->attendance = -1;
    return nsessions++;
}

static Cell *cell_for(const char *key, const char *session, int lo, int hi)
{
    for (int i = 0; i < ncells; i++)
        if (!strcmp(cells[i].key, key))
            return &cells[i];
    cells = grow(cells, &capcells, ncells + 1, sizeof *cells);
    Cell *c = &cells[ncells++];
    memset(c, 0, sizeof *c);
    snprintf(c->key, sizeof c->key, "%s", key);
    snprintf(c->session, sizeof c->session, "%s", session);
    c->lo = lo;
    c->hi = hi;
    c->n = -1;
    for (int v = 0; v < MAXV; v++)
        c->counts[v] = -1;
    return c;
}

static double num(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsNumber(v) ? v->valuedouble : NAN;
}

static const char *str(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) ? v->valuestring : "";
}

static void add_rank(Cell *c, int rank, int value)
{
    for (int i = 0; i < c->nranks; i++)
        if (c->rk[i] == rank)
            return;
    if (c->nranks < 8) {
        c->rk[c->nranks] = rank;
        c->rv[c->nranks++] = value;
    }
}

static void read_cell(const cJSON *o, const char *session, const char *pool, bool program,
                      int version, int k)
{
    const cJSON *scale = cJSON_GetObjectItemCaseSensitive(o, "scale");
    int lo = (int)cJSON_GetArrayItem(scale, 0)->valuedouble;
    int hi = (int)cJSON_GetArrayItem(scale, 1)->valuedouble;
    char key[200];
    snprintf(key, sizeof key, "%s|%s|%s|%s", session, str(o, "instrument"), str(o, "phase"),
             str(o, "part"));
    Cell *c = cell_for(key, session, lo, hi);
    snprintf(c->pool, sizeof c->pool, "%s|%s|%s|%s", pool, str(o, "instrument"), str(o, "phase"),
             str(o, "part"));
    c->program = program;
    double n = num(o, "n");
    if (isnan(n)) {
        c->withheld = true;
        if (!c->withheld_k || k < c->withheld_k)
            c->withheld_k = k;
        return;
    }
    c->n = (int)n;
    const cJSON *counts = cJSON_GetObjectItemCaseSensitive(o, "counts");
    for (int i = 0; cJSON_IsArray(counts) && i <= hi - lo; i++) {
        const cJSON *v = cJSON_GetArrayItem(counts, i);
        if (cJSON_IsNumber(v))
            c->counts[i] = (int)v->valuedouble;
    }
    if (version == 1) {
        if (!isnan(num(o, "mean"))) {
            c->has_mean = true;
            c->mean = num(o, "mean");
        }
        if (!isnan(num(o, "sd"))) {
            c->has_sd = true;
            c->sd = num(o, "sd");
        }
        if (!isnan(num(o, "median"))) {
            c->has_q7 = true;
            c->q7[0] = num(o, "q1");
            c->q7[1] = num(o, "median");
            c->q7[2] = num(o, "q3");
        }
        return;
    }
    /* version 2: the figures are answers at ranks fixed by n (nearest rank) */
    int nn = c->n;
    if (!isnan(num(o, "median")))
        add_rank(c, (nn + 1) / 2, (int)num(o, "median"));
    if (!isnan(num(o, "q1")))
        add_rank(c, (nn + 3) / 4, (int)num(o, "q1"));
    if (!isnan(num(o, "q3")))
        add_rank(c, (3 * nn + 3) / 4, (int)num(o, "q3"));
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *b = malloc((size_t)n + 1);
    if (b && fread(b, 1, (size_t)n, f) != (size_t)n) {
        free(b);
        b = NULL;
    }
    if (b)
        b[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return b;
}

static bool read_file(const char *path)
{
    size_t len;
    char *text = slurp(path, &len);
    cJSON *root = text ? cJSON_ParseWithLength(text, len) : NULL;
    free(text);
    if (!root) {
        fprintf(stderr, "attack: %s: not JSON\n", path);
        return false;
    }
    int version = (int)num(root, "version");
    int k = (int)num(root, "min_cell");
    if (k < kmin)
        kmin = k;
    const cJSON *s;
    /* per group, the sessions of this file: for the attendance totals */
    const cJSON *groups = cJSON_GetObjectItemCaseSensitive(root, "groups");
    const cJSON *g;
    cJSON_ArrayForEach(g, groups)
    {
        double total = num(g, "attendance_total");
        if (isnan(total))
            continue;
        Equation e = {0, NULL, (long)total};
        cJSON_ArrayForEach(s, cJSON_GetObjectItemCaseSensitive(root, "sessions"))
        {
            if (strcmp(str(s, "group"), str(g, "name")))
                continue;
            /* version 1 added every session of the period; version 2 the
             * sessions it shows */
            if (version >= 2 && isnan(num(s, "attendance")))
                continue;
            e.terms = realloc(e.terms, (size_t)(e.nterms + 1) * sizeof *e.terms);
            e.terms[e.nterms++] = session_index(str(s, "id"));
        }
        eqs = grow(eqs, &capeqs, neqs + 1, sizeof *eqs);
        eqs[neqs++] = e;
    }
    bool program = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(root, "program"));
    cJSON_ArrayForEach(s, cJSON_GetObjectItemCaseSensitive(root, "sessions"))
    {
        int si = session_index(str(s, "id"));
        char pool[300];
        snprintf(pool, sizeof pool, "%s|%s", str(s, "group"), str(s, "date"));
        snprintf(sessions[si].pool, sizeof sessions[si].pool, "%s", pool);
        sessions[si].program = program;
        double att = num(s, "attendance");
        if (!isnan(att))
            sessions[si].attendance = (int)att;
        const cJSON *c;
        cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(s, "cells"))
            read_cell(c, str(s, "id"), pool, program, version, k);
    }
    cJSON_Delete(root);
    return true;
}

/* --- one cell: every distribution that agrees with what was published ---- */

typedef struct Search {
    const Cell *c;
    int w;
    int x[MAXV];
    int lo[MAXV][MAXV], hi[MAXV][MAXV]; /* per range: smallest and largest count seen */
    long leaves, nodes;
    bool budget_out;
    uint32_t rng;
} Search;

static uint32_t rnd(Search *s)
{
    s->rng ^= s->rng << 13;
    s->rng ^= s->rng >> 17;
    s->rng ^= s->rng << 5;
    return s->rng;
}

static double type7(const int *x, int w, int lo, int n, int quarter)
{
    int num4 = (n - 1) * quarter, at = num4 / 4, rem = num4 % 4;
    int seen = 0, a = -1, b = -1;
    for (int i = 0; i < w; i++) {
        if (a < 0 && seen + x[i] > at)
            a = lo + i;
        if (b < 0 && seen + x[i] > at + 1)
            b = lo + i;
        seen += x[i];
    }
    if (b < 0)
        b = a;
    return a + (rem ? rem / 4.0 * (b - a) : 0);
}

static bool near(double a, double b) { return fabs(a - b) <= 1e-5 * fmax(1, fabs(b)); }

/* The constraints that bind once the whole distribution is known. */
static bool agrees(const Search *s)
{
    const Cell *c = s->c;
    int n = c->n;
    double sum = 0, sq = 0;
    for (int i = 0; i < s->w; i++) {
        sum += (double)s->x[i] * (c->lo + i);
        sq += (double)s->x[i] * (c->lo + i) * (c->lo + i);
    }
    if (c->has_mean && !near(sum / n, c->mean))
        return false;
    if (c->has_sd && n > 1) {
        double var = (sq - sum * sum / n) / (n - 1);
        if (!near(sqrt(var > 0 ? var : 0), c->sd))
            return false;
    }
    if (c->has_q7)
        for (int q = 0; q < 3; q++)
            if (!near(type7(s->x, s->w, c->lo, n, q + 1), c->q7[q]))
                return false;
    return true;
}

/* The nearest-rank constraints on how many answered at or below lo + i. */
static bool ranks_allow(const Cell *c, int i, int cum)
{
    int v = c->lo + i;
    for (int r = 0; r < c->nranks; r++) {
        if (c->rv[r] <= v && cum < c->rk[r])
            return false; /* the rk-th smallest is at or below v */
        if (c->rv[r] > v && cum >= c->rk[r])
            return false; /* ...or above it */
    }
    return true;
}

static bool all_decided(const Search *s)
{
    /* a range is safe once it took two values, or one that is no secret */
    for (int a = 0; a < s->w; a++)
        for (int b = a; b < s->w; b++)
            if (s->lo[a][b] == s->hi[a][b] && s->lo[a][b] >= 1 && s->lo[a][b] < kmin)
                return false;
    return true;
}

static void leaf(Search *s)
{
    if (!agrees(s))
        return;
    s->leaves++;
    for (int a = 0; a < s->w; a++) {
        int sum = 0;
        for (int b = a; b < s->w; b++) {
            sum += s->x[b];
            if (sum < s->lo[a][b])
                s->lo[a][b] = sum;
            if (sum > s->hi[a][b])
                s->hi[a][b] = sum;
        }
    }
}

static bool dfs(Search *s, int i, int left, int cum)
{
    if (++s->nodes > NODE_BUDGET) {
        s->budget_out = true;
        return true;
    }
    if (i == s->w - 1) {
        if (s->c->counts[i] >= 0 && s->c->counts[i] != left)
            return false;
        s->x[i] = left;
        if (!ranks_allow(s->c, i, cum + left))
            return false;
        leaf(s);
        /* stop as soon as nothing can be pinned any more */
        return s->leaves > 1 && all_decided(s);
    }
    int from = 0, to = left;
    if (s->c->counts[i] >= 0)
        from = to = s->c->counts[i];
    if (from > left)
        return false;
    int span = to - from + 1, start = (int)(rnd(s) % (uint32_t)span);
    for (int j = 0; j < span; j++) {
        int x = from + (start + j) % span;
        s->x[i] = x;
        if (!ranks_allow(s->c, i, cum + x))
            continue;
        if (dfs(s, i + 1, left - x, cum + x))
            return true;
    }
    return false;
}

static long budget_outs;

/* How many ranges of the cell are pinned to a secret count; the first is
 * described in what. */
static int attack_cell(const Cell *c, char *what, size_t n)
{
    if (c->n < 0)
        return 0; /* withheld everywhere: nothing to start from */
    Search s;
    memset(&s, 0, sizeof s);
    s.c = c;
    s.w = c->hi - c->lo + 1;
    s.rng = 0x9e3779b9u;
    for (int a = 0; a < MAXV; a++)
        for (int b = 0; b < MAXV; b++) {
            s.lo[a][b] = 1 << 30;
            s.hi[a][b] = -1;
        }
    dfs(&s, 0, c->n, 0);
    if (s.budget_out)
        budget_outs++;
    if (s.leaves == 0)
        return 0; /* contradictory figures: nothing follows */
    int pinned = 0;
    for (int a = 0; a < s.w; a++)
        for (int b = a; b < s.w; b++)
            if (!s.budget_out && s.lo[a][b] == s.hi[a][b] && s.lo[a][b] >= 1 &&
                s.lo[a][b] < kmin) {
                if (!pinned)
                    snprintf(what, n, "%s (n %d): exactly %d answered %d to %d", c->key, c->n,
                             s.lo[a][b], c->lo + a, c->lo + b);
                pinned++;
            }
    return pinned;
}

/* --- a program's pool against the kiosks' own parts of it ------------------ */

#define MAXPARTS 4

/* Every split of a pooled cell into the parts shown elsewhere and the
 * rest: each part's points agree with its own figures, their sum with the
 * pool's. What the rest holds at each range is tracked. */
typedef struct Joint {
    const Cell *p;
    const Cell *part[MAXPARTS];
    int m;      /* parts shown somewhere; the rest is variable m */
    int w;
    int left[MAXPARTS + 1], cum[MAXPARTS + 1];
    int rest[MAXV];
    int lo[MAXV][MAXV], hi[MAXV][MAXV];
    long leaves, nodes;
    bool budget_out;
    uint32_t rng;
} Joint;

static bool joint_decided(const Joint *j)
{
    for (int a = 0; a < j->w; a++)
        for (int b = a; b < j->w; b++)
            if (j->lo[a][b] == j->hi[a][b] && j->lo[a][b] >= 1 && j->lo[a][b] < kmin)
                return false;
    return true;
}

static bool jdfs(Joint *j, int i, int var)
{
    if (++j->nodes > NODE_BUDGET) {
        j->budget_out = true;
        return true;
    }
    if (var > j->m) {
        /* the point is chosen for every part and the rest: check it */
        int total = 0;
        for (int k = 0; k <= j->m; k++)
            total += j->cum[k];
        for (int k = 0; k < j->m; k++)
            if (!ranks_allow(j->part[k], i, j->cum[k]))
                return false;
        if (!ranks_allow(j->p, i, total))
            return false;
        if (i < j->w - 1)
            return jdfs(j, i + 1, 0);
        j->leaves++;
        for (int a = 0; a < j->w; a++) {
            int sum = 0;
            for (int b = a; b < j->w; b++) {
                sum += j->rest[b];
                if (sum < j->lo[a][b])
                    j->lo[a][b] = sum;
                if (sum > j->hi[a][b])
                    j->hi[a][b] = sum;
            }
        }
        return j->leaves > 1 && joint_decided(j);
    }
    int from = 0, to = j->left[var];
    if (i == j->w - 1)
        from = to; /* the last point takes what is left */
    if (var < j->m && j->part[var]->counts[i] >= 0) {
        from = to = j->part[var]->counts[i];
        if (from > j->left[var] || (i == j->w - 1 && from != j->left[var]))
            return false;
    }
    int span = to - from + 1;
    if (span <= 0)
        return false;
    uint32_t r = j->rng ^= j->rng << 13;
    r = j->rng ^= j->rng >> 17;
    r = j->rng ^= j->rng << 5;
    int start = (int)(r % (uint32_t)span);
    for (int t = 0; t < span; t++) {
        int x = from + (start + t) % span;
        j->left[var] -= x;
        j->cum[var] += x;
        if (var == j->m)
            j->rest[i] = x;
        bool stop = jdfs(j, i, var + 1);
        j->left[var] += x;
        j->cum[var] -= x;
        if (stop)
            return true;
    }
    return false;
}

static long pools_attacked, pool_budget_outs;

/* What a pooled cell gives away about the answers no file shows apart:
 * their number, and any count in a range of the scale. */
static int attack_pool(const Cell *p, char *what, size_t n)
{
    if (!p->program || p->n < 0)
        return 0;
    Joint j;
    memset(&j, 0, sizeof j);
    j.p = p;
    j.w = p->hi - p->lo + 1;
    int rest = p->n;
    bool any = false;
    for (int i = 0; i < ncells; i++) {
        const Cell *c = &cells[i];
        if (c->program || strcmp(c->pool, p->pool))
            continue;
        any = true;
        if (c->n < 0)
            continue; /* withheld everywhere: part of the rest */
        if (j.m == MAXPARTS || c->lo != p->lo || c->hi != p->hi) {
            pool_budget_outs++;
            return 0;
        }
        j.part[j.m] = c;
        j.left[j.m++] = c->n;
        rest -= c->n;
    }
    if (!any)
        return 0; /* no kiosk's file to lay beside it */
    pools_attacked++;
    if (rest < 0)
        return 0; /* the parts do not fit: not this pool's */
    if (rest >= 1 && rest < kmin) {
        snprintf(what, n, "%s (pool n %d): exactly %d answers not shown apart", p->pool, p->n,
                 rest);
        return 1;
    }
    if (rest == 0)
        return 0;
    j.left[j.m] = rest;
    j.rng = 0x2545f491u;
    for (int a = 0; a < MAXV; a++)
        for (int b = 0; b < MAXV; b++) {
            j.lo[a][b] = 1 << 30;
            j.hi[a][b] = -1;
        }
    jdfs(&j, 0, 0);
    if (j.budget_out) {
        pool_budget_outs++;
        return 0;
    }
    int pinned = 0;
    for (int a = 0; a < j.w; a++)
        for (int b = a; b < j.w; b++)
            if (j.leaves && j.lo[a][b] == j.hi[a][b] && j.lo[a][b] >= 1 && j.lo[a][b] < kmin) {
                if (!pinned)
                    snprintf(what, n, "%s (pool n %d, rest %d): exactly %d answered %d to %d",
                             p->pool, p->n, rest, j.lo[a][b], p->lo + a, p->lo + b);
                pinned++;
            }
    return pinned;
}

/* A pooled session's attendance is the sum of the kiosks' sessions of
 * that group and day: one more total to substitute into. */
static void pool_equations(void)
{
    for (int i = 0; i < nsessions; i++) {
        if (!sessions[i].program || sessions[i].attendance < 0)
            continue;
        Equation e = {0, NULL, sessions[i].attendance};
        for (int t = 0; t < nsessions; t++) {
            if (sessions[t].program || strcmp(sessions[t].pool, sessions[i].pool))
                continue;
            e.terms = realloc(e.terms, (size_t)(e.nterms + 1) * sizeof *e.terms);
            e.terms[e.nterms++] = t;
        }
        if (!e.nterms) {
            free(e.terms);
            continue;
        }
        eqs = grow(eqs, &capeqs, neqs + 1, sizeof *eqs);
        eqs[neqs++] = e;
    }
}

/* Attendance: substitute what is known into every total until nothing
 * moves; a withheld session left alone in a total is given away. */
static int attack_attendance(char *what, size_t n)
{
    bool *learned = calloc((size_t)nsessions + 1, sizeof *learned);
    int found = 0;
    for (bool moved = true; moved;) {
        moved = false;
        for (int e = 0; e < neqs; e++) {
            long rest = eqs[e].total;
            int unknown = -1, nunknown = 0;
            for (int t = 0; t < eqs[e].nterms; t++) {
                int si = eqs[e].terms[t];
                if (sessions[si].attendance >= 0) {
                    rest -= sessions[si].attendance;
                } else if (unknown != si) {
                    unknown = si;
                    nunknown++;
                }
            }
            if (nunknown == 1 && rest >= 0) {
                sessions[unknown].attendance = (int)rest;
                learned[unknown] = true;
                moved = true;
                if (rest >= 1 && rest < kmin) {
                    if (!found)
                        snprintf(what, n, "session %s: attendance %ld, withheld, from the totals",
                                 sessions[unknown].id, rest);
                    found++;
                }
            }
        }
    }
    free(learned);
    return found;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: attack FILE.json...\n");
        return 2;
    }
    for (int i = 1; i < argc; i++)
        if (!read_file(argv[i]))
            return 2;
    long pinned = 0, shown = 0, cells_pinned = 0;
    char what[300], first[300] = "";
    for (int i = 0; i < ncells; i++) {
        shown += cells[i].n >= 0;
        int p = attack_cell(&cells[i], what, sizeof what);
        if (p) {
            if (!cells_pinned)
                snprintf(first, sizeof first, "%s", what);
            if (cells_pinned < 10)
                printf("given away: %s\n", what);
            cells_pinned++;
            pinned += p;
        }
    }
    for (int i = 0; i < ncells; i++) {
        int p = attack_pool(&cells[i], what, sizeof what);
        if (p) {
            if (cells_pinned < 10)
                printf("given away: %s\n", what);
            cells_pinned++;
            pinned += p;
        }
    }
    pool_equations();
    int att = attack_attendance(what, sizeof what);
    if (att)
        printf("given away: %s\n", what);
    printf("attack: %d files, K %d, %d cells (%ld shown), %ld pools laid beside their parts, "
           "%ld cells with a count given away (%ld counts), %d attendances given away, %ld "
           "cells too large to finish\n",
           argc - 1, kmin, ncells, shown, pools_attacked, cells_pinned, pinned, att,
           budget_outs + pool_budget_outs);
    return cells_pinned || att ? 1 : 0;
}
