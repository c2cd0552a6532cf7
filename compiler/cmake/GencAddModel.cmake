# GencAddModel.cmake - build a .gen model into a library, like Halide's
# add_halide_library.
#
#   genc_add_model(<name> FROM <model.gen>
#                  [TARGET host|host-cuda] [BATCH <n>] [SHARES <n>] [STMT <var>])
#
# Runs `genc compile` at build time (again only when the model changes) and
# defines the STATIC library target <name>: link it and #include "<name>.h"
# (its include directory is INTERFACE). The header declares namespace <name>
# with class Model, a genc::rt::Model (parameters, optimizer state,
# save/load) with one method per training step, step loss and net; the
# runtime's train() runs the model's train clause over a genc::rt::Data. STMT <var> also writes the pipelines' loop nests and
# sets <var> to that file in the caller's scope. SHARES <n> compiles each
# step as data-parallel halves for n processes instead of whole (the
# program passes genc::rt::joinLaunchedProcesses() to train() in
# TrainOptions::processes and runs under mpirun -np n; GENC_MPI_PLUGIN names
# <genc prefix>/lib/genc/libgenc-mpi.so: docs/distributed.md).
#
# Needs GENC_EXECUTABLE and Genc::Runtime (set by GencConfig.cmake).

find_package(Threads REQUIRED)

function(genc_add_model NAME)
  cmake_parse_arguments(ARG "" "FROM;TARGET;BATCH;SHARES;STMT" "" ${ARGN})
  if(NOT ARG_FROM)
    message(FATAL_ERROR "genc_add_model(${NAME}): FROM <model.gen> is required")
  endif()
  if(NOT ARG_TARGET)
    set(ARG_TARGET host)
  endif()
  get_filename_component(source "${ARG_FROM}" ABSOLUTE)
  set(dir "${CMAKE_CURRENT_BINARY_DIR}/${NAME}.genc")
  set(outputs "${dir}/${NAME}.h" "${dir}/${NAME}_kernels.h" "${dir}/${NAME}_kernels.a"
              "${dir}/${NAME}_runtime.a" "${dir}/${NAME}.manifest.json")
  set(flags "--target=${ARG_TARGET}" "--name=${NAME}")
  if(ARG_BATCH)
    list(APPEND flags "--batch=${ARG_BATCH}")
  endif()
  if(ARG_SHARES)
    list(APPEND flags "--shares=${ARG_SHARES}")
  endif()
  if(ARG_STMT)
    list(APPEND outputs "${dir}/${NAME}.stmt")
    list(APPEND flags --emit-stmt)
    set(${ARG_STMT} "${dir}/${NAME}.stmt" PARENT_SCOPE)
  endif()
  add_custom_command(
    OUTPUT ${outputs}
    COMMAND "${GENC_EXECUTABLE}" compile "${source}" -o "${dir}" ${flags}
    DEPENDS "${source}" "${GENC_EXECUTABLE}"
    COMMENT "genc: compiling ${NAME} from ${ARG_FROM}"
    VERBATIM)
  # One translation unit that includes the header: the library's object,
  # and a compile check of the generated code.
  set(glue "${dir}/${NAME}_model.cpp")
  file(MAKE_DIRECTORY "${dir}")
  file(WRITE "${glue}.in" "#include \"${NAME}.h\"\n")
  configure_file("${glue}.in" "${glue}" COPYONLY)
  add_library(${NAME} STATIC "${glue}" "${dir}/${NAME}.h")
  target_compile_features(${NAME} PUBLIC cxx_std_17)
  target_include_directories(${NAME} PUBLIC "${dir}")
  target_link_libraries(${NAME} PUBLIC "${dir}/${NAME}_kernels.a" "${dir}/${NAME}_runtime.a"
                        Genc::Runtime Threads::Threads ${CMAKE_DL_LIBS})
endfunction()
