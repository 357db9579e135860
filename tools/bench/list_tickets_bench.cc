// Listing a company's newest 50 tickets with 1,000,000 tickets stored
// (SPEC §8: p99 < 5 ms), through the ticket service over gRPC, compared in
// the same run with the same query sent straight to PostgreSQL.
//
//   ninja -C build list_tickets_bench ticket && build/tools/bench/list_tickets_bench [tickets]
//   [calls]
//
// It starts its own PostgreSQL, NATS and ticket service (tests/support),
// fills the table with generate_series (1,000 companies), warms up, then
// times sequential calls for random companies and prints percentiles.
#include <grpcpp/create_channel.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <pqxx/pqxx>
#include <random>

#include "helpdesk/ticket/v1/ticket.grpc.pb.h"
#include "tests/support/stack.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Percentiles {
  double p50, p90, p99, max;
};

Percentiles Summarise(std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  auto at = [&](double q) { return ms[std::min(ms.size() - 1, size_t(q * ms.size()))]; };
  return {at(0.5), at(0.9), at(0.99), ms.back()};
}

void Print(const char* what, const Percentiles& p) {
  std::printf("%-44s p50 %6.3f ms  p90 %6.3f ms  p99 %6.3f ms  max %6.3f ms\n", what, p.p50, p.p90,
              p.p99, p.max);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace helpdesk;
  const int tickets = argc > 1 ? std::atoi(argv[1]) : 1000000;
  const int calls = argc > 2 ? std::atoi(argv[2]) : 2000;
  const int companies = 1000;

  testing::TestStack stack;
  if (absl::Status s = stack.Start({"identity", "ticket"}); !s.ok()) {
    std::fprintf(stderr, "cannot start the stack: %s\n", std::string(s.message()).c_str());
    return 1;
  }
  std::printf("filling %d tickets for %d companies…\n", tickets, companies);
  auto fill_start = Clock::now();
  {
    pqxx::connection conn(stack.DatabaseUrl());
    pqxx::nontransaction tx(conn);
    tx.exec("SET search_path = ticket");
    tx.exec_params(R"SQL(
      INSERT INTO tickets (id, company_id, progressive, subject, priority, scope, topic, status,
                           channel, published_by_id, published_by_name, published_by_role,
                           created_at)
      SELECT gen_random_uuid(), 'co-' || (i % $2), i / $2 + 1, 'Ticket ' || i, 'MEDIUM',
             'HYPERGEST', 'HYPERGEST.IVA', 'OPEN', 'PORTAL', 'acct', 'Cliente', 'CUSTOMER',
             timestamptz '2024-01-01' + i * interval '1 minute'
      FROM generate_series(1, $1) AS i)SQL",
                   tickets, companies);
    tx.exec("ANALYZE tickets");
  }
  std::printf("filled in %.1f s\n",
              std::chrono::duration<double>(Clock::now() - fill_start).count());

  auto stub = ticket::v1::TicketService::NewStub(
      grpc::CreateChannel(stack.grpc_address("ticket"), grpc::InsecureChannelCredentials()));
  std::mt19937 random(42);
  std::uniform_int_distribution<int> company(0, companies - 1);
  std::vector<std::string> tokens;
  for (int c = 0; c < companies; ++c) {
    tokens.push_back(
        stack.MintToken(common::v1::Person::CUSTOMER, "acct", "co-" + std::to_string(c)));
  }

  auto time_service = [&](int n) {
    std::vector<double> ms;
    for (int i = 0; i < n; ++i) {
      int c = company(random);
      grpc::ClientContext context;
      context.AddMetadata("authorization", "Bearer " + tokens[c]);
      ticket::v1::ListTicketsRequest request;
      request.set_page_size(50);
      ticket::v1::ListTicketsResponse response;
      auto start = Clock::now();
      grpc::Status status = stub->ListTickets(&context, request, &response);
      ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
      if (!status.ok() || response.tickets_size() != std::min(50, tickets / companies)) {
        std::fprintf(stderr, "unexpected answer: %s (%d tickets)\n", status.error_message().c_str(),
                     response.tickets_size());
        std::exit(1);
      }
    }
    return ms;
  };
  auto time_sql = [&](int n) {
    pqxx::connection conn(stack.DatabaseUrl("helpdesk_ticket"));
    pqxx::nontransaction tx(conn);
    std::vector<double> ms;
    for (int i = 0; i < n; ++i) {
      std::string id = "co-" + std::to_string(company(random));
      auto start = Clock::now();
      pqxx::result r = tx.exec_params(
          "SELECT id, number, subject, status, created_at FROM ticket.tickets "
          "WHERE company_id = $1 ORDER BY created_at DESC, id DESC LIMIT 50",
          id);
      ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    return ms;
  };
  time_service(200);  // warm-up: connections, caches
  time_sql(200);
  std::printf("%d tickets, %d calls each, sequential, one client\n", tickets, calls);
  Print("baseline: the bare query, straight to PostgreSQL", Summarise(time_sql(calls)));
  Print("ListTickets (pageSize 50) through the service", Summarise(time_service(calls)));
  return 0;
}
