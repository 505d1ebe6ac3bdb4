import { Controller, Get, Inject, Injectable } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, type HealthIndicatorResult } from '@nestjs/terminus';
import type { EventStore } from '@bj/event-store';
import { Public } from './access';
import { ProjectionHost } from './projection-host';
import { EVENT_STORE } from './runtime';

/** Each service marks itself ready once its module has started; /health waits for all of them. */
@Injectable()
export class Readiness {
  private readonly services = new Map<string, boolean>();
  expect(service: string): void {
    if (!this.services.has(service)) this.services.set(service, false);
  }
  ready(service: string): void {
    this.services.set(service, true);
  }
  status(): Record<string, boolean> {
    return Object.fromEntries(this.services);
  }
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly readiness: Readiness,
    private readonly projections: ProjectionHost,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get()
  @Public()
  @HealthCheck()
  check() {
    return this.health.check([
      async (): Promise<HealthIndicatorResult> => {
        const head = await this.store.headPosition();
        return { eventStore: { status: 'up', headPosition: head, projectedPosition: this.projections.handledPosition } };
      },
      async (): Promise<HealthIndicatorResult> => {
        const services = this.readiness.status();
        const allReady = Object.values(services).length > 0 && Object.values(services).every(Boolean);
        const result: HealthIndicatorResult = { services: { status: allReady ? 'up' : 'down', ...services } };
        if (!allReady) throw Object.assign(new Error('services not ready'), { causes: result, isHealthCheckError: true });
        return result;
      },
    ]);
  }
}
