import { join } from 'node:path';

/** The audit settings (environment variables, see docs/audit.md). */
export interface AuditSettings {
  /** The Ed25519 private key (PEM) that signs checkpoints; created when missing. */
  readonly checkpointKeyFile: string;
  /** Where the app writes the checkpoints it signs (`latest.json` and one file per checkpoint). */
  readonly checkpointDir: string;
  /** Minutes between automatic checkpoints; 0 turns them off. */
  readonly checkpointEveryMinutes: number;
}

export const AUDIT_SETTINGS = Symbol('AUDIT_SETTINGS');

export class AuditSettingsError extends Error {}

/**
 * AUDIT_CHECKPOINT_KEY (default DATA_DIR/audit/checkpoint-key.pem), AUDIT_CHECKPOINT_DIR
 * (default DATA_DIR/audit/checkpoints), AUDIT_CHECKPOINT_MINUTES (default 10; 0 = off).
 */
export function loadAuditSettings(env: NodeJS.ProcessEnv, dataDir: string): AuditSettings {
  const minutesText = env['AUDIT_CHECKPOINT_MINUTES'] ?? '10';
  const minutes = Number(minutesText);
  if (!/^\d+(\.\d+)?$/.test(minutesText) || !Number.isFinite(minutes)) throw new AuditSettingsError(`AUDIT_CHECKPOINT_MINUTES must be a number of minutes ≥ 0 (0: off), got "${minutesText}"`);
  return {
    checkpointKeyFile: env['AUDIT_CHECKPOINT_KEY'] ?? join(dataDir, 'audit', 'checkpoint-key.pem'),
    checkpointDir: env['AUDIT_CHECKPOINT_DIR'] ?? join(dataDir, 'audit', 'checkpoints'),
    checkpointEveryMinutes: minutes,
  };
}
