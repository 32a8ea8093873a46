#include "svc/gate.h"

#include "core/i18n.h"
#include "core/pin.h"

#include <sodium.h>
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

/* The PINs people pick most (from published analyses of leaked PIN sets),
 * beyond what the patterns below already catch. */
static const char *const common_pins[] = {
    "159753", "147258", "258369", "369258", "147852", "963852", "741852", "852963",
    "159357", "753951", "951753", "357159", "789456", "456789123", "142536", "102030",
    "112358", "520520", "696969", "131313", "775511", "114477", "147258369", "789654",
    "123321", "321123", "654456", "111222", "222333", "100200", "200300", "123654",
    "147369", "963741", "123789", "987123", "202020", "101010", "010203", "080808"};

static bool one_digit(const char *p)
{
    for (const char *c = p + 1; *c; c++)
        if (*c != p[0])
            return false;
    return true;
}

/* 123456, 7890123 (wrapping), 654321 */
static bool run(const char *p, size_t n)
{
    for (int dir = -1; dir <= 1; dir += 2) {
        size_t i = 1;
        while (i < n && (p[i] - '0') == ((p[i - 1] - '0') + dir + 10) % 10)
            i++;
        if (i == n)
            return true;
    }
    return false;
}

/* A group of up to half the length, repeated (121212, 123123, 12341234),
 * or a run of doubled digits (112233, 998877). */
static bool repeated(const char *p, size_t n)
{
    for (size_t k = 1; k <= n / 2; k++) {
        if (n % k)
            continue;
        size_t i = k;
        while (i < n && p[i] == p[i - k])
            i++;
        if (i == n)
            return true;
    }
    if (n % 2 == 0) {
        char half[PIN_MAX_DIGITS + 1];
        size_t m = 0;
        for (size_t i = 0; i < n; i += 2) {
            if (p[i] != p[i + 1])
                return false;
            half[m++] = p[i];
        }
        half[m] = '\0';
        return run(half, m);
    }
    return false;
}

static int num(const char *p, size_t len)
{
    int v = 0;
    for (size_t i = 0; i < len; i++)
        v = v * 10 + (p[i] - '0');
    return v;
}

static bool day_month(int d, int m) { return d >= 1 && d <= 31 && m >= 1 && m <= 12; }

/* A birthday or an anniversary: DDMMYY, MMDDYY, YYMMDD, and with the year
 * in full (1900 to 2099) DDMMYYYY, MMDDYYYY, YYYYMMDD. */
static bool date(const char *p, size_t n)
{
    if (n == 6)
        return day_month(num(p, 2), num(p + 2, 2)) || day_month(num(p + 2, 2), num(p, 2)) ||
               day_month(num(p + 4, 2), num(p + 2, 2));
    if (n == 8) {
        int y_end = num(p + 4, 4), y_start = num(p, 4);
        bool end_ok = y_end >= 1900 && y_end <= 2099, start_ok = y_start >= 1900 && y_start <= 2099;
        return (end_ok && (day_month(num(p, 2), num(p + 2, 2)) ||
                           day_month(num(p + 2, 2), num(p, 2)))) ||
               (start_ok && day_month(num(p + 6, 2), num(p + 4, 2)));
    }
    return false;
}

const char *gate_pin_weakness(const char *pin)
{
    if (!pin_is_valid(pin))
        return NULL;
    size_t n = strlen(pin);
    if (one_digit(pin))
        return _("A PIN of one digit repeated is the first thing anyone tries. Choose another.");
    if (run(pin, n))
        return _("A run of digits such as 123456 is among the first PINs anyone tries. Choose "
                 "another.");
    if (repeated(pin, n))
        return _("A short group repeated, such as 121212 or 112233, is easy to guess. Choose "
                 "another.");
    for (size_t i = 0; i < sizeof common_pins / sizeof common_pins[0]; i++)
        if (!strcmp(pin, common_pins[i]))
            return _("That is one of the most common PINs. Choose another.");
    if (date(pin, n))
        return _("That reads as a date, such as a birthday, which others may know. Choose "
                 "another.");
    return NULL;
}

GateResult gate_change_pin(Store *s, const char *old_pin, const char *new_pin, int64_t wall_ms)
{
    if (!pin_is_valid(new_pin))
        return GATE_INVALID;
    if (gate_pin_weakness(new_pin))
        return GATE_WEAK;
    GateResult g = gate_try(s, old_pin, wall_ms);
    if (g != GATE_OK)
        return g;
    return gate_set_pin_as(s, new_pin, wall_ms, "pin.changed", "the old PIN was given");
}

GateResult gate_set_pin_as(Store *s, const char *pin, int64_t wall_ms, const char *action,
                           const char *detail)
{
    if (!pin_is_valid(pin))
        return GATE_INVALID;
    if (gate_pin_weakness(pin))
        return GATE_WEAK;
    char hash[PIN_HASH_MAX];
    if (!pin_hash(pin, hash))
        return GATE_ERROR;
    /* the new PIN and its audit row together */
    const char *const kv[] = {KEY_HASH, hash, KEY_FAILURES, "0", KEY_LOCKED, "0"};
    StoreResult r = store_tx_begin(s);
    if (r == STORE_OK)
        r = store_setting_set_many(s, 3, kv);
    if (r == STORE_OK)
        r = store_audit(s, wall_ms, action, detail);
    if (r == STORE_OK)
        r = store_tx_commit(s);
    else
        store_tx_rollback(s);
    sodium_memzero(hash, sizeof hash);
    return r == STORE_OK ? GATE_OK : GATE_ERROR;
}

GateResult gate_set_pin(Store *s, const char *pin, int64_t wall_ms)
{
    return gate_set_pin_as(s, pin, wall_ms, "pin.set", "");
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
