/* app/camera: reading real passes off camera frames (turned, blurred,
 * noisy, faint, small), nothing read off a frame with no code, the
 * debounce, the V4L2 format handling and its errors without a device, and
 * the reader's thread end to end on scripted frames. */
#include "testkit.h"

#include "camera/camera_internal.h"
#include "core/pass.h"
#include "passframe.h"

#include <fcntl.h>
#include <linux/videodev2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A pass as core/pass formats it, from a fixed sequence of secrets (so a
 * failure can be replayed: every pass draws a different QR pattern, and
 * ZBar's margins differ a little between patterns). */
static void new_payload(char out[PASS_PAYLOAD_SIZE])
{
    static uint64_t state = 0x4845415254485121ull;
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    PassSecret s;
    memcpy(s.bytes, &z, 8);
    s.bytes[8] = (unsigned char)(z >> 13);
    s.bytes[9] = (unsigned char)(z >> 41) & 0xE0;
    pass_format_payload(&s, out);
}

/* Each look is read off this many different passes. */
#define PASSES 6

/* Renders the pass with a look, reads it, and says what came out. */
static int read_look(QrScanner *q, const char *payload, const PassFrameLook *look, char *out,
                     size_t n, const char *what)
{
    GreyImage img;
    if (!passframe_render(payload, look, &img))
        fail_msg("%s: cannot render the frame", what);
    int found = qrscan_grey(q, &img, out, n);
    free(img.px);
    return found;
}

static void expect_read(QrScanner *q, const char *payload, const PassFrameLook *look,
                        const char *what)
{
    char out[CAMERA_PAYLOAD_MAX + 1];
    int found = read_look(q, payload, look, out, sizeof out, what);
    if (found != 1)
        fail_msg("%s: expected 1 code, got %d", what, found);
    if (strcmp(out, payload) != 0)
        fail_msg("%s: expected the pass payload back, got \"%s\"", what, out);
    /* and what was read is the pass: the door's own parser accepts it */
    PassSecret s;
    assert_int_equal(pass_parse(out, strlen(out), &s), PASS_OK);
}

/* The look read off several passes: every one comes back. */
static void expect_look(QrScanner *q, const PassFrameLook *look, const char *what)
{
    for (int i = 0; i < PASSES; i++) {
        char payload[PASS_PAYLOAD_SIZE], name[96];
        new_payload(payload);
        snprintf(name, sizeof name, "%s, pass %d", what, i + 1);
        expect_read(q, payload, look, name);
    }
}

static void test_reads_upright_and_turned(void **state)
{
    (void)state;
    QrScanner *q = qrscan_new();
    assert_non_null(q);
    static const float angles[] = {0, 7, 30, 45, 90, 135, 180, 222, 270, 333};
    for (size_t i = 0; i < sizeof angles / sizeof angles[0]; i++) {
        PassFrameLook l = passframe_plain();
        l.angle_deg = angles[i];
        char what[64];
        snprintf(what, sizeof what, "turned %.0f degrees", (double)angles[i]);
        expect_look(q, &l, what);
    }
    qrscan_free(q);
}

static void test_reads_poor_pictures(void **state)
{
    (void)state;
    QrScanner *q = qrscan_new();

    PassFrameLook l = passframe_plain();
    l.blur = 2; /* out of focus: edges spread over about four pixels */
    expect_look(q, &l, "blurred");

    l = passframe_plain();
    l.noise = 45; /* a dim room: grainy sensor */
    l.seed = 7;
    expect_look(q, &l, "noisy");

    l = passframe_plain();
    l.dark = 105; /* a glossy card under a window: grey on light grey */
    l.light = 150;
    l.background = 128;
    expect_look(q, &l, "low contrast");

    l = passframe_plain();
    l.module_px = 2.6f; /* held far away: the code is about a tenth of the frame */
    l.cx = 0.3f;
    l.cy = 0.7f;
    expect_look(q, &l, "small in the frame");

    l = passframe_plain();
    l.angle_deg = 24;
    l.blur = 1;
    l.noise = 15;
    l.seed = 11;
    l.dark = 60;
    l.light = 200;
    l.module_px = 5.5f;
    expect_look(q, &l, "turned, blurred, noisy and faint at once");

    /* a portrait camera */
    l = passframe_plain();
    l.w = 480;
    l.h = 640;
    l.angle_deg = 300;
    expect_look(q, &l, "portrait frame");
    qrscan_free(q);
}

static void test_second_look_reads_what_the_first_misses(void **state)
{
    (void)state;
    /* Faint and grainy: ZBar alone sees nothing; the cleaned look reads it.
     * This is why the reader alternates the two. */
    QrScanner *q = qrscan_new();
    PassFrameLook l = passframe_plain();
    l.dark = 110;
    l.light = 146;
    l.background = 128;
    l.noise = 7;
    l.angle_deg = 33;
    for (int i = 0; i < PASSES; i++) {
        char payload[PASS_PAYLOAD_SIZE];
        new_payload(payload);
        GreyImage img;
        assert_true(passframe_render(payload, &l, &img));
        char out[CAMERA_PAYLOAD_MAX + 1];
        assert_int_equal(qrscan_grey_look(q, &img, 0, out, sizeof out), 0);
        assert_int_equal(qrscan_grey_look(q, &img, 1, out, sizeof out), 1);
        assert_string_equal(out, payload);
        free(img.px);
    }
    qrscan_free(q);
}

static void test_no_code_reads_nothing(void **state)
{
    (void)state;
    QrScanner *q = qrscan_new();
    for (uint32_t seed = 1; seed <= 6; seed++) {
        GreyImage img;
        passframe_junk(640, 480, seed, &img);
        assert_non_null(img.px);
        char out[CAMERA_PAYLOAD_MAX + 1] = "unchanged";
        int found = qrscan_grey(q, &img, out, sizeof out);
        free(img.px);
        if (found != 0)
            fail_msg("junk frame %u: expected nothing, got %d codes (\"%s\")", seed, found, out);
        assert_string_equal(out, "");
    }
    /* a flat grey frame, and a frame of one pixel */
    uint8_t flat[64 * 48];
    memset(flat, 128, sizeof flat);
    GreyImage img = {64, 48, flat};
    char out[16];
    assert_int_equal(qrscan_grey(q, &img, out, sizeof out), 0);
    GreyImage none = {0, 0, NULL};
    assert_int_equal(qrscan_grey(q, &none, out, sizeof out), -1);
    qrscan_free(q);
}

static void test_reads_other_codes_as_they_are(void **state)
{
    (void)state;
    /* A QR that is not a pass comes out as it is: the door's check-in path
     * then says "not recognized", as for a scanner. */
    QrScanner *q = qrscan_new();
    PassFrameLook l = passframe_plain();
    char out[CAMERA_PAYLOAD_MAX + 1];
    assert_int_equal(read_look(q, "https://example.com/menu", &l, out, sizeof out, "url"), 1);
    assert_string_equal(out, "https://example.com/menu");
    /* a payload longer than the door would take is dropped */
    char longtext[400];
    memset(longtext, 'A', sizeof longtext - 1);
    longtext[sizeof longtext - 1] = '\0';
    l.module_px = 4;
    assert_int_equal(read_look(q, longtext, &l, out, sizeof out, "long"), 0);
    qrscan_free(q);
}

static void test_debounce(void **state)
{
    (void)state;
    CameraDebounce d;
    camera_debounce_init(&d, 3000, 700);
    /* the same card on frame after frame, ten a second: counts once */
    assert_true(camera_debounce_accept(&d, "HRT1AAAA", 1000));
    for (uint64_t t = 1100; t < 9000; t += 100)
        assert_false(camera_debounce_accept(&d, "HRT1AAAA", t));
    /* taken away for a second and shown again: counts */
    assert_true(camera_debounce_accept(&d, "HRT1AAAA", 10000));
    /* away and back, but within the hold: not yet */
    assert_false(camera_debounce_accept(&d, "HRT1AAAA", 11500));
    assert_true(camera_debounce_accept(&d, "HRT1AAAA", 14600));
    /* another card counts at once, and the first is still remembered */
    assert_true(camera_debounce_accept(&d, "HRT1BBBB", 14700));
    assert_false(camera_debounce_accept(&d, "HRT1AAAA", 14800));
    /* more cards than slots: the stalest is forgotten, never a crash */
    assert_true(camera_debounce_accept(&d, "HRT1CCCC", 20000));
    assert_true(camera_debounce_accept(&d, "HRT1DDDD", 20000));
    assert_true(camera_debounce_accept(&d, "HRT1EEEE", 20000));
    assert_true(camera_debounce_accept(&d, "HRT1FFFF", 20000));
    assert_false(camera_debounce_accept(&d, "HRT1FFFF", 20100));
    /* nothing, and clearing forgets */
    assert_false(camera_debounce_accept(&d, "", 30000));
    assert_false(camera_debounce_accept(&d, NULL, 30000));
    camera_debounce_clear(&d);
    assert_true(camera_debounce_accept(&d, "HRT1FFFF", 20200));
    assert_int_equal(d.hold_ms, 3000);
}

static void test_format_choice(void **state)
{
    (void)state;
    /* a typical webcam: MJPEG and YUYV: YUYV, no JPEG decoder needed */
    uint32_t webcam[] = {V4L2_PIX_FMT_MJPEG, V4L2_PIX_FMT_YUYV};
    assert_int_equal(v4l2_pick_format(webcam, 2), V4L2_PIX_FMT_YUYV);
    uint32_t mono[] = {V4L2_PIX_FMT_YUYV, V4L2_PIX_FMT_GREY};
    assert_int_equal(v4l2_pick_format(mono, 2), V4L2_PIX_FMT_GREY);
    uint32_t planar[] = {V4L2_PIX_FMT_RGB24, V4L2_PIX_FMT_NV12};
    assert_int_equal(v4l2_pick_format(planar, 2), V4L2_PIX_FMT_NV12);
    /* only compressed or raw Bayer: not used */
    uint32_t jpeg_only[] = {V4L2_PIX_FMT_MJPEG, V4L2_PIX_FMT_SBGGR10, V4L2_PIX_FMT_H264};
    assert_int_equal(v4l2_pick_format(jpeg_only, 3), 0);
    assert_int_equal(v4l2_pick_format(NULL, 0), 0);

    char err[200];
    assert_true(v4l2_check_format(V4L2_PIX_FMT_YUYV, 640, 480, 1280, 640 * 480 * 2, err,
                                  sizeof err));
    assert_false(v4l2_check_format(V4L2_PIX_FMT_YUYV, 640, 480, 640, 640 * 480 * 2, err,
                                   sizeof err));
    assert_non_null(strstr(err, "rows are 640 bytes"));
    assert_false(v4l2_check_format(V4L2_PIX_FMT_GREY, 640, 480, 640, 1000, err, sizeof err));
    assert_non_null(strstr(err, "too short"));
    assert_false(v4l2_check_format(V4L2_PIX_FMT_GREY, 8, 8, 8, 64, err, sizeof err));
    assert_false(v4l2_check_format(V4L2_PIX_FMT_MJPEG, 640, 480, 0, 100000, err, sizeof err));
    assert_non_null(strstr(err, "no picture format"));
}

static void test_grey_conversion(void **state)
{
    (void)state;
    /* 4 x 2 pixels, rows padded to 12 bytes */
    enum { W = 4, H = 2, BPL = 12 };
    uint8_t yuyv[BPL * H], uyvy[BPL * H], grey[BPL * H], out[W * H];
    memset(yuyv, 0xEE, sizeof yuyv);
    memset(uyvy, 0xEE, sizeof uyvy);
    memset(grey, 0xEE, sizeof grey);
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            uint8_t luma = (uint8_t)(10 * (y * W + x) + 5);
            yuyv[y * BPL + 2 * x] = luma;
            yuyv[y * BPL + 2 * x + 1] = 128; /* U or V */
            uyvy[y * BPL + 2 * x + 1] = luma;
            uyvy[y * BPL + 2 * x] = 128;
            grey[y * BPL + x] = luma;
        }
    const uint8_t want[W * H] = {5, 15, 25, 35, 45, 55, 65, 75};
    assert_true(v4l2_to_grey(V4L2_PIX_FMT_YUYV, yuyv, sizeof yuyv, W, H, BPL, out));
    assert_memory_equal(out, want, sizeof want);
    memset(out, 0, sizeof out);
    assert_true(v4l2_to_grey(V4L2_PIX_FMT_UYVY, uyvy, sizeof uyvy, W, H, BPL, out));
    assert_memory_equal(out, want, sizeof want);
    memset(out, 0, sizeof out);
    assert_true(v4l2_to_grey(V4L2_PIX_FMT_GREY, grey, sizeof grey, W, H, BPL, out));
    assert_memory_equal(out, want, sizeof want);
    /* NV12: the luma plane first, then chroma we ignore */
    assert_true(v4l2_to_grey(V4L2_PIX_FMT_NV12, grey, sizeof grey, W, H, BPL, out));
    assert_memory_equal(out, want, sizeof want);
    /* a frame cut short is refused, not read past its end (ASan watches) */
    uint8_t *cut = malloc(BPL + 2 * W - 1);
    memcpy(cut, yuyv, BPL + 2 * W - 1);
    assert_false(v4l2_to_grey(V4L2_PIX_FMT_YUYV, cut, BPL + 2 * W - 1, W, H, BPL, out));
    free(cut);
    assert_false(v4l2_to_grey(V4L2_PIX_FMT_MJPEG, yuyv, sizeof yuyv, W, H, BPL, out));
    assert_false(v4l2_to_grey(V4L2_PIX_FMT_YUYV, yuyv, sizeof yuyv, W, H, W, out));
}

static void expect_open_error(const char *path, const char *phrase)
{
    char err[320] = "";
    V4l2Device *d = v4l2_open(path, 640, 480, err, sizeof err);
    if (d)
        fail_msg("%s opened as a camera", path);
    if (!strstr(err, phrase) || !strstr(err, path))
        fail_msg("%s: expected a sentence with \"%s\" and the path, got \"%s\"", path, phrase,
                 err);
    char why[320] = "";
    assert_false(v4l2_probe(path, why, sizeof why));
    assert_string_equal(why, err);
}

static void test_device_errors(void **state)
{
    (void)state;
    expect_open_error("/dev/hearth-no-such-camera", "Cannot open the camera");
    expect_open_error("/dev/null", "is not a video device");
    const char *file = tk_path("video0");
    FILE *f = fopen(file, "w");
    assert_non_null(f);
    fputs("not a camera\n", f);
    fclose(f);
    expect_open_error(file, "not a device");
    mkdir(tk_path("video1"), 0700);
    expect_open_error(tk_path("video1"), "Cannot open the camera");

    /* probing: regular files and folders named like cameras are not ones */
    char pattern[600], found[256] = "";
    snprintf(pattern, sizeof pattern, "%s/video*", tk_tmpdir());
    assert_false(camera_find(pattern, found, sizeof found));
    snprintf(pattern, sizeof pattern, "%s/nothing-here*", tk_tmpdir());
    assert_false(camera_find(pattern, found, sizeof found));
    assert_string_equal(found, "");
}

/* Waits (a bounded real time: the reader is a thread) for cond. */
#define WAIT_FOR(cond)                                                                     \
    do {                                                                                   \
        int tries_ = 0;                                                                    \
        while (!(cond) && tries_++ < 2000)                                                 \
            usleep(5000);                                                                  \
    } while (0)

static void test_reader_on_frames(void **state)
{
    (void)state;
    char payload[PASS_PAYLOAD_SIZE];
    new_payload(payload);
    GreyImage frames[2];
    passframe_junk(640, 480, 3, &frames[0]);
    PassFrameLook l = passframe_plain();
    l.angle_deg = 15;
    assert_true(passframe_render(payload, &l, &frames[1]));
    CameraSource *src = camera_source_frames(frames, 2, 20);
    free(frames[0].px);
    free(frames[1].px);
    assert_non_null(src);

    CameraReader *r = camera_reader_start(src, 160, NULL, NULL);
    assert_non_null(r);
    char got[CAMERA_PAYLOAD_MAX + 1] = "";
    WAIT_FOR(camera_reader_take(r, got, sizeof got));
    assert_string_equal(got, payload);
    /* the preview is the frame shrunk to the width asked for */
    uint8_t px[160 * 160];
    GreyImage prev = {0, 0, px};
    unsigned seq = 0;
    WAIT_FOR(camera_reader_preview(r, &prev, &seq));
    assert_int_equal(prev.w, 160);
    assert_int_equal(prev.h, 120);
    assert_true(seq > 0);
    assert_false(camera_reader_failed(r, NULL, 0));
    camera_reader_stop(r);
    camera_source_free(src);
}

static void test_reader_without_a_camera(void **state)
{
    (void)state;
    /* the device is opened in the thread: the failure shows, the UI never
     * blocks, and stopping is clean */
    static const char *const paths[] = {"/dev/hearth-no-such-camera", "/dev/null"};
    for (int i = 0; i < 2; i++) {
        CameraSource *src = camera_source_device(paths[i]);
        CameraReader *r = camera_reader_start(src, 160, NULL, NULL);
        assert_non_null(r);
        char err[320] = "";
        WAIT_FOR(camera_reader_failed(r, err, sizeof err));
        assert_true(camera_reader_failed(r, err, sizeof err));
        assert_non_null(strstr(err, paths[i]));
        char got[64];
        assert_false(camera_reader_take(r, got, sizeof got));
        camera_reader_stop(r);
        camera_source_free(src);
    }
    camera_reader_stop(NULL);
    camera_source_free(NULL);
    assert_null(camera_reader_start(NULL, 160, NULL, NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reads_upright_and_turned),
        cmocka_unit_test(test_reads_poor_pictures),
        cmocka_unit_test(test_second_look_reads_what_the_first_misses),
        cmocka_unit_test(test_no_code_reads_nothing),
        cmocka_unit_test(test_reads_other_codes_as_they_are),
        cmocka_unit_test(test_debounce),
        cmocka_unit_test(test_format_choice),
        cmocka_unit_test(test_grey_conversion),
        cmocka_unit_test(test_device_errors),
        cmocka_unit_test(test_reader_on_frames),
        cmocka_unit_test(test_reader_without_a_camera),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
