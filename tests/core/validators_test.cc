#include "core/validators.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>

#include "nlohmann/json.hpp"

namespace vigie {
namespace {

// Public vectors quoted from python-stdnum and npm stdnum
// (../shared/data/identifier-test-vectors.json).
nlohmann::json SharedVectors() {
  std::ifstream file(VIGIE_SHARED_DATA "/identifier-test-vectors.json");
  const std::string text(std::istreambuf_iterator<char>(file), {});
  return nlohmann::json::parse(text, nullptr, false);
}

TEST(ValidatorsTest, NirMatchesPublicVectors) {
  const nlohmann::json vectors = SharedVectors();
  ASSERT_TRUE(vectors.is_object()) << "shared vectors not found";
  ASSERT_GE(vectors["NIR"].size(), 8u);
  for (const auto& vector : vectors["NIR"]) {
    const std::string value = vector["value"].get<std::string>();
    const bool valid = vector["expect"].get<std::string>() == "valid";
    EXPECT_EQ(Validate(Validator::kNir, value), valid) << value;
  }
}

TEST(ValidatorsTest, IbanMatchesPublicVectors) {
  const nlohmann::json vectors = SharedVectors();
  ASSERT_TRUE(vectors.is_object());
  for (const auto& vector : vectors["IBAN_FR"]) {
    const std::string value = vector["value"].get<std::string>();
    const bool valid = vector["expect"].get<std::string>() == "valid";
    EXPECT_EQ(Validate(Validator::kIbanFr, value), valid) << value;
  }
}

TEST(ValidatorsTest, NirAcceptsSeparatorsAndRefusesWrongKeys) {
  // Key of 2550814168025: 97 - (2550814168025 mod 97) = 38.
  EXPECT_TRUE(Validate(Validator::kNir, "2 55 08 14 168 025 38"));
  EXPECT_TRUE(Validate(Validator::kNir, "2.55.08.14.168.025.38"));
  EXPECT_TRUE(Validate(Validator::kNir, "2-55-08-14-168-025-38"));
  EXPECT_TRUE(Validate(Validator::kNir, "255081416802538"));
  EXPECT_FALSE(Validate(Validator::kNir, "2 55 08 14 168 025 39"));
  // Month 13 is not a month, nor in the 20-42 / 50-99 ranges.
  EXPECT_FALSE(Validate(Validator::kNir, "2 55 13 14 168 025 38"));
  // Sex digit 5 is not a NIR.
  EXPECT_FALSE(Validate(Validator::kNir, "5 55 08 14 168 025 38"));
}

TEST(ValidatorsTest, NirCorsicaReplacesLettersNotByZero) {
  // 2A -> 19: key of 2530719073004 is 97 - (2530719073004 mod 97) = 43.
  EXPECT_TRUE(Validate(Validator::kNir, "2 53 07 2A 073 004 43"));
  // The wrong shortcut (2A -> 20) would give another key.
  EXPECT_FALSE(Validate(Validator::kNir, "2 53 07 2A 073 004 21"));
}

TEST(ValidatorsTest, NirWithoutKeyChecksTheFormatOnly) {
  EXPECT_TRUE(Validate(Validator::kNirWithoutKey, "2 55 08 14 168 025"));
  EXPECT_TRUE(Validate(Validator::kNirWithoutKey, "1 53 07 2B 073 004"));
  EXPECT_FALSE(Validate(Validator::kNirWithoutKey, "2 55 15 14 168 025"));
  EXPECT_FALSE(Validate(Validator::kNirWithoutKey, "2 55 08 14 168 02"));
}

TEST(ValidatorsTest, RppsIsElevenDigitsWithLuhn) {
  EXPECT_TRUE(Validate(Validator::kRpps, "10003456786"));
  EXPECT_FALSE(Validate(Validator::kRpps, "10003456785"));
  EXPECT_FALSE(Validate(Validator::kRpps, "1000345678"));
  EXPECT_TRUE(Validate(Validator::kLuhn, "4539 1488 0343 6467"));
  EXPECT_FALSE(Validate(Validator::kLuhn, "4539 1488 0343 6468"));
}

TEST(ValidatorsTest, IbanRefusesBadChecksOrCountry) {
  EXPECT_FALSE(
      Validate(Validator::kIbanFr, "FR15 2004 1010 0505 0001 3M02 606"));
  EXPECT_FALSE(
      Validate(Validator::kIbanFr, "FR14 2004 1010 0505 0001 3M02 607"));
  EXPECT_FALSE(Validate(Validator::kIbanFr, "DE89 3704 0044 0532 0130 00"));
}

TEST(ValidatorsTest, FrenchPhoneNumbersInTheirUsualForms) {
  for (const char* valid :
       {"06 12 34 56 78", "06.12.34.56.78", "0612345678", "+33 6 12 34 56 78",
        "+33 (0)6 12 34 56 78", "0033 6 12 34 56 78", "02 40 08 33 33"}) {
    EXPECT_TRUE(Validate(Validator::kPhoneFr, valid)) << valid;
  }
  for (const char* invalid :
       {"06 12 34 56", "00 12 34 56 78", "+44 20 7946 0958", "6 12 34 56 78"}) {
    EXPECT_FALSE(Validate(Validator::kPhoneFr, invalid)) << invalid;
  }
  EXPECT_EQ(CanonicalForm(Validator::kPhoneFr, "+33 2 40 08 33 33"),
            "0240083333");
  EXPECT_EQ(CanonicalForm(Validator::kPhoneFr, "02.40.08.33.33"), "0240083333");
}

TEST(ValidatorsTest, Email) {
  EXPECT_TRUE(Validate(Validator::kEmail, "jeanne.durand@gmail.com"));
  EXPECT_TRUE(Validate(Validator::kEmail, "a@chu-nantes.fr"));
  EXPECT_FALSE(Validate(Validator::kEmail, "jeanne@localhost"));
  EXPECT_FALSE(Validate(Validator::kEmail, "jeanne..d@gmail.com"));
  EXPECT_FALSE(Validate(Validator::kEmail, "@gmail.com"));
  EXPECT_FALSE(Validate(Validator::kEmail, "a@b@c.fr"));
}

TEST(ValidatorsTest, DatesMustExistOnTheCalendar) {
  for (const char* valid :
       {"12/03/1987", "29/02/2024", "12.03.87", "1987-03-12", "12 mars 1987",
        "1er janvier 2001", "3 août 1954", "3 AOUT 1954"}) {
    EXPECT_TRUE(Validate(Validator::kDate, valid)) << valid;
  }
  for (const char* invalid : {"29/02/2023", "31/04/1990", "12/13/1987",
                              "00/01/2000", "12 brumaire 1987", "12/03/1787"}) {
    EXPECT_FALSE(Validate(Validator::kDate, invalid)) << invalid;
  }
}

TEST(ValidatorsTest, NamesOfValidators) {
  EXPECT_EQ(ValidatorFromName("nir"), Validator::kNir);
  EXPECT_EQ(ValidatorFromName("iban_fr"), Validator::kIbanFr);
  EXPECT_FALSE(ValidatorFromName("siren").has_value());
}

}  // namespace
}  // namespace vigie
