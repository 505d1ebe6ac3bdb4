/**
 * Type 2 charstrings (Adobe TN #5177) written straight from a glyph's outline, without hints
 * and without subroutines. The CJK fonts hold ~23,000 local subroutines; fontkit keeps one
 * placeholder per subroutine in every subset it writes, which costs tens of milliseconds per
 * font per PDF. A subset whose charstrings call no subroutine needs none, and the outline is
 * the same. (Hints only matter on low-resolution screens.)
 */

/** The outline commands fontkit gives for a glyph (glyph.path.commands), in font units. */
export interface OutlineCommand {
  readonly command: 'moveTo' | 'lineTo' | 'quadraticCurveTo' | 'bezierCurveTo' | 'closePath';
  readonly args: readonly number[];
}

const RMOVETO = 21;
const RLINETO = 5;
const RRCURVETO = 8;
const ENDCHAR = 14;

function pushNumber(out: number[], value: number): void {
  if (Number.isInteger(value) && value >= -107 && value <= 107) out.push(value + 139);
  else if (Number.isInteger(value) && value >= 108 && value <= 1131) {
    const v = value - 108;
    out.push((v >> 8) + 247, v & 0xff);
  } else if (Number.isInteger(value) && value >= -1131 && value <= -108) {
    const v = -value - 108;
    out.push((v >> 8) + 251, v & 0xff);
  } else if (Number.isInteger(value) && value >= -32768 && value <= 32767) {
    out.push(28, (value >> 8) & 0xff, value & 0xff);
  } else {
    const fixed = Math.round(value * 65536) | 0; // 16.16 fixed point
    out.push(255, (fixed >>> 24) & 0xff, (fixed >>> 16) & 0xff, (fixed >>> 8) & 0xff, fixed & 0xff);
  }
}

export function outlineToCharstring(commands: readonly OutlineCommand[]): Uint8Array {
  const out: number[] = [];
  let x = 0;
  let y = 0;
  const delta = (nx: number, ny: number) => {
    pushNumber(out, nx - x);
    pushNumber(out, ny - y);
    x = nx;
    y = ny;
  };
  for (const { command, args } of commands) {
    const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = args;
    switch (command) {
      case 'moveTo':
        delta(a, b);
        out.push(RMOVETO);
        break;
      case 'lineTo':
        delta(a, b);
        out.push(RLINETO);
        break;
      case 'bezierCurveTo':
        delta(a, b);
        delta(c, d);
        delta(e, f);
        out.push(RRCURVETO);
        break;
      case 'quadraticCurveTo': {
        // the cubic through the same points: control points 2/3 of the way to the quadratic's
        const [qx, qy, ex, ey] = [a, b, c, d];
        const [sx, sy] = [x, y];
        delta(sx + ((qx - sx) * 2) / 3, sy + ((qy - sy) * 2) / 3);
        delta(ex + ((qx - ex) * 2) / 3, ey + ((qy - ey) * 2) / 3);
        delta(ex, ey);
        out.push(RRCURVETO);
        break;
      }
      case 'closePath':
        break; // a Type 2 contour closes itself at the next rmoveto or endchar
    }
  }
  out.push(ENDCHAR);
  return Uint8Array.from(out);
}
