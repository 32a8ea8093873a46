/* The benchmark's instrumentation hook: off by default, one line per mark
 * to an inherited descriptor or a file, and never a failure for the kiosk. */
#include "testkit.h"

#include "core/benchlog.h"
#include "core/clock.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void test_off(void **state)
{
    (void)state;
    BenchLog bl;
    assert_true(benchlog_open(&bl, NULL));
    assert_false(benchlog_on(&bl));
    assert_true(benchlog_open(&bl, ""));
    assert_false(benchlog_on(&bl));
    benchlog_mark(&bl, "first_present", 1); /* nothing, and no crash */
    benchlog_close(&bl);
}

static void test_descriptor(void **state)
{
    (void)state;
    int p[2];
    assert_int_equal(pipe(p), 0);
    char spec[16];
    snprintf(spec, sizeof spec, "%d", p[1]);
    BenchLog bl;
    assert_true(benchlog_open(&bl, spec));
    assert_true(benchlog_on(&bl));
    benchlog_mark(&bl, "first_present", 1234567);
    benchlog_mark(&bl, "door_ready", 18446744073709551615ull);
    benchlog_close(&bl);
    /* an inherited descriptor is the benchmark's to close */
    assert_true(fcntl(p[1], F_GETFL) >= 0);
    close(p[1]);
    char buf[128] = {0};
    ssize_t n = read(p[0], buf, sizeof buf - 1);
    close(p[0]);
    assert_true(n > 0);
    assert_string_equal(buf, "first_present 1234567\ndoor_ready 18446744073709551615\n");
}

static void test_file_and_bad_specs(void **state)
{
    (void)state;
    const char *path = tk_path("bench.log");
    BenchLog bl;
    assert_true(benchlog_open(&bl, path));
    uint64_t t = clock_mono_us();
    benchlog_mark(&bl, "checkin_present", t);
    benchlog_close(&bl);
    assert_true(benchlog_open(&bl, path)); /* appends */
    benchlog_mark(&bl, "checkin_present", t + 1);
    benchlog_close(&bl);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char name[32];
    unsigned long long a = 0, b = 0;
    assert_int_equal(fscanf(f, "%31s %llu", name, &a), 2);
    assert_string_equal(name, "checkin_present");
    assert_int_equal(fscanf(f, "%31s %llu", name, &b), 2);
    fclose(f);
    assert_int_equal(a, t);
    assert_int_equal(b, t + 1);
    /* the microseconds follow the milliseconds' clock */
    assert_true(t / 1000 <= clock_mono_ms());

    /* a closed descriptor or a folder that does not exist: off, and said so */
    assert_false(benchlog_open(&bl, "987654"));
    assert_false(benchlog_on(&bl));
    assert_false(benchlog_open(&bl, tk_path("no/such/folder/bench.log")));
    assert_false(benchlog_on(&bl));
    /* a descriptor open only for reading is no log either */
    int fd = open(path, O_RDONLY);
    char spec[16];
    snprintf(spec, sizeof spec, "%d", fd);
    assert_false(benchlog_open(&bl, spec));
    close(fd);
}

static void test_reader_gone(void **state)
{
    (void)state;
    int p[2];
    assert_int_equal(pipe(p), 0);
    close(p[0]);
    char spec[16];
    snprintf(spec, sizeof spec, "%d", p[1]);
    BenchLog bl;
    assert_true(benchlog_open(&bl, spec));
    benchlog_mark(&bl, "first_present", 1);
    assert_false(benchlog_on(&bl)); /* turned itself off */
    close(p[1]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_off),
        cmocka_unit_test(test_descriptor),
        cmocka_unit_test(test_file_and_bad_specs),
        cmocka_unit_test(test_reader_gone),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
