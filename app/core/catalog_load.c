/* Reading the data folder: crisis.json, then instruments/, exercises/ and
 * plans/, each in file-name order, every file at most CATALOG_FILE_MAX. */
#include "core/catalog_internal.h"

#include "core/file.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void free_names(char **names, int n)
{
    for (int i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

/* The folder's *.json files, sorted by name so that loading is the same on
 * every device. Hidden files (editor swap files) are left out. Returns
 * false with errno set when the folder cannot be read. */
static bool list_json(const char *dir, char ***out, int *count)
{
    DIR *d = opendir(dir);
    if (!d)
        return false;
    char **names = NULL;
    int n = 0, cap = 0;
    struct dirent *e;
    errno = 0;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (e->d_name[0] == '.' || len <= 5 || strcmp(e->d_name + len - 5, ".json") != 0)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            char **more = realloc(names, (size_t)cap * sizeof *names);
            if (!more)
                goto oom;
            names = more;
        }
        if (!(names[n] = strdup(e->d_name)))
            goto oom;
        n++;
    }
    closedir(d);
    if (n > 1) /* qsort wants a real array, even for nothing to sort */
        qsort(names, (size_t)n, sizeof *names, cat_cmp_str);
    *out = names;
    *count = n;
    return true;
oom:
    closedir(d);
    free_names(names, n);
    errno = ENOMEM;
    return false;
}

/* Reads a whole file of at most CATALOG_FILE_MAX bytes, or reports why it
 * cannot. */
static char *read_file(Catalog *cat, const char *path, const char *label, size_t *len)
{
    /* never blocks: a FIFO or a device among the data files is refused
     * unopened, so it cannot hang the kiosk or a verb */
    char why[4400];
    int fd = file_open_regular(path, NULL, why, sizeof why);
    FILE *f = fd >= 0 ? fdopen(fd, "rb") : NULL;
    struct stat st;
    if (!f || fstat(fileno(f), &st) != 0) {
        if (fd < 0 && errno == EINVAL)
            cat_problem_add(cat, label, 1, false, "this is not a regular file, so it is not read");
        else
            cat_problem_add(cat, label, 1, false, "cannot read this file: %s", strerror(errno));
        if (f)
            fclose(f);
        else if (fd >= 0)
            close(fd);
        return NULL;
    }
    if (st.st_size > CATALOG_FILE_MAX) {
        cat_problem_add(cat, label, 1, false,
                    "this file is %lld bytes; files over %d KiB are refused, so check that it "
                    "is the right file",
                    (long long)st.st_size, CATALOG_FILE_MAX / 1024);
        fclose(f);
        return NULL;
    }
    /* Sized from fstat, plus room to notice a file that grew since. */
    size_t cap = (size_t)st.st_size + 4096, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap || ferror(f) || n > CATALOG_FILE_MAX)
            break;
        char *more = realloc(buf, cap * 2);
        if (!more) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = more;
        cap *= 2;
    }
    if (!buf) {
        cat->oom = true;
        fclose(f);
        return NULL;
    }
    bool failed = ferror(f);
    int err = errno;
    fclose(f);
    if (failed) {
        cat_problem_add(cat, label, 1, false, "cannot read this file: %s", strerror(err));
        free(buf);
        return NULL;
    }
    if (n > CATALOG_FILE_MAX) {
        cat_problem_add(cat, label, 1, false,
                    "this file is larger than %d KiB and is refused, so check that it is the "
                    "right file",
                    CATALOG_FILE_MAX / 1024);
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

static void load_folder(Catalog *cat, const char *data_dir, Kind kind)
{
    const char *sub = cat_kind_folder[kind];
    char dir[4096], folder_label[32];
    snprintf(folder_label, sizeof folder_label, "%s/", sub);
    if (snprintf(dir, sizeof dir, "%s/%s", data_dir, sub) >= (int)sizeof dir) {
        cat_problem_add(cat, folder_label, 0, false, "the data folder's name is too long");
        return;
    }
    char **names = NULL;
    int n = 0;
    if (!list_json(dir, &names, &n)) {
        if (errno == ENOENT)
            cat_problem_add(cat, folder_label, 0, false,
                        "this folder is missing from %s; create it (it may stay empty)",
                        data_dir);
        else if (errno == ENOMEM)
            cat->oom = true;
        else
            cat_problem_add(cat, folder_label, 0, false, "cannot read this folder in %s: %s",
                        data_dir, strerror(errno));
        return;
    }
    cat->siblings = names;
    cat->nsiblings = n;
    for (int i = 0; i < n && !cat->oom; i++) {
        char path[4400], label[300];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        snprintf(label, sizeof label, "%s/%s", sub, names[i]);
        size_t len = 0;
        char *text = read_file(cat, path, label, &len);
        if (!text) {
            char stem[256];
            cat_file_stem(label, stem, sizeof stem);
            if (cat_id_is_valid(stem) && !cat_idlist_push(&cat->skipped[kind], stem))
                cat->oom = true;
            continue;
        }
        cat_add_file(cat, kind, label, text, len);
        free(text);
    }
    cat->siblings = NULL;
    cat->nsiblings = 0;
    free_names(names, n);
}

static void load_crisis(Catalog *cat, const char *data_dir)
{
    static const char label[] = "crisis.json";
    char path[4400];
    snprintf(path, sizeof path, "%s/%s", data_dir, label);
    struct stat st;
    if (stat(path, &st) != 0 && errno == ENOENT) {
        cat_problem_add(cat, label, 0, false,
                    "this file is missing from %s: the crisis card the door and the room show, "
                    "and the standard note on disclosures, come from it",
                    data_dir);
        return;
    }
    size_t len = 0;
    char *text = read_file(cat, path, label, &len);
    if (!text)
        return;
    cat_add_file(cat, KIND_CRISIS, label, text, len);
    free(text);
}

Catalog *catalog_load(const char *data_dir)
{
    Catalog *cat = catalog_new();
    if (!cat)
        return NULL;
    struct stat st;
    bool found = stat(data_dir, &st) == 0;
    if (!found || !S_ISDIR(st.st_mode)) {
        cat_problem_add(cat, data_dir, 0, false,
                    "the data folder cannot be read (%s); it should hold exercises/, "
                    "instruments/ and plans/",
                    found ? "it is not a folder" : strerror(errno));
    } else {
        /* The crisis card first (exercises take its disclosure note), then
         * instruments: exercises and plans refer to them. */
        load_crisis(cat, data_dir);
        load_folder(cat, data_dir, KIND_INSTRUMENT);
        load_folder(cat, data_dir, KIND_EXERCISE);
        load_folder(cat, data_dir, KIND_PLAN);
    }
    if (cat->oom) {
        catalog_free(cat);
        return NULL;
    }
    return cat;
}
