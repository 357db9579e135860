// The portal's session cookie and CSRF defence (docs/gateway.md), over real
// HTTP through the gateway to the identity and ticket services.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/e2e/api_flows.h"
#include "tests/support/stack.h"

namespace helpdesk {
namespace {

using common::v1::Person;
using testing::ApiFlows;
using ::testing::HasSubstr;
using testing::HttpResponse;
using ::testing::MatchesRegex;
using ::testing::Not;
using testing::TestStack;
using ::testing::UnorderedElementsAre;
using json = nlohmann::json;

constexpr char kVat[] = "12345678903";

// The cookies a browser would keep: name → value, from Set-Cookie headers.
class CookieJar {
 public:
  void Take(const HttpResponse& r) {
    auto [begin, end] = r.headers.equal_range("set-cookie");
    for (auto it = begin; it != end; ++it) {
      const std::string& line = it->second;
      std::string pair = line.substr(0, line.find(';'));
      std::string name = pair.substr(0, pair.find('='));
      std::string value = pair.substr(pair.find('=') + 1);
      if (line.find("Max-Age=0") != std::string::npos) {
        cookies_.erase(name);
      } else {
        cookies_[name] = value;
      }
    }
  }
  std::string Header() const {
    std::string header;
    for (const auto& [name, value] : cookies_) {
      header += (header.empty() ? "" : "; ") + name + "=" + value;
    }
    return header;
  }
  std::string Get(const std::string& name) const {
    auto it = cookies_.find(name);
    return it == cookies_.end() ? "" : it->second;
  }
  size_t size() const { return cookies_.size(); }

 private:
  std::map<std::string, std::string> cookies_;
};

std::vector<std::string> SetCookies(const HttpResponse& r) {
  std::vector<std::string> lines;
  auto [begin, end] = r.headers.equal_range("set-cookie");
  for (auto it = begin; it != end; ++it) lines.push_back(it->second);
  return lines;
}

class PortalSession : public ::testing::Test {
 protected:
  void SetUp() override {
    // The test client is the trusted proxy, so X-Forwarded-Proto counts.
    ASSERT_TRUE(stack_
                    .Start({"identity", "ticket", "gateway"},
                           {{"HELPDESK_ADMIN_PASSWORD", testing::kAdminPassword},
                            {"HELPDESK_TRUSTED_PROXIES", "127.0.0.1"}})
                    .ok());
    api_ = std::make_unique<ApiFlows>(stack_.http_base());
    api_->CreateCompany(api_->AdminToken(), "Demo S.r.l.", kVat);
  }

  // A request of the portal's scripts: the jar's cookies, X-Helpdesk-Client,
  // and the CSRF header copied from the readable hd_csrf cookie.
  HttpResponse Portal(const std::string& method, const std::string& path, const CookieJar& jar,
                      const std::string& body = "", bool csrf = true) {
    std::map<std::string, std::string> headers = {{"X-Helpdesk-Client", "portal"}};
    if (jar.size() > 0) headers["Cookie"] = jar.Header();
    if (csrf && !jar.Get("hd_csrf").empty()) headers["X-CSRF-Token"] = jar.Get("hd_csrf");
    return api_->Call(method, path, "", body, headers);
  }

  TestStack stack_;
  std::unique_ptr<ApiFlows> api_;
};

TEST_F(PortalSession, LoginSetsTheCookiesAndKeepsTheTokensFromPageScripts) {
  CookieJar jar;
  HttpResponse login =
      Portal("POST", "/v1/auth/login", jar, json{{"username", kVat}, {"password", kVat}}.dump());
  ASSERT_EQ(login.status, 200) << login.body;
  EXPECT_EQ(ApiFlows::Parse(login), (json{{"expiresIn", 900}, {"mustChangePassword", true}}));
  std::vector<std::string> cookies = SetCookies(login);
  ASSERT_EQ(cookies.size(), 3u);
  EXPECT_THAT(cookies[0], MatchesRegex("hd_session=v1\\.[^;]+; Path=/; HttpOnly; SameSite=Strict"));
  EXPECT_THAT(
      cookies[1],
      MatchesRegex("hd_refresh=[A-Za-z0-9_-]{43}; Path=/v1/auth; HttpOnly; SameSite=Strict"));
  EXPECT_THAT(cookies[2], MatchesRegex("hd_csrf=[A-Za-z0-9_-]{43}; Path=/; SameSite=Strict"));
  jar.Take(login);

  // An API client signing in gets the tokens in the body and no cookie.
  HttpResponse api =
      api_->Call("POST", "/v1/auth/login", "", json{{"username", kVat}, {"password", kVat}}.dump());
  ASSERT_EQ(api.status, 200);
  EXPECT_TRUE(ApiFlows::Parse(api).contains("accessToken"));
  EXPECT_TRUE(SetCookies(api).empty());

  // The manual's first access, by cookie alone.
  HttpResponse me = Portal("GET", "/v1/me", jar, "", /*csrf=*/false);
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(ApiFlows::Parse(me)["mustChangePassword"], true);
  HttpResponse changed =
      Portal("POST", "/v1/auth/password:change", jar,
             json{{"currentPassword", kVat}, {"newPassword", "Demo-Nuova-2026"}}.dump());
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_FALSE(ApiFlows::Parse(changed).contains("accessToken"));
  std::string old_csrf = jar.Get("hd_csrf");
  jar.Take(changed);
  EXPECT_NE(jar.Get("hd_csrf"), old_csrf);

  HttpResponse email =
      Portal("PUT", "/v1/me/notification-email", jar, json{{"email", "it@demo.example"}}.dump());
  ASSERT_EQ(email.status, 200) << email.body;
  HttpResponse ticket = Portal("POST", "/v1/tickets", jar,
                               json{{"subject", "Stampa bloccata"},
                                    {"priority", "HIGH"},
                                    {"scope", "HYPERGEST"},
                                    {"topic", "HYPERGEST.IVA"},
                                    {"note", "Si blocca al 50%."}}
                                   .dump());
  ASSERT_EQ(ticket.status, 200) << ticket.body;
  EXPECT_EQ(ApiFlows::Parse(ticket)["companyName"], "Demo S.r.l.");
}

TEST_F(PortalSession, StateChangingRequestsWithoutTheCsrfHeaderAreRefused) {
  CookieJar jar;
  jar.Take(
      Portal("POST", "/v1/auth/login", jar, json{{"username", kVat}, {"password", kVat}}.dump()));
  ASSERT_EQ(jar.size(), 3u);
  const std::string change =
      json{{"currentPassword", kVat}, {"newPassword", "Demo-Nuova-2026"}}.dump();

  HttpResponse missing = Portal("POST", "/v1/auth/password:change", jar, change, /*csrf=*/false);
  EXPECT_EQ(missing.status, 403);
  EXPECT_EQ(ApiFlows::Parse(missing),
            (json{{"code", 7},
                  {"message", "csrf: missing or wrong X-CSRF-Token header"},
                  {"details", json::array()}}));
  HttpResponse wrong =
      api_->Call("POST", "/v1/auth/password:change", "", change,
                 {{"Cookie", jar.Header()}, {"X-CSRF-Token", jar.Get("hd_csrf") + "x"}});
  EXPECT_EQ(wrong.status, 403);

  // Nothing changed: the first password still signs in.
  EXPECT_EQ(
      api_->Call("POST", "/v1/auth/login", "", json{{"username", kVat}, {"password", kVat}}.dump())
          .status,
      200);
  // A bearer token ignores the cookies, and needs no CSRF header.
  std::string token = api_->Login(kVat, kVat);
  HttpResponse bearer =
      api_->Call("POST", "/v1/auth/password:change", token, change, {{"Cookie", jar.Header()}});
  EXPECT_EQ(bearer.status, 200) << bearer.body;
}

TEST_F(PortalSession, RefreshTakesTheRefreshCookieAndRotatesIt) {
  CookieJar jar;
  jar.Take(
      Portal("POST", "/v1/auth/login", jar, json{{"username", kVat}, {"password", kVat}}.dump()));
  std::string first_refresh = jar.Get("hd_refresh");
  std::string first_session = jar.Get("hd_session");

  HttpResponse refreshed = Portal("POST", "/v1/auth/refresh", jar);
  ASSERT_EQ(refreshed.status, 200) << refreshed.body;
  EXPECT_EQ(ApiFlows::Parse(refreshed), (json{{"expiresIn", 900}, {"mustChangePassword", true}}));
  jar.Take(refreshed);
  EXPECT_NE(jar.Get("hd_refresh"), first_refresh);
  EXPECT_NE(jar.Get("hd_session"), "");
  EXPECT_EQ(Portal("GET", "/v1/me", jar).status, 200);

  // The rotated token is dead: presenting it again ends every session.
  HttpResponse reused =
      api_->Call("POST", "/v1/auth/refresh", "", json{{"refreshToken", first_refresh}}.dump());
  EXPECT_EQ(reused.status, 401);
}

TEST_F(PortalSession, LogoutClearsTheCookiesAndEndsTheSession) {
  CookieJar jar;
  jar.Take(
      Portal("POST", "/v1/auth/login", jar, json{{"username", kVat}, {"password", kVat}}.dump()));
  std::string refresh = jar.Get("hd_refresh");
  HttpResponse out = Portal("POST", "/v1/auth/logout", jar);
  ASSERT_EQ(out.status, 200) << out.body;
  EXPECT_THAT(
      SetCookies(out),
      UnorderedElementsAre("hd_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0",
                           "hd_refresh=; Path=/v1/auth; HttpOnly; SameSite=Strict; Max-Age=0",
                           "hd_csrf=; Path=/; SameSite=Strict; Max-Age=0"));
  jar.Take(out);
  EXPECT_EQ(jar.size(), 0u);
  EXPECT_EQ(
      api_->Call("POST", "/v1/auth/refresh", "", json{{"refreshToken", refresh}}.dump()).status,
      401);
}

TEST_F(PortalSession, LogoutWithAnExpiredAccessCookieEndsTheSessionByItsRefreshCookie) {
  CookieJar jar;
  jar.Take(
      Portal("POST", "/v1/auth/login", jar, json{{"username", kVat}, {"password", kVat}}.dump()));
  std::string refresh = jar.Get("hd_refresh");
  std::string expired = stack_.MintToken(Person::CUSTOMER, "someone", "company", "Demo",
                                         /*password_expired=*/false, absl::Minutes(-1));
  std::map<std::string, std::string> headers = {
      {"X-Helpdesk-Client", "portal"},
      {"Cookie", "hd_session=" + expired + "; hd_refresh=" + refresh + "; hd_csrf=c"},
      {"X-CSRF-Token", "c"}};
  HttpResponse out = api_->Call("POST", "/v1/auth/logout", "", "", headers);
  ASSERT_EQ(out.status, 200) << out.body;
  EXPECT_EQ(SetCookies(out).size(), 3u);
  EXPECT_EQ(
      api_->Call("POST", "/v1/auth/refresh", "", json{{"refreshToken", refresh}}.dump()).status,
      401);

  // Nothing left to end: 401, and the cookies are cleared all the same.
  HttpResponse again = api_->Call("POST", "/v1/auth/logout", "", "", headers);
  EXPECT_EQ(again.status, 401) << again.body;
  EXPECT_EQ(SetCookies(again).size(), 3u);
}

TEST_F(PortalSession, CookiesAreSecureWhenATrustedProxySaysHttps) {
  CookieJar jar;
  HttpResponse login =
      api_->Call("POST", "/v1/auth/login", "", json{{"username", kVat}, {"password", kVat}}.dump(),
                 {{"X-Helpdesk-Client", "portal"}, {"X-Forwarded-Proto", "https"}});
  ASSERT_EQ(login.status, 200) << login.body;
  std::vector<std::string> cookies = SetCookies(login);
  ASSERT_EQ(cookies.size(), 3u);
  for (const std::string& cookie : cookies) EXPECT_THAT(cookie, HasSubstr("; Secure"));

  HttpResponse plain =
      api_->Call("POST", "/v1/auth/login", "", json{{"username", kVat}, {"password", kVat}}.dump(),
                 {{"X-Helpdesk-Client", "portal"}});
  for (const std::string& cookie : SetCookies(plain)) {
    EXPECT_THAT(cookie, Not(HasSubstr("Secure")));
  }
}

TEST_F(PortalSession, StaleSessionCookieDoesNotStopANewSignIn) {
  // First access: the cookie's token says the password expired; signing in
  // again (a PUBLIC RPC) must still work.
  CookieJar jar;
  jar.Take(
      Portal("POST", "/v1/auth/login", jar, json{{"username", kVat}, {"password", kVat}}.dump()));
  HttpResponse again =
      Portal("POST", "/v1/auth/login", jar, json{{"username", kVat}, {"password", kVat}}.dump());
  EXPECT_EQ(again.status, 200) << again.body;
  HttpResponse forgot =
      Portal("POST", "/v1/auth/password:forgot", jar, json{{"username", kVat}}.dump());
  EXPECT_EQ(forgot.status, 200) << forgot.body;
}

}  // namespace
}  // namespace helpdesk
