#include "core/utf8.h"

static int is_continuation(unsigned char b) { return (b & 0xC0) == 0x80; }

size_t utf8_decode(const char *str, size_t n, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    if (n == 0)
        return 0;
    unsigned char c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    /* The second byte's range rules out overlong forms (E0, F0),
     * surrogates (ED) and code points past U+10FFFF (F4). */
    size_t len;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else {
        return 0;
    }
    if (n < len || s[1] < lo || s[1] > hi)
        return 0;
    uint32_t v = c & (0xFFu >> (len + 1));
    for (size_t i = 1; i < len; i++) {
        if (!is_continuation(s[i]))
            return 0;
        v = v << 6 | (s[i] & 0x3Fu);
    }
    *cp = v;
    return len;
}

size_t utf8_encode(uint32_t cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | cp >> 6);
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
        return 0;
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | cp >> 12);
        out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | cp >> 18);
    out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
    out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t utf8_invalid_at(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = utf8_decode(s + i, n - i, &cp);
        if (k == 0 || cp == 0)
            return i;
        i += k;
    }
    return n;
}

size_t utf8_length(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += !is_continuation((unsigned char)*s);
    return n;
}

size_t utf8_char_start(const char *s, size_t off)
{
    while (off > 0 && is_continuation((unsigned char)s[off]))
        off--;
    return off;
}

bool utf8_next(const char **p, uint32_t *cp)
{
    /* At most four bytes are read, and never past the terminating NUL: a
     * NUL is no continuation byte, so decoding stops there. */
    size_t k = utf8_decode(*p, 4, cp);
    if (k == 0)
        return false;
    *p += k;
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
