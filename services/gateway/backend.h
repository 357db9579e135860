// The gRPC backends the gateway forwards to: one channel per backend address,
// created at start and kept alive, with generic (byte) stubs; and a registry
// of the calls in flight so that shutdown can cancel them.
//
//   HELPDESK_ASSIGN_OR_RETURN(auto addresses, ParseBackendList(
//       "helpdesk.ticket.v1.TicketService=127.0.0.1:9102"));
//   Backends backends(addresses);
//   grpc::GenericStub* stub = backends.Stub("helpdesk.ticket.v1.TicketService");
#pragma once

#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/support/byte_buffer.h>

#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/gateway/headers.h"

namespace helpdesk::gateway {

// "<full service name>=<host:port>,..." → service → address.
// INVALID_ARGUMENT naming HELPDESK_BACKENDS and the bad entry.
absl::StatusOr<std::map<std::string, std::string>> ParseBackendList(std::string_view list);

class Backends {
 public:
  explicit Backends(const std::map<std::string, std::string>& service_addresses);

  // nullptr when no backend serves `service`.
  grpc::GenericStub* Stub(const std::string& service) const;
  const std::map<std::string, std::string>& addresses() const { return addresses_; }

  // Cancels every call in flight.
  void CancelAll();
  // Whether every call's context was destroyed before `deadline`.
  bool WaitIdle(absl::Time deadline);

 private:
  friend class CallContext;

  std::map<std::string, std::string> addresses_;
  std::map<std::string, std::shared_ptr<grpc::GenericStub>> stubs_;  // by service
  std::mutex mu_;
  std::condition_variable idle_;
  std::set<grpc::ClientContext*> calls_;  // cancellable
  int live_ = 0;                          // contexts not yet destroyed
};

// The ClientContext of one backend call, known to Backends from construction
// to destruction, so that shutdown can cancel the call and then wait until the
// context is gone. (A context holds its channel: were the last reference
// dropped on a gRPC callback thread, gRPC 1.51 would tear down the completion
// queue that thread is serving.)
class CallContext {
 public:
  explicit CallContext(Backends& backends);
  ~CallContext();
  CallContext(const CallContext&) = delete;
  CallContext& operator=(const CallContext&) = delete;

  grpc::ClientContext& operator*() { return *context_; }
  grpc::ClientContext* operator->() { return context_.get(); }
  grpc::ClientContext* get() { return context_.get(); }

 private:
  Backends& backends_;
  std::unique_ptr<grpc::ClientContext> context_;
};

// Request metadata onto a call, and a deadline.
void PrepareContext(grpc::ClientContext& context, const Metadata& metadata, absl::Duration timeout);
// Initial or trailing metadata of a call, as plain pairs.
Metadata CopyMetadata(const std::multimap<grpc::string_ref, grpc::string_ref>& metadata);

grpc::ByteBuffer ToByteBuffer(std::string_view bytes);
std::string FromByteBuffer(const grpc::ByteBuffer& buffer);

}  // namespace helpdesk::gateway
