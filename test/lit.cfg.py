# -*- Python -*-
#===- lit.cfg.py - lit configuration of the genc tests ----------------------===#
#
# The site config (generated from lit.site.cfg.py.in) sets the paths used here.
#
#===-------------------------------------------------------------------------===#

import os
import shutil

import lit.formats

from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = 'GENC'
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = ['.mlir', '.gen']
config.excludes = ['Inputs', 'CMakeLists.txt', 'lit.cfg.py', 'lit.site.cfg.py', 'Unit']

config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.genc_obj_root, 'test')

config.substitutions.append(('%PATH%', config.environment['PATH']))
config.substitutions.append(('%examples', os.path.join(config.genc_src_root, 'dsl_examples')))
config.substitutions.append(('%genc_src_root', config.genc_src_root))
config.substitutions.append(('%genc_obj_root', config.genc_obj_root))

llvm_config.with_system_environment(['HOME', 'INCLUDE', 'LIB', 'TMP', 'TEMP'])
llvm_config.use_default_substitutions()

# Our tools first, then FileCheck, not, count and split-file (prepended to PATH).
tool_dirs = [config.genc_tools_dir, config.llvm_tools_dir]
llvm_config.with_environment('PATH', tool_dirs, append_path=True)

# genc and genc-translate may not be built yet: skip their substitution then.
tools = [
    ToolSubst('genc-opt', unresolved='fatal'),
    ToolSubst('genc', unresolved='ignore'),
    ToolSubst('genc-translate', unresolved='ignore'),
    ToolSubst('genc-compare', unresolved='ignore'),
    ToolSubst('genc-run', unresolved='ignore'),
]
llvm_config.add_tool_substitutions(tools, tool_dirs)


def opencl_platform_present():
    """Whether Halide's OpenCL runtime will find a device: it loads the
    unversioned libOpenCL.so (ocl-icd-opencl-dev) and takes the first
    platform (POCL's CPU device where scripts/setup.sh installed it)."""
    import ctypes
    try:
        opencl = ctypes.CDLL('libOpenCL.so')
    except OSError:
        return False
    count = ctypes.c_uint(0)
    return opencl.clGetPlatformIDs(0, None, ctypes.byref(count)) == 0 and count.value > 0


if opencl_platform_present():
    config.available_features.add('opencl')

# test/Target/arm-qemu.test builds its harnesses with the AArch64 cross
# compiler and runs them under qemu-user (both from scripts/setup.sh build).
if shutil.which('aarch64-linux-gnu-gcc') and shutil.which('qemu-aarch64'):
    config.available_features.add('aarch64-qemu')

# Data-parallel training (test/Runtime/mpi.test): Open MPI's mpirun and
# genc's MPI plugin, which the build makes where it finds MPI. mpirun runs
# as root in CI containers only when told so; --oversubscribe lets more
# processes than cores share the machine.
import glob
if shutil.which('mpirun') and glob.glob(os.path.join(config.genc_obj_root, 'lib*', 'genc',
                                                      'libgenc-mpi.so')):
    config.available_features.add('mpi')
config.substitutions.append(('%mpirun', 'mpirun --oversubscribe --allow-run-as-root'))

# Explicit CPU targets, so that loop-nest checks do not depend on the
# machine the tests run on (test/Target, test/Conversion).
config.substitutions.append(('%avx512', 'x86-64-linux-avx2-fma-sse41-f16c-avx512-avx512_skylake'))
config.substitutions.append(('%avx2', 'x86-64-linux-avx2-fma-sse41-f16c'))
