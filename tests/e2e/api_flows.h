// Helpers of the HTTP end-to-end tests of identity and access: JSON calls
// through the gateway, and the flows that set up companies and accounts the
// way users do (an administrator signs in, creates a company, the company
// goes through its first access).
//
//   ApiFlows api(stack.http_base());
//   std::string admin = api.AdminToken();
//   std::string company_id = api.CreateCompany(admin, "Uno S.r.l.", "12345678903");
//   std::string token = api.FirstAccess("12345678903", "Nuova-Password-1", "it@uno.example");
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/support/http_client.h"

namespace helpdesk::testing {

inline constexpr char kAdminPassword[] = "Admin-Password-1";

// An Italian VAT number: `first_ten` digits and their check digit.
inline std::string VatNumber(const std::string& first_ten) {
  int sum = 0;
  for (size_t i = 0; i < 10; ++i) {
    int digit = first_ten[i] - '0';
    if (i % 2 == 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return first_ten + std::to_string((10 - sum % 10) % 10);
}

class ApiFlows {
 public:
  using json = nlohmann::json;

  explicit ApiFlows(std::string base) : base_(std::move(base)) {}

  HttpResponse Call(const std::string& method, const std::string& path, const std::string& token,
                    const std::string& body = "",
                    std::map<std::string, std::string> headers = {}) const {
    if (!token.empty()) headers["Authorization"] = "Bearer " + token;
    return Http(method, base_ + path, body, headers);
  }

  static json Parse(const HttpResponse& r) {
    json body = json::parse(r.body, nullptr, false);
    EXPECT_FALSE(body.is_discarded()) << r.status << " " << r.body;
    return body;
  }

  // A field of a 200 answer's JSON body ("" and a test failure otherwise).
  static std::string Field(const HttpResponse& r, const std::string& name) {
    EXPECT_EQ(r.status, 200) << r.body;
    json body = Parse(r);
    if (!body.is_object() || !body.contains(name) || !body[name].is_string()) {
      ADD_FAILURE() << "no string field " << name << " in " << r.body;
      return "";
    }
    return body[name].get<std::string>();
  }

  std::string Login(const std::string& username, const std::string& password) const {
    json body = {{"username", username}, {"password", password}};
    return Field(Call("POST", "/v1/auth/login", "", body.dump()), "accessToken");
  }

  // The stack's identity must run with HELPDESK_ADMIN_PASSWORD=kAdminPassword.
  std::string AdminToken() const { return Login("admin", kAdminPassword); }

  std::string CreateCompany(const std::string& admin, const std::string& name,
                            const std::string& vat) const {
    json body = {{"name", name}, {"vatNumber", vat}};
    return Field(Call("POST", "/v1/companies", admin, body.dump()), "id");
  }

  // Signs in with a first (expired) password, changes it, and returns the
  // new access token.
  std::string ChangeFirstPassword(const std::string& username, const std::string& first_password,
                                  const std::string& new_password) const {
    std::string expired = Login(username, first_password);
    json change = {{"currentPassword", first_password}, {"newPassword", new_password}};
    return Field(Call("POST", "/v1/auth/password:change", expired, change.dump()), "accessToken");
  }

  // The manual's first access of a company's portal account: VAT number as
  // username and password, a new password, the notification e-mail.
  std::string FirstAccess(const std::string& vat, const std::string& new_password,
                          const std::string& email) const {
    std::string token = ChangeFirstPassword(vat, vat, new_password);
    json body = {{"email", email}};
    HttpResponse set = Call("PUT", "/v1/me/notification-email", token, body.dump());
    EXPECT_EQ(set.status, 200) << set.body;
    return token;
  }

  // An account made by the administrator (POST /v1/accounts); its id.
  std::string CreateAccount(const std::string& admin, const json& account) const {
    return Field(Call("POST", "/v1/accounts", admin, account.dump()), "id");
  }

  std::string CreateTicket(const std::string& token, const std::string& subject) const {
    json body = {{"subject", subject},
                 {"priority", "HIGH"},
                 {"scope", "HYPERGEST"},
                 {"topic", "HYPERGEST.IVA"},
                 {"note", "La stampa si blocca."}};
    return Field(Call("POST", "/v1/tickets", token, body.dump()), "id");
  }

  const std::string& base() const { return base_; }

 private:
  std::string base_;
};

}  // namespace helpdesk::testing
