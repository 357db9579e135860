#include "libs/events/relay.h"

#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "libs/db/transaction.h"
#include "libs/events/outbox.h"
#include "libs/log/log.h"
#include "libs/metrics/metrics.h"

namespace helpdesk::events {
namespace {

constexpr char kClaim[] = R"SQL(
SELECT id, event_id::text, subject, payload FROM outbox
WHERE published_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)SQL";
constexpr char kMarkPublished[] =
    "UPDATE outbox SET published_at = now() WHERE id = ANY($1::bigint[])";
constexpr char kPurge[] =
    "DELETE FROM outbox WHERE published_at < now() - make_interval(secs => $1)";
constexpr char kRepublish[] =
    "UPDATE outbox SET published_at = NULL WHERE published_at > now() - make_interval(secs => $1)";

struct PublishFailures {
  std::atomic<int> count{0};
};

void OnPublishError(jsCtx*, jsPubAckErr* pae, void* closure) {
  static_cast<PublishFailures*>(closure)->count++;
  log::Warn("event publish failed",
            {{"error", pae->ErrText != nullptr ? pae->ErrText : natsStatus_GetText(pae->Err)}});
}

std::string PgArray(const std::vector<int64_t>& ids) {
  std::string out = "{";
  for (size_t i = 0; i < ids.size(); ++i) absl::StrAppend(&out, i ? "," : "", ids[i]);
  out.push_back('}');
  return out;
}

}  // namespace

OutboxRelay::OutboxRelay(db::Pool& pool, JetStream& nats, RelayOptions options)
    : pool_(pool), nats_(nats), options_(options) {}

OutboxRelay::~OutboxRelay() { Stop(); }

void OutboxRelay::Start() {
  stop_ = false;
  thread_ = std::thread([this] { Run(); });
}

void OutboxRelay::Stop() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

absl::StatusOr<int> OutboxRelay::PublishBatch() {
  // A JetStream context of our own, so that publish errors are counted for
  // this batch alone.
  PublishFailures failures;
  jsOptions js_opts;
  jsOptions_Init(&js_opts);
  js_opts.PublishAsync.ErrHandler = OnPublishError;
  js_opts.PublishAsync.ErrHandlerClosure = &failures;
  jsCtx* js = nullptr;
  natsStatus s = natsConnection_JetStream(&js, nats_.connection(), &js_opts);
  if (s != NATS_OK) return NatsError(s, "cannot open a JetStream context");

  int published = 0;
  absl::Status status = db::InTransaction(pool_, [&](pqxx::work& tx) -> absl::Status {
    pqxx::result rows = tx.exec_params(kClaim, options_.batch_size);
    if (rows.empty()) return absl::OkStatus();
    std::vector<int64_t> ids;
    ids.reserve(rows.size());
    for (const auto& row : rows) {
      std::string event_id = row[1].as<std::string>();
      std::string subject = row[2].as<std::string>();
      pqxx::binarystring payload(row[3]);
      natsMsg* msg = nullptr;
      natsStatus ms = natsMsg_Create(&msg, subject.c_str(), nullptr, payload.get(),
                                     static_cast<int>(payload.size()));
      if (ms == NATS_OK) ms = natsMsgHeader_Set(msg, "Nats-Msg-Id", event_id.c_str());
      if (ms == NATS_OK) ms = js_PublishMsgAsync(js, &msg, nullptr);
      if (msg != nullptr) natsMsg_Destroy(msg);
      if (ms != NATS_OK) return NatsError(ms, "cannot publish an event");
      ids.push_back(row[0].as<int64_t>());
    }
    jsPubOptions pub_opts;
    jsPubOptions_Init(&pub_opts);
    pub_opts.MaxWait = absl::ToInt64Milliseconds(options_.publish_timeout);
    natsStatus done = js_PublishAsyncComplete(js, &pub_opts);
    if (done != NATS_OK) return NatsError(done, "events not acknowledged by JetStream");
    if (failures.count > 0) {
      return absl::UnavailableError(
          absl::StrCat(failures.count.load(), " events were refused by JetStream"));
    }
    tx.exec_params(kMarkPublished, PgArray(ids));
    published = static_cast<int>(ids.size());
    return absl::OkStatus();
  });
  jsCtx_Destroy(js);
  if (!status.ok()) return status;
  return published;
}

absl::StatusOr<int> OutboxRelay::PublishPending() {
  static auto& counter = metrics::Default().GetCounter(
      "helpdesk_outbox_published_total", "Events relayed from the outbox to JetStream.");
  int total = 0;
  for (;;) {
    absl::StatusOr<int> n = PublishBatch();
    if (!n.ok()) return n.status();
    total += *n;
    counter.Increment(*n);
    if (*n < options_.batch_size) return total;
  }
}

absl::Status OutboxRelay::Purge() {
  return db::InTransaction(pool_, [&](pqxx::work& tx) -> absl::Status {
    tx.exec_params(kPurge, absl::ToDoubleSeconds(options_.retention));
    return absl::OkStatus();
  });
}

void OutboxRelay::Run() {
  absl::Status republished = db::InTransaction(pool_, [&](pqxx::work& tx) -> absl::Status {
    tx.exec_params(kRepublish, absl::ToDoubleSeconds(options_.republish_on_start));
    return absl::OkStatus();
  });
  if (!republished.ok()) log::Warn("outbox republish failed", {{"error", republished.ToString()}});

  // A connection of its own that LISTENs for the commit-time NOTIFY.
  std::unique_ptr<pqxx::connection> listener;
  absl::Time next_purge = absl::Now();
  while (!stop_) {
    absl::StatusOr<int> n = PublishPending();
    if (!n.ok()) {
      log::Warn("outbox relay", {{"error", n.status().ToString()}});
    }
    if (absl::Now() >= next_purge) {
      absl::Status purged = Purge();
      if (!purged.ok()) log::Warn("outbox purge failed", {{"error", purged.ToString()}});
      next_purge = absl::Now() + absl::Minutes(1);
    }
    try {
      if (!listener) {
        listener = std::make_unique<pqxx::connection>(pool_.options().url);
        pqxx::nontransaction tx(*listener);
        std::string schema = pool_.options().schema;
        if (schema.empty()) schema = tx.exec("SELECT current_schema()")[0][0].as<std::string>();
        tx.exec(absl::StrCat("LISTEN ", tx.quote_name(OutboxChannel(schema))));
        continue;  // rows may have arrived before LISTEN: look once more
      }
      // Wake on a NOTIFY, or after at most 100 ms to notice Stop(); the
      // fallback poll runs every poll_interval.
      absl::Time until = absl::Now() + (n.ok() ? options_.poll_interval : absl::Milliseconds(500));
      while (!stop_ && absl::Now() < until) {
        if (listener->await_notification(0, 100000) > 0) break;
      }
    } catch (const std::exception& e) {
      log::Warn("outbox listener lost", {{"error", e.what()}});
      listener.reset();
      for (int i = 0; i < 5 && !stop_; ++i) absl::SleepFor(absl::Milliseconds(100));
    }
  }
}

}  // namespace helpdesk::events
