import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { CaseListRepository, type StalledRow } from '@anjian/persistence';
import { Access } from '../access/access.decorator';
import { principalFrom } from '../http/actor';
import { parse } from '../http/parse';
import { LOGGER } from '../infrastructure/tokens';
import { StalledFilterQuery, StalledPageQuery } from './review.schemas';
import { writeCsv, writeXlsx } from './stalled-export';
import { StalledReviewUseCase } from './stalled.use-case';

const EMPTY: AsyncIterator<StalledRow[]> = { next: async () => ({ done: true, value: undefined }) };

/** GET /review/stalled (+ /counts, .csv, .xlsx): supervisors' and agency heads' stalled-case review. */
@Controller('review')
export class ReviewController {
  constructor(
    private readonly stalled: StalledReviewUseCase,
    private readonly lists: CaseListRepository,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  @Get('stalled')
  @Access('review')
  async page(@Req() req: Request, @Query() query: unknown) {
    return this.stalled.page(principalFrom(req), parse(StalledPageQuery, query, 'query'), new Date().toISOString());
  }

  @Get('stalled/counts')
  @Access('review')
  async counts(@Req() req: Request, @Query() query: unknown) {
    return this.stalled.counts(principalFrom(req), parse(StalledFilterQuery, query, 'query'), new Date().toISOString());
  }

  @Get('stalled.csv')
  @Access('export')
  async csv(@Req() req: Request, @Res() res: Response, @Query() query: unknown) {
    await this.export(req, res, query, 'csv');
  }

  @Get('stalled.xlsx')
  @Access('export')
  async xlsx(@Req() req: Request, @Res() res: Response, @Query() query: unknown) {
    await this.export(req, res, query, 'xlsx');
  }

  /**
   * The first batch is read before any byte is sent, so a bad query or an unreachable database is
   * still a problem+json answer; after that, a failure can only cut the download short (logged).
   */
  private async export(req: Request, res: Response, query: unknown, format: 'csv' | 'xlsx'): Promise<void> {
    const now = new Date().toISOString();
    const q = parse(StalledFilterQuery, query, 'query');
    const f = this.stalled.filters(principalFrom(req), q, now);
    const batches = f ? this.lists.stalledBatches(f, q.sort, q.order) : EMPTY;
    const first = await batches.next();
    const rows = first.done ? [] : first.value;
    const stamp = now.slice(0, 19).replace(/[-:]/g, '');
    res.status(200);
    res.setHeader(
      'Content-Type',
      format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    res.setHeader('Content-Disposition', `attachment; filename="stalled-${stamp}.${format}"`);
    res.setHeader('Cache-Control', 'no-store');
    try {
      await (format === 'csv' ? writeCsv : writeXlsx)(res, rows, batches, now);
    } catch (err) {
      this.log.error({ err, format }, 'stalled-case export failed after it started; the download is cut short');
      res.destroy(err as Error);
    }
  }
}
