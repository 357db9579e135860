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
