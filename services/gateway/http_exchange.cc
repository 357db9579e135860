#include "services/gateway/http_exchange.h"

namespace helpdesk::gateway {

using Clock = std::chrono::steady_clock;

namespace {

// The handler's view of one exchange: a thin handle posting to the session.
class Exchange : public HttpExchange, public std::enable_shared_from_this<Exchange> {
 public:
  Exchange(std::shared_ptr<ExchangeTarget> session, uint64_t id, HttpRequestHead head,
           absl::Duration read_timeout)
      : session_(std::move(session)),
        id_(id),
        head_(std::move(head)),
        read_timeout_(read_timeout) {}
  ~Exchange() override {
    // A handler that drops the exchange unanswered gets a 500 for it.
    if (!session_->stopped()) session_->Post([s = session_, id = id_] { s->Abandoned(id); });
  }

  const HttpRequestHead& head() const override { return head_; }
  void Describe(std::string route_label, std::string request_id) override {
    session_->Describe(id_, std::move(route_label), std::move(request_id));
  }

  void ReadBody(size_t limit, std::function<void(absl::StatusOr<std::string>)> done) override {
    Post([self = shared_from_this(), limit, done = std::move(done)]() mutable {
      auto body = std::make_shared<std::string>();
      auto deadline = Clock::now() + absl::ToChronoNanoseconds(self->read_timeout_);
      self->ReadAll(limit, deadline, std::move(body), std::move(done));
    });
  }
  void ReadBodyChunk(size_t max_chunk, size_t limit,
                     std::function<void(absl::Status, std::string, bool)> done) override {
    Post([s = session_, id = id_, max_chunk, limit, done = std::move(done)]() mutable {
      s->ReadChunk(id, max_chunk, limit, std::nullopt, std::move(done));
    });
  }
  void Respond(HttpResponse response) override {
    Post([s = session_, id = id_, r = std::move(response)]() mutable {
      s->Respond(id, std::move(r));
    });
  }
  void StartStream(int status, std::vector<HttpHeader> headers) override {
    Post([s = session_, id = id_, status, h = std::move(headers)]() mutable {
      s->StartStream(id, status, std::move(h));
    });
  }
  void WriteChunk(std::string data, std::function<void(bool)> done) override {
    Post([s = session_, id = id_, d = std::move(data), done = std::move(done)]() mutable {
      s->WriteChunk(id, std::move(d), std::move(done));
    });
  }
  void FinishStream() override {
    Post([s = session_, id = id_] { s->FinishStream(id); });
  }
  void Abort() override {
    Post([s = session_, id = id_] { s->Abort(id); });
  }

 private:
  template <typename F>
  void Post(F&& f) {
    session_->Post(std::forward<F>(f));
  }

  // Reads in one piece when the length is known, else 64 KiB at a time.
  void ReadAll(size_t limit, Clock::time_point deadline, std::shared_ptr<std::string> body,
               std::function<void(absl::StatusOr<std::string>)> done) {
    size_t piece = 64 * 1024;
    if (head_.content_length && *head_.content_length > 0 && *head_.content_length <= limit) {
      piece = static_cast<size_t>(*head_.content_length);
    }
    session_->ReadChunk(id_, piece, limit, deadline,
                        [self = shared_from_this(), limit, deadline, body, done = std::move(done)](
                            absl::Status status, std::string data, bool last) mutable {
                          if (!status.ok()) return done(status);
                          body->append(data);
                          if (last) return done(std::move(*body));
                          self->ReadAll(limit, deadline, std::move(body), std::move(done));
                        });
  }

  std::shared_ptr<ExchangeTarget> session_;
  uint64_t id_;
  HttpRequestHead head_;
  absl::Duration read_timeout_;
};

}  // namespace

std::shared_ptr<HttpExchange> NewExchange(std::shared_ptr<ExchangeTarget> target, uint64_t id,
                                          HttpRequestHead head, absl::Duration read_timeout) {
  return std::make_shared<Exchange>(std::move(target), id, std::move(head), read_timeout);
}

}  // namespace helpdesk::gateway
