import type { DataSource } from 'typeorm';
import { caseBody } from '../../test/support/fixtures';
import { http } from '../../test/support/http';
import { uploadFile } from '../../test/support/uploads';

/** The report's file: uploaded to every case openCase opens (an action cites only files uploaded to its own case). */
const REPORT_FILE = '整改报告.pdf';

/** How an officer action reaches a case in this build. */
export interface ActionRoute {
  path: (caseId: string) => string;
  body: unknown;
  label: string;
  /** The HTTP server span's name (method and route template) in a trace. */
  spanName: string;
}

/** The reference every opened case's upload answers (the same bytes, so the same reference). */
let reportReference: { name: string; sha256: string; size: number } | null = null;

export async function openCase(baseUrl: string): Promise<{ id: string; procedureId: string | null }> {
  const r = await http(baseUrl, 'POST', '/cases', caseBody({ reportDueAt: new Date(Date.now() + 86_400_000).toISOString() }));
  if (r.status !== 201) throw new Error(`open failed: ${r.status} ${JSON.stringify(r.body)}`);
  const procedureId = (r.body.procedures as { procedureId: string }[] | undefined)?.[0]?.procedureId ?? null;
  reportReference = await uploadFile(baseUrl, r.body.id as string, REPORT_FILE);
  return { id: r.body.id as string, procedureId };
}

/**
 * Which engine POST /cases starts in this build — the case workflow with a procedure child (then the
 * report is the procedure action route), or the legacy rectification workflow (then its alias) —
 * found by opening one case and reading its workflow id from the projection.
 */
export async function actionRouteFor(baseUrl: string, db: DataSource): Promise<{ route: ActionRoute; engine: string }> {
  const probe = await openCase(baseUrl);
  const [row] = (await db.query('SELECT workflow_id FROM cases WHERE id = $1', [probe.id])) as { workflow_id: string }[];
  if (!(row?.workflow_id.endsWith('-rectification') ?? false)) {
    const procedureId = probe.procedureId ?? 'rectification-1';
    return {
      engine: 'case workflow (caseWorkflow + procedureWorkflow child)',
      route: {
        path: (id) => `/cases/${id}/procedures/${procedureId}/actions/submit_report`,
        // The enterprise's document, recorded by the officer (a reference: name, SHA-256, size), uploaded by openCase.
        body: { summary: '已按要求整改', attachments: [reportReference!] },
        label: `API: POST …/procedures/${procedureId}/actions/submit_report`,
        spanName: 'POST /cases/:id/procedures/:procedureId/actions/:action',
      },
    };
  }
  return {
    engine: 'legacy rectificationWorkflow (POST /cases does not start the case workflow in this build)',
    route: {
      path: (id) => `/cases/${id}/report`,
      body: { summary: '已按要求整改' },
      label: 'API: POST /cases/:id/report (legacy)',
      spanName: 'POST /cases/:id/report',
    },
  };
}
