#include "services/gateway/static_files.h"

#include <sys/stat.h>

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
    {".map", "application/json; charset=utf-8"},
};

std::string RealPath(const std::string& path) {
  char resolved[PATH_MAX];
  if (realpath(path.c_str(), resolved) == nullptr) return "";
  return resolved;
}

HttpResponse NotFound() { return ErrorResponse(404, 5, "no such file", ""); }

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

StaticFiles::StaticFiles(std::string root) : root_(RealPath(root)) {
  if (root_.empty()) root_ = std::move(root);
}

HttpResponse StaticFiles::Serve(std::string_view method, std::string_view path) const {
  if (method != "GET" && method != "HEAD") {
    HttpResponse r = ErrorResponse(405, 12, "only GET and HEAD are allowed here", "");
    r.headers.push_back({"Allow", "GET, HEAD"});
    return r;
  }
  std::string relative = PercentDecode(path);
  if (relative.empty() || relative[0] != '/' || relative.find('\0') != std::string::npos ||
      relative.find('\\') != std::string::npos || relative.find("/../") != std::string::npos ||
      (relative.size() >= 3 && relative.compare(relative.size() - 3, 3, "/..") == 0)) {
    return NotFound();
  }
  if (relative.back() == '/') relative += "index.html";
  std::string real = RealPath(root_ + relative);
  struct stat info;
  if (!real.empty() && stat(real.c_str(), &info) == 0 && S_ISDIR(info.st_mode)) {
    real = RealPath(real + "/index.html");
  }
  // The real path must stay inside the root: no escape through a link.
  if (real.empty() || real.compare(0, root_.size() + 1, root_ + "/") != 0 ||
      stat(real.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) {
    return NotFound();
  }
  std::ifstream in(real, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  if (!in) return NotFound();
  HttpResponse response;
  response.headers.push_back({"Content-Type", std::string(ContentTypeFor(real))});
  response.headers.push_back({"X-Content-Type-Options", "nosniff"});
  response.headers.push_back({"Cache-Control", "no-cache"});
  response.body = bytes.str();
  response.head_only = method == "HEAD";
  return response;
}

}  // namespace helpdesk::gateway
