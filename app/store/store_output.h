/* The safe writing of every file Hearth writes besides the database:
 * exports, pass sheets, backups, restored and kept copies, hearth.ini.
 * Nothing else in Hearth creates an output file.
 *
 * What a write guarantees, or it fails with a sentence and changes nothing:
 *  - The target is never the database, its -wal, -shm or -journal, or one
 *    of its backups or kept copies. Files are compared by device and inode
 *    and by resolved folder and name, so a symbolic link, a hard link or
 *    "./x/../hearth.db" is caught as well as the plain name.
 *  - A target that exists must be a regular file. A folder, a device (such
 *    as /dev/full), a named pipe, a socket or a symbolic link is refused,
 *    never opened, written through, chmod-ed or replaced.
 *  - The bytes go to a fresh temporary file in the target's folder,
 *    created with O_CREAT|O_EXCL|O_NOFOLLOW (mode 0600), so nothing planted
 *    at its name is followed or reused. It is synced, renamed over the
 *    target and the folder synced: the target is either what it was or the
 *    whole new file, even across a power cut.
 *  - Temporary files are named ".<name>.hearth-tmp-<pid>-<n>" and locked
 *    (flock) while written. One whose writer is gone (killed) is removed at
 *    the next write into its folder, and by store_output_clean, which the
 *    kiosk runs at start on the database's folder and the exports folder.
 *
 * No SDL, cairo or SQLite is needed to use it: a descriptor, a stdio
 * stream or store_output_write serve any writer (cairo's stream API, stdio,
 * SQLite opening the temporary by name). */
#ifndef HEARTH_STORE_OUTPUT_H
#define HEARTH_STORE_OUTPUT_H

#include "store/store.h"

#include <stdio.h>

/* The marker in a temporary file's name. */
#define STORE_OUTPUT_TEMP_MARK ".hearth-tmp-"

typedef struct StoreOutput StoreOutput;

/* Checks that target may be written (the rules above; db_path names the
 * database whose files are refused, NULL for none) without writing:
 * STORE_OK, else an error with a sentence in err. */
StoreResult store_output_check_target(const char *target, const char *db_path, char *err,
                                    size_t errlen);

/* Starts writing target: checks it, removes stale temporary files from its
 * folder, and creates the temporary file. *out is then written through
 * store_output_write, store_output_stream or store_output_fd, and ends with
 * store_output_commit or store_output_abort. On failure *out is NULL and err
 * holds a sentence (STORE_FULL for a full disk, STORE_READONLY for a folder
 * that cannot be written). */
StoreResult store_output_begin(const char *target, const char *db_path, StoreOutput **out,
                             char *err, size_t errlen);

/* Appends n bytes. False once any write has failed (the reason is kept for
 * the commit's sentence). */
bool store_output_write(StoreOutput *f, const void *data, size_t n);

/* A stdio stream onto the temporary file, owned by f (do not close it).
 * NULL when out of memory. Do not mix with store_output_write. */
FILE *store_output_stream(StoreOutput *f);

/* The temporary file's descriptor and path, for a writer that opens it by
 * name (SQLite's backup). */
int store_output_fd(const StoreOutput *f);
const char *store_output_temp_path(const StoreOutput *f);

/* Flushes and syncs the temporary file: its bytes are on the disk, not yet
 * in place. Optional before store_output_commit (which does it), for a caller
 * that must know the file is whole before it commits something else. */
StoreResult store_output_sync(StoreOutput *f, char *err, size_t errlen);

/* Puts the file in place: syncs it (unless done), checks the target again,
 * renames the temporary over it and syncs the folder. Frees f whatever
 * happens; on failure the temporary is removed and the target is as it
 * was. */
StoreResult store_output_commit(StoreOutput *f, char *err, size_t errlen);

/* Gives up: removes the temporary file (with any -journal, -wal or -shm a
 * writer made beside it) and frees f. NULL does nothing. */
void store_output_abort(StoreOutput *f);

/* All of the above for bytes already in memory. */
StoreResult store_output_write_buffer(const char *target, const char *db_path, const void *data,
                                    size_t n, char *err, size_t errlen);

/* Syncs the folder that holds path, so a rename or a removal in it
 * survives a power cut (for moves made outside store_output, such as
 * putting a restored database in place). */
void store_output_sync_folder(const char *path);

/* Removes the temporary files in dir whose writer is gone: no process
 * holds their lock and the process named in them has ended (or is this
 * one, which writes nothing into dir at the time). Returns how many went;
 * a folder that cannot be read counts 0. */
int store_output_clean(const char *dir);

#endif
