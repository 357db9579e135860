#include "services/gateway/http_server.h"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <chrono>
#include <thread>

#include "absl/strings/str_cat.h"
#include "libs/log/log.h"
#include "services/gateway/http_session.h"

namespace helpdesk::gateway {

namespace net = boost::asio;
using tcp = net::ip::tcp;

struct HttpServer::Impl {
  // Declared first, destroyed last: sessions unregister while the io_context
  // is destroyed.
  ServerState state;
  net::io_context io;
  // Keeps the threads running while no socket operation is pending (all
  // connections waiting on backends, or none open while draining).
  net::executor_work_guard<net::io_context::executor_type> work{io.get_executor()};
  // On a strand of its own: StopAccepting closes it from another thread.
  tcp::acceptor acceptor{net::make_strand(io)};
  net::steady_timer accept_backoff{acceptor.get_executor()};
  std::vector<std::thread> threads;
  int port = 0;

  void Accept();
};

void HttpServer::Impl::Accept() {
  acceptor.async_accept(
      net::make_strand(io), [this](boost::system::error_code ec, tcp::socket socket) {
        if (ec == net::error::operation_aborted || !acceptor.is_open()) return;
        if (ec) {
          // Out of descriptors, most likely: try again shortly rather than spin.
          log::Warn("gateway cannot accept a connection", {{"error", ec.message()}});
          accept_backoff.expires_after(std::chrono::milliseconds(100));
          accept_backoff.async_wait([this](boost::system::error_code) { Accept(); });
          return;
        }
        StartSession(std::move(socket), &state);
        Accept();
      });
}

HttpServer::HttpServer(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}

absl::StatusOr<std::unique_ptr<HttpServer>> HttpServer::Start(HttpServerOptions options,
                                                              HttpHandler* handler) {
  auto impl = std::make_shared<Impl>();
  impl->state.options = options;
  impl->state.handler = handler;
  boost::system::error_code ec;
  auto address = net::ip::make_address(options.host, ec);
  if (ec) {
    return absl::InvalidArgumentError(absl::StrCat("\"", options.host, "\" is not an IP address"));
  }
  tcp::endpoint endpoint(address, static_cast<unsigned short>(options.port));
  impl->acceptor.open(endpoint.protocol(), ec);
  if (!ec) impl->acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) impl->acceptor.bind(endpoint, ec);
  if (!ec) impl->acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", options.host, ":", options.port, ": ", ec.message()));
  }
  impl->port = impl->acceptor.local_endpoint().port();
  impl->Accept();
  for (int i = 0; i < std::max(1, options.threads); ++i) {
    impl->threads.emplace_back([io = &impl->io] { io->run(); });
  }
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

HttpServer::~HttpServer() { Stop(); }

int HttpServer::port() const { return impl_->port; }

void HttpServer::StopAccepting() {
  impl_->state.draining = true;
  // A raw pointer: the io_context, and so this task, dies with the Impl.
  net::post(impl_->acceptor.get_executor(), [impl = impl_.get()] {
    boost::system::error_code ec;
    impl->acceptor.close(ec);
  });
  for (auto& session : LiveSessions(impl_->state)) CloseIfIdle(session);
}

bool HttpServer::WaitConnectionsClosed(absl::Time deadline) {
  ServerState& state = impl_->state;
  std::unique_lock lock(state.mu);
  return state.all_closed.wait_until(lock, absl::ToChronoTime(deadline),
                                     [&state] { return state.sessions.empty(); });
}

void HttpServer::Stop() {
  if (impl_->threads.empty()) return;
  impl_->state.draining = true;
  impl_->state.stopped = true;
  impl_->work.reset();
  impl_->io.stop();
  for (std::thread& t : impl_->threads) t.join();
  impl_->threads.clear();
  boost::system::error_code ec;
  impl_->acceptor.close(ec);
  // No thread runs the io_context now: the sessions can be closed from here.
  for (auto& session : LiveSessions(impl_->state)) CloseNow(session);
}

}  // namespace helpdesk::gateway
