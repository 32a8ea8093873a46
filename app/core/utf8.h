/* UTF-8, the one encoding of every text Hearth reads, keeps and shows
 * (RFC 3629: no overlong forms, no UTF-16 surrogates, nothing past
 * U+10FFFF). Every module that decodes, encodes, counts or cuts UTF-8 uses
 * these, so that a malformed byte means the same thing everywhere.
 *
 * Names people read (group names, typed at the console, given to `hearth
 * session open --group`, or brought in by a merge) are also checked here:
 * well-formed UTF-8 with nothing a reader cannot see. A name that differs
 * from another only by an invisible character, or that turns its text
 * around (U+202E), is how a report is made to lie about which group it
 * shows. */
#ifndef HEARTH_UTF8_H
#define HEARTH_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decodes the well-formed character at s, reading at most n bytes: its
 * code point into *cp and its length 1 to 4, or 0 when the bytes there are
 * not UTF-8 (or n is 0). A NUL byte decodes as U+0000 of length 1. */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);

/* Decodes the character at *p of a NUL-terminated text and moves *p past
 * it. False on a malformed sequence; *p is then left where it was. */
bool utf8_next(const char **p, uint32_t *cp);

/* Writes cp as UTF-8 into out; returns its length 1 to 4, or 0 when cp is
 * a surrogate or past U+10FFFF. */
size_t utf8_encode(uint32_t cp, char out[4]);

/* Offset of the first byte of s[0..n) that is not well-formed UTF-8 or is a
 * NUL, or n when there is none. */
size_t utf8_invalid_at(const char *s, size_t n);

/* Characters, as a person counts them, in a NUL-terminated UTF-8 text. */
size_t utf8_length(const char *s);

/* The start of the character that holds byte off of s: off moved back over
 * continuation bytes, so that cutting there never splits a character. */
size_t utf8_char_start(const char *s, size_t off);

typedef enum Utf8TextResult {
    UTF8_TEXT_OK = 0,
    UTF8_TEXT_EMPTY,     /* nothing, or only spaces */
    UTF8_TEXT_TOO_LONG,  /* more characters than allowed */
    UTF8_TEXT_MALFORMED, /* not UTF-8: a stray byte, an overlong form, a surrogate */
    UTF8_TEXT_HIDDEN     /* a control or format character (*bad says which) */
} Utf8TextResult;

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
