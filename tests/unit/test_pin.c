/* The facilitator PIN: format, hashing, and lock-out with a virtual clock. */
#include "faultvfs.h"
#include "testkit.h"

#include "core/pin.h"
#include "svc/gate.h"

#include <stdlib.h>
#include <string.h>

#define T0 1795510800000LL /* 2026-11-24T09:00:00Z */

static void test_pin_format(void **state)
{
    (void)state;
    assert_true(pin_is_valid("123456"));
    assert_true(pin_is_valid("123456789012"));
    assert_false(pin_is_valid("12345"));
    assert_false(pin_is_valid("1234567890123"));
    assert_false(pin_is_valid("12345a"));
    assert_false(pin_is_valid("123 456"));
    assert_false(pin_is_valid(""));
}

static void test_hash_is_argon2id_and_verifies(void **state)
{
    (void)state;
    char h[PIN_HASH_MAX], h2[PIN_HASH_MAX];
    assert_true(pin_hash("246810", h));
    assert_non_null(strstr(h, "$argon2id$"));
    assert_null(strstr(h, "246810"));
    assert_true(pin_verify(h, "246810"));
    assert_false(pin_verify(h, "246811"));
    assert_true(pin_hash("246810", h2));
    assert_string_not_equal(h, h2); /* salted */
}

/* The suite's cheap hashes are the suite's alone: without the switch a
 * PIN costs the kiosk's 16 MiB and three passes (tests/package.sh checks
 * that an installed kiosk ignores the switch). */
static void test_cheap_hashes_only_when_asked(void **state)
{
    (void)state;
    char h[PIN_HASH_MAX];
    const char *was = getenv("HEARTH_TEST_CHEAP_PIN");
    unsetenv("HEARTH_TEST_CHEAP_PIN");
    assert_true(pin_hash("246810", h));
    assert_non_null(strstr(h, "$m=16384,t=3,"));
    setenv("HEARTH_TEST_CHEAP_PIN", "1", 1);
    assert_true(pin_hash("246810", h));
    assert_null(strstr(h, "$m=16384,"));
    assert_true(pin_verify(h, "246810"));
    if (was)
        setenv("HEARTH_TEST_CHEAP_PIN", was, 1);
    else
        unsetenv("HEARTH_TEST_CHEAP_PIN");
}

static void test_lock_delays_grow(void **state)
{
    (void)state;
    for (int f = 0; f < PIN_FREE_TRIES; f++)
        assert_int_equal(pin_lock_ms(f), 0);
    assert_int_equal(pin_lock_ms(5), 30000);
    assert_int_equal(pin_lock_ms(6), 60000);
    assert_int_equal(pin_lock_ms(7), 120000);
    assert_int_equal(pin_lock_ms(11), 1920000);
    assert_int_equal(pin_lock_ms(12), 3600000); /* capped at an hour */
    assert_int_equal(pin_lock_ms(1000), 3600000);
}

static void test_gate_needs_a_pin_first(void **state)
{
    (void)state;
    Store *s = tk_store_new();
    GateState st;
    assert_int_equal(gate_state(s, &st), GATE_NOT_SET);
    assert_false(st.pin_set);
    assert_int_equal(gate_try(s, "123456", T0), GATE_NOT_SET);
    assert_int_equal(gate_set_pin(s, "123", T0), GATE_INVALID);
    assert_int_equal(gate_set_pin(s, "135790", T0), GATE_OK);
    assert_int_equal(gate_try(s, "135790", T0), GATE_OK);
    store_close(s);
}

static void test_lockout_with_virtual_clock(void **state)
{
    (void)state;
    Store *s = tk_store_new();
    assert_int_equal(gate_set_pin(s, "135790", T0), GATE_OK);
    int64_t now = T0;
    for (int i = 1; i <= 4; i++) {
        assert_int_equal(gate_try(s, "000000", now), GATE_WRONG);
        GateState st;
        gate_state(s, &st);
        assert_int_equal(st.failures, i);
        assert_int_equal(gate_locked_for(&st, now), 0);
        now += 1000;
    }
    /* the fifth wrong try locks for 30 s */
    assert_int_equal(gate_try(s, "000000", now), GATE_WRONG);
    GateState st;
    gate_state(s, &st);
    assert_int_equal(gate_locked_for(&st, now), 30000);
    /* even the right PIN is not checked while locked */
    assert_int_equal(gate_try(s, "135790", now + 29999), GATE_LOCKED);
    /* after the delay, a wrong try locks for 60 s */
    now += 30000;
    assert_int_equal(gate_try(s, "111111", now), GATE_WRONG);
    gate_state(s, &st);
    assert_int_equal(gate_locked_for(&st, now), 60000);
    assert_int_equal(gate_locked_for(&st, now + 59999), 1);
    assert_int_equal(gate_locked_for(&st, now + 60000), 0);
    /* the right PIN opens and resets */
    assert_int_equal(gate_try(s, "135790", now + 60000), GATE_OK);
    gate_state(s, &st);
    assert_int_equal(st.failures, 0);
    assert_int_equal(st.locked_until_ms, 0);
    store_close(s);
}

static void test_lockout_survives_a_restart(void **state)
{
    (void)state;
    const char *path = tk_path("restart/hearth.db");
    Store *s = store_open(path, NULL, NULL, NULL, 0);
    assert_int_equal(gate_set_pin(s, "135790", T0), GATE_OK);
    for (int i = 0; i < 5; i++)
        gate_try(s, "999999", T0);
    store_close(s);
    s = store_open(path, NULL, NULL, NULL, 0);
    assert_int_equal(gate_try(s, "135790", T0 + 10000), GATE_LOCKED);
    assert_int_equal(gate_try(s, "135790", T0 + 30000), GATE_OK);
    store_close(s);
}

static void test_clock_set_back_does_not_lock_for_days(void **state)
{
    (void)state;
    GateState st = {.pin_set = true, .failures = 5, .locked_until_ms = T0 + 30000};
    /* the clock jumped a year back: still at most the policy's delay */
    assert_int_equal(gate_locked_for(&st, T0 - 365LL * 86400000), 30000);
}

static void test_audit_has_no_secret(void **state)
{
    (void)state;
    Store *s = tk_store_new();
    gate_set_pin(s, "135790", T0);
    gate_try(s, "864201", T0);
    gate_try(s, "135790", T0);
    AuditEntry e[8];
    int n = store_audit_latest(s, e, 8);
    assert_int_equal(n, 3);
    for (int i = 0; i < n; i++) {
        assert_null(strstr(e[i].detail, "135790"));
        assert_null(strstr(e[i].detail, "864201"));
    }
    assert_string_equal(e[0].action, "pin.accepted");
    assert_string_equal(e[1].action, "pin.refused");
    store_close(s);
}

/* A try that cannot be counted is not checked: a full or failing disk
 * never opens a way round the lock-out, even with the right PIN. */
static void test_uncounted_try_is_not_checked(void **state)
{
    (void)state;
    Store *s = tk_store_new();
    assert_int_equal(gate_set_pin(s, "135790", T0), GATE_OK);
    for (int i = 0; i < 3; i++)
        assert_int_equal(gate_try(s, "999999", T0), GATE_WRONG);
    faultvfs_arm(FAULT_WRITE_FULL, 1, true);
    assert_int_equal(gate_try(s, "999999", T0), GATE_ERROR);
    assert_int_equal(gate_try(s, "135790", T0), GATE_ERROR);
    faultvfs_disarm();
    GateState st;
    gate_state(s, &st);
    assert_int_equal(st.failures, 3);
    assert_int_equal(gate_try(s, "135790", T0), GATE_OK);
    gate_state(s, &st);
    assert_int_equal(st.failures, 0);
    store_close(s);
}

/* The console, passes, exports, settings and leaving all go through one
 * gate; its lock grows with every wrong try past the free ones. */
static void test_lock_grows_across_restarts(void **state)
{
    (void)state;
    const char *path = tk_path("grow/hearth.db");
    Store *s = store_open(path, NULL, NULL, NULL, 0);
    assert_int_equal(gate_set_pin(s, "135790", T0), GATE_OK);
    int64_t now = T0;
    int64_t last = 0;
    for (int i = 1; i <= 9; i++) {
        /* each wrong try from a freshly started kiosk */
        store_close(s);
        s = store_open(path, NULL, NULL, NULL, 0);
        GateState st;
        gate_state(s, &st);
        now += gate_locked_for(&st, now);
        assert_int_equal(gate_try(s, "000000", now), GATE_WRONG);
        gate_state(s, &st);
        int64_t lock = gate_locked_for(&st, now);
        if (i >= PIN_FREE_TRIES) {
            assert_true(lock > last);
            last = lock;
        }
    }
    assert_int_equal(last, 30000LL << 4);
    store_close(s);
}

static void test_weak_pins_are_refused(void **state)
{
    (void)state;
    /* NIST SP 800-63B: no PIN from a blocklist of common ones and trivial
     * patterns */
    static const char *const weak[] = {
        "000000", "111111111111", "123456", "234567", "654321", "890123", "1234567890",
        "098765", "121212", "123123", "12341234", "112233", "998877", "159753", "147258",
        "150389", "031589", "890315", "15031989", "03151989", "19890315", "696969"};
    static const char *const fine[] = {"135790", "246810", "864201", "975310", "47382916",
                                       "508261", "96385074"};
    for (size_t i = 0; i < sizeof weak / sizeof weak[0]; i++)
        if (!gate_pin_weakness(weak[i]))
            fail_msg("%s is accepted", weak[i]);
    for (size_t i = 0; i < sizeof fine / sizeof fine[0]; i++)
        if (gate_pin_weakness(fine[i]))
            fail_msg("%s is refused: %s", fine[i], gate_pin_weakness(fine[i]));
    Store *s = tk_store_new();
    assert_int_equal(gate_set_pin(s, "123456", T0), GATE_WEAK);
    GateState st;
    assert_int_equal(gate_state(s, &st), GATE_NOT_SET);
    store_close(s);
}

static void test_change_needs_the_old_pin(void **state)
{
    (void)state;
    Store *s = tk_store_new();
    assert_int_equal(gate_set_pin(s, "135790", T0), GATE_OK);
    /* a weak new PIN is refused before the old is tried: no try counted */
    assert_int_equal(gate_change_pin(s, "000000", "111111", T0), GATE_WEAK);
    GateState st;
    gate_state(s, &st);
    assert_int_equal(st.failures, 0);
    /* a wrong old PIN is a wrong try, and changes nothing */
    assert_int_equal(gate_change_pin(s, "000000", "975310", T0), GATE_WRONG);
    gate_state(s, &st);
    assert_int_equal(st.failures, 1);
    assert_int_equal(gate_try(s, "135790", T0), GATE_OK);
    /* the right one: changed, audited, the old PIN no longer opens */
    assert_int_equal(gate_change_pin(s, "135790", "975310", T0), GATE_OK);
    assert_int_equal(gate_try(s, "975310", T0), GATE_OK);
    assert_int_equal(gate_try(s, "135790", T0), GATE_WRONG);
    store_close(s);
}

int main(void)
{
    faultvfs_install();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pin_format),
        cmocka_unit_test(test_hash_is_argon2id_and_verifies),
        cmocka_unit_test(test_cheap_hashes_only_when_asked),
        cmocka_unit_test(test_lock_delays_grow),
        cmocka_unit_test(test_gate_needs_a_pin_first),
        cmocka_unit_test(test_lockout_with_virtual_clock),
        cmocka_unit_test(test_lockout_survives_a_restart),
        cmocka_unit_test(test_clock_set_back_does_not_lock_for_days),
        cmocka_unit_test(test_audit_has_no_secret),
        cmocka_unit_test(test_uncounted_try_is_not_checked),
        cmocka_unit_test(test_lock_grows_across_restarts),
        cmocka_unit_test(test_weak_pins_are_refused),
        cmocka_unit_test(test_change_needs_the_old_pin),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
