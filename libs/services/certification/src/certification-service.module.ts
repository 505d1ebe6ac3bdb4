import { Module, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { Readiness } from '@bj/service-kit';

const SERVICE = 'certification';

@Module({})
export class CertificationServiceModule implements OnModuleInit, OnApplicationBootstrap {
  constructor(private readonly readiness: Readiness) {}

  onModuleInit(): void {
    this.readiness.expect(SERVICE);
  }

  onApplicationBootstrap(): void {
    this.readiness.ready(SERVICE);
  }
}
