import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiMetrics } from './metrics.registry';
import './metrics.openapi';

@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: ApiMetrics) {}

  @Get()
  async scrape(@Res() res: Response): Promise<void> {
    const body = await this.metrics.registry.metrics();
    // res.end, not res.send: express would reorder the content type's parameters.
    res.status(200).setHeader('content-type', this.metrics.registry.contentType);
    res.end(body);
  }
}
