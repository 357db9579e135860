# Script mode: writes OUT, a C++ file defining
#   const char* const NAMESPACE::SYMBOL[] = {"line", ..., nullptr};
# from the non-empty lines of IN that do not start with '#'.
file(STRINGS ${IN} lines ENCODING UTF-8)
set(body "// Generated from ${IN} by cmake/EmbedLines.cmake. Do not edit.\nnamespace ${NAMESPACE} {\nextern const char* const ${SYMBOL}[];\nconst char* const ${SYMBOL}[] = {\n")
foreach(line ${lines})
  string(STRIP "${line}" line)
  if(line STREQUAL "" OR line MATCHES "^#")
    continue()
  endif()
  string(REPLACE "\\" "\\\\" line "${line}")
  string(REPLACE "\"" "\\\"" line "${line}")
  string(APPEND body "    \"${line}\",\n")
endforeach()
string(APPEND body "    nullptr};\n}  // namespace ${NAMESPACE}\n")
file(WRITE ${OUT}.tmp "${body}")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
