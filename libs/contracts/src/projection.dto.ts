import type { CasePatch, NewCase, SequencedEvent } from '@anjian/domain';

/** Plain shapes crossing the workflow → activity boundary (serialised as JSON in history). */
export type SequencedEventDto = SequencedEvent;
export type CasePatchDto = CasePatch;
export type NewCaseDto = NewCase;
