//===- Roles.cpp - What the nets of a model are for -----------------------===//
#include "genc/runtime/Roles.h"

#include <cmath>

using namespace genc::rt;

std::vector<const ArgumentSpec *> genc::rt::netArguments(const FunctionSpec &net) {
  std::vector<const ArgumentSpec *> args;
  for (const ArgumentSpec &a : net.arguments)
    if (a.kind == ArgumentSpec::Kind::Argument)
      args.push_back(&a);
  return args;
}

Roles genc::rt::findRoles(const Manifest &manifest) {
  Roles roles;
  auto net = [&](const char *name) { return manifest.find(FunctionSpec::Kind::Net, name); };
  roles.encoder = net("encoder");
  roles.decoder = net("decoder");
  roles.generator = net("generator");
  roles.discriminator = net("discriminator");
  roles.classifier = net("classifier");
  for (const InputSpec &in : manifest.inputs) {
    if (in.labelClasses > 0 && !roles.label)
      roles.label = &in;
    else if (in.labelClasses == 0 && !roles.data)
      roles.data = &in;
  }
  const FunctionSpec *maker = roles.decoder ? roles.decoder : roles.generator;
  if (maker) {
    auto args = netArguments(*maker);
    if (!args.empty() && args[0]->shape.size() == 2)
      roles.latent = args[0]->shape[1];
  }
  if (roles.data) {
    int64_t size = elementCount(roles.data->shape);
    auto side = int64_t(std::lround(std::sqrt(double(size))));
    if (side * side == size && side >= 8)
      roles.imageSide = side;
  }
  return roles;
}
