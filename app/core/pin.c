#include "core/pin.h"

#include <sodium.h>
#include <string.h>

/* Argon2id cost: about a tenth of a second on a Raspberry Pi 4 and 16 MiB,
 * so a verify never starves a 1 GB board. Six digits alone are weak against
 * an offline search; the lock-out and the 0600 database guard the rest. */
#define PIN_OPSLIMIT 3
#define PIN_MEMLIMIT (16u * 1024u * 1024u)

bool pin_is_valid(const char *pin)
{
    size_t n = strlen(pin);
    if (n < PIN_MIN_DIGITS || n > PIN_MAX_DIGITS)
        return false;
    for (size_t i = 0; i < n; i++)
        if (pin[i] < '0' || pin[i] > '9')
            return false;
    return true;
}

bool pin_hash(const char *pin, char out[PIN_HASH_MAX])
{
    _Static_assert(PIN_HASH_MAX >= crypto_pwhash_STRBYTES, "hash buffer");
    if (sodium_init() < 0)
        return false;
    return crypto_pwhash_str_alg(out, pin, strlen(pin), PIN_OPSLIMIT, PIN_MEMLIMIT,
                                 crypto_pwhash_ALG_ARGON2ID13) == 0;
}

bool pin_verify(const char *hash, const char *pin)
{
    if (sodium_init() < 0)
        return false;
    return crypto_pwhash_str_verify(hash, pin, strlen(pin)) == 0;
}

int64_t pin_lock_ms(int failures)
{
    if (failures < PIN_FREE_TRIES)
        return 0;
    int extra = failures - PIN_FREE_TRIES;
    if (extra > 7)
        extra = 7; /* 30 s * 2^7 is past the cap already */
    int64_t ms = 30000LL << extra;
    return ms > 3600000 ? 3600000 : ms;
}
