import { vnDateOf } from '../../kernel/dates.ts';
import { AppError } from '../../kernel/errors.ts';
import type { AuditTrail } from '../../platform/audit/audit-trail.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db, Queryable } from '../../platform/db/db.ts';
import { birthYearOf, initialsOf, maskTail } from '../../platform/documents/masking.ts';
import { documentDigest, type Bilingual, type DocumentKind } from '../../platform/documents/model.ts';
import { checkPdf } from '../../platform/documents/pdf-signature.ts';
import { renderDocument, verifyUrlOf } from '../../platform/documents/render.ts';
import type { DocumentKeys } from '../../platform/documents/signer.ts';
import { canonicalJson } from '../../platform/signing/canonical.ts';
import { maySee } from '../access.ts';
import { hubStore } from '../store.ts';
import { documentsOf, type IssuedDocument } from './catalogue.ts';
import { documentStore } from './store.ts';
import { validityOf, type ValidityStatus } from './validity.ts';

export interface DocumentListItem {
  code: string;
  kind: DocumentKind;
  title: Bilingual;
  issuer: string;
  issuedOn: string;
  number: string | null;
  procedure: string;
  pdf: string;
  verifyUrl: string;
}

/** What anyone holding the code may learn: enough to compare with the paper, nothing more. */
export interface Verification {
  genuine: true;
  code: string;
  kind: DocumentKind;
  title: Bilingual;
  issuer: { agency: string; name: Bilingual };
  issuedOn: string;
  number: string | null;
  holder: { initials: string | null; birthYear: string | null };
  valid: boolean;
  status: ValidityStatus;
  reason: Bilingual | null;
  checkedOn: string;
}

export interface PdfVerification {
  /** The file is exactly as the platform signed it, and it matches the record. */
  genuine: boolean;
  problem: null | 'not-a-signed-document' | 'unknown-key' | 'bad-signature' | 'no-such-document' | 'does-not-match-record';
  /** When genuine: what GET /verify/{code} says of it. */
  document: Verification | null;
}

/** Numbers that identify a person (HI card number, SI code) are shown masked; certificate and decision numbers in full. */
const publicNumber = (doc: IssuedDocument) => doc.publicNumber ?? (doc.spec.kind === 'si-book-cover-sheet' && doc.spec.number ? maskTail(doc.spec.number) : doc.spec.number);

/** Printable documents of a dossier, and their public verification (docs/documents.md). */
export class HubDocuments {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly keys: DocumentKeys,
    private readonly publicUrl: string,
    private readonly audit?: AuditTrail,
  ) {}

  /** The documents of a dossier the principal may follow (otherwise NOT_FOUND, as for the dossier itself). */
  async list(principal: Principal, dossierId: string): Promise<DocumentListItem[]> {
    const docs = await this.readable(principal, dossierId, null);
    return docs.map((d) => ({
      code: d.spec.code,
      kind: d.spec.kind,
      title: d.spec.title,
      issuer: d.spec.issuer.agency,
      issuedOn: d.spec.issuedOn,
      number: d.spec.number,
      procedure: d.procedure,
      pdf: `/api/v1/dossiers/${dossierId}/documents/${d.spec.code}.pdf`,
      verifyUrl: verifyUrlOf(this.publicUrl, d.spec.code),
    }));
  }

  async pdf(principal: Principal, dossierId: string, code: string): Promise<Buffer> {
    const [doc] = await this.readable(principal, dossierId, code);
    if (!doc) throw new AppError('NOT_FOUND');
    return renderDocument(doc.spec, { publicUrl: this.publicUrl, keys: this.keys });
  }

  /** Public: whether a code belongs to a document the platform issued, and whether that document still stands. */
  async verify(code: string): Promise<Verification> {
    const found = await this.db.transaction((tx) => this.byCode(tx, code));
    if (!found) throw new AppError('NOT_FOUND');
    return found;
  }

  /**
   * Public: whether an uploaded PDF is one the platform signed, unchanged, and still matching its record. The
   * signature covers every byte of the file; the digest it carries must equal the one computed from the record now.
   */
  async verifyPdf(pdf: Buffer): Promise<PdfVerification> {
    const check = checkPdf(pdf, this.keys);
    if (!check.ok) return { genuine: false, problem: check.problem, document: null };
    return this.db.transaction(async (tx) => {
      const doc = await this.find(tx, check.digest.code);
      if (!doc) return { genuine: false, problem: 'no-such-document' as const, document: null };
      if (canonicalJson(documentDigest(doc.spec)) !== canonicalJson(check.digest)) return { genuine: false, problem: 'does-not-match-record' as const, document: null };
      return { genuine: true, problem: null, document: await this.view(tx, doc) };
    });
  }

  private async readable(principal: Principal, dossierId: string, code: string | null): Promise<IssuedDocument[]> {
    const docs = await this.db.transaction(async (tx) => {
      const d = await hubStore.dossier(tx, dossierId);
      if (!d || !(await maySee(tx, principal, d))) return null;
      const all = documentsOf(d, await hubStore.procedures(tx, dossierId));
      const wanted = code === null ? all : all.filter((x) => x.spec.code === code);
      // Officers' and agencies' reads of personal documents are recorded, as reads of the dossier are (who looked at my data).
      if (this.audit && principal.kind !== 'citizen' && code !== null)
        for (const x of wanted)
          if (x.holder.pin)
            await this.audit.record(tx, { actor: principal, action: 'document.read', purpose: `${x.spec.kind} of a ${d.group_code} dossier`, subjectPin: x.holder.pin, resource: `dossier/${dossierId}/documents/${x.spec.code}` });
      return wanted;
    });
    if (!docs) throw new AppError('NOT_FOUND');
    return docs;
  }

  private async find(tx: Queryable, code: string): Promise<IssuedDocument | undefined> {
    const dossierId = await documentStore.dossierOfCode(tx, code);
    if (!dossierId) return undefined;
    const d = await hubStore.dossier(tx, dossierId);
    if (!d) return undefined;
    return documentsOf(d, await hubStore.procedures(tx, dossierId)).find((x) => x.spec.code === code);
  }

  private async byCode(tx: Queryable, code: string): Promise<Verification | null> {
    const doc = await this.find(tx, code);
    return doc ? this.view(tx, doc) : null;
  }

  private async view(tx: Queryable, doc: IssuedDocument): Promise<Verification> {
    const today = vnDateOf(this.clock.now());
    const death = doc.holder.pin ? await documentStore.deathOf(tx, doc.holder.pin) : null;
    const v = validityOf(doc, today, death);
    return {
      genuine: true,
      code: doc.spec.code,
      kind: doc.spec.kind,
      title: doc.spec.title,
      issuer: { agency: doc.spec.issuer.agency, name: doc.spec.issuer.name },
      issuedOn: doc.spec.issuedOn,
      number: publicNumber(doc),
      holder: { initials: doc.holder.fullName ? initialsOf(doc.holder.fullName) : null, birthYear: birthYearOf(doc.holder.dateOfBirth) },
      valid: v.valid,
      status: v.status,
      reason: v.reason,
      checkedOn: today,
    };
  }
}
