#include "core/pass.h"

#include "core/utf8.h"

#include <sodium.h>
#include <stdint.h>
#include <string.h>

/* Crockford base32: no I, L, O (read as 1, 1, 0) and no U, so a code never
 * spells much by accident. */
static const char ALPHABET[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

#define DATA_SYMBOLS (PASS_SYMBOLS - 1)
#define PREFIX_LEN (sizeof PASS_PREFIX - 1)
#define PAYLOAD_SYMBOLS (PREFIX_LEN + PASS_SYMBOLS)
/* The last byte holds 3 of the 75 bits; its low 5 bits stay 0. */
#define LAST_BYTE_MASK 0xE0u

static const char HASH_DOMAIN[] = "hearth-pass-v1";
static const char PSEUDONYM_DOMAIN[] = "hearth-pseudonym-v1";

/* The 15 data symbols: the secret's bytes read as one big-endian number,
 * five bits at a time from the top. */
static void secret_to_symbols(const PassSecret *secret, unsigned char sym[DATA_SYMBOLS])
{
    uint32_t acc = 0;
    int bits = 0;
    size_t n = 0;
    for (size_t i = 0; i < PASS_SECRET_BYTES && n < DATA_SYMBOLS; i++) {
        acc = (acc << 8) | secret->bytes[i];
        bits += 8;
        while (bits >= 5 && n < DATA_SYMBOLS) {
            sym[n++] = (unsigned char)((acc >> (bits - 5)) & 31u);
            bits -= 5;
        }
        acc &= (1u << bits) - 1u; /* keep only the bits not yet used */
    }
}

static void symbols_to_secret(const unsigned char sym[DATA_SYMBOLS], PassSecret *secret)
{
    uint32_t acc = 0;
    int bits = 0;
    size_t n = 0;
    for (size_t i = 0; i < DATA_SYMBOLS; i++) {
        acc = (acc << 5) | sym[i];
        bits += 5;
        if (bits >= 8) {
            secret->bytes[n++] = (unsigned char)(acc >> (bits - 8));
            bits -= 8;
            acc &= (1u << bits) - 1u;
        }
    }
    /* 75 bits: three are left over, the top of the last byte. */
    secret->bytes[n] = (unsigned char)(acc << (8 - bits));
}

/* Luhn mod 32 over the data symbols, the check symbol in the rightmost
 * place. Every position weighs a symbol through a bijection of 0..31 (the
 * symbol itself, or its double with the two base-32 digits added: 2x for
 * x < 16, 2x - 31 above), so any single substitution changes the sum and is
 * caught. Swapping neighbours a and b changes the sum by g(a) - g(b), where
 * g(x) is x below 16 and x + 1 from 16 on (mod 32); g is one-to-one except
 * that g(0) = g(31) = 0, so every adjacent transposition is caught except
 * "0Z" <-> "Z0", exactly as Luhn mod 10 misses "09" <-> "90" (about one
 * adjacent swap in 500). Plain weighted sums mod 32 do worse (an even
 * modulus lets every swap of symbols 16 apart through); a Damm check over a
 * quasigroup of order 32 would catch all swaps, at the price of a table
 * nobody can check by hand. Luhn is known everywhere and easy to redo. */
static unsigned char luhn32_check(const unsigned char sym[DATA_SYMBOLS])
{
    unsigned sum = 0;
    unsigned factor = 2; /* the rightmost data symbol is doubled */
    for (size_t i = DATA_SYMBOLS; i-- > 0;) {
        unsigned addend = factor * sym[i];
        sum += addend / 32u + addend % 32u;
        factor = factor == 2 ? 1 : 2;
    }
    return (unsigned char)((32u - sum % 32u) % 32u);
}

static void canonical_copy(const PassSecret *secret, PassSecret *copy)
{
    *copy = *secret;
    copy->bytes[PASS_SECRET_BYTES - 1] &= LAST_BYTE_MASK;
}

/* The 16 symbols as characters, data and check. */
static void secret_to_chars(const PassSecret *secret, char out[PASS_SYMBOLS])
{
    unsigned char sym[DATA_SYMBOLS];
    secret_to_symbols(secret, sym);
    for (size_t i = 0; i < DATA_SYMBOLS; i++)
        out[i] = ALPHABET[sym[i]];
    out[DATA_SYMBOLS] = ALPHABET[luhn32_check(sym)];
    sodium_memzero(sym, sizeof sym);
}

bool pass_generate(PassSecret *out)
{
    memset(out, 0, sizeof *out);
    if (sodium_init() < 0)
        return false;
    randombytes_buf(out->bytes, sizeof out->bytes);
    out->bytes[PASS_SECRET_BYTES - 1] &= LAST_BYTE_MASK;
    return true;
}

void pass_format_code(const PassSecret *secret, char out[PASS_CODE_SIZE])
{
    char chars[PASS_SYMBOLS];
    secret_to_chars(secret, chars);
    size_t o = 0;
    for (size_t i = 0; i < PASS_SYMBOLS; i++) {
        if (i > 0 && i % 4 == 0)
            out[o++] = '-';
        out[o++] = chars[i];
    }
    out[o] = '\0';
    sodium_memzero(chars, sizeof chars);
}

void pass_format_payload(const PassSecret *secret, char out[PASS_PAYLOAD_SIZE])
{
    memcpy(out, PASS_PREFIX, PREFIX_LEN);
    secret_to_chars(secret, out + PREFIX_LEN);
    out[PAYLOAD_SYMBOLS] = '\0';
}

/* --- parsing ------------------------------------------------------------ */

/* What a symbol means, or -1: an upper-case character after fold_ascii(). */
static int symbol_value(char c)
{
    const char *p = c ? strchr(ALPHABET, c) : NULL;
    return p ? (int)(p - ALPHABET) : -1;
}

/* Upper case with Crockford's forgiveness: O is 0, I and L are 1. Caps Lock
 * and a scanner set to the wrong case both come out right. */
static char fold_ascii(unsigned char c)
{
    if (c >= 'a' && c <= 'z')
        c = (unsigned char)(c - 'a' + 'A');
    if (c == 'O')
        return '0';
    if (c == 'I' || c == 'L')
        return '1';
    return (char)c;
}

/* Checks 16 folded symbols: PASS_OK (with *out), PASS_TYPO, or
 * PASS_MALFORMED when one is not in the alphabet (U, or punctuation). */
static PassParseResult check_symbols(const char chars[PASS_SYMBOLS], PassSecret *out)
{
    unsigned char sym[PASS_SYMBOLS];
    PassParseResult r = PASS_OK;
    for (size_t i = 0; i < PASS_SYMBOLS; i++) {
        int v = symbol_value(chars[i]);
        if (v < 0) {
            r = PASS_MALFORMED;
            break;
        }
        sym[i] = (unsigned char)v;
    }
    if (r == PASS_OK && luhn32_check(sym) != sym[DATA_SYMBOLS])
        r = PASS_TYPO;
    if (r == PASS_OK)
        symbols_to_secret(sym, out);
    sodium_memzero(sym, sizeof sym);
    return r;
}

/* Marks a character that is neither a separator nor a letter or digit. */
#define OTHER '?'

static PassParseResult classify(const char *text, size_t len, PassSecret *out)
{
    if (!text || len == 0 || len > PASS_INPUT_MAX)
        return PASS_MALFORMED;

    /* Pass 1: refuse what no keyboard or scanner of ours sends, and keep the
     * first characters with separators dropped and case folded. */
    char compact[PAYLOAD_SYMBOLS + 1];
    size_t n = 0;           /* characters other than separators, all of them */
    bool other = false;     /* punctuation or a non-ASCII character */
    bool all_digits = true; /* as typed, before O became 0 */
    const unsigned char *s = (const unsigned char *)text;
    for (size_t i = 0; i < len;) {
        char folded;
        if (s[i] < 0x80) {
            unsigned char c = s[i++];
            if (c < 0x20 || c == 0x7F)
                return PASS_MALFORMED;
            if (c == ' ' || c == '-')
                continue;
            bool digit = c >= '0' && c <= '9';
            bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
            all_digits = all_digits && digit;
            if (digit || letter) {
                folded = fold_ascii(c);
            } else {
                folded = OTHER;
                other = true;
            }
        } else {
            uint32_t cp = 0;
            size_t k = utf8_decode((const char *)s + i, len - i, &cp);
            if (k == 0 || cp < 0xA0) /* broken UTF-8, or a C1 control */
                return PASS_MALFORMED;
            i += k;
            folded = OTHER;
            other = true;
            all_digits = false;
        }
        if (n < sizeof compact)
            compact[n] = folded;
        n++;
    }

    if (n == 0)
        return PASS_MALFORMED; /* nothing but dashes and spaces */

    /* Pass 2: decide by shape. Lengths tell a code (16) from a payload (20),
     * so a code that happens to start with HRT1 still reads as a code. */
    bool hrt = n >= PREFIX_LEN && memcmp(compact, PASS_PREFIX, PREFIX_LEN - 1) == 0;
    bool hrt1 = hrt && compact[PREFIX_LEN - 1] == PASS_PREFIX[PREFIX_LEN - 1];
    if (n == PASS_SYMBOLS && !other) {
        PassParseResult r = check_symbols(compact, out);
        /* A code begins with HRT1 once in a million; a payload cut to 16
         * symbols (a half-read scan) is far likelier. */
        return r == PASS_TYPO && hrt1 ? PASS_MALFORMED : r;
    }
    if (hrt1) {
        if (n != PAYLOAD_SYMBOLS || other)
            return PASS_MALFORMED; /* ours, cut short, run on or garbled */
        return check_symbols(compact + PREFIX_LEN, out);
    }
    if (hrt)
        return PASS_FOREIGN; /* another version of Hearth's payload */
    if (other)
        return PASS_FOREIGN; /* URLs, SQL, words: nothing of ours has punctuation */
    if (all_digits)
        return PASS_FOREIGN; /* EAN, UPC, ITF: retail barcodes are all digits */
    if (n >= PAYLOAD_SYMBOLS)
        return PASS_FOREIGN; /* someone else's token, or a prefix not ours */
    return PASS_MALFORMED;   /* a code with symbols missing or doubled */
}

PassParseResult pass_parse(const char *text, size_t len, PassSecret *out)
{
    memset(out, 0, sizeof *out);
    PassParseResult r = classify(text, len, out);
    if (r != PASS_OK)
        memset(out, 0, sizeof *out);
    return r;
}

/* --- hashing ------------------------------------------------------------ */

/* BLAKE2b-256 over domain, a zero byte, the canonical secret, and extra.
 * The domain is a prefix, not a key: libsodium wants keys of 16 bytes or
 * more, and a prefix is just as easy to reproduce in another language. */
static void domain_hash(const char *domain, const PassSecret *secret, const unsigned char *extra,
                        size_t extra_len, unsigned char out[PASS_HASH_BYTES])
{
    PassSecret canon;
    canonical_copy(secret, &canon);
    crypto_generichash_state st;
    static const unsigned char zero = 0;
    crypto_generichash_init(&st, NULL, 0, PASS_HASH_BYTES);
    crypto_generichash_update(&st, (const unsigned char *)domain, strlen(domain));
    crypto_generichash_update(&st, &zero, 1);
    crypto_generichash_update(&st, canon.bytes, sizeof canon.bytes);
    if (extra_len)
        crypto_generichash_update(&st, extra, extra_len);
    crypto_generichash_final(&st, out, PASS_HASH_BYTES);
    sodium_memzero(&st, sizeof st);
    sodium_memzero(&canon, sizeof canon);
}

void pass_hash(const PassSecret *secret, unsigned char out[PASS_HASH_BYTES])
{
    domain_hash(HASH_DOMAIN, secret, NULL, 0, out);
}

void pass_pseudonym(const PassSecret *secret, char out[PASS_PSEUDONYM_SIZE])
{
    char payload[PASS_PAYLOAD_SIZE];
    pass_format_payload(secret, payload);
    unsigned char h[PASS_HASH_BYTES];
    out[0] = 'P';
    out[1] = '-';
    out[6] = '\0';
    /* Counter 0 nearly always gives the answer (a candidate sits inside the
     * payload about once in 60,000); the next counters stand by. 256 misses
     * in a row would take a broken hash. */
    for (unsigned counter = 0; counter < 256; counter++) {
        unsigned char c = (unsigned char)counter;
        domain_hash(PSEUDONYM_DOMAIN, secret, &c, 1, h);
        uint32_t v = ((uint32_t)h[0] << 12) | ((uint32_t)h[1] << 4) | ((uint32_t)h[2] >> 4);
        for (int i = 0; i < 4; i++)
            out[2 + i] = ALPHABET[(v >> (15 - 5 * i)) & 31u];
        bool inside = false;
        for (size_t at = 0; at + 4 <= PAYLOAD_SYMBOLS; at++)
            if (memcmp(payload + at, out + 2, 4) == 0)
                inside = true;
        if (!inside)
            break;
    }
    sodium_memzero(payload, sizeof payload);
    sodium_memzero(h, sizeof h);
}

const char *pass_result_name(PassParseResult result)
{
    switch (result) {
    case PASS_OK:
        return "ok";
    case PASS_TYPO:
        return "typo";
    case PASS_FOREIGN:
        return "foreign";
    case PASS_MALFORMED:
        return "malformed";
    }
    return "unknown";
}
