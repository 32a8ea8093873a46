#include "svc/issue.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

void issue_free(PassIssue *b)
{
    /* sodium_free wipes before it frees */
    sodium_free(b->payloads);
    sodium_free(b->codes);
    sodium_free(b->hashes);
    free(b->pseudonyms);
    free(b->stored);
    memset(b, 0, sizeof *b);
}

static bool taken(Store *s, const PassIssue *b, int upto, const char *pseudonym, StoreResult *r)
{
    for (int i = 0; i < upto; i++)
        if (!strcmp(b->pseudonyms[i], pseudonym))
            return true;
    PassInfo info;
    *r = store_pass_find_pseudonym(s, pseudonym, &info);
    return *r == STORE_OK;
}

StoreResult issue_draw(Store *s, int n, PassIssue *b)
{
    memset(b, 0, sizeof *b);
    if (n < 1 || n > 1000)
        return STORE_ERROR;
    b->payloads = sodium_allocarray((size_t)n, PASS_PAYLOAD_SIZE);
    b->codes = sodium_allocarray((size_t)n, PASS_CODE_SIZE);
    b->hashes = sodium_allocarray((size_t)n, PASS_HASH_BYTES);
    b->pseudonyms = calloc((size_t)n, sizeof *b->pseudonyms);
    b->stored = calloc((size_t)n, sizeof *b->stored);
    if (!b->payloads || !b->codes || !b->hashes || !b->pseudonyms || !b->stored) {
        issue_free(b);
        return STORE_NOMEM;
    }
    b->n = n;
    for (int i = 0; i < n; i++) {
        /* A pseudonym has 20 bits, so among thousands of passes two may
         * meet: draw again rather than show staff two passes with one name. */
        StoreResult r = STORE_NOT_FOUND;
        bool drawn = false;
        for (int attempt = 0; attempt < 16 && !drawn; attempt++) {
            PassSecret secret;
            if (!pass_generate(&secret)) {
                r = STORE_ERROR;
                break;
            }
            char pseudonym[PASS_PSEUDONYM_SIZE];
            pass_pseudonym(&secret, pseudonym);
            if (!taken(s, b, i, pseudonym, &r) && r == STORE_NOT_FOUND) {
                pass_hash(&secret, b->hashes[i]);
                pass_format_payload(&secret, b->payloads[i]);
                pass_format_code(&secret, b->codes[i]);
                memcpy(b->pseudonyms[i], pseudonym, sizeof pseudonym);
                drawn = true;
            }
            sodium_memzero(&secret, sizeof secret);
            if (r != STORE_OK && r != STORE_NOT_FOUND)
                break;
        }
        if (!drawn) {
            issue_free(b);
            return r == STORE_OK || r == STORE_NOT_FOUND ? STORE_ERROR : r;
        }
    }
    return STORE_OK;
}

StoreResult issue_store(Store *s, PassIssue *b, int64_t wall_ms, const char *detail)
{
    return store_pass_add_many(s, (const unsigned char(*)[PASS_HASH_BYTES])b->hashes,
                               (const char(*)[PSEUDONYM_MAX])b->pseudonyms, b->n, wall_ms, detail,
                               b->stored);
}

StoreResult issue_unstore(Store *s, PassIssue *b, int64_t wall_ms, const char *detail)
{
    return store_pass_remove_unused(s, b->stored, b->n, wall_ms, detail);
}

int passes_list(Store *s, PassInfo *out, int max, int offset)
{
    return store_pass_list(s, out, max, offset);
}

int passes_count(Store *s, bool include_revoked) { return store_pass_count(s, include_revoked); }
