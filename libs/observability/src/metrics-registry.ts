import { Injectable } from '@nestjs/common';
import { Registry } from 'prom-client';

/**
 * The metrics of one application instance. Not prom-client's global registry: the tests run an
 * api and workers in one process, and each must count only its own.
 */
@Injectable()
export class MetricsRegistry extends Registry {}
