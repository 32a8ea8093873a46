#include "core/names.h"

#include "core/utf8.h"

#include <string.h>

#define NAMES_MAX_CHARS 128
#define FAR_APART 1000

static bool is_space(uint32_t c)
{
    return c == ' ' || c == '\t' || c == 0xa0 || (c >= 0x2000 && c <= 0x200a) || c == 0x202f ||
           c == 0x205f || c == 0x3000;
}

/* Lower case for the letters group names are written in: ASCII, Latin-1
 * and Latin Extended-A (where capitals and small letters alternate). */
static uint32_t fold(uint32_t c)
{
    if (c >= 'A' && c <= 'Z')
        return c + 32;
    if (c >= 0xc0 && c <= 0xde && c != 0xd7)
        return c + 32;
    if (c >= 0x100 && c <= 0x137 && !(c & 1))
        return c + 1;
    if (c >= 0x139 && c <= 0x148 && (c & 1))
        return c + 1;
    if (c >= 0x14a && c <= 0x177 && !(c & 1))
        return c + 1;
    return c;
}

/* The folded characters of a name, without its spaces; -1 when it is not
 * valid UTF-8 or too long to compare. */
static int folded(const char *s, uint32_t out[NAMES_MAX_CHARS])
{
    int n = 0;
    while (*s) {
        uint32_t c;
        if (!utf8_next(&s, &c))
            return -1;
        if (is_space(c))
            continue;
        if (n == NAMES_MAX_CHARS)
            return -1;
        out[n++] = fold(c);
    }
    return n;
}

static int min3(int a, int b, int c)
{
    int m = a < b ? a : b;
    return m < c ? m : c;
}

int names_distance(const char *a, const char *b)
{
    uint32_t x[NAMES_MAX_CHARS], y[NAMES_MAX_CHARS];
    int n = folded(a, x), m = folded(b, y);
    if (n < 0 || m < 0)
        return FAR_APART;
    /* three rows of the optimal-string-alignment table: the one before the
     * previous is what a swap of two neighbours looks back to */
    static const int W = NAMES_MAX_CHARS + 1;
    int rows[3][NAMES_MAX_CHARS + 1];
    int *pp = rows[0], *prev = rows[1], *cur = rows[2];
    for (int j = 0; j < W; j++)
        prev[j] = j;
    for (int i = 1; i <= n; i++) {
        cur[0] = i;
        for (int j = 1; j <= m; j++) {
            int cost = x[i - 1] != y[j - 1];
            cur[j] = min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
            if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1] &&
                pp[j - 2] + 1 < cur[j])
                cur[j] = pp[j - 2] + 1;
        }
        int *t = pp;
        pp = prev;
        prev = cur;
        cur = t;
    }
    return prev[m];
}

bool names_near_miss(const char *a, const char *b)
{
    if (!strcmp(a, b))
        return false;
    uint32_t x[NAMES_MAX_CHARS], y[NAMES_MAX_CHARS];
    int n = folded(a, x), m = folded(b, y);
    if (n < 0 || m < 0)
        return false;
    int longer = n > m ? n : m;
    return names_distance(a, b) <= (longer > 7 ? 2 : 1);
}
