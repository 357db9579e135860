#include "tools/helpdeskctl/client.h"

#include <google/protobuf/descriptor.h>
#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/impl/client_unary_call.h>
#include <grpcpp/impl/codegen/proto_utils.h>
#include <grpcpp/impl/rpc_method.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/sync_stream.h>

#include <chrono>
#include <fstream>
#include <map>
#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "helpdesk/identity/v1/identity.pb.h"
#include "libs/status/status_macros.h"
#include "tools/helpdeskctl/exit_codes.h"
#include "tools/helpdeskctl/output.h"

namespace helpdesk::helpdeskctl {
namespace {

namespace pb = google::protobuf;
using identity::v1::TokenResponse;

constexpr char kLogin[] = "helpdesk.identity.v1.IdentityService.Login";
constexpr char kRefresh[] = "helpdesk.identity.v1.IdentityService.Refresh";
constexpr char kLogout[] = "helpdesk.identity.v1.IdentityService.Logout";
// Refresh a little before the access token runs out, not after a refusal.
constexpr absl::Duration kExpiryMargin = absl::Seconds(30);

absl::Status LoginExpired() {
  return absl::UnauthenticatedError("login expired: run helpdeskctl login");
}

// "helpdesk.ticket.v1.TicketService" → "ticket".
std::string ServiceKeyOf(const pb::ServiceDescriptor& service) {
  static const std::map<std::string, std::string> kKeys = {
      {"helpdesk.identity.v1.IdentityService", "identity"},
      {"helpdesk.ticket.v1.TicketService", "ticket"},
      {"helpdesk.attachment.v1.AttachmentService", "attachment"},
      {"helpdesk.sla.v1.SlaService", "sla"},
      {"helpdesk.notification.v1.NotificationService", "notification"}};
  auto it = kKeys.find(service.full_name());
  return it == kKeys.end() ? "" : it->second;
}

// gRPC's codes are Abseil's, numbered alike: Abseil names them.
std::string CodeName(grpc::StatusCode code) {
  std::string name = absl::StatusCodeToString(static_cast<absl::StatusCode>(code));
  return name.empty() ? absl::StrCat("code ", static_cast<int>(code)) : name;
}

Credentials FromTokens(const TokenResponse& tokens, const std::string& username, absl::Time now) {
  Credentials c;
  c.username = username;
  c.access_token = tokens.access_token();
  c.refresh_token = tokens.refresh_token();
  c.expires_at =
      tokens.expires_in() > 0 ? now + absl::Seconds(tokens.expires_in()) : absl::InfiniteFuture();
  return c;
}

}  // namespace

struct Client::Impl {
  Settings settings;
  CredentialStore store;
  std::function<absl::Time()> now;
  std::map<std::string, std::shared_ptr<grpc::Channel>> channels;
  std::optional<Credentials> credentials;
  bool credentials_loaded = false;

  absl::StatusOr<std::shared_ptr<grpc::Channel>> ChannelFor(const std::string& key) {
    if (auto it = channels.find(key); it != channels.end()) return it->second;
    std::shared_ptr<grpc::ChannelCredentials> transport = grpc::InsecureChannelCredentials();
    if (settings.tls) {
      grpc::SslCredentialsOptions options;
      if (!settings.ca_file.empty()) {
        std::ifstream in(settings.ca_file);
        if (!in) {
          return UsageError(absl::StrCat("ca_file: cannot read ", settings.ca_file));
        }
        std::stringstream pem;
        pem << in.rdbuf();
        options.pem_root_certs = pem.str();
      }
      transport = grpc::SslCredentials(options);
    }
    auto channel = grpc::CreateChannel(settings.addresses[key], transport);
    channels[key] = channel;
    return channel;
  }

  // What every call needs: the method (checked against the messages and the
  // kind of call), its service's channel, its path, and a context with the
  // deadline and the caller's token.
  struct Call {
    const pb::MethodDescriptor* method;
    std::string key;
    std::shared_ptr<grpc::Channel> channel;
    std::string path;
    grpc::ClientContext context;
  };
  absl::Status Prepare(absl::string_view method_name, const pb::Descriptor* input,
                       const pb::Message& response, bool client_streaming,
                       const std::string& access_token, Call& call) {
    const pb::MethodDescriptor* method =
        pb::DescriptorPool::generated_pool()->FindMethodByName(std::string(method_name));
    if (method == nullptr || (input != nullptr && method->input_type() != input) ||
        method->output_type() != response.GetDescriptor() ||
        method->client_streaming() != client_streaming || method->server_streaming() ||
        ServiceKeyOf(*method->service()).empty()) {
      return absl::InternalError(absl::StrCat("helpdeskctl cannot call ", method_name));
    }
    call.method = method;
    call.key = ServiceKeyOf(*method->service());
    HELPDESK_ASSIGN_OR_RETURN(call.channel, ChannelFor(call.key));
    call.path = absl::StrCat("/", method->service()->full_name(), "/", method->name());
    call.context.set_deadline(std::chrono::system_clock::now() +
                              absl::ToChronoMilliseconds(settings.timeout));
    if (!access_token.empty()) {
      call.context.AddMetadata("authorization", "Bearer " + access_token);
    }
    return absl::OkStatus();
  }

  // One RPC, its error turned into a one-line message with an exit code.
  absl::Status Invoke(absl::string_view method_name, const pb::Message& request,
                      pb::Message* response, const std::string& access_token) {
    Call call;
    HELPDESK_RETURN_IF_ERROR(
        Prepare(method_name, request.GetDescriptor(), *response, false, access_token, call));
    const grpc::Status status = grpc::internal::BlockingUnaryCall<pb::Message, pb::Message,
                                                                  pb::MessageLite, pb::MessageLite>(
        call.channel.get(),
        grpc::internal::RpcMethod(call.path.c_str(), grpc::internal::RpcMethod::NORMAL_RPC,
                                  call.channel),
        &call.context, request, response);
    if (status.ok()) return absl::OkStatus();
    return Failure(status, call.key, *call.channel, *call.method);
  }

  // One client-streaming RPC; errors as Invoke's.
  absl::Status InvokeStreaming(absl::string_view method_name,
                               const std::function<absl::Status(const StreamWriter&)>& produce,
                               pb::Message* response, const std::string& access_token) {
    Call call;
    HELPDESK_RETURN_IF_ERROR(Prepare(method_name, nullptr, *response, true, access_token, call));
    std::unique_ptr<grpc::ClientWriter<pb::Message>> writer(
        grpc::internal::ClientWriterFactory<pb::Message>::Create(
            call.channel.get(),
            grpc::internal::RpcMethod(call.path.c_str(),
                                      grpc::internal::RpcMethod::CLIENT_STREAMING, call.channel),
            &call.context, response));
    absl::Status produced = produce([&](const pb::Message& request) -> bool {
      if (request.GetDescriptor() != call.method->input_type()) return false;
      return writer->Write(request);
    });
    if (!produced.ok()) {
      call.context.TryCancel();
      writer->Finish();
      return produced;
    }
    writer->WritesDone();
    const grpc::Status status = writer->Finish();
    if (status.ok()) return absl::OkStatus();
    return Failure(status, call.key, *call.channel, *call.method);
  }

  absl::Status Failure(const grpc::Status& status, const std::string& key, grpc::Channel& channel,
                       const pb::MethodDescriptor& method) {
    const std::string where = absl::StrCat("the ", key, " service at ", settings.addresses[key]);
    std::string message = OneLine(status.error_message());
    const bool connected = channel.GetState(false) == GRPC_CHANNEL_READY;
    switch (status.error_code()) {
      case grpc::StatusCode::UNAVAILABLE:
        return absl::UnavailableError(connected
                                          ? absl::StrCat(where, " is unavailable: ", message)
                                          : absl::StrCat("cannot reach ", where, ": ", message));
      case grpc::StatusCode::DEADLINE_EXCEEDED:
        return absl::DeadlineExceededError(
            connected ? absl::StrCat(where, " did not answer within ",
                                     absl::FormatDuration(settings.timeout))
                      : absl::StrCat("cannot reach ", where, ": no connection within ",
                                     absl::FormatDuration(settings.timeout)));
      case grpc::StatusCode::UNIMPLEMENTED:
        if (message.empty()) {
          message = absl::StrCat(where, " does not implement ", method.service()->name(), ".",
                                 method.name(), " yet");
        }
        break;
      default:
        if (message.empty())
          message = absl::StrCat(where, " answered ", CodeName(status.error_code()));
        break;
    }
    return absl::Status(static_cast<absl::StatusCode>(status.error_code()), message);
  }

  absl::Status LoadCredentials() {
    if (credentials_loaded) return absl::OkStatus();
    absl::StatusOr<std::optional<Credentials>> loaded = store.Load();
    if (!loaded.ok()) {
      return absl::UnauthenticatedError(
          absl::StrCat(loaded.status().message(), ": run helpdeskctl login"));
    }
    if (!loaded->has_value()) {
      return absl::UnauthenticatedError("not logged in: run helpdeskctl login");
    }
    credentials = **loaded;
    credentials_loaded = true;
    return absl::OkStatus();
  }

  // Trades the refresh token for new tokens (it rotates) and stores them.
  absl::Status Refresh() {
    if (credentials->refresh_token.empty()) return LoginExpired();
    identity::v1::RefreshRequest request;
    request.set_refresh_token(credentials->refresh_token);
    TokenResponse tokens;
    absl::Status status = Invoke(kRefresh, request, &tokens, "");
    if (!status.ok()) {
      if (ExitCodeOf(status) == ExitCode::kUnavailable) return status;
      return LoginExpired();
    }
    credentials = FromTokens(tokens, credentials->username, now());
    return store.Save(*credentials);
  }
};

Client::Client(Settings settings, CredentialStore store, std::function<absl::Time()> now)
    : impl_(new Impl{std::move(settings), std::move(store), std::move(now)}) {}

Client::~Client() = default;

const CredentialStore& Client::store() const { return impl_->store; }

absl::Status Client::Call(absl::string_view method, const pb::Message& request,
                          pb::Message* response) {
  HELPDESK_RETURN_IF_ERROR(impl_->LoadCredentials());
  bool refreshed = false;
  if (impl_->credentials->expires_at <= impl_->now() + kExpiryMargin) {
    HELPDESK_RETURN_IF_ERROR(impl_->Refresh());
    refreshed = true;
  }
  absl::Status status = impl_->Invoke(method, request, response, impl_->credentials->access_token);
  if (status.code() == absl::StatusCode::kUnauthenticated && !refreshed) {
    HELPDESK_RETURN_IF_ERROR(impl_->Refresh());
    response->Clear();
    status = impl_->Invoke(method, request, response, impl_->credentials->access_token);
  }
  if (status.code() == absl::StatusCode::kUnauthenticated) return LoginExpired();
  return status;
}

absl::Status Client::CallStreaming(absl::string_view method,
                                   const std::function<absl::Status(const StreamWriter&)>& produce,
                                   pb::Message* response) {
  HELPDESK_RETURN_IF_ERROR(impl_->LoadCredentials());
  bool refreshed = false;
  if (impl_->credentials->expires_at <= impl_->now() + kExpiryMargin) {
    HELPDESK_RETURN_IF_ERROR(impl_->Refresh());
    refreshed = true;
  }
  absl::Status status =
      impl_->InvokeStreaming(method, produce, response, impl_->credentials->access_token);
  if (status.code() == absl::StatusCode::kUnauthenticated && !refreshed) {
    HELPDESK_RETURN_IF_ERROR(impl_->Refresh());
    response->Clear();
    status = impl_->InvokeStreaming(method, produce, response, impl_->credentials->access_token);
  }
  if (status.code() == absl::StatusCode::kUnauthenticated) return LoginExpired();
  return status;
}

absl::Status Client::Login(const std::string& username, const std::string& password,
                           bool* must_change_password) {
  identity::v1::LoginRequest request;
  request.set_username(username);
  request.set_password(password);
  TokenResponse tokens;
  HELPDESK_RETURN_IF_ERROR(impl_->Invoke(kLogin, request, &tokens, ""));
  *must_change_password = tokens.must_change_password();
  impl_->credentials = FromTokens(tokens, username, impl_->now());
  impl_->credentials_loaded = true;
  return impl_->store.Save(*impl_->credentials);
}

absl::Status Client::Logout(std::string* warning) {
  identity::v1::LogoutRequest request;
  identity::v1::LogoutResponse response;
  // Call refreshes an expired access token, so that the session ends too.
  absl::Status told = Call(kLogout, request, &response);
  if (!told.ok() && ExitCodeOf(told) != ExitCode::kUnauthenticated) {
    *warning = absl::StrCat("the session may stay open on the server: ", told.message());
  }
  impl_->credentials.reset();
  impl_->credentials_loaded = false;
  return impl_->store.Remove();
}

}  // namespace helpdesk::helpdeskctl
