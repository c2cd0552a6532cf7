//===- LoopNestTranslation.cpp - genc-translate --gen-to-halide -----------===//
//
// Lowers every step and net of the input's models to Halide, schedules them
// with genc's policy for --halide-target, and prints each pipeline's loop
// nests (Halide's print_loop_nest): the schedule a target gets, readable and
// FileCheck-able without compiling anything. The input is gen IR as genc
// lowers it (genc-opt --gen-training-pipeline, or genc --emit=mlir-train).
//
//===----------------------------------------------------------------------===//
#include "genc/Conversion/GenToHalide/GenToHalide.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Translation.h"
#include "llvm/Support/CommandLine.h"

#include <iostream>
#include <sstream>

using namespace genc;

namespace {

llvm::cl::opt<std::string> halideTarget(
    "halide-target",
    llvm::cl::desc("gen-to-halide: the Halide target the schedules are for "
                   "(default host; e.g. x86-64-linux-avx2-fma-f16c-sse41)"),
    llvm::cl::init("host"));

/// What Halide prints to std::cerr, captured.
template <typename Print> std::string captureStderr(Print print) {
  std::ostringstream captured;
  std::streambuf *previous = std::cerr.rdbuf(captured.rdbuf());
  print();
  std::cerr.rdbuf(previous);
  return captured.str();
}

mlir::LogicalResult printLoopNests(mlir::ModuleOp module, llvm::raw_ostream &os) {
  if (halideTarget != "host" && !Halide::Target::validate_target_string(halideTarget))
    return mlir::emitError(module.getLoc(), "unknown Halide target '" + halideTarget + "'");
  Halide::Target target =
      halideTarget == "host" ? Halide::get_host_target() : Halide::Target(halideTarget);
  auto print = [&](llvm::StringRef kind, llvm::StringRef name,
                   mlir::FailureOr<halide::LoweredPipeline> lowered) {
    if (mlir::failed(lowered))
      return mlir::failure();
    os << "// " << kind << " " << name << "\n"
       << captureStderr([&] { lowered->pipeline().print_loop_nest(); }) << "\n";
    return mlir::success();
  };
  for (gen::ModelOp model : module.getOps<gen::ModelOp>()) {
    os << "// model " << model.getSymName() << ", target " << target.to_string() << "\n";
    for (gen::StepOp step : model.getBody().getOps<gen::StepOp>())
      if (mlir::failed(print("step", step.getSymName(), halide::lowerStep(step, target))))
        return mlir::failure();
    for (gen::NetOp net : model.getBody().getOps<gen::NetOp>())
      if (mlir::failed(print("net", net.getSymName(), halide::lowerNet(net, target))))
        return mlir::failure();
  }
  return mlir::success();
}

} // namespace

void genc::halide::registerGenToHalideTranslation() {
  mlir::TranslateFromMLIRRegistration(
      "gen-to-halide", printLoopNests,
      [](mlir::DialectRegistry &registry) { registry.insert<gen::GenDialect>(); });
}
