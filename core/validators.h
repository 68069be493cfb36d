// Checksums and plausibility checks for the French identifiers a post must
// never carry (see ../shared/docs/detection-notes.md). A pattern rule names
// one of them; a match the validator rejects is dropped.

#ifndef VIGIE_CORE_VALIDATORS_H_
#define VIGIE_CORE_VALIDATORS_H_

#include <optional>
#include <string>
#include <string_view>

namespace vigie {

enum class Validator {
  kNone,
  kNir,            // NIR / INS: 15 characters, key = 97 - (13 first mod 97)
  kNirWithoutKey,  // the 13 first characters of a NIR, well formed
  kRpps,           // 11 digits, Luhn
  kLuhn,           // any digit string with a valid Luhn check digit
  kIbanFr,         // FR IBAN: ISO 7064 mod 97-10 and the inner RIB key
  kPhoneFr,        // +33 / 0033 / 0 followed by [1-9] and 8 digits
  kEmail,          // local@domain.tld
  kDate,           // a real calendar date, numeric or with a French month
};

// Returns the validator named `name` in a rule pack ("nir", "rpps"...), or
// nullopt for an unknown name.
std::optional<Validator> ValidatorFromName(std::string_view name);

// Returns true iff `match` (as found in the text, separators included) passes
// `validator`. kNone accepts everything.
bool Validate(Validator validator, std::string_view match);

// The form under which a match is compared with an allow-list entry: phone
// numbers in their national form ("+33 2 40 08 33 33" -> "0240083333"),
// everything else folded with spaces and punctuation removed.
std::string CanonicalForm(Validator validator, std::string_view match);

}  // namespace vigie

#endif  // VIGIE_CORE_VALIDATORS_H_
