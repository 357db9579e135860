# Precompiled headers (HELPDESK_PCH, on by default).
#
# Two headers are precompiled once per build tree: cmake/pch/service.h (the
# standard library, Abseil, protobuf, gRPC, libpqxx) and cmake/pch/test.h
# (the same plus GoogleTest/GoogleMock). helpdesk_use_pch() then makes every
# C++ target of the project reuse one of them (REUSE_FROM), so each header is
# parsed once per build instead of once per file: a typical file compiles in
# about a third of the time (docs/build.md has the figures).
#
# All targets share the global compile options (warnings, sanitizers), which
# a reused PCH requires. The generated proto library is left out: it is
# compiled with -w, and its files include little else.
option(HELPDESK_PCH "Precompile the third-party headers every file parses" ON)

function(helpdesk_add_pch_targets)
  if(NOT HELPDESK_PCH)
    return()
  endif()
  foreach(kind service test)
    add_library(helpdesk_pch_${kind} STATIC ${PROJECT_SOURCE_DIR}/cmake/pch/pch.cc)
    target_include_directories(helpdesk_pch_${kind} PRIVATE ${PROJECT_SOURCE_DIR})
    target_link_libraries(helpdesk_pch_${kind} PRIVATE protobuf::libprotobuf gRPC::grpc++
                          absl::status absl::statusor absl::strings absl::time PkgConfig::PQXX
                          Boost::headers)
    if(kind STREQUAL "test")
      target_link_libraries(helpdesk_pch_${kind} PRIVATE GTest::gmock GTest::gtest)
    endif()
    target_precompile_headers(helpdesk_pch_${kind} PRIVATE
                              ${PROJECT_SOURCE_DIR}/cmake/pch/${kind}.h)
  endforeach()
endfunction()

# Every C++ target defined under <dir> (recursively) reuses a precompiled
# header: the test one when it links GoogleTest, the service one otherwise.
function(helpdesk_use_pch dir)
  if(NOT HELPDESK_PCH)
    return()
  endif()
  get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
  foreach(t ${targets})
    get_target_property(type ${t} TYPE)
    if(NOT type MATCHES "^(STATIC_LIBRARY|SHARED_LIBRARY|OBJECT_LIBRARY|EXECUTABLE)$")
      continue()
    endif()
    if(t MATCHES "^helpdesk_pch_" OR t STREQUAL "helpdesk_protos")
      continue()
    endif()
    get_target_property(sources ${t} SOURCES)
    set(has_cxx FALSE)
    foreach(s ${sources})
      if(s MATCHES "\\.cc$")
        set(has_cxx TRUE)
      endif()
    endforeach()
    if(NOT has_cxx)
      continue()
    endif()
    get_target_property(libs ${t} LINK_LIBRARIES)
    if(libs MATCHES "GTest::")
      target_precompile_headers(${t} REUSE_FROM helpdesk_pch_test)
    else()
      target_precompile_headers(${t} REUSE_FROM helpdesk_pch_service)
    endif()
  endforeach()
  get_property(subdirs DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
  foreach(sub ${subdirs})
    helpdesk_use_pch(${sub})
  endforeach()
endfunction()
