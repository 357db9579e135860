#include "services/gateway/static_files.h"

#include <sys/stat.h>

#include <cctype>
#include <climits>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "services/gateway/path_template.h"
#include "services/gateway/transcoder.h"

namespace helpdesk::gateway {
namespace {

constexpr std::pair<std::string_view, std::string_view> kTypes[] = {
    {".html", "text/html; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".json", "application/json; charset=utf-8"},
    {".webmanifest", "application/manifest+json"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".jpg", "image/jpeg"},
    {".jpeg", "image/jpeg"},
    {".gif", "image/gif"},
    {".ico", "image/x-icon"},
    {".webp", "image/webp"},
    {".woff", "font/woff"},
    {".woff2", "font/woff2"},
    {".txt", "text/plain; charset=utf-8"},
    {".pdf", "application/pdf"},
    {".map", "application/json; charset=utf-8"},
};

constexpr std::string_view kAssetsPrefix = "/assets/";

std::string RealPath(const std::string& path) {
  char resolved[PATH_MAX];
  if (realpath(path.c_str(), resolved) == nullptr) return "";
  return resolved;
}

// Headers on every answer for a portal path, the 404s included.
void AddPortalHeaders(HttpResponse& response) {
  response.headers.push_back(
      {"Content-Security-Policy", std::string(kPortalContentSecurityPolicy)});
  response.headers.push_back({"X-Frame-Options", "DENY"});
  response.headers.push_back({"Referrer-Policy", "same-origin"});
  bool has_nosniff = false;
  for (const HttpHeader& h : response.headers) {
    if (h.name == "X-Content-Type-Options") has_nosniff = true;
  }
  if (!has_nosniff) response.headers.push_back({"X-Content-Type-Options", "nosniff"});
}

HttpResponse NotFound() {
  HttpResponse response = ErrorResponse(404, 5, "no such file", "");
  AddPortalHeaders(response);
  return response;
}

// A decoded path is refused when it could climb out of the root or reach a
// hidden file: "..", any segment starting with ".", a backslash, a NUL.
bool IsRefused(const std::string& relative) {
  if (relative.empty() || relative[0] != '/') return true;
  if (relative.find('\0') != std::string::npos || relative.find('\\') != std::string::npos) {
    return true;
  }
  return relative.find("/.") != std::string::npos;
}

// "/tickets/42" is a portal route; "/missing.css", "/app/" and anything under
// /assets/ are not.
bool IsPortalRoute(std::string_view path) {
  if (path.substr(0, kAssetsPrefix.size()) == kAssetsPrefix) return false;
  size_t slash = path.rfind('/');
  std::string_view last = path.substr(slash + 1);
  return !last.empty() && last.find('.') == std::string_view::npos;
}

}  // namespace

std::string_view ContentTypeFor(std::string_view filename) {
  size_t dot = filename.rfind('.');
  if (dot != std::string_view::npos) {
    std::string ext(filename.substr(dot));
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const auto& [suffix, type] : kTypes) {
      if (ext == suffix) return type;
    }
  }
  return "application/octet-stream";
}

bool IsHashedAsset(std::string_view path) {
  if (path.substr(0, kAssetsPrefix.size()) != kAssetsPrefix) return false;
  std::string_view name = path.substr(kAssetsPrefix.size());
  if (name.find('/') != std::string_view::npos) return false;
  // Vite names them <name>-<hash>.<ext>, the hash 8 base64url characters
  // (which may themselves hold '-' or '_').
  constexpr size_t kHashSize = 8;
  size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot < kHashSize + 2 || name[dot - kHashSize - 1] != '-') {
    return false;
  }
  std::string_view hash = name.substr(dot - kHashSize, kHashSize);
  for (char c : hash) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') return false;
  }
  return true;
}

StaticFiles::StaticFiles(std::string root) : root_(RealPath(root)) {
  if (root_.empty()) root_ = std::move(root);
}

std::string StaticFiles::Resolve(const std::string& relative) const {
  std::string real = RealPath(root_ + relative);
  struct stat info;
  if (!real.empty() && stat(real.c_str(), &info) == 0 && S_ISDIR(info.st_mode)) {
    real = RealPath(real + "/index.html");
  }
  // The real path must stay inside the root: no escape through a link.
  if (real.empty() || real.compare(0, root_.size() + 1, root_ + "/") != 0 ||
      stat(real.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) {
    return "";
  }
  return real;
}

HttpResponse StaticFiles::Serve(std::string_view method, std::string_view path) const {
  if (method != "GET" && method != "HEAD") {
    HttpResponse r = ErrorResponse(405, 12, "only GET and HEAD are allowed here", "");
    r.headers.push_back({"Allow", "GET, HEAD"});
    return r;
  }
  std::string relative = PercentDecode(path);
  if (IsRefused(relative)) return NotFound();
  if (relative.back() == '/') relative += "index.html";
  std::string real = Resolve(relative);
  bool immutable = !real.empty() && IsHashedAsset(relative);
  if (real.empty() && IsPortalRoute(relative)) real = Resolve("/index.html");
  if (real.empty()) return NotFound();

  std::ifstream in(real, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  if (!in) return NotFound();
  HttpResponse response;
  response.headers.push_back({"Content-Type", std::string(ContentTypeFor(real))});
  response.headers.push_back({"X-Content-Type-Options", "nosniff"});
  response.headers.push_back(
      {"Cache-Control", immutable ? std::string(kImmutableCacheControl) : "no-cache"});
  AddPortalHeaders(response);
  response.body = bytes.str();
  response.head_only = method == "HEAD";
  return response;
}

}  // namespace helpdesk::gateway
