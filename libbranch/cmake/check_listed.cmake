# libbranch_check_listed(DIR PATTERN LIST…): fails the configure step, naming the file, when a file
# of DIR matching PATTERN (recursively; paths relative to DIR) is missing from the explicit source
# LIST. The lists are the build's sources; this only catches a file added without listing it,
# which would otherwise be silently left out of the build (and its tests of the test run).
include_guard(GLOBAL)
function(libbranch_check_listed dir pattern)
  file(GLOB_RECURSE _found RELATIVE "${dir}" "${dir}/${pattern}")
  foreach(_file IN LISTS _found)
    if(NOT _file IN_LIST ARGN)
      message(FATAL_ERROR "${dir}/${_file} is not in the source list of ${CMAKE_CURRENT_LIST_FILE}: add it there")
    endif()
  endforeach()
endfunction()
