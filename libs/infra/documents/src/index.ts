export * from './fonts';
export * from './certificate-pdf';
export * from './certificate-signer';
export * from './issue-document';
export * from './render-pool';
