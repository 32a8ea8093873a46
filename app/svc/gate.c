#include "svc/gate.h"

#include "core/pin.h"

#include <stdio.h>
#include <string.h>

#define KEY_HASH "pin.hash"
#define KEY_FAILURES "pin.failures"
#define KEY_LOCKED "pin.locked_until"

/* The failure count and the lock move together or not at all. */
static StoreResult set_lock(Store *s, int failures, int64_t locked_until)
{
    char f[16], l[32];
    snprintf(f, sizeof f, "%d", failures);
    snprintf(l, sizeof l, "%lld", (long long)locked_until);
    const char *const kv[] = {KEY_FAILURES, f, KEY_LOCKED, l};
    return store_setting_set_many(s, 2, kv);
}

GateResult gate_state(Store *s, GateState *out)
{
    char hash[PIN_HASH_MAX];
    StoreResult r = store_setting_get(s, KEY_HASH, hash, sizeof hash);
    if (r < 0)
        return GATE_ERROR;
    out->pin_set = r == STORE_OK && hash[0];
    out->failures = (int)store_setting_int(s, KEY_FAILURES, 0);
    out->locked_until_ms = store_setting_int(s, KEY_LOCKED, 0);
    return out->pin_set ? GATE_OK : GATE_NOT_SET;
}

int64_t gate_locked_for(const GateState *state, int64_t wall_ms)
{
    if (state->locked_until_ms <= wall_ms)
        return 0;
    int64_t left = state->locked_until_ms - wall_ms;
    /* A clock set far back must not lock the pad for days. */
    int64_t longest = pin_lock_ms(state->failures);
    return left > longest ? longest : left;
}

GateResult gate_try(Store *s, const char *pin, int64_t wall_ms)
{
    GateState st;
    GateResult g = gate_state(s, &st);
    if (g != GATE_OK)
        return g;
    if (gate_locked_for(&st, wall_ms) > 0) {
        store_audit(s, wall_ms, "pin.locked", "a PIN was entered while the pad was locked");
        return GATE_LOCKED;
    }
    char hash[PIN_HASH_MAX];
    if (store_setting_get(s, KEY_HASH, hash, sizeof hash) != STORE_OK)
        return GATE_ERROR;
    /* The try is counted before it is checked: one that cannot be counted
     * (the storage is full, the disk fails) is not checked at all, so the
     * lock-out cannot be dodged by filling the disk or pulling the plug. */
    int failures = st.failures + 1;
    int64_t lock = pin_lock_ms(failures);
    if (set_lock(s, failures, lock ? wall_ms + lock : 0) != STORE_OK)
        return GATE_ERROR;
    if (pin_is_valid(pin) && pin_verify(hash, pin)) {
        /* the right PIN: a reset that fails leaves one try counted, no more */
        set_lock(s, 0, 0);
        store_audit(s, wall_ms, "pin.accepted", "");
        return GATE_OK;
    }
    char detail[96];
    snprintf(detail, sizeof detail, "wrong try %d%s", failures, lock ? ", pad locked" : "");
    store_audit(s, wall_ms, "pin.refused", detail);
    return GATE_WRONG;
}

GateResult gate_set_pin(Store *s, const char *pin, int64_t wall_ms)
{
    if (!pin_is_valid(pin))
        return GATE_INVALID;
    char hash[PIN_HASH_MAX];
    if (!pin_hash(pin, hash))
        return GATE_ERROR;
    const char *const kv[] = {KEY_HASH, hash, KEY_FAILURES, "0", KEY_LOCKED, "0"};
    if (store_setting_set_many(s, 3, kv) != STORE_OK)
        return GATE_ERROR;
    store_audit(s, wall_ms, "pin.set", "");
    return GATE_OK;
}

GateResult gate_copy_pin(Store *from, Store *to, int64_t wall_ms)
{
    char hash[PIN_HASH_MAX];
    StoreResult r = store_setting_get(from, KEY_HASH, hash, sizeof hash);
    if (r == STORE_NOT_FOUND || (r == STORE_OK && !hash[0]))
        return GATE_NOT_SET;
    if (r != STORE_OK)
        return GATE_ERROR;
    const char *const kv[] = {KEY_HASH, hash, KEY_FAILURES, "0", KEY_LOCKED, "0"};
    if (store_setting_set_many(to, 3, kv) != STORE_OK)
        return GATE_ERROR;
    store_audit(to, wall_ms, "pin.set", "carried over from the backup");
    return GATE_OK;
}
