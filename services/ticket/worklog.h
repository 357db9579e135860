// Work log entries (SPEC §5) and the billing report built from them, priced
// by libs/billing with the company's contract.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "helpdesk/common/v1/types.pb.h"
#include "helpdesk/ticket/v1/ticket.pb.h"
#include "libs/billing/pricing.h"
#include "libs/calendar/calendar.h"
#include "libs/db/pool.h"

namespace helpdesk::ticket {

struct NewWorkLogEntry {
  std::string ticket_id;
  common::v1::Person consultant;
  billing::ServiceType service_type = billing::ServiceType::kUnspecified;
  absl::Time start;
  absl::Time end;
  bool on_site = false;
  std::string description;
};

class WorkLogStore {
 public:
  WorkLogStore(db::Pool& pool, const calendar::Calendar& calendar)
      : pool_(pool), calendar_(calendar) {}

  // FAILED_PRECONDITION "start: overlaps another entry of yours" when the
  // consultant already logged time in that interval; NOT_FOUND for no
  // ticket.
  absl::StatusOr<v1::WorkLogEntry> Add(const NewWorkLogEntry& entry);
  absl::StatusOr<v1::ListWorkLogResponse> List(const std::string& ticket_id);
  // The report of a company's month ("2025-06", Europe/Rome): entries that
  // start in the month, priced per ticket; each urgent on-site ticket's fee
  // in its creation month.
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
