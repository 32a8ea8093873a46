/* Where Hearth finds its data, assets, fonts and translations, and where it
 * keeps its database. */
#ifndef HEARTH_PATHS_H
#define HEARTH_PATHS_H

#include <stdbool.h>
#include <stddef.h>

#define HEARTH_PATH_MAX 4096

typedef struct HearthPaths {
    char data[HEARTH_PATH_MAX];   /* exercises/, instruments/, plans/ */
    char assets[HEARTH_PATH_MAX];
    char fonts[HEARTH_PATH_MAX];  /* a clinic's own fonts, may be empty */
    char locale[HEARTH_PATH_MAX]; /* <lang>/LC_MESSAGES/hearth.mo */
} HearthPaths;

/* Resolves the folders. A binary inside the build tree uses its source
 * tree's copies; an installed one the installed copies. data_override
 * (--data) replaces the data folder. Returns false with a sentence in err
 * when the data folder cannot be read. */
bool paths_resolve(HearthPaths *paths, const char *data_override, char *err, size_t errlen);

/* The database file: db_override (--db), else $HEARTH_DB, else
 * $XDG_DATA_HOME/hearth/hearth.db, else ~/.local/share/hearth/hearth.db. */
bool paths_default_db(char *out, size_t n, const char *db_override, char *err, size_t errlen);

/* Creates the folders leading to a file (mkdir -p) with mode 0700 for the
 * ones it creates. Returns false with a sentence in err. */
bool paths_make_parent(const char *file, char *err, size_t errlen);

/* The folder the configuration file lives in: $XDG_CONFIG_HOME/hearth or
 * ~/.config/hearth. */
bool paths_config_dir(char *out, size_t n);

/* Where exports and printed pass sheets go: a mounted USB stick (the first
 * writable folder under /media/<user>/ or /media/), else an "exports"
 * folder beside the database (created 0700). usb tells which. */
bool paths_export_dir(const char *db_path, char *out, size_t n, bool *usb);

/* The folder a file is in: "." for a bare name, "/" for one in the root.
 * False when it does not fit. */
bool paths_folder_of(const char *file, char *out, size_t n);

/* Joins a folder and a name into out; false when it does not fit. */
bool paths_join(char *out, size_t n, const char *dir, const char *name);

#endif
