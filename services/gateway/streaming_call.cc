#include "services/gateway/streaming_call.h"

#include <grpcpp/generic/generic_stub.h>

#include <atomic>

#include "libs/log/log.h"
#include "services/gateway/backend.h"
#include "services/gateway/request_builder.h"
#include "services/gateway/route_table.h"
#include "services/gateway/transcoder.h"

namespace helpdesk::gateway {
namespace {

class StreamingCall final : public grpc::ClientBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer> {
 public:
  explicit StreamingCall(StreamingCallSpec spec)
      : spec_(std::move(spec)), context_(*spec_.backends) {}

  void Start() {
    PrepareContext(*context_, spec_.metadata, spec_.timeout);
    spec_.stub->PrepareBidiStreamingCall(context_.get(), spec_.route->grpc_method,
                                         grpc::StubOptions(), this);
    // Holds keep OnDone away while the HTTP side is working between gRPC
    // operations: one for the reading side, one for the writing side.
    AddHold();
    StartRead(&read_buffer_);
    if (spec_.route->client_streaming) {
      AddHold();
      StartCall();
      PullChunk();
    } else {
      write_buffer_ = ToByteBuffer(spec_.request);
      StartWriteLast(&write_buffer_, grpc::WriteOptions());
      StartCall();
    }
  }

  void OnReadInitialMetadataDone(bool ok) override { got_initial_metadata_ = ok; }

  void OnReadDone(bool ok) override {
    if (!ok) return RemoveHold();  // the response stream ended
    std::string bytes = FromByteBuffer(read_buffer_);
    if (!spec_.route->server_streaming) {
      response_ = std::move(bytes);
      return StartRead(&read_buffer_);
    }
    std::string chunk;
    if (spec_.route->raw_response) {
      std::string content_type;
      if (!DecodeHttpBody(bytes, &content_type, &chunk))
        return FailResponse("cannot parse an HttpBody message");
      if (!stream_started_)
        BeginStream(content_type.empty() ? "application/octet-stream" : content_type);
    } else {
      absl::StatusOr<std::string> json = ResponseJson(*spec_.route, bytes, spec_.resolver);
      if (!json.ok()) return FailResponse(json.status().message());
      chunk = stream_started_ ? "," : "[";
      chunk += *json;
      if (!stream_started_) BeginStream(std::string(kJsonContentType));
    }
    spec_.exchange->WriteChunk(std::move(chunk), [this](bool written) {
      if (written) return StartRead(&read_buffer_);
      http_failed_ = true;  // the client went away
      context_->TryCancel();
      RemoveHold();
    });
  }

  void OnWriteDone(bool ok) override {
    if (!spec_.route->client_streaming) return;
    if (!ok || writing_last_) return RemoveHold();
    PullChunk();
  }

  void OnWritesDoneDone(bool) override { RemoveHold(); }

  void OnDone(const grpc::Status& status) override {
    if (!http_failed_) Finish(status);
    delete this;
  }

 private:
  // Reads the next piece of the HTTP body and writes it to the call.
  void PullChunk() {
    spec_.exchange->ReadBodyChunk(spec_.chunk_bytes, spec_.upload_limit,
                                  [this](absl::Status status, std::string data, bool last) {
                                    if (!status.ok()) {
                                      // Already answered (413, 408) or the client left.
                                      http_failed_ = true;
                                      context_->TryCancel();
                                      return RemoveHold();
                                    }
                                    if (last && data.empty() && !first_write_)
                                      return StartWritesDone();
                                    write_buffer_ = ToByteBuffer(EncodeHttpBody(
                                        first_write_ ? spec_.content_type : "", data));
                                    first_write_ = false;
                                    writing_last_ = last;
                                    if (last)
                                      return StartWriteLast(&write_buffer_, grpc::WriteOptions());
                                    StartWrite(&write_buffer_);
                                  });
  }

  void BeginStream(const std::string& content_type) {
    std::vector<HttpHeader> headers =
        ResponseHeaders(CopyMetadata(context_->GetServerInitialMetadata()), {});
    headers.push_back({"Content-Type", content_type});
    AddApiHeaders(headers, spec_.request_id);
    spec_.exchange->StartStream(200, std::move(headers));
    stream_started_ = true;
  }

  // A response the gateway cannot pass on: answer 500 (or cut the stream).
  void FailResponse(absl::string_view why) {
    log::Error("gateway cannot transcode a response", {{"method", spec_.route->grpc_method},
                                                       {"error", std::string(why)},
                                                       {"request_id", spec_.request_id}});
    if (stream_started_) {
      spec_.exchange->Abort();
    } else {
      spec_.exchange->Respond(
          ErrorResponse(500, 13, "the gateway cannot transcode the response", spec_.request_id));
    }
    http_failed_ = true;
    context_->TryCancel();
    RemoveHold();
  }

  void Finish(const grpc::Status& status) {
    Metadata initial;
    if (got_initial_metadata_) initial = CopyMetadata(context_->GetServerInitialMetadata());
    Metadata trailing = CopyMetadata(context_->GetServerTrailingMetadata());
    HttpExchange& exchange = *spec_.exchange;
    if (stream_started_) {
      if (!status.ok()) {
        // The status line is gone: the only signal left is a cut stream.
        log::Warn("gateway stream failed after its start",
                  {{"method", spec_.route->grpc_method},
                   {"code", static_cast<int>(status.error_code())},
                   {"error", status.error_message()},
                   {"request_id", spec_.request_id}});
        return exchange.Abort();
      }
      if (!spec_.route->raw_response) exchange.WriteChunk("]", nullptr);
      return exchange.FinishStream();
    }
    if (!status.ok()) {
      return exchange.Respond(GrpcErrorResponse(status.error_code(), status.error_message(),
                                                status.error_details(), initial, trailing,
                                                spec_.request_id, spec_.resolver));
    }
    if (spec_.route->server_streaming) {  // an empty stream
      HttpResponse response;
      response.headers = ResponseHeaders(initial, trailing);
      response.headers.push_back({"Content-Type", spec_.route->raw_response
                                                      ? "application/octet-stream"
                                                      : std::string(kJsonContentType)});
      AddApiHeaders(response.headers, spec_.request_id);
      if (!spec_.route->raw_response) response.body = "[]";
      return exchange.Respond(std::move(response));
    }
    absl::StatusOr<HttpResponse> response = SuccessResponse(
        *spec_.route, response_, initial, trailing, spec_.request_id, spec_.resolver);
    if (!response.ok()) {
      log::Error("gateway cannot transcode a response",
                 {{"method", spec_.route->grpc_method},
                  {"error", std::string(response.status().message())}});
      return exchange.Respond(
          ErrorResponse(500, 13, "the gateway cannot transcode the response", spec_.request_id));
    }
    exchange.Respond(*std::move(response));
  }

  StreamingCallSpec spec_;
  CallContext context_;
  grpc::ByteBuffer read_buffer_;
  grpc::ByteBuffer write_buffer_;
  std::string response_;
  std::atomic<bool> got_initial_metadata_{false};
  std::atomic<bool> http_failed_{false};
  bool stream_started_ = false;  // the reading side only
  bool first_write_ = true;      // the writing side only
  bool writing_last_ = false;
};

}  // namespace

void StartStreamingCall(StreamingCallSpec spec) { (new StreamingCall(std::move(spec)))->Start(); }

}  // namespace helpdesk::gateway
