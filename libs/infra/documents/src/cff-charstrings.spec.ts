import { outlineToCharstring } from './cff-charstrings';

describe('outlineToCharstring', () => {
  it('writes relative moves, lines and curves, then endchar', () => {
    const bytes = outlineToCharstring([
      { command: 'moveTo', args: [10, 20] },
      { command: 'lineTo', args: [110, 20] },
      { command: 'bezierCurveTo', args: [110, 30, 100, 40, 90, 40] },
      { command: 'closePath', args: [] },
    ]);
    // 10 20 rmoveto | 100 0 rlineto | 0 10 -10 10 -10 0 rrcurveto | endchar
    expect([...bytes]).toEqual([149, 159, 21, 239, 139, 5, 139, 149, 129, 149, 129, 139, 8, 14]);
  });

  it('uses the two-byte, three-byte and fixed-point operand forms', () => {
    const bytes = outlineToCharstring([{ command: 'moveTo', args: [500, -500] }, { command: 'lineTo', args: [2500, -500.5] }]);
    // 500 = 247 + (392 >> 8), 392 & 255; -500 = 251 + (392 >> 8), 392 & 255
    expect([...bytes.subarray(0, 5)]).toEqual([248, 136, 252, 136, 21]);
    // 2000 = 28 0x07 0xd0; -0.5 = 255 + 16.16 fixed 0xffff8000
    expect([...bytes.subarray(5)]).toEqual([28, 0x07, 0xd0, 255, 0xff, 0xff, 0x80, 0x00, 5, 14]);
  });

  it('turns a quadratic curve into the equivalent cubic', () => {
    const bytes = outlineToCharstring([{ command: 'quadraticCurveTo', args: [30, 30, 60, 0] }]);
    // from (0,0): controls (20,20) and (40,20), end (60,0)
    expect([...bytes]).toEqual([159, 159, 159, 139, 159, 119, 8, 14]);
  });
});
