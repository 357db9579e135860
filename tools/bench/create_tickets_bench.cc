// Ticket creation through the gateway (POST /v1/tickets over HTTP), compared
// in the same run with the raw insert rate of one ticket row straight into
// PostgreSQL (SPEC §8: the first at ≥ 50% of the second).
//
//   ninja -C build create_tickets_bench identity ticket gateway
//   build/tools/bench/create_tickets_bench [clients] [seconds]
//
// It starts its own PostgreSQL, NATS, identity, ticket and gateway
// (tests/support). Both measurements use the same number of concurrent
// clients (default 8), each on its own company, for the same time:
//   baseline  one autocommitted INSERT of a ticket row per statement, into a
//             table with the ticket table's columns, constraints and indexes
//             (CREATE TABLE … LIKE ticket.tickets INCLUDING ALL), over one
//             connection per client;
//   gateway   one POST /v1/tickets per request, over one kept-alive HTTP
//             connection per client: JSON → gRPC → the ticket service (the
//             company's gapless progressive, the row, its first message, its
//             history, its event in the outbox, one transaction) → JSON.
// Every response is checked (200 and a ticket number); a failure stops the
// run.
#include <curl/curl.h>
#include <grpcpp/create_channel.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <pqxx/pqxx>
#include <string>
#include <thread>
#include <vector>

#include "helpdesk/ticket/v1/ticket.grpc.pb.h"
#include "tests/support/stack.h"

namespace {

using Clock = std::chrono::steady_clock;

constexpr char kTicket[] = R"({
  "subject": "La stampa della fattura si blocca",
  "priority": "MEDIUM",
  "scope": "HYPERGEST",
  "topic": "HYPERGEST.IVA",
  "note": "Dal menu Vendite, la stampa si blocca al 50%."
})";

size_t Collect(char* data, size_t size, size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

// Runs `client(index, stop)` on `clients` threads for `seconds`; each returns
// how many operations it completed. Returns operations per second.
template <typename Client>
double Rate(int clients, int seconds, Client client) {
  std::atomic<bool> stop{false};
  std::vector<long> done(clients, 0);
  std::vector<std::thread> threads;
  auto start = Clock::now();
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] { done[c] = client(c, stop); });
  }
  std::this_thread::sleep_for(std::chrono::seconds(seconds));
  stop = true;
  for (std::thread& t : threads) t.join();
  double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  long total = 0;
  for (long n : done) total += n;
  return total / elapsed;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace helpdesk;
  const int clients = argc > 1 ? std::atoi(argv[1]) : 8;
  const int seconds = argc > 2 ? std::atoi(argv[2]) : 10;
  curl_global_init(CURL_GLOBAL_DEFAULT);

  testing::TestStack stack;
  if (absl::Status s = stack.Start({"identity", "ticket", "gateway"}); !s.ok()) {
    std::fprintf(stderr, "cannot start the stack: %s\n", std::string(s.message()).c_str());
    return 1;
  }
  std::vector<std::string> tokens;
  {
    pqxx::connection conn(stack.DatabaseUrl());
    pqxx::nontransaction tx(conn);
    for (int c = 0; c < clients; ++c) {
      std::string id = "bench-co-" + std::to_string(c);
      tx.exec_params(
          "INSERT INTO ticket.companies (id, name, active, notification_email_set) "
          "VALUES ($1, $2, true, true)",
          id, "Azienda " + std::to_string(c));
      tokens.push_back(stack.MintToken(common::v1::Person::CUSTOMER, "bench-acct-" + id, id,
                                       "Azienda " + std::to_string(c), false, absl::Hours(1)));
    }
    tx.exec("CREATE TABLE public.raw_tickets (LIKE ticket.tickets INCLUDING ALL)");
  }

  auto raw = [&](int c, std::atomic<bool>& stop) -> long {
    pqxx::connection conn(stack.DatabaseUrl());
    conn.prepare("insert", R"SQL(
      INSERT INTO public.raw_tickets (id, company_id, progressive, subject, priority, scope,
                                      topic, status, channel, published_by_id,
                                      published_by_name, published_by_role, created_at)
      VALUES (gen_random_uuid(), $1, $2, 'La stampa della fattura si blocca', 'MEDIUM',
              'HYPERGEST', 'HYPERGEST.IVA', 'OPEN', 'PORTAL', 'acct', 'Cliente', 'CUSTOMER',
              now()))SQL");
    // A company per client and run: the warm-up's rows do not collide.
    static std::atomic<int> runs{0};
    std::string company = "raw-co-" + std::to_string(c) + "-" + std::to_string(runs++);
    long n = 0;
    while (!stop) {
      pqxx::nontransaction tx(conn);
      tx.exec_prepared("insert", company, n + 1);
      ++n;
    }
    return n;
  };

  std::string url = stack.http_base() + "/v1/tickets";
  auto gateway = [&](int c, std::atomic<bool>& stop) -> long {
    CURL* curl = curl_easy_init();
    curl_slist* headers = nullptr;
    headers = curl_slist_append(headers, "Content-Type: application/json");
    headers = curl_slist_append(headers, ("Authorization: Bearer " + tokens[c]).c_str());
    std::string body;
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, kTicket);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, Collect);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
    long n = 0;
    while (!stop) {
      body.clear();
      CURLcode rc = curl_easy_perform(curl);
      long status = 0;
      curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
      if (rc != CURLE_OK || status != 200 || body.find("\"number\"") == std::string::npos) {
        std::fprintf(stderr, "ticket creation failed: %s, HTTP %ld: %s\n", curl_easy_strerror(rc),
                     status, body.c_str());
        std::exit(1);
      }
      ++n;
    }
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    return n;
  };

  auto stub = ticket::v1::TicketService::NewStub(
      grpc::CreateChannel(stack.grpc_address("ticket"), grpc::InsecureChannelCredentials()));
  auto direct = [&](int c, std::atomic<bool>& stop) -> long {
    ticket::v1::CreateTicketRequest request;
    request.set_subject("La stampa della fattura si blocca");
    request.set_priority(ticket::v1::Ticket::MEDIUM);
    request.set_scope("HYPERGEST");
    request.set_topic("HYPERGEST.IVA");
    request.set_note("Dal menu Vendite, la stampa si blocca al 50%.");
    long n = 0;
    while (!stop) {
      grpc::ClientContext context;
      context.AddMetadata("authorization", "Bearer " + tokens[c]);
      ticket::v1::Ticket reply;
      grpc::Status status = stub->CreateTicket(&context, request, &reply);
      if (!status.ok()) {
        std::fprintf(stderr, "CreateTicket failed: %s\n", status.error_message().c_str());
        std::exit(1);
      }
      ++n;
    }
    return n;
  };

  // Warm-up of both paths (connections, caches, the services' pools).
  Rate(clients, 2, raw);
  Rate(clients, 2, gateway);
  std::printf("%d concurrent clients, %d s each\n", clients, seconds);
  double baseline = Rate(clients, seconds, raw);
  std::printf("%-58s %8.0f /s\n", "baseline: INSERT of one ticket row, straight to PostgreSQL",
              baseline);
  double grpc_rate = Rate(clients, seconds, direct);
  std::printf("%-58s %8.0f /s\n", "CreateTicket over gRPC, straight to the ticket service",
              grpc_rate);
  double through = Rate(clients, seconds, gateway);
  std::printf("%-58s %8.0f /s\n", "POST /v1/tickets through the gateway", through);
  std::printf("ratio %.0f%% (target >= 50%%)\n", 100.0 * through / baseline);
  curl_global_cleanup();
  return 0;
}
