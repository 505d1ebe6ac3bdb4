import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { canonicalJson } from './canonical-json';
import { GENESIS_HASH, type UnhashedEvent, computeEventHash, computeEventHashFromStoredBytes, computeEventHashFromStoredText } from './hash-chain';

const event: UnhashedEvent = {
  eventId: '01965b1e-0000-7000-8000-000000000001',
  streamId: 'declaration-1',
  streamVersion: 1,
  globalPosition: 1,
  type: 'DeclarationSubmitted',
  schemaVersion: 1,
  data: { name: '张三', level: 'SENIOR' },
  metadata: { actorId: 'u1', actorRole: 'APPLICANT', correlationId: 'c1', occurredAt: '2026-03-01T08:00:00.000Z' },
  recordedAt: '2026-03-01T08:00:01.000Z',
  prevHash: GENESIS_HASH,
};

describe('event hash', () => {
  it('starts the chain from 64 zeros', () => {
    expect(GENESIS_HASH).toBe('0'.repeat(64));
  });

  it('is SHA-256 hex over the canonical JSON of the ten envelope members', () => {
    const canonical =
      '{"data":{"level":"SENIOR","name":"张三"},"eventId":"01965b1e-0000-7000-8000-000000000001","globalPosition":1,' +
      '"metadata":{"actorId":"u1","actorRole":"APPLICANT","correlationId":"c1","occurredAt":"2026-03-01T08:00:00.000Z"},' +
      `"prevHash":"${GENESIS_HASH}","recordedAt":"2026-03-01T08:00:01.000Z","schemaVersion":1,` +
      '"streamId":"declaration-1","streamVersion":1,"type":"DeclarationSubmitted"}';
    expect(computeEventHash(event)).toBe(createHash('sha256').update(canonical, 'utf8').digest('hex'));
  });

  it('ignores members outside the envelope, such as the stored hash', () => {
    expect(computeEventHash({ ...event, hash: 'whatever' } as UnhashedEvent)).toBe(computeEventHash(event));
  });

  it.each([
    ['eventId', 'other-id'],
    ['streamId', 'declaration-2'],
    ['streamVersion', 2],
    ['globalPosition', 2],
    ['type', 'DeclarationWithdrawn'],
    ['schemaVersion', 2],
    ['data', { name: '李四', level: 'SENIOR' }],
    ['metadata', { ...event.metadata, actorId: 'u2' }],
    ['recordedAt', '2026-03-01T08:00:02.000Z'],
    ['prevHash', 'f'.repeat(64)],
  ])('changes when %s changes', (member, value) => {
    expect(computeEventHash({ ...event, [member]: value })).not.toBe(computeEventHash(event));
  });

  describe('from the stored text', () => {
    const text = (e: UnhashedEvent, data = canonicalJson(e.data), metadata = canonicalJson(e.metadata)) => ({ ...e, dataText: data, metadataText: metadata });

    it('equals computeEventHash on canonical text, for any data, ids and hostile strings', () => {
      const hostile = fc.string({ unit: fc.constantFrom('"', '\\', '\n', '\u2028', '\u0000', '张', '😀', '\ud800', 'a', '}', ',') });
      fc.assert(
        fc.property(
          fc.record({ id: fc.oneof(fc.uuid(), hostile), stream: hostile, type: hostile, version: fc.integer({ min: 1, max: 2 ** 31 }), position: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), data: fc.jsonValue() }),
          ({ id, stream, type, version, position, data }) => {
            const e: UnhashedEvent = { ...event, eventId: id, streamId: stream, type, streamVersion: version, globalPosition: position, data: data as UnhashedEvent['data'], recordedAt: `${stream}Z` };
            expect(computeEventHashFromStoredText(text(e))).toBe(computeEventHash(e));
            // and from the UTF-8 bytes a database hands back for the text
            expect(computeEventHashFromStoredBytes(e, Buffer.from(canonicalJson(e.data), 'utf8'), Buffer.from(canonicalJson(e.metadata), 'utf8'))).toBe(computeEventHash(e));
          },
        ),
        { numRuns: 300 },
      );
    });

    it('differs when the stored text is not canonical, even if it parses to the same value', () => {
      expect(computeEventHashFromStoredText(text(event, '{"name":"张三","level":"SENIOR"}'))).not.toBe(computeEventHash(event));
      expect(computeEventHashFromStoredText(text(event, '{"level": "SENIOR","name":"张三"}'))).not.toBe(computeEventHash(event));
    });
  });
});
