/* UTF-8, the one encoding of every text Hearth reads, keeps and shows
 * (RFC 3629: no overlong forms, no UTF-16 surrogates, nothing past
 * U+10FFFF). Every module that decodes, encodes, counts or cuts UTF-8 uses
 * these, so that a malformed byte means the same thing everywhere. */
#ifndef HEARTH_UTF8_H
#define HEARTH_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decodes the well-formed character at s, reading at most n bytes: its
 * code point into *cp and its length 1 to 4, or 0 when the bytes there are
 * not UTF-8 (or n is 0). A NUL byte decodes as U+0000 of length 1. */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);

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

#endif
