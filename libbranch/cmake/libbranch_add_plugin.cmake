# libbranch_add_plugin(): builds a libbranch metric plugin. Works in the libbranch tree and, after
# find_package(libbranch), in any other project.
#
#   libbranch_add_plugin(NAME <name> SOURCES <src>...
#                        [INCLUDE_DIRECTORIES <dir>...] [LINK_LIBRARIES <lib>...]
#                        [OUTPUT_DIRECTORY <dir>] [INSTALL_DESTINATION <dir>] [NO_INSTALL])
#
# Makes three targets:
#   libbranch_<name>_objects  OBJECT library: the sources, compiled once (PIC, hidden visibility;
#                             LIBBRANCH_PLUGIN exports the plugin's entry points itself)
#   libbranch_<name>          MODULE library, the file libbranch_<name>.so, loaded at run time
#   libbranch_<name>_static   STATIC library of the same objects, for programs that link the plugin
#                             in (tests, the Python module); built only when something links it
#
# <name> must be the first argument of the LIBBRANCH_PLUGIN(<name>, ...) block in the sources: the
# loader refuses a file whose name disagrees with its record.
#
# The .so is written to OUTPUT_DIRECTORY (default: <project build dir>/lib/libbranch/plugins, the
# layout the installed library uses, so `--plugins <build>/lib/libbranch/plugins` finds it) and
# installed to INSTALL_DESTINATION (default: ${CMAKE_INSTALL_LIBDIR}/libbranch/plugins, the install's
# plugin folder that libbranch searches) unless NO_INSTALL. Its RPATH is $ORIGIN/../.., the core
# library's directory seen from <libdir>/libbranch/plugins.
include_guard(GLOBAL)
include(GNUInstallDirs)

function(libbranch_add_plugin)
  cmake_parse_arguments(PARSE_ARGV 0 ARG "NO_INSTALL"
    "NAME;OUTPUT_DIRECTORY;INSTALL_DESTINATION" "SOURCES;INCLUDE_DIRECTORIES;LINK_LIBRARIES")
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "libbranch_add_plugin: unknown arguments ${ARG_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT ARG_NAME)
    message(FATAL_ERROR "libbranch_add_plugin: NAME is required")
  endif()
  if(NOT ARG_NAME MATCHES "^[A-Za-z0-9_]+$")
    message(FATAL_ERROR "libbranch_add_plugin: NAME '${ARG_NAME}' must be a C identifier (the LIBBRANCH_PLUGIN name)")
  endif()
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "libbranch_add_plugin(${ARG_NAME}): SOURCES is required")
  endif()
  if(NOT TARGET libbranch::libbranch)
    message(FATAL_ERROR "libbranch_add_plugin(${ARG_NAME}): target libbranch::libbranch not found; call find_package(libbranch) first")
  endif()
  if(NOT ARG_OUTPUT_DIRECTORY)
    set(ARG_OUTPUT_DIRECTORY "${PROJECT_BINARY_DIR}/lib/libbranch/plugins")
  endif()
  if(NOT ARG_INSTALL_DESTINATION)
    set(ARG_INSTALL_DESTINATION "${CMAKE_INSTALL_LIBDIR}/libbranch/plugins")
  endif()

  set(_base "libbranch_${ARG_NAME}")
  add_library(${_base}_objects OBJECT ${ARG_SOURCES})
  target_link_libraries(${_base}_objects PUBLIC libbranch::libbranch ${ARG_LINK_LIBRARIES})
  if(ARG_INCLUDE_DIRECTORIES)
    target_include_directories(${_base}_objects PRIVATE ${ARG_INCLUDE_DIRECTORIES})
  endif()
  set_target_properties(${_base}_objects PROPERTIES
    POSITION_INDEPENDENT_CODE ON
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)

  add_library(${_base} MODULE $<TARGET_OBJECTS:${_base}_objects>)
  target_link_libraries(${_base} PRIVATE libbranch::libbranch ${ARG_LINK_LIBRARIES})
  set_target_properties(${_base} PROPERTIES
    PREFIX ""
    OUTPUT_NAME "${_base}"
    SUFFIX ".so"
    LIBRARY_OUTPUT_DIRECTORY "${ARG_OUTPUT_DIRECTORY}"
    INSTALL_RPATH "$ORIGIN/../..")
  # Undefined symbols are an error at link time, not at dlopen time. Not under sanitizers: clang
  # links their runtime into the executable only, so a plugin's __asan_* symbols resolve at dlopen.
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang" AND "${LIBBRANCH_SANITIZE}" STREQUAL "")
    target_link_options(${_base} PRIVATE "LINKER:--no-undefined")
  endif()

  add_library(${_base}_static STATIC EXCLUDE_FROM_ALL $<TARGET_OBJECTS:${_base}_objects>)
  target_link_libraries(${_base}_static PUBLIC libbranch::libbranch ${ARG_LINK_LIBRARIES})
  set_target_properties(${_base}_static PROPERTIES PREFIX "" OUTPUT_NAME "${_base}")  # libbranch_<name>.a

  if(NOT ARG_NO_INSTALL)
    install(TARGETS ${_base} LIBRARY DESTINATION "${ARG_INSTALL_DESTINATION}")
  endif()
endfunction()
