/* Gentle synthesised chimes: soft bell tones made at start-up, no sound
 * files. Each outcome has its own, so sound is never the only cue and
 * never the same for different news. */
#ifndef HEARTH_CHIME_H
#define HEARTH_CHIME_H

#include <stdbool.h>

typedef struct Chime Chime;

typedef enum ChimeKind {
    CHIME_OK,       /* checked in: a rising major third */
    CHIME_WELCOME,  /* already checked in: two soft equal notes */
    CHIME_NOTICE,   /* not recognized: one low, soft note */
    CHIME_STEP,     /* an exercise moves to its next step */
    CHIME_END,      /* an exercise ends: a slow descending triad */
    CHIME_COUNT
} ChimeKind;

/* Opens the audio device; NULL (and silence) when there is none. */
Chime *chime_open(void);
void chime_close(Chime *c);

/* Plays a chime at volume 0-100, cutting off one still playing. */
void chime_play(Chime *c, ChimeKind kind, int volume);

/* How many chimes were played, and the last one's volume (for tests). */
unsigned chime_played(const Chime *c, int *last_volume);

/* Renders a chime into a buffer of 16-bit mono samples at rate (for tests
 * and for chime_open); returns the number of samples written. */
int chime_render(ChimeKind kind, int rate, short *out, int max);

#endif
