// The identity service's storage: accounts, companies, sessions, password
// resets, sign-in throttling and the audit trail. Each command runs in one
// transaction together with its outbox events.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "helpdesk/events/v1/events.pb.h"
#include "helpdesk/identity/v1/identity.pb.h"
#include "libs/db/pool.h"

namespace helpdesk::identity {

struct Account {
  std::string id;
  std::string username;
  std::string display_name;
  std::string role;  // CUSTOMER, CONSULTANT, ADMINISTRATOR
  std::string company_id;
  std::string password_hash;
  bool password_expired = false;
  bool active = false;  // the account's and its company's
  int password_version = 0;
  std::string email;
  std::string language;
  std::string company_name;
  std::string company_email;
  bool company_email_set = false;
  std::string company_vat_number;

  // The company's own portal account (username = VAT number), not a contact.
  bool IsCompanyAccount() const { return !company_id.empty() && username == company_vat_number; }
};

// A staff account (company_id empty) or a company's named contact.
struct NewAccount {
  std::string username;
  std::string display_name;
  std::string role;  // CUSTOMER (with company_id), CONSULTANT, ADMINISTRATOR
  std::string company_id;
  std::string email;
  std::string language = "it";
  std::string password_hash;
  bool password_expired = true;
};

struct AccountPage {
  std::vector<Account> accounts;
  std::string next_page_token;
};

struct NewCompany {
  std::string name;
  std::string vat_number;
  std::string notification_email;
  std::string language = "it";
  int64_t hourly_rate_cents = 6000;
  int64_t urgent_call_fee_cents = 0;
  std::string calendar = "default";
};

struct CompanyChanges {
  std::optional<std::string> name;
  std::optional<std::string> notification_email;
  std::optional<bool> active;
  std::optional<int64_t> hourly_rate_cents;
  std::optional<int64_t> urgent_call_fee_cents;
  std::optional<std::string> calendar;
};

struct Throttle {
  int max_attempts;
  absl::Duration window;
  absl::Duration lock;
};

class IdentityStore {
 public:
  explicit IdentityStore(db::Pool& pool) : pool_(pool) {}

  // Accounts.
  absl::StatusOr<std::optional<Account>> FindAccountByUsername(const std::string& username);
  absl::StatusOr<std::optional<Account>> FindAccount(const std::string& id);
  // Adds an account and publishes AccountChanged. ALREADY_EXISTS "username:
  // already taken" (in any case); INVALID_ARGUMENT "companyId: …" for a
  // company that does not exist.
  absl::StatusOr<Account> CreateAccount(const NewAccount& account);
  // `company_id` and `role` filter when not empty; `page_token` is the last
  // page's next_page_token. INVALID_ARGUMENT "pageToken: …".
  absl::StatusOr<AccountPage> ListAccounts(const std::string& company_id, const std::string& role,
                                           int page_size, const std::string& page_token);
  // Deactivates the account, ends its sessions and pending resets, and
  // publishes AccountChanged. NOT_FOUND for an unknown id.
  absl::StatusOr<Account> DisableAccount(const std::string& id);
  // Marks the password expired (it must be changed at the next sign-in) and
  // ends the account's sessions. NOT_FOUND for an unknown id.
  absl::StatusOr<Account> ExpirePassword(const std::string& id);
  absl::Status UpsertStaff(const std::string& username, const std::string& display_name,
                           const std::string& role, const std::string& email,
                           const std::string& password_hash);

  // Companies. CreateCompany adds the portal account (username = VAT
  // number, expired password) and publishes CompanyChanged; ALREADY_EXISTS
  // "vatNumber: …" for a VAT number in use.
  absl::StatusOr<identity::v1::Company> CreateCompany(const NewCompany& company,
                                                      const std::string& password_hash);
  absl::StatusOr<bool> CompanyExists(const std::string& vat_number);
  absl::StatusOr<identity::v1::Company> GetCompany(const std::string& id);
  absl::StatusOr<identity::v1::ListCompaniesResponse> ListCompanies(const std::string& q,
                                                                    int page_size,
                                                                    const std::string& page_token);
  absl::StatusOr<identity::v1::Company> UpdateCompany(const std::string& id,
                                                      const CompanyChanges& changes);
  absl::Status SetNotificationEmail(const std::string& company_id, const std::string& email);

  // Sessions: opaque refresh tokens, stored as hashes.
  absl::Status CreateSession(const std::string& account_id, const std::string& session_id,
                             const std::string& refresh_token, absl::Duration ttl);
  // The account and new session of a valid refresh token, which is rotated.
  // A token used a second time revokes every session of its account.
  struct Rotated {
    std::string account_id;
    std::string session_id;
  };
  absl::StatusOr<Rotated> RotateSession(const std::string& refresh_token,
                                        const std::string& new_refresh_token, absl::Duration ttl);
  absl::Status RevokeSession(const std::string& session_id);
  // Revokes the live session of `refresh_token`; its account, or nullopt
  // when no live session has it.
  absl::StatusOr<std::optional<std::string>> RevokeSessionByRefreshToken(
      const std::string& refresh_token);
  absl::StatusOr<bool> SessionAlive(const std::string& session_id);

  // Sets a new password, ends every other session and pending reset.
  absl::Status ChangePassword(const std::string& account_id, const std::string& password_hash,
                              const std::string& keep_session_id);

  // Password resets: a new token kills older ones.
  absl::Status CreateReset(const Account& account, const std::string& token, absl::Duration ttl,
                           events::v1::PasswordResetRequested event);
  // The work of CreateReset for a username with no account (or none that can
  // be reset): the same statements on a random account id that matches
  // nothing, and a decoy row instead of the reset, so that ForgotPassword
  // costs the same either way. Only the outbox row of the real event is
  // missing: one small insert in the same commit.
  absl::Status RecordDecoyReset(const std::string& token, absl::Duration ttl);
  // The account a live reset token belongs to, without using it.
  absl::StatusOr<std::string> PeekReset(const std::string& token);
  // Uses the token and sets the password in one transaction.
  absl::Status CompleteReset(const std::string& token, const std::string& password_hash);

  // Counts an attempt for `key`; the seconds to wait when it is locked.
  absl::StatusOr<std::optional<int64_t>> CountAttempt(const std::string& key,
                                                      const Throttle& throttle);
  absl::Status ClearAttempts(const std::string& key);
  // Best effort: an audit failure is logged, never fails the request.
  void Audit(const std::string& event, const std::string& account_id, const std::string& username,
             const std::string& address, const std::string& detail = "");

 private:
  db::Pool& pool_;
};

// SHA-256 of a secret token, as stored.
std::string TokenHash(const std::string& token);

}  // namespace helpdesk::identity
