// What the fuzz targets of tests/fuzz share: a check that aborts (so that
// libFuzzer and the corpus replay both report it, with the failed condition),
// and the ways a target cuts its input into the pieces it needs.
//
//   auto [content_type, rest] = fuzz::SplitLine(input);
//   for (std::string_view piece : fuzz::Chunks(body, seed)) parser.Feed(piece);
//   FUZZ_CHECK(one_shot == chunked);
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <utility>
#include <vector>

// An invariant of the code under test: a failure aborts the run, which
// libFuzzer saves as a crash and the replay driver reports as a failed test.
#define FUZZ_CHECK(condition)                                                                 \
  do {                                                                                        \
    if (!(condition)) {                                                                       \
      std::fprintf(stderr, "%s:%d: FUZZ_CHECK failed: %s\n", __FILE__, __LINE__, #condition); \
      std::abort();                                                                           \
    }                                                                                         \
  } while (false)

namespace helpdesk::fuzz {

inline std::string_view AsText(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// {the text before the first '\n', the text after it}; {text, ""} without one.
inline std::pair<std::string_view, std::string_view> SplitLine(std::string_view text) {
  size_t eol = text.find('\n');
  if (eol == std::string_view::npos) return {text, {}};
  return {text.substr(0, eol), text.substr(eol + 1)};
}

// Takes the first byte of `text` (0 when empty) and drops it.
inline uint8_t TakeByte(std::string_view& text) {
  if (text.empty()) return 0;
  uint8_t byte = static_cast<uint8_t>(text.front());
  text.remove_prefix(1);
  return byte;
}

// `text` cut into consecutive pieces, as a network would deliver it: seed 0
// is one piece, 1 is a byte at a time, and any other seed cuts pieces of
// pseudo-random sizes from 0 (an empty read) to `seed` bytes. The pieces
// always join back into `text`.
inline std::vector<std::string_view> Chunks(std::string_view text, uint8_t seed) {
  std::vector<std::string_view> pieces;
  if (seed == 0) {
    pieces.push_back(text);
    return pieces;
  }
  uint32_t state = 0x9e3779b9u ^ (seed * 2654435761u) ^ static_cast<uint32_t>(text.size());
  bool last_empty = false;
  while (!text.empty()) {
    state ^= state << 13;  // xorshift32
    state ^= state >> 17;
    state ^= state << 5;
    size_t size = seed == 1 ? 1 : state % (seed + 1u);
    if (size == 0 && last_empty) size = 1;  // never two empty reads in a row
    last_empty = size == 0;
    size = size < text.size() ? size : text.size();
    pieces.push_back(text.substr(0, size));
    text.remove_prefix(size);
  }
  return pieces;
}

}  // namespace helpdesk::fuzz
