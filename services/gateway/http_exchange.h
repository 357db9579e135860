// Internal to HttpServer: the HttpExchange handle a handler holds. Every call
// on it is posted to the connection's strand, where the connection (an
// ExchangeTarget) ignores calls about an exchange that is no longer current.
// A handle dropped before its exchange was answered answers 500.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "services/gateway/http_server.h"

namespace helpdesk::gateway {

// What the handle drives: one connection. Methods other than Post and
// stopped run on the connection's strand; `id` names the exchange.
class ExchangeTarget {
 public:
  virtual ~ExchangeTarget() = default;
  // Runs `task` on the connection's strand.
  virtual void Post(std::function<void()> task) = 0;
  // Whether the server stopped: nothing posted would run.
  virtual bool stopped() const = 0;

  virtual void Describe(uint64_t id, std::string label, std::string request_id) = 0;
  virtual void ReadChunk(uint64_t id, size_t max_chunk, size_t limit,
                         std::optional<std::chrono::steady_clock::time_point> deadline,
                         std::function<void(absl::Status, std::string, bool)> done) = 0;
  virtual void Respond(uint64_t id, HttpResponse response) = 0;
  virtual void StartStream(uint64_t id, int status, std::vector<HttpHeader> headers) = 0;
  virtual void WriteChunk(uint64_t id, std::string data, std::function<void(bool)> done) = 0;
  virtual void FinishStream(uint64_t id) = 0;
  virtual void Abort(uint64_t id) = 0;
  virtual void Abandoned(uint64_t id) = 0;
};

std::shared_ptr<HttpExchange> NewExchange(std::shared_ptr<ExchangeTarget> target, uint64_t id,
                                          HttpRequestHead head, absl::Duration read_timeout);

}  // namespace helpdesk::gateway
