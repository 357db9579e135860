# helpdesk_embed_migrations(<target> <component> <function> <dir>)
# Compiles the SQL files of <dir> into <target> as
# `helpdesk::migrations::<function>()`, so a binary carries its own schema.
function(helpdesk_embed_migrations target component func dir)
  file(GLOB sql CONFIGURE_DEPENDS ${dir}/*.sql)
  set(out ${CMAKE_CURRENT_BINARY_DIR}/${component}_migrations.cc)
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DDIR=${dir} -DOUT=${out} -DCOMPONENT=${component} -DFUNC=${func}
            -P ${PROJECT_SOURCE_DIR}/cmake/EmbedMigrations.cmake
    DEPENDS ${sql} ${PROJECT_SOURCE_DIR}/cmake/EmbedMigrations.cmake
    COMMENT "embedding ${component} migrations")
  target_sources(${target} PRIVATE ${out})
endfunction()

# helpdesk_test(<name> SOURCES ... LIBS ... LABELS ...)
# One GoogleTest binary, its tests discovered at test time.
function(helpdesk_test name)
  cmake_parse_arguments(T "" "" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE ${T_LIBS} GTest::gmock GTest::gtest_main)
  if(NOT T_LABELS)
    set(T_LABELS unit)
  endif()
  set(props LABELS "${T_LABELS}")
  # Tests that start servers share the run's PostgreSQL (tests/CMakeLists.txt).
  if(NOT T_LABELS STREQUAL "unit")
    list(APPEND props FIXTURES_REQUIRED postgres TIMEOUT 300)
  endif()
  gtest_discover_tests(${name} DISCOVERY_MODE PRE_TEST DISCOVERY_TIMEOUT 30 PROPERTIES ${props})
endfunction()

# helpdesk_embed_lines(<target> <file> <namespace> <symbol>)
# Compiles the lines of <file> into <target> as a null-terminated
# `const char* const <namespace>::<symbol>[]`.
function(helpdesk_embed_lines target file namespace symbol)
  get_filename_component(base ${file} NAME_WE)
  set(out ${CMAKE_CURRENT_BINARY_DIR}/${base}_lines.cc)
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DIN=${file} -DOUT=${out} -DNAMESPACE=${namespace} -DSYMBOL=${symbol}
            -P ${PROJECT_SOURCE_DIR}/cmake/EmbedLines.cmake
    DEPENDS ${file} ${PROJECT_SOURCE_DIR}/cmake/EmbedLines.cmake
    COMMENT "embedding ${file}")
  target_sources(${target} PRIVATE ${out})
endfunction()

# helpdesk_embed_files(<target> <dir> <namespace> <symbol>)
# Compiles every file of <dir> into <target> as a null-terminated array of
# name/content pairs, `const char* const <namespace>::<symbol>[]` =
# {"a.txt", "<bytes of a.txt>", ..., nullptr}, so a binary needs no data folder
# at run time. Each byte is written as a \xNN escape: any content (UTF-8,
# quotes, backslashes) is embedded exactly. Generated when CMake configures;
# editing, adding or removing a file re-runs the configuration.
function(helpdesk_embed_files target dir namespace symbol)
  file(GLOB files CONFIGURE_DEPENDS LIST_DIRECTORIES false RELATIVE ${dir} ${dir}/*)
  list(SORT files)
  set(body "// Generated from ${dir} by helpdesk_embed_files. Do not edit.\n")
  string(APPEND body "namespace ${namespace} {\nextern const char* const ${symbol}[];\n")
  string(APPEND body "const char* const ${symbol}[] = {\n")
  foreach(f ${files})
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${dir}/${f})
    file(READ ${dir}/${f} hex HEX)
    string(REGEX REPLACE "([0-9a-f][0-9a-f])" "\\\\x\\1" escaped "${hex}")
    string(APPEND body "    \"${f}\",\n    \"${escaped}\",\n")
  endforeach()
  string(APPEND body "    nullptr};\n}  // namespace ${namespace}\n")
  set(out ${CMAKE_CURRENT_BINARY_DIR}/${symbol}_files.cc)
  file(WRITE ${out}.tmp "${body}")
  file(COPY_FILE ${out}.tmp ${out} ONLY_IF_DIFFERENT)
  target_sources(${target} PRIVATE ${out})
endfunction()
