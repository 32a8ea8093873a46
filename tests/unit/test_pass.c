/* core/pass: formats, the check symbol, every class of input, hashing. */
#include "testkit.h"

#include "core/pass.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char ALPHABET[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/* Reproducible secrets: splitmix64, state passed by the caller. */
static uint64_t next_u64(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static PassSecret secret_from(uint64_t *state)
{
    PassSecret s;
    uint64_t a = next_u64(state), b = next_u64(state);
    memcpy(s.bytes, &a, 8);
    memcpy(s.bytes + 8, &b, 2);
    s.bytes[9] &= 0xE0;
    return s;
}

/* Parses a string and fails with both class names when the class differs. */
#define assert_parse(text, want) assert_parse_n((text), strlen(text), (want), __FILE__, __LINE__)

static PassSecret assert_parse_n(const char *text, size_t len, PassParseResult want,
                                 const char *file, int line)
{
    /* An exact-size heap copy without terminator: AddressSanitizer catches
     * any read past len. */
    char *copy = malloc(len ? len : 1);
    assert_non_null(copy);
    memcpy(copy, text, len);
    PassSecret s;
    memset(&s, 0xAA, sizeof s);
    PassParseResult got = pass_parse(copy, len, &s);
    free(copy);
    if (got != want)
        fail_msg("%s:%d: \"%.60s\" (%zu bytes): expected %s, got %s", file, line, text, len,
                 pass_result_name(want), pass_result_name(got));
    if (got != PASS_OK) {
        static const PassSecret zero;
        if (memcmp(&s, &zero, sizeof s) != 0)
            fail_msg("%s:%d: the secret is not zeroed after %s", file, line,
                     pass_result_name(got));
    }
    return s;
}

static void assert_same_secret(const PassSecret *want, const PassSecret *got)
{
    assert_memory_equal(want->bytes, got->bytes, sizeof want->bytes);
}

static void code_symbols(const PassSecret *s, char out[17])
{
    char code[PASS_CODE_SIZE];
    pass_format_code(s, code);
    size_t n = 0;
    for (const char *p = code; *p; p++)
        if (*p != '-')
            out[n++] = *p;
    out[n] = '\0';
}

/* --- formats -------------------------------------------------------------- */

static void test_known_vector(void **state)
{
    (void)state;
    /* Computed apart from this code (Python: int.from_bytes, the Luhn mod N
     * of Wikipedia, hashlib.blake2b): this pins the printed format. */
    PassSecret s = {{0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF, 0x01, 0x20}};
    char code[PASS_CODE_SIZE], payload[PASS_PAYLOAD_SIZE], pseudo[PASS_PSEUDONYM_SIZE];
    pass_format_code(&s, code);
    pass_format_payload(&s, payload);
    pass_pseudonym(&s, pseudo);
    assert_string_equal("04HM-ASW9-NF6Y-Y093", code);
    assert_string_equal("HRT104HMASW9NF6YY093", payload);
    assert_string_equal("P-ECAD", pseudo);
    unsigned char h[PASS_HASH_BYTES];
    pass_hash(&s, h);
    char hex[2 * PASS_HASH_BYTES + 1];
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    assert_string_equal("502278bdc3cc50175727f05919b1b1df4898cd879b15b2ef003757a2f2b90d0b", hex);

    PassSecret zero = {{0}};
    pass_format_code(&zero, code);
    assert_string_equal("0000-0000-0000-0000", code);
}

static void test_round_trip_many(void **state)
{
    (void)state;
    uint64_t rng = 1;
    for (int i = 0; i < 5000; i++) {
        PassSecret s = secret_from(&rng);
        char code[PASS_CODE_SIZE], payload[PASS_PAYLOAD_SIZE];
        pass_format_code(&s, code);
        pass_format_payload(&s, payload);
        assert_int_equal(19, strlen(code));
        assert_int_equal(20, strlen(payload));
        for (int k = 0; k < 19; k++) {
            if (k % 5 == 4)
                assert_int_equal('-', code[k]);
            else
                assert_non_null(strchr(ALPHABET, code[k]));
        }
        assert_memory_equal(PASS_PREFIX, payload, 4);
        for (int k = 0; k < 20; k++) {
            char c = payload[k];
            /* QR alphanumeric mode, and the same keys on every layout. */
            if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')))
                fail_msg("payload %s has '%c' at %d", payload, c, k);
        }
        PassSecret a = assert_parse(code, PASS_OK);
        PassSecret b = assert_parse(payload, PASS_OK);
        assert_same_secret(&s, &a);
        assert_same_secret(&s, &b);
    }
}

static void test_unused_bits_ignored(void **state)
{
    (void)state;
    /* 75 of 80 bits: the low 5 bits of the last byte never reach a format
     * or a hash, so a caller's stray bits cannot split one pass in two. */
    uint64_t rng = 7;
    PassSecret s = secret_from(&rng), t = s;
    t.bytes[9] |= 0x1F;
    char c1[PASS_CODE_SIZE], c2[PASS_CODE_SIZE], p1[PASS_PSEUDONYM_SIZE], p2[PASS_PSEUDONYM_SIZE];
    unsigned char h1[PASS_HASH_BYTES], h2[PASS_HASH_BYTES];
    pass_format_code(&s, c1);
    pass_format_code(&t, c2);
    pass_hash(&s, h1);
    pass_hash(&t, h2);
    pass_pseudonym(&s, p1);
    pass_pseudonym(&t, p2);
    assert_string_equal(c1, c2);
    assert_memory_equal(h1, h2, sizeof h1);
    assert_string_equal(p1, p2);
    PassSecret back = assert_parse(c2, PASS_OK);
    assert_same_secret(&s, &back);
}

/* --- the check symbol ----------------------------------------------------- */

static void test_typo_every_position(void **state)
{
    (void)state;
    uint64_t rng = 2;
    for (int i = 0; i < 200; i++) {
        PassSecret s = secret_from(&rng);
        char sym[17];
        code_symbols(&s, sym);
        for (int pos = 0; pos < 16; pos++) {
            for (int a = 0; a < 32; a++) {
                if (ALPHABET[a] == sym[pos])
                    continue;
                char typed[17];
                memcpy(typed, sym, sizeof typed);
                typed[pos] = ALPHABET[a];
                assert_parse(typed, PASS_TYPO);
                char payload[21];
                snprintf(payload, sizeof payload, "HRT1%s", typed);
                assert_parse(payload, PASS_TYPO);
            }
        }
    }
}

/* The one check symbol that makes 15 data symbols valid, found through the
 * public API; exactly one of the 32 must be accepted. */
static char find_check(const char data[15])
{
    char typed[17];
    memcpy(typed, data, 15);
    typed[16] = '\0';
    char found = 0;
    int count = 0;
    for (int c = 0; c < 32; c++) {
        typed[15] = ALPHABET[c];
        PassSecret s;
        if (pass_parse(typed, 16, &s) == PASS_OK) {
            found = ALPHABET[c];
            count++;
        }
    }
    if (count != 1)
        fail_msg("%.15s: expected exactly 1 valid check symbol, got %d", data, count);
    return found;
}

static bool zero_z_pair(char a, char b)
{
    return (a == '0' && b == 'Z') || (a == 'Z' && b == '0');
}

static void test_adjacent_transpositions(void **state)
{
    (void)state;
    /* Every pair of distinct symbols at every pair of neighbouring places,
     * the check symbol's place included. Luhn mod 32 catches them all but
     * "0Z" <-> "Z0" (see luhn32_check in pass.c); that one is asserted too,
     * so a change of check algorithm shows here. */
    uint64_t rng = 3;
    int caught = 0, missed = 0;
    for (int pos = 0; pos < 15; pos++) {
        for (int a = 0; a < 32; a++) {
            for (int b = 0; b < 32; b++) {
                /* At 14 the neighbour is the check symbol: b only picks
                 * other data, for other checks. */
                if (a == b && pos < 14)
                    continue;
                PassSecret s = secret_from(&rng);
                char sym[17];
                code_symbols(&s, sym);
                sym[pos] = ALPHABET[a];
                if (pos < 14)
                    sym[pos + 1] = ALPHABET[b];
                sym[15] = find_check(sym);
                if (sym[pos] == sym[pos + 1])
                    continue;
                char swapped[17];
                memcpy(swapped, sym, sizeof swapped);
                swapped[pos] = sym[pos + 1];
                swapped[pos + 1] = sym[pos];
                PassSecret out;
                PassParseResult r = pass_parse(swapped, 16, &out);
                if (zero_z_pair(sym[pos], sym[pos + 1])) {
                    assert_int_equal(PASS_OK, r);
                    missed++;
                } else {
                    if (r != PASS_TYPO)
                        fail_msg("%s -> %s at %d: expected typo, got %s", sym, swapped, pos,
                                 pass_result_name(r));
                    caught++;
                }
            }
        }
    }
    printf("adjacent transpositions: %d caught, %d missed (all 0Z/Z0)\n", caught, missed);
    assert_true(caught > 14000);
}

/* --- input as people and scanners give it --------------------------------- */

static void test_case_and_separators(void **state)
{
    (void)state;
    uint64_t rng = 4;
    for (int i = 0; i < 500; i++) {
        PassSecret s = secret_from(&rng);
        char code[PASS_CODE_SIZE], payload[PASS_PAYLOAD_SIZE], sym[17];
        pass_format_code(&s, code);
        pass_format_payload(&s, payload);
        code_symbols(&s, sym);
        char buf[128];
        const char *forms[8];
        char lower[PASS_CODE_SIZE], mixed[PASS_PAYLOAD_SIZE];
        for (int k = 0; k < PASS_CODE_SIZE; k++)
            lower[k] = (char)(code[k] >= 'A' && code[k] <= 'Z' ? code[k] + 32 : code[k]);
        for (int k = 0; k < PASS_PAYLOAD_SIZE; k++)
            mixed[k] = (char)(k % 2 && payload[k] >= 'A' && payload[k] <= 'Z' ? payload[k] + 32
                                                                               : payload[k]);
        forms[0] = code;
        forms[1] = lower;
        forms[2] = mixed;
        forms[3] = sym;
        for (int f = 0; f < 4; f++) {
            PassSecret got = assert_parse(forms[f], PASS_OK);
            assert_same_secret(&s, &got);
        }
        /* Spaces instead of dashes, dashes and spaces in odd places. */
        snprintf(buf, sizeof buf, "%.4s %.4s %.4s %.4s", sym, sym + 4, sym + 8, sym + 12);
        PassSecret got = assert_parse(buf, PASS_OK);
        assert_same_secret(&s, &got);
        snprintf(buf, sizeof buf, "  -%.3s--%.5s - %.1s-%.7s  ", sym, sym + 3, sym + 8, sym + 9);
        got = assert_parse(buf, PASS_OK);
        assert_same_secret(&s, &got);
        snprintf(buf, sizeof buf, "hrt1-%.4s-%.4s-%.4s-%.4s", sym, sym + 4, sym + 8, sym + 12);
        got = assert_parse(buf, PASS_OK);
        assert_same_secret(&s, &got);
        snprintf(buf, sizeof buf, "HRT1 %s", lower);
        got = assert_parse(buf, PASS_OK);
        assert_same_secret(&s, &got);
    }
}

static void test_confusions_forgiven(void **state)
{
    (void)state;
    PassSecret zero = {{0}};
    PassSecret got = assert_parse("OOOO-oooo-0O0o-OoO0", PASS_OK);
    assert_same_secret(&zero, &got);
    got = assert_parse("HRTL0000OOOO0000oooo", PASS_OK); /* even the prefix's 1 */
    assert_same_secret(&zero, &got);

    uint64_t rng = 5;
    const char ones[] = "IiLl";
    int changed = 0;
    for (int i = 0; i < 2000; i++) {
        PassSecret s = secret_from(&rng);
        char code[PASS_CODE_SIZE];
        pass_format_code(&s, code);
        for (int k = 0; code[k]; k++) {
            if (code[k] == '0') {
                code[k] = (k % 2) ? 'O' : 'o';
                changed++;
            } else if (code[k] == '1') {
                code[k] = ones[k % 4];
                changed++;
            }
        }
        PassSecret back = assert_parse(code, PASS_OK);
        assert_same_secret(&s, &back);
    }
    assert_true(changed > 1000);
}

static void test_code_starting_with_prefix(void **state)
{
    (void)state;
    /* A code may begin with HRT1 (once in a million): the length still says
     * it is a code, not a payload. */
    char sym[17] = "HRT1ABCDEFGHJKM";
    sym[15] = find_check(sym);
    sym[16] = '\0';
    assert_parse(sym, PASS_OK);
    /* Wrong check there: most likely a payload cut to 16 by a bad read. */
    sym[15] = sym[15] == 'Z' ? 'Y' : 'Z';
    assert_parse(sym, PASS_MALFORMED);
}

static void test_foreign(void **state)
{
    (void)state;
    uint64_t rng = 6;
    PassSecret s = secret_from(&rng);
    char sym[17], buf[64];
    code_symbols(&s, sym);
    const char *prefixes[] = {"HRT2", "HRT0", "HRTX", "ABC1", "hrt9", "QRZ1", "0000"};
    for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++) {
        snprintf(buf, sizeof buf, "%s%s", prefixes[i], sym);
        assert_parse(buf, PASS_FOREIGN);
    }
    assert_parse("HRT2", PASS_FOREIGN); /* a future version, however short */
    assert_parse("https://example.org/checkin?pass=K7QF2M9XABCDEFGH", PASS_FOREIGN);
    assert_parse("HTTPS://EXAMPLE.ORG/K7QF", PASS_FOREIGN);
    assert_parse("'; DROP TABLE passes;--", PASS_FOREIGN);
    assert_parse("' OR '1'='1", PASS_FOREIGN);
    assert_parse("4006381333931", PASS_FOREIGN);  /* EAN-13 */
    assert_parse("036000291452", PASS_FOREIGN);   /* UPC-A */
    assert_parse("96385074", PASS_FOREIGN);       /* EAN-8 */
    assert_parse("10012345678902", PASS_FOREIGN); /* ITF-14 */
    assert_parse("{\"pass\":\"K7QF\"}", PASS_FOREIGN);
    assert_parse("M1DOE/JOHN            EABC123 JFKLAXAA 0001 123Y010A0001 100", PASS_FOREIGN);
    assert_parse("Caf\xc3\xa9", PASS_FOREIGN);     /* valid UTF-8, not ours */
    assert_parse("K7QF\xe2\x80\x93" "2M9X", PASS_FOREIGN); /* an en dash */
    assert_parse("ABCDEFGHJKMNPQRSTVWXYZ0123456789", PASS_FOREIGN); /* a long token */
}

static void test_malformed(void **state)
{
    (void)state;
    uint64_t rng = 8;
    PassSecret s = secret_from(&rng);
    char sym[17], payload[PASS_PAYLOAD_SIZE], buf[64];
    code_symbols(&s, sym);
    pass_format_payload(&s, payload);

    /* Wrong lengths, typed or scanned. */
    snprintf(buf, sizeof buf, "%.15s", sym);
    assert_parse(buf, PASS_MALFORMED);
    snprintf(buf, sizeof buf, "%sA", sym);
    assert_parse(buf, PASS_MALFORMED);
    snprintf(buf, sizeof buf, "%.4s-%.4s-%.4s", sym, sym + 4, sym + 8);
    assert_parse(buf, PASS_MALFORMED);
    snprintf(buf, sizeof buf, "%.19s", payload);
    assert_parse(buf, PASS_MALFORMED);
    snprintf(buf, sizeof buf, "%sK", payload);
    assert_parse(buf, PASS_MALFORMED);
    snprintf(buf, sizeof buf, "%s%s", payload, payload); /* a double read */
    assert_parse(buf, PASS_MALFORMED);
    assert_parse("HRT1", PASS_MALFORMED);
    assert_parse("K7QF", PASS_MALFORMED);
    assert_parse("", PASS_MALFORMED);
    assert_parse("----", PASS_MALFORMED);
    assert_parse("   ", PASS_MALFORMED);
    PassSecret out;
    assert_int_equal(PASS_MALFORMED, pass_parse(NULL, 0, &out));

    /* Symbols outside the alphabet in a pass-shaped input. */
    memcpy(buf, sym, 17);
    buf[5] = 'U';
    assert_parse(buf, PASS_MALFORMED);
    snprintf(buf, sizeof buf, "HRT1%.15s*", sym);
    assert_parse(buf, PASS_MALFORMED);
    snprintf(buf, sizeof buf, "HRT1%.8s/%.7s", sym, sym + 8);
    assert_parse(buf, PASS_MALFORMED);

    /* Control characters anywhere, even what a scanner might add. */
    const char ctl[] = {'\t', '\r', '\n', '\x1b', '\x1d', '\x7f', '\x01'};
    for (size_t i = 0; i < sizeof ctl; i++) {
        snprintf(buf, sizeof buf, "%s%c", payload, ctl[i]);
        assert_parse(buf, PASS_MALFORMED);
        snprintf(buf, sizeof buf, "%.6s%c%s", sym, ctl[i], sym + 6);
        assert_parse(buf, PASS_MALFORMED);
    }
    char with_nul[21];
    memcpy(with_nul, payload, 20);
    with_nul[10] = '\0';
    assert_parse_n(with_nul, 20, PASS_MALFORMED, __FILE__, __LINE__);
    assert_parse("K7QF\xc2\x85" "2M9X", PASS_MALFORMED); /* C1 next line */

    /* Broken UTF-8: stray continuation, bad lead, overlong, surrogate, past
     * U+10FFFF, cut short at the end. */
    const char *bad[] = {"\x80", "\xff", "\xc3\x28", "\xc0\xaf", "\xe0\x80\xaf", "\xed\xa0\x80",
                         "\xf4\x90\x80\x80", "\xe2\x82", "\xf0\x9f\x98"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        snprintf(buf, sizeof buf, "%.8s%s", sym, bad[i]);
        assert_parse(buf, PASS_MALFORMED);
        snprintf(buf, sizeof buf, "%s%s", payload, bad[i]);
        assert_parse(buf, PASS_MALFORMED);
    }

    /* Thousands of characters, even of good symbols, refused unread. */
    size_t big = 10000;
    char *huge = malloc(big);
    assert_non_null(huge);
    for (size_t i = 0; i < big; i++)
        huge[i] = payload[i % 20];
    assert_parse_n(huge, big, PASS_MALFORMED, __FILE__, __LINE__);
    memset(huge, 'A', big);
    assert_parse_n(huge, big, PASS_MALFORMED, __FILE__, __LINE__);
    assert_parse_n(huge, PASS_INPUT_MAX + 1, PASS_MALFORMED, __FILE__, __LINE__);
    free(huge);
}

static void test_reads_only_len(void **state)
{
    (void)state;
    uint64_t rng = 9;
    PassSecret s = secret_from(&rng);
    char payload[PASS_PAYLOAD_SIZE];
    pass_format_payload(&s, payload);
    /* The bytes after len are junk and must not count. */
    char buf[40];
    snprintf(buf, sizeof buf, "%s\x01garbage", payload);
    PassSecret got = assert_parse_n(buf, 20, PASS_OK, __FILE__, __LINE__);
    assert_same_secret(&s, &got);
    assert_parse_n(buf, 19, PASS_MALFORMED, __FILE__, __LINE__);
    /* A multi-byte sequence cut by len is broken, whatever follows. */
    assert_parse_n("ABC\xc3\xa9", 4, PASS_MALFORMED, __FILE__, __LINE__);
}

/* --- hash and pseudonym --------------------------------------------------- */

static int cmp_bytes32(const void *a, const void *b)
{
    return memcmp(a, b, PASS_HASH_BYTES);
}

static void test_hash(void **state)
{
    (void)state;
    enum { N = 2000 };
    static unsigned char hashes[N][PASS_HASH_BYTES];
    uint64_t rng = 10;
    for (int i = 0; i < N; i++) {
        PassSecret s = secret_from(&rng);
        unsigned char again[PASS_HASH_BYTES], plain[PASS_HASH_BYTES];
        pass_hash(&s, hashes[i]);
        pass_hash(&s, again);
        assert_memory_equal(hashes[i], again, PASS_HASH_BYTES);
        /* Domain-separated: not the bare hash of the secret. */
        crypto_generichash(plain, sizeof plain, s.bytes, sizeof s.bytes, NULL, 0);
        assert_memory_not_equal(plain, hashes[i], PASS_HASH_BYTES);
    }
    qsort(hashes, N, PASS_HASH_BYTES, cmp_bytes32);
    for (int i = 1; i < N; i++)
        assert_memory_not_equal(hashes[i - 1], hashes[i], PASS_HASH_BYTES);
}

static void assert_pseudonym_form(const char *p)
{
    if (strlen(p) != 6 || p[0] != 'P' || p[1] != '-')
        fail_msg("expected P-XXXX, got \"%s\"", p);
    for (int i = 2; i < 6; i++)
        if (!strchr(ALPHABET, p[i]))
            fail_msg("expected base32 symbols in P-XXXX, got \"%s\"", p);
}

static bool inside(const char *haystack, const char four[4])
{
    for (size_t at = 0; haystack[at] && haystack[at + 1] && haystack[at + 2] && haystack[at + 3];
         at++)
        if (memcmp(haystack + at, four, 4) == 0)
            return true;
    return false;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(a, b);
}

static void test_pseudonym(void **state)
{
    (void)state;
    enum { N = 10000 };
    static char all[N][PASS_PSEUDONYM_SIZE];
    uint64_t rng = 11;
    for (int i = 0; i < N; i++) {
        PassSecret s = secret_from(&rng);
        char again[PASS_PSEUDONYM_SIZE], payload[PASS_PAYLOAD_SIZE], sym[17];
        pass_pseudonym(&s, all[i]);
        pass_pseudonym(&s, again);
        assert_string_equal(all[i], again);
        assert_pseudonym_form(all[i]);
        pass_format_payload(&s, payload);
        code_symbols(&s, sym);
        if (inside(payload, all[i] + 2) || inside(sym, all[i] + 2))
            fail_msg("pseudonym %s is part of the pass %s", all[i], payload);
    }
    /* 20 bits over 10,000 passes: about 48 pairs collide by chance; far
     * more would mean the pseudonym throws bits away. */
    qsort(all, N, PASS_PSEUDONYM_SIZE, cmp_str);
    int same = 0;
    for (int i = 1; i < N; i++)
        same += strcmp(all[i - 1], all[i]) == 0;
    printf("pseudonyms: %d repeats among %d passes\n", same, N);
    assert_in_range(same, 0, 150);
}

/* The first pseudonym candidate, computed here from the documented
 * derivation: BLAKE2b-256("hearth-pseudonym-v1", 0, secret, counter). */
static void candidate(const PassSecret *s, unsigned counter, char out[5])
{
    unsigned char msg[20 + PASS_SECRET_BYTES + 1], h[32];
    memcpy(msg, "hearth-pseudonym-v1", 20); /* with its zero byte */
    memcpy(msg + 20, s->bytes, PASS_SECRET_BYTES);
    msg[sizeof msg - 1] = (unsigned char)counter;
    crypto_generichash(h, sizeof h, msg, sizeof msg, NULL, 0);
    uint32_t v = ((uint32_t)h[0] << 12) | ((uint32_t)h[1] << 4) | ((uint32_t)h[2] >> 4);
    for (int i = 0; i < 4; i++)
        out[i] = ALPHABET[(v >> (15 - 5 * i)) & 31u];
    out[4] = '\0';
}

static void test_pseudonym_avoids_the_code(void **state)
{
    (void)state;
    /* Search for a pass whose first candidate sits inside its own payload
     * (about one in 60,000) and check that the next candidate is used. */
    uint64_t rng = 12;
    for (int i = 0; i < 2000000; i++) {
        PassSecret s = secret_from(&rng);
        char c0[5], payload[PASS_PAYLOAD_SIZE];
        candidate(&s, 0, c0);
        pass_format_payload(&s, payload);
        if (!inside(payload, c0))
            continue;
        char c1[5], want[PASS_PSEUDONYM_SIZE], got[PASS_PSEUDONYM_SIZE];
        candidate(&s, 1, c1);
        assert_false(inside(payload, c1)); /* twice in a row: one in 3.6e9 */
        snprintf(want, sizeof want, "P-%s", c1);
        pass_pseudonym(&s, got);
        printf("pass %s: candidate %s is inside, pseudonym %s\n", payload, c0, got);
        assert_string_equal(want, got);
        return;
    }
    fail_msg("no pass with its first candidate inside the payload in 2,000,000");
}

static void test_pseudonym_unlinked_to_hash(void **state)
{
    (void)state;
    /* The pseudonym comes from its own domain: it is not a slice of the
     * stored hash written in base32. */
    uint64_t rng = 13;
    int equal = 0;
    for (int i = 0; i < 1000; i++) {
        PassSecret s = secret_from(&rng);
        unsigned char h[PASS_HASH_BYTES];
        char p[PASS_PSEUDONYM_SIZE], c0[5], from_hash[5];
        pass_hash(&s, h);
        pass_pseudonym(&s, p);
        candidate(&s, 0, c0);
        uint32_t v = ((uint32_t)h[0] << 12) | ((uint32_t)h[1] << 4) | ((uint32_t)h[2] >> 4);
        for (int k = 0; k < 4; k++)
            from_hash[k] = ALPHABET[(v >> (15 - 5 * k)) & 31u];
        from_hash[4] = '\0';
        equal += strcmp(p + 2, from_hash) == 0;
        assert_string_equal(c0, p + 2); /* the documented derivation */
    }
    assert_in_range(equal, 0, 2); /* chance alone: 1000 draws of 20 bits */
}

/* --- generation ----------------------------------------------------------- */

static int cmp_secret(const void *a, const void *b)
{
    return memcmp(a, b, sizeof(PassSecret));
}

static void test_generate_uses_csprng(void **state)
{
    (void)state;
    enum { N = 10000 };
    static PassSecret all[N];
    int ones[80] = {0};
    for (int i = 0; i < N; i++) {
        assert_true(pass_generate(&all[i]));
        assert_int_equal(0, all[i].bytes[9] & 0x1F);
        for (int b = 0; b < 80; b++)
            ones[b] += (all[i].bytes[b / 8] >> (7 - b % 8)) & 1;
    }
    /* A counter or a badly seeded PRNG would pass distinctness alone; each
     * of the 75 bits must also be set about half the time (the bound is ten
     * standard deviations: never flaky). */
    for (int b = 0; b < 75; b++)
        if (ones[b] < 4500 || ones[b] > 5500)
            fail_msg("bit %d: expected 4500..5500 ones in %d draws, got %d", b, N, ones[b]);
    for (int b = 75; b < 80; b++)
        assert_int_equal(0, ones[b]);
    qsort(all, N, sizeof *all, cmp_secret);
    for (int i = 1; i < N; i++)
        if (memcmp(&all[i - 1], &all[i], sizeof *all) == 0)
            fail_msg("draws %d and %d are the same secret", i - 1, i);
    char payload[PASS_PAYLOAD_SIZE];
    pass_format_payload(&all[0], payload);
    PassSecret back = assert_parse(payload, PASS_OK);
    assert_same_secret(&all[0], &back);
}

static void test_result_names(void **state)
{
    (void)state;
    assert_string_equal("ok", pass_result_name(PASS_OK));
    assert_string_equal("typo", pass_result_name(PASS_TYPO));
    assert_string_equal("foreign", pass_result_name(PASS_FOREIGN));
    assert_string_equal("malformed", pass_result_name(PASS_MALFORMED));
    assert_string_equal("unknown", pass_result_name((PassParseResult)42));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_known_vector),
        cmocka_unit_test(test_round_trip_many),
        cmocka_unit_test(test_unused_bits_ignored),
        cmocka_unit_test(test_typo_every_position),
        cmocka_unit_test(test_adjacent_transpositions),
        cmocka_unit_test(test_case_and_separators),
        cmocka_unit_test(test_confusions_forgiven),
        cmocka_unit_test(test_code_starting_with_prefix),
        cmocka_unit_test(test_foreign),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_reads_only_len),
        cmocka_unit_test(test_hash),
        cmocka_unit_test(test_pseudonym),
        cmocka_unit_test(test_pseudonym_avoids_the_code),
        cmocka_unit_test(test_pseudonym_unlinked_to_hash),
        cmocka_unit_test(test_generate_uses_csprng),
        cmocka_unit_test(test_result_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
