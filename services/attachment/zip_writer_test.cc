#include "services/attachment/zip_writer.h"

#include <gtest/gtest.h>

#include "services/attachment/testing/sample_files.h"

namespace helpdesk::attachment {
namespace {

TEST(ZipWriterTest, StreamedArchiveOpensWithLibzip) {
  std::string out;
  size_t writes = 0;
  ZipStreamWriter zip([&](std::string_view bytes) {
    out.append(bytes);
    ++writes;
    return true;
  });
  ASSERT_TRUE(zip.Open().ok());
  std::string a = testing::Png(64, 64, 1);
  std::string b = testing::Jpeg(64, 64, 2);
  ASSERT_TRUE(zip.BeginEntry("a.png", a.size()).ok());
  for (size_t i = 0; i < a.size(); i += 100) ASSERT_TRUE(zip.Write(a.substr(i, 100)).ok());
  ASSERT_TRUE(zip.BeginEntry("fotografia è.jpg", b.size()).ok());
  ASSERT_TRUE(zip.Write(b).ok());
  ASSERT_TRUE(zip.Finish().ok());
  EXPECT_GT(writes, 2u);  // written as it went, not at the end
  std::string error;
  auto entries = testing::ReadZip(out, &error);
  ASSERT_EQ(error, "");
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].first, "a.png");
  EXPECT_EQ(entries[0].second, a);
  EXPECT_EQ(entries[1].first, "fotografia è.jpg");
  EXPECT_EQ(entries[1].second, b);
}

TEST(ZipWriterTest, AbandonedReceiverFailsAsCancelled) {
  ZipStreamWriter zip([&](std::string_view) { return false; });
  ASSERT_TRUE(zip.Open().ok());
  absl::Status s = zip.BeginEntry("a.png", 100000);
  if (s.ok()) s = zip.Write(std::string(100000, 'x'));
  if (s.ok()) s = zip.Finish();
  EXPECT_EQ(s.code(), absl::StatusCode::kCancelled);
}

TEST(ZipWriterTest, EntryNamesAreDeduplicated) {
  std::set<std::string> taken;
  EXPECT_EQ(UniqueEntryName("a.png", taken), "a.png");
  EXPECT_EQ(UniqueEntryName("a.png", taken), "a (2).png");
  EXPECT_EQ(UniqueEntryName("a.png", taken), "a (3).png");
  EXPECT_EQ(UniqueEntryName("b", taken), "b");
  EXPECT_EQ(UniqueEntryName("b", taken), "b (2)");
}

}  // namespace
}  // namespace helpdesk::attachment
