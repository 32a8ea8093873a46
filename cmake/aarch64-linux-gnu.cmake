# Cross-building Hearth for arm64 (a Raspberry Pi 3, 4 or 5 on a 64-bit
# OS) on an amd64 Debian machine: Debian's cross compiler, and the arm64
# libraries unpacked into a sysroot of their own (./dev.sh arm64 makes it),
# never installed on the machine itself. The tests run under qemu-user.
#
#   cmake -S . -B build-arm64 -DCMAKE_TOOLCHAIN_FILE=cmake/aarch64-linux-gnu.cmake \
#         -DHEARTH_ARM64_SYSROOT=$PWD/build-arm64/sysroot
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)

if(NOT HEARTH_ARM64_SYSROOT)
  set(HEARTH_ARM64_SYSROOT "$ENV{HEARTH_ARM64_SYSROOT}")
endif()
if(NOT HEARTH_ARM64_SYSROOT OR NOT EXISTS "${HEARTH_ARM64_SYSROOT}/usr/include/SDL2/SDL.h")
  message(FATAL_ERROR "No arm64 sysroot at '${HEARTH_ARM64_SYSROOT}': ./dev.sh arm64 makes one")
endif()
# try_compile runs this file again in another folder: pass the path on
set(CMAKE_TRY_COMPILE_PLATFORM_VARIABLES HEARTH_ARM64_SYSROOT)
set(ENV{HEARTH_ARM64_SYSROOT} "${HEARTH_ARM64_SYSROOT}")

set(CMAKE_SYSROOT "${HEARTH_ARM64_SYSROOT}")
set(CMAKE_FIND_ROOT_PATH "${HEARTH_ARM64_SYSROOT}")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# pkg-config reads the sysroot's .pc files and prefixes their paths
set(ENV{PKG_CONFIG_LIBDIR}
    "${HEARTH_ARM64_SYSROOT}/usr/lib/aarch64-linux-gnu/pkgconfig:${HEARTH_ARM64_SYSROOT}/usr/share/pkgconfig")
set(ENV{PKG_CONFIG_PATH} "")
set(ENV{PKG_CONFIG_SYSROOT_DIR} "${HEARTH_ARM64_SYSROOT}")

# ctest runs each test program through qemu-user, with the sysroot as the
# arm64 root (its loader and libraries); files it lacks, such as the fonts
# and the test data, come from the machine itself.
find_program(HEARTH_QEMU_AARCH64 NAMES qemu-aarch64-static qemu-aarch64 REQUIRED)
set(CMAKE_CROSSCOMPILING_EMULATOR "${HEARTH_QEMU_AARCH64};-L;${HEARTH_ARM64_SYSROOT}")
