#include "services/gateway/api_handler.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "libs/ids/ids.h"
#include "libs/log/log.h"
#include "services/gateway/request_builder.h"
#include "services/gateway/session_cookies.h"
#include "services/gateway/streaming_call.h"
#include "services/gateway/transcoder.h"

namespace helpdesk::gateway {
namespace {

// The state of a unary call, alive until its callback.
struct UnaryCall {
  explicit UnaryCall(Backends& backends) : context(backends) {}
  CallContext context;
  grpc::ByteBuffer request;
  grpc::ByteBuffer response;
};

// Transport failures say where the gateway tried to connect: not for clients.
std::string PublicMessage(const grpc::Status& status, const Route& route) {
  const std::string& message = status.error_message();
  if (status.error_code() == grpc::StatusCode::UNAVAILABLE &&
      (absl::StrContains(message, "failed to connect") ||
       absl::StrContains(message, "Socket closed") ||
       absl::StrContains(message, "Connection refused") || absl::StrContains(message, "ipv4:") ||
       absl::StrContains(message, "ipv6:"))) {
    return absl::StrCat(route.service, " is unavailable");
  }
  return message;
}

void LogServerError(const grpc::Status& status, const Route& route, const std::string& request_id) {
  if (HttpStatusFromGrpc(status.error_code()) < 500) return;
  log::Warn("backend call failed", {{"method", route.grpc_method},
                                    {"code", static_cast<int>(status.error_code())},
                                    {"error", status.error_message()},
                                    {"request_id", request_id}});
}

}  // namespace

ApiHandler::ApiHandler(const RouteTable& routes, Backends& backends, const TrustedProxies& proxies,
                       const StaticFiles* files, ApiOptions options)
    : routes_(routes), backends_(backends), proxies_(proxies), files_(files), options_(options) {}

void ApiHandler::Handle(std::shared_ptr<HttpExchange> exchange) {
  const HttpRequestHead& head = exchange->head();
  if (head.path == "/healthz" && (head.method == "GET" || head.method == "HEAD")) {
    exchange->Describe("healthz", "");
    HttpResponse ok;
    ok.headers = {{"Content-Type", "text/plain; charset=utf-8"}, {"Cache-Control", "no-store"}};
    ok.body = "ok\n";
    ok.head_only = head.method == "HEAD";
    return exchange->Respond(std::move(ok));
  }
  if (head.path == "/v1" || absl::StartsWith(head.path, "/v1/"))
    return HandleApi(std::move(exchange));
  if (files_ != nullptr) {
    exchange->Describe("static", "");
    return exchange->Respond(files_->Serve(head.method, head.path));
  }
  exchange->Respond(ErrorResponse(404, 5, "not found", ""));
}

void ApiHandler::HandleApi(std::shared_ptr<HttpExchange> exchange) {
  const HttpRequestHead& head = exchange->head();
  std::string request_id = ids::NewUuid();
  const std::string* accept = head.Find("accept");
  RouteTable::Match match = routes_.Find(head.method, head.path, accept ? *accept : "");
  if (match.outcome != RouteTable::Outcome::kFound) {
    exchange->Describe("unmatched", request_id);
    if (match.outcome == RouteTable::Outcome::kNotFound) {
      return exchange->Respond(ErrorResponse(
          404, 5, absl::StrCat("no API route matches ", head.method, " ", head.path), request_id));
    }
    HttpResponse response = ErrorResponse(
        405, 12, absl::StrCat("method ", head.method, " is not allowed on ", head.path),
        request_id);
    response.headers.push_back({"Allow", absl::StrJoin(match.allowed_methods, ", ")});
    return exchange->Respond(std::move(response));
  }
  const Route& route = *match.route;
  exchange->Describe(route.Label(), request_id);
  grpc::GenericStub* stub = backends_.Stub(route.service);
  if (stub == nullptr) {
    return exchange->Respond(ErrorResponse(
        503, 14, absl::StrCat("no backend is configured for ", route.service), request_id));
  }
  if (route.client_streaming && !route.raw_request) {
    return exchange->Respond(ErrorResponse(
        501, 12, absl::StrCat(route.grpc_method, " streams requests that HTTP cannot carry"),
        request_id));
  }
  std::string client = ClientAddress(head.peer_address, head.headers, proxies_);
  absl::StatusOr<Metadata> metadata = RequestMetadata(head.headers, client, request_id);
  if (!metadata.ok()) {
    return exchange->Respond(
        ErrorResponse(400, 3, std::string(metadata.status().message()), request_id));
  }
  // The portal's session cookie, when there is no Authorization (CSRF: 403).
  absl::StatusOr<PortalSession> portal = PortalSession::Begin(route, head, proxies_, *metadata);
  if (!portal.ok()) {
    int code = static_cast<int>(portal.status().code());
    return exchange->Respond(ErrorResponse(HttpStatusFromGrpc(code), code,
                                           std::string(portal.status().message()), request_id));
  }
  const std::string* content_type = head.Find("content-type");

  if (route.client_streaming) {  // an upload: the body streams into the call
    absl::StatusOr<std::string> checked =
        BuildRequest(route, {}, head.query, "", "", routes_.type_resolver());
    if (!checked.ok())
      return exchange->Respond(
          ErrorResponse(400, 3, std::string(checked.status().message()), request_id));
    return StartStreamingCall({.route = &route,
                               .stub = stub,
                               .backends = &backends_,
                               .resolver = routes_.type_resolver(),
                               .exchange = std::move(exchange),
                               .metadata = *std::move(metadata),
                               .content_type = content_type ? *content_type : "",
                               .timeout = options_.stream_timeout,
                               .upload_limit = options_.max_upload_bytes,
                               .chunk_bytes = options_.upload_chunk_bytes,
                               .request_id = std::move(request_id)});
  }

  auto build = [this, &route, stub, bindings = std::move(match.bindings),
                metadata = *std::move(metadata), request_id, portal = *std::move(portal),
                content_type = content_type ? *content_type : std::string()](
                   std::shared_ptr<HttpExchange> exchange, std::string_view body) mutable {
    absl::StatusOr<std::string> request =
        BuildRequest(route, bindings, exchange->head().query, portal.RequestBody(body),
                     content_type, routes_.type_resolver());
    if (!request.ok()) {
      return exchange->Respond(
          ErrorResponse(400, 3, std::string(request.status().message()), request_id));
    }
    Call(std::move(exchange), route, stub, *std::move(request), std::move(metadata),
         std::move(request_id), std::move(portal));
  };
  if (route.body.empty() && !route.raw_request) return build(std::move(exchange), "");
  size_t limit = route.raw_request ? options_.max_upload_bytes : options_.max_body_bytes;
  exchange->ReadBody(
      limit, [exchange, build = std::move(build)](absl::StatusOr<std::string> body) mutable {
        if (!body.ok()) return;  // answered already (413, 408) or the client left
        build(std::move(exchange), *body);
      });
}

void ApiHandler::Call(std::shared_ptr<HttpExchange> exchange, const Route& route,
                      grpc::GenericStub* stub, std::string request, Metadata metadata,
                      std::string request_id, PortalSession portal) {
  if (route.server_streaming) {
    return StartStreamingCall({.route = &route,
                               .stub = stub,
                               .backends = &backends_,
                               .resolver = routes_.type_resolver(),
                               .exchange = std::move(exchange),
                               .metadata = std::move(metadata),
                               .request = std::move(request),
                               .timeout = options_.stream_timeout,
                               .request_id = std::move(request_id)});
  }
  auto call = std::make_shared<UnaryCall>(backends_);
  PrepareContext(*call->context, metadata, options_.upstream_timeout);
  call->request = ToByteBuffer(request);
  stub->UnaryCall(
      call->context.get(), route.grpc_method, grpc::StubOptions(), &call->request, &call->response,
      [this, call, exchange = std::move(exchange), &route, request_id = std::move(request_id),
       portal = std::move(portal)](grpc::Status status) {
        Metadata initial = CopyMetadata(call->context->GetServerInitialMetadata());
        Metadata trailing = CopyMetadata(call->context->GetServerTrailingMetadata());
        if (!status.ok()) {
          LogServerError(status, route, request_id);
          HttpResponse error = GrpcErrorResponse(status.error_code(), PublicMessage(status, route),
                                                 status.error_details(), initial, trailing,
                                                 request_id, routes_.type_resolver());
          portal.FinishResponse(error);
          return exchange->Respond(std::move(error));
        }
        absl::StatusOr<HttpResponse> response =
            SuccessResponse(route, FromByteBuffer(call->response), initial, trailing, request_id,
                            routes_.type_resolver());
        if (!response.ok()) {
          log::Error("gateway cannot transcode a response",
                     {{"method", route.grpc_method},
                      {"error", std::string(response.status().message())},
                      {"request_id", request_id}});
          return exchange->Respond(
              ErrorResponse(500, 13, "the gateway cannot transcode the response", request_id));
        }
        portal.FinishResponse(*response);
        exchange->Respond(*std::move(response));
      });
}

}  // namespace helpdesk::gateway
