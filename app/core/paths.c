#include "core/paths.h"

#include "core/i18n.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

bool paths_join(char *out, size_t n, const char *dir, const char *name)
{
    int w = snprintf(out, n, "%s/%s", dir, name);
    return w > 0 && (size_t)w < n;
}

static bool is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* True when the running binary sits inside the build tree it was built in. */
static bool running_from_build_tree(void)
{
    char exe[HEARTH_PATH_MAX];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (len <= 0)
        return false;
    exe[len] = '\0';
    size_t blen = strlen(HEARTH_BINARY_DIR);
    return strncmp(exe, HEARTH_BINARY_DIR, blen) == 0 && exe[blen] == '/';
}

bool paths_resolve(HearthPaths *paths, const char *data_override, char *err, size_t errlen)
{
    const char *root;
    const char *locale;
    const char *env_src = getenv("HEARTH_SOURCE_DIR");

    if (env_src && *env_src) {
        root = env_src;
        locale = HEARTH_BINARY_DIR "/locale";
    } else if (running_from_build_tree() || !is_dir(HEARTH_INSTALL_DATADIR)) {
        root = HEARTH_SOURCE_DIR;
        locale = HEARTH_BINARY_DIR "/locale";
    } else {
        root = HEARTH_INSTALL_DATADIR;
        locale = HEARTH_INSTALL_LOCALEDIR;
    }
    if (!paths_join(paths->assets, sizeof paths->assets, root, "assets") ||
        !paths_join(paths->fonts, sizeof paths->fonts, root, "fonts") ||
        snprintf(paths->locale, sizeof paths->locale, "%s", locale) >= (int)sizeof paths->locale) {
        snprintf(err, errlen, _("The folder %s has too long a name."), root);
        return false;
    }
    if (data_override) {
        if (snprintf(paths->data, sizeof paths->data, "%s", data_override) >=
            (int)sizeof paths->data) {
            snprintf(err, errlen, _("The data folder name is too long."));
            return false;
        }
    } else if (!paths_join(paths->data, sizeof paths->data, root, "data")) {
        snprintf(err, errlen, _("The folder %s has too long a name."), root);
        return false;
    }
    if (!is_dir(paths->data) || access(paths->data, R_OK | X_OK) != 0) {
        snprintf(err, errlen,
                 _("Cannot read the data folder %s: %s. Pass --data with the folder that holds "
                   "exercises/, instruments/ and plans/."),
                 paths->data, errno ? strerror(errno) : "not a folder");
        return false;
    }
    return true;
}

static bool home_relative(char *out, size_t n, const char *xdg_var, const char *fallback,
                          const char *tail)
{
    const char *xdg = getenv(xdg_var);
    int w;
    if (xdg && xdg[0] == '/') {
        w = snprintf(out, n, "%s/%s", xdg, tail);
    } else {
        const char *home = getenv("HOME");
        if (!home || !*home)
            return false;
        w = snprintf(out, n, "%s/%s/%s", home, fallback, tail);
    }
    return w > 0 && (size_t)w < n;
}

bool paths_default_db(char *out, size_t n, const char *db_override, char *err, size_t errlen)
{
    const char *env = getenv("HEARTH_DB");
    const char *chosen = db_override ? db_override : (env && *env ? env : NULL);
    if (chosen) {
        if (snprintf(out, n, "%s", chosen) >= (int)n) {
            snprintf(err, errlen, _("The database file name is too long."));
            return false;
        }
        return true;
    }
    if (!home_relative(out, n, "XDG_DATA_HOME", ".local/share", "hearth/hearth.db")) {
        snprintf(err, errlen,
                 _("Cannot tell where to keep the database: HOME is not set. Pass --db FILE."));
        return false;
    }
    return true;
}

bool paths_config_dir(char *out, size_t n)
{
    return home_relative(out, n, "XDG_CONFIG_HOME", ".config", "hearth");
}

bool paths_make_parent(const char *file, char *err, size_t errlen)
{
    char buf[HEARTH_PATH_MAX];
    if (snprintf(buf, sizeof buf, "%s", file) >= (int)sizeof buf) {
        snprintf(err, errlen, _("The file name %s is too long."), file);
        return false;
    }
    char *slash = strrchr(buf, '/');
    if (!slash || slash == buf)
        return true;
    *slash = '\0';
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, 0700) != 0 && errno != EEXIST) {
            snprintf(err, errlen, _("Cannot create the folder %s: %s."), buf, strerror(errno));
            return false;
        }
        *p = '/';
    }
    if (mkdir(buf, 0700) != 0 && errno != EEXIST) {
        snprintf(err, errlen, _("Cannot create the folder %s: %s."), buf, strerror(errno));
        return false;
    }
    if (!is_dir(buf)) {
        snprintf(err, errlen, _("%s is not a folder."), buf);
        return false;
    }
    return true;
}

/* The first writable folder one or two levels under root, in name order so
 * the choice is stable. */
static bool first_writable_mount(const char *root, int depth, char *out, size_t n)
{
    struct dirent **names = NULL;
    int count = scandir(root, &names, NULL, alphasort);
    bool found = false;
    for (int i = 0; i < count; i++) {
        char path[HEARTH_PATH_MAX];
        const char *nm = names[i]->d_name;
        if (!found && nm[0] != '.' && paths_join(path, sizeof path, root, nm) && is_dir(path)) {
            if (depth > 1 && first_writable_mount(path, depth - 1, out, n))
                found = true;
            else if (depth == 1 && access(path, W_OK) == 0)
                found = snprintf(out, n, "%s", path) < (int)n;
        }
        free(names[i]);
    }
    free(names);
    return found;
}

bool paths_export_dir(const char *db_path, char *out, size_t n, bool *usb)
{
    *usb = false;
    const char *media = getenv("HEARTH_MEDIA_ROOT"); /* tests point this elsewhere */
    if (!media)
        media = "/media";
    if (first_writable_mount(media, 2, out, n) || first_writable_mount(media, 1, out, n)) {
        *usb = true;
        return true;
    }
    char dir[HEARTH_PATH_MAX];
    snprintf(dir, sizeof dir, "%s", db_path);
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = '\0';
    else
        snprintf(dir, sizeof dir, ".");
    if (!paths_join(out, n, dir, "exports"))
        return false;
    char probe[HEARTH_PATH_MAX + 4], err[256];
    snprintf(probe, sizeof probe, "%s/x", out);
    return paths_make_parent(probe, err, sizeof err);
}

bool paths_folder_of(const char *file, char *out, size_t n)
{
    const char *slash = strrchr(file, '/');
    int w = !slash          ? snprintf(out, n, ".")
            : slash == file ? snprintf(out, n, "/")
                            : snprintf(out, n, "%.*s", (int)(slash - file), file);
    return w >= 0 && (size_t)w < n;
}
