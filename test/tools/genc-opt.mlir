// RUN: genc-opt --show-dialects | FileCheck %s --check-prefix=DIALECTS
// RUN: genc-opt --help | FileCheck %s --check-prefix=HELP

// genc-opt registers the gen dialect and lists the gen passes in --help.

// DIALECTS: Available Dialects:
// DIALECTS: gen{{$}}

// HELP: Passes:
// HELP: --gen-inline-nets {{ *}}- {{ *}}Inline every net call inside the steps of a model
