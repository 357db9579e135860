#include "services/ticket/calendar_mirror.h"

#include <pqxx/pqxx>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "libs/db/transaction.h"
#include "libs/log/log.h"
#include "libs/sla_policy/calendar_definition.h"
#include "libs/status/status_macros.h"
#include "services/ticket/sql.h"

namespace helpdesk::ticket {

absl::StatusOr<std::shared_ptr<const MirroredCalendar>> CalendarMirror::Build(
    const sla::v1::Calendar& proto) {
  absl::StatusOr<sla_policy::CalendarDefinition> definition = sla_policy::FromProto(proto);
  absl::StatusOr<calendar::Calendar> built =
      definition.ok() ? calendar::Calendar::Create(definition->spec)
                      : absl::StatusOr<calendar::Calendar>(definition.status());
  if (!built.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("calendar \"", proto.name(), "\": ", built.status().message()));
  }
  return std::make_shared<const MirroredCalendar>(MirroredCalendar{
      definition->name, *std::move(built), definition->policy, proto.SerializeAsString()});
}

absl::StatusOr<std::unique_ptr<CalendarMirror>> CalendarMirror::Create() {
  std::unique_ptr<CalendarMirror> mirror(new CalendarMirror());
  HELPDESK_RETURN_IF_ERROR(mirror->Install(sla_policy::ToProto(sla_policy::DefaultDefinition())));
  return mirror;
}

absl::Status CalendarMirror::Install(const sla::v1::Calendar& proto) {
  const std::string serialized = proto.SerializeAsString();
  {
    absl::MutexLock lock(&mu_);
    auto it = calendars_.find(proto.name());
    if (it != calendars_.end() && it->second->definition == serialized) return absl::OkStatus();
  }
  // Building a calendar takes milliseconds: outside the lock.
  HELPDESK_ASSIGN_OR_RETURN(std::shared_ptr<const MirroredCalendar> built, Build(proto));
  absl::MutexLock lock(&mu_);
  calendars_[built->name] = std::move(built);
  return absl::OkStatus();
}

absl::Status CalendarMirror::Load(db::Pool& pool) {
  std::vector<std::string> stored;
  HELPDESK_RETURN_IF_ERROR(db::ReadOnce(pool, [&](pqxx::nontransaction& tx) -> absl::Status {
    for (const auto& row : tx.exec(sql::kListCalendars)) stored.push_back(row[0].as<std::string>());
    return absl::OkStatus();
  }));
  for (const std::string& encoded : stored) {
    std::string bytes;
    sla::v1::Calendar proto;
    if (!absl::Base64Unescape(encoded, &bytes) || !proto.ParseFromString(bytes)) {
      return absl::DataLossError("calendars: a stored definition does not parse");
    }
    HELPDESK_RETURN_IF_ERROR(Install(proto));
  }
  return absl::OkStatus();
}

void CalendarMirror::StartRefreshing(db::Pool& pool, absl::Duration interval) {
  refresher_ = std::thread([this, &pool, interval] {
    while (!stop_.WaitForNotificationWithTimeout(interval)) {
      absl::Status loaded = Load(pool);
      if (!loaded.ok()) {
        log::Warn("calendars: refresh failed", {{"error", std::string(loaded.message())}});
      }
    }
  });
}

void CalendarMirror::StopRefreshing() {
  if (!refresher_.joinable()) return;
  if (!stop_.HasBeenNotified()) stop_.Notify();
  refresher_.join();
}

std::shared_ptr<const MirroredCalendar> CalendarMirror::Find(const std::string& name) const {
  absl::MutexLock lock(&mu_);
  auto it = calendars_.find(name);
  if (it != calendars_.end()) return it->second;
  return calendars_.at(sla_policy::kDefaultCalendarName);
}

}  // namespace helpdesk::ticket
