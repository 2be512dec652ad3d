#pragma once
// LIBBRANCH_API marks what libbranch.so exports: the library is built with hidden visibility by
// default (CMake CXX_VISIBILITY_PRESET hidden, VISIBILITY_INLINES_HIDDEN), so only declarations
// carrying this macro are visible to programs, plugins and the Python module — the public API of
// <libbranch/...>. Classes are marked when they have members defined in the library, virtual
// functions or are exceptions: their typeinfo must be one object across the .so boundary, so that
// `catch (const libbranch::RubricError&)` in a plugin, the CLI or Python catches what the core threw.
// On ELF, building and using the library need the same attribute; LIBBRANCH_BUILDING (CMake
// DEFINE_SYMBOL) is defined while building it, for platforms where they differ.
#if defined(_WIN32)
#if defined(LIBBRANCH_BUILDING)
#define LIBBRANCH_API __declspec(dllexport)
#else
#define LIBBRANCH_API __declspec(dllimport)
#endif
#else
#define LIBBRANCH_API __attribute__((visibility("default")))
#endif
