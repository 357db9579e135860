#include "services/sla/timer_scheduler.h"

#include <google/protobuf/util/time_util.h>

#include <pqxx/pqxx>

#include "helpdesk/events/v1/events.pb.h"
#include "libs/db/transaction.h"
#include "libs/events/outbox.h"
#include "libs/log/log.h"
#include "libs/metrics/metrics.h"
#include "libs/status/status_macros.h"
#include "services/sla/firing.h"
#include "services/sla/pg_values.h"
#include "services/sla/sql.h"

namespace helpdesk::sla {
namespace {

constexpr char kTakeInCharge[] = "TAKE_IN_CHARGE";
constexpr char kOnSite[] = "ON_SITE";

google::protobuf::Timestamp Timestamp(absl::Time t) {
  return google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(absl::ToUnixMicros(t));
}

struct ClaimedTimer {
  std::string ticket_id;
  TimerState state;
  std::string company_id;
  int64_t number = 0;
  std::string assignee_id;
};

ClaimedTimer ClaimedFromRow(const pqxx::row& r) {
  ClaimedTimer t;
  t.ticket_id = r[0].as<std::string>();
  t.state.warn_at = OptionalTime(r[1]);
  t.state.due_at = OptionalTime(r[2]);
  t.state.on_site_due_at = OptionalTime(r[3]);
  t.state.warn_fired = r[4].as<bool>();
  t.state.due_fired = r[5].as<bool>();
  t.state.on_site_fired = r[6].as<bool>();
  t.company_id = r[7].as<std::string>();
  t.number = r[8].as<int64_t>();
  t.assignee_id = r[9].as<std::string>();
  return t;
}

template <typename Event>
absl::Status Send(pqxx::work& tx, const ClaimedTimer& t, absl::Time due, const char* kind,
                  absl::Time now) {
  Event event;
  *event.mutable_meta()->mutable_occurred_at() = Timestamp(now);
  event.set_ticket_id(t.ticket_id);
  event.set_company_id(t.company_id);
  *event.mutable_due_at() = Timestamp(due);
  event.set_assignee_id(t.assignee_id);
  event.set_kind(kind);
  event.set_number(t.number);
  return events::Enqueue(tx, event).status();
}

}  // namespace

TimerScheduler::TimerScheduler(db::Pool& pool, const Clock& clock, SchedulerOptions options)
    : pool_(pool), clock_(clock), options_(options) {}

TimerScheduler::~TimerScheduler() { Stop(); }

absl::StatusOr<int> TimerScheduler::FireBatch(absl::Time now, int* claimed) {
  static auto& warnings =
      metrics::Default().GetCounter("helpdesk_sla_warnings_total", "SlaWarning events written.");
  static auto& breaches =
      metrics::Default().GetCounter("helpdesk_sla_breaches_total", "SlaBreached events written.");
  int sent_warnings = 0, sent_breaches = 0;
  absl::Status status = db::InTransaction(pool_, [&](pqxx::work& tx) -> absl::Status {
    sent_warnings = sent_breaches = 0;
    pqxx::result rows =
        tx.exec_params(sql::kClaimDueTimers, Micros(now).param(), options_.batch_size);
    *claimed = static_cast<int>(rows.size());
    for (const pqxx::row& row : rows) {
      const ClaimedTimer t = ClaimedFromRow(row);
      const Firing f = DecideFiring(t.state, now);
      if (f.warning) {
        // The warning names the due it warns about.
        const absl::Time due = t.state.due_at.value_or(*t.state.warn_at);
        HELPDESK_RETURN_IF_ERROR(Send<events::v1::SlaWarning>(tx, t, due, kTakeInCharge, now));
        ++sent_warnings;
      }
      if (f.breach) {
        HELPDESK_RETURN_IF_ERROR(
            Send<events::v1::SlaBreached>(tx, t, *t.state.due_at, kTakeInCharge, now));
        ++sent_breaches;
      }
      if (f.on_site_breach) {
        HELPDESK_RETURN_IF_ERROR(
            Send<events::v1::SlaBreached>(tx, t, *t.state.on_site_due_at, kOnSite, now));
        ++sent_breaches;
      }
      const bool warning_done = f.warning || f.warning_skipped;
      tx.exec_params(sql::kMarkTimerFired, t.ticket_id, warning_done, f.breach, f.on_site_breach);
      tx.exec_params(sql::kRecordTicketFired, t.ticket_id, f.warning, f.breach, f.on_site_breach,
                     Micros(now).param());
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  warnings.Increment(sent_warnings);
  breaches.Increment(sent_breaches);
  return sent_warnings + sent_breaches;
}

absl::StatusOr<int> TimerScheduler::FireDue() {
  const absl::Time now = clock_.Now();
  int total = 0;
  for (;;) {
    int claimed = 0;
    HELPDESK_ASSIGN_OR_RETURN(int sent, FireBatch(now, &claimed));
    total += sent;
    if (claimed < options_.batch_size) return total;
  }
}

absl::StatusOr<std::optional<absl::Time>> TimerScheduler::NextFireAt() {
  return db::InTransaction<std::optional<absl::Time>>(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<std::optional<absl::Time>> {
        return OptionalTime(tx.exec1(sql::kNextFireAt)[0]);
      });
}

void TimerScheduler::Start() {
  {
    absl::MutexLock lock(&mu_);
    stop_ = false;
  }
  if (!thread_.joinable()) thread_ = std::thread([this] { Run(); });
}

void TimerScheduler::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stop_ = true;
  }
  if (thread_.joinable()) thread_.join();
}

void TimerScheduler::Wake() {
  absl::MutexLock lock(&mu_);
  wake_ = true;
}

void TimerScheduler::Run() {
  for (;;) {
    absl::Duration wait = options_.poll_interval;
    absl::StatusOr<int> fired = FireDue();
    absl::StatusOr<std::optional<absl::Time>> next =
        fired.ok() ? NextFireAt() : absl::StatusOr<std::optional<absl::Time>>(fired.status());
    if (next.ok()) {
      wait = WakeDelay(*next, clock_.Now(), options_.poll_interval);
    } else {
      log::Warn("sla timers: pass failed; retrying", {{"error", next.status().ToString()}});
      wait = options_.error_backoff;
    }
    absl::MutexLock lock(&mu_);
    auto woken = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return stop_ || wake_; };
    mu_.AwaitWithTimeout(absl::Condition(&woken), wait);
    if (stop_) return;
    wake_ = false;
  }
}

}  // namespace helpdesk::sla
