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
 * reported on stderr as file:line and skipped. Returns false, with the
 * reason on stderr, when the file exists but cannot be read; errno is then
 * EINVAL when it is not a regular file (a FIFO or a device is never opened
 * for reading, so it cannot hang the kiosk). */
bool config_load(const char *path, Settings *s, char *used_path, size_t n);

/* The settings as the file holds them, written into out (n bytes);
 * returns the length snprintf would give. The caller writes it with
 * store_output (store/store_output.h), the one way Hearth writes a file. */
int config_format(const Settings *s, char *out, size_t n);

#endif
