#include "core/scanner.h"

#include "core/utf8.h"

#include <string.h>

#define DEFAULT_GAP_MS 40
#define DEFAULT_SILENCE_MS 120
#define DEFAULT_MIN_BURST 8
#define DEFAULT_MAX_LEN 64
#define DEFAULT_IDLE_CLEAR_MS 30000
#define MAX_GAP_MS 10000 /* past this a "burst" is a person */
/* The keys of a run are all kept until it proves a scan or not (see
 * append); text has room for max_len and for this many 4-byte keys more. */
#define MAX_MIN_BURST (SCANNER_MAX_LEN / 4)

void scanner_config_defaults(ScannerConfig *cfg)
{
    cfg->gap_ms = DEFAULT_GAP_MS;
    cfg->silence_ms = DEFAULT_SILENCE_MS;
    cfg->min_burst = DEFAULT_MIN_BURST;
    cfg->max_len = DEFAULT_MAX_LEN;
    cfg->idle_clear_ms = DEFAULT_IDLE_CLEAR_MS;
    cfg->complete = NULL;
}

/* Everything but the configuration and the last event's text. */
static void reset(Scanner *s)
{
    s->active = false;
    s->burst = false;
    s->pending = false;
    s->shown = false;
    s->last_ms = 0;
    s->run = 0;
    s->run_start = 0;
    s->len = 0;
    s->lost = 0;
    /* wiped, not just emptied: what was typed may be a pass's secret */
    memset(s->text, 0, sizeof s->text);
    memset(s->prior, 0, sizeof s->prior);
    s->prior_len = 0;
    s->prior_lost = 0;
}

void scanner_init(Scanner *s, const ScannerConfig *cfg)
{
    ScannerConfig c;
    scanner_config_defaults(&c);
    if (cfg) {
        if (cfg->gap_ms)
            c.gap_ms = cfg->gap_ms;
        if (cfg->silence_ms)
            c.silence_ms = cfg->silence_ms;
        if (cfg->min_burst)
            c.min_burst = cfg->min_burst;
        if (cfg->max_len)
            c.max_len = cfg->max_len;
        if (cfg->idle_clear_ms)
            c.idle_clear_ms = cfg->idle_clear_ms;
        c.complete = cfg->complete;
    }
    if (c.gap_ms > MAX_GAP_MS)
        c.gap_ms = MAX_GAP_MS;
    /* A burst must be able to pause without ending; otherwise every key of a
     * scan would be submitted alone. */
    if (c.silence_ms <= c.gap_ms)
        c.silence_ms = c.gap_ms + 1;
    /* One fast key is no burst: two keys at once happen to anyone. */
    if (c.min_burst < 2)
        c.min_burst = 2;
    if (c.min_burst > MAX_MIN_BURST)
        c.min_burst = MAX_MIN_BURST;
    if (c.max_len > SCANNER_MAX_LEN)
        c.max_len = SCANNER_MAX_LEN;
    if (c.idle_clear_ms < c.silence_ms)
        c.idle_clear_ms = c.silence_ms;
    memset(s, 0, sizeof *s);
    s->cfg = c;
    reset(s);
}

void scanner_clear(Scanner *s)
{
    reset(s);
    memset(s->out, 0, sizeof s->out);
}

static ScanEvent none(void)
{
    ScanEvent ev = {SCAN_NONE, false, false, "", 0};
    return ev;
}

/* An event whose text is copied aside, so that the next key can go on
 * filling the working text while the caller reads this one. */
static ScanEvent emit(Scanner *s, ScanKind kind, const char *text, size_t len, bool from_burst,
                      bool overflowed)
{
    memmove(s->out, text, len);
    s->out[len] = '\0';
    ScanEvent ev = {kind, from_burst, overflowed, s->out, len};
    return ev;
}

/* Cuts text to at most limit bytes at a character boundary; what is cut
 * counts as lost. */
static void trim_to(Scanner *s, size_t limit)
{
    if (s->len <= limit)
        return;
    size_t cut = utf8_char_start(s->text, limit);
    size_t cut_chars = utf8_length(s->text + cut); /* text[len] is always NUL */
    s->lost = cut_chars > SIZE_MAX - s->lost ? SIZE_MAX : s->lost + cut_chars;
    s->len = cut;
    s->text[s->len] = '\0';
}

/* A run that ended without becoming a burst is a person's typing: now
 * max_len applies to it, as if each key had been checked when it came. */
static void close_run(Scanner *s)
{
    if (!s->burst && s->run > 0)
        trim_to(s, s->lost > 0 ? s->run_start : s->cfg.max_len);
    if (!s->burst)
        s->run = 0;
}

static ScanEvent show(Scanner *s)
{
    close_run(s);
    s->pending = false;
    s->shown = s->len > 0 || s->lost > 0;
    return emit(s, SCAN_EDIT, s->text, s->len, false, s->lost > 0);
}

/* How long since the last key; a clock that steps back counts as no time. */
static uint64_t quiet_ms(const Scanner *s, uint64_t now_ms)
{
    return now_ms > s->last_ms ? now_ms - s->last_ms : 0;
}

static uint64_t add_sat(uint64_t a, uint64_t b)
{
    return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

/* A burst is a scan unless the configuration says its text is no whole
 * payload (a person's clumped keys). */
static bool burst_complete(const Scanner *s)
{
    return !s->cfg.complete || (s->lost == 0 && s->cfg.complete(s->text, s->len));
}

/* The burst was a person after all: their earlier typing and the burst,
 * in order, become one person's text (max_len applies to it as a whole). */
static void merge_prior(Scanner *s)
{
    size_t n = s->len;
    memmove(s->text + s->prior_len, s->text, n);
    memcpy(s->text, s->prior, s->prior_len);
    s->len = s->prior_len + n;
    s->text[s->len] = '\0';
    s->lost += s->prior_lost;
    memset(s->prior, 0, sizeof s->prior);
    s->prior_len = 0;
    s->prior_lost = 0;
    s->burst = false;
    s->run = 0;
    trim_to(s, s->cfg.max_len);
}

/* The input as one submission, then a fresh start. A burst that is not
 * complete and that time ends becomes the person's typing, which waits for
 * Enter. Ended by Enter it is what a scanner sends for a barcode that is no
 * pass, unless a person was typing before it: then it is theirs. */
static ScanEvent finish(Scanner *s, bool by_enter)
{
    close_run(s);
    if (s->burst && !burst_complete(s) && (!by_enter || s->prior_len > 0 || s->prior_lost > 0)) {
        merge_prior(s);
        if (!by_enter)
            return show(s);
    }
    ScanEvent ev = s->lost ? emit(s, SCAN_OVERFLOW, "", 0, s->burst, false)
                           : emit(s, SCAN_SUBMIT, s->text, s->len, s->burst, false);
    reset(s);
    return ev;
}

/* What time alone has settled by now_ms: a burst whose silence has come
 * (submitted), or a person's typing left too long (dropped). Runs first in
 * every call, so a late tick never changes the outcome. */
static ScanEvent settle(Scanner *s, uint64_t now_ms)
{
    if (!s->active)
        return none();
    uint64_t quiet = quiet_ms(s, now_ms);
    if (s->burst && quiet >= s->cfg.silence_ms)
        return finish(s, false);
    if (!s->burst && quiet >= s->cfg.idle_clear_ms) {
        bool was_shown = s->shown;
        reset(s);
        return was_shown ? emit(s, SCAN_EDIT, "", 0, false, false) : none();
    }
    return none();
}

static bool is_character(uint32_t ch)
{
    if (ch < 0x20 || ch == 0x7F || (ch >= 0x80 && ch < 0xA0))
        return false; /* C0, DEL, C1: a scanner's framing or a stray chord */
    if (ch >= 0xD800 && ch <= 0xDFFF)
        return false; /* half of a UTF-16 pair */
    return ch <= 0x10FFFF;
}

/* In a burst, max_len applies key by key. Before that, every key of the
 * open run is kept even past max_len (close_run trims it later if it turns
 * out to be typing), so a scan right after someone typed too much still
 * arrives whole. Once one character is lost every later one is too: the
 * text kept is always a true beginning, and backspace counts lost ones
 * down. */
static void append(Scanner *s, uint32_t ch)
{
    char bytes[4];
    size_t n = utf8_encode(ch, bytes);
    bool room = s->burst ? s->lost == 0 && s->len + n <= s->cfg.max_len
                         : s->len + n <= sizeof s->text - 1;
    if (!room) {
        if (s->lost < SIZE_MAX)
            s->lost++;
        return;
    }
    memcpy(s->text + s->len, bytes, n);
    s->len += n;
    s->text[s->len] = '\0';
}

ScanEvent scanner_key(Scanner *s, uint32_t ch, uint64_t now_ms)
{
    if (!is_character(ch))
        return none();
    ScanEvent ev = settle(s, now_ms);
    /* A pause longer than gap_ms ends a burst even before silence_ms: this
     * key begins the next input, so two scans are never glued. */
    if (s->active && s->burst && quiet_ms(s, now_ms) > s->cfg.gap_ms)
        ev = finish(s, false);

    bool fast = s->active && s->run > 0 && quiet_ms(s, now_ms) <= s->cfg.gap_ms;
    if (fast) {
        if (s->run < UINT32_MAX)
            s->run++;
    } else {
        close_run(s);
        s->run = 1;
        s->run_start = s->len;
    }
    append(s, ch);
    if (!s->active || now_ms > s->last_ms)
        s->last_ms = now_ms;
    s->active = true;

    if (!s->burst && s->run >= s->cfg.min_burst) {
        /* A scanner: whatever came before this run was stray keys, typed
         * slowly before the scan ("junk between"); the scan stands alone. */
        memcpy(s->prior, s->text, s->run_start);
        s->prior_len = s->run_start;
        s->prior_lost = s->lost;
        s->len -= s->run_start;
        memmove(s->text, s->text + s->run_start, s->len);
        memset(s->text + s->len, 0, s->run_start);
        s->text[s->len] = '\0';
        s->lost = 0; /* only the stray keys had lost any: see append */
        s->run_start = 0;
        s->burst = true;
        s->pending = false;
        trim_to(s, s->cfg.max_len);
        if (s->shown) {
            s->shown = false;
            return emit(s, SCAN_EDIT, "", 0, false, false);
        }
        return ev;
    }
    if (!s->burst)
        s->pending = true;
    return ev;
}

ScanEvent scanner_enter(Scanner *s, uint64_t now_ms)
{
    ScanEvent ev = settle(s, now_ms);
    if (ev.kind != SCAN_NONE || !s->active)
        return ev;
    if (s->len == 0 && s->lost == 0) {
        reset(s);
        return none();
    }
    return finish(s, true);
}

ScanEvent scanner_backspace(Scanner *s, uint64_t now_ms)
{
    ScanEvent ev = settle(s, now_ms);
    if (ev.kind != SCAN_NONE || !s->active || s->burst)
        return ev;
    close_run(s); /* a person is editing: the next key starts a new run */
    if (s->lost > 0) {
        s->lost--;
    } else if (s->len > 0) {
        /* Back over UTF-8 continuation bytes: one character, not one byte;
         * the bytes go, not just the length. */
        size_t was = s->len;
        s->len = utf8_char_start(s->text, s->len - 1);
        memset(s->text + s->len, 0, was - s->len);
    } else {
        return ev;
    }
    if (now_ms > s->last_ms)
        s->last_ms = now_ms;
    ev = show(s);
    if (s->len == 0 && s->lost == 0)
        reset(s);
    return ev;
}

ScanEvent scanner_tick(Scanner *s, uint64_t now_ms)
{
    ScanEvent ev = settle(s, now_ms);
    if (ev.kind != SCAN_NONE || !s->active)
        return ev;
    /* A run that paused before min_burst keys is a person's typing. */
    if (!s->burst && s->pending && quiet_ms(s, now_ms) > s->cfg.gap_ms)
        return show(s);
    return ev;
}

uint64_t scanner_next_deadline(const Scanner *s)
{
    if (!s->active)
        return 0;
    if (s->burst)
        return add_sat(s->last_ms, s->cfg.silence_ms);
    if (s->pending)
        return add_sat(s->last_ms, (uint64_t)s->cfg.gap_ms + 1);
    return add_sat(s->last_ms, s->cfg.idle_clear_ms);
}

bool scanner_active(const Scanner *s) { return s->active; }

bool scanner_in_burst(const Scanner *s) { return s->burst; }
