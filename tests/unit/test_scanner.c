/* core/scanner: bursts, people typing, and the time between, on a virtual
 * clock. */
#include "testkit.h"

#include "core/pass.h"
#include "core/scanner.h"

#include <stdio.h>
#include <string.h>

#define PAYLOAD "HRT1K7QF2M9XABCDEFGH"
#define PAYLOAD2 "HRT104HMASW9NF6YY093"

/* What the door would have seen. */
typedef struct Seen {
    ScanKind kind;
    bool from_burst;
    bool overflowed;
    char text[SCANNER_MAX_LEN + 1];
} Seen;

typedef struct Log {
    Seen ev[256];
    int n;
} Log;

static const char *kind_name(ScanKind k)
{
    switch (k) {
    case SCAN_NONE:
        return "none";
    case SCAN_EDIT:
        return "edit";
    case SCAN_SUBMIT:
        return "submit";
    case SCAN_OVERFLOW:
        return "overflow";
    }
    return "?";
}

static void record(Log *log, ScanEvent ev)
{
    assert_non_null(ev.text);
    assert_int_equal(strlen(ev.text), ev.len);
    if (ev.kind == SCAN_NONE)
        return;
    assert_true(log->n < 256);
    Seen *s = &log->ev[log->n++];
    s->kind = ev.kind;
    s->from_burst = ev.from_burst;
    s->overflowed = ev.overflowed;
    snprintf(s->text, sizeof s->text, "%s", ev.text);
}

#define assert_seen(log, i, want_kind, want_text)                                                \
    do {                                                                                         \
        if ((i) >= (log)->n)                                                                     \
            fail_msg("expected event %d (%s \"%s\"), got only %d events", (i),                  \
                     kind_name(want_kind), (want_text), (log)->n);                              \
        if ((log)->ev[i].kind != (want_kind))                                                   \
            fail_msg("event %d: expected %s, got %s \"%s\"", (i), kind_name(want_kind),          \
                     kind_name((log)->ev[i].kind), (log)->ev[i].text);                          \
        assert_string_equal((want_text), (log)->ev[i].text);                                    \
    } while (0)

#define assert_kind(want, ev)                                                                    \
    do {                                                                                         \
        ScanEvent ev_ = (ev);                                                                    \
        if (ev_.kind != (want))                                                                  \
            fail_msg("expected %s, got %s \"%s\"", kind_name(want), kind_name(ev_.kind),         \
                     ev_.text);                                                                  \
    } while (0)

/* Types text one key every gap ms from *now (the first key at *now); *now
 * ends at the last key's time. */
static void type(Scanner *s, const char *text, uint64_t *now, uint32_t gap, Log *log)
{
    for (size_t i = 0; text[i]; i++) {
        if (i > 0)
            *now += gap;
        record(log, scanner_key(s, (unsigned char)text[i], *now));
    }
}

/* The UI loop: sleeps until each deadline and ticks, up to until. */
static void run_until(Scanner *s, uint64_t until, uint64_t *now, Log *log)
{
    for (int guard = 0; guard < 1000; guard++) {
        uint64_t d = scanner_next_deadline(s);
        if (d == 0 || d > until)
            break;
        assert_true(d >= *now); /* a deadline is never in the past */
        *now = d;
        ScanEvent ev = scanner_tick(s, d);
        /* Each deadline does something: it is no busy wait. */
        assert_true(ev.kind != SCAN_NONE || scanner_next_deadline(s) != d);
        record(log, ev);
    }
    *now = until;
}

static Scanner fresh(void)
{
    Scanner s;
    scanner_init(&s, NULL);
    return s;
}

/* --- configuration -------------------------------------------------------- */

static void test_defaults_and_clamps(void **state)
{
    (void)state;
    ScannerConfig c;
    scanner_config_defaults(&c);
    assert_int_equal(40, c.gap_ms);
    assert_int_equal(120, c.silence_ms);
    assert_int_equal(8, c.min_burst);
    assert_int_equal(64, c.max_len);
    assert_int_equal(30000, c.idle_clear_ms);

    Scanner s;
    ScannerConfig zero = {0};
    scanner_init(&s, &zero);
    /* field by field: the struct has padding before the complete pointer */
    assert_int_equal(c.gap_ms, s.cfg.gap_ms);
    assert_int_equal(c.silence_ms, s.cfg.silence_ms);
    assert_int_equal(c.min_burst, s.cfg.min_burst);
    assert_int_equal(c.max_len, s.cfg.max_len);
    assert_int_equal(c.idle_clear_ms, s.cfg.idle_clear_ms);
    assert_null(s.cfg.complete);

    /* The settings allow a gap of 200 with a silence of 30: the door must
     * still hear scans whole. */
    ScannerConfig odd = {.gap_ms = 200, .silence_ms = 30, .min_burst = 1, .max_len = 100000,
                         .idle_clear_ms = 5};
    scanner_init(&s, &odd);
    assert_int_equal(200, s.cfg.gap_ms);
    assert_int_equal(201, s.cfg.silence_ms);
    assert_int_equal(2, s.cfg.min_burst);
    assert_int_equal(SCANNER_MAX_LEN, s.cfg.max_len);
    assert_int_equal(201, s.cfg.idle_clear_ms);

    ScannerConfig wide = {.min_burst = 1000};
    scanner_init(&s, &wide);
    assert_int_equal(64, s.cfg.min_burst);

    assert_int_equal(0, scanner_next_deadline(&s));
    assert_kind(SCAN_NONE, scanner_tick(&s, 12345));
    assert_kind(SCAN_NONE, scanner_enter(&s, 12345));
    assert_kind(SCAN_NONE, scanner_backspace(&s, 12345));
}

/* --- bursts --------------------------------------------------------------- */

static void test_burst_enter(void **state)
{
    (void)state;
    Scanner s = fresh();
    Log log = {0};
    uint64_t now = 1000;
    type(&s, PAYLOAD, &now, 5, &log);
    assert_int_equal(0, log.n); /* a scan never shows as typing */
    ScanEvent ev = scanner_enter(&s, now + 5);
    assert_kind(SCAN_SUBMIT, ev);
    assert_true(ev.from_burst);
    assert_string_equal(PAYLOAD, ev.text);
    assert_int_equal(20, ev.len);
    assert_int_equal(0, scanner_next_deadline(&s));
    /* Nothing is left for later. */
    run_until(&s, now + 60000, &now, &log);
    assert_int_equal(0, log.n);
}

static void test_burst_tab(void **state)
{
    (void)state;
    /* Tab is a terminator like Enter: the door hands both to
     * scanner_enter(). Scanners set to Tab often add it with no delay. */
    Scanner s = fresh();
    Log log = {0};
    uint64_t now = 50;
    type(&s, PAYLOAD2, &now, 2, &log);
    ScanEvent ev = scanner_enter(&s, now);
    assert_kind(SCAN_SUBMIT, ev);
    assert_true(ev.from_burst);
    assert_string_equal(PAYLOAD2, ev.text);
}

static void test_burst_without_terminator(void **state)
{
    (void)state;
    Scanner s = fresh();
    Log log = {0};
    uint64_t now = 7000;
    type(&s, PAYLOAD, &now, 8, &log);
    uint64_t last = now;
    assert_int_equal(last + 120, scanner_next_deadline(&s));
    assert_kind(SCAN_NONE, scanner_tick(&s, last + 40));
    assert_kind(SCAN_NONE, scanner_tick(&s, last + 119));
    ScanEvent ev = scanner_tick(&s, last + 120);
    assert_kind(SCAN_SUBMIT, ev);
    assert_true(ev.from_burst);
    assert_string_equal(PAYLOAD, ev.text);
    assert_int_equal(0, scanner_next_deadline(&s));
    assert_kind(SCAN_NONE, scanner_tick(&s, last + 121));
}

static void test_burst_gap_boundary(void **state)
{
    (void)state;
    /* A pause of exactly gap_ms is inside a burst. */
    Scanner s = fresh();
    Log log = {0};
    uint64_t now = 0;
    type(&s, PAYLOAD, &now, 40, &log);
    assert_int_equal(0, log.n);
    ScanEvent ev = scanner_enter(&s, now + 40);
    assert_kind(SCAN_SUBMIT, ev);
    assert_true(ev.from_burst);
    assert_string_equal(PAYLOAD, ev.text);

    /* One more millisecond and it is a person. */
    log.n = 0;
    now = 10000;
    type(&s, PAYLOAD, &now, 41, &log);
    ev = scanner_enter(&s, now + 41);
    assert_kind(SCAN_SUBMIT, ev);
    assert_false(ev.from_burst);
    assert_string_equal(PAYLOAD, ev.text);
}

static void test_min_burst(void **state)
{
    (void)state;
    Scanner s = fresh();
    Log log = {0};
    uint64_t now = 100;
    /* Seven fast keys are not yet a scan: shown once they pause, never
     * submitted by silence. */
    type(&s, "ABCDEFG", &now, 3, &log);
    run_until(&s, now + 5000, &now, &log);
    assert_int_equal(1, log.n);
    assert_seen(&log, 0, SCAN_EDIT, "ABCDEFG");
    ScanEvent ev = scanner_enter(&s, now);
    assert_kind(SCAN_SUBMIT, ev);
    assert_false(ev.from_burst);

    /* The eighth makes it one. */
    log.n = 0;
    type(&s, "ABCDEFGH", &now, 3, &log);
    run_until(&s, now + 5000, &now, &log);
    assert_int_equal(1, log.n);
    assert_seen(&log, 0, SCAN_SUBMIT, "ABCDEFGH");
    assert_true(log.ev[0].from_burst);
}

static void test_burst_then_burst_without_terminators(void **state)
{
    (void)state;
    /* Two scans 80 ms apart: longer than gap_ms, shorter than silence_ms.
     * The pause ends the first; they are never glued. */
    Scanner s = fresh();
    Log log = {0};
    uint64_t now = 500;
    type(&s, PAYLOAD, &now, 4, &log);
    now += 80;
    ScanEvent ev = scanner_key(&s, PAYLOAD2[0], now);
    assert_kind(SCAN_SUBMIT, ev);
    assert_true(ev.from_burst);
    assert_string_equal(PAYLOAD, ev.text);
    now += 4;
    type(&s, PAYLOAD2 + 1, &now, 4, &log);
    assert_int_equal(0, log.n);
    run_until(&s, now + 1000, &now, &log);
    assert_int_equal(1, log.n);
    assert_seen(&log, 0, SCAN_SUBMIT, PAYLOAD2);
    assert_true(log.ev[0].from_burst);
}

static void test_burst_then_burst_loop_driven(void **state)
{
    (void)state;
    /* The same through the UI loop, sleeping to each deadline between the
     * keys, with the second scan right at the edge of gap_ms + 1. */
    Scanner s = fresh();
    Log log = {0};
    uint64_t now = 0;
    type(&s, PAYLOAD, &now, 6, &log);
    run_until(&s, now + 41, &now, &log);
    type(&s, PAYLOAD2, &now, 6, &log);
    run_until(&s, now + 1000, &now, &log);
    assert_int_equal(2, log.n);
    assert_seen(&log, 0, SCAN_SUBMIT, PAYLOAD);
    assert_seen(&log, 1, SCAN_SUBMIT, PAYLOAD2);
}

static void test_two_bursts_back_to_back(void **state)
{
    (void)state;
    /* Each with Enter, the second starting 1 ms after the first's Enter. */
    Scanner s = fresh();
    Log log = {0};
    uint64_t now = 0;
    type(&s, PAYLOAD, &now, 3, &log);
    record(&log, scanner_enter(&s, ++now));
    now++;
    type(&s, PAYLOAD2, &now, 3, &log);
    record(&log, scanner_enter(&s, ++now));
    run_until(&s, now + 1000, &now, &log);
    assert_int_equal(2, log.n);
    assert_seen(&log, 0, SCAN_SUBMIT, PAYLOAD);
    assert_seen(&log, 1, SCAN_SUBMIT, PAYLOAD2);
    assert_true(log.ev[0].from_burst && log.ev[1].from_burst);
}

static void test_late_terminator(void **state)
{
    (void)state;
    /* Some scanners send Enter a little after the data: it ends this scan,
     * once, and leaves nothing behind. */
    Scanner s = fresh();
    Log log = {0};
    uint64_t now = 0;
    type(&s, PAYLOAD, &now, 3, &log);
    ScanEvent ev = scanner_enter(&s, now + 100);
    assert_kind(SCAN_SUBMIT, ev);
    assert_string_equal(PAYLOAD, ev.text);
    run_until(&s, now + 1000, &now, &log);
    assert_int_equal(0, log.n);
    /* After silence_ms has ticked, a stray Enter is nothing. */
    type(&s, PAYLOAD, &now, 3, &log);
    run_until(&s, now + 1000, &now, &log);
    assert_int_equal(1, log.n);
    assert_kind(SCAN_NONE, scanner_enter(&s, now));
}

static void test_late_tick(void **state)
{
    (void)state;
    /* The loop was busy past the deadline: the next key still gets the
     * burst out whole before it starts anew. */
    Scanner s = fresh();
    Log log = {0};
    uint64_t now = 0;
    type(&s, PAYLOAD, &now, 3, &log);
    now += 5000;
    ScanEvent ev = scanner_key(&s, 'X', now);
    assert_kind(SCAN_SUBMIT, ev);
    assert_string_equal(PAYLOAD, ev.text);
    run_until(&s, now + 100, &now, &log);
    assert_int_equal(1, log.n);
    assert_seen(&log, 0, SCAN_EDIT, "X");

    /* A late Enter does the same. */
    scanner_clear(&s);
    log.n = 0;
    type(&s, PAYLOAD2, &now, 3, &log);
    ev = scanner_enter(&s, now + 9999);
    assert_kind(SCAN_SUBMIT, ev);
    assert_true(ev.from_burst);
    assert_string_equal(PAYLOAD2, ev.text);
}

/* --- people --------------------------------------------------------------- */

static void test_human_typing(void **state)
{
    (void)state;
    Scanner s = fresh();
    const char *code = "k7qf-2m9x-abcd-efgh";
    uint64_t now = 20000;
    char want[32] = {0};
    for (size_t i = 0; code[i]; i++) {
        assert_kind(SCAN_NONE, scanner_key(&s, (unsigned char)code[i], now));
        want[i] = code[i];
        /* Shown once it is clear the key is no scan: after gap_ms. */
        assert_int_equal(now + 41, scanner_next_deadline(&s));
        assert_kind(SCAN_NONE, scanner_tick(&s, now + 40));
        ScanEvent ev = scanner_tick(&s, now + 41);
        assert_kind(SCAN_EDIT, ev);
        assert_string_equal(want, ev.text);
        assert_false(ev.overflowed);
        /* Then nothing until the idle clear: no auto-submit, however slow. */
        assert_int_equal(now + 30000, scanner_next_deadline(&s));
        assert_kind(SCAN_NONE, scanner_tick(&s, now + 99));
        now += 100 + 300 * (i % 10); /* 100 ms to 2.8 s between keys */
    }
    ScanEvent ev = scanner_enter(&s, now);
    assert_kind(SCAN_SUBMIT, ev);
    assert_false(ev.from_burst);
    assert_string_equal(code, ev.text);
    assert_int_equal(0, scanner_next_deadline(&s));
}

static void test_human_fast_pairs(void **state)
{
    (void)state;
    /* People hit two keys 20 ms apart now and then; that is no scan. */
    Scanner s = fresh();
    Log log = {0};
    uint64_t now = 0;
    type(&s, "K7", &now, 20, &log);
    run_until(&s, now + 300, &now, &log);
    type(&s, "QF", &now, 15, &log);
    run_until(&s, now + 300, &now, &log);
    assert_int_equal(2, log.n);
    assert_seen(&log, 0, SCAN_EDIT, "K7");
    assert_seen(&log, 1, SCAN_EDIT, "K7QF");
    ScanEvent ev = scanner_enter(&s, now);
    assert_kind(SCAN_SUBMIT, ev);
    assert_false(ev.from_burst);
    assert_string_equal("K7QF", ev.text);
}

static void test_junk_between(void **state)
{
    (void)state;
    /* Someone pokes at the keyboard, then scans: the stray keys, already
     * shown, are taken back and the scan stands alone. */
    Scanner s = fresh();
    Log log = {0};
    uint64_t now = 0;
    type(&s, "xy", &now, 250, &log);
    run_until(&s, now + 500, &now, &log);
    assert_int_equal(1, log.n);
    assert_seen(&log, 0, SCAN_EDIT, "xy");
    for (int i = 0; i < 8; i++) {
        ScanEvent ev = scanner_key(&s, (unsigned char)PAYLOAD[i], now);
        if (i < 7) {
            assert_kind(SCAN_NONE, ev);
        } else {
            /* The eighth fast key: it is a scan, clear what was shown. */
            assert_kind(SCAN_EDIT, ev);
            assert_string_equal("", ev.text);
        }
        now += 4;
    }
    type(&s, PAYLOAD + 8, &now, 4, &log);
    record(&log, scanner_enter(&s, now + 4));
    assert_seen(&log, 1, SCAN_SUBMIT, PAYLOAD);
    assert_true(log.ev[1].from_burst);

    /* Junk never shown (the loop did not tick between) goes the same way. */
    log.n = 0;
    now += 10000;
    record(&log, scanner_key(&s, '?', now));
    now += 100;
    type(&s, PAYLOAD2, &now, 4, &log);
    run_until(&s, now + 1000, &now, &log);
    assert_int_equal(1, log.n);
    assert_seen(&log, 0, SCAN_SUBMIT, PAYLOAD2);

    /* And junk between two scans. */
    log.n = 0;
    type(&s, PAYLOAD, &now, 4, &log);
    record(&log, scanner_enter(&s, now));
    now += 300;
    type(&s, "zz", &now, 300, &log);
    now += 300;
    type(&s, PAYLOAD2, &now, 4, &log);
    record(&log, scanner_enter(&s, now));
    run_until(&s, now + 1000, &now, &log);
    assert_int_equal(2, log.n);
    assert_seen(&log, 0, SCAN_SUBMIT, PAYLOAD);
    assert_seen(&log, 1, SCAN_SUBMIT, PAYLOAD2);
}

static void test_backspace(void **state)
{
    (void)state;
    Scanner s = fresh();
    Log log = {0};
    uint64_t now = 0;
    type(&s, "ABC", &now, 200, &log);
    ScanEvent ev = scanner_backspace(&s, now + 10);
    assert_kind(SCAN_EDIT, ev);
    assert_string_equal("AB", ev.text);
    now += 500;
    record(&log, scanner_key(&s, 0xE9, now)); /* é: two bytes, one key */
    run_until(&s, now + 100, &now, &log);
    assert_seen(&log, log.n - 1, SCAN_EDIT, "AB\xc3\xa9");
    ev = scanner_backspace(&s, now);
    assert_kind(SCAN_EDIT, ev);
    assert_string_equal("AB", ev.text);
    ev = scanner_backspace(&s, now);
    assert_string_equal("A", ev.text);
    ev = scanner_backspace(&s, now);
    assert_kind(SCAN_EDIT, ev);
    assert_string_equal("", ev.text);
    assert_int_equal(0, scanner_next_deadline(&s));
    assert_kind(SCAN_NONE, scanner_backspace(&s, now));
    assert_kind(SCAN_NONE, scanner_enter(&s, now));

    /* A backspace ends a run: seven quick keys, a backspace, two quick
     * keys are no eight-key burst. */
    log.n = 0;
    type(&s, "K7QF2M9", &now, 10, &log);
    record(&log, scanner_backspace(&s, now + 10));
    now += 20;
    type(&s, "9A", &now, 10, &log);
    record(&log, scanner_enter(&s, now + 500));
    assert_int_equal(2, log.n);
    assert_seen(&log, 0, SCAN_EDIT, "K7QF2M");
    assert_seen(&log, 1, SCAN_SUBMIT, "K7QF2M9A");
    assert_false(log.ev[1].from_burst);

    /* A scanner never erases; a backspace in a burst is ignored. */
    log.n = 0;
    type(&s, PAYLOAD, &now, 3, &log);
    assert_kind(SCAN_NONE, scanner_backspace(&s, now + 1));
    record(&log, scanner_enter(&s, now + 2));
    assert_int_equal(1, log.n);
    assert_seen(&log, 0, SCAN_SUBMIT, PAYLOAD);
}

static void test_idle_clear(void **state)
{
    (void)state;
    Scanner s = fresh();
    Log log = {0};
    uint64_t now = 1000;
    type(&s, "K7", &now, 300, &log);
    run_until(&s, now + 100, &now, &log);
    uint64_t last = now - 100;
    assert_int_equal(last + 30000, scanner_next_deadline(&s));
    assert_kind(SCAN_NONE, scanner_tick(&s, last + 29999));
    ScanEvent ev = scanner_tick(&s, last + 30000);
    assert_kind(SCAN_EDIT, ev);
    assert_string_equal("", ev.text);
    assert_int_equal(0, scanner_next_deadline(&s));
    assert_kind(SCAN_NONE, scanner_enter(&s, last + 30001));

    /* Without a tick: the next key drops the old typing first. */
    now = 100000;
    type(&s, "AB", &now, 300, &log);
    run_until(&s, now + 100, &now, &log);
    now += 40000;
    ev = scanner_key(&s, 'C', now);
    assert_kind(SCAN_EDIT, ev);
    assert_string_equal("", ev.text);
    ev = scanner_enter(&s, now + 500);
    assert_kind(SCAN_SUBMIT, ev);
    assert_string_equal("C", ev.text);

    /* And Enter after a long walk away submits nothing stale. */
    type(&s, "AB", &now, 300, &log);
    run_until(&s, now + 100, &now, &log);
    ev = scanner_enter(&s, now + 31000);
    assert_kind(SCAN_EDIT, ev);
    assert_string_equal("", ev.text);
    assert_int_equal(0, scanner_next_deadline(&s));
}

/* --- limits and junk ------------------------------------------------------ */

static void test_overflow(void **state)
{
    (void)state;
    Scanner s = fresh();
    Log log = {0};
    uint64_t now = 0;
    char big[101];
    memset(big, 'A', 100);
    big[100] = '\0';

    /* A long scan: refused on Enter, and on silence. */
    type(&s, big, &now, 2, &log);
    ScanEvent ev = scanner_enter(&s, now + 2);
    assert_kind(SCAN_OVERFLOW, ev);
    assert_true(ev.from_burst);
    assert_int_equal(0, ev.len);
    type(&s, big, &now, 2, &log);
    run_until(&s, now + 1000, &now, &log);
    assert_int_equal(1, log.n);
    assert_seen(&log, 0, SCAN_OVERFLOW, "");

    /* Exactly max_len is fine. */
    big[64] = '\0';
    type(&s, big, &now, 2, &log);
    ev = scanner_enter(&s, now + 2);
    assert_kind(SCAN_SUBMIT, ev);
    assert_int_equal(64, ev.len);

    /* A person typing too much sees it, and Enter refuses it. */
    log.n = 0;
    big[64] = 'A';
    big[70] = '\0';
    type(&s, big, &now, 100, &log);
    run_until(&s, now + 100, &now, &log);
    assert_true(log.n > 0);
    Seen *last = &log.ev[log.n - 1];
    assert_int_equal(SCAN_EDIT, last->kind);
    assert_true(last->overflowed);
    assert_int_equal(64, strlen(last->text));
    ev = scanner_enter(&s, now);
    assert_kind(SCAN_OVERFLOW, ev);
    assert_false(ev.from_burst);

    /* Thousands of keys never overflow a buffer, and the scanner goes on. */
    for (int i = 0; i < 10000; i++)
        scanner_key(&s, (uint32_t)('A' + i % 26), now += 1);
    assert_kind(SCAN_OVERFLOW, scanner_enter(&s, now));
    type(&s, PAYLOAD, &now, 3, &log);
    ev = scanner_enter(&s, now);
    assert_kind(SCAN_SUBMIT, ev);
    assert_string_equal(PAYLOAD, ev.text);
}

static void test_overflow_backspace(void **state)
{
    (void)state;
    /* Backspace counts the lost characters down, so a person who typed one
     * too many can fix it. */
    ScannerConfig c = {.max_len = 4};
    Scanner s;
    scanner_init(&s, &c);
    Log log = {0};
    uint64_t now = 0;
    type(&s, "ABCDEF", &now, 200, &log);
    run_until(&s, now + 100, &now, &log);
    assert_true(log.ev[log.n - 1].overflowed);
    ScanEvent ev = scanner_backspace(&s, now);
    assert_true(ev.overflowed);
    assert_string_equal("ABCD", ev.text);
    ev = scanner_backspace(&s, now);
    assert_false(ev.overflowed);
    assert_string_equal("ABCD", ev.text);
    ev = scanner_backspace(&s, now);
    assert_string_equal("ABC", ev.text);
    ev = scanner_enter(&s, now);
    assert_kind(SCAN_SUBMIT, ev);
    assert_string_equal("ABC", ev.text);

    /* A character too wide for the room left is lost whole, never cut. */
    type(&s, "ABC", &now, 200, &log);
    scanner_key(&s, 0x20AC, now += 200); /* the euro sign, three bytes */
    ev = scanner_enter(&s, now + 200);
    assert_kind(SCAN_OVERFLOW, ev);
}

static void test_junk_before_burst_resets_overflow(void **state)
{
    (void)state;
    /* Stray keys that overflowed do not spoil the scan that follows. */
    ScannerConfig c = {.max_len = 24};
    Scanner s;
    scanner_init(&s, &c);
    Log log = {0};
    uint64_t now = 0;
    type(&s, "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", &now, 100, &log);
    now += 100;
    type(&s, PAYLOAD, &now, 3, &log);
    ScanEvent ev = scanner_enter(&s, now);
    assert_kind(SCAN_SUBMIT, ev);
    assert_string_equal(PAYLOAD, ev.text);
}

static void test_control_characters(void **state)
{
    (void)state;
    /* Control characters and non-characters are ignored as if never typed:
     * never stored, never a crash. */
    const uint32_t junk[] = {0x00, 0x01, 0x08, 0x09, 0x0A, 0x0D, 0x1B, 0x1D, 0x7F,
                             0x80, 0x85, 0x9F, 0xD800, 0xDFFF, 0x110000, 0xFFFFFFFF};
    Scanner s = fresh();
    Log log = {0};
    uint64_t now = 0;
    for (size_t i = 0; PAYLOAD[i]; i++) {
        assert_kind(SCAN_NONE, scanner_key(&s, junk[i % (sizeof junk / sizeof *junk)], now));
        record(&log, scanner_key(&s, (unsigned char)PAYLOAD[i], now));
        now += 3;
    }
    ScanEvent ev = scanner_enter(&s, now);
    assert_kind(SCAN_SUBMIT, ev);
    assert_string_equal(PAYLOAD, ev.text);

    /* Only control characters: nothing at all. */
    for (size_t i = 0; i < sizeof junk / sizeof *junk; i++)
        assert_kind(SCAN_NONE, scanner_key(&s, junk[i], now += 1));
    assert_int_equal(0, scanner_next_deadline(&s));

    /* Printable non-ASCII is kept, as UTF-8, for pass_parse to refuse. */
    scanner_key(&s, 0x00E9, now += 200);
    scanner_key(&s, 0x1F600, now += 200);
    ev = scanner_enter(&s, now += 200);
    assert_kind(SCAN_SUBMIT, ev);
    assert_string_equal("\xc3\xa9\xf0\x9f\x98\x80", ev.text);
}

static void test_next_deadline(void **state)
{
    (void)state;
    ScannerConfig c = {.gap_ms = 30, .silence_ms = 90, .idle_clear_ms = 10000};
    Scanner s;
    scanner_init(&s, &c);
    assert_int_equal(0, scanner_next_deadline(&s));
    scanner_key(&s, 'A', 1000);
    assert_int_equal(1031, scanner_next_deadline(&s)); /* show it after gap */
    scanner_tick(&s, 1031);
    assert_int_equal(11000, scanner_next_deadline(&s)); /* then the idle clear */
    scanner_key(&s, 'B', 2000);
    assert_int_equal(2031, scanner_next_deadline(&s));
    scanner_enter(&s, 2010);
    assert_int_equal(0, scanner_next_deadline(&s));
    uint64_t now = 5000;
    for (int i = 0; i < 10; i++)
        scanner_key(&s, 'C', now += 5);
    assert_int_equal(now + 90, scanner_next_deadline(&s)); /* a burst: silence */
    scanner_tick(&s, now + 90);
    assert_int_equal(0, scanner_next_deadline(&s));
    scanner_key(&s, 'D', now + 100);
    scanner_clear(&s);
    assert_int_equal(0, scanner_next_deadline(&s));
}

static void test_clock_steps_back(void **state)
{
    (void)state;
    /* The monotonic clock never does this, but a bug upstream must not
     * make the scanner misbehave: a step back counts as no time. */
    Scanner s = fresh();
    uint64_t t = 100000;
    for (size_t i = 0; PAYLOAD[i]; i++)
        scanner_key(&s, (unsigned char)PAYLOAD[i], i % 2 ? t - 50 : t);
    assert_kind(SCAN_NONE, scanner_tick(&s, 10));
    ScanEvent ev = scanner_tick(&s, t + 120);
    assert_kind(SCAN_SUBMIT, ev);
    assert_string_equal(PAYLOAD, ev.text);
}

static void test_event_text_survives_next_key(void **state)
{
    (void)state;
    /* The submitted text is copied aside: the key that ended the burst is
     * already in the working text and must not show in it. */
    Scanner s = fresh();
    Log log = {0};
    uint64_t now = 0;
    type(&s, PAYLOAD, &now, 3, &log);
    ScanEvent ev = scanner_key(&s, 'Q', now + 50);
    assert_kind(SCAN_SUBMIT, ev);
    assert_string_equal(PAYLOAD, ev.text);
}

static bool holds(const Scanner *s, const char *what)
{
    const char *b = (const char *)s;
    size_t n = strlen(what);
    for (size_t i = 0; i + n <= sizeof *s; i++)
        if (!memcmp(b + i, what, n))
            return true;
    return false;
}

/* What was typed may be a pass's secret: once cleared or submitted, no copy
 * of it is left in the scanner's memory (the door and the rating round
 * clear it after every attempt). */
static void test_nothing_typed_is_left_behind(void **state)
{
    (void)state;
    Scanner s;
    scanner_init(&s, NULL);
    uint64_t t = 1000;
    const char *secret = "K7QF2M9XABCD";
    for (const char *p = secret; *p; p++)
        scanner_key(&s, (uint32_t)*p, t += 300);
    assert_true(holds(&s, "K7QF2M9X"));
    scanner_clear(&s);
    assert_false(holds(&s, "K7QF"));
    /* a submitted scan: the event's copy goes at the next clear */
    for (const char *p = secret; *p; p++)
        scanner_key(&s, (uint32_t)*p, t += 4);
    ScanEvent ev = scanner_enter(&s, t += 4);
    assert_int_equal(ev.kind, SCAN_SUBMIT);
    assert_string_equal(ev.text, secret);
    scanner_clear(&s);
    assert_false(holds(&s, "K7QF"));
    /* backspace takes the bytes, not only the length */
    for (const char *p = "ABCDWXYZ"; *p; p++)
        scanner_key(&s, (uint32_t)*p, t += 300);
    for (int i = 0; i < 4; i++)
        scanner_backspace(&s, t += 300);
    assert_false(holds(&s, "WXYZ"));
}

/* --- a person's keys in clumps (a busy machine) ---------------------------- */

/* The door's rule: a burst is a scan only when it is a whole pass. */
static bool whole_pass(const char *text, size_t len)
{
    PassSecret p;
    return pass_parse(text, len, &p) == PASS_OK;
}

static Scanner clumpy(void)
{
    Scanner s;
    ScannerConfig c;
    scanner_config_defaults(&c);
    c.complete = whole_pass;
    scanner_init(&s, &c);
    return s;
}

/* Types text in clumps: every key of a clump at the same instant (queued
 * behind a busy CPU and read in one go), clumps gap_ms apart. sizes ends
 * with 0. */
static void type_clumps(Scanner *s, const char *text, const int *sizes, uint64_t *now,
                        uint32_t gap_ms, Log *log)
{
    size_t i = 0;
    for (int c = 0; sizes[c] && text[i]; c++) {
        for (int k = 0; k < sizes[c] && text[i]; k++)
            record(log, scanner_key(s, (unsigned char)text[i++], *now));
        run_until(s, *now + gap_ms, now, log);
    }
}

static void test_clumped_typing_is_not_a_scan(void **state)
{
    (void)state;
    /* A short code typed at human speed on a starved machine: 5 keys, then
     * 9 at one instant (a "burst"), then the last 5 and a pause. Nothing
     * may be submitted before Enter, and nothing typed may be lost. */
    Scanner s = clumpy();
    Log log = {0};
    uint64_t now = 1000;
    const char *code = "K7QF-2M9X-ABCD-EFG"; /* one symbol short of a whole code */
    static const int sizes[] = {5, 9, 4, 0};
    type_clumps(&s, code, sizes, &now, 700, &log);
    run_until(&s, now + 5000, &now, &log);
    for (int i = 0; i < log.n; i++)
        if (log.ev[i].kind == SCAN_SUBMIT || log.ev[i].kind == SCAN_OVERFLOW)
            fail_msg("event %d: a clump was submitted as a scan: \"%s\"", i, log.ev[i].text);
    assert_true(log.n > 0);
    assert_seen(&log, log.n - 1, SCAN_EDIT, code);
    /* The person finishes and presses Enter: all of it, as typed. */
    record(&log, scanner_key(&s, 'H', now));
    run_until(&s, now + 200, &now, &log);
    ScanEvent ev = scanner_enter(&s, now);
    assert_kind(SCAN_SUBMIT, ev);
    assert_false(ev.from_burst);
    assert_string_equal("K7QF-2M9X-ABCD-EFGH", ev.text);
}

static void test_clumped_typing_with_equal_times(void **state)
{
    (void)state;
    /* Two keys typed, then the rest of a code and its Enter at one and the
     * same instant: Enter submits all of it, in order, as the person's. */
    Scanner s = clumpy();
    Log log = {0};
    const char *code = "2M9X-ABCD-EFG";
    record(&log, scanner_key(&s, '2', 4000));
    record(&log, scanner_key(&s, 'M', 4150));
    for (size_t i = 2; code[i]; i++)
        record(&log, scanner_key(&s, (unsigned char)code[i], 5000));
    assert_int_equal(0, log.n);
    ScanEvent ev = scanner_enter(&s, 5000);
    assert_kind(SCAN_SUBMIT, ev);
    assert_false(ev.from_burst);
    assert_string_equal(code, ev.text);

    /* The same clump without Enter: once silence comes, it shows as typing
     * and waits; it is never submitted by time. */
    log.n = 0;
    code = "2M9X-ABCD";
    uint64_t now = 9000;
    for (size_t i = 0; code[i]; i++)
        record(&log, scanner_key(&s, (unsigned char)code[i], now));
    run_until(&s, now + 29000, &now, &log);
    assert_int_equal(1, log.n);
    assert_seen(&log, 0, SCAN_EDIT, code);
    assert_int_equal(9000 + 30000, scanner_next_deadline(&s));
}

static void test_whole_pass_burst_still_scans(void **state)
{
    (void)state;
    /* With the rule on, a scanner's payload without Enter is still a scan,
     * and keys typed before it stay out of it. */
    Scanner s = clumpy();
    Log log = {0};
    uint64_t now = 0;
    PassSecret p;
    char payload[PASS_PAYLOAD_SIZE];
    assert_true(pass_generate(&p));
    pass_format_payload(&p, payload);
    type(&s, "xy", &now, 300, &log);
    run_until(&s, now + 300, &now, &log);
    type(&s, payload, &now, 4, &log);
    run_until(&s, now + 1000, &now, &log);
    assert_seen(&log, log.n - 1, SCAN_SUBMIT, payload);
    assert_true(log.ev[log.n - 1].from_burst);
    /* clumped too: every key at one instant */
    log.n = 0;
    now += 5000;
    for (size_t i = 0; payload[i]; i++)
        record(&log, scanner_key(&s, (unsigned char)payload[i], now));
    run_until(&s, now + 1000, &now, &log);
    assert_int_equal(1, log.n);
    assert_seen(&log, 0, SCAN_SUBMIT, payload);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults_and_clamps),
        cmocka_unit_test(test_burst_enter),
        cmocka_unit_test(test_burst_tab),
        cmocka_unit_test(test_burst_without_terminator),
        cmocka_unit_test(test_burst_gap_boundary),
        cmocka_unit_test(test_min_burst),
        cmocka_unit_test(test_burst_then_burst_without_terminators),
        cmocka_unit_test(test_burst_then_burst_loop_driven),
        cmocka_unit_test(test_two_bursts_back_to_back),
        cmocka_unit_test(test_late_terminator),
        cmocka_unit_test(test_late_tick),
        cmocka_unit_test(test_human_typing),
        cmocka_unit_test(test_human_fast_pairs),
        cmocka_unit_test(test_junk_between),
        cmocka_unit_test(test_backspace),
        cmocka_unit_test(test_idle_clear),
        cmocka_unit_test(test_overflow),
        cmocka_unit_test(test_overflow_backspace),
        cmocka_unit_test(test_junk_before_burst_resets_overflow),
        cmocka_unit_test(test_control_characters),
        cmocka_unit_test(test_next_deadline),
        cmocka_unit_test(test_clock_steps_back),
        cmocka_unit_test(test_event_text_survives_next_key),
        cmocka_unit_test(test_nothing_typed_is_left_behind),
        cmocka_unit_test(test_clumped_typing_is_not_a_scan),
        cmocka_unit_test(test_clumped_typing_with_equal_times),
        cmocka_unit_test(test_whole_pass_burst_still_scans),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
