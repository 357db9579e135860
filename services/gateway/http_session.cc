#include "services/gateway/http_session.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <deque>
#include <limits>
#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "libs/metrics/metrics.h"
#include "services/gateway/http_exchange.h"
#include "services/gateway/transcoder.h"

namespace helpdesk::gateway {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

constexpr size_t kDrainBytes = 1 << 20;  // read and dropped before a close

std::chrono::nanoseconds ToChrono(absl::Duration d) { return absl::ToChronoNanoseconds(d); }

// Errors of the HTTP parser itself (as opposed to the socket's).
bool IsHttpError(beast::error_code ec) {
  return ec.category() == http::make_error_code(http::error::end_of_stream).category();
}

std::string FormatHeader(unsigned version, int status, const std::vector<HttpHeader>& headers,
                         bool close, std::optional<size_t> content_length) {
  http::response_header<> h;
  h.version(version);
  h.result(static_cast<unsigned>(status));
  if (status == 499) h.reason("Client Closed Request");
  for (const HttpHeader& header : headers) h.insert(header.name, header.value);
  if (content_length) {
    h.set(http::field::content_length, std::to_string(*content_length));
  } else if (version != 10) {
    h.set(http::field::transfer_encoding, "chunked");
  }  // else HTTP/1.0: the close ends the body
  if (close) {
    h.set(http::field::connection, "close");
  } else if (version == 10) {
    h.set(http::field::connection, "keep-alive");
  }
  http::fields::writer writer(h, h.version(), h.result_int());
  return beast::buffers_to_string(writer.get());
}

}  // namespace

// One connection. Everything below runs on the connection's strand.
class Session : public ExchangeTarget, public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, ServerState* server)
      : socket_(std::move(socket)), timer_(socket_.get_executor()), server_(server) {}
  ~Session() {
    std::lock_guard lock(server_->mu);
    server_->sessions.erase(this);
    if (server_->sessions.empty()) server_->all_closed.notify_all();
  }

  void Start() {
    beast::error_code ec;
    socket_.set_option(tcp::no_delay(true), ec);
    auto peer = socket_.remote_endpoint(ec);
    if (!ec) peer_ = peer.address().to_string();
    net::dispatch(socket_.get_executor(), [self = shared_from_this()] { self->WaitForRequest(); });
  }

  auto executor() { return socket_.get_executor(); }

  // Closes an idle connection (draining).
  void CloseIfIdle() {
    if (idle_) Close(/*graceful=*/false);
  }
  void CloseNow() { Close(/*graceful=*/false); }

  // ---- ExchangeTarget: called through the exchange handle, on the strand ----
  void Post(std::function<void()> task) override {
    net::post(socket_.get_executor(), std::move(task));
  }
  bool stopped() const override { return server_->stopped; }
  void Describe(uint64_t id, std::string label, std::string request_id) override {
    if (id != exchange_id_) return;
    label_ = std::move(label);
    request_id_ = std::move(request_id);
  }
  void ReadChunk(uint64_t id, size_t max_chunk, size_t limit,
                 std::optional<Clock::time_point> deadline,
                 std::function<void(absl::Status, std::string, bool)> done) override;
  void Respond(uint64_t id, HttpResponse response) override;
  void StartStream(uint64_t id, int status, std::vector<HttpHeader> headers) override;
  void WriteChunk(uint64_t id, std::string data, std::function<void(bool)> done) override;
  void FinishStream(uint64_t id) override;
  void Abort(uint64_t id) override {
    if (id == exchange_id_ && !exchange_ended_) Close(/*graceful=*/false);
  }
  void Abandoned(uint64_t id) override {
    if (IsCurrent(id)) Fail(500, 13, "the request was dropped by the gateway");
  }

 private:
  bool IsCurrent(uint64_t id) const { return id == exchange_id_ && !closed_ && !answer_started_; }

  struct Out {
    std::string data;
    std::function<void(bool)> done;
    bool ends_exchange = false;
  };

  // One timer for the socket's reads and writes: when it fires, the pending
  // operations are cancelled and see timed_out_.
  void Arm(Clock::time_point deadline);
  void Disarm() {
    ++timer_generation_;
    timer_.cancel();
  }

  void WaitForRequest();
  void ReadHeader();
  void OnHeader(beast::error_code ec);
  void Enqueue(Out out);
  void WriteNext();
  void OnWritten(beast::error_code ec);
  void RecordExchange();
  void EndExchange();
  void Fail(int status, int grpc_code, std::string_view message);
  void Close(bool graceful);
  void Linger();
  bool MustClose() const {
    return !keep_alive_ || server_->draining || !parser_ || !parser_->is_done();
  }

  tcp::socket socket_;
  net::steady_timer timer_;
  ServerState* server_;
  beast::flat_buffer buffer_;
  std::string peer_;
  std::optional<http::request_parser<http::buffer_body>> parser_;
  std::vector<char> chunk_;
  std::deque<Out> out_;
  uint64_t timer_generation_ = 0;
  bool timed_out_ = false;
  bool writing_ = false;
  bool reading_ = false;
  bool idle_ = false;
  bool closed_ = false;
  bool first_request_ = true;
  size_t drained_ = 0;

  // The current exchange.
  uint64_t exchange_id_ = 0;
  bool exchange_ended_ = true;
  bool answer_started_ = false;
  bool keep_alive_ = true;
  bool expect_continue_ = false;
  unsigned version_ = 11;
  int status_ = 0;
  uint64_t body_read_ = 0;
  std::string label_;
  std::string request_id_;
  Clock::time_point started_;
};

void Session::Arm(Clock::time_point deadline) {
  timed_out_ = false;
  uint64_t generation = ++timer_generation_;
  timer_.expires_at(deadline);
  timer_.async_wait([self = shared_from_this(), generation](beast::error_code ec) {
    if (ec || generation != self->timer_generation_) return;
    self->timed_out_ = true;
    beast::error_code ignored;
    self->socket_.cancel(ignored);
  });
}

void Session::WaitForRequest() {
  if (closed_) return;
  if (server_->draining) return Close(/*graceful=*/false);
  if (buffer_.size() > 0) return ReadHeader();
  // Nothing received yet: a quiet close when it times out.
  idle_ = true;
  Arm(Clock::now() +
      ToChrono(first_request_ ? server_->options.read_timeout : server_->options.idle_timeout));
  socket_.async_read_some(buffer_.prepare(4096),
                          [self = shared_from_this()](beast::error_code ec, size_t n) {
                            self->idle_ = false;
                            if (ec) return self->Close(/*graceful=*/false);
                            self->buffer_.commit(n);
                            self->ReadHeader();
                          });
}

void Session::ReadHeader() {
  started_ = Clock::now();
  parser_.emplace();
  parser_->header_limit(static_cast<uint32_t>(server_->options.max_header_bytes));
  // Each route has its own limit, checked here. (Beast 1.74 compares the
  // length against an empty optional wrongly: no boost::none.)
  parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
  Arm(started_ + ToChrono(server_->options.read_timeout));
  label_ = "unmatched";
  request_id_.clear();
  reading_ = true;
  http::async_read_header(socket_, buffer_, *parser_,
                          [self = shared_from_this()](beast::error_code ec, size_t) {
                            self->reading_ = false;
                            self->OnHeader(ec);
                          });
}

void Session::OnHeader(beast::error_code ec) {
  ++exchange_id_;
  exchange_ended_ = false;
  answer_started_ = false;
  status_ = 0;
  body_read_ = 0;
  version_ = 11;
  keep_alive_ = false;
  if (!writing_) Disarm();
  if (ec == http::error::header_limit) {
    return Fail(431, 8,
                absl::StrCat("the request header block exceeds ", server_->options.max_header_bytes,
                             " bytes"));
  }
  if (timed_out_) return Fail(408, 4, "the request was not received in time");
  if (ec && IsHttpError(ec) && ec != http::error::end_of_stream &&
      ec != http::error::partial_message) {
    return Fail(400, 3, "the request is not valid HTTP/1.1");
  }
  if (ec) {
    exchange_ended_ = true;  // the client left: nothing to answer
    return Close(/*graceful=*/false);
  }

  const auto& message = parser_->get();
  HttpRequestHead head;
  head.method = std::string(message.method_string());
  head.target = std::string(message.target());
  size_t question = head.target.find('?');
  head.path = head.target.substr(0, question);
  if (question != std::string::npos) head.query = head.target.substr(question + 1);
  for (const auto& field : message) {
    head.headers.push_back({absl::AsciiStrToLower(absl::string_view(field.name_string().data(),
                                                                    field.name_string().size())),
                            std::string(field.value())});
  }
  head.peer_address = peer_;
  if (parser_->content_length()) head.content_length = *parser_->content_length();
  version_ = message.version();
  keep_alive_ = message.keep_alive();
  auto expect = message.find(http::field::expect);
  expect_continue_ =
      expect != message.end() &&
      absl::EqualsIgnoreCase(absl::string_view(expect->value().data(), expect->value().size()),
                             "100-continue");
  server_->handler->Handle(NewExchange(shared_from_this(), exchange_id_, std::move(head),
                                       server_->options.read_timeout));
}

void Session::ReadChunk(uint64_t id, size_t max_chunk, size_t limit,
                        std::optional<Clock::time_point> deadline,
                        std::function<void(absl::Status, std::string, bool)> done) {
  if (!IsCurrent(id) || reading_) {
    return done(absl::UnavailableError("the request can no longer be read"), "", false);
  }
  if (parser_->is_done()) return done(absl::OkStatus(), "", true);
  if (parser_->content_length() && *parser_->content_length() > limit) {
    Fail(413, 8, absl::StrCat("the request body exceeds ", limit, " bytes"));
    return done(absl::ResourceExhaustedError("request body too large"), "", false);
  }
  if (expect_continue_) {
    expect_continue_ = false;
    Enqueue({absl::StrCat("HTTP/1.", version_ % 10, " 100 Continue\r\n\r\n"), nullptr, false});
  }
  chunk_.resize(max_chunk);
  auto& body = parser_->get().body();
  body.data = chunk_.data();
  body.size = max_chunk;
  body.more = true;
  Arm(deadline ? *deadline : Clock::now() + ToChrono(server_->options.read_timeout));
  reading_ = true;
  http::async_read(
      socket_, buffer_, *parser_,
      [self = shared_from_this(), id, max_chunk, limit, done = std::move(done)](
          beast::error_code ec, size_t) {
        self->reading_ = false;
        if (!self->writing_) self->Disarm();
        if (ec == http::error::need_buffer) ec = {};
        if (ec) {
          if (!self->IsCurrent(id)) {
            // Answered or closed meanwhile.
          } else if (self->timed_out_) {
            self->Fail(408, 4, "the request body was not received in time");
          } else if (IsHttpError(ec) && ec != http::error::partial_message) {
            self->Fail(400, 3, "the request body is not valid HTTP/1.1");
          } else {
            self->Close(/*graceful=*/false);
          }
          return done(absl::UnavailableError("the request body could not be read"), "", false);
        }
        size_t got = max_chunk - self->parser_->get().body().size;
        self->body_read_ += got;
        if (self->body_read_ > limit) {
          self->Fail(413, 8, absl::StrCat("the request body exceeds ", limit, " bytes"));
          return done(absl::ResourceExhaustedError("request body too large"), "", false);
        }
        done(absl::OkStatus(), std::string(self->chunk_.data(), got), self->parser_->is_done());
      });
}

void Session::Respond(uint64_t id, HttpResponse response) {
  if (!IsCurrent(id)) return;
  answer_started_ = true;
  status_ = response.status;
  std::string bytes =
      FormatHeader(version_, response.status, response.headers, MustClose(), response.body.size());
  if (!response.head_only) bytes += response.body;
  Enqueue({std::move(bytes), nullptr, true});
}

void Session::StartStream(uint64_t id, int status, std::vector<HttpHeader> headers) {
  if (!IsCurrent(id)) return;
  answer_started_ = true;
  status_ = status;
  if (version_ == 10) keep_alive_ = false;  // no chunked encoding: the close ends the body
  Enqueue({FormatHeader(version_, status, headers, MustClose(), std::nullopt), nullptr, false});
}

void Session::WriteChunk(uint64_t id, std::string data, std::function<void(bool)> done) {
  if (id != exchange_id_ || exchange_ended_ || closed_ || !answer_started_) {
    if (done) done(false);
    return;
  }
  if (data.empty()) {  // an empty chunk would end the body
    if (done) done(true);
    return;
  }
  if (version_ == 10) return Enqueue({std::move(data), std::move(done), false});
  char size[20];
  std::snprintf(size, sizeof size, "%zx\r\n", data.size());
  std::string framed = size;
  framed.reserve(framed.size() + data.size() + 2);
  framed += data;
  framed += "\r\n";
  Enqueue({std::move(framed), std::move(done), false});
}

void Session::FinishStream(uint64_t id) {
  if (id != exchange_id_ || exchange_ended_ || closed_ || !answer_started_) return;
  Enqueue({version_ == 10 ? "" : "0\r\n\r\n", nullptr, true});
}

void Session::Fail(int status, int grpc_code, std::string_view message) {
  if (exchange_ended_ || closed_) return;
  if (answer_started_) return Close(/*graceful=*/false);
  answer_started_ = true;
  keep_alive_ = false;
  status_ = status;
  HttpResponse response = ErrorResponse(status, grpc_code, message, request_id_);
  Enqueue(
      {FormatHeader(version_, status, response.headers, true, response.body.size()) + response.body,
       nullptr, true});
}

void Session::Enqueue(Out out) {
  if (closed_) {
    if (out.done) out.done(false);
    return;
  }
  out_.push_back(std::move(out));
  if (!writing_) WriteNext();
}

void Session::WriteNext() {
  writing_ = true;
  // A client that does not read its answer does not hold the connection;
  // a body read in progress keeps its own deadline.
  if (!reading_) Arm(Clock::now() + ToChrono(server_->options.read_timeout));
  net::async_write(
      socket_, net::buffer(out_.front().data),
      [self = shared_from_this()](beast::error_code ec, size_t) { self->OnWritten(ec); });
}

void Session::OnWritten(beast::error_code ec) {
  writing_ = false;
  if (!reading_) Disarm();
  Out item = std::move(out_.front());
  out_.pop_front();
  if (ec) {
    if (item.done) item.done(false);
    return Close(/*graceful=*/false);
  }
  if (item.done) item.done(true);
  if (item.ends_exchange) return EndExchange();
  if (!out_.empty() && !writing_) WriteNext();
}

void Session::RecordExchange() {
  if (exchange_ended_) return;
  exchange_ended_ = true;
  double seconds = std::chrono::duration<double>(Clock::now() - started_).count();
  // 499: the client left before its answer was complete.
  std::string code = std::to_string(status_ == 0 ? 499 : status_);
  auto& registry = metrics::Default();
  registry
      .GetCounter("helpdesk_http_requests_total", "HTTP requests answered by the gateway.",
                  {{"route", label_}, {"code", code}})
      .Increment();
  registry
      .GetHistogram("helpdesk_http_request_duration_seconds",
                    "Time from a request's first byte to the end of its answer.",
                    {{"route", label_}})
      .Observe(seconds);
}

void Session::EndExchange() {
  RecordExchange();
  if (closed_) return;
  if (MustClose()) return Close(/*graceful=*/true);
  first_request_ = false;
  parser_.reset();
  WaitForRequest();
}

void Session::Close(bool graceful) {
  if (closed_) return;
  if (!exchange_ended_) {
    if (!answer_started_) status_ = 0;
    RecordExchange();
  }
  closed_ = true;
  for (size_t i = writing_ ? 1 : 0; i < out_.size(); ++i) {
    if (out_[i].done) out_[i].done(false);
  }
  out_.erase(out_.begin() + (writing_ ? 1 : 0), out_.end());
  beast::error_code ec;
  if (graceful && !reading_ && !writing_) {
    // Let the client read the answer: closing with unread request bytes
    // would reset the connection, which may destroy the answer in flight.
    socket_.shutdown(tcp::socket::shutdown_send, ec);
    return Linger();
  }
  Disarm();
  socket_.shutdown(tcp::socket::shutdown_both, ec);
  socket_.close(ec);
}

void Session::Linger() {
  if (drained_ == 0) Arm(Clock::now() + std::chrono::seconds(2));
  buffer_.consume(buffer_.size());
  socket_.async_read_some(buffer_.prepare(16384),
                          [self = shared_from_this()](beast::error_code ec, size_t n) {
                            self->drained_ += n + 1;
                            if (ec || self->drained_ > kDrainBytes) {
                              self->Disarm();
                              beast::error_code ignored;
                              self->socket_.close(ignored);
                              return;
                            }
                            self->buffer_.commit(n);
                            self->Linger();
                          });
}

void StartSession(tcp::socket socket, ServerState* state) {
  auto session = std::make_shared<Session>(std::move(socket), state);
  {
    std::lock_guard lock(state->mu);
    state->sessions[session.get()] = session;
  }
  session->Start();
}

void CloseIfIdle(const std::shared_ptr<Session>& session) {
  net::post(session->executor(), [session] { session->CloseIfIdle(); });
}

void CloseNow(const std::shared_ptr<Session>& session) { session->CloseNow(); }

std::vector<std::shared_ptr<Session>> LiveSessions(ServerState& state) {
  std::vector<std::shared_ptr<Session>> live;
  std::lock_guard lock(state.mu);
  for (auto& [raw, weak] : state.sessions) {
    if (auto session = weak.lock()) live.push_back(std::move(session));
  }
  return live;
}

}  // namespace helpdesk::gateway
