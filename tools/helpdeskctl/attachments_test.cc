// --attach: what fits one message, and the multipart body around a file.
#include "tools/helpdeskctl/attachments.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tools/helpdeskctl/exit_codes.h"

namespace helpdesk::helpdeskctl {
namespace {

TEST(Attachments, AtMostThreeImagesAndOneFilePerMessage) {
  using Paths = std::vector<std::string>;
  for (const Paths& fits :
       {Paths{}, Paths{"a.png"}, Paths{"report.pdf"}, Paths{"a.png", "b.JPG", "c.jpeg", "dati.csv"},
        Paths{"a.png", "b.png", "c.png", "d.png"},  // the 4th as the file
        Paths{"/tmp/x/foto.PNG", "archivio.zip"}}) {
    EXPECT_TRUE(CheckAttachmentCount(fits).ok()) << fits.size();
  }
  for (const Paths& too_many :
       {Paths{"a.pdf", "b.zip"}, Paths{"a.png", "b.png", "c.png", "d.png", "e.png"},
        Paths{"a.png", "b.png", "c.png", "d.png", "f.pdf"}}) {
    absl::Status status = CheckAttachmentCount(too_many);
    EXPECT_EQ(ExitCodeOf(status), ExitCode::kUsage);
    EXPECT_EQ(status.message(),
              "--attach: at most 3 images (png, jpeg) and 1 other file per message");
  }
}

TEST(Attachments, TheFormFieldFileWithTheBaseNameAsABrowserSendsIt) {
  EXPECT_EQ(MultipartHead("B", "/home/mario/schermata 1.png"),
            "--B\r\nContent-Disposition: form-data; name=\"file\"; "
            "filename=\"schermata 1.png\"\r\nContent-Type: application/octet-stream\r\n\r\n");
  EXPECT_THAT(MultipartHead("B", "dir/a\"b\r\nc.pdf"),
              ::testing::HasSubstr("filename=\"a%22b%0D%0Ac.pdf\"\r\n"));
  EXPECT_EQ(MultipartTail("B"), "\r\n--B--\r\n");
}

}  // namespace
}  // namespace helpdesk::helpdeskctl
