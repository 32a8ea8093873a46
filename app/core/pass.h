/* Anonymous pass secrets: generate, format, parse, hash. Pure logic.
 *
 * A pass is 75 random bits, written as 15 Crockford base32 symbols and one
 * check symbol. People type the grouped short code, K7QF-2M9X-ABCD-EFGH;
 * the QR code holds the scanner payload, HRT1K7QF2M9XABCDEFGH (digits and
 * upper-case letters only: QR alphanumeric mode, and a USB scanner types
 * them the same on every keyboard layout). The database stores only
 * pass_hash(); staff see only pass_pseudonym(). */
#ifndef HEARTH_PASS_H
#define HEARTH_PASS_H

#include <stddef.h>
#include <stdbool.h>

#define PASS_SECRET_BYTES 10    /* 80 bits hold the 75; the low 5 bits of the last byte are 0 */
#define PASS_SYMBOLS 16         /* 15 data symbols and the check symbol */
#define PASS_PREFIX "HRT1"      /* scanner payload version prefix */
#define PASS_CODE_SIZE 20       /* "K7QF-2M9X-ABCD-EFGH" and the terminator */
#define PASS_PAYLOAD_SIZE 21    /* "HRT1" + 16 symbols and the terminator */
#define PASS_HASH_BYTES 32      /* BLAKE2b-256 */
#define PASS_PSEUDONYM_SIZE 7   /* "P-7Q3K" and the terminator */
#define PASS_INPUT_MAX 256      /* longer input is refused unread */

typedef struct PassSecret {
    unsigned char bytes[PASS_SECRET_BYTES];
} PassSecret;

typedef enum PassParseResult {
    PASS_OK,        /* a pass of ours, check symbol right */
    PASS_TYPO,      /* shaped like a pass, check symbol wrong: caught before the database */
    PASS_FOREIGN,   /* readable, but not a Hearth pass: a URL, a retail barcode, another prefix */
    PASS_MALFORMED  /* unreadable: wrong length, invalid symbols, control bytes, bad UTF-8, too long */
} PassParseResult;

/* Draws a new secret from the OS CSPRNG (libsodium). Returns false when
 * libsodium cannot start, leaving *out zeroed. */
bool pass_generate(PassSecret *out);

/* Writes the grouped short code people type, "K7QF-2M9X-ABCD-EFGH"; the
 * last symbol is the check symbol. */
void pass_format_code(const PassSecret *secret, char out[PASS_CODE_SIZE]);

/* Writes the scanner payload the QR code holds, "HRT1K7QF2M9XABCDEFGH". */
void pass_format_payload(const PassSecret *secret, char out[PASS_PAYLOAD_SIZE]);

/* Reads a short code or a scanner payload as a person or a scanner gives
 * it: any case, dashes and spaces anywhere, O read as 0, I and L as 1.
 * Reads exactly len bytes (no terminator needed). Fills *out only on
 * PASS_OK and zeroes it otherwise. */
PassParseResult pass_parse(const char *text, size_t len, PassSecret *out);

/* What the database stores: BLAKE2b-256 over "hearth-pass-v1", a zero
 * byte and the secret's 10 bytes. 75 random bits make a slow hash
 * unnecessary. */
void pass_hash(const PassSecret *secret, unsigned char out[PASS_HASH_BYTES]);

/* What staff see, "P-7Q3K": four base32 symbols from a hash under another
 * domain ("hearth-pseudonym-v1"), so it tells nothing about the secret or
 * the stored hash. Never equal to four consecutive symbols of the payload,
 * so nobody mistakes it for part of the code. 20 bits: two passes can
 * share a pseudonym, so it names a pass on screen but never looks one up. */
void pass_pseudonym(const PassSecret *secret, char out[PASS_PSEUDONYM_SIZE]);

/* A stable lower-case name for logs and tests, "ok", "typo", "foreign",
 * "malformed"; never shown to users. */
const char *pass_result_name(PassParseResult result);

#endif
