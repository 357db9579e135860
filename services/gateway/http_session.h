// Internal to HttpServer: one HTTP/1.1 connection, serving its requests one
// after the other (keep-alive) on its own strand, and what the server and its
// connections share. Only http_server.cc and http_session.cc include this.
#pragma once

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "services/gateway/http_server.h"

namespace helpdesk::gateway {

class Session;

struct ServerState {
  std::mutex mu;
  std::condition_variable all_closed;  // signalled when `sessions` empties
  std::map<Session*, std::weak_ptr<Session>> sessions;
  std::atomic<bool> draining{false};  // no keep-alive, idle connections close
  std::atomic<bool> stopped{false};   // no thread runs the io_context any more
  HttpServerOptions options;
  HttpHandler* handler = nullptr;
};

// Serves `socket` until it closes, registered in `state->sessions` meanwhile.
void StartSession(boost::asio::ip::tcp::socket socket, ServerState* state);
// Closes the connection, on its strand, if it is waiting for a request.
void CloseIfIdle(const std::shared_ptr<Session>& session);
// Closes the connection at once: only when no thread runs the io_context.
void CloseNow(const std::shared_ptr<Session>& session);
// The sessions still open. (Taken under the lock, to be released outside it:
// a session's destructor takes the lock.)
std::vector<std::shared_ptr<Session>> LiveSessions(ServerState& state);

}  // namespace helpdesk::gateway
