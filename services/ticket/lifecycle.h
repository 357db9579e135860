// The ticket's status machine (SPEC §2):
//
//   OPEN ──take──▶ IN_PROGRESS ──staff reply──▶ WAITING_CUSTOMER
//                      ▲ ◀────customer message────────┘
//   any open status ──close──▶ CLOSED ──reopen (staff)──▶ IN_PROGRESS, or
//                                                         OPEN if never taken
//
// A staff reply to an OPEN ticket takes it in charge first. Internal notes,
// assignments and customer messages on OPEN or IN_PROGRESS tickets leave
// the status as it is. Nothing but reopening applies to a CLOSED ticket.
#pragma once

#include "absl/status/statusor.h"
#include "helpdesk/ticket/v1/ticket.pb.h"

namespace helpdesk::ticket {

enum class Action {
  kTake,
  kAssign,
  kStaffReply,
  kInternalNote,
  kCustomerMessage,
  kClose,
  kReopen,
};

// The status after `action`, or FAILED_PRECONDITION naming the current
// status ("ticket is CLOSED: …"). `taken` tells whether the ticket was ever
// taken in charge (reopening returns to IN_PROGRESS then).
absl::StatusOr<v1::Ticket::Status> NextStatus(v1::Ticket::Status current, Action action,
                                              bool taken);

}  // namespace helpdesk::ticket
