#include "core/config.h"

#include "core/file.h"
#include "core/i18n.h"
#include "core/paths.h"

#include <errno.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct Loader {
    Settings *s;
    const char *path;
    FILE *file;
    int line; /* Debian's inih reports no line numbers; count them here */
} Loader;

static char *read_line(char *buf, int size, void *stream)
{
    Loader *l = stream;
    char *r = fgets(buf, size, l->file);
    if (r)
        l->line++;
    return r;
}

static bool parse_bool(const char *v, bool *out)
{
    if (!strcmp(v, "true") || !strcmp(v, "yes") || !strcmp(v, "1") || !strcmp(v, "on"))
        *out = true;
    else if (!strcmp(v, "false") || !strcmp(v, "no") || !strcmp(v, "0") || !strcmp(v, "off"))
        *out = false;
    else
        return false;
    return true;
}

static bool parse_int(const char *v, int *out)
{
    char *end;
    errno = 0;
    long x = strtol(v, &end, 10);
    if (errno || end == v || *end || x < -1000000 || x > 1000000)
        return false;
    *out = (int)x;
    return true;
}

static int on_entry(void *user, const char *section, const char *name, const char *value)
{
    Loader *l = user;
    int lineno = l->line;
    Settings *s = l->s;
    bool ok = true;
    char key[96];
    snprintf(key, sizeof key, "%s.%s", section, name);
    if (!strcmp(key, "kiosk.language"))
        ok = snprintf(s->lang, sizeof s->lang, "%s", value) < (int)sizeof s->lang;
    else if (!strcmp(key, "kiosk.display"))
        ok = snprintf(s->display, sizeof s->display, "%s", value) < (int)sizeof s->display;
    else if (!strcmp(key, "kiosk.text_size"))
        ok = parse_int(value, &s->text_scale);
    else if (!strcmp(key, "kiosk.reduced_motion"))
        ok = parse_bool(value, &s->reduced_motion);
    else if (!strcmp(key, "kiosk.high_contrast"))
        ok = parse_bool(value, &s->high_contrast);
    else if (!strcmp(key, "sound.mute"))
        ok = parse_bool(value, &s->mute);
    else if (!strcmp(key, "sound.volume"))
        ok = parse_int(value, &s->volume);
    else if (!strcmp(key, "scanner.gap_ms"))
        ok = parse_int(value, &s->scanner_gap_ms);
    else if (!strcmp(key, "scanner.silence_ms"))
        ok = parse_int(value, &s->scanner_silence_ms);
    else if (!strcmp(key, "door.result_seconds"))
        ok = parse_int(value, &s->result_seconds);
    else if (!strcmp(key, "privacy.min_cell"))
        ok = parse_int(value, &s->min_cell);
    else if (!strcmp(key, "privacy.retention_months"))
        ok = parse_int(value, &s->retention_months);
    else if (!strcmp(key, "program.server"))
        ok = snprintf(s->program_server, sizeof s->program_server, "%s", value) <
             (int)sizeof s->program_server;
    else if (!strcmp(key, "program.site"))
        ok = snprintf(s->program_site, sizeof s->program_site, "%s", value) <
             (int)sizeof s->program_site;
    else if (!strcmp(key, "crisis.line"))
        ok = s->ncrisis < SETTINGS_CRISIS_MAX && value[0] &&
             snprintf(s->crisis[s->ncrisis], sizeof s->crisis[0], "%s", value) <
                 (int)sizeof s->crisis[0] &&
             ++s->ncrisis > 0;
    else {
        fprintf(stderr, "%s:%d: unknown setting '%s' in [%s], ignored\n", l->path, lineno, name,
                section);
        return 1;
    }
    if (!ok)
        fprintf(stderr, "%s:%d: '%s' is not a valid value for %s, ignored\n", l->path, lineno,
                value, name);
    return 1;
}

static bool default_path(char *out, size_t n)
{
    char dir[HEARTH_PATH_MAX];
    return paths_config_dir(dir, sizeof dir) && paths_join(out, n, dir, "hearth.ini");
}

bool config_load(const char *path, Settings *s, char *used_path, size_t n)
{
    settings_defaults(s);
    char buf[HEARTH_PATH_MAX];
    if (!path) {
        if (!default_path(buf, sizeof buf))
            return true;
        path = buf;
    }
    if (used_path)
        snprintf(used_path, n, "%s", path);
    /* never blocks: a FIFO or a device named as the settings is refused */
    bool missing;
    char why[HEARTH_PATH_MAX + 200];
    int fd = file_open_regular(path, &missing, why, sizeof why);
    FILE *f = fd >= 0 ? fdopen(fd, "r") : NULL;
    if (!f) {
        if (fd >= 0)
            close(fd);
        if (missing)
            return true;
        int e = errno;
        fprintf(stderr, "hearth: %s\n", why);
        errno = e;
        return false;
    }
    Loader l = {s, path, f, 0};
    int rc = ini_parse_stream(read_line, &l, on_entry, &l);
    fclose(f);
    if (rc > 0)
        fprintf(stderr, "%s:%d: this line is not 'name = value' or '[section]', ignored\n",
                path, rc);
    settings_sanitize(s);
    return true;
}

int config_format(const Settings *s, char *out, size_t n)
{
    int used = snprintf(
        out, n,
        "# Hearth settings. The console's settings screen writes this file too.\n"
        "[kiosk]\nlanguage = %s\ntext_size = %d\nhigh_contrast = %s\nreduced_motion = %s\n"
        "display = %s\n\n"
        "[sound]\nmute = %s\nvolume = %d\n\n"
        "[scanner]\ngap_ms = %d\nsilence_ms = %d\n\n"
        "[door]\nresult_seconds = %d\n\n"
        "[privacy]\nmin_cell = %d\nretention_months = %d\n",
        s->lang, s->text_scale, s->high_contrast ? "true" : "false",
        s->reduced_motion ? "true" : "false", s->display,
        s->mute ? "true" : "false", s->volume, s->scanner_gap_ms, s->scanner_silence_ms,
        s->result_seconds, s->min_cell, s->retention_months);
    /* the clinic's crisis numbers are the installer's: kept as they were */
    for (int i = 0; i < s->ncrisis && used >= 0; i++) {
        size_t at = (size_t)used < n ? (size_t)used : n;
        int w = snprintf(out + at, n - at, "%sline = %s\n", i == 0 ? "\n[crisis]\n" : "",
                         s->crisis[i]);
        used = w < 0 ? w : used + w;
    }
    /* the console never edits these either: kept as the installer wrote them */
    if (used >= 0 && (s->program_server[0] || s->program_site[0])) {
        size_t at = (size_t)used < n ? (size_t)used : n;
        int w = snprintf(out + at, n - at, "\n[program]\nserver = %s\nsite = %s\n",
                         s->program_server, s->program_site);
        used = w < 0 ? w : used + w;
    }
    return used;
}
