/* Saving hearth.ini: the settings as core/config.c formats them, written
 * the one way Hearth writes a file (store/store_output.h), so the console's
 * settings screen can never write over the database or through a link. */
#ifndef HEARTH_CONFIGFILE_H
#define HEARTH_CONFIGFILE_H

#include "core/settings.h"

#include <stdbool.h>
#include <stddef.h>

/* Writes the settings to path atomically (a temporary file renamed over
 * it), creating the folder; never over the database db_path (may be NULL)
 * or one of its files. False with a sentence in err. */
bool configfile_save(const char *path, const Settings *s, const char *db_path, char *err,
                     size_t errlen);

#endif
