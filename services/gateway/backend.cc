#include "services/gateway/backend.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/channel_arguments.h>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/gateway/text.h"

namespace helpdesk::gateway {
namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

std::shared_ptr<grpc::Channel> NewChannel(const std::string& address) {
  grpc::ChannelArguments args;
  // Notice a dead backend connection while calls wait on it, without
  // pinging idle connections (servers refuse pings that come too often).
  args.SetInt(GRPC_ARG_KEEPALIVE_TIME_MS, 60000);
  args.SetInt(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 20000);
  args.SetInt(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 0);
  // JSON answers (reports) may exceed gRPC's 4 MiB default.
  args.SetMaxReceiveMessageSize(64 << 20);
  auto channel = grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(), args);
  channel->GetState(/*try_to_connect=*/true);
  return channel;
}

}  // namespace

absl::StatusOr<std::map<std::string, std::string>> ParseBackendList(std::string_view list) {
  std::map<std::string, std::string> out;
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(',', start);
    std::string_view entry =
        Trim(list.substr(start, comma == std::string_view::npos ? comma : comma - start));
    start = comma == std::string_view::npos ? list.size() + 1 : comma + 1;
    if (entry.empty()) continue;
    size_t eq = entry.find('=');
    std::string_view service = eq == std::string_view::npos ? "" : Trim(entry.substr(0, eq));
    std::string_view address = eq == std::string_view::npos ? "" : Trim(entry.substr(eq + 1));
    size_t colon = address.rfind(':');
    if (service.empty() || colon == std::string_view::npos || colon == 0 ||
        colon + 1 == address.size()) {
      return absl::InvalidArgumentError(
          absl::StrCat("HELPDESK_BACKENDS: \"", Absl(entry),
                       "\" is not <full service name>=<host:port>, e.g. "
                       "helpdesk.ticket.v1.TicketService=127.0.0.1:9102"));
    }
    out[std::string(service)] = std::string(address);
  }
  return out;
}

Backends::Backends(const std::map<std::string, std::string>& service_addresses)
    : addresses_(service_addresses) {
  std::map<std::string, std::shared_ptr<grpc::GenericStub>> by_address;
  for (const auto& [service, address] : addresses_) {
    std::shared_ptr<grpc::GenericStub>& stub = by_address[address];
    if (stub == nullptr) stub = std::make_shared<grpc::GenericStub>(NewChannel(address));
    stubs_[service] = stub;
  }
}

grpc::GenericStub* Backends::Stub(const std::string& service) const {
  auto it = stubs_.find(service);
  return it == stubs_.end() ? nullptr : it->second.get();
}

CallContext::CallContext(Backends& backends)
    : backends_(backends), context_(std::make_unique<grpc::ClientContext>()) {
  std::lock_guard lock(backends_.mu_);
  backends_.calls_.insert(context_.get());
  ++backends_.live_;
}

CallContext::~CallContext() {
  {
    std::lock_guard lock(backends_.mu_);
    backends_.calls_.erase(context_.get());
  }
  context_.reset();
  std::lock_guard lock(backends_.mu_);
  if (--backends_.live_ == 0) backends_.idle_.notify_all();
}

void Backends::CancelAll() {
  std::lock_guard lock(mu_);
  for (grpc::ClientContext* context : calls_) context->TryCancel();
}

bool Backends::WaitIdle(absl::Time deadline) {
  std::unique_lock lock(mu_);
  return idle_.wait_until(lock, absl::ToChronoTime(deadline), [this] { return live_ == 0; });
}

void PrepareContext(grpc::ClientContext& context, const Metadata& metadata,
                    absl::Duration timeout) {
  for (const auto& [key, value] : metadata) context.AddMetadata(key, value);
  context.set_deadline(absl::ToChronoTime(absl::Now() + timeout));
}

Metadata CopyMetadata(const std::multimap<grpc::string_ref, grpc::string_ref>& metadata) {
  Metadata out;
  out.reserve(metadata.size());
  for (const auto& [key, value] : metadata) {
    out.emplace_back(std::string(key.data(), key.size()), std::string(value.data(), value.size()));
  }
  return out;
}

grpc::ByteBuffer ToByteBuffer(std::string_view bytes) {
  // A default-constructed ByteBuffer is no message at all, even an empty one.
  grpc::Slice slice(bytes.data(), bytes.size());
  return grpc::ByteBuffer(&slice, 1);
}

std::string FromByteBuffer(const grpc::ByteBuffer& buffer) {
  std::vector<grpc::Slice> slices;
  std::string out;
  if (!buffer.Dump(&slices).ok()) return out;
  out.reserve(buffer.Length());
  for (const grpc::Slice& s : slices)
    out.append(reinterpret_cast<const char*>(s.begin()), s.size());
  return out;
}

}  // namespace helpdesk::gateway
