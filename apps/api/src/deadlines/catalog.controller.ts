import { Controller, Get, Query } from '@nestjs/common';
import { noQuery } from '../http/parse';
import { catalog } from './catalog-data';

/** Read-only reference data (行业领域, 程序与步骤) for forms and the policy editor; no identity needed. */
@Controller('catalog')
export class CatalogController {
  @Get('sectors')
  sectors(@Query() query: unknown) {
    noQuery(query);
    return catalog.sectors;
  }

  @Get('procedures')
  procedures(@Query() query: unknown) {
    noQuery(query);
    return catalog.procedures;
  }
}
