// Real files made by code for the attachment tests: images encoded by
// libpng and libjpeg, zip containers (zip, docx, xlsx) written by libzip, a
// small PDF and CSV, and the hostile variants the service must refuse.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace helpdesk::attachment::testing {

// A width×height RGB image with a gradient seeded by `seed` (different seeds,
// different bytes).
std::string Png(int width = 16, int height = 16, int seed = 0);
std::string Jpeg(int width = 16, int height = 16, int seed = 0);
// A one-page PDF with `text`.
std::string Pdf(const std::string& text = "hello");
std::string Csv(size_t rows = 3);
// A zip holding the (name, content) entries, stored in that order.
std::string Zip(const std::vector<std::pair<std::string, std::string>>& entries);
// Minimal Office Open XML documents (the parts Word and Excel need).
std::string Docx();
std::string Xlsx();
// An ELF executable's first bytes (enough for libmagic).
std::string Executable();

// Entries of a zip archive as (name, content), read with libzip; empty with
// `error` set when it does not open.
std::vector<std::pair<std::string, std::string>> ReadZip(const std::string& archive,
                                                         std::string* error);

// A multipart/form-data body with one part `field` of `filename`.
std::string MultipartBody(const std::string& boundary, const std::string& field,
                          const std::string& filename, const std::string& content);

}  // namespace helpdesk::attachment::testing
