# GencInstall.cmake - `cmake --install` and the find_package(Genc) package.
#
# Installs the user-facing tools, Genc::Runtime (the library and its
# headers) and the CMake package: GencConfig.cmake, GencConfigVersion.cmake,
# the exported GencTargets.cmake and GencAddModel.cmake. The package finds
# everything relative to its own folder, so an installed prefix can move.
# The build tree holds the same package, for -DGenc_DIR=<genc build dir>.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(GENC_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/Genc)
set(GENC_TOOLS genc genc-opt genc-translate genc-compare genc-run)

# The tools find libMLIR in /usr/lib/llvm-14/lib, outside the loader's path.
set_target_properties(${GENC_TOOLS} PROPERTIES INSTALL_RPATH_USE_LINK_PATH ON)
install(TARGETS ${GENC_TOOLS} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

set_target_properties(GencRuntime PROPERTIES EXPORT_NAME Runtime)
install(TARGETS GencRuntime EXPORT GencTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${GENC_SOURCE_DIR}/runtime/include/genc
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT GencTargets NAMESPACE Genc:: DESTINATION ${GENC_INSTALL_CMAKEDIR})
export(EXPORT GencTargets NAMESPACE Genc:: FILE ${GENC_BINARY_DIR}/GencTargets.cmake)

# 0.x: a minor version may break what the one before it offered.
write_basic_package_version_file(${GENC_BINARY_DIR}/GencConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
# GencConfig.cmake twice: for the install tree, and for the build tree.
set(GENC_EXECUTABLE ${CMAKE_INSTALL_BINDIR}/genc)
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/GencConfig.cmake.in
                              ${GENC_BINARY_DIR}/install/GencConfig.cmake
                              INSTALL_DESTINATION ${GENC_INSTALL_CMAKEDIR}
                              PATH_VARS GENC_EXECUTABLE)
set(GENC_EXECUTABLE bin/genc)
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/GencConfig.cmake.in
                              ${GENC_BINARY_DIR}/GencConfig.cmake
                              INSTALL_DESTINATION ${GENC_BINARY_DIR}
                              INSTALL_PREFIX ${GENC_BINARY_DIR}
                              PATH_VARS GENC_EXECUTABLE)
configure_file(${CMAKE_CURRENT_LIST_DIR}/GencAddModel.cmake ${GENC_BINARY_DIR}/GencAddModel.cmake
               COPYONLY)
install(FILES ${GENC_BINARY_DIR}/install/GencConfig.cmake
              ${GENC_BINARY_DIR}/GencConfigVersion.cmake
              ${CMAKE_CURRENT_LIST_DIR}/GencAddModel.cmake
        DESTINATION ${GENC_INSTALL_CMAKEDIR})
