#include "sqlitefile.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Bytes {
    unsigned char *p;
    size_t n;
} Bytes;

static Bytes slurp(const char *path)
{
    Bytes b = {NULL, 0};
    FILE *f = fopen(path, "rb");
    if (!f)
        return b;
    size_t cap = 1 << 16;
    b.p = malloc(cap);
    size_t got;
    while (b.p && (got = fread(b.p + b.n, 1, cap - b.n, f)) > 0) {
        b.n += got;
        if (b.n == cap) {
            cap *= 2;
            unsigned char *q = realloc(b.p, cap);
            if (!q) {
                free(b.p);
                b.p = NULL;
            }
            b.p = q;
        }
    }
    fclose(f);
    return b;
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static unsigned be16(const unsigned char *p) { return (unsigned)p[0] << 8 | p[1]; }

/* A varint at p (at most end); returns its length, 0 when cut short. */
static int varint(const unsigned char *p, const unsigned char *end, uint64_t *v)
{
    *v = 0;
    for (int i = 0; i < 9; i++) {
        if (p + i >= end)
            return 0;
        if (i == 8) {
            *v = (*v << 8) | p[i];
            return 9;
        }
        *v = (*v << 7) | (p[i] & 0x7f);
        if (!(p[i] & 0x80))
            return i + 1;
    }
    return 0;
}

/* The database as one set of page images: the main file's, each replaced
 * by the newest WAL frame of the same page. */
typedef struct Image {
    Bytes main, wal;
    unsigned page_size;
    unsigned npages;
    const unsigned char **page; /* [1..npages] */
    int nframes;
    const unsigned char **frame_data;
    unsigned *frame_page;
} Image;

static const unsigned char *page_of(const Image *im, unsigned no)
{
    return no >= 1 && no <= im->npages ? im->page[no] : NULL;
}

static bool image_load(Image *im, const char *path, bool with_wal)
{
    memset(im, 0, sizeof *im);
    im->main = slurp(path);
    if (im->main.n < 100 || memcmp(im->main.p, "SQLite format 3", 16))
        return false;
    im->page_size = be16(im->main.p + 16);
    if (im->page_size == 1)
        im->page_size = 65536;
    if (im->page_size < 512)
        return false;
    unsigned npages = (unsigned)(im->main.n / im->page_size);
    if (with_wal) {
        char wal[4200];
        snprintf(wal, sizeof wal, "%s-wal", path);
        im->wal = slurp(wal);
    }
    /* the WAL's frames, in the order written; only those of its current
     * salt, as SQLite reads them */
    size_t fsize = 24 + (size_t)im->page_size;
    int maxframes = im->wal.n >= 32 ? (int)((im->wal.n - 32) / fsize) : 0;
    im->frame_data = calloc((size_t)maxframes + 1, sizeof *im->frame_data);
    im->frame_page = calloc((size_t)maxframes + 1, sizeof *im->frame_page);
    for (int i = 0; i < maxframes; i++) {
        const unsigned char *h = im->wal.p + 32 + (size_t)i * fsize;
        if (memcmp(h + 8, im->wal.p + 16, 8))
            break;
        im->frame_page[im->nframes] = be32(h);
        im->frame_data[im->nframes++] = h + 24;
        if (be32(h) > npages)
            npages = be32(h);
    }
    im->npages = npages;
    im->page = calloc((size_t)npages + 1, sizeof *im->page);
    for (unsigned i = 1; i * im->page_size <= im->main.n; i++)
        im->page[i] = im->main.p + (size_t)(i - 1) * im->page_size;
    for (int i = 0; i < im->nframes; i++)
        im->page[im->frame_page[i]] = im->frame_data[i];
    return true;
}

static void image_free(Image *im)
{
    free(im->main.p);
    free(im->wal.p);
    free(im->page);
    free(im->frame_data);
    free(im->frame_page);
}

/* Decodes a record into text columns. */
static int record_decode(const unsigned char *p, const unsigned char *end, SfRecord *r)
{
    uint64_t hsize;
    int k = varint(p, end, &hsize);
    if (!k || hsize > (uint64_t)(end - p))
        return -1;
    const unsigned char *h = p + k, *hend = p + hsize, *d = p + hsize;
    r->ncolumns = 0;
    while (h < hend && r->ncolumns < SF_MAX_COLUMNS) {
        uint64_t t;
        int m = varint(h, hend, &t);
        if (!m)
            return -1;
        h += m;
        char *out = r->column[r->ncolumns++];
        size_t len = 0;
        if (t == 0) {
            snprintf(out, 64, "NULL");
        } else if (t <= 6 || t == 8 || t == 9) {
            static const int sizes[] = {0, 1, 2, 3, 4, 6, 8};
            len = t <= 6 ? (size_t)sizes[t] : 0;
            if (d + len > end)
                return -1;
            int64_t v = 0;
            for (size_t i = 0; i < len; i++)
                v = (v << 8) | d[i];
            if (len && len < 8 && (d[0] & 0x80))
                v -= (int64_t)1 << (8 * len);
            if (t == 8)
                v = 0;
            if (t == 9)
                v = 1;
            snprintf(out, 64, "%lld", (long long)v);
        } else if (t == 7) {
            len = 8;
            snprintf(out, 64, "real");
        } else {
            len = (size_t)((t - 12) / 2);
            if (d + len > end)
                return -1;
            size_t c = len < 63 ? len : 63;
            memcpy(out, d, c);
            out[c] = '\0';
        }
        d += len;
    }
    return r->ncolumns;
}

typedef struct Cell {
    unsigned offset;
    SfRecord rec;
} Cell;

static int by_offset_desc(const void *a, const void *b)
{
    unsigned x = ((const Cell *)a)->offset, y = ((const Cell *)b)->offset;
    return x < y ? 1 : x > y ? -1 : 0;
}

/* The records of one b-tree page (its header at hdr), in the order their
 * bytes were written: from the end of the page towards its start. */
static int page_records(const unsigned char *page, unsigned page_size, unsigned hdr, Cell *cells,
                        int max)
{
    unsigned char type = page[hdr];
    if (type != 0x02 && type != 0x05 && type != 0x0a && type != 0x0d)
        return 0;
    bool leaf = type == 0x0a || type == 0x0d;
    unsigned n = be16(page + hdr + 3);
    const unsigned char *ptrs = page + hdr + (leaf ? 8 : 12), *end = page + page_size;
    int got = 0;
    for (unsigned i = 0; i < n && got < max; i++) {
        if (ptrs + 2 * i + 2 > end)
            break;
        unsigned off = be16(ptrs + 2 * i);
        if (off >= page_size)
            continue;
        const unsigned char *c = page + off;
        uint64_t size, key;
        int k;
        if (type == 0x05)
            continue; /* a table's interior cell holds no data */
        if (type == 0x02)
            c += 4;
        k = varint(c, end, &size);
        if (!k)
            continue;
        c += k;
        if (type == 0x0d) {
            int m = varint(c, end, &key);
            if (!m)
                continue;
            c += m;
        }
        const unsigned char *pend = c + size < end ? c + size : end;
        cells[got].offset = off;
        if (record_decode(c, pend, &cells[got].rec) > 0)
            got++;
    }
    qsort(cells, (size_t)got, sizeof *cells, by_offset_desc);
    return got;
}

/* Every page of the b-tree rooted at root, into set. */
static void tree_pages(const Image *im, unsigned root, bool *set, int depth)
{
    const unsigned char *page = page_of(im, root);
    if (!page || set[root] || depth > 32)
        return;
    set[root] = true;
    unsigned hdr = root == 1 ? 100 : 0;
    unsigned char type = page[hdr];
    if (type != 0x02 && type != 0x05)
        return;
    unsigned n = be16(page + hdr + 3);
    for (unsigned i = 0; i < n; i++) {
        unsigned off = be16(page + hdr + 12 + 2 * i);
        if (off + 4 <= im->page_size)
            tree_pages(im, be32(page + off), set, depth + 1);
    }
    tree_pages(im, be32(page + hdr + 8), set, depth + 1);
}

static void add(SfRecords *out, const char *where, const SfRecord *rec)
{
    if (out->n == out->cap) {
        out->cap = out->cap ? out->cap * 2 : 64;
        out->items = realloc(out->items, (size_t)out->cap * sizeof *out->items);
    }
    out->items[out->n] = *rec;
    snprintf(out->items[out->n].where, sizeof out->items[out->n].where, "%s", where);
    out->n++;
}

bool sf_read(const char *path, bool wal, const char *const *tables, SfRecords *out)
{
    Image im;
    if (!image_load(&im, path, wal)) {
        image_free(&im);
        return false;
    }
    /* the schema, from the newest image: which pages hold the tables */
    bool *schema = calloc((size_t)im.npages + 1, sizeof *schema);
    bool *set = calloc((size_t)im.npages + 1, sizeof *set);
    tree_pages(&im, 1, schema, 0);
    Cell *cells = malloc(4096 * sizeof *cells);
    for (unsigned p = 1; p <= im.npages; p++) {
        if (!schema[p] || !page_of(&im, p))
            continue;
        int n = page_records(page_of(&im, p), im.page_size, p == 1 ? 100 : 0, cells, 4096);
        for (int i = 0; i < n; i++) {
            const SfRecord *r = &cells[i].rec;
            if (r->ncolumns < 5)
                continue;
            /* the table and each of its indexes (tbl_name is the table's) */
            for (const char *const *t = tables; *t; t++)
                if (!strcmp(r->column[2], *t))
                    tree_pages(&im, (unsigned)atoi(r->column[3]), set, 0);
        }
    }
    /* the main file's pages, then the WAL's frames */
    char where[48];
    for (unsigned p = 1; p * im.page_size <= im.main.n; p++) {
        if (!set[p])
            continue;
        const unsigned char *page = im.main.p + (size_t)(p - 1) * im.page_size;
        int n = page_records(page, im.page_size, p == 1 ? 100 : 0, cells, 4096);
        for (int i = 0; i < n; i++) {
            snprintf(where, sizeof where, "main page %u @%u", p, cells[i].offset);
            add(out, where, &cells[i].rec);
        }
    }
    for (int f = 0; f < im.nframes; f++) {
        unsigned p = im.frame_page[f];
        if (p > im.npages || !set[p])
            continue;
        int n = page_records(im.frame_data[f], im.page_size, p == 1 ? 100 : 0, cells, 4096);
        for (int i = 0; i < n; i++) {
            snprintf(where, sizeof where, "wal frame %d page %u @%u", f + 1, p, cells[i].offset);
            add(out, where, &cells[i].rec);
        }
    }
    free(cells);
    free(schema);
    free(set);
    image_free(&im);
    return true;
}

void sf_free(SfRecords *r)
{
    free(r->items);
    memset(r, 0, sizeof *r);
}
