import { defineSearchAttributeKey } from '@temporalio/common';

/** Custom search attributes, registered on the dev server at start (tools/stack/temporal.ts). */
export const SA_CASE_ID = defineSearchAttributeKey('CaseId', 'KEYWORD');
export const SA_SECTOR = defineSearchAttributeKey('Sector', 'KEYWORD');
export const SA_JURISDICTION = defineSearchAttributeKey('Jurisdiction', 'KEYWORD');
export const SA_PROCEDURE = defineSearchAttributeKey('Procedure', 'KEYWORD');

export const SEARCH_ATTRIBUTES = [SA_CASE_ID, SA_SECTOR, SA_JURISDICTION, SA_PROCEDURE];
