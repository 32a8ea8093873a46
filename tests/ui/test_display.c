/* What the kiosk decides about its display at start (app/ui/display.c):
 * whether to wait for a window manager, and whether to draw with a GPU. */
#include "harness.h"

#include "ui/display.h"

#include <string.h>

/* The strings Mesa and the GPU drivers answer GL_RENDERER with. */
static void test_gl_in_software_is_told_apart(void **state)
{
    (void)state;
    assert_true(display_gl_is_software("llvmpipe (LLVM 15.0.6, 256 bits)"));
    assert_true(display_gl_is_software("softpipe"));
    assert_true(display_gl_is_software("Mesa X11 (swrast)"));
    assert_true(display_gl_is_software("Software Rasterizer"));
    assert_false(display_gl_is_software("V3D 4.2"));        /* a Raspberry Pi 4 */
    assert_false(display_gl_is_software("V3D 7.1"));        /* a Raspberry Pi 5 */
    assert_false(display_gl_is_software("VC4 V3D 2.1"));    /* a Pi 3 */
    assert_false(display_gl_is_software("Mali-G52 (Panfrost)"));
    assert_false(display_gl_is_software("Mesa Intel(R) UHD Graphics 620 (KBL GT2)"));
    assert_false(display_gl_is_software(""));
    assert_false(display_gl_is_software(NULL));
}

/* Where there is no GL (SDL's dummy driver here, a board without a GPU
 * driver in a clinic), the kiosk still gets a renderer, the software one,
 * decided once and the same for a second window; and no window manager
 * is waited for. */
static void test_no_gpu_means_the_software_renderer(void **state)
{
    (void)state;
    if (!SDL_WasInit(SDL_INIT_VIDEO))
        assert_int_equal(SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS), 0);
    SDL_Window *a = SDL_CreateWindow("Hearth", 0, 0, 640, 400, SDL_WINDOW_HIDDEN);
    SDL_Window *b = SDL_CreateWindow("Hearth", 0, 0, 640, 400, SDL_WINDOW_HIDDEN);
    assert_non_null(a);
    assert_non_null(b);
    assert_false(display_has_window_manager(a));
    DisplayChoice choice = {0};
    SDL_Renderer *ra = display_renderer_new(a, &choice);
    assert_non_null(ra);
    assert_true(choice.decided);
    assert_false(choice.gpu);
    SDL_RendererInfo info;
    assert_int_equal(SDL_GetRendererInfo(ra, &info), 0);
    assert_string_equal(info.name, "software");
    SDL_Renderer *rb = display_renderer_new(b, &choice);
    assert_non_null(rb);
    assert_int_equal(SDL_GetRendererInfo(rb, &info), 0);
    assert_string_equal(info.name, "software");
    SDL_DestroyRenderer(rb);
    SDL_DestroyRenderer(ra);
    SDL_DestroyWindow(b);
    SDL_DestroyWindow(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gl_in_software_is_told_apart),
        cmocka_unit_test(test_no_gpu_means_the_software_renderer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
