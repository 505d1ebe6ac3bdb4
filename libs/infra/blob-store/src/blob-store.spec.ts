import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileBlobStore, sniffEvidenceType } from './blob-store';

describe('FileBlobStore', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'blobs-'));

  it('stores bytes under their SHA-256 once, and returns them', async () => {
    const store = new FileBlobStore(dir());
    const a = await store.put(Buffer.from('%PDF-1.7 evidence'));
    const b = await store.put(Buffer.from('%PDF-1.7 evidence'));
    expect(a).toEqual(b);
    expect(a.sha256).toBe(createHash('sha256').update('%PDF-1.7 evidence').digest('hex'));
    expect((await store.get(a.sha256))?.toString()).toBe('%PDF-1.7 evidence');
    expect(await store.get('0'.repeat(64))).toBeUndefined();
    expect(await store.get('../../etc/passwd')).toBeUndefined();
  });

  it('refuses to serve a file altered on disk', async () => {
    const root = dir();
    const store = new FileBlobStore(root);
    const { sha256 } = await store.put(Buffer.from('original'));
    writeFileSync(join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256), 'altered');
    await expect(store.get(sha256)).rejects.toThrow(/corrupt/);
    expect(readdirSync(root)).toHaveLength(1);
  });
});

describe('sniffEvidenceType', () => {
  it.each([
    ['a PDF', Buffer.from('%PDF-1.4\n'), 'application/pdf'],
    ['a PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), 'image/png'],
    ['a JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0]), 'image/jpeg'],
    ['an executable named .pdf', Buffer.from('MZ\x90\x00'), undefined],
    ['an empty file', Buffer.alloc(0), undefined],
  ])('knows %s by its content', (_, bytes, type) => expect(sniffEvidenceType(bytes)).toBe(type));
});
