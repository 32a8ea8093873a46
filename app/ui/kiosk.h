/* Starting the kiosk: a real window (or the console through KMSDRM) and the
 * event-driven main loop. */
#ifndef HEARTH_KIOSK_H
#define HEARTH_KIOSK_H

#include "core/paths.h"

#include <stdbool.h>

typedef struct KioskOptions {
    const char *db_path;      /* resolved database file */
    const HearthPaths *paths; /* resolved folders */
    int window_w, window_h;   /* > 0: a window of that size, not fullscreen */
    bool mute;                /* no chimes */
    bool lang_forced;         /* --lang given: the setting does not apply */
    const char *config_path;  /* settings file, or NULL for the default */
} KioskOptions;

/* Runs the kiosk until it is left (through the PIN) or terminated; returns
 * the process's exit status. Problems that stop it (no display, no font, a
 * database it may not write) are explained on stderr and return 1; a
 * damaged database, or storage too full to open it, gets a screen instead. */
int kiosk_run(const KioskOptions *opts);

/* Parses "WxH" (each 200 to 10000); false on anything else. */
bool kiosk_parse_size(const char *text, int *w, int *h);

#endif
