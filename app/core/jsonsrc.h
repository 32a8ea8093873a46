/* Where things are in a JSON text, for messages that say "file:line".
 *
 * cJSON builds the tree and says whether the text is JSON, but keeps no
 * positions. jsmn (Debian's libjsmn-dev, a tokenizer that records where
 * every token starts and ends) reads the same text once, on the first
 * question, and answers from its tokens: the line of any value of the
 * tree, and, for a text cJSON refused, where the mistake is and what it is
 * in words a person fixes it with (the comma missing at the end of a
 * line, rather than the quote on the next line where a parser notices).
 * Lines come from a table of line starts built once, so asking for many
 * lines never reads the text again. */
#ifndef HEARTH_JSONSRC_H
#define HEARTH_JSONSRC_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct JsonSource JsonSource;

/* A source over text[0..len), which must outlive it and hold no NUL byte.
 * Nothing is read until a question is asked. NULL when out of memory. */
JsonSource *jsonsrc_new(const char *text, size_t len);

void jsonsrc_free(JsonSource *js);

/* The line, from 1, of byte off (off == len: the last line). */
int jsonsrc_line(JsonSource *js, size_t off);

typedef enum JsonSrcStatus {
    JSONSRC_OK,
    JSONSRC_NOMEM,
    /* jsmn saw other values than cJSON did; cannot happen for a text
     * cJSON accepted, but lines would be wrong, so they are not given. */
    JSONSRC_MISMATCH
} JsonSrcStatus;

/* Pairs each value of root, the tree cJSON parsed from this text, with
 * its place. Call it once, before jsonsrc_node_line. */
JsonSrcStatus jsonsrc_index(JsonSource *js, const cJSON *root);

/* The line of node, a value of the indexed tree: of its member name when
 * it has one, since that is where a person looks. 1 when it is not known
 * (no index, or a node of another tree). */
int jsonsrc_node_line(JsonSource *js, const cJSON *node);

/* For a text cJSON refused after reading up to byte at (its error
 * position): a sentence into msg saying what is wrong, and its line as the
 * return value. Always gives a sentence, if only "look for a missing or
 * extra comma, quote or bracket" near at. */
int jsonsrc_explain(JsonSource *js, size_t at, char *msg, size_t n);

#endif
