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

/* The chimes. Nothing of the sound card is opened here: a kiosk spends
 * its day idle, and an open device (or SDL's audio at all, whose ALSA
 * backend probes for sound cards ten times a second) would keep waking
 * it. NULL only when out of memory. */
Chime *chime_open(void);
/* Stops a chime still playing, closes the device, frees the chimes. */
void chime_close(Chime *c);

/* Plays a chime at volume 0-100, cutting off one still playing: from the
 * next chime_pump, so that what the screen shows never waits for it. */
void chime_play(Chime *c, ChimeKind kind, int volume);

/* Starts the chime chime_play asked for. A thread of its own (only while
 * a chime plays) opens SDL's audio and the device, plays it and closes
 * both again, so the caller never waits for the sound card (silence,
 * logged once, when there is none). The main loop calls this after each
 * frame is presented. */
void chime_pump(Chime *c);

/* Whether the audio device is open, and whether the chime's thread still
 * runs (for tests). */
bool chime_device_open(Chime *c);
bool chime_busy(Chime *c);

/* How many chimes were played, and the last one's volume (for tests). */
unsigned chime_played(const Chime *c, int *last_volume);

/* Renders a chime into a buffer of 16-bit mono samples at rate (for tests
 * and for the first time each plays); returns the number of samples written. */
int chime_render(ChimeKind kind, int rate, short *out, int max);

#endif
