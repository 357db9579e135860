// A gRPC call with a stream on either side, bridged to one HTTP exchange with
// backpressure in both directions:
// - request `stream HttpBody` (uploads): the HTTP body is read a chunk at a
//   time and each chunk written as one HttpBody message (the first carries
//   the Content-Type); the next chunk is read only when gRPC took the last;
// - response `stream …` (downloads): each message is written as one HTTP
//   chunk (HttpBody: its bytes; others: a JSON array), and the next message is
//   read only when the client took the last chunk.
// The call has the stream deadline; a client that goes away cancels it.
//
//   StartStreamingCall({.route = &route, .stub = stub, ...});
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "absl/time/time.h"
#include "services/gateway/headers.h"
#include "services/gateway/http_server.h"

namespace google::protobuf::util {
class TypeResolver;
}  // namespace google::protobuf::util

namespace grpc {
template <class RequestType, class ResponseType>
class TemplatedGenericStub;
class ByteBuffer;
}  // namespace grpc

namespace helpdesk::gateway {

struct Route;
class Backends;

struct StreamingCallSpec {
  const Route* route = nullptr;
  grpc::TemplatedGenericStub<grpc::ByteBuffer, grpc::ByteBuffer>* stub = nullptr;
  Backends* backends = nullptr;
  google::protobuf::util::TypeResolver* resolver = nullptr;
  std::shared_ptr<HttpExchange> exchange;
  Metadata metadata;
  std::string request;       // the one request message, unless the request streams
  std::string content_type;  // of the HTTP body, for a streamed request
  absl::Duration timeout;
  size_t upload_limit = 0;
  size_t chunk_bytes = 64 * 1024;
  std::string request_id;
};

// Starts the call; it answers the exchange and frees itself when done.
void StartStreamingCall(StreamingCallSpec spec);

}  // namespace helpdesk::gateway
