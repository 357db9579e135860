// Work log entries (SPEC §5) and the billing report built from them, priced
// by libs/billing with the company's contract.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "helpdesk/common/v1/types.pb.h"
#include "helpdesk/ticket/v1/ticket.pb.h"
#include "libs/billing/pricing.h"
#include "libs/calendar/calendar.h"
#include "libs/db/pool.h"
#include "services/ticket/worklog_rules.h"

namespace helpdesk::ticket {

class WorkLogStore {
 public:
  WorkLogStore(db::Pool& pool, const calendar::Calendar& calendar)
      : pool_(pool), calendar_(calendar) {}

  // FAILED_PRECONDITION "start: overlaps another entry of yours" when the
  // consultant already logged time in that interval, "start: 2025-06 is
  // closed for billing" when the entry's month is; NOT_FOUND for no ticket.
  absl::StatusOr<v1::WorkLogEntry> Add(const NewWorkLogEntry& entry);
  // Changes an entry of the ticket, under its lock: `apply` turns the current
  // entry into the new one (MergeWorkLogUpdate + ValidateWorkLog). NOT_FOUND
  // (no such ticket, or no such entry on it), PERMISSION_DENIED (`author` did
  // not log it), apply's errors, FAILED_PRECONDITION when the entry's month
  // or its new month is closed for billing, or for an overlap (as Add).
  using ApplyUpdate = std::function<absl::StatusOr<NewWorkLogEntry>(const v1::WorkLogEntry&)>;
  absl::StatusOr<v1::WorkLogEntry> Update(const std::string& ticket_id, const std::string& entry_id,
                                          const common::v1::Person& author,
                                          const ApplyUpdate& apply);
  // Deletes an entry of the ticket: NOT_FOUND, PERMISSION_DENIED and the
  // closed month as Update.
  absl::Status Delete(const std::string& ticket_id, const std::string& entry_id,
                      const common::v1::Person& author);
  // Closes the company's month for billing (the month must have ended: the
  // handler checks) and answers its report. Closing again changes nothing.
  // NOT_FOUND for an unknown company.
  absl::StatusOr<v1::BillingReport> CloseMonth(const std::string& company_id,
                                               const std::string& month,
                                               const common::v1::Person& closer);
  absl::StatusOr<v1::ListWorkLogResponse> List(const std::string& ticket_id);
  // The report of a company's month ("2025-06", Europe/Rome): entries that
  // start in the month, priced per ticket; each urgent on-site ticket's fee
  // in its creation month; whether (when, by whom) the month is closed.
  absl::StatusOr<v1::BillingReport> Report(const std::string& company_id, const std::string& month);
  // The same report as CSV (libs/billing/csv.h).
  absl::StatusOr<std::string> ReportCsv(const std::string& company_id, const std::string& month);

 private:
  db::Pool& pool_;
  const calendar::Calendar& calendar_;
};

// Prices entries taken as one ticket (POST /v1/billing:quote).
absl::StatusOr<v1::QuoteBillingResponse> Quote(const v1::QuoteBillingRequest& request,
                                               const calendar::Calendar& calendar);

// A PricedEntry message from the library's result.
v1::PricedEntry ToPricedEntry(const v1::WorkLogEntry& entry, const billing::PricedEntry& priced);

}  // namespace helpdesk::ticket
