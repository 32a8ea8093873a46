/* The fault-injecting VFS of faultvfs.h: a shim over the default VFS. */
#include "faultvfs.h"

#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* --- what is armed, and the counters ---------------------------------------- */

static struct {
    bool installed;
    sqlite3_vfs *real;
    sqlite3_mem_methods mem;

    FaultOp op;        /* the kind armed */
    long at;           /* fail the at-th of that kind; 0 none */
    bool persistent;
    long count[FAULT_OP_COUNT];
    long failed;

    long cut_at;       /* power cut at this write-or-sync; 0 none */
    long kill_at;      /* SIGKILL at this write-or-sync; 0 none */
    long io_since_arm; /* writes and syncs since the cut or kill was armed */
    uint32_t seed;
    int cut_exit;

    long total_writes, total_syncs;

    long call_at;            /* call call_fn after this sync; 0 none */
    void (*call_fn)(void *); /* faultvfs_call_at */
    void *call_arg;
} F;

const char *faultvfs_op_name(FaultOp op)
{
    static const char *const names[] = {"write", "full", "sync", "alloc"};
    return (unsigned)op < FAULT_OP_COUNT ? names[op] : "?";
}

/* True when this operation must fail. kind is the counter it belongs to. */
static bool should_fail(FaultOp kind)
{
    long n = ++F.count[kind];
    FaultOp armed = F.op == FAULT_WRITE_FULL ? FAULT_WRITE : F.op;
    if (!F.at || armed != kind)
        return false;
    if (n == F.at || (F.persistent && n > F.at)) {
        F.failed++;
        return true;
    }
    return false;
}

void faultvfs_arm(FaultOp op, long n, bool persistent)
{
    memset(F.count, 0, sizeof F.count);
    F.failed = 0;
    F.op = op;
    F.at = n;
    F.persistent = persistent;
}

void faultvfs_disarm(void) { F.at = 0; }

long faultvfs_count(FaultOp op)
{
    return F.count[op == FAULT_WRITE_FULL ? FAULT_WRITE : op];
}

long faultvfs_failed(void) { return F.failed; }
long faultvfs_total_writes(void) { return F.total_writes; }
long faultvfs_total_syncs(void) { return F.total_syncs; }

/* --- the power-cut model: what each file wrote since its last sync ---------- */

typedef struct Undo {
    int64_t off;
    int len;              /* bytes written (0 for a truncation) */
    int64_t truncate_to;  /* a truncation to this size, or -1 */
    unsigned char *old;   /* what was there before */
    int oldlen;           /* bytes of old (less than len past the end) */
} Undo;

typedef struct Track {
    char path[512];
    bool dirty;           /* writes since the last sync */
    int64_t synced_size;  /* the size at the last sync */
    Undo *undo;
    int nundo, cap;
} Track;

#define MAX_TRACKS 32
static Track tracks[MAX_TRACKS];

static Track *track_for(const char *path)
{
    Track *free_slot = NULL;
    for (int i = 0; i < MAX_TRACKS; i++) {
        if (tracks[i].path[0] && !strcmp(tracks[i].path, path))
            return &tracks[i];
        if (!tracks[i].path[0] && !free_slot)
            free_slot = &tracks[i];
    }
    if (!free_slot)
        abort(); /* a test opened more files than any Hearth run does */
    snprintf(free_slot->path, sizeof free_slot->path, "%s", path);
    return free_slot;
}

static void track_clear(Track *t)
{
    for (int i = 0; i < t->nundo; i++)
        free(t->undo[i].old);
    t->nundo = 0;
    t->dirty = false;
}

static void track_forget(const char *path)
{
    for (int i = 0; i < MAX_TRACKS; i++) {
        if (tracks[i].path[0] && !strcmp(tracks[i].path, path)) {
            track_clear(&tracks[i]);
            free(tracks[i].undo);
            memset(&tracks[i], 0, sizeof tracks[i]);
        }
    }
}

static Undo *undo_push(Track *t)
{
    if (t->nundo == t->cap) {
        int cap = t->cap ? t->cap * 2 : 64;
        Undo *u = realloc(t->undo, (size_t)cap * sizeof *u);
        if (!u)
            abort();
        t->undo = u;
        t->cap = cap;
    }
    Undo *u = &t->undo[t->nundo++];
    memset(u, 0, sizeof *u);
    u->truncate_to = -1;
    return u;
}

static uint32_t next_random(void)
{
    /* xorshift32: the same seed cuts the same way */
    uint32_t x = F.seed ? F.seed : 2463534242u;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    F.seed = x;
    return x;
}

/* Puts one file back the way a disk that kept only a prefix of the unsynced
 * writes would show it after the power came back. */
static void revert(Track *t)
{
    if (!t->dirty || !t->nundo)
        return;
    int fd = open(t->path, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return; /* deleted meanwhile: deletion is durable */
    int m = t->nundo;
    int kept = (int)(next_random() % (uint32_t)(m + 1)); /* entries before this reached the disk */
    /* the size the disk shows: the synced size, grown by what was kept */
    int64_t size = t->synced_size;
    for (int i = 0; i < kept; i++) {
        const Undo *u = &t->undo[i];
        if (u->truncate_to >= 0)
            size = u->truncate_to;
        else if (u->off + u->len > size)
            size = u->off + u->len;
    }
    int torn_half = 0;
    if (kept < m && t->undo[kept].truncate_to < 0 && t->undo[kept].len > 1) {
        /* the write at the cut is torn: its first half made it */
        const Undo *u = &t->undo[kept];
        torn_half = u->len / 2;
        if (u->off + torn_half > size)
            size = u->off + torn_half;
    }
    for (int i = m - 1; i >= kept; i--) {
        const Undo *u = &t->undo[i];
        int skip = i == kept ? torn_half : 0;
        if (u->oldlen > skip &&
            pwrite(fd, u->old + skip, (size_t)(u->oldlen - skip), u->off + skip) < 0)
            abort();
    }
    if (ftruncate(fd, size) != 0)
        abort();
    fsync(fd);
    close(fd);
}

static _Noreturn void power_cut(void)
{
    for (int i = 0; i < MAX_TRACKS; i++)
        if (tracks[i].path[0])
            revert(&tracks[i]);
    _exit(F.cut_exit);
}

/* Called at every write or sync: a kill or a cut armed for this one? */
static void io_tick(void)
{
    if (!F.cut_at && !F.kill_at)
        return;
    F.io_since_arm++;
    if (F.kill_at && F.io_since_arm == F.kill_at)
        raise(SIGKILL);
}

static bool cut_now(void) { return F.cut_at && F.io_since_arm == F.cut_at; }

void faultvfs_powercut_at(long n, uint32_t seed, int exit_code)
{
    F.cut_at = n;
    F.io_since_arm = 0;
    F.seed = seed;
    F.cut_exit = exit_code;
}

void faultvfs_kill_at(long n)
{
    F.kill_at = n;
    F.io_since_arm = 0;
}

/* --- the file shim ------------------------------------------------------------ */

typedef struct FaultFile {
    sqlite3_file base;
    Track *track;        /* NULL for files without a name (temporary) */
    sqlite3_file *real;  /* the real VFS's file, right after this struct */
} FaultFile;

#define REAL(f) (((FaultFile *)(f))->real)

static int f_close(sqlite3_file *f)
{
    int rc = REAL(f)->pMethods ? REAL(f)->pMethods->xClose(REAL(f)) : SQLITE_OK;
    return rc;
}

static int f_read(sqlite3_file *f, void *buf, int n, sqlite3_int64 off)
{
    return REAL(f)->pMethods->xRead(REAL(f), buf, n, off);
}

/* Remembers what a write or truncation is about to replace. */
static void remember(sqlite3_file *f, int64_t off, int len, int64_t truncate_to)
{
    FaultFile *ff = (FaultFile *)f;
    if (!ff->track || !F.cut_at)
        return;
    Track *t = ff->track;
    sqlite3_int64 size = 0;
    REAL(f)->pMethods->xFileSize(REAL(f), &size);
    if (!t->dirty) {
        t->dirty = true;
        t->synced_size = size;
    }
    Undo *u = undo_push(t);
    u->off = truncate_to >= 0 ? truncate_to : off;
    u->len = truncate_to >= 0 ? 0 : len;
    u->truncate_to = truncate_to;
    int64_t end = truncate_to >= 0 ? size : off + len;
    int64_t avail = size - u->off;
    if (end > size)
        end = size;
    u->oldlen = avail > 0 ? (int)(end - u->off) : 0;
    if (u->oldlen > 0) {
        u->old = malloc((size_t)u->oldlen);
        if (!u->old)
            abort();
        /* the real read: our own xRead counts nothing, but be direct */
        int rc = REAL(f)->pMethods->xRead(REAL(f), u->old, u->oldlen, u->off);
        if (rc != SQLITE_OK && rc != SQLITE_IOERR_SHORT_READ)
            abort();
    }
}

static int f_write(sqlite3_file *f, const void *buf, int n, sqlite3_int64 off)
{
    F.total_writes++;
    io_tick();
    if (should_fail(FAULT_WRITE))
        return F.op == FAULT_WRITE_FULL ? SQLITE_FULL : SQLITE_IOERR_WRITE;
    remember(f, off, n, -1);
    int rc = REAL(f)->pMethods->xWrite(REAL(f), buf, n, off);
    if (cut_now())
        power_cut();
    return rc;
}

static int f_truncate(sqlite3_file *f, sqlite3_int64 size)
{
    F.total_writes++;
    io_tick();
    if (should_fail(FAULT_WRITE))
        return SQLITE_IOERR_TRUNCATE;
    remember(f, 0, 0, size);
    int rc = REAL(f)->pMethods->xTruncate(REAL(f), size);
    if (cut_now())
        power_cut();
    return rc;
}

static int f_sync(sqlite3_file *f, int flags)
{
    F.total_syncs++;
    io_tick();
    if (cut_now())
        power_cut(); /* the sync never finished */
    if (should_fail(FAULT_SYNC))
        return SQLITE_IOERR_FSYNC;
    int rc = REAL(f)->pMethods->xSync(REAL(f), flags);
    FaultFile *ff = (FaultFile *)f;
    if (rc == SQLITE_OK && ff->track)
        track_clear(ff->track);
    if (F.call_at && --F.call_at == 0)
        F.call_fn(F.call_arg);
    return rc;
}

void faultvfs_call_at(long n, void (*fn)(void *), void *arg)
{
    F.call_at = fn ? n : 0;
    F.call_fn = fn;
    F.call_arg = arg;
}

static int f_size(sqlite3_file *f, sqlite3_int64 *size)
{
    return REAL(f)->pMethods->xFileSize(REAL(f), size);
}
static int f_lock(sqlite3_file *f, int lock) { return REAL(f)->pMethods->xLock(REAL(f), lock); }
static int f_unlock(sqlite3_file *f, int lock)
{
    return REAL(f)->pMethods->xUnlock(REAL(f), lock);
}
static int f_check_lock(sqlite3_file *f, int *out)
{
    return REAL(f)->pMethods->xCheckReservedLock(REAL(f), out);
}
static int f_control(sqlite3_file *f, int op, void *arg)
{
    return REAL(f)->pMethods->xFileControl(REAL(f), op, arg);
}
static int f_sector(sqlite3_file *f) { return REAL(f)->pMethods->xSectorSize(REAL(f)); }
static int f_caps(sqlite3_file *f) { return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f)); }
static int f_shm_map(sqlite3_file *f, int pg, int sz, int extend, void volatile **pp)
{
    return REAL(f)->pMethods->xShmMap(REAL(f), pg, sz, extend, pp);
}
static int f_shm_lock(sqlite3_file *f, int off, int n, int flags)
{
    return REAL(f)->pMethods->xShmLock(REAL(f), off, n, flags);
}
static void f_shm_barrier(sqlite3_file *f) { REAL(f)->pMethods->xShmBarrier(REAL(f)); }
static int f_shm_unmap(sqlite3_file *f, int del)
{
    return REAL(f)->pMethods->xShmUnmap(REAL(f), del);
}
static int f_fetch(sqlite3_file *f, sqlite3_int64 off, int n, void **pp)
{
    /* No memory-mapped reads: every read goes through xRead. */
    (void)f;
    (void)off;
    (void)n;
    *pp = NULL;
    return SQLITE_OK;
}
static int f_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
    (void)f;
    (void)off;
    (void)p;
    return SQLITE_OK;
}

static const sqlite3_io_methods fault_io = {
    3,           f_close,      f_read,       f_write,    f_truncate,    f_sync,
    f_size,      f_lock,       f_unlock,     f_check_lock, f_control,   f_sector,
    f_caps,      f_shm_map,    f_shm_lock,   f_shm_barrier, f_shm_unmap, f_fetch,
    f_unfetch,
};

/* --- the VFS -------------------------------------------------------------------- */

static int v_open(sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *f, int flags,
                  int *out_flags)
{
    (void)vfs;
    FaultFile *ff = (FaultFile *)f;
    memset(ff, 0, sizeof *ff);
    ff->real = (sqlite3_file *)(ff + 1);
    memset(ff->real, 0, (size_t)F.real->szOsFile);
    int rc = F.real->xOpen(F.real, name, ff->real, flags, out_flags);
    if (rc != SQLITE_OK) {
        /* SQLite calls xClose only when pMethods is set */
        ff->base.pMethods = ff->real->pMethods ? &fault_io : NULL;
        return rc;
    }
    ff->base.pMethods = &fault_io;
    if (name)
        ff->track = track_for(name);
    return SQLITE_OK;
}

static int v_delete(sqlite3_vfs *vfs, const char *name, int sync_dir)
{
    (void)vfs;
    track_forget(name);
    return F.real->xDelete(F.real, name, sync_dir);
}
static int v_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
    (void)vfs;
    return F.real->xAccess(F.real, name, flags, out);
}
static int v_full(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
    (void)vfs;
    return F.real->xFullPathname(F.real, name, n, out);
}
static void *v_dlopen(sqlite3_vfs *vfs, const char *name)
{
    (void)vfs;
    return F.real->xDlOpen(F.real, name);
}
static void v_dlerror(sqlite3_vfs *vfs, int n, char *out)
{
    (void)vfs;
    F.real->xDlError(F.real, n, out);
}
static void (*v_dlsym(sqlite3_vfs *vfs, void *h, const char *sym))(void)
{
    (void)vfs;
    return F.real->xDlSym(F.real, h, sym);
}
static void v_dlclose(sqlite3_vfs *vfs, void *h)
{
    (void)vfs;
    F.real->xDlClose(F.real, h);
}
static int v_random(sqlite3_vfs *vfs, int n, char *out)
{
    (void)vfs;
    return F.real->xRandomness(F.real, n, out);
}
static int v_sleep(sqlite3_vfs *vfs, int us)
{
    (void)vfs;
    return F.real->xSleep(F.real, us);
}
static int v_time(sqlite3_vfs *vfs, double *out)
{
    (void)vfs;
    return F.real->xCurrentTime(F.real, out);
}
static int v_last_error(sqlite3_vfs *vfs, int n, char *out)
{
    (void)vfs;
    return F.real->xGetLastError(F.real, n, out);
}
static int v_time64(sqlite3_vfs *vfs, sqlite3_int64 *out)
{
    (void)vfs;
    return F.real->xCurrentTimeInt64(F.real, out);
}

static sqlite3_vfs fault_vfs = {
    .iVersion = 2,
    .mxPathname = 512,
    .zName = "fault",
    .xOpen = v_open,
    .xDelete = v_delete,
    .xAccess = v_access,
    .xFullPathname = v_full,
    .xDlOpen = v_dlopen,
    .xDlError = v_dlerror,
    .xDlSym = v_dlsym,
    .xDlClose = v_dlclose,
    .xRandomness = v_random,
    .xSleep = v_sleep,
    .xCurrentTime = v_time,
    .xGetLastError = v_last_error,
    .xCurrentTimeInt64 = v_time64,
};

/* --- the allocator -------------------------------------------------------------- */

static void *m_malloc(int n) { return should_fail(FAULT_ALLOC) ? NULL : F.mem.xMalloc(n); }
static void m_free(void *p) { F.mem.xFree(p); }
static void *m_realloc(void *p, int n)
{
    return should_fail(FAULT_ALLOC) ? NULL : F.mem.xRealloc(p, n);
}
static int m_size(void *p) { return F.mem.xSize(p); }
static int m_roundup(int n) { return F.mem.xRoundup(n); }
static int m_init(void *p) { return F.mem.xInit(p); }
static void m_shutdown(void *p) { F.mem.xShutdown(p); }

void faultvfs_install(void)
{
    if (F.installed)
        return;
    sqlite3_shutdown();
    /* Lookaside hides many allocations from the allocator: off, so every
     * one can fail. */
    sqlite3_config(SQLITE_CONFIG_LOOKASIDE, 0, 0);
    sqlite3_config(SQLITE_CONFIG_GETMALLOC, &F.mem);
    sqlite3_mem_methods wrapped = {m_malloc, m_free,     m_realloc, m_size,
                                   m_roundup, m_init, m_shutdown, NULL};
    if (sqlite3_config(SQLITE_CONFIG_MALLOC, &wrapped) != SQLITE_OK ||
        sqlite3_initialize() != SQLITE_OK) {
        fprintf(stderr, "faultvfs: cannot wrap SQLite's allocator\n");
        abort();
    }
    F.real = sqlite3_vfs_find(NULL);
    fault_vfs.szOsFile = (int)sizeof(FaultFile) + F.real->szOsFile;
    if (F.real->mxPathname < fault_vfs.mxPathname)
        fault_vfs.mxPathname = F.real->mxPathname;
    if (sqlite3_vfs_register(&fault_vfs, 1) != SQLITE_OK) {
        fprintf(stderr, "faultvfs: cannot register the VFS\n");
        abort();
    }
    F.installed = true;
}
