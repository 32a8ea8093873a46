/* pass_parse on anything a scanner or a person could send, with the
 * invariants that make it safe to hand the result to the database. */
#include "core/pass.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char ALPHABET[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

#define require(cond)                                                                            \
    do {                                                                                         \
        if (!(cond)) {                                                                           \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond);        \
            abort();                                                                             \
        }                                                                                        \
    } while (0)

static PassParseResult parse_copy(const uint8_t *data, size_t size, PassSecret *out)
{
    /* An exact-size heap copy: AddressSanitizer flags a read past size. */
    uint8_t *copy = malloc(size ? size : 1);
    require(copy != NULL);
    if (size)
        memcpy(copy, data, size);
    PassParseResult r = pass_parse((const char *)copy, size, out);
    free(copy);
    return r;
}

static void check_round_trip(const PassSecret *s)
{
    /* 75 bits: the unused low bits are always clear in what parse gives. */
    require((s->bytes[PASS_SECRET_BYTES - 1] & 0x1F) == 0);

    char code[PASS_CODE_SIZE], payload[PASS_PAYLOAD_SIZE], pseudo[PASS_PSEUDONYM_SIZE];
    pass_format_code(s, code);
    pass_format_payload(s, payload);
    pass_pseudonym(s, pseudo);
    require(strlen(code) == PASS_CODE_SIZE - 1);
    require(strlen(payload) == PASS_PAYLOAD_SIZE - 1);
    require(memcmp(payload, PASS_PREFIX, 4) == 0);

    PassSecret back;
    require(parse_copy((const uint8_t *)code, strlen(code), &back) == PASS_OK);
    require(memcmp(&back, s, sizeof back) == 0);
    require(parse_copy((const uint8_t *)payload, strlen(payload), &back) == PASS_OK);
    require(memcmp(&back, s, sizeof back) == 0);

    require(strlen(pseudo) == 6 && pseudo[0] == 'P' && pseudo[1] == '-');
    for (int i = 2; i < 6; i++)
        require(strchr(ALPHABET, pseudo[i]) != NULL);
    for (size_t at = 0; at + 4 <= strlen(payload); at++)
        require(memcmp(payload + at, pseudo + 2, 4) != 0);

    unsigned char h1[PASS_HASH_BYTES], h2[PASS_HASH_BYTES];
    pass_hash(s, h1);
    pass_hash(&back, h2);
    require(memcmp(h1, h2, sizeof h1) == 0);

    /* One symbol changed is always caught. (The third: Z or Y there never
     * makes the code begin with HRT1, which would read as a cut payload.) */
    char typo[PASS_CODE_SIZE];
    memcpy(typo, code, sizeof typo);
    typo[2] = typo[2] == 'Z' ? 'Y' : 'Z';
    require(parse_copy((const uint8_t *)typo, strlen(typo), &back) == PASS_TYPO);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    PassSecret s;
    PassParseResult r = parse_copy(data, size, &s);
    require(r == PASS_OK || r == PASS_TYPO || r == PASS_FOREIGN || r == PASS_MALFORMED);
    require(strcmp(pass_result_name(r), "unknown") != 0);
    if (size > PASS_INPUT_MAX)
        require(r == PASS_MALFORMED);
    if (r == PASS_OK) {
        check_round_trip(&s);
    } else {
        static const PassSecret zero;
        require(memcmp(&s, &zero, sizeof s) == 0);
    }

    if (size + 1 > PASS_INPUT_MAX)
        return 0;
    uint8_t buf[PASS_INPUT_MAX];
    PassSecret t;

    /* Caps Lock: upper-casing ASCII letters changes nothing. */
    for (size_t i = 0; i < size; i++)
        buf[i] = (uint8_t)(data[i] >= 'a' && data[i] <= 'z' ? data[i] - 32 : data[i]);
    require(parse_copy(buf, size, &t) == r);
    require(memcmp(&s, &t, sizeof s) == 0);

    /* A dash or a space more, at the front, changes nothing but an empty
     * input. */
    if (size > 0) {
        buf[0] = size % 2 ? '-' : ' ';
        memcpy(buf + 1, data, size);
        require(parse_copy(buf, size + 1, &t) == r);
        require(memcmp(&s, &t, sizeof s) == 0);
    }
    return 0;
}
