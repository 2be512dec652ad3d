# Installs the library, its headers, the CMake package (libbranch::libbranch) and a pkg-config file.
include(CMakePackageConfigHelpers)

set(LIBBRANCH_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/libbranch")

install(TARGETS libbranch EXPORT libbranchTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY "${PROJECT_SOURCE_DIR}/libbranch/include/libbranch" DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT libbranchTargets NAMESPACE libbranch:: DESTINATION ${LIBBRANCH_CMAKE_DIR})

configure_package_config_file("${CMAKE_CURRENT_LIST_DIR}/libbranchConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/libbranchConfig.cmake" INSTALL_DESTINATION ${LIBBRANCH_CMAKE_DIR})
write_basic_package_version_file("${PROJECT_BINARY_DIR}/libbranchConfigVersion.cmake"
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES "${PROJECT_BINARY_DIR}/libbranchConfig.cmake" "${PROJECT_BINARY_DIR}/libbranchConfigVersion.cmake"
  "${CMAKE_CURRENT_LIST_DIR}/libbranch_add_plugin.cmake"
  DESTINATION ${LIBBRANCH_CMAKE_DIR})

# pkg-config: the prefix is computed from the .pc file's location so the install can be moved.
configure_file("${CMAKE_CURRENT_LIST_DIR}/libbranch.pc.in" "${PROJECT_BINARY_DIR}/libbranch.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/libbranch.pc" DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

# Data that ships with the library: the sample dataset (and, later, the default rubric).
install(DIRECTORY "${PROJECT_SOURCE_DIR}/examples/county_court/" DESTINATION ${CMAKE_INSTALL_DATADIR}/libbranch/examples/county_court
  FILES_MATCHING PATTERN "*.csv" PATTERN "README.md")
