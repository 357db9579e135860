// Attachments end to end (SPEC §2, §7): uploads through the gateway as
// multipart/form-data, validation of real and hostile files, downloads with
// their headers, tenant isolation, linking to messages, the images zip, the
// memory of a 20 MiB round trip, and an abandoned upload.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/attachment/testing/sample_files.h"
#include "tests/support/http_client.h"
#include "tests/support/stack.h"
#include "tests/support/wait.h"

namespace helpdesk {
namespace {

using common::v1::Person;
using json = nlohmann::json;
using testing::Http;
using testing::HttpResponse;
using testing::TestStack;
namespace samples = attachment::testing;

constexpr char kBoundary[] = "----helpdeskBoundary7MA4YWxkTrZu0gW";

class Attachments : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(stack_.Start({"attachment", "ticket", "gateway"}).ok());
    base_ = stack_.http_base();
    pqxx::connection conn(stack_.DatabaseUrl());
    pqxx::nontransaction(conn).exec(
        "INSERT INTO ticket.companies (id, name, active, notification_email_set) "
        "VALUES ('co-1', 'Uno S.r.l.', true, true), ('co-2', 'Due S.p.A.', true, true)");
    alice_ = stack_.MintToken(Person::CUSTOMER, "alice", "co-1", "Alice");
    anna_ = stack_.MintToken(Person::CUSTOMER, "anna", "co-1", "Anna");
    bruno_ = stack_.MintToken(Person::CUSTOMER, "bruno", "co-2", "Bruno");
    staff_ = stack_.MintToken(Person::CONSULTANT, "carla", "", "Carla");
  }

  HttpResponse Upload(const std::string& token, const std::string& filename,
                      const std::string& content, const std::string& field = "file") {
    return Http("POST", base_ + "/v1/attachments",
                samples::MultipartBody(kBoundary, field, filename, content),
                {{"Authorization", "Bearer " + token},
                 {"Content-Type", absl::StrCat("multipart/form-data; boundary=", kBoundary)}});
  }

  // The id of a successful upload.
  std::string UploadOk(const std::string& token, const std::string& filename,
                       const std::string& content) {
    HttpResponse r = Upload(token, filename, content);
    EXPECT_EQ(r.status, 200) << filename << ": " << r.body;
    return json::parse(r.body, nullptr, false).value("id", "");
  }

  HttpResponse Get(const std::string& path, const std::string& token) {
    return Http("GET", base_ + path, "", {{"Authorization", "Bearer " + token}});
  }

  HttpResponse Post(const std::string& path, const std::string& token, const json& body) {
    return Http("POST", base_ + path, body.dump(), {{"Authorization", "Bearer " + token}});
  }

  int64_t Count(const std::string& sql) {
    pqxx::connection conn(stack_.DatabaseUrl());
    pqxx::nontransaction tx(conn);
    return tx.exec(sql)[0][0].as<int64_t>();
  }

  std::string CreateTicket(const std::string& token, const json& extra = json::object()) {
    json body = {{"subject", "Stampa bloccata"},
                 {"scope", "HYPERGEST"},
                 {"topic", "HYPERGEST.IVA"},
                 {"note", "Vedi allegati"}};
    body.update(extra);
    HttpResponse r = Post("/v1/tickets", token, body);
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body, nullptr, false).value("id", "");
  }

  TestStack stack_;
  std::string base_;
  std::string alice_, anna_, bruno_, staff_;
};

TEST_F(Attachments, RealFilesOfEveryKindRoundTrip) {
  struct Case {
    std::string name;
    std::string content;
    std::string content_type;
    std::string kind;
  };
  std::vector<Case> cases = {
      {"schermata.png", samples::Png(40, 30, 1), "image/png", "IMAGE"},
      {"foto.jpg", samples::Jpeg(40, 30, 2), "image/jpeg", "IMAGE"},
      {"fattura.pdf", samples::Pdf("fattura 221"), "application/pdf", "FILE"},
      {"lettera.docx", samples::Docx(),
       "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "FILE"},
      {"conti.xlsx", samples::Xlsx(),
       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "FILE"},
      {"righe.csv", samples::Csv(10), "text/csv", "FILE"},
      {"archivio.zip", samples::Zip({{"a.txt", "a"}, {"b.txt", "b"}}), "application/zip", "FILE"},
  };
  for (const Case& c : cases) {
    HttpResponse r = Upload(alice_, c.name, c.content);
    ASSERT_EQ(r.status, 200) << c.name << ": " << r.body;
    json a = json::parse(r.body);
    EXPECT_EQ(a["filename"], c.name);
    EXPECT_EQ(a["contentType"], c.content_type);
    EXPECT_EQ(a["kind"], c.kind);
    EXPECT_EQ(a["size"], c.content.size()) << a.dump();
    EXPECT_EQ(a["sha256"].get<std::string>().size(), 64u);
    EXPECT_GE(a["id"].get<std::string>().size(), 22u);  // ≥ 128 random bits

    HttpResponse d = Get("/v1/attachments/" + a["id"].get<std::string>(), alice_);
    ASSERT_EQ(d.status, 200) << d.body;
    EXPECT_EQ(d.body, c.content) << c.name;
    EXPECT_EQ(d.Header("content-type"), c.content_type);
    EXPECT_EQ(d.Header("x-content-type-options"), "nosniff");
    EXPECT_EQ(d.Header("etag"), absl::StrCat("\"", a["sha256"].get<std::string>(), "\""));
    EXPECT_EQ(d.Header("content-disposition"),
              absl::StrCat("attachment; filename=\"", c.name, "\"; filename*=UTF-8''", c.name));
  }
}

TEST_F(Attachments, InlineOnlyForImagesAndUnicodeNamesKept) {
  std::string png = UploadOk(alice_, "schermata è.png", samples::Png());
  HttpResponse d = Get("/v1/attachments/" + png + "?inline=true", alice_);
  ASSERT_EQ(d.status, 200);
  EXPECT_EQ(d.Header("content-disposition"),
            "inline; filename=\"schermata __.png\"; filename*=UTF-8''schermata%20%C3%A8.png");
  std::string pdf = UploadOk(alice_, "a.pdf", samples::Pdf());
  d = Get("/v1/attachments/" + pdf + "?inline=true", alice_);
  EXPECT_EQ(d.Header("content-disposition").rfind("attachment;", 0), 0u);
}

TEST_F(Attachments, HostileUploadsAreRefusedSayingWhy) {
  struct Case {
    std::string name;
    std::string content;
    std::string message;
  };
  std::vector<Case> cases = {
      {"x.png", "<!DOCTYPE html><html><script>alert(1)</script></html>",
       "file: content is HTML, not png"},
      {"x.pdf", samples::Executable(), "file: content is an executable, not pdf"},
      {"x.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
       "file: .svg is not allowed; allowed: png, jpg, jpeg, pdf, doc, xls, docx, xlsx, csv, zip"},
      {"x.png", samples::Png() + samples::Zip({{"evil.html", "<script>1</script>"}}),
       "file: content continues after the png image ends"},
      {"x.pdf", "", "file: is empty"},
      {"../../etc/x.png", samples::Png(), "file: the name holds a path separator"},
      {"a\\b.png", samples::Png(), "file: the name holds a path separator"},
      {"a\x01.png", samples::Png(), "file: the name holds a control character"},
      {"big.png", std::string(10 * 1024 * 1024 + 1, 'x'),
       "file: larger than the limit of 10 MiB for images"},
  };
  for (const Case& c : cases) {
    HttpResponse r = Upload(alice_, c.name, c.content);
    EXPECT_EQ(r.status, 400) << c.name << ": " << r.body;
    json body = json::parse(r.body, nullptr, false);
    EXPECT_EQ(body.value("code", 0), 3) << r.body;
    EXPECT_EQ(body.value("message", ""), c.message) << c.name;
  }
  // An over-limit file of another kind (25 MiB), and no file at all.
  HttpResponse big = Upload(alice_, "big.zip", std::string(25 * 1024 * 1024 + 1, 'x'));
  EXPECT_EQ(big.status, 400) << big.body;
  EXPECT_NE(big.body.find("larger than the limit of 25 MiB for files"), std::string::npos);
  HttpResponse none = Upload(alice_, "a.png", samples::Png(), "other");
  EXPECT_EQ(json::parse(none.body).value("message", ""),
            "file: is required (a form field named file)");
  HttpResponse json_body = Post("/v1/attachments", alice_, json::object());
  EXPECT_EQ(json_body.status, 400);
  EXPECT_EQ(Count("SELECT count(*) FROM attachment.attachments"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM attachment.content_chunks"), 0);
}

TEST_F(Attachments, IdenticalContentIsStoredOnce) {
  std::string content = samples::Pdf("same");
  std::string a = UploadOk(alice_, "a.pdf", content);
  std::string b = UploadOk(bruno_, "b.pdf", content);
  EXPECT_NE(a, b);
  EXPECT_EQ(Count("SELECT count(*) FROM attachment.attachments"), 2);
  EXPECT_EQ(Count("SELECT count(*) FROM attachment.contents"), 1);
  EXPECT_EQ(Get("/v1/attachments/" + b, bruno_).body, content);
}

TEST_F(Attachments, OnlyWhoMaySeeTheTicketDownloads) {
  std::string mine = UploadOk(alice_, "a.png", samples::Png());
  // Unlinked: only the uploader, even within the company.
  EXPECT_EQ(Get("/v1/attachments/" + mine, alice_).status, 200);
  EXPECT_EQ(Get("/v1/attachments/" + mine, anna_).status, 404);
  EXPECT_EQ(Get("/v1/attachments/" + mine, bruno_).status, 404);
  EXPECT_EQ(Get("/v1/attachments/" + mine, staff_).status, 404);
  EXPECT_EQ(Get("/v1/attachments/does-not-exist", alice_).status, 404);
  EXPECT_EQ(Get("/v1/attachments/" + mine, "").status, 401);

  std::string ticket = CreateTicket(alice_, {{"imageIds", {mine}}});
  ASSERT_FALSE(ticket.empty());
  // Linked: the ticket's company and staff; another company gets 404 as if
  // it did not exist.
  EXPECT_EQ(Get("/v1/attachments/" + mine, anna_).status, 200);
  EXPECT_EQ(Get("/v1/attachments/" + mine, staff_).status, 200);
  HttpResponse other = Get("/v1/attachments/" + mine, bruno_);
  EXPECT_EQ(other.status, 404);
  HttpResponse missing = Get("/v1/attachments/AAAAAAAAAAAAAAAAAAAAAA", bruno_);
  EXPECT_EQ(other.body, missing.body);

  // An internal note's attachments are for staff only.
  std::string note_file = UploadOk(staff_, "interno.pdf", samples::Pdf("interno"));
  HttpResponse note = Post("/v1/tickets/" + ticket + "/messages", staff_,
                           {{"note", "solo per noi"}, {"internal", true}, {"fileId", note_file}});
  ASSERT_EQ(note.status, 200) << note.body;
  EXPECT_EQ(Get("/v1/attachments/" + note_file, staff_).status, 200);
  EXPECT_EQ(Get("/v1/attachments/" + note_file, alice_).status, 404);
}

TEST_F(Attachments, MessagesCarryTheirImagesAndFile) {
  std::string i1 = UploadOk(alice_, "uno.png", samples::Png(8, 8, 1));
  std::string i2 = UploadOk(alice_, "due.jpg", samples::Jpeg(8, 8, 2));
  std::string f = UploadOk(alice_, "dati.csv", samples::Csv());
  std::string ticket = CreateTicket(alice_, {{"imageIds", {i1, i2}}, {"fileId", f}});
  ASSERT_FALSE(ticket.empty());
  HttpResponse list = Get("/v1/tickets/" + ticket + "/messages", alice_);
  ASSERT_EQ(list.status, 200) << list.body;
  json first = json::parse(list.body)["messages"][0];
  ASSERT_EQ(first["images"].size(), 2u) << first.dump();
  EXPECT_EQ(first["images"][0]["id"], i1);
  EXPECT_EQ(first["images"][0]["kind"], "IMAGE");
  EXPECT_EQ(first["images"][1]["filename"], "due.jpg");
  EXPECT_EQ(first["file"]["id"], f);
  EXPECT_EQ(first["file"]["contentType"], "text/csv");

  // A reply with an image sent as the file: any allowed kind may be the file.
  std::string as_file = UploadOk(alice_, "foto.png", samples::Png(8, 8, 3));
  HttpResponse reply =
      Post("/v1/tickets/" + ticket + "/messages", alice_, {{"note", "altro"}, {"fileId", as_file}});
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(json::parse(reply.body)["file"]["id"], as_file);
}

TEST_F(Attachments, RetriedCreationWithIdempotencyKeyLinksOnce) {
  std::string image = UploadOk(alice_, "a.png", samples::Png());
  json body = {{"subject", "Doppio invio"},
               {"scope", "HYPERGEST"},
               {"topic", "HYPERGEST.IVA"},
               {"note", "x"},
               {"imageIds", {image}}};
  std::map<std::string, std::string> headers = {{"Authorization", "Bearer " + alice_},
                                                {"Idempotency-Key", "retry-1"}};
  HttpResponse first = Http("POST", base_ + "/v1/tickets", body.dump(), headers);
  HttpResponse second = Http("POST", base_ + "/v1/tickets", body.dump(), headers);
  ASSERT_EQ(first.status, 200) << first.body;
  ASSERT_EQ(second.status, 200) << second.body;
  EXPECT_EQ(json::parse(first.body)["id"], json::parse(second.body)["id"]);
  EXPECT_EQ(Count("SELECT count(*) FROM ticket.tickets"), 1);
}

TEST_F(Attachments, LinkingRulesAreEnforcedWhereMessagesAreCreated) {
  std::string ticket = CreateTicket(alice_);
  std::string path = "/v1/tickets/" + ticket + "/messages";
  std::vector<std::string> images;
  for (int i = 0; i < 4; ++i) images.push_back(UploadOk(alice_, "i.png", samples::Png(4, 4, i)));
  std::string pdf = UploadOk(alice_, "a.pdf", samples::Pdf());
  std::string annas = UploadOk(anna_, "b.png", samples::Png(4, 4, 9));

  auto message = [](const HttpResponse& r) {
    return json::parse(r.body, nullptr, false).value("message", "");
  };
  HttpResponse r = Post(path, alice_, {{"note", "x"}, {"imageIds", images}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(message(r), "imageIds: at most 3 images per message");
  r = Post(path, alice_, {{"note", "x"}, {"imageIds", {pdf}}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(message(r), "imageIds: an attachment is not an image (png or jpeg); send it as fileId");
  // Only the uploader's account may link an upload.
  r = Post(path, alice_, {{"note", "x"}, {"imageIds", {annas}}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(message(r), "imageIds: no such upload of yours (upload the file first)");
  r = Post(path, alice_, {{"note", "x"}, {"fileId", "nope"}});
  EXPECT_EQ(message(r), "fileId: no such upload of yours (upload the file first)");
  // Once linked, an upload cannot move to another message.
  ASSERT_EQ(Post(path, alice_, {{"note", "x"}, {"imageIds", {images[0]}}}).status, 200);
  r = Post(path, alice_, {{"note", "y"}, {"imageIds", {images[0]}}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(message(r), "imageIds: an attachment already belongs to another message");
}

TEST_F(Attachments, ImagesZipHoldsExactlyTheMessagesImages) {
  std::string a = samples::Png(20, 20, 1);
  std::string b = samples::Png(20, 20, 2);
  std::string c = samples::Jpeg(20, 20, 3);
  std::string ia = UploadOk(alice_, "foto.png", a);
  std::string ib = UploadOk(alice_, "foto.png", b);  // same name: de-duplicated in the zip
  std::string ic = UploadOk(alice_, "scontrino.jpg", c);
  std::string file = UploadOk(alice_, "altro.png", samples::Png(20, 20, 4));
  std::string ticket = CreateTicket(alice_);
  HttpResponse m = Post("/v1/tickets/" + ticket + "/messages", alice_,
                        {{"note", "tre foto"}, {"imageIds", {ia, ib, ic}}, {"fileId", file}});
  ASSERT_EQ(m.status, 200) << m.body;
  std::string message_id = json::parse(m.body)["id"];
  std::string zip_path = "/v1/tickets/" + ticket + "/messages/" + message_id + "/images.zip";

  HttpResponse zip = Get(zip_path, anna_);
  ASSERT_EQ(zip.status, 200) << zip.body;
  EXPECT_EQ(zip.Header("content-type"), "application/zip");
  EXPECT_EQ(zip.Header("content-disposition"),
            "attachment; filename=\"images.zip\"; filename*=UTF-8''images.zip");
  std::string error;
  auto entries = samples::ReadZip(zip.body, &error);
  ASSERT_EQ(error, "");
  ASSERT_EQ(entries.size(), 3u);  // the images, not the file
  EXPECT_EQ(entries[0].first, "foto.png");
  EXPECT_EQ(entries[0].second, a);
  EXPECT_EQ(entries[1].first, "foto (2).png");
  EXPECT_EQ(entries[1].second, b);
  EXPECT_EQ(entries[2].first, "scontrino.jpg");
  EXPECT_EQ(entries[2].second, c);

  EXPECT_EQ(Get(zip_path, bruno_).status, 404);
  EXPECT_EQ(Get(zip_path, staff_).status, 200);
}

long PeakKib(pid_t pid, const char* field) {
  std::ifstream status(absl::StrCat("/proc/", pid, "/status"));
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind(field, 0) == 0) {
      long kib = 0;
      absl::SimpleAtoi(
          absl::StripAsciiWhitespace(line.substr(strlen(field), line.size() - strlen(field) - 3)),
          &kib);
      return kib;
    }
  }
  return -1;
}

void ResetPeak(pid_t pid) { std::ofstream(absl::StrCat("/proc/", pid, "/clear_refs")) << "5"; }

TEST_F(Attachments, TwentyMebibyteRoundTripKeepsMemoryFarBelowTheFileSize) {
  // Warm up (libmagic's database, connections), then measure from here.
  UploadOk(alice_, "warm.csv", samples::Csv());
  pid_t gateway = stack_.process("gateway")->pid();
  pid_t service = stack_.process("attachment")->pid();
  ResetPeak(gateway);
  ResetPeak(service);
  long gateway_base = PeakKib(gateway, "VmRSS:");
  long service_base = PeakKib(service, "VmRSS:");

  std::string content = samples::Csv(1);
  while (content.size() < 20 * 1024 * 1024)
    absl::StrAppend(&content, samples::Csv(2000).substr(15));
  content.resize(20 * 1024 * 1024);
  content.back() = '\n';
  std::string id = UploadOk(alice_, "grande.csv", content);
  ASSERT_FALSE(id.empty());
  long gateway_upload = PeakKib(gateway, "VmHWM:") - gateway_base;
  long service_upload = PeakKib(service, "VmHWM:") - service_base;
  ResetPeak(gateway);
  ResetPeak(service);
  gateway_base = PeakKib(gateway, "VmRSS:");
  service_base = PeakKib(service, "VmRSS:");
  HttpResponse d = Get("/v1/attachments/" + id, alice_);
  ASSERT_EQ(d.status, 200);
  EXPECT_TRUE(d.body == content);
  long gateway_download = PeakKib(gateway, "VmHWM:") - gateway_base;
  long service_download = PeakKib(service, "VmHWM:") - service_base;
  std::cout << "peak RSS growth, 20 MiB upload: gateway " << gateway_upload << " KiB, attachment "
            << service_upload << " KiB; download: gateway " << gateway_download
            << " KiB, attachment " << service_download << " KiB\n";
  // Well below the file size: under half of it, whatever the phase. Not
  // under AddressSanitizer, whose quarantine keeps freed memory resident.
#if defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "resident memory is not measurable under AddressSanitizer";
#endif
  for (long growth : {gateway_upload, service_upload, gateway_download, service_download}) {
    EXPECT_LT(growth, 10 * 1024);
  }
}

TEST_F(Attachments, AbandonedUploadLeavesNothingBehind) {
  std::string body =
      samples::MultipartBody(kBoundary, "file", "half.csv", std::string(4 << 20, 'a'));
  std::string head =
      absl::StrCat("POST /v1/attachments HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ", alice_,
                   "\r\nContent-Type: multipart/form-data; boundary=", kBoundary,
                   "\r\nContent-Length: ", body.size(), "\r\n\r\n");
  int port = 0;
  absl::SimpleAtoi(base_.substr(base_.rfind(':') + 1), &port);
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  std::string sent = head + body.substr(0, body.size() / 2);
  ASSERT_EQ(send(fd, sent.data(), sent.size(), MSG_NOSIGNAL), static_cast<ssize_t>(sent.size()));
  // The service has started writing it (its transaction is open), then the
  // client goes away.
  ASSERT_TRUE(testing::WaitUntil(
      [&] {
        return Count(
                   "SELECT count(*) FROM pg_stat_activity WHERE usename = "
                   "'helpdesk_attachment' AND state LIKE 'idle in transaction%'") > 0;
      },
      absl::Seconds(10)));
  close(fd);
  EXPECT_TRUE(testing::WaitUntil(
      [&] {
        return Count(
                   "SELECT count(*) FROM pg_stat_activity WHERE usename = "
                   "'helpdesk_attachment' AND state LIKE 'idle in transaction%'") == 0;
      },
      absl::Seconds(10)));
  EXPECT_EQ(Count("SELECT count(*) FROM attachment.content_chunks"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM attachment.contents"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM attachment.attachments"), 0);
  // And the service goes on.
  EXPECT_FALSE(UploadOk(alice_, "dopo.csv", samples::Csv()).empty());
}

TEST_F(Attachments, GarbageCollectorDeletesOldUnlinkedUploadsButKeepsSharedContent) {
  std::string content = samples::Pdf("condiviso");
  std::string linked = UploadOk(alice_, "a.pdf", content);
  std::string orphan = UploadOk(alice_, "b.pdf", content);
  std::string alone = UploadOk(alice_, "c.pdf", samples::Pdf("solo"));
  ASSERT_FALSE(CreateTicket(alice_, {{"fileId", linked}}).empty());
  pqxx::connection conn(stack_.DatabaseUrl());
  pqxx::nontransaction(conn).exec(
      "UPDATE attachment.attachments SET created_at = now() - interval '25 hours'; "
      "UPDATE attachment.contents SET last_used_at = now() - interval '2 hours'");
  // Restart with a short interval so the collector runs now.
  stack_.Stop("attachment");
  ASSERT_TRUE(stack_.StartService("attachment", {{"HELPDESK_GC_INTERVAL", "1s"}}).ok());
  EXPECT_TRUE(
      testing::WaitUntil([&] { return Count("SELECT count(*) FROM attachment.attachments") == 1; },
                         absl::Seconds(10)));
  EXPECT_TRUE(testing::WaitUntil(
      [&] { return Count("SELECT count(*) FROM attachment.contents") == 1; }, absl::Seconds(10)));
  EXPECT_EQ(Get("/v1/attachments/" + linked, alice_).body, content);
  EXPECT_EQ(Get("/v1/attachments/" + orphan, alice_).status, 404);
  EXPECT_EQ(Get("/v1/attachments/" + alone, alice_).status, 404);
}

TEST_F(Attachments, FilesystemBackendStoresByHash) {
  std::string dir = stack_.dir() + "/content";
  ASSERT_EQ(system(("mkdir -p " + dir).c_str()), 0);
  stack_.Stop("attachment");
  ASSERT_TRUE(stack_
                  .StartService("attachment", {{"HELPDESK_STORAGE_BACKEND", "filesystem"},
                                               {"HELPDESK_STORAGE_DIR", dir}})
                  .ok());
  std::string content = samples::Jpeg(32, 32, 5);
  HttpResponse r = Upload(alice_, "foto.jpg", content);
  ASSERT_EQ(r.status, 200) << r.body;
  json a = json::parse(r.body);
  std::string sha = a["sha256"];
  std::ifstream file(dir + "/" + sha.substr(0, 2) + "/" + sha, std::ios::binary);
  std::string stored((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  EXPECT_EQ(stored, content);
  EXPECT_EQ(Count("SELECT count(*) FROM attachment.content_chunks"), 0);
  EXPECT_EQ(Get("/v1/attachments/" + a["id"].get<std::string>(), alice_).body, content);
}

}  // namespace
}  // namespace helpdesk
