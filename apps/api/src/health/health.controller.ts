import { Controller, Get } from '@nestjs/common';

@Controller('health')
export class HealthController {
  /** The process is up and serving; dependencies are not checked here. */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
