#include "libs/events/consumer.h"

#include <pqxx/pqxx>

#include "libs/db/transaction.h"
#include "libs/ids/ids.h"
#include "libs/log/log.h"
#include "libs/metrics/metrics.h"

namespace helpdesk::events {
namespace {

constexpr char kRecord[] = R"SQL(
INSERT INTO processed_events (consumer, event_id, subject) VALUES ($1, $2, $3)
ON CONFLICT DO NOTHING)SQL";

}  // namespace

Consumer::Consumer(db::Pool& pool, JetStream& nats, ConsumerOptions options)
    : pool_(pool), nats_(nats), options_(std::move(options)) {}

Consumer::~Consumer() { Stop(); }

absl::Status Consumer::Start() {
  if (options_.durable.empty()) return absl::InvalidArgumentError("consumer needs a durable name");
  jsOptions js_opts;
  jsOptions_Init(&js_opts);
  jsSubOptions sub_opts;
  jsSubOptions_Init(&sub_opts);
  sub_opts.Stream = options_.stream.c_str();
  sub_opts.Config.AckWait = absl::ToInt64Nanoseconds(options_.ack_wait);
  sub_opts.Config.DeliverPolicy = js_DeliverAll;
  sub_opts.Config.AckPolicy = js_AckExplicit;
  sub_opts.Config.MaxAckPending = options_.batch_size * 4;
  jsErrCode jerr = static_cast<jsErrCode>(0);
  natsStatus s = js_PullSubscribe(&sub_, nats_.context(), options_.filter_subject.c_str(),
                                  options_.durable.c_str(), &js_opts, &sub_opts, &jerr);
  if (s != NATS_OK) {
    return NatsError(s, absl::StrCat("cannot subscribe the durable consumer ", options_.durable,
                                     " (error ", static_cast<int>(jerr), ")"));
  }
  stop_ = false;
  thread_ = std::thread([this] { Run(); });
  return absl::OkStatus();
}

void Consumer::Stop() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
  if (sub_ != nullptr) {
    // Destroy, not Unsubscribe: the durable consumer stays on the server.
    natsSubscription_Destroy(sub_);
    sub_ = nullptr;
  }
}

absl::StatusOr<bool> Consumer::Apply(const std::string& subject, const std::string& event_id,
                                     std::string_view payload) {
  auto handler = handlers_.find(subject);
  if (handler == handlers_.end()) return true;  // not ours
  if (!ids::IsUuid(event_id)) {
    log::Error("event without a valid id dropped", {{"subject", subject}});
    return true;  // redelivering it would not help
  }
  absl::Status status = db::InTransaction(pool_, [&](pqxx::work& tx) -> absl::Status {
    pqxx::result recorded = tx.exec_params(kRecord, options_.durable, event_id, subject);
    if (recorded.affected_rows() == 0) return absl::OkStatus();  // applied before
    return handler->second(tx, payload);
  });
  if (status.code() == absl::StatusCode::kDataLoss) {
    log::Error("undecodable event dropped", {{"subject", subject}, {"event_id", event_id}});
    return true;
  }
  if (!status.ok()) return status;
  return true;
}

void Consumer::Handle(natsMsg* msg) {
  static auto& applied = metrics::Default().GetCounter("helpdesk_events_consumed_total",
                                                       "Events applied by durable consumers.");
  static auto& failed = metrics::Default().GetCounter(
      "helpdesk_events_failed_total", "Event deliveries whose handler failed (retried).");
  const char* id = nullptr;
  natsMsgHeader_Get(msg, "Nats-Msg-Id", &id);
  std::string subject = natsMsg_GetSubject(msg);
  absl::StatusOr<bool> done =
      Apply(subject, id != nullptr ? id : "",
            std::string_view(natsMsg_GetData(msg), natsMsg_GetDataLength(msg)));
  if (done.ok()) {
    natsMsg_Ack(msg, nullptr);
    applied.Increment();
  } else {
    failed.Increment();
    log::Warn("event handler failed; will retry",
              {{"subject", subject}, {"error", done.status().ToString()}});
    natsMsg_NakWithDelay(msg, absl::ToInt64Milliseconds(options_.retry_delay), nullptr);
  }
}

void Consumer::Run() {
  while (!stop_) {
    natsMsgList list = {nullptr, 0};
    jsErrCode jerr = static_cast<jsErrCode>(0);
    natsStatus s = natsSubscription_Fetch(&list, sub_, options_.batch_size, 500, &jerr);
    if (s == NATS_OK) {
      for (int i = 0; i < list.Count; ++i) Handle(list.Msgs[i]);
      natsMsgList_Destroy(&list);
    } else if (s != NATS_TIMEOUT) {
      // Disconnected or the server is restarting: the connection reconnects
      // by itself; wait a little before asking again.
      natsMsgList_Destroy(&list);
      for (int i = 0; i < 5 && !stop_; ++i) absl::SleepFor(absl::Milliseconds(100));
    }
  }
}

}  // namespace helpdesk::events
