import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'case_events' })
export class CaseEventEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
  @Column('uuid', { name: 'case_id' }) caseId!: string;
  /** 'main' (legacy single-workflow cases), 'case' (the case workflow) or a procedure id; seq counts per stream. */
  @Column('text') stream!: string;
  @Column('integer') seq!: number;
  @Column('text') type!: string;
  @Column('text') procedure!: string;
  @Column('text', { name: 'step_before', nullable: true }) stepBefore!: string | null;
  @Column('text', { name: 'step_after' }) stepAfter!: string;
  @Column('text', { name: 'actor_id', nullable: true }) actorId!: string | null;
  @Column('text', { name: 'actor_role', nullable: true }) actorRole!: string | null;
  @Column('char', { name: 'actor_jurisdiction', length: 6, nullable: true }) actorJurisdiction!: string | null;
  @Column('text', { nullable: true }) reason!: string | null;
  @Column('jsonb') data!: Record<string, unknown>;
  @Column('timestamptz', { name: 'occurred_at' }) occurredAt!: Date;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt!: Date;
  @Column('char', { name: 'prev_hash', length: 64, nullable: true }) prevHash!: string | null;
  @Column('char', { length: 64 }) hash!: string;
  /** 'hmac-sha256' (keyed, EVENT_CHAIN_KEY) or 'sha256' (rows written before the chain was keyed). */
  @Column('text', { name: 'hash_alg' }) hashAlg!: string;
}
