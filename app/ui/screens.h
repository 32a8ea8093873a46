/* The screens. Each lives in its own file (screen_<name>.c) and is made by
 * its constructor; the app owns it once pushed. */
#ifndef HEARTH_SCREENS_H
#define HEARTH_SCREENS_H

#include "core/model.h"
#include "ui/app.h"
#include "ui/textlog.h"

/* The door: welcome, scan or type a pass, the outcome, the arrival rating.
 * The kiosk's home screen; always at the bottom of the stack. */
Screen *door_screen_new(App *app);
extern const ScreenClass door_screen_class;
/* The door's state for tests: "welcome", "result", "rating", "thanks",
 * "ask_staff", "staff_ok"; the last check-in outcome (CheckinOutcome);
 * whether the on-screen keypad is open. */
const char *door_state_name(const Screen *s);
int door_last_outcome(const Screen *s);
bool door_keypad_open(const Screen *s);
/* Whether the door's camera mode is on (the preview shows). */
bool door_camera_on(const Screen *s);
/* For tests: what the door's main view drew last (texts, and the square
 * of the outcome's icon: false when none shows); the chime (ChimeKind)
 * the last outcome asked for, even muted, or -1; the face chosen with the
 * keyboard, or below the scale for none; whether these bytes are anywhere
 * in the door's memory (a typed code must not outlive its attempt). */
const TextLog *door_screen_texts(const Screen *s);
bool door_outcome_icon(const Screen *s, SDL_Rect *box);
int door_last_chime(const Screen *s);
int door_selected(const Screen *s);
bool door_holds(const Screen *s, const char *bytes);

/* "Talk to someone": asks a staff member to come (at once when ask_now,
 * else with its button) and always shows the crisis lines (988, the
 * emergency number, the clinic's [crisis] lines from hearth.ini). pass
 * (may be NULL) is the person's, when a scan said so; svc/answer.c keeps it
 * only in a group that links answers to passes. It closes by itself after
 * 90 s untouched. */
struct PassInfo;
Screen *help_screen_new(App *app, bool ask_now, const struct PassInfo *pass);
extern const ScreenClass help_screen_class;
/* For tests: whether the card stored a request, and what it drew last. */
bool help_screen_asked(const Screen *s);
const TextLog *help_screen_texts(const Screen *s);

/* What happens after the right PIN: called with the PIN screen gone. */
typedef void (*PinDoneFn)(App *app, void *ctx);

/* The facilitator PIN pad. When no PIN is set yet it asks for a new one,
 * twice. Leaving with Esc or Back pops it without calling done. */
Screen *pin_screen_new(App *app, const char *reason, PinDoneFn done, void *ctx);
extern const ScreenClass pin_screen_class;

/* Changing the PIN from the console: the current PIN first (a counted
 * try), then the new one twice, refused when gate_pin_weakness says so. */
Screen *pin_change_screen_new(App *app);

/* The facilitator console (behind the PIN). */
Screen *console_screen_new(App *app);
extern const ScreenClass console_screen_class;

/* First start on a new kiosk: what Hearth is and the first steps. */
Screen *setup_screen_new(App *app);
extern const ScreenClass setup_screen_class;

/* A one-line text entry over an on-screen keyboard (group names). done is
 * called with the text when confirmed; the entry pops itself first. */
typedef void (*TextDoneFn)(App *app, void *ctx, const char *text);
Screen *textentry_screen_new(App *app, const char *title, const char *hint, int max_chars,
                             TextDoneFn done, void *ctx);
extern const ScreenClass textentry_screen_class;
/* The entry asks for a pass (revoking one): a scan read while it shows is
 * its text, confirmed at once, not a check-in at the door. */
void textentry_take_scans(Screen *s);

/* A question with two answers over the screen below it. yes is called with
 * the dialog gone; no just closes it. */
typedef void (*ConfirmFn)(App *app, void *ctx);
Screen *confirm_screen_new(App *app, const char *question, const char *detail,
                           const char *yes_label, const char *no_label, ConfirmFn yes, void *ctx);
extern const ScreenClass confirm_screen_class;

/* The skills library, and one exercise's page with its steps and Start. */
Screen *library_screen_new(App *app);
extern const ScreenClass library_screen_class;
struct Exercise;
Screen *exercise_screen_new(App *app, const struct Exercise *ex);
extern const ScreenClass exercise_screen_class;

/* The player for the room. with_ratings asks the exercise's instrument
 * before and after; first_step and resume_run_id resume a run after a
 * power cut (0 and NULL otherwise). */
Screen *player_screen_new(App *app, const struct Exercise *ex, bool with_ratings,
                          int first_step, const char *resume_run_id);
extern const ScreenClass player_screen_class;
/* When resuming: the steps the run had skipped before the restart. */
void player_screen_set_skipped(Screen *s, int steps_skipped);
/* For tests: the texts the player last drew on the main view, and its
 * step engine (the step, the time left). */
const TextLog *player_screen_texts(const Screen *s);
struct ExercisePlayer;
const struct ExercisePlayer *player_screen_engine(const Screen *s);
/* For tests: on the main view, the prompt's box, the dial's square, and
 * the pacer disc's radius at its smallest and fullest. */
void player_screen_layout(App *app, Screen *s, SDL_Rect *prompt, SDL_Rect *dial, float *disc_min,
                          float *disc_max);

/* A rating round for an instrument. done receives the closed round (or
 * NULL when skipped) with the round screen gone. */
struct Instrument;
struct Round;
typedef void (*RoundDoneFn)(App *app, void *ctx, const struct Round *round);
Screen *round_screen_new(App *app, const struct Instrument *in, RatingPhase phase,
                         const char *run_id,
                         RoundDoneFn done, void *ctx);
extern const ScreenClass round_screen_class;
/* For tests: the texts the round last drew on the main view, the answer
 * picked with the keyboard (below the scale's minimum for none), and the
 * revealed chart's column for scale point index (the whole column, and
 * the band its bar grows in); false when no chart is shown. */
const TextLog *round_screen_texts(const Screen *s);
int round_screen_selected(const Screen *s);
bool round_screen_bar(App *app, const Screen *s, int index, SDL_Rect *column, SDL_Rect *bars);

/* Passes: issue one on screen, print a sheet, revoke. */
Screen *passes_screen_new(App *app);
extern const ScreenClass passes_screen_class;

/* The screens a kiosk starts on once its database is open: the door, then
 * the set-up on a new kiosk, or the exercise a restart interrupted
 * (ui/start.c). */
void screens_start(App *app);
/* Its two halves, for the kiosk's start, which checks the whole file in
 * between: the door with the set-up over it when new (nothing written),
 * then the exercise a restart interrupted, if any. */
void screens_start_door(App *app);
void screens_resume_exercise(App *app);

/* The database would not open (damaged, or not Hearth's): names the file
 * and offers restoring the newest backup or starting empty, behind the PIN
 * (screen_recovery.c says why that PIN is the backup's). app->store is NULL
 * until one is chosen. */
Screen *recovery_screen_new(App *app, const char *db_path, const char *why);
extern const ScreenClass recovery_screen_class;

/* The storage was full when the kiosk started, so the database would not
 * open: says so for the door and for staff, tries again every
 * NOSPACE_RETRY_MS and goes on to the door (or to the recovery screen, for
 * a damaged file) once there is room. app->store is NULL until then. */
#define NOSPACE_RETRY_MS 5000
Screen *nospace_screen_new(App *app, const char *db_path, const char *why);
extern const ScreenClass nospace_screen_class;

/* The content files' problems, from the console (screen_problems.c). */
extern const ScreenClass problems_screen_class;

/* Settings: language, text size, motion, sound, privacy, the door and the
 * room's screen; each change is applied at once and saved to the file. */
Screen *settings_screen_new(App *app);
extern const ScreenClass settings_screen_class;

/* Trends: a group's mood per session, attendance and exercises, chosen by
 * touch, with the report exported to a USB stick or a folder. */
Screen *trends_screen_new(App *app);
extern const ScreenClass trends_screen_class;

/* Goes to the console through the PIN pad (from the door's staff button). */
void screens_open_console(App *app);

#endif
