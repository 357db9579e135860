#include "libs/events/jetstream.h"

#include "absl/strings/str_cat.h"

namespace helpdesk::events {

absl::Status NatsError(natsStatus status, const std::string& what) {
  std::string text = absl::StrCat(what, ": ", natsStatus_GetText(status));
  if (status == NATS_TIMEOUT) return absl::DeadlineExceededError(text);
  if (status == NATS_CONNECTION_CLOSED || status == NATS_NO_SERVER ||
      status == NATS_CONNECTION_DISCONNECTED || status == NATS_NO_RESPONDERS) {
    return absl::UnavailableError(text);
  }
  return absl::InternalError(text);
}

absl::StatusOr<std::unique_ptr<JetStream>> JetStream::Connect(const std::string& url,
                                                              const std::string& client_name) {
  natsOptions* opts = nullptr;
  natsStatus s = natsOptions_Create(&opts);
  if (s == NATS_OK) s = natsOptions_SetURL(opts, url.c_str());
  if (s == NATS_OK) s = natsOptions_SetName(opts, client_name.c_str());
  if (s == NATS_OK) s = natsOptions_SetTimeout(opts, 3000);
  if (s == NATS_OK) s = natsOptions_SetMaxReconnect(opts, -1);
  if (s == NATS_OK) s = natsOptions_SetReconnectWait(opts, 250);
  if (s == NATS_OK) s = natsOptions_SetReconnectBufSize(opts, 8 * 1024 * 1024);
  natsConnection* conn = nullptr;
  if (s == NATS_OK) s = natsConnection_Connect(&conn, opts);
  natsOptions_Destroy(opts);
  if (s != NATS_OK) {
    return absl::UnavailableError(
        absl::StrCat("cannot connect to NATS at ", url, ": ", natsStatus_GetText(s)));
  }
  jsOptions js_opts;
  jsOptions_Init(&js_opts);
  js_opts.Wait = 5000;
  jsCtx* js = nullptr;
  s = natsConnection_JetStream(&js, conn, &js_opts);
  if (s != NATS_OK) {
    natsConnection_Destroy(conn);
    return NatsError(s, "cannot open a JetStream context");
  }
  return std::unique_ptr<JetStream>(new JetStream(conn, js));
}

JetStream::~JetStream() {
  jsCtx_Destroy(js_);
  natsConnection_Destroy(conn_);
}

absl::Status JetStream::EnsureStream(const StreamOptions& options) {
  jsStreamConfig config;
  jsStreamConfig_Init(&config);
  const char* subjects[] = {options.subjects.c_str()};
  config.Name = options.name.c_str();
  config.Subjects = subjects;
  config.SubjectsLen = 1;
  config.Storage = js_FileStorage;
  config.Duplicates = absl::ToInt64Nanoseconds(options.duplicate_window);
  config.MaxAge = absl::ToInt64Nanoseconds(options.max_age);
  jsStreamInfo* info = nullptr;
  jsErrCode jerr = static_cast<jsErrCode>(0);
  natsStatus s = js_AddStream(&info, js_, &config, nullptr, &jerr);
  if (s != NATS_OK && jerr == JSStreamNameExistErr) {
    s = js_UpdateStream(&info, js_, &config, nullptr, &jerr);
  }
  if (info != nullptr) jsStreamInfo_Destroy(info);
  if (s != NATS_OK) {
    return NatsError(s, absl::StrCat("cannot create the JetStream stream ", options.name,
                                     " (error ", static_cast<int>(jerr), ")"));
  }
  return absl::OkStatus();
}

bool JetStream::Healthy() const {
  return natsConnection_Status(conn_) == NATS_CONN_STATUS_CONNECTED;
}

}  // namespace helpdesk::events
