// Unit tests of the portal's static files: caching headers, the
// Content-Security-Policy, the single-page fallback and path traversal.
#include "services/gateway/static_files.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace helpdesk::gateway {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

const std::string* Header(const HttpResponse& r, std::string_view name) {
  for (const HttpHeader& h : r.headers) {
    if (h.name == name) return &h.value;
  }
  return nullptr;
}

std::string HeaderOr(const HttpResponse& r, std::string_view name) {
  const std::string* v = Header(r, name);
  return v ? *v : "<absent>";
}

class StaticFilesUnitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() /
            ("static-files-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(base_);
    root_ = base_ / "web";
    fs::create_directories(root_ / "assets");
    fs::create_directories(root_ / "guide");
    fs::create_directories(root_ / "empty");
    std::ofstream(root_ / "index.html") << "<!doctype html><title>portal</title>";
    std::ofstream(root_ / "assets" / "index-CD6b9iYG.js") << "console.log(1)";
    std::ofstream(root_ / "assets" / "plain.js") << "unhashed";
    std::ofstream(root_ / "guide" / "login.png") << "png";
    std::ofstream(root_ / ".env") << "SECRET=1";
    std::ofstream(base_ / "secret.txt") << "secret";
    fs::create_symlink(base_ / "secret.txt", root_ / "leak.txt");
    fs::create_symlink(base_, root_ / "up");
    files_ = std::make_unique<StaticFiles>(root_.string());
  }
  void TearDown() override { fs::remove_all(base_); }

  fs::path base_, root_;
  std::unique_ptr<StaticFiles> files_;
};

TEST_F(StaticFilesUnitTest, HashedAssetsAreImmutableAndIndexIsRevalidated) {
  HttpResponse asset = files_->Serve("GET", "/assets/index-CD6b9iYG.js");
  EXPECT_EQ(asset.status, 200);
  EXPECT_EQ(asset.body, "console.log(1)");
  EXPECT_EQ(HeaderOr(asset, "Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(HeaderOr(asset, "Content-Type"), "text/javascript; charset=utf-8");

  HttpResponse index = files_->Serve("GET", "/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(HeaderOr(index, "Cache-Control"), "no-cache");
  EXPECT_EQ(HeaderOr(files_->Serve("GET", "/index.html"), "Cache-Control"), "no-cache");
  // Not named by a hash, or not under /assets/: revalidated.
  EXPECT_EQ(HeaderOr(files_->Serve("GET", "/assets/plain.js"), "Cache-Control"), "no-cache");
  EXPECT_EQ(HeaderOr(files_->Serve("GET", "/guide/login.png"), "Cache-Control"), "no-cache");
}

TEST_F(StaticFilesUnitTest, EveryPortalAnswerCarriesTheStrictPolicy) {
  for (std::string_view path : {"/", "/assets/index-CD6b9iYG.js", "/tickets/42", "/missing.css"}) {
    for (std::string_view method : {"GET", "HEAD"}) {
      HttpResponse r = files_->Serve(method, path);
      std::string csp = HeaderOr(r, "Content-Security-Policy");
      EXPECT_THAT(csp, HasSubstr("default-src 'self'")) << method << " " << path;
      EXPECT_THAT(csp, HasSubstr("script-src 'self'"));
      EXPECT_THAT(csp, HasSubstr("frame-ancestors 'none'"));
      EXPECT_THAT(csp, HasSubstr("object-src 'none'"));
      EXPECT_THAT(csp, Not(HasSubstr("unsafe-inline")));
      EXPECT_THAT(csp, Not(HasSubstr("unsafe-eval")));
      EXPECT_EQ(HeaderOr(r, "X-Content-Type-Options"), "nosniff");
      EXPECT_EQ(HeaderOr(r, "X-Frame-Options"), "DENY");
    }
  }
  HttpResponse head = files_->Serve("HEAD", "/");
  EXPECT_TRUE(head.head_only);
}

TEST_F(StaticFilesUnitTest, PortalRoutesFallBackToIndex) {
  HttpResponse route = files_->Serve("GET", "/tickets/0193-abc");
  EXPECT_EQ(route.status, 200);
  EXPECT_THAT(route.body, HasSubstr("<title>portal</title>"));
  EXPECT_EQ(HeaderOr(route, "Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(HeaderOr(route, "Cache-Control"), "no-cache");
  EXPECT_EQ(files_->Serve("GET", "/reset-password").status, 200);
  // Files that are missing stay missing: a stale asset must not become HTML.
  EXPECT_EQ(files_->Serve("GET", "/assets/index-OLDHASH1.js").status, 404);
  EXPECT_EQ(files_->Serve("GET", "/assets/anything").status, 404);
  EXPECT_EQ(files_->Serve("GET", "/missing.css").status, 404);
  EXPECT_EQ(files_->Serve("GET", "/empty/").status, 404);  // a folder without index.html
}

TEST_F(StaticFilesUnitTest, PathTraversalIsRefused) {
  for (std::string_view path : {
           "/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt",
           "/assets/%2E%2E/%2e%2e/secret.txt", "/..%2fsecret.txt", "/..", "/assets/..",
           "/..\\secret.txt", "/%5c..%5csecret.txt", "/index.html%00.png", "/.env", "/%2eenv",
           "/assets/./index-CD6b9iYG.js",
           "/leak.txt",       // a link out of the root
           "/up/secret.txt",  // a folder link out of the root
       }) {
    HttpResponse r = files_->Serve("GET", path);
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_THAT(r.body, Not(HasSubstr("secret"))) << path;
    EXPECT_THAT(r.body, Not(HasSubstr("SECRET"))) << path;
  }
  // No traversal path falls back to index.html either.
  EXPECT_EQ(files_->Serve("GET", "/../tickets").status, 404);
  EXPECT_EQ(files_->Serve("GET", "relative").status, 404);
}

TEST_F(StaticFilesUnitTest, OnlyGetAndHead) {
  HttpResponse post = files_->Serve("POST", "/index.html");
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(HeaderOr(post, "Allow"), "GET, HEAD");
}

TEST(IsHashedAssetTest, RecognisesViteNames) {
  EXPECT_TRUE(IsHashedAsset("/assets/index-CD6b9iYG.js"));
  EXPECT_TRUE(IsHashedAsset("/assets/index-BcJhJsZl.css"));
  EXPECT_TRUE(IsHashedAsset("/assets/logo-a_b-C1d2E3f4.svg"));
  EXPECT_TRUE(IsHashedAsset("/assets/index-p7GMs-Rv.js"));  // '-' inside the hash
  EXPECT_TRUE(IsHashedAsset("/assets/index-_aB3-x9Z.css"));
  EXPECT_FALSE(IsHashedAsset("/assets/index.js"));
  EXPECT_FALSE(IsHashedAsset("/assets/index-abc.js"));
  EXPECT_FALSE(IsHashedAsset("/assets/-CD6b9iYG.js"));
  EXPECT_FALSE(IsHashedAsset("/assets/index-CD6b9i.G.js"));
  EXPECT_FALSE(IsHashedAsset("/index-CD6b9iYG.js"));
  EXPECT_FALSE(IsHashedAsset("/assets/sub/index-CD6b9iYG.js"));
}

}  // namespace
}  // namespace helpdesk::gateway
