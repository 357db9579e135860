// The gateway's static file server for the web portal
// (services/gateway/static_files.h): how a request path is decoded, refused
// ("..", hidden files, NUL, backslash) and resolved under the root.
//
// Invariants: whatever the path, a 200 serves one of the root's own public
// files (never a hidden one, never one outside the root, directly or
// through a symbolic link); any other answer is 404, or 405 for methods
// other than GET and HEAD; HEAD answers have no body to send.
//
// Input: one byte choosing the method, then the request path (no query).
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <string_view>

#include "services/gateway/static_files.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

namespace fs = std::filesystem;

constexpr const char* kMethods[] = {"GET", "HEAD", "POST", "get"};

struct Site {
  fs::path base;                       // holds the root and what lies beside it
  std::set<std::string> public_files;  // the contents that may be served
  helpdesk::gateway::StaticFiles* files = nullptr;
};

void Write(const fs::path& path, const std::string& content) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

Site& TheSite() {
  static Site* site = [] {
    auto* s = new Site;
    std::string dir = (fs::temp_directory_path() / "helpdesk-fuzz-static-XXXXXX").string();
    if (mkdtemp(dir.data()) == nullptr) std::abort();
    s->base = dir;
    fs::path root = s->base / "www";
    for (const auto& [name, content] :
         {std::pair<std::string, std::string>{"index.html", "public index"},
          {"assets/index-AbCd_-12.js", "public asset"},
          {"app/index.html", "public app index"},
          {"favicon.ico", "public icon"},
          {"a b%.txt", "public odd name"}}) {
      Write(root / name, content);
      s->public_files.insert(content);
    }
    Write(root / ".env", "SECRET hidden file");
    Write(root / "assets/.map/x.js", "SECRET hidden folder");
    Write(s->base / "www-secret/key.txt", "SECRET beside the root");
    Write(s->base / "outside.txt", "SECRET above the root");
    fs::create_directory_symlink(s->base / "www-secret", root / "linked");
    fs::create_symlink(s->base / "outside.txt", root / "outside.txt");
    s->files = new helpdesk::gateway::StaticFiles(root.string());
    std::atexit([] { fs::remove_all(TheSite().base); });
    return s;
  }();
  return *site;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  TheSite();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace helpdesk;
  std::string_view input = fuzz::AsText(data, size);
  std::string_view method = kMethods[fuzz::TakeByte(input) % std::size(kMethods)];
  std::string_view path = input;

  Site& site = TheSite();
  gateway::HttpResponse response = site.files->Serve(method, path);
  if (method != "GET" && method != "HEAD") {
    FUZZ_CHECK(response.status == 405);
    return 0;
  }
  FUZZ_CHECK(response.status == 200 || response.status == 404);
  if (response.status == 200) {
    FUZZ_CHECK(site.public_files.count(response.body) == 1);
    FUZZ_CHECK(response.head_only == (method == "HEAD"));
  } else {
    FUZZ_CHECK(response.body.find("SECRET") == std::string::npos);
  }
  (void)gateway::ContentTypeFor(path);
  (void)gateway::IsHashedAsset(path);
  return 0;
}
