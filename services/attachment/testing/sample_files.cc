#include "services/attachment/testing/sample_files.h"

#include <jpeglib.h>
#include <png.h>
#include <zip.h>

#include <cstdio>
#include <cstdlib>

#include "absl/strings/str_cat.h"

namespace helpdesk::attachment::testing {
namespace {

std::vector<unsigned char> Pixels(int width, int height, int seed) {
  std::vector<unsigned char> rgb(static_cast<size_t>(width) * height * 3);
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      unsigned char* p = &rgb[(static_cast<size_t>(y) * width + x) * 3];
      p[0] = static_cast<unsigned char>(x * 7 + seed);
      p[1] = static_cast<unsigned char>(y * 5 + seed * 3);
      p[2] = static_cast<unsigned char>((x ^ y) + seed * 11);
    }
  }
  return rgb;
}

// Closes `f` (an open_memstream), which sets `buf` and `size`, and takes them.
std::string ReadMemStream(FILE* f, char** buf, size_t* size) {
  fclose(f);
  std::string out(*buf, *size);
  free(*buf);
  return out;
}

}  // namespace

std::string Png(int width, int height, int seed) {
  char* buf = nullptr;
  size_t size = 0;
  FILE* f = open_memstream(&buf, &size);
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png_create_info_struct(png);
  png_init_io(png, f);
  png_set_IHDR(png, info, width, height, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
               PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  std::vector<unsigned char> rgb = Pixels(width, height, seed);
  for (int y = 0; y < height; ++y) png_write_row(png, &rgb[static_cast<size_t>(y) * width * 3]);
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  return ReadMemStream(f, &buf, &size);
}

std::string Jpeg(int width, int height, int seed) {
  jpeg_compress_struct cinfo;
  jpeg_error_mgr err;
  cinfo.err = jpeg_std_error(&err);
  jpeg_create_compress(&cinfo);
  unsigned char* buf = nullptr;
  unsigned long size = 0;
  jpeg_mem_dest(&cinfo, &buf, &size);
  cinfo.image_width = width;
  cinfo.image_height = height;
  cinfo.input_components = 3;
  cinfo.in_color_space = JCS_RGB;
  jpeg_set_defaults(&cinfo);
  jpeg_start_compress(&cinfo, TRUE);
  std::vector<unsigned char> rgb = Pixels(width, height, seed);
  while (cinfo.next_scanline < cinfo.image_height) {
    JSAMPROW row = &rgb[static_cast<size_t>(cinfo.next_scanline) * width * 3];
    jpeg_write_scanlines(&cinfo, &row, 1);
  }
  jpeg_finish_compress(&cinfo);
  jpeg_destroy_compress(&cinfo);
  std::string out(reinterpret_cast<char*>(buf), size);
  free(buf);
  return out;
}

std::string Pdf(const std::string& text) {
  std::string stream = absl::StrCat("BT /F1 12 Tf 72 720 Td (", text, ") Tj ET");
  std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
      "/Resources << /Font << /F1 5 0 R >> >> >>",
      absl::StrCat("<< /Length ", stream.size(), " >>\nstream\n", stream, "\nendstream"),
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"};
  std::string pdf = "%PDF-1.4\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    absl::StrAppend(&pdf, i + 1, " 0 obj\n", objects[i], "\nendobj\n");
  }
  size_t xref = pdf.size();
  absl::StrAppend(&pdf, "xref\n0 ", objects.size() + 1, "\n0000000000 65535 f \n");
  for (size_t o : offsets) {
    char line[32];
    snprintf(line, sizeof line, "%010zu 00000 n \n", o);
    pdf += line;
  }
  absl::StrAppend(&pdf, "trailer\n<< /Size ", objects.size() + 1, " /Root 1 0 R >>\nstartxref\n",
                  xref, "\n%%EOF\n");
  return pdf;
}

std::string Csv(size_t rows) {
  std::string csv = "id,name,amount\n";
  for (size_t i = 0; i < rows; ++i) absl::StrAppend(&csv, i, ",item ", i, ",", i * 3, ".50\n");
  return csv;
}

std::string Zip(const std::vector<std::pair<std::string, std::string>>& entries) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_source_keep(buffer);
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  for (const auto& [name, content] : entries) {
    zip_source_t* data = zip_source_buffer(archive, content.data(), content.size(), 0);
    zip_file_add(archive, name.c_str(), data, ZIP_FL_ENC_UTF_8);
  }
  zip_close(archive);
  std::string out;
  zip_stat_t st;
  if (zip_source_stat(buffer, &st) == 0 && zip_source_open(buffer) == 0) {
    out.resize(st.size);
    zip_source_read(buffer, out.data(), st.size);
    zip_source_close(buffer);
  }
  zip_source_free(buffer);
  return out;
}

std::string Docx() {
  return Zip(
      {{"[Content_Types].xml",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types "
        "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default "
        "Extension=\"xml\" ContentType=\"application/xml\"/><Override "
        "PartName=\"/word/document.xml\" "
        "ContentType=\"application/"
        "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>"},
       {"_rels/.rels", "<?xml version=\"1.0\"?><Relationships/>"},
       {"word/document.xml",
        "<?xml version=\"1.0\"?><w:document "
        "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:"
        "p><w:r><w:t>ciao</w:t></w:r></w:p></w:body></w:document>"}});
}

std::string Xlsx() {
  return Zip({{"[Content_Types].xml",
               "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types "
               "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override "
               "PartName=\"/xl/workbook.xml\" "
               "ContentType=\"application/"
               "vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/></Types>"},
              {"_rels/.rels", "<?xml version=\"1.0\"?><Relationships/>"},
              {"xl/workbook.xml", "<?xml version=\"1.0\"?><workbook/>"}});
}

std::string Executable() {
  std::string elf(
      "\x7f"
      "ELF\x02\x01\x01\x00",
      8);
  elf.append(8, '\0');
  elf.append("\x02\x00\x3e\x00\x01\x00\x00\x00", 8);  // ET_EXEC, x86-64
  elf.append(512, '\0');
  return elf;
}

std::vector<std::pair<std::string, std::string>> ReadZip(const std::string& archive,
                                                         std::string* error) {
  std::vector<std::pair<std::string, std::string>> entries;
  zip_error_t zerr;
  zip_error_init(&zerr);
  zip_source_t* src = zip_source_buffer_create(archive.data(), archive.size(), 0, &zerr);
  zip_t* zip = zip_open_from_source(src, ZIP_RDONLY, &zerr);
  if (zip == nullptr) {
    *error = zip_error_strerror(&zerr);
    zip_source_free(src);
    return entries;
  }
  zip_int64_t n = zip_get_num_entries(zip, 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    zip_stat_t st;
    zip_stat_index(zip, i, 0, &st);
    zip_file_t* f = zip_fopen_index(zip, i, 0);
    std::string content(st.size, '\0');
    zip_int64_t got = f == nullptr ? -1 : zip_fread(f, content.data(), st.size);
    if (f != nullptr) zip_fclose(f);
    if (got != static_cast<zip_int64_t>(st.size)) *error = absl::StrCat("short read of ", st.name);
    entries.emplace_back(st.name, content);
  }
  zip_close(zip);
  return entries;
}

std::string MultipartBody(const std::string& boundary, const std::string& field,
                          const std::string& filename, const std::string& content) {
  return absl::StrCat("--", boundary, "\r\nContent-Disposition: form-data; name=\"", field,
                      "\"; filename=\"", filename,
                      "\"\r\nContent-Type: application/octet-stream\r\n\r\n", content, "\r\n--",
                      boundary, "--\r\n");
}

}  // namespace helpdesk::attachment::testing
