import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CertificateContent } from '@bj/certificate-domain';
import { CURRENT_CERTIFICATE_LAYOUT, renderCertificatePdf, type CertificateLayout } from './certificate-pdf';

interface Pending {
  readonly resolve: (pdf: Buffer) => void;
  readonly reject: (error: Error) => void;
}

interface PoolWorker {
  readonly worker: Worker;
  readonly pending: Map<number, Pending>;
}

/**
 * Renders certificate PDFs on worker threads, so that a batch of thousands uses every core while
 * the main thread signs and records. Each worker renders with the same code, fonts and dates as
 * the main thread, so the bytes (and their SHA-256) are the same wherever a PDF is rendered.
 * With `size` 0 it renders on the calling thread.
 */
export class CertificateRenderPool {
  private readonly workers: PoolWorker[] = [];
  private next = 0;
  private ids = 0;
  private closed = false;

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 0) throw new Error(`a render pool needs a whole number of workers, got ${size}`);
  }

  /** The PDF of `content` in the look `layout` names, with its QR code opening `qrPayloadUrl`. */
  render(content: CertificateContent, qrPayloadUrl: string, layout: CertificateLayout = CURRENT_CERTIFICATE_LAYOUT): Promise<Buffer> {
    if (this.closed) return Promise.reject(new Error('the certificate render pool is closed'));
    if (this.size === 0) return renderCertificatePdf(content, qrPayloadUrl, layout);
    const target = this.worker(this.next++ % this.size);
    const id = this.ids++;
    return new Promise<Buffer>((resolve, reject) => {
      target.pending.set(id, { resolve, reject });
      target.worker.postMessage({ id, content, qrPayloadUrl, layout });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.splice(0).map((w) => w.worker.terminate()));
  }

  /** Started on first use; a worker that dies fails what it held and is replaced on next use. */
  private worker(index: number): PoolWorker {
    const existing = this.workers[index];
    if (existing) return existing;
    const worker = new Worker(join(__dirname, 'render-worker.js'));
    const entry: PoolWorker = { worker, pending: new Map() };
    worker.on('message', ({ id, pdf, error }: { id: number; pdf?: Uint8Array; error?: string }) => {
      const waiting = entry.pending.get(id);
      if (!waiting) return;
      entry.pending.delete(id);
      if (pdf) waiting.resolve(Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength));
      else waiting.reject(new Error(`rendering the certificate failed: ${error}`));
    });
    const fail = (error: Error) => {
      if (this.workers[index] === entry) delete this.workers[index];
      for (const waiting of entry.pending.values()) waiting.reject(error);
      entry.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`a certificate render worker stopped (exit code ${code})`)));
    this.workers[index] = entry;
    return entry;
  }
}
