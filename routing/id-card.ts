// Mainland resident identity card numbers (GB 11643-1999): 17 digits and a check character.
// A number only counts as an ID when region, birth date and checksum all hold, so that order
// numbers and bank references are not mistaken for (and masked as) someone's identity.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** The check character (0-9 or X) of the first 17 digits. */
export function idCardCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

function isValidBirthDate(yyyymmdd: string): boolean {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

/** True for an 18-character ID number with a plausible region, a real birth date and the right checksum. */
export function isValidIdCard(value: string): boolean {
  if (!/^[1-9]\d{16}[\dXx]$/.test(value)) return false;
  // Province codes run from 11 (Beijing) to 82 (Macao).
  const province = Number(value.slice(0, 2));
  if (province < 11 || province > 82) return false;
  if (!isValidBirthDate(value.slice(6, 14))) return false;
  return idCardCheckChar(value.slice(0, 17)) === value[17]!.toUpperCase();
}
