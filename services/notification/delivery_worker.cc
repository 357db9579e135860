#include "services/notification/delivery_worker.h"

#include <functional>
#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "libs/log/log.h"
#include "libs/metrics/metrics.h"

namespace helpdesk::notification {
namespace {

metrics::Counter& Outcomes(const std::string& outcome) {
  return metrics::Default().GetCounter("helpdesk_notification_deliveries_total",
                                       "E-mail delivery outcomes: sent, failed, retried "
                                       "(temporary failure), interrupted (lease recovered).",
                                       {{"outcome", outcome}});
}

// An outcome write that may succeed when tried again: the database is
// unreachable (a restart) or busy.
bool Transient(const absl::Status& status) {
  return status.code() == absl::StatusCode::kUnavailable ||
         status.code() == absl::StatusCode::kDeadlineExceeded ||
         status.code() == absl::StatusCode::kAborted;
}

metrics::Gauge& Pending(const std::string& status) {
  return metrics::Default().GetGauge("helpdesk_notification_deliveries_pending",
                                     "Deliveries not final yet, by status.", {{"status", status}});
}

}  // namespace

DeliveryWorker::DeliveryWorker(db::Pool& pool, MailSender* sender, WorkerOptions options)
    : pool_(pool), store_(pool), sender_(sender), options_(std::move(options)) {}

DeliveryWorker::~DeliveryWorker() { Stop(); }

void DeliveryWorker::Start() {
  stop_ = false;
  thread_ = std::thread([this] { Run(); });
}

void DeliveryWorker::Stop() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

absl::StatusOr<int> DeliveryWorker::RunOnce() {
  absl::StatusOr<std::vector<RecoveredDelivery>> recovered = store_.RecoverExpiredLeases();
  if (!recovered.ok()) return recovered.status();
  for (const auto& r : *recovered) {
    Outcomes("interrupted").Increment();
    if (r.status == "FAILED") Outcomes("failed").Increment();
    log::Warn(r.status == "QUEUED"
                  ? "delivery interrupted while sending; sending it again with the same Message-ID"
                  : "delivery interrupted twice while sending; marked failed, not sent again",
              {{"delivery_id", r.id}, {"kind", r.kind}, {"recipient", r.recipient}});
  }
  int attempted = 0;
  while (sender_ != nullptr && !stop_) {
    absl::StatusOr<std::optional<ClaimedDelivery>> claimed = store_.ClaimNext(options_.lease);
    if (!claimed.ok()) return claimed.status();
    if (!claimed->has_value()) break;
    Send(**claimed);
    ++attempted;
  }
  return attempted;
}

void DeliveryWorker::Send(const ClaimedDelivery& d) {
  static auto& smtp_seconds = metrics::Default().GetHistogram("helpdesk_notification_smtp_seconds",
                                                              "Time of one SMTP exchange.");
  MimeMail mail{.from = options_.from,
                .reply_to = options_.reply_to,
                .to = d.recipient,
                .subject = d.subject,
                .message_id = d.message_id,
                .references = d.ticket_id.empty()
                                  ? ""
                                  : absl::StrCat("<ticket-", d.ticket_id, "@",
                                                 AddressDomain(options_.from.address), ">"),
                .date = absl::Now(),
                .text = d.text,
                .html = d.html};
  absl::StatusOr<std::string> message = BuildMime(mail);
  SendOutcome outcome;
  if (!message.ok()) {
    outcome = {SendOutcome::kPermanent, 0,
               absl::StrCat("cannot build the message: ", message.status().message())};
  } else {
    absl::Time start = absl::Now();
    outcome = sender_->Send(options_.from.address, d.recipient, *message);
    smtp_seconds.Observe(absl::ToDoubleSeconds(absl::Now() - start));
  }

  // The outcome is known now: record it across a database outage (a restart)
  // rather than leave the claim to expire and the recovery to send the
  // message a second time. Only a stop gives up, and the lease then decides,
  // as after a crash.
  auto record = [&](const std::function<absl::StatusOr<bool>()>& write) {
    absl::Duration pause = absl::Milliseconds(50);
    for (bool logged = false;; logged = true) {
      absl::StatusOr<bool> written = write();
      if (written.ok() || stop_ || !Transient(written.status())) return written;
      if (!logged) {
        log::Warn("cannot record a delivery's outcome yet; trying again",
                  {{"delivery_id", d.id}, {"error", written.status().ToString()}});
      }
      absl::SleepFor(pause);
      pause = std::min(pause * 2, absl::Seconds(1));
    }
  };
  absl::StatusOr<bool> recorded = false;
  std::initializer_list<log::Field> fields = {
      {"delivery_id", d.id}, {"kind", d.kind}, {"recipient", d.recipient}, {"attempt", d.attempts}};
  if (outcome.kind == SendOutcome::kSent) {
    recorded = record([&] { return store_.MarkSent(d); });
    Outcomes("sent").Increment();
    log::Info("e-mail sent", fields);
  } else if (outcome.kind == SendOutcome::kTemporary && d.attempts < options_.retry.max_attempts) {
    absl::Duration delay = RetryDelay(options_.retry, d.attempts, absl::Uniform(random_, 0.0, 1.0));
    recorded = record([&] { return store_.MarkRetry(d, delay, outcome.error); });
    Outcomes("retried").Increment();
    log::Warn("e-mail not sent; will retry", {{"delivery_id", d.id},
                                              {"kind", d.kind},
                                              {"attempt", d.attempts},
                                              {"retry_in_seconds", absl::ToDoubleSeconds(delay)},
                                              {"error", outcome.error}});
  } else {
    std::string error =
        outcome.kind == SendOutcome::kTemporary
            ? absl::StrCat("gave up after ", d.attempts, " attempts: ", outcome.error)
            : outcome.error;
    recorded = record([&] { return store_.MarkFailed(d, error); });
    Outcomes("failed").Increment();
    log::Error(
        "e-mail not sent; delivery failed",
        {{"delivery_id", d.id}, {"kind", d.kind}, {"attempt", d.attempts}, {"error", error}});
  }
  if (!recorded.ok()) {
    // The claim stays SENDING; its lease expiry sends it again once.
    log::Error("cannot record a delivery's outcome",
               {{"delivery_id", d.id}, {"error", recorded.status().ToString()}});
  } else if (!*recorded) {
    log::Warn("a delivery's claim was lost (lease expired) before its outcome was recorded",
              {{"delivery_id", d.id}});
  }
}

absl::Duration DeliveryWorker::NextWait() {
  absl::StatusOr<PendingDeliveries> pending = store_.Pending();
  if (!pending.ok()) return absl::Milliseconds(500);
  Pending("QUEUED").Set(static_cast<double>(pending->queued));
  Pending("SENDING").Set(static_cast<double>(pending->sending));
  absl::Duration wait = options_.poll_interval;
  if (pending->next_due.has_value()) {
    // A retry is due or a lease expires before the next poll: wake for it.
    bool relevant = sender_ != nullptr || pending->sending > 0;
    if (relevant) wait = std::min(wait, std::max(*pending->next_due, absl::Milliseconds(10)));
  }
  return wait;
}

void DeliveryWorker::Run() {
  std::unique_ptr<pqxx::connection> listener;
  while (!stop_) {
    absl::StatusOr<int> attempted = RunOnce();
    if (!attempted.ok()) log::Warn("delivery worker", {{"error", attempted.status().ToString()}});
    try {
      if (!listener) {
        listener = std::make_unique<pqxx::connection>(pool_.options().url);
        pqxx::nontransaction tx(*listener);
        std::string schema = pool_.options().schema;
        if (schema.empty()) schema = tx.exec("SELECT current_schema()")[0][0].as<std::string>();
        tx.exec(absl::StrCat("LISTEN ", tx.quote_name(DeliveryStore::Channel(schema))));
        continue;  // deliveries may have been queued before LISTEN: look once more
      }
      absl::Time until = absl::Now() + (attempted.ok() ? NextWait() : absl::Milliseconds(500));
      while (!stop_ && absl::Now() < until) {
        if (listener->await_notification(0, 100000) > 0) break;
      }
    } catch (const std::exception& e) {
      log::Warn("delivery listener lost", {{"error", e.what()}});
      listener.reset();
      for (int i = 0; i < 5 && !stop_; ++i) absl::SleepFor(absl::Milliseconds(100));
    }
  }
}

}  // namespace helpdesk::notification
