import { Controller, Get } from '@nestjs/common';
import { catalog } from './catalog-data';

/** Read-only reference data (行业领域, 程序与步骤) for forms and the policy editor; no identity needed. */
@Controller('catalog')
export class CatalogController {
  @Get('sectors')
  sectors() {
    return catalog.sectors;
  }

  @Get('procedures')
  procedures() {
    return catalog.procedures;
  }
}
