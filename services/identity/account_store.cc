// IdentityStore: staff accounts and companies' contacts, managed by
// administrators.
#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "libs/db/transaction.h"
#include "libs/ids/ids.h"
#include "libs/status/status_macros.h"
#include "services/identity/sql.h"
#include "services/identity/store.h"
#include "services/identity/store_rows.h"

namespace helpdesk::identity {
namespace {

using internal::AccountFromRow;

const absl::Status& UsernameTaken() {
  static const absl::Status* taken =
      new absl::Status(absl::AlreadyExistsError("username: already taken"));
  return *taken;
}

absl::StatusOr<Account> Reread(pqxx::work& tx, const std::string& id) {
  pqxx::result rows = tx.exec_params(sql::kFindAccountById, id);
  if (rows.empty()) return absl::NotFoundError("account not found");
  return AccountFromRow(rows[0]);
}

}  // namespace

absl::StatusOr<Account> IdentityStore::CreateAccount(const NewAccount& in) {
  if (!in.company_id.empty() && !ids::IsUuid(in.company_id)) {
    return absl::InvalidArgumentError("companyId: no such company");
  }
  std::string id = ids::NewUuid();
  absl::StatusOr<Account> created =
      db::InTransaction<Account>(pool_, [&](pqxx::work& tx) -> absl::StatusOr<Account> {
        if (!tx.exec_params(sql::kUsernameTaken, in.username).empty()) return UsernameTaken();
        std::optional<std::string> company;
        if (!in.company_id.empty()) {
          if (tx.exec_params(sql::kCompanyExists, in.company_id).empty()) {
            return absl::InvalidArgumentError("companyId: no such company");
          }
          company = in.company_id;
        }
        tx.exec_params(sql::kInsertAccount, id, in.username, in.display_name, in.role, company,
                       in.email, in.language, in.password_hash, in.password_expired);
        HELPDESK_RETURN_IF_ERROR(internal::PublishAccount(tx, id));
        return Reread(tx, id);
      });
  // Two administrators creating the same username at once: the unique index
  // refuses the second.
  if (created.status().code() == absl::StatusCode::kAlreadyExists) return UsernameTaken();
  return created;
}

absl::StatusOr<AccountPage> IdentityStore::ListAccounts(const std::string& company_id,
                                                        const std::string& role, int page_size,
                                                        const std::string& page_token) {
  // The page token is the last row's id and lower-case username, "id|name".
  std::string after_id, after_name;
  if (!page_token.empty()) {
    size_t bar = page_token.find('|');
    if (bar == std::string::npos || !ids::IsUuid(page_token.substr(0, bar))) {
      return absl::InvalidArgumentError("pageToken: not valid");
    }
    after_id = page_token.substr(0, bar);
    after_name = page_token.substr(bar + 1);
  }
  return db::InTransaction<AccountPage>(pool_, [&](pqxx::work& tx) -> absl::StatusOr<AccountPage> {
    pqxx::result rows =
        tx.exec_params(sql::kListAccounts, company_id, role, after_name, after_id, page_size + 1);
    AccountPage page;
    for (int i = 0; i < static_cast<int>(rows.size()) && i < page_size; ++i) {
      page.accounts.push_back(AccountFromRow(rows[i]));
    }
    if (static_cast<int>(rows.size()) > page_size) {
      const pqxx::row& last = rows[page_size - 1];
      page.next_page_token =
          absl::StrCat(last[0].as<std::string>(), "|", last[last.size() - 1].as<std::string>());
    }
    return page;
  });
}

absl::StatusOr<Account> IdentityStore::DisableAccount(const std::string& id) {
  if (!ids::IsUuid(id)) return absl::NotFoundError("account not found");
  return db::InTransaction<Account>(pool_, [&](pqxx::work& tx) -> absl::StatusOr<Account> {
    if (tx.exec_params(sql::kDisableAccount, id).affected_rows() == 0) {
      return absl::NotFoundError("account not found");
    }
    tx.exec_params(sql::kRevokeOtherSessions, id, "");
    tx.exec_params(sql::kInvalidateResets, id);
    HELPDESK_RETURN_IF_ERROR(internal::PublishAccount(tx, id));
    return Reread(tx, id);
  });
}

absl::StatusOr<Account> IdentityStore::ExpirePassword(const std::string& id) {
  if (!ids::IsUuid(id)) return absl::NotFoundError("account not found");
  return db::InTransaction<Account>(pool_, [&](pqxx::work& tx) -> absl::StatusOr<Account> {
    if (tx.exec_params(sql::kExpirePassword, id).affected_rows() == 0) {
      return absl::NotFoundError("account not found");
    }
    tx.exec_params(sql::kRevokeOtherSessions, id, "");
    return Reread(tx, id);
  });
}

}  // namespace helpdesk::identity
