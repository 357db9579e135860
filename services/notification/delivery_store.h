// The deliveries table: one e-mail to one recipient, from QUEUED through
// SENDING to SENT or FAILED (docs/notifications.md).
//
//   DeliveryStore::Insert(tx, delivery);            // in the consumer's transaction
//   DeliveryStore store(pool);
//   auto claimed = store.ClaimNext(lease);          // committed before the SMTP call
//   … send …
//   store.MarkSent(*claimed);
//
// Every state change after the claim names the claim (the delivery id and
// its attempt number) and applies only while the row is still SENDING under
// that claim, so a worker that lost its lease cannot overwrite what the
// recovery decided.
#pragma once

#include <functional>
#include <optional>
#include <pqxx/result>
#include <pqxx/transaction>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "helpdesk/notification/v1/notification.pb.h"
#include "libs/db/pool.h"

namespace helpdesk::notification {

struct NewDelivery {
  std::string id;  // UUID
  std::string event_id;
  std::string kind;
  std::string ticket_id;
  std::string recipient;
  std::string language;
  std::string subject;
  std::string text;
  std::string html;
  std::string message_id;  // "<id@domain>"
};

struct ClaimedDelivery {
  std::string id;
  std::string kind;
  std::string ticket_id;
  std::string recipient;
  std::string subject;
  std::string text;
  std::string html;
  std::string message_id;
  int attempts = 0;  // including this one
};

struct RecoveredDelivery {
  std::string id;
  std::string status;  // QUEUED (sent again) or FAILED (interrupted twice)
  std::string recipient;
  std::string kind;
};

struct PendingDeliveries {
  int64_t queued = 0;
  int64_t sending = 0;
  // Until the earliest retry or lease expiry, when there is one.
  std::optional<absl::Duration> next_due;
};

class DeliveryStore {
 public:
  explicit DeliveryStore(db::Pool& pool) : pool_(pool) {}

  // Queues `delivery` in `tx` and wakes the workers at commit. False when the
  // event already queued this kind of mail to this recipient.
  static bool Insert(pqxx::work& tx, const NewDelivery& delivery);
  // The NOTIFY channel workers listen on.
  static std::string Channel(const std::string& schema);

  // The oldest due QUEUED delivery, now SENDING until now + lease; nullopt
  // when none is due.
  absl::StatusOr<std::optional<ClaimedDelivery>> ClaimNext(absl::Duration lease);
  // False when the claim was lost (the lease expired and was recovered).
  absl::StatusOr<bool> MarkSent(const ClaimedDelivery& claim);
  absl::StatusOr<bool> MarkRetry(const ClaimedDelivery& claim, absl::Duration delay,
                                 const std::string& error);
  absl::StatusOr<bool> MarkFailed(const ClaimedDelivery& claim, const std::string& error);
  // SENDING deliveries whose lease expired: queued again once, then FAILED.
  absl::StatusOr<std::vector<RecoveredDelivery>> RecoverExpiredLeases();

  absl::StatusOr<PendingDeliveries> Pending();
  absl::StatusOr<std::vector<v1::Delivery>> ListForTicket(const std::string& ticket_id);

 private:
  // Whether `update` changed the claimed row.
  absl::StatusOr<bool> UpdateClaim(const std::function<pqxx::result(pqxx::work&)>& update);

  db::Pool& pool_;
};

}  // namespace helpdesk::notification
