#include "core/door.h"

#include "core/pass.h"
#include "core/utf8.h"

#include <sodium.h>
#include <string.h>

/* A scanner's burst is a pass only when it reads as one whole: a person's
 * keys that a busy machine delivers in one clump are not (core/scanner.h). */
static bool whole_pass(const char *text, size_t len)
{
    PassSecret p;
    bool ok = pass_parse(text, len, &p) == PASS_OK;
    sodium_memzero(&p, sizeof p);
    return ok;
}

void door_flow_set_timing(DoorFlow *f, uint32_t gap_ms, uint32_t silence_ms)
{
    scanner_config_defaults(&f->scanner_cfg);
    f->scanner_cfg.gap_ms = gap_ms;
    f->scanner_cfg.silence_ms = silence_ms;
    f->scanner_cfg.complete = whole_pass;
    scanner_init(&f->scanner, &f->scanner_cfg);
}

void door_flow_init(DoorFlow *f, uint32_t gap_ms, uint32_t silence_ms)
{
    memset(f, 0, sizeof *f);
    f->state = DOOR_WELCOME;
    f->selected = DOOR_NO_CHOICE;
    door_flow_set_timing(f, gap_ms, silence_ms);
}

int door_flow_go(DoorFlow *f, DoorState state, uint64_t for_ms, uint64_t now_ms)
{
    f->state = state;
    f->state_until = for_ms ? now_ms + for_ms : 0;
    f->selected = DOOR_NO_CHOICE;
    f->hint_until = 0;
    return DOOR_DO_TARGETS;
}

void door_flow_input(DoorFlow *f, uint64_t now_ms) { f->last_input = now_ms; }

void door_flow_forget_typing(DoorFlow *f)
{
    sodium_memzero(f->code, sizeof f->code);
    f->note = DOOR_NOTE_NONE;
    f->fwd = 0;
    /* scanner_init clears (wipes) all of its buffers */
    scanner_init(&f->scanner, &f->scanner_cfg);
}

/* The length of the symbol at p, 1 to 4: a stray byte is one symbol, as
 * the scanner's U+FFFD stands for it. */
static size_t symbol_length(const char *p)
{
    uint32_t cp;
    size_t len = utf8_decode(p, strnlen(p, 4), &cp);
    return len ? len : 1;
}

static bool is_grouping(char c)
{
    return c == '-' || c == ' ';
}

int door_flow_code_count(const DoorFlow *f)
{
    int n = 0;
    for (const char *p = f->code; *p; p += symbol_length(p))
        if (!is_grouping(*p))
            n++;
    return n;
}

int door_flow_code_symbols(const DoorFlow *f, char sym[][5], int max)
{
    int n = 0;
    for (const char *p = f->code; *p && n < max; p += symbol_length(p))
        if (!is_grouping(*p)) {
            size_t len = symbol_length(p);
            /* a refused scan keeps its letters as sent: shown as typed */
            for (size_t i = 0; i < len; i++)
                sym[n][i] = (char)(p[i] >= 'a' && p[i] <= 'z' ? p[i] - 32 : p[i]);
            sym[n++][len] = '\0';
        }
    return n;
}

int door_flow_code_append(DoorFlow *f, const char *ch, size_t n)
{
    if (n == 1 && is_grouping(ch[0]))
        return 0; /* the grouping is the door's */
    size_t len = strlen(f->code);
    int count = door_flow_code_count(f);
    bool dash = count > 0 && count % 4 == 0;
    if (len + n + (dash ? 1 : 0) > DOOR_CODE_MAX)
        return 0;
    if (dash)
        f->code[len++] = '-';
    for (size_t i = 0; i < n; i++)
        f->code[len++] = (char)(ch[i] >= 'a' && ch[i] <= 'z' ? ch[i] - 32 : ch[i]);
    f->code[len] = '\0';
    f->note = DOOR_NOTE_NONE;
    return DOOR_DO_TARGETS; /* "Check in" waits for a code */
}

int door_flow_code_erase(DoorFlow *f)
{
    size_t n = strlen(f->code);
    while (n && ((unsigned char)f->code[n - 1] & 0xC0) == 0x80)
        f->code[--n] = '\0';
    if (n)
        f->code[--n] = '\0';
    if (n && f->code[n - 1] == '-')
        f->code[--n] = '\0';
    f->note = DOOR_NOTE_NONE;
    return DOOR_DO_TARGETS; /* "Check in" is disabled while the code is empty */
}

int door_flow_off_scale(DoorFlow *f, uint64_t now_ms)
{
    f->selected = DOOR_NO_CHOICE;
    f->hint_until = now_ms + DOOR_HINT_MS;
    return DOOR_DO_REDRAW;
}

int door_flow_type(DoorFlow *f, const char *ch, size_t n, bool has_scale, int min, int max,
                   uint64_t now_ms)
{
    if (f->state == DOOR_RATING && has_scale && n == 1 && ch[0] >= '0' && ch[0] <= '9') {
        int value = ch[0] - '0';
        /* the digit was an answer, not a code */
        scanner_init(&f->scanner, &f->scanner_cfg);
        f->fwd = 0;
        if (value < min || value > max)
            return door_flow_off_scale(f, now_ms);
        f->selected = value;
        f->hint_until = 0;
        return DOOR_DO_REDRAW;
    }
    int r = 0;
    if (f->state != DOOR_WELCOME)
        r |= door_flow_go(f, DOOR_WELCOME, 0, now_ms);
    return r | door_flow_code_append(f, ch, n);
}

int door_flow_arrow(DoorFlow *f, int step, int min, int max)
{
    int sel = f->selected == DOOR_NO_CHOICE ? (min + max) / 2 : f->selected + step;
    if (sel >= min && sel <= max)
        f->selected = sel;
    f->hint_until = 0;
    return DOOR_DO_REDRAW;
}

bool door_flow_enter_answers(const DoorFlow *f)
{
    return f->state == DOOR_RATING && f->selected != DOOR_NO_CHOICE;
}

int door_flow_answered(DoorFlow *f, int value, unsigned offer_help, uint64_t now_ms)
{
    f->answered = value;
    if (value >= 0 && value < 16 && (offer_help & (1u << value)))
        return door_flow_go(f, DOOR_ASK_STAFF, DOOR_ASK_STAFF_MS, now_ms);
    return door_flow_go(f, DOOR_THANKS, DOOR_THANKS_MS, now_ms);
}

DoorCodeCheck door_flow_code_check(DoorFlow *f, uint64_t now_ms)
{
    int n = door_flow_code_count(f);
    if (n == 0)
        return DOOR_CODE_EMPTY;
    f->last_input = now_ms;
    if (n < DOOR_CODE_SYMBOLS) {
        f->note = DOOR_NOTE_SHORT;
        f->note_count = n;
        return DOOR_CODE_SHORT;
    }
    return DOOR_CODE_READY;
}

int door_flow_code_refused(DoorFlow *f, const char *code, bool unknown, bool typo,
                           uint64_t now_ms)
{
    /* code is a text (the screen's copy, a scan's): read no further than
     * its end, however short */
    size_t len = strnlen(code, DOOR_CODE_MAX);
    if (code != f->code) {
        sodium_memzero(f->code, sizeof f->code);
        memcpy(f->code, code, len);
    }
    f->code[len] = '\0';
    f->keypad_open = true;
    int r = door_flow_go(f, DOOR_WELCOME, 0, now_ms);
    int n = door_flow_code_count(f);
    f->note = unknown ? DOOR_NOTE_UNKNOWN
              : typo  ? DOOR_NOTE_TYPO
              : n > DOOR_CODE_SYMBOLS ? DOOR_NOTE_LONG
                                      : DOOR_NOTE_FOREIGN;
    return r;
}

int door_flow_keypad_open(DoorFlow *f, uint64_t now_ms)
{
    f->keypad_open = true; /* what was typed on a keyboard stays */
    return door_flow_go(f, DOOR_WELCOME, 0, now_ms);
}

int door_flow_keypad_close(DoorFlow *f)
{
    f->keypad_open = false;
    door_flow_forget_typing(f);
    return DOOR_DO_TARGETS;
}

int door_flow_escape(DoorFlow *f, uint64_t now_ms)
{
    if (f->camera_on)
        return door_flow_camera_stopped(f) | DOOR_DO_CAMERA_STOP;
    if (f->keypad_open || f->code[0])
        return door_flow_keypad_close(f);
    if (f->state != DOOR_WELCOME)
        return door_flow_go(f, DOOR_WELCOME, 0, now_ms);
    return DOOR_DO_TARGETS;
}

int door_flow_camera_started(DoorFlow *f, uint64_t now_ms)
{
    f->camera_on = true;
    f->camera_until = now_ms + DOOR_CAMERA_ON_MS;
    f->note_until = 0;
    door_flow_forget_typing(f);
    return door_flow_go(f, DOOR_WELCOME, 0, now_ms);
}

int door_flow_camera_stopped(DoorFlow *f)
{
    if (!f->camera_on)
        return 0;
    f->camera_on = false;
    return DOOR_DO_TARGETS;
}

void door_flow_camera_failed(DoorFlow *f, uint64_t now_ms)
{
    f->camera_on = false;
    f->note_until = now_ms + DOOR_CAMERA_NOTE_MS;
}

/* The kiosk's own language comes back only at a quiet welcome. */
static bool language_due(const DoorFlow *f, bool other_language)
{
    return other_language && f->state == DOOR_WELCOME && !f->keypad_open && !f->camera_on &&
           !f->code[0];
}

int door_flow_tick(DoorFlow *f, uint64_t now_ms, bool other_language)
{
    int r = 0;
    if (f->note_until && now_ms >= f->note_until) {
        f->note_until = 0;
        r |= DOOR_DO_REDRAW;
    }
    if (f->camera_on && now_ms >= f->camera_until)
        r |= door_flow_camera_stopped(f) | DOOR_DO_CAMERA_STOP;
    if (f->state_until && now_ms >= f->state_until) {
        /* this person's turn is over */
        f->state_until = 0;
        r |= door_flow_go(f, DOOR_WELCOME, 0, now_ms) | DOOR_DO_LANGUAGE_RESET;
    }
    if (f->hint_until && now_ms >= f->hint_until) {
        f->hint_until = 0;
        r |= DOOR_DO_REDRAW;
    }
    /* someone walked away from the keypad: their half code goes */
    if ((f->keypad_open || f->code[0]) && now_ms >= f->last_input + DOOR_CODE_IDLE_MS)
        r |= door_flow_keypad_close(f);
    if (language_due(f, other_language) && now_ms >= f->last_input + DOOR_LANG_IDLE_MS)
        r |= DOOR_DO_LANGUAGE_RESET;
    return r;
}

static void earliest(uint64_t *best, uint64_t t)
{
    if (t && (!*best || t < *best))
        *best = t;
}

uint64_t door_flow_next_deadline(const DoorFlow *f, bool other_language)
{
    uint64_t t = 0;
    earliest(&t, f->note_until);
    if (f->camera_on)
        earliest(&t, f->camera_until);
    earliest(&t, f->state_until);
    earliest(&t, f->hint_until);
    if (f->keypad_open || f->code[0])
        earliest(&t, f->last_input + DOOR_CODE_IDLE_MS);
    if (language_due(f, other_language))
        earliest(&t, f->last_input + DOOR_LANG_IDLE_MS);
    earliest(&t, scanner_next_deadline(&f->scanner));
    return t;
}

ScanEvent door_flow_key(DoorFlow *f, uint32_t cp, uint64_t now_ms)
{
    return scanner_key(&f->scanner, cp, now_ms);
}

ScanEvent door_flow_enter(DoorFlow *f, uint64_t now_ms)
{
    return scanner_enter(&f->scanner, now_ms);
}

ScanEvent door_flow_scanner_tick(DoorFlow *f, uint64_t now_ms)
{
    return scanner_tick(&f->scanner, now_ms);
}

DoorScanStep door_flow_scan(DoorFlow *f, const ScanEvent *ev)
{
    DoorScanStep step = {0, 0, DOOR_SCAN_NONE};
    size_t len = ev->len < SCANNER_MAX_LEN ? ev->len : SCANNER_MAX_LEN;
    switch (ev->kind) {
    case SCAN_EDIT:
        if (scanner_in_burst(&f->scanner)) {
            /* a scan began: what the person typed waits to see whether it
             * is one */
        } else if (len > f->fwd) {
            step.hand_from = f->fwd;
            step.hand_to = len;
            f->fwd = len;
        } else {
            f->fwd = len;
        }
        break;
    case SCAN_SUBMIT:
    case SCAN_OVERFLOW: {
        size_t from = f->fwd;
        f->fwd = 0;
        if (ev->from_burst) {
            step.act = DOOR_SCAN_CHECKIN;
            break;
        }
        if (ev->kind == SCAN_SUBMIT && len > from) {
            step.hand_from = from;
            step.hand_to = len;
        }
        step.act = DOOR_SCAN_ENTER;
        break;
    }
    default:
        break;
    }
    return step;
}

bool door_flow_scanning(const DoorFlow *f) { return scanner_active(&f->scanner); }

bool door_flow_in_burst(const DoorFlow *f) { return scanner_in_burst(&f->scanner); }

DoorBackspace door_flow_backspace(DoorFlow *f, uint64_t now_ms, bool covered)
{
    if (scanner_in_burst(&f->scanner))
        return DOOR_BS_TAKEN;
    ScanEvent se = scanner_backspace(&f->scanner, now_ms);
    if (se.kind == SCAN_EDIT && se.len >= f->fwd)
        return DOOR_BS_TAKEN; /* it took back a key not yet handed on */
    if (se.kind == SCAN_EDIT)
        f->fwd = se.len;
    if (covered)
        return DOOR_BS_PASS;
    door_flow_code_erase(f);
    return DOOR_BS_ERASED;
}
