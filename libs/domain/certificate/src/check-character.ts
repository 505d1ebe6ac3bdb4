/**
 * ISO 7064 MOD 11-2, the check of the resident ID number (GB 11643-1999): over n digits,
 * weight of the digit at index i is 2^(n-i) mod 11; the check is (12 - sum mod 11) mod 11,
 * written 0-9 or X. It catches every single-digit error and every swap of adjacent digits.
 */
export function mod11_2CheckCharacter(digits: string): string {
  if (!/^\d+$/.test(digits)) throw new RangeError(`mod11_2CheckCharacter needs digits only, got ${JSON.stringify(digits)}`);
  let sum = 0;
  let weight = 1;
  for (let i = digits.length - 1; i >= 0; i--) {
    weight = (weight * 2) % 11;
    sum += Number(digits[i]) * weight;
  }
  const check = (12 - (sum % 11)) % 11;
  return check === 10 ? 'X' : String(check);
}

/** True for an 18-character resident ID number (居民身份证号码) whose check character is right. */
export function isValidIdNumber(idNumber: unknown): idNumber is string {
  return typeof idNumber === 'string' && /^\d{17}[\dX]$/.test(idNumber) && mod11_2CheckCharacter(idNumber.slice(0, 17)) === idNumber[17];
}

/**
 * The ID number as public pages show it: the first 6 and last 4 characters kept, the rest
 * masked (110105199001011234 → 110105********1234). Shorter than 11 characters: all masked.
 */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length < 11) return '*'.repeat(idNumber.length);
  return `${idNumber.slice(0, 6)}${'*'.repeat(idNumber.length - 10)}${idNumber.slice(-4)}`;
}
