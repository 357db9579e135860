#include "services/notification/delivery_store.h"

#include <google/protobuf/util/time_util.h>

#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "libs/db/transaction.h"
#include "services/notification/sql.h"

namespace helpdesk::notification {
namespace {

using google::protobuf::util::TimeUtil;

v1::Delivery::Status StatusFromName(const std::string& name) {
  v1::Delivery::Status status = v1::Delivery::STATUS_UNSPECIFIED;
  v1::Delivery::Status_Parse(name, &status);
  return status;
}

}  // namespace

std::string DeliveryStore::Channel(const std::string& schema) {
  return absl::StrCat("helpdesk_deliveries_", schema);
}

bool DeliveryStore::Insert(pqxx::work& tx, const NewDelivery& d) {
  pqxx::result r = tx.exec_params(sql::kInsertDelivery, d.id, d.event_id, d.kind, d.ticket_id,
                                  d.recipient, d.language, d.subject, d.text, d.html, d.message_id);
  return !r.empty();
}

absl::StatusOr<std::optional<ClaimedDelivery>> DeliveryStore::ClaimNext(absl::Duration lease) {
  return db::InTransaction<std::optional<ClaimedDelivery>>(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<std::optional<ClaimedDelivery>> {
        pqxx::result rows = tx.exec_params(sql::kClaimNext, absl::ToDoubleSeconds(lease));
        if (rows.empty()) return std::optional<ClaimedDelivery>();
        const auto& r = rows[0];
        return std::optional<ClaimedDelivery>(
            ClaimedDelivery{r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<std::string>(),
                            r[3].as<std::string>(), r[4].as<std::string>(), r[5].as<std::string>(),
                            r[6].as<std::string>(), r[7].as<std::string>(), r[8].as<int>()});
      });
}

absl::StatusOr<bool> DeliveryStore::UpdateClaim(
    const std::function<pqxx::result(pqxx::work&)>& update) {
  return db::InTransaction<bool>(pool_, [&](pqxx::work& tx) -> absl::StatusOr<bool> {
    return update(tx).affected_rows() == 1;
  });
}

absl::StatusOr<bool> DeliveryStore::MarkSent(const ClaimedDelivery& claim) {
  return UpdateClaim(
      [&](pqxx::work& tx) { return tx.exec_params(sql::kMarkSent, claim.id, claim.attempts); });
}

absl::StatusOr<bool> DeliveryStore::MarkRetry(const ClaimedDelivery& claim, absl::Duration delay,
                                              const std::string& error) {
  return UpdateClaim([&](pqxx::work& tx) {
    return tx.exec_params(sql::kMarkRetry, claim.id, claim.attempts, error,
                          absl::ToDoubleSeconds(delay));
  });
}

absl::StatusOr<bool> DeliveryStore::MarkFailed(const ClaimedDelivery& claim,
                                               const std::string& error) {
  return UpdateClaim([&](pqxx::work& tx) {
    return tx.exec_params(sql::kMarkFailed, claim.id, claim.attempts, error);
  });
}

absl::StatusOr<std::vector<RecoveredDelivery>> DeliveryStore::RecoverExpiredLeases() {
  return db::InTransaction<std::vector<RecoveredDelivery>>(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<std::vector<RecoveredDelivery>> {
        std::vector<RecoveredDelivery> recovered;
        for (const auto& r : tx.exec(sql::kRecoverExpired)) {
          recovered.push_back({r[0].as<std::string>(), r[1].as<std::string>(),
                               r[2].as<std::string>(), r[3].as<std::string>()});
        }
        return recovered;
      });
}

absl::StatusOr<PendingDeliveries> DeliveryStore::Pending() {
  return db::InTransaction<PendingDeliveries>(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<PendingDeliveries> {
        pqxx::row r = tx.exec1(sql::kPending);
        PendingDeliveries pending;
        pending.queued = r[0].as<int64_t>();
        pending.sending = r[1].as<int64_t>();
        if (!r[2].is_null()) pending.next_due = absl::Seconds(r[2].as<double>());
        return pending;
      });
}

absl::StatusOr<std::vector<v1::Delivery>> DeliveryStore::ListForTicket(
    const std::string& ticket_id) {
  return db::InTransaction<std::vector<v1::Delivery>>(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<std::vector<v1::Delivery>> {
        std::vector<v1::Delivery> deliveries;
        for (const auto& r : tx.exec_params(sql::kListForTicket, ticket_id)) {
          v1::Delivery d;
          d.set_id(r[0].as<std::string>());
          d.set_ticket_id(r[1].as<std::string>());
          d.set_kind(r[2].as<std::string>());
          d.set_recipient(r[3].as<std::string>());
          d.set_status(StatusFromName(r[4].as<std::string>()));
          d.set_attempts(r[5].as<int>());
          d.set_last_error(r[6].as<std::string>());
          *d.mutable_created_at() = TimeUtil::MicrosecondsToTimestamp(r[7].as<int64_t>());
          if (!r[8].is_null()) {
            *d.mutable_sent_at() = TimeUtil::MicrosecondsToTimestamp(r[8].as<int64_t>());
          }
          d.set_message_id(r[9].as<std::string>());
          if (d.status() == v1::Delivery::QUEUED) {
            *d.mutable_next_attempt_at() = TimeUtil::MicrosecondsToTimestamp(r[10].as<int64_t>());
          }
          d.set_language(r[11].as<std::string>());
          d.set_subject(r[12].as<std::string>());
          deliveries.push_back(std::move(d));
        }
        return deliveries;
      });
}

}  // namespace helpdesk::notification
