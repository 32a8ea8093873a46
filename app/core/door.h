/* The door's flow (issue 17): what the kiosk's home screen does between a
 * person's keys, taps and scans and what it shows, as pure state like
 * core/round.h. State and the time now come in; what the screen must do
 * comes out (DoorDo bits, or a DoorScanStep to carry out). Checking in,
 * storing an answer, the camera and drawing are the screen's
 * (app/ui/screen_door.c); which state follows, when it ends, what a
 * half-typed code is and when it goes, are decided here, and unit-tested
 * without SDL (tests/unit/test_door.c).
 *
 * The scanner assembler (core/scanner.h) lives inside: the door reads every
 * key, and only its own functions tell a scan from a person's typing. */
#ifndef HEARTH_DOOR_H
#define HEARTH_DOOR_H

#include "core/scanner.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DOOR_CODE_MAX 24     /* bytes of a typed code, dashes included */
#define DOOR_CODE_SYMBOLS 16 /* a short code: four groups of four */
/* A code left half typed is dropped after this long with no input, as the
 * scanner drops a keyboard's (its idle_clear_ms). */
#define DOOR_CODE_IDLE_MS 30000
/* How long "choose from 1 to 5" replaces the question after a digit off
 * the scale. */
#define DOOR_HINT_MS 4000
/* No face chosen with the keyboard (below every scale's min). */
#define DOOR_NO_CHOICE (-1)
/* The camera stops by itself when nobody shows it a pass for this long. */
#define DOOR_CAMERA_ON_MS 30000
/* How long the sentence "the camera is not working" shows. */
#define DOOR_CAMERA_NOTE_MS 10000
/* A language chosen at the door lasts for one person: it goes back to the
 * kiosk's own when their turn ends, or after this long with no input. */
#define DOOR_LANG_IDLE_MS 120000
/* How long each state shows before the welcome comes back. */
#define DOOR_RATING_MS 25000    /* the outcome and the question together */
#define DOOR_ASK_STAFF_MS 30000
#define DOOR_THANKS_MS 2500

typedef enum DoorState {
    DOOR_WELCOME,
    DOOR_RESULT,    /* one of the three outcomes */
    DOOR_RATING,    /* "how are you feeling?" after checking in or out */
    DOOR_THANKS,    /* the answer is stored */
    DOOR_ASK_STAFF  /* after a low answer: would you like someone? */
} DoorState;

/* Why a typed code was refused, kept with it on the keypad. */
typedef enum DoorNote {
    DOOR_NOTE_NONE,
    DOOR_NOTE_SHORT,   /* fewer than 16 symbols (note_count says how many) */
    DOOR_NOTE_UNKNOWN, /* no pass of this group, or replaced */
    DOOR_NOTE_TYPO,    /* one symbol does not match (the check symbol) */
    DOOR_NOTE_LONG,    /* more than 16 symbols */
    DOOR_NOTE_FOREIGN  /* symbols that are not on the card */
} DoorNote;

/* What a call asks of the screen, as bits. */
typedef enum DoorDo {
    DOOR_DO_REDRAW = 1 << 0,        /* something shown changed */
    DOOR_DO_TARGETS = 1 << 1,       /* what can be tapped changed */
    DOOR_DO_CAMERA_STOP = 1 << 2,   /* stop the camera (the flow counts it off) */
    DOOR_DO_LANGUAGE_RESET = 1 << 3 /* back to the kiosk's language */
} DoorDo;

/* The flow. Read it through the functions below (and its plain fields
 * for drawing); public only so that the screen can embed it. */
typedef struct DoorFlow {
    DoorState state;
    uint64_t state_until;          /* back to the welcome then; 0 never */
    bool keypad_open;
    char code[DOOR_CODE_MAX + 1];  /* what a person typed or tapped */
    DoorNote note;                 /* why the code was refused */
    int note_count;                /* SHORT: how many symbols it had */
    int selected;                  /* a face chosen with the keyboard, or DOOR_NO_CHOICE */
    uint64_t hint_until;           /* a digit off the scale: say which are on it */
    int answered;                  /* the value just stored */
    bool camera_on;                /* the preview shows; the camera reads passes */
    uint64_t camera_until;         /* it stops by itself then */
    uint64_t note_until;           /* the camera failed: said until then */
    uint64_t last_input;           /* the last key, tap or scan */
    Scanner scanner;
    ScannerConfig scanner_cfg;
    size_t fwd;                    /* bytes of the scanner's typing already handed on */
} DoorFlow;

/* Starts at the welcome with the scanner's timing (0: its default). */
void door_flow_init(DoorFlow *f, uint32_t gap_ms, uint32_t silence_ms);

/* New scanner timing (the settings changed); what was typed goes. */
void door_flow_set_timing(DoorFlow *f, uint32_t gap_ms, uint32_t silence_ms);

/* Moves to a state for for_ms (0: until something moves it), with no face
 * chosen and no hint. Returns DOOR_DO_TARGETS. */
int door_flow_go(DoorFlow *f, DoorState state, uint64_t for_ms, uint64_t now_ms);

/* Notes a key, tap or scan at now_ms (the idle deadlines count from it). */
void door_flow_input(DoorFlow *f, uint64_t now_ms);

/* Drops what a person typed or a scanner sent: the code and the scanner's
 * buffers are wiped, not only emptied, so no code outlives its attempt. */
void door_flow_forget_typing(DoorFlow *f);

/* The symbols in the code, without the dashes that group them. */
int door_flow_code_count(const DoorFlow *f);

/* Up to max of the code's symbols, each as its own NUL-terminated UTF-8
 * character in sym[i] (the door draws one cell per symbol), without the
 * dashes and spaces that group them; a byte that is not UTF-8 counts as
 * one symbol of its own. Returns how many were written. */
int door_flow_code_symbols(const DoorFlow *f, char sym[][5], int max);

/* Adds one symbol (a UTF-8 character of n bytes) to the code, upper case,
 * with a dash before every fifth, ninth and thirteenth as on the card.
 * Dashes and spaces typed are the door's to place: ignored. Returns
 * DOOR_DO_TARGETS when the code changed, else 0. */
int door_flow_code_append(DoorFlow *f, const char *ch, size_t n);

/* Erases the code's last symbol, and the dash before it. */
int door_flow_code_erase(DoorFlow *f);

/* A character a person typed (n bytes): a digit picks a face while the
 * question shows (scale min..max; has_scale false when there is no
 * question); anything else is part of their code, and brings the welcome
 * back. */
int door_flow_type(DoorFlow *f, const char *ch, size_t n, bool has_scale, int min, int max,
                   uint64_t now_ms);

/* An arrow along the scale (step -1 or +1): the first chooses the
 * middle. */
int door_flow_arrow(DoorFlow *f, int step, int min, int max);

/* A digit or a face off the scale: nothing chosen, the hint for a moment. */
int door_flow_off_scale(DoorFlow *f, uint64_t now_ms);

/* Whether Enter alone now answers with the face chosen (else it submits
 * the code). */
bool door_flow_enter_answers(const DoorFlow *f);

/* The answer value was stored: the offer of a staff member when its bit
 * is in offer_help (the instrument's), else the thank-you. */
int door_flow_answered(DoorFlow *f, int value, unsigned offer_help, uint64_t now_ms);

typedef enum DoorCodeCheck {
    DOOR_CODE_EMPTY,  /* nothing typed: nothing happens */
    DOOR_CODE_SHORT,  /* refused for being short (note set): tell the person */
    DOOR_CODE_READY   /* submit door.code */
} DoorCodeCheck;

/* The code typed or tapped, checked before it is submitted at now_ms. */
DoorCodeCheck door_flow_code_check(DoorFlow *f, uint64_t now_ms);

/* A submitted code was refused: it is kept (code, restored), on the
 * keypad, with why. unknown: no pass of ours; typo: the check symbol is
 * wrong; otherwise its symbols are wrong (too many, or off the card). */
int door_flow_code_refused(DoorFlow *f, const char *code, bool unknown, bool typo,
                           uint64_t now_ms);

/* The screen opens the keypad, or closes it (the code goes). */
int door_flow_keypad_open(DoorFlow *f, uint64_t now_ms);
int door_flow_keypad_close(DoorFlow *f);

/* Esc: closes the camera or the keypad, or skips the question; it never
 * leaves. */
int door_flow_escape(DoorFlow *f, uint64_t now_ms);

/* The camera started, stopped, or failed (the note shows for a while). */
int door_flow_camera_started(DoorFlow *f, uint64_t now_ms);
int door_flow_camera_stopped(DoorFlow *f);
void door_flow_camera_failed(DoorFlow *f, uint64_t now_ms);

/* Time passes (the screen on top): deadlines that came are done. other_
 * language: the door shows another language than the kiosk's. */
int door_flow_tick(DoorFlow *f, uint64_t now_ms, bool other_language);

/* The next instant door_flow_tick has something to do; 0 none. */
uint64_t door_flow_next_deadline(const DoorFlow *f, bool other_language);

/* Keys into the scanner assembler (what scanner_key and the others give). */
ScanEvent door_flow_key(DoorFlow *f, uint32_t cp, uint64_t now_ms);
ScanEvent door_flow_enter(DoorFlow *f, uint64_t now_ms);
ScanEvent door_flow_scanner_tick(DoorFlow *f, uint64_t now_ms);

/* What the scanner's event means for the door, for the screen to carry
 * out in order: hand a person's keys text[hand_from, hand_to) on (to the
 * code, or to the screen on top), then act. */
typedef enum DoorScanAct {
    DOOR_SCAN_NONE,
    DOOR_SCAN_CHECKIN, /* a scanner's whole burst: check it in */
    DOOR_SCAN_ENTER    /* a person's Enter: the screen on top's, or the door's */
} DoorScanAct;

typedef struct DoorScanStep {
    size_t hand_from, hand_to;
    DoorScanAct act;
} DoorScanStep;

DoorScanStep door_flow_scan(DoorFlow *f, const ScanEvent *ev);

/* True while a scan is being typed (Enter then always ends it, never a
 * focused button) or a scanner's burst runs. */
bool door_flow_scanning(const DoorFlow *f);
bool door_flow_in_burst(const DoorFlow *f);

typedef enum DoorBackspace {
    DOOR_BS_TAKEN,  /* the scanner took it (a scan's keys, or one not handed on) */
    DOOR_BS_PASS,   /* the screen on top erases its own */
    DOOR_BS_ERASED  /* the code's last symbol went */
} DoorBackspace;

/* Backspace at now_ms, after the scanner's time was settled
 * (door_flow_scanner_tick): a person's last character goes, wherever it
 * was typed; a scan's keys are not theirs to erase. covered: a screen is
 * on top of the door. */
DoorBackspace door_flow_backspace(DoorFlow *f, uint64_t now_ms, bool covered);

#endif
