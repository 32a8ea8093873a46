/* Gentle synthesised chimes: soft bell tones made at start-up, no sound
 * files. Each outcome has its own, so sound is never the only cue and
 * never the same for different news. */
#ifndef HEARTH_CHIME_H
#define HEARTH_CHIME_H

#include <stdbool.h>
#include <stdint.h>

typedef struct Chime Chime;

typedef enum ChimeKind {
    CHIME_OK,       /* checked in: a rising major third */
    CHIME_WELCOME,  /* already checked in: two soft equal notes */
    CHIME_NOTICE,   /* not recognized: one low, soft note */
    CHIME_STEP,     /* an exercise moves to its next step */
    CHIME_END,      /* an exercise ends: a slow descending triad */
    CHIME_COUNT
} ChimeKind;

/* The chimes, made now. The audio device is not opened here: a kiosk
 * spends its day idle, and an open device (or SDL's audio at all, whose
 * ALSA backend probes for sound cards ten times a second) would wake it.
 * NULL only when out of memory. */
Chime *chime_open(void);
/* Closes the device if a chime still plays, and frees the chimes. */
void chime_close(Chime *c);

/* Plays a chime at volume 0-100, cutting off one still playing: at the
 * next chime_pump, so that what the screen shows is never kept waiting
 * for a sound card. */
void chime_play(Chime *c, ChimeKind kind, int volume);

/* Starts the chime chime_play asked for, opening SDL's audio and the
 * device for it (silence, logged once, when there is none), and closes
 * both once it has played. Called by the main loop after each frame is
 * presented; returns the instant it must be called again (0: not until
 * the next chime). */
uint64_t chime_pump(Chime *c, uint64_t now_ms);

/* Whether the audio device is open now (for tests). */
bool chime_device_open(const Chime *c);

/* How many chimes were played, and the last one's volume (for tests). */
unsigned chime_played(const Chime *c, int *last_volume);

/* Renders a chime into a buffer of 16-bit mono samples at rate (for tests
 * and for chime_open); returns the number of samples written. */
int chime_render(ChimeKind kind, int rate, short *out, int max);

#endif
