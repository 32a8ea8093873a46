/* A fault-injecting SQLite VFS for the tests, the way SQLite tests itself
 * (its test_vfs.c, test6.c and the malloc-failure loops of its TCL suite).
 *
 * faultvfs_install() registers a VFS named "fault" as the default, over the
 * one that was the default ("unix"), and wraps SQLite's allocator. The code
 * under test does not know about it: it opens its database as usual and
 * every read, write and sync goes through here.
 *
 * Three things it can do:
 *  - fail the Nth write (an I/O error or "disk full"), the Nth sync or the
 *    Nth allocation from now on, once or persistently (every one after);
 *  - count those operations, to learn how many a check-in takes;
 *  - cut the power at the Nth write or sync: the writes made since each
 *    file's last sync are lost (a prefix of them reached the disk, the one
 *    at the cut is torn in half), and the process ends at once with
 *    _exit(code), exactly as if the machine had gone dark.
 *
 * The power-cut model keeps the order of the writes (a disk that persists a
 * prefix of what it was given since the last sync) and treats creating and
 * deleting files as durable at once; SQLite's WAL needs only that syncs are
 * barriers, so this is a fair test of "acknowledged means on the disk". */
#ifndef HEARTH_FAULTVFS_H
#define HEARTH_FAULTVFS_H

#include <stdbool.h>
#include <stdint.h>

typedef enum FaultOp {
    FAULT_WRITE,      /* xWrite or xTruncate fails with SQLITE_IOERR_WRITE */
    FAULT_WRITE_FULL, /* xWrite fails with SQLITE_FULL (the disk is full) */
    FAULT_SYNC,       /* xSync fails with SQLITE_IOERR_FSYNC */
    FAULT_ALLOC,      /* sqlite3_malloc / realloc return NULL */
    FAULT_OP_COUNT
} FaultOp;

/* The name of an operation for messages: "write", "full", "sync", "alloc". */
const char *faultvfs_op_name(FaultOp op);

/* Registers the VFS as the default and wraps the allocator. Call before
 * SQLite is used (it shuts SQLite down and starts it again). Idempotent. */
void faultvfs_install(void);

/* Resets the counters and arms one fault: the nth operation of that kind
 * from now (1 = the next one) fails, and when persistent every one after it
 * too. n = 0 arms nothing (only counts). */
void faultvfs_arm(FaultOp op, long n, bool persistent);

/* No more faults (counting goes on). */
void faultvfs_disarm(void);

/* Operations of that kind since the last arm. Writes count FAULT_WRITE and
 * FAULT_WRITE_FULL alike. */
long faultvfs_count(FaultOp op);

/* How many operations failed since the last arm. */
long faultvfs_failed(void);

/* Arms a power cut: at the nth write or sync from now, forget what was not
 * synced (see above) and _exit(exit_code). seed picks how much of the
 * unsynced tail reached the disk. n = 0 disarms. */
void faultvfs_powercut_at(long n, uint32_t seed, int exit_code);

/* Kills the process with SIGKILL at the nth write or sync from now, in the
 * middle of whatever SQLite was doing (no revert: the kernel keeps what
 * was written, as after kill -9). n = 0 disarms. */
void faultvfs_kill_at(long n);

/* Calls fn(arg) once, right after the nth sync from now has succeeded: to
 * change the world at an exact moment of a commit (a test makes the target
 * of a file being written turn into a folder once the database has
 * committed). n = 0 or fn = NULL disarms. */
void faultvfs_call_at(long n, void (*fn)(void *), void *arg);

/* Writes and syncs since install, for the figures of a run. */
long faultvfs_total_writes(void);
long faultvfs_total_syncs(void);

#endif
