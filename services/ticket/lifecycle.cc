#include "services/ticket/lifecycle.h"

#include "absl/strings/str_cat.h"

namespace helpdesk::ticket {
namespace {

using Status = v1::Ticket::Status;

absl::Status Refused(Status current, const char* why) {
  return absl::FailedPreconditionError(
      absl::StrCat("ticket is ", v1::Ticket::Status_Name(current), ": ", why));
}

}  // namespace

absl::StatusOr<Status> NextStatus(Status current, Action action, bool taken) {
  if (current == v1::Ticket::CLOSED && action != Action::kReopen) {
    return Refused(current, action == Action::kClose
                                ? "it is already closed"
                                : "open a new ticket, or ask a consultant to reopen this one");
  }
  switch (action) {
    case Action::kTake:
      if (current != v1::Ticket::OPEN) return Refused(current, "it was already taken in charge");
      return v1::Ticket::IN_PROGRESS;
    case Action::kStaffReply:
      return v1::Ticket::WAITING_CUSTOMER;
    case Action::kCustomerMessage:
      return current == v1::Ticket::WAITING_CUSTOMER ? v1::Ticket::IN_PROGRESS : current;
    case Action::kAssign:
    case Action::kInternalNote:
      return current;
    case Action::kClose:
      return v1::Ticket::CLOSED;
    case Action::kReopen:
      if (current != v1::Ticket::CLOSED)
        return Refused(current, "only a closed ticket can be reopened");
      return taken ? v1::Ticket::IN_PROGRESS : v1::Ticket::OPEN;
  }
  return absl::InternalError("unknown action");
}

}  // namespace helpdesk::ticket
