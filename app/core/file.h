/* Opening the files Hearth reads from outside: the database named by --db
 * (its header, before SQLite sees it), the data files under --data, merge
 * files, hearth.ini, backups to restore.
 *
 * A named pipe (FIFO) opened for reading waits for a writer, and a device
 * may never end: either, given as one of these, would hang the kiosk or a
 * verb. So a path is looked at before it is opened, opened without
 * blocking, looked at again through the descriptor, and refused with a
 * sentence unless it is a regular file. */
#ifndef HEARTH_FILE_H
#define HEARTH_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* What a file of this mode is, for a sentence: "a folder", "a named pipe
 * (FIFO)", "a device", "a socket", "a symbolic link", "a regular file"
 * (translated). */
const char *file_kind(mode_t mode);

/* Opens path for reading when it is a regular file: a descriptor (close it
 * when done), else -1 with a sentence naming path in err and *missing set
 * when nothing is there (missing may be NULL). Never blocks, whatever the
 * path names. errno tells what failed (EINVAL: not a regular file). */
int file_open_regular(const char *path, bool *missing, char *err, size_t errlen);

#endif
