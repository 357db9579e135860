// Early-return helpers for absl::Status and absl::StatusOr, which the Abseil
// version in Debian 12 lacks.
//
//   absl::StatusOr<Ticket> Load(...) {
//     HELPDESK_RETURN_IF_ERROR(Validate(request));
//     HELPDESK_ASSIGN_OR_RETURN(Row row, store.Find(id));
//     return ToTicket(row);
//   }
#pragma once

#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define HELPDESK_STATUS_CONCAT_INNER_(a, b) a##b
#define HELPDESK_STATUS_CONCAT_(a, b) HELPDESK_STATUS_CONCAT_INNER_(a, b)

#define HELPDESK_RETURN_IF_ERROR(expr)                   \
  do {                                                   \
    ::absl::Status helpdesk_status_ = (expr);            \
    if (!helpdesk_status_.ok()) return helpdesk_status_; \
  } while (0)

#define HELPDESK_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, rexpr) \
  auto statusor = (rexpr);                                    \
  if (!statusor.ok()) return std::move(statusor).status();    \
  lhs = std::move(statusor).value()

#define HELPDESK_ASSIGN_OR_RETURN(lhs, rexpr) \
  HELPDESK_ASSIGN_OR_RETURN_IMPL_(HELPDESK_STATUS_CONCAT_(helpdesk_statusor_, __LINE__), lhs, rexpr)
