#include "svc/checkin.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

/* The pass a text names, by the hash of its secret; the secret is wiped. */
static StoreResult find_pass(Store *s, const char *text, size_t len, PassInfo *pass,
                             PassParseResult *parse)
{
    PassSecret secret;
    *parse = pass_parse(text, len, &secret);
    if (*parse != PASS_OK) {
        sodium_memzero(&secret, sizeof secret);
        return STORE_NOT_FOUND;
    }
    unsigned char hash[PASS_HASH_BYTES];
    pass_hash(&secret, hash);
    sodium_memzero(&secret, sizeof secret);
    StoreResult r = store_pass_find(s, hash, pass);
    sodium_memzero(hash, sizeof hash);
    return r;
}

CheckinOutcome checkin_submit(Store *s, const char *text, size_t len, int64_t wall_ms,
                              CheckinResult *out)
{
    memset(out, 0, sizeof *out);
    /* The input is judged before anything else, so a foreign barcode reads
     * the same with or without a session. */
    PassInfo pass;
    StoreResult r = find_pass(s, text, len, &pass, &out->parse);
    if (out->parse != PASS_OK)
        return out->outcome = CHECKIN_MALFORMED;
    if (r < 0) {
        out->store = r;
        return out->outcome = CHECKIN_ERROR;
    }
    StoreResult sr = store_session_current(s, &out->session);
    if (sr < 0) {
        out->store = sr;
        return out->outcome = CHECKIN_ERROR;
    }
    if (sr == STORE_NOT_FOUND)
        return out->outcome = CHECKIN_NO_SESSION;
    if (r == STORE_NOT_FOUND)
        return out->outcome = CHECKIN_UNKNOWN;
    if (pass.revoked_ms) {
        out->revoked = true;
        return out->outcome = CHECKIN_UNKNOWN;
    }
    out->pass = pass;
    out->checkout = out->session.checkout;
    if (out->checkout) {
        /* a pass that never came in has nothing to check out: counting it
         * would say two people left where one came */
        StoreResult in = store_checkin_find(s, out->session.id, pass.id, CHECKIN_IN, NULL);
        if (in == STORE_NOT_FOUND)
            return out->outcome = CHECKIN_NOT_IN;
        if (in < 0) {
            out->store = in;
            return out->outcome = CHECKIN_ERROR;
        }
    }
    r = store_checkin_add(s, out->session.id, pass.id, out->checkout ? CHECKIN_OUT : CHECKIN_IN,
                          wall_ms, &out->earlier_ms);
    if (r == STORE_OK)
        return out->outcome = CHECKIN_OK;
    if (r == STORE_EXISTS)
        return out->outcome = CHECKIN_ALREADY;
    out->store = r;
    return out->outcome = CHECKIN_ERROR;
}

CheckinOutcome checkin_lookup(Store *s, const char *text, size_t len, PassInfo *pass,
                              PassParseResult *parse)
{
    StoreResult r = find_pass(s, text, len, pass, parse);
    if (*parse != PASS_OK)
        return CHECKIN_MALFORMED;
    if (r < 0)
        return CHECKIN_ERROR;
    if (r == STORE_NOT_FOUND || pass->revoked_ms)
        return CHECKIN_UNKNOWN;
    return CHECKIN_OK;
}

StoreResult checkin_issue_pass(Store *s, int64_t wall_ms, char payload[PASS_PAYLOAD_SIZE],
                               char code[PASS_CODE_SIZE], PassInfo *info)
{
    /* A pseudonym has 20 bits, so among thousands of passes two may meet;
     * draw again rather than show staff two passes with one name. */
    for (int attempt = 0; attempt < 16; attempt++) {
        PassSecret secret;
        if (!pass_generate(&secret))
            return STORE_ERROR;
        unsigned char hash[PASS_HASH_BYTES];
        char pseudonym[PASS_PSEUDONYM_SIZE];
        pass_hash(&secret, hash);
        pass_pseudonym(&secret, pseudonym);
        /* the pass and its audit row together */
        StoreResult r = store_tx_begin(s);
        if (r == STORE_OK)
            r = store_pass_add(s, hash, pseudonym, wall_ms, info);
        if (r == STORE_OK)
            r = store_audit(s, wall_ms, "pass.issue", "1 pass");
        if (r == STORE_OK)
            r = store_tx_commit(s);
        else
            store_tx_rollback(s);
        sodium_memzero(hash, sizeof hash);
        if (r == STORE_OK) {
            pass_format_payload(&secret, payload);
            pass_format_code(&secret, code);
        }
        sodium_memzero(&secret, sizeof secret);
        if (r != STORE_EXISTS)
            return r;
    }
    return STORE_ERROR;
}

static bool looks_like_pseudonym(const char *text)
{
    return (text[0] == 'P' || text[0] == 'p') && text[1] == '-' && strlen(text) == 6;
}

StoreResult checkin_find_pass(Store *s, const char *text, PassInfo *info, PassParseResult *parse)
{
    StoreResult r;
    *parse = PASS_OK;
    if (looks_like_pseudonym(text)) {
        char upper[8];
        for (int i = 0; i < 7; i++)
            upper[i] = (char)(text[i] >= 'a' && text[i] <= 'z' ? text[i] - 32 : text[i]);
        r = store_pass_find_pseudonym(s, upper, info);
    } else {
        r = find_pass(s, text, strlen(text), info, parse);
        if (*parse != PASS_OK)
            return STORE_NOT_FOUND;
    }
    return r;
}

StoreResult checkin_revoke(Store *s, const char *text, int64_t wall_ms, PassInfo *info,
                           PassParseResult *parse)
{
    StoreResult r = checkin_find_pass(s, text, info, parse);
    if (r != STORE_OK)
        return r;
    /* the revocation and its audit row together */
    r = store_tx_begin(s);
    if (r != STORE_OK)
        return r;
    r = store_pass_revoke(s, info->id, wall_ms);
    if (r == STORE_OK)
        r = store_audit(s, wall_ms, "pass.revoke", info->pseudonym);
    if (r != STORE_OK) {
        store_tx_rollback(s);
        return r;
    }
    return store_tx_commit(s);
}
