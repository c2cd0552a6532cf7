# GencVersion.cmake - writes genc's Version.inc (cmake -P, run by every build).
#
#   cmake -DSOURCE_DIR=<genc source> -DTEMPLATE=<Version.inc.in> -DOUTPUT=<Version.inc>
#         -DGENC_VERSION=<x.y.z> -DHALIDE_VERSION=<x.y.z> -P GencVersion.cmake
#
# The commit comes from git; a source tree without .git (a release tarball)
# says "unknown". configure_file leaves OUTPUT untouched when nothing
# changed, so only the file that includes it recompiles after a new commit.
set(GENC_COMMIT "")
if(EXISTS "${SOURCE_DIR}/.git")
  execute_process(COMMAND git -C "${SOURCE_DIR}" rev-parse --short HEAD
                  OUTPUT_VARIABLE GENC_COMMIT OUTPUT_STRIP_TRAILING_WHITESPACE
                  RESULT_VARIABLE failed ERROR_QUIET)
  if(failed)
    set(GENC_COMMIT "")
  endif()
endif()
configure_file("${TEMPLATE}" "${OUTPUT}" @ONLY)
