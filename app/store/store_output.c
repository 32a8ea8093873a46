/* The safe writing of output files (store_output.h says what it promises). */
#include "store/store_output.h"

#include "core/file.h"
#include "core/i18n.h"
#include "core/paths.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define FILE_PATH_MAX 4096
/* how much of the target's name a temporary's name repeats: room is left
 * for the marker, the pid, the counter and SQLite's "-journal" within a
 * file system's 255 bytes */
#define TEMP_BASE_MAX 160
#define TEMP_TRIES 64

struct StoreOutput {
    int fd;
    FILE *stream;
    int error;   /* errno of the first failed write, 0 when none */
    bool synced; /* store_output_sync has succeeded; fd is closed */
    char target[FILE_PATH_MAX];
    char temp[FILE_PATH_MAX];
    char dir[FILE_PATH_MAX];
    char db[FILE_PATH_MAX]; /* the database whose files are refused; "" none */
};

static unsigned temp_counter; /* names this process has tried */

/* What SQLite may make beside a file it writes, removed with it. */
static const char *const side_suffixes[] = {"-journal", "-wal", "-shm"};
#define NSIDES (sizeof side_suffixes / sizeof side_suffixes[0])

/* --- names ------------------------------------------------------------- */

/* Splits path into its folder ("." when it has none) and its last name
 * ("" when it ends in '/'). False when it does not fit. */
static bool split(const char *path, char *dir, size_t dn, char *base, size_t bn)
{
    const char *slash = strrchr(path, '/');
    int w = snprintf(base, bn, "%s", slash ? slash + 1 : path);
    return paths_folder_of(path, dir, dn) && w >= 0 && (size_t)w < bn;
}

/* Which of the database's own files a name in its folder is: 0 none, 1 the
 * database, 2 its journal or shared memory, 3 a backup or a kept copy. */
static int db_family(const char *name, const char *db_base)
{
    size_t n = strlen(db_base);
    if (!n || strncmp(name, db_base, n) != 0)
        return 0;
    const char *rest = name + n;
    if (!*rest)
        return 1;
    for (size_t i = 0; i < NSIDES; i++)
        if (!strcmp(rest, side_suffixes[i]))
            return 2;
    static const char *const copies[] = {".backup-", ".damaged-", ".restoring"};
    for (size_t i = 0; i < sizeof copies / sizeof copies[0]; i++)
        if (!strncmp(rest, copies[i], strlen(copies[i])))
            return 3;
    return 0;
}

/* Parses ".<name>.hearth-tmp-<pid>-<n>[-journal|-wal|-shm]": true for one
 * of ours, with the pid and the length of the name without the suffix. */
static bool parse_temp(const char *name, long *pid, size_t *main_len)
{
    if (name[0] != '.')
        return false;
    const char *mark = NULL;
    for (const char *p = strstr(name, STORE_OUTPUT_TEMP_MARK); p;
         p = strstr(p + 1, STORE_OUTPUT_TEMP_MARK))
        mark = p;
    if (!mark)
        return false;
    const char *p = mark + strlen(STORE_OUTPUT_TEMP_MARK);
    char *end;
    errno = 0;
    long v = strtol(p, &end, 10);
    /* never 0: kill(0, 0) would ask about our own process group */
    if (errno || end == p || *end != '-' || v < 1 || v > INT_MAX)
        return false;
    p = end + 1;
    if (*p < '0' || *p > '9')
        return false;
    while (*p >= '0' && *p <= '9')
        p++;
    *main_len = (size_t)(p - name);
    bool side = !*p;
    for (size_t i = 0; i < NSIDES && !side; i++)
        side = !strcmp(p, side_suffixes[i]);
    *pid = v;
    return side;
}

/* --- the target's checks -------------------------------------------------- */

static StoreResult refuse_db(const char *target, const char *db, int family, char *err,
                             size_t errlen)
{
    if (family == 1)
        snprintf(err, errlen,
                 _("%s is the database %s itself; Hearth never writes over it. Choose "
                   "another file name."),
                 target, db);
    else if (family == 2)
        snprintf(err, errlen,
                 _("%s is the journal of the database %s; writing over it would damage "
                   "the database. Choose another file name."),
                 target, db);
    else
        snprintf(err, errlen,
                 _("%s is a backup of the database %s; Hearth never writes over it. Choose "
                   "another file name."),
                 target, db);
    return STORE_ERROR;
}

/* The target against the database's files: by resolved folder and name
 * (also for files not made yet, such as a -wal), and by device and inode
 * (a symbolic or hard link under any name). */
static StoreResult check_db(const char *target, const char *dir, const char *base,
                            const char *db, char *err, size_t errlen)
{
    char db_dir[FILE_PATH_MAX], db_base[FILE_PATH_MAX];
    if (!db || !db[0] || !split(db, db_dir, sizeof db_dir, db_base, sizeof db_base))
        return STORE_OK;
    char real_dir[PATH_MAX], real_db_dir[PATH_MAX];
    bool same_dir = realpath(dir, real_dir) && realpath(db_dir, real_db_dir) &&
                    !strcmp(real_dir, real_db_dir);
    int family = same_dir ? db_family(base, db_base) : 0;
    if (family)
        return refuse_db(target, db, family, err, errlen);
    struct stat t;
    if (stat(target, &t) != 0)
        return STORE_OK; /* nothing there: no inode to share */
    DIR *d = opendir(db_dir);
    if (!d)
        return STORE_OK;
    struct dirent *e;
    while ((e = readdir(d)) && !family) {
        int fam = db_family(e->d_name, db_base);
        char p[FILE_PATH_MAX + 256];
        struct stat s;
        if (fam && snprintf(p, sizeof p, "%s/%s", db_dir, e->d_name) < (int)sizeof p &&
            stat(p, &s) == 0 && s.st_dev == t.st_dev && s.st_ino == t.st_ino)
            family = fam;
    }
    closedir(d);
    return family ? refuse_db(target, db, family, err, errlen) : STORE_OK;
}

StoreResult store_output_check_target(const char *target, const char *db_path, char *err,
                                    size_t errlen)
{
    char dir[FILE_PATH_MAX], base[FILE_PATH_MAX];
    if (!target[0]) {
        snprintf(err, errlen, "%s", _("No file name was given."));
        return STORE_ERROR;
    }
    if (!split(target, dir, sizeof dir, base, sizeof base)) {
        snprintf(err, errlen, _("The file name %s is too long."), target);
        return STORE_ERROR;
    }
    StoreResult r = check_db(target, dir, base, db_path, err, errlen);
    if (r != STORE_OK)
        return r;
    struct stat st;
    /* "x/", "x/." name a folder, whether or not one is there */
    bool folder = !base[0] || !strcmp(base, ".") || !strcmp(base, "..");
    if (folder && stat(target, &st) != 0) {
        snprintf(err, errlen, _("The folder %s does not exist."), target);
        return STORE_NOT_FOUND;
    } else if (!folder && lstat(target, &st) != 0) {
        if (errno == ENOENT || errno == ENOTDIR) {
            struct stat ds;
            if (stat(dir, &ds) != 0) {
                snprintf(err, errlen, _("The folder %s does not exist."), dir);
                return STORE_NOT_FOUND;
            }
            if (!S_ISDIR(ds.st_mode)) {
                snprintf(err, errlen, _("%s is not a folder, so %s cannot be written."), dir,
                         target);
                return STORE_ERROR;
            }
            return STORE_OK;
        }
        snprintf(err, errlen, _("Cannot write %s: %s."), target, strerror(errno));
        return STORE_ERROR;
    }
    if (S_ISREG(st.st_mode))
        return STORE_OK;
    snprintf(err, errlen,
             _("%s is %s, not a regular file, so Hearth does not write over it. Name a new "
               "file or an ordinary one."),
             target, file_kind(st.st_mode));
    return STORE_ERROR;
}

/* --- temporary files -------------------------------------------------------- */

/* True when fd's file is locked by a writer. */
static bool locked(int fd)
{
    if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
        flock(fd, LOCK_UN);
        return false;
    }
    return errno == EWOULDBLOCK;
}

/* True when the process is gone, or is this one (whose own writers hold
 * their locks, so an unlocked file of ours is left from an earlier process
 * that had the same pid, before a restart). */
static bool process_gone(long pid)
{
    if (pid == (long)getpid())
        return true;
    return kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}

/* True when the temporary file at path may be removed: not locked by a
 * writer, and its process gone. */
static bool temp_stale(const char *path, long pid)
{
    if (!process_gone(pid))
        return false;
    /* opened without following or blocking: a name someone planted may be
     * a link or a FIFO, which holds no lock and is removed as it is */
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return errno == ENOENT || errno == ELOOP;
    struct stat st;
    bool stale = fstat(fd, &st) == 0 && (!S_ISREG(st.st_mode) || !locked(fd));
    close(fd);
    return stale;
}

int store_output_clean(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    int removed = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        long pid;
        size_t main_len;
        if (!parse_temp(e->d_name, &pid, &main_len))
            continue;
        char path[FILE_PATH_MAX + 256], main_path[FILE_PATH_MAX + 256];
        if (snprintf(path, sizeof path, "%s/%s", dir, e->d_name) >= (int)sizeof path ||
            snprintf(main_path, sizeof main_path, "%s/%.*s", dir, (int)main_len, e->d_name) >=
                (int)sizeof main_path)
            continue;
        struct stat st;
        if (lstat(path, &st) != 0 || S_ISDIR(st.st_mode))
            continue;
        /* a -journal beside a temporary goes with it */
        if (temp_stale(main_path, pid) && unlink(path) == 0)
            removed++;
    }
    closedir(d);
    return removed;
}

static void sync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

void store_output_sync_folder(const char *path)
{
    char dir[FILE_PATH_MAX];
    if (paths_folder_of(path, dir, sizeof dir))
        sync_dir(dir);
}

static void remove_temp(const char *temp)
{
    unlink(temp);
    for (size_t i = 0; i < NSIDES; i++) {
        char p[FILE_PATH_MAX + 16];
        snprintf(p, sizeof p, "%s%s", temp, side_suffixes[i]);
        unlink(p);
    }
}

static StoreResult write_error(const char *target, const char *dir, int e, char *err,
                               size_t errlen)
{
    if (e == ENOSPC || e == EDQUOT) {
        snprintf(err, errlen,
                 _("The storage is full: %s could not be written. Free some space, or use "
                   "another folder or USB stick; nothing was replaced."),
                 target);
        return STORE_FULL;
    }
    if (e == EACCES || e == EPERM || e == EROFS) {
        snprintf(err, errlen, _("Cannot write in the folder %s: %s."), dir, strerror(e));
        return STORE_READONLY;
    }
    if (e == ENOENT) {
        snprintf(err, errlen, _("The folder %s does not exist."), dir);
        return STORE_NOT_FOUND;
    }
    snprintf(err, errlen, _("Cannot write %s: %s."), target, strerror(e));
    return STORE_ERROR;
}

StoreResult store_output_begin(const char *target, const char *db_path, StoreOutput **out,
                             char *err, size_t errlen)
{
    *out = NULL;
    StoreResult r = store_output_check_target(target, db_path, err, errlen);
    if (r != STORE_OK)
        return r;
    StoreOutput *f = calloc(1, sizeof *f);
    if (!f) {
        snprintf(err, errlen, "%s", _("Out of memory."));
        return STORE_NOMEM;
    }
    char base[FILE_PATH_MAX];
    split(target, f->dir, sizeof f->dir, base, sizeof base);
    snprintf(f->target, sizeof f->target, "%s", target);
    snprintf(f->db, sizeof f->db, "%s", db_path ? db_path : "");
    store_output_clean(f->dir);
    f->fd = -1;
    int e = EEXIST;
    for (int i = 0; i < TEMP_TRIES && f->fd < 0 && e == EEXIST; i++) {
        int w = snprintf(f->temp, sizeof f->temp, "%s/.%.*s" STORE_OUTPUT_TEMP_MARK "%ld-%u",
                         f->dir, TEMP_BASE_MAX, base, (long)getpid(), temp_counter++);
        if (w < 0 || (size_t)w >= sizeof f->temp) {
            e = ENAMETOOLONG;
            break;
        }
        /* EXCL and NOFOLLOW: whatever sits at the name (a planted link, a
         * file) makes us pick another, never write into it */
        f->fd = open(f->temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        e = f->fd < 0 ? errno : 0;
    }
    if (f->fd < 0) {
        r = write_error(target, f->dir, e, err, errlen);
        free(f);
        return r;
    }
    /* the lock says "being written" to store_output_clean in any process;
     * 0600 whatever the umask: reports and pass sheets stay with staff */
    if (flock(f->fd, LOCK_EX | LOCK_NB) != 0 || fchmod(f->fd, 0600) != 0) {
        r = write_error(target, f->dir, errno, err, errlen);
        close(f->fd);
        unlink(f->temp);
        free(f);
        return r;
    }
    *out = f;
    return STORE_OK;
}

bool store_output_write(StoreOutput *f, const void *data, size_t n)
{
    const char *p = data;
    while (!f->error && n > 0) {
        ssize_t w = write(f->fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            f->error = w < 0 ? errno : EIO;
            break;
        }
        p += w;
        n -= (size_t)w;
    }
    return !f->error;
}

FILE *store_output_stream(StoreOutput *f)
{
    if (!f->stream) {
        /* the stream gets its own descriptor; ours keeps the lock */
        int fd = dup(f->fd);
        f->stream = fd >= 0 ? fdopen(fd, "wb") : NULL;
        if (!f->stream && fd >= 0)
            close(fd);
    }
    return f->stream;
}

int store_output_fd(const StoreOutput *f) { return f->fd; }

const char *store_output_temp_path(const StoreOutput *f) { return f->temp; }

StoreResult store_output_sync(StoreOutput *f, char *err, size_t errlen)
{
    if (f->synced)
        return STORE_OK;
    if (f->stream) {
        if ((fflush(f->stream) != 0 || ferror(f->stream)) && !f->error)
            f->error = errno ? errno : EIO;
        if (fclose(f->stream) != 0 && !f->error)
            f->error = errno;
        f->stream = NULL;
    }
    if (!f->error && fsync(f->fd) != 0)
        f->error = errno;
    /* a writer that opened the temporary by name (SQLite) must have
     * written the file we made, not one put in its place */
    struct stat a, b;
    if (!f->error && (fstat(f->fd, &a) != 0 || lstat(f->temp, &b) != 0 ||
                      a.st_dev != b.st_dev || a.st_ino != b.st_ino))
        f->error = EEXIST;
    if (f->error)
        return write_error(f->target, f->dir, f->error, err, errlen);
    f->synced = true;
    return STORE_OK;
}

StoreResult store_output_commit(StoreOutput *f, char *err, size_t errlen)
{
    StoreResult r = store_output_sync(f, err, errlen);
    /* checked again: the target may have been replaced while we wrote */
    if (r == STORE_OK)
        r = store_output_check_target(f->target, f->db[0] ? f->db : NULL, err, errlen);
    if (r == STORE_OK && rename(f->temp, f->target) != 0)
        r = write_error(f->target, f->dir, errno, err, errlen);
    if (r == STORE_OK)
        sync_dir(f->dir);
    else
        remove_temp(f->temp);
    close(f->fd); /* drops the lock once the name is the target's */
    free(f);
    return r;
}

void store_output_abort(StoreOutput *f)
{
    if (!f)
        return;
    if (f->stream)
        fclose(f->stream);
    remove_temp(f->temp);
    close(f->fd);
    free(f);
}

StoreResult store_output_write_buffer(const char *target, const char *db_path, const void *data,
                                    size_t n, char *err, size_t errlen)
{
    StoreOutput *f;
    StoreResult r = store_output_begin(target, db_path, &f, err, errlen);
    if (r != STORE_OK)
        return r;
    store_output_write(f, data, n);
    return store_output_commit(f, err, errlen);
}
