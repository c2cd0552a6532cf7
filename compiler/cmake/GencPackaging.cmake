# GencPackaging.cmake - `cpack -G DEB` in the build folder: a Debian package
# of what `cmake --install` puts in place, under /usr.
#
# Depends are the Debian packages of the libraries the installed genc loads
# (ldd build/bin/genc), plus a C++ compiler: train, sample and eval link the
# kernels into a shared library with c++. Building models from CMake
# (find_package(Genc)) needs Halide's and zlib's headers, hence Recommends.
set(CPACK_PACKAGE_NAME genc)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "Compiler for generative models (.gen -> MLIR gen dialect -> Halide)")
set(CPACK_PACKAGE_CONTACT "genc maintainers <genc@localhost>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "libllvm14, libmlir-14, libhalide14-0, zlib1g, libstdc++6, libgcc-s1, libc6, g++ | c++-compiler")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libhalide14-0-dev, zlib1g-dev, cmake")
include(CPack)
