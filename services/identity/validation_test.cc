#include "services/identity/validation.h"

#include <gtest/gtest.h>

namespace helpdesk::identity {
namespace {

TEST(Validation, VatNumberCheckDigit) {
  EXPECT_TRUE(IsValidVatNumber("12345678903"));
  EXPECT_TRUE(IsValidVatNumber("04820850271"));
  EXPECT_FALSE(IsValidVatNumber("12345678901"));
  EXPECT_FALSE(IsValidVatNumber("1234567890"));
  EXPECT_FALSE(IsValidVatNumber("1234567890A"));
  EXPECT_EQ(ValidateVatNumber("vatNumber", "12345678901").message(),
            "vatNumber: the check digit does not match");
  EXPECT_EQ(ValidateVatNumber("vatNumber", "123").message(), "vatNumber: must be 11 digits");
  EXPECT_EQ(ValidateVatNumber("vatNumber", "").message(), "vatNumber: required");
}

TEST(Validation, EmailAddresses) {
  EXPECT_TRUE(ValidateEmail("email", "assistenza@cliente.it").ok());
  EXPECT_TRUE(ValidateEmail("email", "mario.rossi+ticket@sub.example.com").ok());
  for (const char* bad : {"", "no-at.example.com", "a@b", "a@@b.it", "@b.it", "a b@c.it", "a@b..it",
                          "a@.b.it", "<a@b.it>", "a@b.it\r\nBcc: x@y.it"}) {
    EXPECT_FALSE(ValidateEmail("email", bad).ok()) << bad;
  }
  EXPECT_EQ(ValidateEmail("email", "x").message(), "email: not a valid e-mail address");
}

TEST(Validation, PasswordPolicy) {
  EXPECT_TRUE(ValidateNewPassword("newPassword", "una-frase-lunga", "12345678903").ok());
  EXPECT_EQ(ValidateNewPassword("newPassword", "corta", "u").message(),
            "newPassword: at least 10 characters");
  EXPECT_EQ(ValidateNewPassword("newPassword", "12345678903", "12345678903").message(),
            "newPassword: must differ from the username");
  EXPECT_EQ(ValidateNewPassword("newPassword", "Password123", "u").message(),
            "newPassword: too common: choose another one");
  EXPECT_EQ(ValidateNewPassword("newPassword", "QWERTYUIOP", "u").message(),
            "newPassword: too common: choose another one");
  // Ten characters, not bytes.
  EXPECT_TRUE(ValidateNewPassword("newPassword", "àèìòùàèìòù", "u").ok());
}

TEST(Validation, UsernamesOfStaffAndContacts) {
  for (const char* good : {"mario.rossi", "m_rossi-2", "mario@rossi.it", "abc"}) {
    EXPECT_TRUE(ValidateUsername("username", good).ok()) << good;
  }
  EXPECT_EQ(ValidateUsername("username", "").message(), "username: required");
  EXPECT_EQ(ValidateUsername("username", "ab").message(), "username: between 3 and 64 characters");
  EXPECT_EQ(ValidateUsername("username", std::string(65, 'a')).message(),
            "username: between 3 and 64 characters");
  for (const char* bad : {"mario rossi", "mario/rossi", "màrio", "a\tb"}) {
    EXPECT_EQ(ValidateUsername("username", bad).message(),
              "username: only letters, digits and . _ @ - are allowed")
        << bad;
  }
  EXPECT_EQ(ValidateUsername("username", "12345678903").message(),
            "username: 11 digits are reserved for companies' VAT numbers");
  EXPECT_TRUE(ValidateUsername("username", "123456789031").ok());
}

}  // namespace
}  // namespace helpdesk::identity
