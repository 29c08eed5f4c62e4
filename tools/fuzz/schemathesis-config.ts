import type { FuzzDictionaries } from './seed-data';

/** Checks whose failure fails the run: a 5xx, or a response the OpenAPI document does not describe. */
export const FUZZ_CHECKS = [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_headers_conformance',
  'response_schema_conformance',
  // A method the path does not have answers 405 with Allow (issue 10), not 404.
  'unsupported_method',
  // Without a header the document requires, the answer is a 4xx.
  'missing_required_header',
  // Data the document forbids must not be accepted with a 2xx (the document says what is valid).
  'negative_data_rejection',
] as const;

const q = (s: string) => JSON.stringify(s); // a JSON string is a valid TOML basic string
const list = (values: Array<string | number>) => `[${values.map((v) => (typeof v === 'number' ? String(v) : q(v))).join(', ')}]`;

/**
 * schemathesis.toml for one run: path ids, versions and jurisdictions are drawn from known values
 * part of the time (the rest stays generated), so requests reach real cases, drafts and calendars
 * instead of ending at 404 or 403.
 */
export function schemathesisConfig(d: FuzzDictionaries, probability = 0.6): string {
  const bind = (dictionary: string) => `{ dictionary = ${q(dictionary)}, probability = ${probability} }`;
  return [
    '[dictionaries]',
    `case-ids = { values = ${list(d.caseIds)} }`,
    `procedure-ids = { values = ${list(d.procedureIds)} }`,
    `policy-versions = { values = ${list(d.policyVersions)} }`,
    `calendar-ids = { values = ${list(d.calendarIds)} }`,
    `jurisdictions = { values = ${list(d.jurisdictions)} }`,
    `sectors = { values = ${list(d.sectors)} }`,
    `credit-codes = { values = ${list(d.creditCodes)} }`,
    `procedures = { values = ${list(d.procedures)} }`,
    `steps = { values = ${list(d.steps)} }`,
    `instants = { values = ${list(d.instants)} }`,
    '',
    // A body the document forbids that is also over the size limit is refused with 413: a rejection too.
    '[checks.negative_data_rejection]',
    'expected-statuses = [400, 401, 403, 404, 405, 406, 409, 413, 415, 422, 428, 429, "5xx"]',
    '',
    // A procedure's routes draw the case and the procedure instance (rectification-1, …) from the seeds.
    '[[operations]]',
    `include-path-regex = ${q('^/cases/\\{id\\}/procedures/\\{procedureId\\}/')}`,
    `parameters = { "path.id" = ${bind('case-ids')}, "path.procedureId" = ${bind('procedure-ids')} }`,
    '',
    '[[operations]]',
    `include-path-regex = ${q('^/cases/')}`,
    `exclude-path-regex = ${q('^/cases/\\{id\\}/procedures/\\{procedureId\\}/')}`,
    `parameters = { "path.id" = ${bind('case-ids')} }`,
    '',
    '[[operations]]',
    `include-path-regex = ${q('^/admin/policies/')}`,
    `parameters = { "path.version" = ${bind('policy-versions')} }`,
    '',
    '[[operations]]',
    `include-path-regex = ${q('^/admin/calendars/')}`,
    `parameters = { "path.id" = ${bind('calendar-ids')} }`,
    '',
    '[[operations]]',
    `include-path = ${q('/cases')}`,
    'include-method = "POST"',
    `parameters = { "body.jurisdiction" = ${bind('jurisdictions')}, "body.sector" = ${bind('sectors')}, "body.enterprise.creditCode" = ${bind('credit-codes')} }`,
    '',
    '[[operations]]',
    `include-path = ${q('/policies/resolve')}`,
    `parameters = { "query.sector" = ${bind('sectors')}, "query.jurisdiction" = ${bind('jurisdictions')}, "query.procedure" = ${bind('procedures')}, "query.step" = ${bind('steps')} }`,
    '',
    '[[operations]]',
    `include-path = ${q('/deadlines/calculate')}`,
    `parameters = { "body.start" = ${bind('instants')}, "body.jurisdiction" = ${bind('jurisdictions')}, "body.procedure" = ${bind('procedures')}, "body.step" = ${bind('steps')}, "body.sector" = ${bind('sectors')} }`,
    '',
  ].join('\n');
}
