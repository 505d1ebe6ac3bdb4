// A worker thread of CertificateRenderPool: renders certificate PDFs off the main thread.
// Plain JavaScript so that a Worker can start it; it loads the TypeScript renderer the way
// tools/scripts/run-ts.js does (tools/scripts/ts-register.js: SWC on a file's first load, the
// @bj/* aliases of tsconfig.base.json, the JavaScript cached on disk).
const { parentPort } = require('node:worker_threads');
require('../../../../tools/scripts/ts-register');
const { renderCertificatePdf } = require('./certificate-pdf.ts');

parentPort.on('message', ({ id, content, qrPayloadUrl, layout }) => {
  // a renderer that throws at once is answered like one that rejects: the worker carries on
  new Promise((resolve) => resolve(renderCertificatePdf(content, qrPayloadUrl, layout))).then(
    (pdf) => {
      // hand the bytes over without copying them
      const bytes = new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength).slice();
      parentPort.postMessage({ id, pdf: bytes }, [bytes.buffer]);
    },
    (error) => parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) }),
  );
});
