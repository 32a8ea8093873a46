/* An arena: many small allocations that live and die together, taken from
 * large chunks, with a mark to roll back to. The catalog keeps every item
 * and text in one, so a broken file costs no memory and freeing is one
 * call; and a growable list of pointers beside it. */
#ifndef HEARTH_ARENA_H
#define HEARTH_ARENA_H

#include <stdbool.h>
#include <stddef.h>

typedef struct ArenaChunk ArenaChunk;

typedef struct Arena {
    ArenaChunk *head;
    size_t bytes; /* malloc'ed, headers included */
} Arena;

/* Where the arena stood, to roll back to. */
typedef struct ArenaMark {
    ArenaChunk *head;
    size_t used;
} ArenaMark;

/* n bytes aligned to align (a power of two; 1 for text, which needs no
 * alignment: padding every string would cost a tenth of the catalog).
 * NULL when out of memory. */
void *arena_alloc_aligned(Arena *a, size_t n, size_t align);

/* n bytes aligned for anything; NULL when out of memory. */
void *arena_alloc(Arena *a, size_t n);

ArenaMark arena_mark(const Arena *a);

/* Frees everything allocated since m was taken. */
void arena_rollback(Arena *a, ArenaMark m);

/* Frees everything; the arena is empty and usable again. */
void arena_free(Arena *a);

/* A growable list of pointers. Zero-initialised, it is empty. */
typedef struct PtrList {
    void **items;
    int count, cap;
} PtrList;

/* Appends p; false when out of memory (the list is unchanged). */
bool ptrlist_push(PtrList *l, void *p);

#endif
