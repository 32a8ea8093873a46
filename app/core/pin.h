/* The facilitator PIN: format, Argon2id hashing, and the lock-out policy.
 * Pure logic; app/svc/gate.c keeps the state in the database. */
#ifndef HEARTH_PIN_H
#define HEARTH_PIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PIN_MIN_DIGITS 6
#define PIN_MAX_DIGITS 12
#define PIN_HASH_MAX 128     /* crypto_pwhash_STRBYTES */
#define PIN_FREE_TRIES 5     /* wrong tries before the pad locks */

/* True for 6 to 12 ASCII digits and nothing else. */
bool pin_is_valid(const char *pin);

/* Hashes a PIN with Argon2id into out (a printable, self-describing string).
 * Returns false when the hash could not be computed (out of memory). */
bool pin_hash(const char *pin, char out[PIN_HASH_MAX]);

/* True when pin matches the stored hash. */
bool pin_verify(const char *hash, const char *pin);

/* How long the pad stays locked after the given number of consecutive wrong
 * tries: nothing for the first four, then 30 s, doubling with every further
 * wrong try, capped at one hour. */
int64_t pin_lock_ms(int failures);

#endif
