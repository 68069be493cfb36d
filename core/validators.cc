#include "core/validators.h"

#include <array>
#include <cstdint>

#include "core/text.h"

namespace vigie {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Keeps letters and digits, upper-cased; drops the separators people put
// between groups (spaces, dots, dashes, slashes, non-breaking spaces).
std::string Compact(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c >= 'a' && c <= 'z') {
      out.push_back(static_cast<char>(c - 32));
    } else if (IsDigit(c) || (c >= 'A' && c <= 'Z')) {
      out.push_back(c);
    }
  }
  return out;
}

bool AllDigits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

int TwoDigits(std::string_view text, size_t pos) {
  return (text[pos] - '0') * 10 + (text[pos + 1] - '0');
}

uint64_t Mod97OfDigits(std::string_view digits) {
  uint64_t rest = 0;
  for (char c : digits) {
    rest = (rest * 10 + static_cast<uint64_t>(c - '0')) % 97;
  }
  return rest;
}

// Checks the 13 first characters of a NIR and writes them as 13 digits
// (Corsica: 2A -> 19, 2B -> 18).
bool NirBody(std::string_view body, std::string* digits) {
  if (body.size() != 13) return false;
  const char sex = body[0];
  if (sex != '1' && sex != '2' && sex != '3' && sex != '4' && sex != '7' &&
      sex != '8') {
    return false;
  }
  std::string out(body);
  // Département: positions 5-6 (0-based), "2A"/"2B" for Corsica.
  if (body[5] == '2' && (body[6] == 'A' || body[6] == 'B')) {
    out.replace(5, 2, body[6] == 'A' ? "19" : "18");
  }
  if (!AllDigits(out)) return false;
  const int month = TwoDigits(out, 3);
  const bool month_ok = (month >= 1 && month <= 12) ||
                        (month >= 20 && month <= 42) || month >= 50;
  const int department = TwoDigits(out, 5);
  if (!month_ok || department == 0 || department == 96) return false;
  *digits = out;
  return true;
}

bool ValidNir(std::string_view match) {
  const std::string compact = Compact(match);
  if (compact.size() != 15 || !AllDigits(compact.substr(13))) return false;
  std::string digits;
  if (!NirBody(compact.substr(0, 13), &digits)) return false;
  const int key = TwoDigits(compact, 13);
  return key == 97 - static_cast<int>(Mod97OfDigits(digits));
}

bool ValidNirWithoutKey(std::string_view match) {
  std::string digits;
  return NirBody(Compact(match), &digits);
}

bool ValidLuhn(std::string_view digits) {
  if (!AllDigits(digits) || digits.size() < 2) return false;
  int sum = 0;
  bool twice = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int d = *it - '0';
    if (twice) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    twice = !twice;
  }
  return sum % 10 == 0;
}

// Value of an IBAN / RIB character: digits as is; for the ISO check A=10..Z=35.
int IsoValue(char c) { return IsDigit(c) ? c - '0' : c - 'A' + 10; }

// Letters in a RIB account number stand for digits (A,J -> 1; B,K,S -> 2...).
char RibDigit(char c) {
  if (IsDigit(c)) return c;
  static constexpr std::string_view kTable = "12345678912345678923456789";
  return kTable[c - 'A'];
}

bool ValidIbanFr(std::string_view match) {
  const std::string iban = Compact(match);
  if (iban.size() != 27 || iban.compare(0, 2, "FR") != 0) return false;
  if (!AllDigits(iban.substr(2, 2))) return false;
  uint64_t rest = 0;
  const std::string rotated = iban.substr(4) + iban.substr(0, 4);
  for (char c : rotated) {
    const int value = IsoValue(c);
    rest =
        (value >= 10 ? rest * 100 : rest * 10) + static_cast<uint64_t>(value);
    rest %= 97;
  }
  if (rest != 1) return false;
  // Inner RIB: bank (5) branch (5) account (11) key (2).
  std::string rib;
  for (char c : iban.substr(4, 21)) rib.push_back(RibDigit(c));
  if (!AllDigits(iban.substr(25, 2))) return false;
  const uint64_t bank = Mod97OfDigits(rib.substr(0, 5));
  const uint64_t branch = Mod97OfDigits(rib.substr(5, 5));
  const uint64_t account = Mod97OfDigits(rib.substr(10, 11));
  const int key =
      97 - static_cast<int>((89 * bank + 15 * branch + 3 * account) % 97);
  return key == TwoDigits(iban, 25);
}

// National form "0XXXXXXXXX" of a French number, or "" when it is not one.
std::string NationalPhone(std::string_view match) {
  std::string digits;
  size_t pos = 0;
  bool international = false;
  if (!match.empty() && match[0] == '+') {
    international = true;
    pos = 1;
  }
  for (; pos < match.size(); ++pos) {
    if (IsDigit(match[pos])) digits.push_back(match[pos]);
  }
  // "+33 (0)6 12..." writes the trunk 0 after the country code.
  const auto drop_trunk_zero = [&](size_t at) {
    if (digits.size() == at + 10 && digits[at] == '0') digits.erase(at, 1);
  };
  if (international || digits.compare(0, 4, "0033") == 0) {
    const size_t country = international ? 0 : 2;
    if (digits.compare(country, 2, "33") != 0) return "";
    drop_trunk_zero(country + 2);
    digits = "0" + digits.substr(country + 2);
  }
  if (digits.size() != 10 || digits[0] != '0' || digits[1] == '0') return "";
  return digits;
}

bool ValidEmail(std::string_view match) {
  const size_t at = match.find('@');
  if (at == std::string_view::npos || at == 0 ||
      match.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  const std::string_view local = match.substr(0, at);
  const std::string_view domain = match.substr(at + 1);
  const size_t last_dot = domain.rfind('.');
  if (last_dot == std::string_view::npos || last_dot == 0) return false;
  const std::string_view tld = domain.substr(last_dot + 1);
  if (tld.size() < 2) return false;
  for (char c : tld) {
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
  }
  const auto bad_dots = [](std::string_view part) {
    return part.front() == '.' || part.back() == '.' ||
           part.find("..") != std::string_view::npos;
  };
  return !bad_dots(local) && !bad_dots(domain);
}

constexpr std::array<std::string_view, 12> kMonths = {
    "janvier", "fevrier", "mars",      "avril",   "mai",      "juin",
    "juillet", "aout",    "septembre", "octobre", "novembre", "decembre"};

bool IsLeapYear(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

bool RealDate(int day, int month, int year) {
  static constexpr std::array<int, 12> kDays = {31, 29, 31, 30, 31, 30,
                                                31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1) return false;
  if (month == 2 && day == 29) return IsLeapYear(year);
  return day <= kDays[month - 1];
}

// Accepts "12/03/1987", "12.03.87", "1987-03-12", "12 mars 1987", "1er mars
// 1987": the numbers found, in order, with the month as a number or a word.
bool ValidDate(std::string_view match) {
  const std::string folded = Fold(match);
  std::array<int, 3> numbers{};
  std::array<int, 3> widths{};
  int count = 0;
  int word_month = 0;
  size_t pos = 0;
  while (pos < folded.size() && count <= 3) {
    if (IsDigit(folded[pos])) {
      int value = 0;
      int width = 0;
      while (pos < folded.size() && IsDigit(folded[pos]) && width < 5) {
        value = value * 10 + (folded[pos++] - '0');
        ++width;
      }
      if (count == 3) return false;
      numbers[count] = value;
      widths[count++] = width;
    } else if (folded[pos] >= 'a' && folded[pos] <= 'z') {
      const size_t start = pos;
      while (pos < folded.size() && folded[pos] >= 'a' && folded[pos] <= 'z') {
        ++pos;
      }
      const std::string_view all = folded;
      const std::string_view word = all.substr(start, pos - start);
      for (size_t m = 0; m < kMonths.size(); ++m) {
        if (word == kMonths[m]) word_month = static_cast<int>(m) + 1;
      }
    } else {
      ++pos;
    }
  }
  int day = 0;
  int month = 0;
  int year = 0;
  if (word_month != 0 && count == 2) {
    day = numbers[0];
    month = word_month;
    year = numbers[1];
  } else if (word_month == 0 && count == 3 && widths[0] == 4) {
    year = numbers[0];
    month = numbers[1];
    day = numbers[2];
  } else if (word_month == 0 && count == 3) {
    day = numbers[0];
    month = numbers[1];
    year = numbers[2];
  } else {
    return false;
  }
  if (year < 100) year += 1900;  // two digits: a birth year, not a future one
  if (year < 1900 || year > 2099) return false;
  return RealDate(day, month, year);
}

}  // namespace

std::optional<Validator> ValidatorFromName(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, Validator>, 8>
      kNames = {{{"nir", Validator::kNir},
                 {"nir_without_key", Validator::kNirWithoutKey},
                 {"rpps", Validator::kRpps},
                 {"luhn", Validator::kLuhn},
                 {"iban_fr", Validator::kIbanFr},
                 {"phone_fr", Validator::kPhoneFr},
                 {"email", Validator::kEmail},
                 {"date", Validator::kDate}}};
  for (const auto& [known, validator] : kNames) {
    if (known == name) return validator;
  }
  return std::nullopt;
}

bool Validate(Validator validator, std::string_view match) {
  switch (validator) {
    case Validator::kNone:
      return true;
    case Validator::kNir:
      return ValidNir(match);
    case Validator::kNirWithoutKey:
      return ValidNirWithoutKey(match);
    case Validator::kRpps: {
      const std::string digits = Compact(match);
      return digits.size() == 11 && ValidLuhn(digits);
    }
    case Validator::kLuhn:
      return ValidLuhn(Compact(match));
    case Validator::kIbanFr:
      return ValidIbanFr(match);
    case Validator::kPhoneFr:
      return !NationalPhone(match).empty();
    case Validator::kEmail:
      return ValidEmail(match);
    case Validator::kDate:
      return ValidDate(match);
  }
  return false;
}

std::string CanonicalForm(Validator validator, std::string_view match) {
  if (validator == Validator::kPhoneFr) {
    std::string national = NationalPhone(match);
    if (!national.empty()) return national;
  }
  return FoldAlnum(match);
}

}  // namespace vigie
