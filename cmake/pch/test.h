// service.h plus GoogleTest and GoogleMock, for the test binaries.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cmake/pch/service.h"
