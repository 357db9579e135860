#include "libs/metrics/metrics_server.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "absl/strings/str_cat.h"
#include "libs/log/log.h"
#include "libs/metrics/metrics.h"

namespace helpdesk::metrics {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;

struct MetricsServer::Impl {
  asio::io_context io;
  tcp::acceptor acceptor{io};
  std::function<bool()> healthy;

  void Serve(tcp::socket& socket) {
    boost::beast::flat_buffer buffer;
    http::request<http::string_body> request;
    boost::system::error_code ec;
    http::read(socket, buffer, request, ec);
    if (ec) return;
    http::response<http::string_body> response;
    response.version(request.version());
    response.keep_alive(false);
    response.set(http::field::content_type, "text/plain; charset=utf-8");
    if (request.target() == "/metrics") {
      response.result(http::status::ok);
      response.set(http::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
      response.body() = Default().Render();
    } else if (request.target() == "/healthz") {
      bool ok = healthy ? healthy() : true;
      response.result(ok ? http::status::ok : http::status::service_unavailable);
      response.body() = ok ? "ok\n" : "not serving\n";
    } else {
      response.result(http::status::not_found);
      response.body() = "not found\n";
    }
    response.prepare_payload();
    http::write(socket, response, ec);
    socket.shutdown(tcp::socket::shutdown_both, ec);
  }
};

MetricsServer::MetricsServer(std::unique_ptr<Impl> impl, int port)
    : impl_(std::move(impl)), port_(port) {
  thread_ = std::thread([this] {
    for (;;) {
      tcp::socket socket(impl_->io);
      boost::system::error_code ec;
      impl_->acceptor.accept(socket, ec);
      if (ec) {
        if (!impl_->acceptor.is_open()) return;
        continue;
      }
      // Scrapes are rare and small: serving them one at a time is enough,
      // with a timeout so a stuck client cannot block the next scrape.
      struct timeval tv = {2, 0};
      setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
      impl_->Serve(socket);
    }
  });
}

absl::StatusOr<std::unique_ptr<MetricsServer>> MetricsServer::Start(const std::string& host,
                                                                    int port,
                                                                    std::function<bool()> healthy) {
  auto impl = std::make_unique<Impl>();
  impl->healthy = std::move(healthy);
  boost::system::error_code ec;
  auto address = asio::ip::make_address(host, ec);
  if (ec)
    return absl::InvalidArgumentError(
        absl::StrCat("metrics address \"", host, "\" is not an IP address"));
  tcp::endpoint endpoint(address, static_cast<unsigned short>(port));
  impl->acceptor.open(endpoint.protocol(), ec);
  if (!ec) impl->acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) impl->acceptor.bind(endpoint, ec);
  if (!ec) impl->acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen for metrics on ", host, ":", port, ": ", ec.message()));
  }
  int bound = impl->acceptor.local_endpoint().port();
  return std::unique_ptr<MetricsServer>(new MetricsServer(std::move(impl), bound));
}

void MetricsServer::Stop() {
  if (!thread_.joinable()) return;
  boost::system::error_code ec;
  // shutdown() wakes the blocked accept(); close() alone may not.
  ::shutdown(impl_->acceptor.native_handle(), SHUT_RDWR);
  impl_->acceptor.close(ec);
  thread_.join();
}

MetricsServer::~MetricsServer() { Stop(); }

}  // namespace helpdesk::metrics
