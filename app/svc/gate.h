/* The facilitator PIN gate: the console, settings, exports, pass issuing
 * and leaving the kiosk all pass through here. Wrong tries lock the pad with
 * a growing delay kept in the database, so a restart does not reset it. */
#ifndef HEARTH_GATE_H
#define HEARTH_GATE_H

#include "store/store.h"

#include <stdbool.h>
#include <stdint.h>

typedef enum GateResult {
    GATE_OK,        /* right PIN: failures reset */
    GATE_WRONG,     /* wrong PIN: counted (and maybe now locked) */
    GATE_LOCKED,    /* tried while locked: not even checked */
    GATE_NOT_SET,   /* no PIN yet: the console asks for one */
    GATE_INVALID,   /* not 6 to 12 digits (setting a PIN) */
    GATE_WEAK,      /* a PIN anyone would guess (gate_pin_weakness says why) */
    GATE_ERROR      /* the database failed: store_error() says why */
} GateResult;

typedef struct GateState {
    bool pin_set;
    int failures;            /* consecutive wrong tries */
    int64_t locked_until_ms; /* wall clock; 0 when not locked */
} GateState;

/* Reads the gate's state. */
GateResult gate_state(Store *store, GateState *out);

/* Milliseconds the pad stays locked from now (0 when open). */
int64_t gate_locked_for(const GateState *state, int64_t wall_ms);

/* Checks a PIN at wall time now, counting failures and auditing the try. */
GateResult gate_try(Store *store, const char *pin, int64_t wall_ms);

/* Why a PIN of 6 to 12 digits would be guessed, as a sentence for staff,
 * or NULL when it is fine: a short blocklist of the most common PINs and
 * trivial patterns (one digit repeated, runs such as 123456 or 987654, a
 * short group repeated such as 121212 or 112233, a date such as 150389 or
 * 19890315), as NIST SP 800-63B asks of memorized secrets. */
const char *gate_pin_weakness(const char *pin);

/* Sets (or replaces) the PIN: GATE_INVALID unless 6 to 12 digits,
 * GATE_WEAK for one gate_pin_weakness refuses. */
GateResult gate_set_pin(Store *store, const char *pin, int64_t wall_ms);

/* The same, audited as action with detail (never the PIN): "pin.changed"
 * after the console checked the old PIN, "pin.force" from the command
 * line without it. */
GateResult gate_set_pin_as(Store *store, const char *pin, int64_t wall_ms, const char *action,
                           const char *detail);

/* Changes the PIN: the old one first (a try like gate_try, counted and
 * locked alike), then the new as gate_set_pin. The new PIN is judged
 * before the old is tried, so a refused choice costs no try. Audited
 * "pin.changed". */
GateResult gate_change_pin(Store *store, const char *old_pin, const char *new_pin,
                           int64_t wall_ms);

/* Copies the PIN (only its hash) from one database to another, with no
 * failures counted: starting an empty database after a damaged one keeps
 * the facilitator's PIN rather than letting the next person choose one. */
GateResult gate_copy_pin(Store *from, Store *to, int64_t wall_ms);

#endif
