/* Names people read (group names, typed at the console, given to `hearth
 * session open --group`, or brought in by a merge): well-formed UTF-8 with
 * nothing a reader cannot see. A name that differs from another only by an
 * invisible character, or that turns its text around (U+202E), is how a
 * report is made to lie about which group it shows. */
#ifndef HEARTH_UTF8_H
#define HEARTH_UTF8_H

#include <stdbool.h>
#include <stdint.h>

typedef enum Utf8TextResult {
    UTF8_TEXT_OK = 0,
    UTF8_TEXT_EMPTY,     /* nothing, or only spaces */
    UTF8_TEXT_TOO_LONG,  /* more characters than allowed */
    UTF8_TEXT_MALFORMED, /* not UTF-8: a stray byte, an overlong form, a surrogate */
    UTF8_TEXT_HIDDEN     /* a control or format character (*bad says which) */
} Utf8TextResult;

/* Decodes the character at *p (strict: no overlong forms, surrogates or
 * code points past U+10FFFF) and moves *p past it. False on a malformed
 * sequence; *p is then left where it was. */
bool utf8_next(const char **p, uint32_t *cp);

/* True for characters a reader cannot see or that change how the text
 * around them is shown: controls (Cc, C0 and C1, DEL), format characters
 * (Cf: soft hyphen, zero-width spaces and joiners, bidirectional marks,
 * embeddings, overrides and isolates, the byte order mark, tags...), line
 * and paragraph separators, Hangul fillers and noncharacters. */
bool utf8_is_hidden(uint32_t cp);

/* Checks a name of 1 to max_chars characters: well-formed, nothing hidden,
 * not only spaces. *bad (may be NULL) receives the hidden character. */
Utf8TextResult utf8_text_check(const char *text, int max_chars, uint32_t *bad);

#endif
