// The gateway's request side of transcoding, on the real API
// (services/gateway/route_table.h, request_builder.h): route lookup (and the
// Accept header's choice of media type), path-variable binding, query-string
// binding (ParseQuery and the fields it names), JSON body binding, and the
// rewriting of protobuf's JSON errors.
//
// Invariants: a route found for a path matches its method and binds one
// value per path field; the bytes BuildRequest accepts are a valid encoding
// of the RPC's request message (what the backend will parse), with the
// top-level string path fields set to the bound values; every refusal is
// INVALID_ARGUMENT. ParseQuery yields at most one pair per '&'-separated
// piece, and without escapes its keys and values are text of the query.
//
// Input: "METHOD /path?query", '\n', the JSON body (also used as the Accept
// header).
#include <google/protobuf/descriptor.h>
#include <google/protobuf/dynamic_message.h>

#include <memory>
#include <string>
#include <string_view>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/gateway/request_builder.h"
#include "services/gateway/route_table.h"
#include "tests/fuzz/fuzz_support.h"

namespace helpdesk::gateway {
namespace {

const RouteTable* Table() {
  static const RouteTable* table = [] {
    auto loaded = RouteTable::Load({HELPDESK_FUZZ_DESCRIPTOR_SET});
    if (!loaded.ok()) {
      std::fprintf(stderr, "%s\n", loaded.status().ToString().c_str());
      std::abort();
    }
    return loaded->release();
  }();
  return table;
}

void CheckQuery(std::string_view query) {
  auto pairs = ParseQuery(query);
  FUZZ_CHECK(pairs.size() <= static_cast<size_t>(std::count(query.begin(), query.end(), '&')) + 1);
  if (query.find_first_of("%+") != std::string_view::npos) return;
  absl::string_view text(query.data(), query.size());
  for (const auto& [key, value] : pairs) {
    FUZZ_CHECK(!key.empty() || absl::StrContains(text, "=" + value));
    FUZZ_CHECK(absl::StrContains(text, key) && absl::StrContains(text, value));
  }
}

}  // namespace
}  // namespace helpdesk::gateway

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  helpdesk::gateway::Table();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace helpdesk;
  using namespace helpdesk::gateway;
  namespace pb = google::protobuf;
  auto [request_line, body] = fuzz::SplitLine(fuzz::AsText(data, size));
  size_t space = request_line.find(' ');
  if (space == std::string_view::npos) return 0;
  std::string_view method = request_line.substr(0, space);
  std::string_view target = request_line.substr(space + 1);
  size_t question = target.find('?');
  std::string_view path = target.substr(0, question);
  std::string_view query = question == std::string_view::npos ? "" : target.substr(question + 1);
  CheckQuery(query);

  const RouteTable* table = Table();
  // The body doubles as the Accept header, which picks between the RPCs of
  // one rule by their media type.
  FUZZ_CHECK(AcceptsMediaType(
      absl::StrCat(absl::string_view(body.data(), body.size()), ",application/ZIP"),
      "application/zip"));
  FUZZ_CHECK(!AcceptsMediaType("application/zip;q=0", "application/zip"));
  RouteTable::Match match = table->Find(method, path, body);
  if (match.outcome != RouteTable::Outcome::kFound) {
    FUZZ_CHECK(match.route == nullptr);
    return 0;
  }
  const Route& route = *match.route;
  FUZZ_CHECK(route.http_method == method);
  FUZZ_CHECK(match.bindings.size() == route.path_fields.size());

  absl::StatusOr<std::string> bytes = BuildRequest(
      route, match.bindings, query, body, "application/octet-stream", table->type_resolver());
  if (!bytes.ok()) {
    FUZZ_CHECK(bytes.status().code() == absl::StatusCode::kInvalidArgument);
    return 0;
  }
  // What the backend does with them.
  const pb::Descriptor* input = route.method->input_type();
  pb::DynamicMessageFactory factory(&table->pool());
  std::unique_ptr<pb::Message> message(factory.GetPrototype(input)->New());
  FUZZ_CHECK(message->ParseFromString(*bytes));
  if (route.raw_request) return 0;
  for (size_t i = 0; i < route.path_fields.size(); ++i) {
    const pb::FieldDescriptor* field = input->FindFieldByName(route.path_fields[i]);
    if (field == nullptr || field->is_repeated() ||
        field->type() != pb::FieldDescriptor::TYPE_STRING) {
      continue;
    }
    FUZZ_CHECK(message->GetReflection()->GetString(*message, field) == match.bindings[i].value);
  }
  return 0;
}
