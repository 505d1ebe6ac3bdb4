import { creditCodeCheckCharacter, idNumberBirthDate, idNumberCheckDigit } from './check-characters';

describe('GB 11643 ID number check digit', () => {
  it.each([
    ['11010519900101001', '0'],
    ['11010519900101002', '9'],
    ['11010519900101007', 'X'],
    ['11010519491231002', 'X'], // the example of GB 11643-1999
  ])('%s → %s', (first17, digit) => expect(idNumberCheckDigit(first17)).toBe(digit));

  it('reads the birth date', () => expect(idNumberBirthDate('110105199001010010')).toBe('1990-01-01'));
});

describe('GB 32100 credit code check character', () => {
  it.each([
    ['91110108000000001', 'A'],
    ['91110108000000002', 'D'],
    ['91110108000000007', 'W'],
    ['91350100M000100Y4', '3'], // a published example code
  ])('%s → %s', (first17, c) => expect(creditCodeCheckCharacter(first17)).toBe(c));
});
