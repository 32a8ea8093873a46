/* Settings an installer sets once or a facilitator changes in the console.
 * Defaults here; app/core/config.c reads and writes the INI file. */
#ifndef HEARTH_SETTINGS_H
#define HEARTH_SETTINGS_H

#include <stdbool.h>

#define SETTINGS_CRISIS_MAX 4
#define SETTINGS_CRISIS_LEN 120

typedef struct Settings {
    char lang[8];          /* default language at the door: a code of i18n.h */
    int text_scale;        /* 100, 125 or 150 (percent) */
    bool reduced_motion;   /* stepwise pacer, no sliding */
    bool high_contrast;    /* pure light on black, outlines, thicker focus */
    bool mute;             /* no chimes */
    int volume;            /* 0 to 100 */
    int min_cell;          /* smallest group result shown on screen (>= 3) */
    int retention_months;  /* answers older than this are purged; 0 = keep */
    int scanner_gap_ms;    /* longest pause inside a scanner burst */
    int scanner_silence_ms;/* silence that ends a burst with no Enter */
    int result_seconds;    /* how long the door shows an outcome */
    char display[32];      /* the room's screen: "auto", "single", or "2", "3"... */
    /* The clinic's own numbers on the crisis card ([crisis] line = ...),
     * each "who: number" as the clinic writes it, in the order given. */
    char crisis[SETTINGS_CRISIS_MAX][SETTINGS_CRISIS_LEN];
    int ncrisis;
    /* [program]: the program's PostgreSQL (app/program), a libpq
     * connection string without a password; "" publishes nothing */
    char program_server[1024];
    char program_site[129]; /* this kiosk's site, in program reports; "" none */
} Settings;

/* Fills in the defaults. */
void settings_defaults(Settings *s);

/* Clamps every field into its allowed range (after reading a file). */
void settings_sanitize(Settings *s);

/* The display (0-based) that shows the room's view with this many
 * connected, or -1 for none: "single" never, "auto" the second, "2", "3"...
 * that screen when it is connected (else the second). */
int settings_room_display(const Settings *s, int displays);

#endif
