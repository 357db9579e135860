// The attachment service: validated uploads, content-addressed storage, downloads.
#include "libs/runtime/runtime.h"
#include "services/attachment/attachment_service.h"

int main(int argc, char** argv) {
  using namespace helpdesk;
  return runtime::Main({.name = "attachment", .grpc_port = 9103}, argc, argv,
                       [](runtime::Runtime& rt) -> absl::Status {
                         static attachment::AttachmentServiceImpl service;
                         rt.host().AddService(
                             &service, attachment::v1::AttachmentService::service_full_name());
                         return absl::OkStatus();
                       });
}
