import { attachmentCitationIssues, citedAttachments } from '@anjian/domain';
import { AttachmentRepository } from '@anjian/persistence';
import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { validationProblem } from '../http/problem';
import { DATA_SOURCE } from '../infrastructure/tokens';

/**
 * The files an input cites must be uploads of the same case (libs/domain/src/procedures/attachment-citations.ts):
 * checked before the input goes to a workflow, so a refused request (400, each reference's field path)
 * changes nothing.
 */
@Injectable()
export class AttachmentCitations {
  private readonly attachments: AttachmentRepository;

  constructor(@Inject(DATA_SOURCE) db: DataSource) {
    this.attachments = new AttachmentRepository(db);
  }

  /** `prefix`: where the input sits in the request ('body', 'body.input'). */
  async assertUploaded(caseId: string, input: unknown, prefix: string): Promise<void> {
    const cited = citedAttachments(input);
    if (cited.length === 0) return;
    const uploaded = await this.attachments.findByDigests(caseId, [...new Set(cited.map((c) => c.reference.sha256))]);
    const issues = attachmentCitationIssues(cited, uploaded);
    if (issues.length > 0)
      throw validationProblem(
        prefix.split('.')[0]!,
        issues.map((i) => ({ path: [prefix, ...i.path].join('.'), message: i.message })),
      );
  }
}
