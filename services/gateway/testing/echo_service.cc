#include "services/gateway/testing/echo_service.h"

#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server_builder.h>

#include <cctype>
#include <condition_variable>
#include <cstdio>
#include <mutex>

#include "absl/time/clock.h"
#include "helpdesk/testing/v1/echo.grpc.pb.h"

namespace helpdesk::gateway::testing {
namespace {

namespace v1 = helpdesk::testing::v1;

void AppendVarint(std::string& out, uint64_t value) {
  while (value >= 0x80) {
    out.push_back(static_cast<char>(value | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
}

void AppendField(std::string& out, int number, const std::string& bytes) {
  AppendVarint(out, (static_cast<uint64_t>(number) << 3) | 2);
  AppendVarint(out, bytes.size());
  out += bytes;
}

// A google.rpc.Status carrying one Item as its detail.
std::string StatusWithItemDetail(int code, const std::string& message) {
  v1::Item item;
  item.set_id("detail-1");
  std::string any;
  AppendField(any, 1, "type.googleapis.com/helpdesk.testing.v1.Item");
  AppendField(any, 2, item.SerializeAsString());
  std::string status;
  AppendVarint(status, 1 << 3);  // code, varint
  AppendVarint(status, code);
  AppendField(status, 2, message);
  AppendField(status, 3, any);
  return status;
}

}  // namespace

std::string Checksum(const std::string& data) {
  uint64_t hash = 1469598103934665603ULL;
  for (unsigned char c : data) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  return hex;
}

class EchoServer::Service final : public v1::EchoService::Service {
 public:
  grpc::Status GetItem(grpc::ServerContext*, const v1::Item* request, v1::Item* response) override {
    *response = *request;
    return grpc::Status::OK;
  }

  grpc::Status CreateItem(grpc::ServerContext*, const v1::Item* request,
                          v1::Item* response) override {
    *response = *request;
    return grpc::Status::OK;
  }

  grpc::Status ListItems(grpc::ServerContext*, const v1::ListItemsRequest* request,
                         grpc::ServerWriter<v1::Item>* writer) override {
    for (int i = 0; i < request->count(); ++i) {
      v1::Item item;
      item.set_shelf(request->shelf());
      item.set_id(std::to_string(i));
      writer->Write(item);
    }
    return grpc::Status::OK;
  }

  grpc::Status UpdateItem(grpc::ServerContext*, const v1::UpdateItemRequest* request,
                          v1::Item* response) override {
    *response = request->item();
    response->set_id(request->id());
    response->set_note(request->reason());
    return grpc::Status::OK;
  }

  grpc::Status Shout(grpc::ServerContext*, const v1::ShoutRequest* request,
                     v1::Item* response) override {
    std::string loud = request->text();
    for (char& c : loud) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    response->set_id(request->id());
    response->set_note(loud);
    return grpc::Status::OK;
  }

  grpc::Status Fail(grpc::ServerContext* context, const v1::FailRequest* request,
                    v1::Item*) override {
    if (request->code() == grpc::StatusCode::RESOURCE_EXHAUSTED) {
      context->AddTrailingMetadata("retry-after", "7");
    }
    context->AddTrailingMetadata("x-internal-detail", "not for clients");
    auto code = static_cast<grpc::StatusCode>(request->code());
    if (request->with_details()) {
      return grpc::Status(code, request->message(),
                          StatusWithItemDetail(request->code(), request->message()));
    }
    return grpc::Status(code, request->message());
  }

  grpc::Status Wait(grpc::ServerContext* context, const v1::WaitRequest* request,
                    v1::Item* response) override {
    {
      std::lock_guard lock(mu_);
      ++waits_;
    }
    changed_.notify_all();
    absl::Time end = absl::Now() + absl::Milliseconds(request->millis());
    // The service under test is the gateway: here a cancelled call ends soon.
    while (absl::Now() < end && !context->IsCancelled()) {
      std::unique_lock lock(mu_);
      changed_.wait_for(lock, std::chrono::milliseconds(5));
    }
    {
      std::lock_guard lock(mu_);
      --waits_;
    }
    response->set_note(context->IsCancelled() ? "cancelled" : "waited");
    return grpc::Status::OK;
  }

  grpc::Status GetMetadata(grpc::ServerContext* context, const v1::GetMetadataRequest*,
                           v1::MetadataResponse* response) override {
    for (const auto& [key, value] : context->client_metadata()) {
      v1::MetadataEntry* entry = response->add_entries();
      entry->set_key(std::string(key.data(), key.size()));
      entry->set_value(std::string(value.data(), value.size()));
    }
    return grpc::Status::OK;
  }

  grpc::Status Download(grpc::ServerContext* context, const v1::DownloadRequest* request,
                        grpc::ServerWriter<helpdesk::common::v1::HttpBody>* writer) override {
    context->AddInitialMetadata("content-disposition",
                                "attachment; filename=\"" + request->name() + "\"");
    context->AddInitialMetadata("x-internal-detail", "not for clients");
    for (int i = 0; i < request->chunks(); ++i) {
      helpdesk::common::v1::HttpBody body;
      if (i == 0) body.set_content_type("text/plain");
      body.set_data(std::string(request->chunk_size(), static_cast<char>('a' + i % 26)));
      if (!writer->Write(body)) return grpc::Status::CANCELLED;
    }
    if (request->fail_code() != 0) {
      return grpc::Status(static_cast<grpc::StatusCode>(request->fail_code()), "download failed");
    }
    return grpc::Status::OK;
  }

  grpc::Status Upload(grpc::ServerContext*,
                      grpc::ServerReader<helpdesk::common::v1::HttpBody>* reader,
                      v1::UploadSummary* response) override {
    helpdesk::common::v1::HttpBody body;
    std::string data;
    int messages = 0;
    while (reader->Read(&body)) {
      if (messages == 0) response->set_content_type(body.content_type());
      ++messages;
      data += body.data();
    }
    response->set_size(static_cast<int64_t>(data.size()));
    response->set_checksum(Checksum(data));
    response->set_messages(messages);
    return grpc::Status::OK;
  }

  grpc::Status Collect(grpc::ServerContext*, grpc::ServerReader<v1::Item>* reader,
                       v1::Item* response) override {
    v1::Item item;
    while (reader->Read(&item)) *response = item;
    return grpc::Status::OK;
  }

  grpc::Status GetReport(grpc::ServerContext*, const v1::ReportRequest* request,
                         v1::Report* response) override {
    response->set_month(request->month());
    return grpc::Status::OK;
  }

  grpc::Status ExportReport(grpc::ServerContext* context, const v1::ReportRequest* request,
                            helpdesk::common::v1::HttpBody* response) override {
    context->AddInitialMetadata("content-disposition", "attachment; filename=\"report.csv\"");
    response->set_content_type("text/csv; charset=utf-8");
    response->set_data("month,total_cents\n" + request->month() + ",0\n");
    return grpc::Status::OK;
  }

  int waits() const {
    std::lock_guard lock(mu_);
    return waits_;
  }
  bool WaitForWait(absl::Time deadline) const {
    std::unique_lock lock(mu_);
    return changed_.wait_until(lock, absl::ToChronoTime(deadline), [this] { return waits_ > 0; });
  }

 private:
  mutable std::mutex mu_;
  mutable std::condition_variable changed_;
  int waits_ = 0;
};

EchoServer::EchoServer() : service_(std::make_unique<Service>()) {
  grpc::ServerBuilder builder;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port_);
  builder.RegisterService(service_.get());
  server_ = builder.BuildAndStart();
}

EchoServer::~EchoServer() { server_->Shutdown(absl::ToChronoTime(absl::Now() + absl::Seconds(2))); }

std::string EchoServer::address() const { return "127.0.0.1:" + std::to_string(port_); }

int EchoServer::waits_in_flight() const { return service_->waits(); }

bool EchoServer::WaitForWaitCall(absl::Time deadline) const {
  return service_->WaitForWait(deadline);
}

}  // namespace helpdesk::gateway::testing
