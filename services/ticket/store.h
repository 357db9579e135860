// The ticket service's storage: every read and write of its schema, each
// command in one transaction together with its history and outbox event.
#pragma once

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "helpdesk/common/v1/types.pb.h"
#include "helpdesk/ticket/v1/ticket.pb.h"
#include "libs/db/pool.h"

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
};

class TicketStore {
 public:
  explicit TicketStore(db::Pool& pool) : pool_(pool) {}
  virtual ~TicketStore() = default;

  // Creates the ticket, its opening message, its history entry and the
  // TicketCreated event. INVALID_ARGUMENT naming `scope` or `topic` when the
  // catalog does not have them.
  virtual absl::StatusOr<v1::Ticket> Create(const NewTicket& ticket);
  // NOT_FOUND when there is no such ticket.
  virtual absl::StatusOr<v1::Ticket> Get(const std::string& id);

  // The local copy of a company, if the service has one.
  struct Company {
    std::string name;
    bool active = false;
    bool notification_email_set = false;
  };
  virtual absl::StatusOr<std::optional<Company>> FindCompany(const std::string& id);
  virtual absl::Status SaveCompany(const std::string& id, const Company& company);

 private:
  db::Pool& pool_;
};

}  // namespace helpdesk::ticket
