#include "libs/server/outgoing.h"

#include <chrono>

#include "absl/time/clock.h"

namespace helpdesk::server {

std::unique_ptr<grpc::ClientContext> OutgoingContext(const grpc::ServerContext* incoming,
                                                     absl::Duration timeout) {
  auto context = std::make_unique<grpc::ClientContext>();
  auto deadline = absl::ToChronoTime(absl::Now() + timeout);
  if (incoming != nullptr) {
    auto incoming_deadline = incoming->deadline();
    if (incoming_deadline < deadline) deadline = incoming_deadline;
    const auto& metadata = incoming->client_metadata();
    auto it = metadata.find("authorization");
    if (it != metadata.end()) {
      context->AddMetadata("authorization", std::string(it->second.data(), it->second.size()));
    }
  }
  context->set_deadline(deadline);
  return context;
}

}  // namespace helpdesk::server
