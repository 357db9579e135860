#include "services/attachment/multipart.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "absl/strings/str_cat.h"

namespace helpdesk::attachment {
namespace {

struct Collected : PartHandler {
  std::vector<PartHeaders> parts;
  std::vector<std::string> contents;
  int ended = 0;
  size_t largest_piece = 0;
  absl::Status OnPartBegin(const PartHeaders& part) override {
    parts.push_back(part);
    contents.emplace_back();
    return absl::OkStatus();
  }
  absl::Status OnPartData(std::string_view data) override {
    contents.back().append(data);
    largest_piece = std::max(largest_piece, data.size());
    return absl::OkStatus();
  }
  absl::Status OnPartEnd() override {
    ++ended;
    return absl::OkStatus();
  }
};

constexpr char kType[] = "multipart/form-data; boundary=XyZ";

absl::Status ParseInPieces(const std::string& body, size_t piece, Collected* out,
                           const std::string& type = kType) {
  absl::StatusOr<MultipartParser> parser = MultipartParser::Create(type, out);
  if (!parser.ok()) return parser.status();
  for (size_t i = 0; i < body.size(); i += piece) {
    absl::Status s = parser->Feed(std::string_view(body).substr(i, piece));
    if (!s.ok()) return s;
  }
  return parser->Finish();
}

std::string Body(const std::string& content) {
  return absl::StrCat(
      "preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhi\r\n"
      "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a 'q'.png\"\r\n"
      "Content-Type: image/png\r\n\r\n",
      content, "\r\n--XyZ--\r\nepilogue");
}

TEST(MultipartTest, PartsArriveWhateverThePieceSize) {
  // Content that nearly contains the delimiter, to trip a naive scanner.
  std::string content = "ab\r\n--XyYabc\r\n--Xy\r\n-\r\n-XyZ--XyZ\r\r\n--X";
  for (int i = 0; i < 2000; ++i) content.push_back(static_cast<char>(i * 31));
  for (size_t piece : {1, 2, 3, 7, 64, 1000, 100000}) {
    Collected c;
    ASSERT_TRUE(ParseInPieces(Body(content), piece, &c).ok()) << piece;
    ASSERT_EQ(c.parts.size(), 2u);
    EXPECT_EQ(c.parts[0].name, "note");
    EXPECT_FALSE(c.parts[0].has_filename);
    EXPECT_EQ(c.contents[0], "hi");
    EXPECT_EQ(c.parts[1].name, "file");
    EXPECT_EQ(c.parts[1].filename, "a 'q'.png");
    EXPECT_EQ(c.parts[1].content_type, "image/png");
    EXPECT_EQ(c.contents[1], content) << piece;
    EXPECT_EQ(c.ended, 2);
  }
}

TEST(MultipartTest, ContentIsStreamedNotHeld) {
  std::string content(1 << 20, 'x');
  Collected c;
  ASSERT_TRUE(ParseInPieces(Body(content), 64 * 1024, &c).ok());
  EXPECT_EQ(c.contents[1].size(), content.size());
  EXPECT_LE(c.largest_piece, 64u * 1024 + 16);
}

TEST(MultipartTest, Rfc5987FilenameWins) {
  absl::StatusOr<PartHeaders> p = ParseContentDisposition(
      "form-data; name=file; filename=\"fallback.png\"; filename*=UTF-8''f%C3%A8.png");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->filename, "fè.png");
  EXPECT_FALSE(ParseContentDisposition("form-data; filename*=UTF-8''%zz").ok());
  EXPECT_FALSE(ParseContentDisposition("attachment; name=file").ok());
}

TEST(MultipartTest, BadContentTypesAreRefused) {
  Collected c;
  EXPECT_EQ(MultipartParser::Create("application/json", &c).status().message(),
            "file: the request body must be multipart/form-data");
  EXPECT_FALSE(MultipartParser::Create("multipart/form-data", &c).ok());
  EXPECT_FALSE(MultipartParser::Create(
                   absl::StrCat("multipart/form-data; boundary=", std::string(71, 'a')), &c)
                   .ok());
  EXPECT_TRUE(MultipartParser::Create("Multipart/Form-Data; boundary=\"a b\"", &c).ok());
}

TEST(MultipartTest, TruncatedBodyIsRefused) {
  Collected c;
  std::string body = Body("data");
  absl::Status s = ParseInPieces(body.substr(0, body.size() - 20), 5, &c);
  EXPECT_EQ(s.message(), "file: the multipart body ended before its closing boundary");
  Collected d;
  EXPECT_FALSE(ParseInPieces("", 5, &d).ok());
}

TEST(MultipartTest, HugeHeadersAreRefused) {
  Collected c;
  std::string body = absl::StrCat("--XyZ\r\nX-Junk: ", std::string(20000, 'a'), "\r\n\r\n");
  EXPECT_EQ(ParseInPieces(body, 1000, &c).message(), "file: a part's headers are too large");
}

// Found by tests/fuzz (multipart): a header block of exactly the limit was
// refused when a piece ended inside the blank line that closes it.
TEST(MultipartTest, HeadersOfExactlyTheLimit_AreAcceptedWhateverThePieceSize) {
  std::string headers = "Content-Disposition: form-data; name=\"file\"\r\nX-Pad: ";
  headers.append(MultipartParser::kMaxHeaderBytes - headers.size(), 'a');
  std::string body = absl::StrCat("--XyZ\r\n", headers, "\r\n\r\nx\r\n--XyZ--");
  for (size_t piece : {1, 2, 3, 1000, 100000}) {
    Collected c;
    EXPECT_TRUE(ParseInPieces(body, piece, &c).ok()) << piece;
    EXPECT_EQ(c.ended, 1) << piece;
  }
  Collected c;
  std::string over = absl::StrCat("--XyZ\r\n", headers, "a\r\n\r\nx\r\n--XyZ--");
  EXPECT_EQ(ParseInPieces(over, 1, &c).message(), "file: a part's headers are too large");
}

// Found by tests/fuzz (multipart): long transport padding after a delimiter
// was refused when it arrived in small pieces and accepted in one.
TEST(MultipartTest, LongTransportPadding_IsRefusedWhateverThePieceSize) {
  std::string body =
      absl::StrCat("--XyZ", std::string(300, ' '),
                   "\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nx\r\n--XyZ--");
  for (size_t piece : {1, 7, 100000}) {
    Collected c;
    EXPECT_EQ(ParseInPieces(body, piece, &c).message(), "file: malformed multipart delimiter")
        << piece;
  }
  Collected c;
  std::string some =
      absl::StrCat("--XyZ", std::string(200, '\t'),
                   "\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nx\r\n--XyZ--");
  EXPECT_TRUE(ParseInPieces(some, 1, &c).ok());
}

TEST(MultipartTest, PartWithoutDispositionIsRefused) {
  Collected c;
  std::string body = "--XyZ\r\nContent-Type: text/plain\r\n\r\nx\r\n--XyZ--";
  EXPECT_EQ(ParseInPieces(body, 3, &c).message(), "file: a part has no Content-Disposition header");
}

// Bodies made of delimiter fragments, CRLFs, header text and random bytes:
// the parser never crashes, and the parts it reports (or its refusal) do not
// depend on how the body was cut into pieces.
TEST(MultipartTest, RandomBodiesGiveTheSameResultWhateverThePieces) {
  std::mt19937 random(20261126);
  const std::vector<std::string> fragments = {
      "\r\n--XyZ",
      "\r\n--XyZ--",
      "--XyZ\r\n",
      "\r\n",
      "\r\n\r\n",
      "--",
      "\r",
      "Content-Disposition: form-data; name=\"file\"; filename=\"a.png\"",
      "Content-Disposition: form-data; name=\"x\"",
      "Content-Type: a/b",
      "\"",
      ";",
      "x"};
  for (int round = 0; round < 3000; ++round) {
    std::string body;
    int n = static_cast<int>(random() % 30);
    for (int i = 0; i < n; ++i) {
      if (random() % 4 == 0) {
        body.push_back(static_cast<char>(random()));
      } else {
        body += fragments[random() % fragments.size()];
      }
    }
    Collected whole;
    absl::Status whole_status = ParseInPieces(body, body.size() + 1, &whole);
    for (size_t piece : {1, 2, 5, 13}) {
      Collected cut;
      absl::Status cut_status = ParseInPieces(body, piece, &cut);
      ASSERT_EQ(whole_status.ok(), cut_status.ok()) << round << " piece " << piece;
      if (!whole_status.ok()) continue;
      ASSERT_EQ(whole.parts.size(), cut.parts.size()) << round;
      EXPECT_EQ(whole.contents, cut.contents) << round;
    }
  }
}

}  // namespace
}  // namespace helpdesk::attachment
