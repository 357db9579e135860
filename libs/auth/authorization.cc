#include "libs/auth/authorization.h"

#include <google/protobuf/descriptor.h>
#include <grpcpp/server_context.h>

#include <unordered_map>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "helpdesk/common/v1/options.pb.h"

namespace helpdesk::auth {
namespace {

using common::v1::AccessRule;
using common::v1::Person;

int Rank(AccessRule::Role role) {
  switch (role) {
    case AccessRule::PUBLIC:
      return 0;
    case AccessRule::CUSTOMER:
      return 1;
    case AccessRule::CONSULTANT:
      return 2;
    case AccessRule::ADMINISTRATOR:
      return 3;
    default:
      return 100;
  }
}

int Rank(Person::Role role) {
  switch (role) {
    case Person::CUSTOMER:
      return 1;
    case Person::CONSULTANT:
      return 2;
    case Person::ADMINISTRATOR:
      return 3;
    default:
      return -1;
  }
}

const char* RoleName(AccessRule::Role role) {
  switch (role) {
    case AccessRule::CONSULTANT:
      return "consultant";
    case AccessRule::ADMINISTRATOR:
      return "administrator";
    default:
      return "customer";
  }
}

// Decisions of the calls in flight, keyed by their server context. Entries
// live from the call's initial metadata to the end of the call.
class Decisions {
 public:
  void Put(const void* key, absl::StatusOr<Caller> decision) {
    absl::MutexLock lock(&mu_);
    map_.insert_or_assign(key, std::move(decision));
  }
  absl::StatusOr<Caller> Get(const void* key) {
    absl::MutexLock lock(&mu_);
    auto it = map_.find(key);
    if (it == map_.end()) return absl::InternalError("the call was not authorized");
    return it->second;
  }
  void Erase(const void* key) {
    absl::MutexLock lock(&mu_);
    map_.erase(key);
  }

 private:
  absl::Mutex mu_;
  std::unordered_map<const void*, absl::StatusOr<Caller>> map_ ABSL_GUARDED_BY(mu_);
};

Decisions& InFlight() {
  static Decisions* decisions = new Decisions();
  return *decisions;
}

struct Rules {
  std::shared_ptr<const TokenVerifier> verifier;
  // "/pkg.Service/Method" → rule.
  std::unordered_map<std::string, AccessRule> by_path;
};

absl::StatusOr<Caller> Decide(const Rules& rules, const AccessRule& rule,
                              const std::multimap<grpc::string_ref, grpc::string_ref>& metadata) {
  std::string token;
  auto it = metadata.find("authorization");
  if (it != metadata.end()) {
    absl::string_view value(it->second.data(), it->second.size());
    if (absl::StartsWithIgnoreCase(value, "bearer ")) token = std::string(value.substr(7));
  }
  if (rule.role() == AccessRule::PUBLIC && token.empty()) return Caller{};
  if (rule.role() == AccessRule::ROLE_UNSPECIFIED) {
    return absl::PermissionDeniedError("this operation declares no access rule");
  }
  if (token.empty()) return absl::UnauthenticatedError("missing access token");
  absl::StatusOr<Claims> claims = rules.verifier->Verify(token, absl::Now());
  if (!claims.ok()) {
    // A stale session cookie must not stop anybody from signing in again.
    if (rule.role() == AccessRule::PUBLIC) return Caller{};
    return claims.status();
  }
  Caller caller;
  caller.authenticated = true;
  caller.account_id = claims->account_id();
  caller.role = claims->role();
  caller.company_id = claims->company_id();
  caller.display_name = claims->display_name();
  caller.username = claims->username();
  caller.session_id = claims->session_id();
  if (claims->password_expired() && !rule.allow_expired_password()) {
    // Anybody may call a PUBLIC RPC: the portal's session cookie of an
    // account that must change its password must not stop a new sign-in
    // or a refresh, so the call goes on as anonymous.
    if (rule.role() == AccessRule::PUBLIC) return Caller{};
    return absl::FailedPreconditionError("password expired: change it first");
  }
  if (Rank(caller.role) < Rank(rule.role())) {
    return absl::PermissionDeniedError(
        absl::StrCat("this operation requires the ", RoleName(rule.role()), " role"));
  }
  return caller;
}

class AuthorizationInterceptor : public grpc::experimental::Interceptor {
 public:
  AuthorizationInterceptor(const Rules& rules, const AccessRule* rule,
                           grpc::experimental::ServerRpcInfo* info)
      : rules_(rules), rule_(rule), key_(info->server_context()) {}
  ~AuthorizationInterceptor() override { InFlight().Erase(key_); }

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(
            grpc::experimental::InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
      absl::StatusOr<Caller> decision =
          rule_ == nullptr ? absl::PermissionDeniedError("this operation declares no access rule")
                           : Decide(rules_, *rule_, *methods->GetRecvInitialMetadata());
      refusal_ = decision.status();
      InFlight().Put(key_, std::move(decision));
    }
    // A refused call answers its refusal whatever the handler did: one that
    // is not written yet (UNIMPLEMENTED) or forgot CallerOf still answers
    // 401/403 first, as SPEC §7 orders the checks.
    if (!refusal_.ok() && methods->QueryInterceptionHookPoint(
                              grpc::experimental::InterceptionHookPoints::PRE_SEND_STATUS)) {
      methods->ModifySendStatus(grpc::Status(static_cast<grpc::StatusCode>(refusal_.code()),
                                             std::string(refusal_.message())));
    }
    methods->Proceed();
  }

 private:
  const Rules& rules_;
  const AccessRule* rule_;
  const void* key_;
  absl::Status refusal_;
};

class AuthorizationFactory : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit AuthorizationFactory(Rules rules) : rules_(std::move(rules)) {}

  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override {
    absl::string_view method = info->method();
    // Health checking and reflection are not ours to guard.
    if (!absl::StartsWith(method, "/helpdesk.")) return nullptr;
    auto it = rules_.by_path.find(std::string(method));
    return new AuthorizationInterceptor(rules_, it == rules_.by_path.end() ? nullptr : &it->second,
                                        info);
  }

 private:
  const Rules rules_;
};

}  // namespace

Person Caller::AsPerson() const {
  Person person;
  person.set_id(account_id);
  person.set_display_name(display_name);
  person.set_role(role);
  return person;
}

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> MakeAuthorizationFactory(
    std::shared_ptr<const TokenVerifier> verifier,
    const std::vector<const google::protobuf::ServiceDescriptor*>& services) {
  Rules rules;
  rules.verifier = std::move(verifier);
  for (const auto* service : services) {
    for (int i = 0; i < service->method_count(); ++i) {
      const auto* method = service->method(i);
      const auto& options = method->options();
      if (!options.HasExtension(common::v1::access)) continue;  // refused
      rules.by_path[absl::StrCat("/", service->full_name(), "/", method->name())] =
          options.GetExtension(common::v1::access);
    }
  }
  return std::make_unique<AuthorizationFactory>(std::move(rules));
}

absl::StatusOr<Caller> CallerOf(const grpc::ServerContextBase* context) {
  return InFlight().Get(context);
}

}  // namespace helpdesk::auth
