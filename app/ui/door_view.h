/* The door screen's two halves (screen_door.c: state, events, checking
 * in; door_view.c: layout and drawing) and what they share. Only those
 * two files include it. */
#ifndef HEARTH_UI_DOOR_VIEW_H
#define HEARTH_UI_DOOR_VIEW_H

#include "core/door.h"
#include "core/model.h"
#include "core/pass.h"
#include "svc/checkin.h"
#include "ui/app.h"
#include "ui/door_camera.h"
#include "ui/draw.h"
#include "ui/textlog.h"
#include "ui/type.h"
#include "ui/widget.h"

enum {
    ID_STAFF = 1,
    ID_LANG = 2,
    ID_TYPE = 3,    /* "Type my code": opens the keypad */
    ID_SKIP = 4,    /* skip the rating */
    ID_YES = 5,     /* yes, I would like a staff member */
    ID_NO = 6,
    ID_KEY_ERASE = 7,
    ID_KEY_CANCEL = 8,
    ID_KEY_OK = 9,
    ID_CAMERA = 10, /* "Use the camera" / "Stop the camera" */
    ID_HELP = 11,   /* "Talk to someone": always there */
    ID_KEY0 = 100,  /* + index into the code alphabet */
    ID_FACE0 = 200  /* + value - min */
};

/* The symbols of a short code (Crockford base32), in keypad order. */
#define KEYPAD "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
#define KEYPAD_KEYS 32
#define CODE_MAX DOOR_CODE_MAX
#define CODE_SYMBOLS DOOR_CODE_SYMBOLS
_Static_assert(PASS_CODE_SIZE == CODE_SYMBOLS + 3 + 1, "a short code is four groups of four");
#define NO_CHOICE DOOR_NO_CHOICE

typedef struct DoorScreen {
    Screen base;
    bool have_session;
    SessionInfo session;
    int count_in, count_out;
    uint64_t next_poll, seen_changes; /* app_data_due */
    uint64_t silent_scan_ms; /* when a scan was taken on its burst's silence (0: none) */
    int64_t seen_stamp; /* the database's change stamp load_session read at */
    int shown_minute;

    DoorFlow flow;           /* the state, deadlines, code and scanner (core/door.h) */
    CheckinResult result;
    char code_note[300];     /* why the code was refused, in words (code_note) */
    char problem[300];       /* storage trouble, in plain words */

    DoorCamera *cam;         /* NULL when the kiosk has no camera */
    char camera_note[200];   /* the camera failed: said in place of the instruction */

    /* What the main view showed last, for tests. */
    TextLog log;
    SDL_Rect icon_box;       /* where the outcome's icon is, or empty */
    int last_chime;          /* the ChimeKind the last outcome asked for, or -1 */
} DoorScreen;

typedef struct DoorLayout {
    SDL_Rect top, help, middle, bottom, staff, lang, type, camera;
    SDL_Rect banner, question, scale, skip, yes, no;
    SDL_Rect field, keys[KEYPAD_KEYS], erase, cancel, ok;
    TypeRole question_role; /* the rating's question: display, or title when short */
} DoorLayout;

typedef struct Outcome {
    SDL_Color color;
    IconFn icon;
    char headline[160];
    char detail[300];
} Outcome;

/* Where everything of the door goes on view v, whatever it shows now. */
void door_view_layout(App *app, const View *v, const DoorScreen *d, DoorLayout *l);

/* The outcome of the last check-in, in words and colour. */
void door_view_describe(App *app, const DoorScreen *d, Outcome *o);

/* Draws the door on view v (the screen class's draw). */
void door_view_draw(App *app, Screen *s, View *v);

/* The arrival question's instrument (NULL: none), and why the typed code
 * was refused, in words ("" when it was not). */
const Instrument *door_mood(App *app);
const char *door_code_note(DoorScreen *d);

#endif
