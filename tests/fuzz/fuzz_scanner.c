/* The scanner assembler under any sequence of keys and times.
 *
 * Input: 5 configuration bytes (gap, silence, min_burst, max_len, idle
 * clear; 0 for a default), then actions of two bytes, (what, delta ms):
 *   what < 0xF0  the key with that code point (controls and Latin-1 too)
 *   0xF0         a key anywhere in Unicode and beyond: the next 3 bytes
 *   0xF1 Enter   0xF2 Backspace   0xF3 tick   0xF4 clear
 *   0xF5         sleep to next_deadline and tick, as the UI loop does
 *   0xF6         a long wait: delta seconds
 * Time only moves forward. Every event is checked; at the end a clean scan
 * must still come through whole, whatever came before. */
#include "core/pass.h"
#include "core/scanner.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define require(cond)                                                                            \
    do {                                                                                         \
        if (!(cond)) {                                                                           \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond);        \
            abort();                                                                             \
        }                                                                                        \
    } while (0)

#define PAYLOAD "HRT1K7QF2M9XABCDEFGH"

static bool valid_utf8_text(const char *t, size_t len)
{
    const unsigned char *s = (const unsigned char *)t;
    for (size_t i = 0; i < len;) {
        unsigned char c = s[i];
        size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
        if (n == 0 || i + n > len)
            return false;
        if (n == 1 && (c < 0x20 || c == 0x7F))
            return false; /* control characters never get in */
        for (size_t k = 1; k < n; k++)
            if ((s[i + k] & 0xC0) != 0x80)
                return false;
        i += n;
    }
    return true;
}

static void check_event(const Scanner *s, ScanEvent ev, uint64_t now)
{
    require(ev.kind == SCAN_NONE || ev.kind == SCAN_EDIT || ev.kind == SCAN_SUBMIT ||
            ev.kind == SCAN_OVERFLOW);
    require(ev.text != NULL);
    require(strlen(ev.text) == ev.len);
    require(ev.len <= s->cfg.max_len);
    require(valid_utf8_text(ev.text, ev.len));
    if (ev.kind == SCAN_NONE || ev.kind == SCAN_OVERFLOW)
        require(ev.len == 0);
    if (ev.kind == SCAN_SUBMIT) {
        require(ev.len > 0);
        /* The door hands it straight to the parser. */
        PassSecret secret;
        PassParseResult r = pass_parse(ev.text, ev.len, &secret);
        require(r <= PASS_MALFORMED);
    }
    if (ev.kind != SCAN_EDIT)
        require(!ev.overflowed);
    uint64_t d = scanner_next_deadline(s);
    (void)now;
    require(d == 0 || d >= 2); /* 0 is reserved for "nothing waits" */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ScannerConfig cfg = {0};
    if (size >= 5) {
        cfg.gap_ms = data[0];
        cfg.silence_ms = (uint32_t)data[1] * 4u;
        cfg.min_burst = data[2] % 80u;
        cfg.max_len = data[3];
        cfg.idle_clear_ms = (uint32_t)data[4] * 100u;
        data += 5;
        size -= 5;
    }
    Scanner s;
    scanner_init(&s, &cfg);
    require(s.cfg.silence_ms > s.cfg.gap_ms);
    require(s.cfg.min_burst >= 2 && s.cfg.max_len <= SCANNER_MAX_LEN);

    uint64_t now = 1000;
    for (size_t i = 0; i + 1 < size; i += 2) {
        uint8_t what = data[i], delta = data[i + 1];
        now += delta;
        ScanEvent ev;
        if (what < 0xF0) {
            ev = scanner_key(&s, what, now);
        } else if (what == 0xF0 && i + 4 < size) {
            uint32_t ch = ((uint32_t)data[i + 2] << 16) | ((uint32_t)data[i + 3] << 8) | data[i + 4];
            ch *= 17; /* past U+10FFFF now and then */
            i += 3;
            ev = scanner_key(&s, ch, now);
        } else if (what == 0xF1) {
            ev = scanner_enter(&s, now);
        } else if (what == 0xF2) {
            ev = scanner_backspace(&s, now);
        } else if (what == 0xF4) {
            scanner_clear(&s);
            require(scanner_next_deadline(&s) == 0);
            continue;
        } else if (what == 0xF5) {
            uint64_t d = scanner_next_deadline(&s);
            if (d > now)
                now = d;
            ev = scanner_tick(&s, now);
        } else if (what == 0xF6) {
            now += (uint64_t)delta * 1000u;
            ev = scanner_tick(&s, now);
        } else {
            ev = scanner_tick(&s, now);
            /* A tick at now leaves nothing due at or before now. */
            uint64_t d = scanner_next_deadline(&s);
            require(d == 0 || d > now);
        }
        check_event(&s, ev, now);
    }

    /* Whatever came before, after a long quiet a clean scan comes through
     * whole: the first key flushes what was left, the rest are the scan. */
    now += (uint64_t)s.cfg.idle_clear_ms + s.cfg.silence_ms + 1;
    for (size_t k = 0; PAYLOAD[k]; k++) {
        ScanEvent ev = scanner_key(&s, (unsigned char)PAYLOAD[k], now);
        check_event(&s, ev, now);
        if (k > 0)
            require(ev.kind == SCAN_NONE);
        now += 1;
    }
    ScanEvent ev = scanner_enter(&s, now);
    check_event(&s, ev, now);
    if (s.cfg.max_len >= strlen(PAYLOAD)) {
        require(ev.kind == SCAN_SUBMIT);
        require(strcmp(ev.text, PAYLOAD) == 0);
        require(ev.from_burst == (s.cfg.min_burst <= strlen(PAYLOAD)));
    } else {
        require(ev.kind == SCAN_OVERFLOW);
    }
    require(scanner_next_deadline(&s) == 0);
    return 0;
}
