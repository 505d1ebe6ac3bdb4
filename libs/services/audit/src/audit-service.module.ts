import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@bj/service-kit';
import { AUDIT_SETTINGS, loadAuditSettings } from './audit-settings';
import { CheckpointService } from './use-cases/checkpoints/checkpoint.service';
import { CheckpointsController } from './use-cases/checkpoints/checkpoints.controller';
import { PointInTimeController } from './use-cases/point-in-time/point-in-time.controller';
import { SessionAuditController } from './use-cases/session-audit/session-audit.controller';
import { VerifyLogController } from './use-cases/verify-log/verify-log.controller';

/** The auditors' tools (审计): log verification, signed checkpoints, point-in-time state, trails, session audit. All read-only, AUDITOR only. */
@Module({
  controllers: [VerifyLogController, CheckpointsController, PointInTimeController, SessionAuditController],
  providers: [
    { provide: AUDIT_SETTINGS, inject: [APP_CONFIG], useFactory: (config: AppConfig) => loadAuditSettings(process.env, config.dataDir) },
    CheckpointService,
  ],
})
export class AuditServiceModule {}
