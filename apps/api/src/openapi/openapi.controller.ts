import { Controller, Get, Header } from '@nestjs/common';
import { buildOpenApiDocument } from './registry';

const DOCS_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Anjian API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="ui" data-url="/openapi.json"></div><script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script></body></html>`;

/** A file, not an inline script, so the page's Content-Security-Policy can say script-src 'self'. */
const DOCS_INIT = "SwaggerUIBundle({ url: document.getElementById('ui').dataset.url, dom_id: '#ui' });\n";

@Controller()
export class OpenApiController {
  private document: unknown;

  @Get('openapi.json')
  openapi(): unknown {
    this.document ??= buildOpenApiDocument();
    return this.document;
  }

  @Get('docs')
  @Header('content-type', 'text/html; charset=utf-8')
  docs(): string {
    return DOCS_HTML;
  }

  @Get('docs/init.js')
  @Header('content-type', 'text/javascript; charset=utf-8')
  docsInit(): string {
    return DOCS_INIT;
  }
}
