#include "core/utf8.h"

#include <stddef.h>

bool utf8_next(const char **p, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)*p;
    unsigned c = s[0];
    int extra;
    uint32_t v, min;
    if (c < 0x80) {
        extra = 0, v = c, min = 0;
    } else if (c >= 0xc2 && c <= 0xdf) {
        extra = 1, v = c & 0x1f, min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
        extra = 2, v = c & 0x0f, min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
        extra = 3, v = c & 0x07, min = 0x10000;
    } else {
        return false; /* a continuation byte, C0/C1 (overlong), F5 and up */
    }
    for (int i = 1; i <= extra; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return false;
        v = v << 6 | (s[i] & 0x3f);
    }
    if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
        return false;
    *cp = v;
    *p += extra + 1;
    return true;
}

bool utf8_is_hidden(uint32_t c)
{
    /* Unicode's general category Cf (format), as of Unicode 15 */
    static const uint32_t format[][2] = {
        {0x00ad, 0x00ad},   {0x0600, 0x0605},   {0x061c, 0x061c},   {0x06dd, 0x06dd},
        {0x070f, 0x070f},   {0x0890, 0x0891},   {0x08e2, 0x08e2},   {0x180e, 0x180e},
        {0x200b, 0x200f},   {0x202a, 0x202e},   {0x2060, 0x2064},   {0x2066, 0x206f},
        {0xfeff, 0xfeff},   {0xfff9, 0xfffb},   {0x110bd, 0x110bd}, {0x110cd, 0x110cd},
        {0x13430, 0x1343f}, {0x1bca0, 0x1bca3}, {0x1d173, 0x1d17a}, {0xe0001, 0xe0001},
        {0xe0020, 0xe007f},
    };
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) /* Cc */
        return true;
    if (c == 0x2028 || c == 0x2029) /* Zl, Zp: a line break inside a name */
        return true;
    /* letters that draw nothing, used to make names look empty or alike */
    if (c == 0x115f || c == 0x1160 || c == 0x3164 || c == 0xffa0)
        return true;
    if ((c >= 0xfdd0 && c <= 0xfdef) || (c & 0xfffe) == 0xfffe) /* noncharacters */
        return true;
    for (size_t i = 0; i < sizeof format / sizeof format[0]; i++)
        if (c >= format[i][0] && c <= format[i][1])
            return true;
    return false;
}

static bool is_space(uint32_t c)
{
    return c == 0x20 || c == 0xa0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
           c == 0x202f || c == 0x205f || c == 0x3000;
}

Utf8TextResult utf8_text_check(const char *text, int max_chars, uint32_t *bad)
{
    int chars = 0;
    bool visible = false;
    const char *p = text;
    while (*p) {
        uint32_t c;
        if (!utf8_next(&p, &c))
            return UTF8_TEXT_MALFORMED;
        if (utf8_is_hidden(c)) {
            if (bad)
                *bad = c;
            return UTF8_TEXT_HIDDEN;
        }
        if (!is_space(c))
            visible = true;
        if (++chars > max_chars)
            return UTF8_TEXT_TOO_LONG;
    }
    return visible ? UTF8_TEXT_OK : UTF8_TEXT_EMPTY;
}
