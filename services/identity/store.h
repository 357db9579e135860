// The identity service's storage: accounts and companies, each command in
// one transaction with its outbox events.
#pragma once

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "libs/db/pool.h"

namespace helpdesk::identity {

struct AccountRow {
  std::string id;
  std::string username;
  std::string display_name;
  std::string role;  // CUSTOMER, CONSULTANT, ADMINISTRATOR
  std::string company_id;
  std::string password_hash;
  bool password_expired = false;
  bool active = false;  // the account's and its company's
};

class IdentityStore {
 public:
  explicit IdentityStore(db::Pool& pool) : pool_(pool) {}

  absl::StatusOr<std::optional<AccountRow>> FindAccount(const std::string& username);
  // Creates the staff account, or resets its password (not expired) and
  // re-enables it.
  absl::Status UpsertStaff(const std::string& username, const std::string& display_name,
                           const std::string& role, const std::string& email,
                           const std::string& password_hash);
  // Creates the company and its portal account (username = VAT number,
  // password expired) unless a company with that VAT number exists; whether
  // it created them.
  absl::StatusOr<bool> EnsureCompany(const std::string& name, const std::string& vat_number,
                                     const std::string& password_hash);

 private:
  db::Pool& pool_;
};

}  // namespace helpdesk::identity
