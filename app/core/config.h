/* The settings file, $XDG_CONFIG_HOME/hearth/hearth.ini: what an installer
 * sets once (language, display, scanner timing, threshold, retention) and
 * what the console's settings screen changes. */
#ifndef HEARTH_CONFIG_H
#define HEARTH_CONFIG_H

#include "core/settings.h"

#include <stdbool.h>
#include <stddef.h>

/* Fills s with the defaults, then with what the file holds. path may be
 * NULL for the default place; the path used is copied to used_path. A
 * missing file is not an error; a line that cannot be understood is
 * reported on stderr as file:line and skipped. Returns false only when the
 * file exists but cannot be read. */
bool config_load(const char *path, Settings *s, char *used_path, size_t n);

/* Writes the settings to path atomically (a temporary file renamed over
 * it), creating the folder. False with a sentence in err. */
bool config_save(const char *path, const Settings *s, char *err, size_t errlen);

#endif
