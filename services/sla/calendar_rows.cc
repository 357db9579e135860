// PgSlaStore: calendars and policies as rows (migrations/0001_calendars.sql).
#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "helpdesk/events/v1/events.pb.h"
#include "libs/db/transaction.h"
#include "libs/events/outbox.h"
#include "services/sla/pg_store.h"
#include "services/sla/pg_values.h"
#include "services/sla/sql.h"

namespace helpdesk::sla {
namespace {

using sla_policy::CalendarDefinition;

StoredCalendar CalendarFromRow(const pqxx::row& r) {
  StoredCalendar stored;
  CalendarDefinition& def = stored.definition;
  def.name = r[0].as<std::string>();
  def.spec.time_zone = r[1].as<std::string>();
  def.spec.national_holidays = r[2].as<bool>();
  def.spec.windows.clear();
  stored.revision = r[3].as<int64_t>();
  if (!r[4].is_null()) {  // a calendar without a policy row counts on the default one
    def.policy.high = DurationOf(r[4]);
    def.policy.medium = DurationOf(r[5]);
    def.policy.low = DurationOf(r[6]);
    def.policy.urgent_on_site = DurationOf(r[7]);
    def.policy.warning_fraction = r[8].as<double>();
    if (!r[9].is_null()) def.policy.resolution = DurationOf(r[9]);
  }
  return stored;
}

}  // namespace

absl::StatusOr<std::vector<StoredCalendar>> PgSlaStore::LoadCalendars() {
  return db::InTransaction<std::vector<StoredCalendar>>(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<std::vector<StoredCalendar>> {
        std::vector<StoredCalendar> calendars;
        std::map<std::string, CalendarDefinition*> by_name;
        for (const pqxx::row& r : tx.exec(sql::kSelectCalendars)) {
          calendars.push_back(CalendarFromRow(r));
        }
        for (StoredCalendar& c : calendars) by_name[c.definition.name] = &c.definition;
        for (const pqxx::row& r : tx.exec(sql::kSelectWindows)) {
          by_name.at(r[0].as<std::string>())
              ->spec.windows.push_back(
                  {static_cast<absl::Weekday>(r[1].as<int>() - 1), r[2].as<int>(), r[3].as<int>()});
        }
        for (const pqxx::row& r : tx.exec(sql::kSelectClosures)) {
          by_name.at(r[0].as<std::string>())
              ->spec.closures.push_back(
                  {absl::CivilDay(r[1].as<int>(), r[2].as<int>(), r[3].as<int>()),
                   r[4].as<std::string>()});
        }
        for (const pqxx::row& r : tx.exec(sql::kSelectLocalHolidays)) {
          by_name.at(r[0].as<std::string>())
              ->spec.local_holidays.push_back(
                  calendar::HolidayRule::Fixed(r[1].as<std::string>(), r[2].as<int>(),
                                               r[3].as<int>(), r[4].as<int>(), r[5].as<int>()));
        }
        return calendars;
      });
}

absl::StatusOr<std::map<std::string, int64_t>> PgSlaStore::CalendarRevisions() {
  return db::InTransaction<std::map<std::string, int64_t>>(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<std::map<std::string, int64_t>> {
        std::map<std::string, int64_t> revisions;
        for (const pqxx::row& r : tx.exec(sql::kSelectCalendarRevisions)) {
          revisions[r[0].as<std::string>()] = r[1].as<int64_t>();
        }
        return revisions;
      });
}

absl::StatusOr<int64_t> PgSlaStore::SaveCalendar(const CalendarDefinition& def) {
  return db::InTransaction<int64_t>(pool_, [&](pqxx::work& tx) -> absl::StatusOr<int64_t> {
    const calendar::CalendarSpec& spec = def.spec;
    const int64_t revision =
        tx.exec_params1(sql::kUpsertCalendar, def.name, spec.time_zone, spec.national_holidays)[0]
            .as<int64_t>();
    tx.exec_params(sql::kDeleteWindows, def.name);
    tx.exec_params(sql::kDeleteClosures, def.name);
    tx.exec_params(sql::kDeleteLocalHolidays, def.name);
    for (size_t i = 0; i < spec.windows.size(); ++i) {
      const calendar::WorkingWindow& w = spec.windows[i];
      tx.exec_params(sql::kInsertWindow, def.name, static_cast<int>(i),
                     static_cast<int>(w.weekday) + 1, w.start_minute, w.end_minute);
    }
    for (size_t i = 0; i < spec.closures.size(); ++i) {
      const calendar::Closure& c = spec.closures[i];
      tx.exec_params(sql::kInsertClosure, def.name, static_cast<int>(i),
                     static_cast<int>(c.day.year()), c.day.month(), c.day.day(), c.name);
    }
    for (size_t i = 0; i < spec.local_holidays.size(); ++i) {
      const calendar::HolidayRule& h = spec.local_holidays[i];
      tx.exec_params(sql::kInsertLocalHoliday, def.name, static_cast<int>(i), h.name, h.month,
                     h.day, h.first_year, h.last_year);
    }
    const sla_policy::Policy& p = def.policy;
    const Micros resolution(p.resolution);  // none (zero) is NULL
    tx.exec_params(sql::kUpsertPolicy, def.name, Micros(p.high).param(), Micros(p.medium).param(),
                   Micros(p.low).param(), Micros(p.urgent_on_site).param(), p.warning_fraction,
                   p.resolution > absl::ZeroDuration() ? resolution.param() : nullptr);

    events::v1::CalendarChanged event;
    *event.mutable_calendar() = sla_policy::ToProto(def);
    absl::StatusOr<std::string> id = events::Enqueue(tx, event);
    if (!id.ok()) return id.status();
    return revision;
  });
}

}  // namespace helpdesk::sla
