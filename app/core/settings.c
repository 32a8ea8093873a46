#include "core/settings.h"

#include "core/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void settings_defaults(Settings *s)
{
    memset(s, 0, sizeof *s);
    snprintf(s->lang, sizeof s->lang, "%s", i18n_lang_code(0));
    s->text_scale = 100;
    s->reduced_motion = false;
    s->mute = false;
    s->volume = 60;
    s->min_cell = 5;
    s->retention_months = 0;
    s->scanner_gap_ms = 40;
    s->scanner_silence_ms = 120;
    s->result_seconds = 6;
    snprintf(s->display, sizeof s->display, "auto");
}

static int clampi(int v, int lo, int hi) { return v < lo ? lo : v > hi ? hi : v; }

void settings_sanitize(Settings *s)
{
    /* One of the table's codes exactly, never a region or encoding. */
    int lang = i18n_lang_index(s->lang);
    if (lang < 0 || strcmp(s->lang, i18n_lang_code(lang)) != 0)
        snprintf(s->lang, sizeof s->lang, "%s", i18n_lang_code(0));
    if (s->text_scale != 100 && s->text_scale != 125 && s->text_scale != 150)
        s->text_scale = 100;
    s->volume = clampi(s->volume, 0, 100);
    s->min_cell = clampi(s->min_cell, 3, 1000);
    s->retention_months = clampi(s->retention_months, 0, 600);
    s->scanner_gap_ms = clampi(s->scanner_gap_ms, 5, 200);
    s->scanner_silence_ms = clampi(s->scanner_silence_ms, 30, 2000);
    s->result_seconds = clampi(s->result_seconds, 2, 60);
}

int settings_room_display(const Settings *s, int displays)
{
    if (displays < 2 || !strcmp(s->display, "single"))
        return -1;
    int k = atoi(s->display);
    return k >= 2 && k <= displays ? k - 1 : 1;
}
