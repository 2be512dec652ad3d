# Sanitizer and fuzzing builds (docs: README "Tests"). The flags apply to every target of the tree
# (library, CLI, plugins, tests), since the library dlopen()s the plugins: an instrumented core with
# uninstrumented plugins would miss their bugs and, for TSan, report false races.
#
#   -DLIBBRANCH_SANITIZE=address,undefined   ASan + UBSan, every finding fatal (gcc or clang)
#   -DLIBBRANCH_SANITIZE=thread              TSan (gcc or clang)
#   -DLIBBRANCH_FUZZ=ON                      libFuzzer targets in tests/fuzz (clang only; implies
#                                            address,undefined unless LIBBRANCH_SANITIZE says otherwise)
set(LIBBRANCH_SANITIZE "" CACHE STRING "Sanitizers for the whole tree: address,undefined | thread | empty")
option(LIBBRANCH_FUZZ "Build the libFuzzer targets of tests/fuzz (requires clang)" OFF)

if(LIBBRANCH_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "LIBBRANCH_FUZZ=ON needs clang (libFuzzer), but the C++ compiler is "
                        "${CMAKE_CXX_COMPILER_ID} ${CMAKE_CXX_COMPILER}. Configure a fresh build directory with "
                        "CXX=clang++-14 (Debian: apt-get install clang-14 libclang-rt-14-dev).")
  endif()
  if(LIBBRANCH_SANITIZE STREQUAL "")
    set(LIBBRANCH_SANITIZE "address,undefined" CACHE STRING "" FORCE)
  endif()
endif()

if(NOT LIBBRANCH_SANITIZE STREQUAL "")
  string(REPLACE "," ";" _lb_sanitizers "${LIBBRANCH_SANITIZE}")
  foreach(_s IN LISTS _lb_sanitizers)
    if(NOT _s MATCHES "^(address|undefined|thread)$")
      message(FATAL_ERROR "LIBBRANCH_SANITIZE: unknown sanitizer '${_s}' (address, undefined, thread)")
    endif()
  endforeach()
  if("thread" IN_LIST _lb_sanitizers AND "address" IN_LIST _lb_sanitizers)
    message(FATAL_ERROR "LIBBRANCH_SANITIZE: thread and address cannot be combined")
  endif()
  if(LIBBRANCH_BUILD_PYTHON)
    # The module would be loaded by an uninstrumented python3, which needs the sanitizer runtime
    # LD_PRELOADed and then reports the interpreter's own leaks: C++ only.
    message(FATAL_ERROR "LIBBRANCH_SANITIZE needs -DLIBBRANCH_BUILD_PYTHON=OFF (the sanitizer build is C++ only)")
  endif()
  set(_lb_san_flags "-fsanitize=${LIBBRANCH_SANITIZE}" -fno-omit-frame-pointer -g)
  if(NOT "thread" IN_LIST _lb_sanitizers)
    list(APPEND _lb_san_flags -fno-sanitize-recover=all)
  endif()
  if(LIBBRANCH_FUZZ)
    # Coverage instrumentation everywhere; only the fuzz targets link libFuzzer's main.
    list(APPEND _lb_san_flags -fsanitize=fuzzer-no-link)
  endif()
  add_compile_options(${_lb_san_flags})
  add_link_options("-fsanitize=${LIBBRANCH_SANITIZE}")
  message(STATUS "libbranch: sanitizers ${LIBBRANCH_SANITIZE}")
endif()
