/* Ids as the data files write them, and the names people read, in every
 * language of i18n.h's table. */
#include "core/catalog_internal.h"

#include <string.h>

const char *const cat_module_names[MODULE_COUNT] = {
    "mindfulness",    "distress_tolerance", "emotion_regulation", "interpersonal_effectiveness",
    "cbt_cognitive",  "cbt_behavioural",    "relapse_prevention",
};
/* In the order of i18n.h's table; a language with no entry here falls
 * back on English, as text_in does. */
static const Text module_titles[MODULE_COUNT] = {
    {{"Mindfulness", "Atención plena"}},
    {{"Distress tolerance", "Tolerancia al malestar"}},
    {{"Emotion regulation", "Regulación emocional"}},
    {{"Interpersonal effectiveness", "Efectividad interpersonal"}},
    {{"Thoughts (CBT)", "Pensamientos (TCC)"}},
    {{"Actions (CBT)", "Acciones (TCC)"}},
    {{"Relapse prevention", "Prevención de recaídas"}},
};
const char *const cat_step_kind_names[CAT_STEP_KINDS] = {"read", "breathe", "silent", "pairs",
                                                         "group"};
const char *const cat_style_names[CAT_STYLES] = {"faces", "buttons", "slider"};
const char *const cat_block_kind_names[CAT_BLOCK_KINDS] = {
    "checkin", "teaching", "practice", "break", "process", "rating", "checkout"};

const char *text_in(const Text *t, const char *lang)
{
    int i = i18n_lang_index(lang);
    if (i > 0 && t->in[i] && t->in[i][0])
        return t->in[i];
    return t->in[0] ? t->in[0] : "";
}

const char *module_name(Module m)
{
    return (unsigned)m < MODULE_COUNT ? cat_module_names[m] : "";
}

const char *module_title(Module m, const char *lang)
{
    return (unsigned)m < MODULE_COUNT ? text_in(&module_titles[m], lang) : "";
}

bool module_parse(const char *name, Module *out)
{
    for (int i = 0; i < MODULE_COUNT; i++) {
        if (!strcmp(name, cat_module_names[i])) {
            *out = (Module)i;
            return true;
        }
    }
    return false;
}

const char *step_kind_name(StepKind k)
{
    return (unsigned)k < CAT_STEP_KINDS ? cat_step_kind_names[k] : "";
}

const char *instrument_style_name(InstrumentStyle s)
{
    return (unsigned)s < CAT_STYLES ? cat_style_names[s] : "";
}

const char *block_kind_name(BlockKind k)
{
    return (unsigned)k < CAT_BLOCK_KINDS ? cat_block_kind_names[k] : "";
}
