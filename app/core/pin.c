#include "core/pin.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

/* Argon2id cost: about a tenth of a second on a Raspberry Pi 4 and 16 MiB,
 * so a verify never starves a 1 GB board. Six digits alone are weak against
 * an offline search; the lock-out and the 0600 database guard the rest. */
#define PIN_OPSLIMIT 3
#define PIN_MEMLIMIT (16u * 1024u * 1024u)

/* The cost of a new hash. A build with the test suite (HEARTH_TEST_HOOKS,
 * defined by tests/CMakeLists.txt alone) takes libsodium's cheapest
 * Argon2id when HEARTH_TEST_CHEAP_PIN=1: the suite sets hundreds of PINs,
 * each 16 MiB and a tenth of a second otherwise. The Debian package is
 * built without the tests, so an installed kiosk cannot be told to hash
 * weakly (tests/package.sh tries). Verifying reads the cost off the hash. */
static void pin_cost(unsigned long long *ops, size_t *mem)
{
    *ops = PIN_OPSLIMIT;
    *mem = PIN_MEMLIMIT;
#ifdef HEARTH_TEST_HOOKS
    const char *cheap = getenv("HEARTH_TEST_CHEAP_PIN");
    if (cheap && !strcmp(cheap, "1")) {
        *ops = crypto_pwhash_argon2id_OPSLIMIT_MIN;
        *mem = crypto_pwhash_argon2id_MEMLIMIT_MIN;
    }
#endif
}

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
    unsigned long long ops;
    size_t mem;
    pin_cost(&ops, &mem);
    return crypto_pwhash_str_alg(out, pin, strlen(pin), ops, mem,
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
