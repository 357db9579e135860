// The ticket service's storage: every read and write of its schema, each
// command in one transaction together with its history and outbox event.
#pragma once

#include <functional>
#include <optional>
#include <pqxx/transaction>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/clock.h"
#include "helpdesk/common/v1/types.pb.h"
#include "helpdesk/ticket/v1/ticket.pb.h"
#include "libs/calendar/calendar.h"
#include "libs/db/pool.h"
#include "libs/sla_policy/policy.h"
#include "services/ticket/calendar_mirror.h"

namespace helpdesk::ticket {

// A validated creation request.
struct NewTicket {
  std::string company_id;
  std::string subject;
  v1::Ticket::Priority priority = v1::Ticket::MEDIUM;
  std::string scope;
  std::string topic;  // may be empty when the scope has no topics
  std::string note;
  v1::Ticket::Channel channel = v1::Ticket::PORTAL;
  bool urgent_on_site = false;
  common::v1::Person published_by;
  // Set when the opening message carries attachments, linked to these ids
  // before the ticket is stored; `attachments_json` as LinkAttachmentsResponse.
  std::string id;
  std::string first_message_id;
  std::string attachments_json;
};

struct ListFilter {
  std::string company_id;  // required for customers
  std::string status, scope, priority, assignee_id, q;
  bool unassigned = false;
  // The take-in-charge queue: OPEN tickets, the soonest due first.
  bool by_sla_due = false;
  bool staff = false;  // internal notes count for the search
  int page_size = 50;
  std::string page_token;
};

// The statements every connection of the service's pool prepares.
std::vector<db::Statement> PreparedStatements();

class TicketStore {
 public:
  // Due instants are computed here (SPEC §4), without a call to the sla
  // service, on the company's calendar from `calendars`; `now` is the clock
  // of the SLA state shown on tickets read.
  TicketStore(
      db::Pool& pool, const CalendarMirror& calendars,
      std::function<absl::Time()> now = [] { return absl::Now(); })
      : pool_(pool), calendars_(calendars), now_(std::move(now)) {}
  virtual ~TicketStore() = default;

  // The local copy of a company, if the service has one.
  struct Company {
    std::string name;
    bool active = false;
    bool notification_email_set = false;
    std::string calendar;  // empty: keep the one known (or "default")
  };
  // Decides, inside the creation's transaction, whether the local copy of
  // the ticket's company (nullopt: none) lets it go on: true to go on, false
  // to stop without writing anything (the caller confirms the company with
  // its owner and tries again), an error to refuse.
  using CompanyGate = std::function<absl::StatusOr<bool>(const std::optional<Company>&)>;

  // Creates the ticket, its opening message, its history entry and the
  // TicketCreated event, in one transaction of three round trips, and
  // returns the ticket as GetTicket reads it. INVALID_ARGUMENT naming
  // `scope` or `topic` when the catalog does not have them; nullopt when
  // `gate` said false. With an idempotency key, a second creation by the
  // same account with the same key returns the first ticket.
  virtual absl::StatusOr<std::optional<v1::Ticket>> Create(const NewTicket& ticket,
                                                           const std::string& idempotency_key,
                                                           const CompanyGate& gate);
  // NOT_FOUND when there is no such ticket.
  virtual absl::StatusOr<v1::Ticket> Get(const std::string& id);
  // The catalog in display order; retired entries only when asked.
  virtual absl::StatusOr<v1::ListScopesResponse> ListScopes(bool include_retired);
  // Newest first, or the take-in-charge queue (`by_sla_due`);
  // INVALID_ARGUMENT "pageToken: …" for a token not of that list.
  virtual absl::StatusOr<v1::ListTicketsResponse> List(const ListFilter& filter);
  // Oldest first; internal notes only when `staff`.
  virtual absl::StatusOr<v1::ListMessagesResponse> ListMessages(const std::string& ticket_id,
                                                                bool staff);
  virtual absl::StatusOr<v1::GetHistoryResponse> History(const std::string& ticket_id, bool staff);

  // Commands on one ticket, under its row lock. `company_scope`, when not
  // empty, is the only company whose tickets the caller may touch: another
  // company's ticket is NOT_FOUND. Illegal transitions are
  // FAILED_PRECONDITION naming the current status (lifecycle.h).
  virtual absl::StatusOr<v1::Ticket> Take(const std::string& id, const common::v1::Person& actor);
  virtual absl::StatusOr<v1::Ticket> Assign(const std::string& id, const common::v1::Person& actor,
                                            const common::v1::Person& assignee);
  virtual absl::StatusOr<v1::Ticket> Close(const std::string& id, const common::v1::Person& actor,
                                           const std::string& company_scope);
  virtual absl::StatusOr<v1::Ticket> Reopen(const std::string& id, const common::v1::Person& actor);
  virtual absl::StatusOr<v1::Ticket> SetPriority(const std::string& id,
                                                 const common::v1::Person& actor,
                                                 v1::Ticket::Priority priority);
  virtual absl::StatusOr<v1::Message> AddMessage(const std::string& id,
                                                 const common::v1::Person& actor,
                                                 const std::string& company_scope,
                                                 const std::string& note, bool internal,
                                                 const std::string& message_id = "",
                                                 const std::string& attachments_json = "");

  virtual absl::StatusOr<std::optional<Company>> FindCompany(const std::string& id);
  virtual absl::Status SaveCompany(const std::string& id, const Company& company);

  // The catalog (catalog.cc), administrators only: each change with its
  // catalog_history row and a CatalogChanged event. ALREADY_EXISTS "code: …"
  // for a code the catalog has (scope or topic), NOT_FOUND for an unknown
  // scope or topic to change. Inputs are validated by the caller.
  virtual absl::StatusOr<v1::Scope> CreateScope(const std::string& code, const std::string& name,
                                                const common::v1::Person& actor);
  virtual absl::StatusOr<v1::Scope> UpdateScope(const std::string& code,
                                                const std::optional<std::string>& name,
                                                std::optional<bool> active,
                                                const common::v1::Person& actor);
  virtual absl::StatusOr<v1::Topic> CreateTopic(const std::string& scope, const std::string& code,
                                                const std::string& name,
                                                const common::v1::Person& actor);
  virtual absl::StatusOr<v1::Topic> UpdateTopic(const std::string& code,
                                                const std::optional<std::string>& name,
                                                std::optional<bool> active,
                                                const common::v1::Person& actor);

 private:
  using Mutation = std::function<absl::Status(pqxx::work&, const v1::Ticket& current)>;
  // Locks the ticket, checks the company scope, runs `fn`, and returns the
  // ticket as it is after.
  absl::StatusOr<v1::Ticket> Mutate(const std::string& id, const std::string& company_scope,
                                    const Mutation& fn);

  // The due instants of a ticket created at `created_at` on `calendar`.
  static sla_policy::TicketDue DueOf(const MirroredCalendar& calendar, absl::Time created_at,
                                     v1::Ticket::Priority priority, bool urgent_on_site);
  absl::StatusOr<v1::ListTicketsResponse> ListBySlaDue(const ListFilter& filter);
  // Sets the ticket's SLA state (sla_state.h), counted on `calendar`.
  void FillSla(v1::Ticket& ticket, const std::string& calendar) const;

  db::Pool& pool_;
  const CalendarMirror& calendars_;
  const std::function<absl::Time()> now_;
};

}  // namespace helpdesk::ticket
