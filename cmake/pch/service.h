// The headers nearly every translation unit parses: the standard library,
// Abseil, protobuf, gRPC and libpqxx. Precompiled once per build
// (cmake/Pch.cmake) and reused by every target: parsing them is about two
// thirds of a typical file's compile time. Only stable third-party headers
// belong here, never the project's own or the generated ones.
#pragma once

#include <absl/status/status.h>
#include <absl/status/statusor.h>
#include <absl/strings/str_cat.h>
#include <absl/strings/str_split.h>
#include <absl/time/time.h>
#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/time_util.h>
#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <pqxx/pqxx>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>
