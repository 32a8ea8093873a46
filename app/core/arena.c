#include "core/arena.h"

#include <stdlib.h>

/* Chunks of 16 KiB: a catalog of a hundred files fits in a few. */
#define CHUNK_SIZE (16 * 1024)

struct ArenaChunk {
    ArenaChunk *prev;
    size_t size, used;
    max_align_t data[];
};

void *arena_alloc_aligned(Arena *a, size_t n, size_t align)
{
    size_t start = a->head ? (a->head->used + align - 1) / align * align : 0;
    if (!a->head || start > a->head->size || a->head->size - start < n) {
        size_t size = n > CHUNK_SIZE ? n : CHUNK_SIZE;
        ArenaChunk *c = malloc(sizeof(ArenaChunk) + size);
        if (!c)
            return NULL;
        c->prev = a->head;
        c->size = size;
        c->used = 0;
        a->head = c;
        a->bytes += sizeof(ArenaChunk) + size;
        start = 0; /* data is aligned for anything */
    }
    void *p = (char *)a->head->data + start;
    a->head->used = start + n;
    return p;
}

void *arena_alloc(Arena *a, size_t n)
{
    return arena_alloc_aligned(a, n, _Alignof(max_align_t));
}

ArenaMark arena_mark(const Arena *a)
{
    return (ArenaMark){a->head, a->head ? a->head->used : 0};
}

void arena_rollback(Arena *a, ArenaMark m)
{
    while (a->head != m.head) {
        ArenaChunk *c = a->head;
        a->head = c->prev;
        a->bytes -= sizeof(ArenaChunk) + c->size;
        free(c);
    }
    if (a->head)
        a->head->used = m.used;
}

void arena_free(Arena *a)
{
    arena_rollback(a, (ArenaMark){NULL, 0});
}

bool ptrlist_push(PtrList *l, void *p)
{
    if (l->count == l->cap) {
        int cap = l->cap ? l->cap * 2 : 16;
        void **items = realloc(l->items, (size_t)cap * sizeof *items);
        if (!items)
            return false;
        l->items = items;
        l->cap = cap;
    }
    l->items[l->count++] = p;
    return true;
}
