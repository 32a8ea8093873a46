/* The keyboard-wedge scanner at the door. A USB or Bluetooth scanner is a
 * keyboard that types a fast burst (a few ms a key) and maybe Enter or Tab;
 * a person types the short code slowly and presses Enter. The door has no
 * text field: every key comes here, with the time, and what comes out is
 * one submission per scan or per typed code, never two glued together.
 *
 * A pure state machine: no clock, no allocation. Only the time passed in
 * moves it; call scanner_tick() at scanner_next_deadline(). Every call
 * first settles what time has already decided, so a late tick never
 * changes the outcome: that is why a key or Enter can also give what tick
 * would have given. */
#ifndef HEARTH_SCANNER_H
#define HEARTH_SCANNER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SCANNER_MAX_LEN 256 /* the most max_len can be, in bytes */

/* Zero in a field means its default. */
typedef struct ScannerConfig {
    uint32_t gap_ms;        /* longest pause inside a burst (40) */
    uint32_t silence_ms;    /* silence that ends a burst with no Enter (120); above gap_ms */
    uint32_t min_burst;     /* shortest fast run of keys taken for a scan (8); 2 to 64 */
    uint32_t max_len;       /* longest text in bytes (64); longer is refused */
    uint32_t idle_clear_ms; /* a person's unfinished typing is dropped after (30000) */
    /* Whether a burst's text is a whole payload (a pass). A person's typing
     * delayed by a busy machine arrives in clumps of keys at one instant and
     * looks like a burst; so a burst that silence or a pause ends is
     * submitted only when complete, and otherwise becomes typing again (with
     * what was typed before it) that waits for Enter. NULL: every burst is
     * complete. */
    bool (*complete)(const char *text, size_t len);
} ScannerConfig;

typedef enum ScanKind {
    SCAN_NONE,     /* nothing for the door */
    SCAN_EDIT,     /* what a person has typed changed: show text (may be empty) */
    SCAN_SUBMIT,   /* a complete scan or typed code: text is it */
    SCAN_OVERFLOW  /* a scan or typed code longer than max_len: refused, text empty */
} ScanKind;

typedef struct ScanEvent {
    ScanKind kind;
    bool from_burst;  /* SUBMIT, OVERFLOW: typed by a scanner, not a person */
    bool overflowed;  /* EDIT: more was typed than max_len; Enter will refuse it */
    const char *text; /* UTF-8, NUL-terminated; valid until the next call on the scanner */
    size_t len;       /* bytes in text, at most max_len */
} ScanEvent;

/* The state, held by the caller (no allocation); read it only through the
 * functions below. */
typedef struct Scanner {
    ScannerConfig cfg;
    bool active;      /* a key came since the last submit or clear */
    bool burst;       /* the current run is fast and long enough to be a scanner */
    bool pending;     /* typed characters not yet shown (they may begin a burst) */
    bool shown;       /* the last EDIT showed something */
    uint64_t last_ms; /* when the last key came */
    uint32_t run;     /* keys in the open fast run; 0 when none is open */
    size_t run_start; /* where the open run begins in text */
    size_t len;       /* bytes in text */
    size_t lost;      /* characters typed past max_len and dropped */
    char text[2 * SCANNER_MAX_LEN + 1]; /* max_len, and an open run past it */
    /* A person's typing from before a burst, kept until the burst proves a
     * complete payload (then dropped) or not (then typed on). */
    char prior[SCANNER_MAX_LEN + 1];
    size_t prior_len, prior_lost;
    char out[SCANNER_MAX_LEN + 1]; /* the text of the last event */
} Scanner;

/* Fills in the defaults: 40, 120, 8, 64, 30000. */
void scanner_config_defaults(ScannerConfig *cfg);

/* Starts an empty scanner. cfg may be NULL for the defaults; out-of-range
 * values are clamped (silence_ms above gap_ms, min_burst 2 to 64, max_len
 * at most SCANNER_MAX_LEN, idle_clear_ms at least silence_ms),
 * since a settings file should never make the door deaf. */
void scanner_init(Scanner *s, const ScannerConfig *cfg);

/* A printable character, as a Unicode code point (ASCII for scanners).
 * Control characters, surrogates and values past U+10FFFF are ignored as
 * if never typed. Gives SUBMIT (or OVERFLOW) when this key comes after a
 * pause that ended a burst (a second scan right behind the first); EDIT,
 * empty, when the key turns out to start a scan and drops what a person
 * had typed before it, or when the typing before it had expired;
 * otherwise NONE: a person's keys show through tick, after gap_ms, once it
 * is clear they are no scan. */
ScanEvent scanner_key(Scanner *s, uint32_t ch, uint64_t now_ms);

/* Enter or Tab: SUBMIT what was typed or scanned (OVERFLOW when too long):
 * a burst alone, from_burst set, unless it is not complete and a person
 * had typed before it: then all of it, in order, as the person's;
 * NONE when there is nothing; EDIT, empty, when a person's typing had
 * already expired (idle_clear_ms): nothing stale is ever submitted. */
ScanEvent scanner_enter(Scanner *s, uint64_t now_ms);

/* Backspace: erases a person's last character and gives EDIT. Ignored
 * during a scanner burst. */
ScanEvent scanner_backspace(Scanner *s, uint64_t now_ms);

/* Lets time pass: SUBMIT (or OVERFLOW) when silence_ms ends a complete
 * burst without a terminator (EDIT with the burst typed on after what came
 * before it, when it is not complete), EDIT when a person's keys are due
 * to show, EDIT
 * (empty) when a person's typing is dropped after idle_clear_ms. */
ScanEvent scanner_tick(Scanner *s, uint64_t now_ms);

/* When scanner_tick() next has something to do, in the same milliseconds
 * as now_ms; 0 when nothing waits, so the loop can sleep. */
uint64_t scanner_next_deadline(const Scanner *s);

/* True while a key came since the last submit or clear (something is
 * being typed or scanned). */
bool scanner_active(const Scanner *s);

/* True while the keys coming are fast and many enough to be a scanner's:
 * what a person typed waits to see whether it is one. */
bool scanner_in_burst(const Scanner *s);

/* Drops whatever was typed or scanned (the door leaving the screen). */
void scanner_clear(Scanner *s);

#endif
