import { Module, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { Readiness } from '@bj/service-kit';

const SERVICE = 'review';

@Module({})
export class ReviewServiceModule implements OnModuleInit, OnApplicationBootstrap {
  constructor(private readonly readiness: Readiness) {}

  onModuleInit(): void {
    this.readiness.expect(SERVICE);
  }

  onApplicationBootstrap(): void {
    this.readiness.ready(SERVICE);
  }
}
