import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type EvidenceContentType = 'application/pdf' | 'image/png' | 'image/jpeg';

/** Stores files by the SHA-256 of their content: the same bytes are stored once, and a hash names them forever. */
export interface BlobStore {
  put(bytes: Buffer): Promise<{ sha256: string; size: number }>;
  get(sha256: string): Promise<Buffer | undefined>;
}

const SHA256 = /^[0-9a-f]{64}$/;

/** A folder of content-addressed files (embedded mode): `<dir>/ab/cd/abcd…`. */
export class FileBlobStore implements BlobStore {
  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  private pathOf(sha256: string): string {
    return join(this.dir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(bytes: Buffer): Promise<{ sha256: string; size: number }> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const path = this.pathOf(sha256);
    if (!existsSync(path)) {
      mkdirSync(join(this.dir, sha256.slice(0, 2), sha256.slice(2, 4)), { recursive: true });
      const tmp = `${path}.${process.pid}.tmp`;
      writeFileSync(tmp, bytes);
      renameSync(tmp, path); // atomic: a reader never sees half a file
    }
    return { sha256, size: bytes.length };
  }

  async get(sha256: string): Promise<Buffer | undefined> {
    if (!SHA256.test(sha256)) return undefined;
    const path = this.pathOf(sha256);
    if (!existsSync(path)) return undefined;
    const bytes = readFileSync(path);
    // a file changed on disk no longer matches its name: refuse it rather than serve it
    if (createHash('sha256').update(bytes).digest('hex') !== sha256) throw new Error(`Blob ${sha256} is corrupt on disk`);
    return bytes;
  }
}

/** The evidence file's type by its content (magic bytes), never by its name or the client's word. */
export function sniffEvidenceType(bytes: Buffer): EvidenceContentType | undefined {
  if (bytes.length >= 5 && bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return undefined;
}
