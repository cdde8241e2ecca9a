import type { Principal } from '../platform/auth/principal.ts';
import type { Queryable } from '../platform/db/db.ts';
import { hubStore as store, type DossierRow } from './store.ts';

/** Whether the principal may follow the dossier (if not, the API answers NOT_FOUND: never reveal that it exists). */
export async function maySee(tx: Queryable, p: Principal, d: DossierRow): Promise<boolean> {
  switch (p.kind) {
    case 'citizen':
      return d.submitted_by === `citizen:${p.pin}` || (await store.isParty(tx, d.id, p.pin));
    case 'officer':
      // An officer works in an area (issue 7: "they see and act on their agency's work in their area only"): one
      // bound to a province follows only that province's dossiers — and none whose province is not yet known.
      if (p.provinceCode !== null && p.provinceCode !== d.province_code) return false;
      // Hub officers (one-stop shop, IT) follow every dossier; agency officers those their agency works on.
      return p.agency === 'hub' || (await store.procedures(tx, d.id)).some((x) => x.agency === p.agency);
    case 'system':
      return (await store.procedures(tx, d.id)).some((x) => x.agency === p.agency);
  }
}

/**
 * Whether the principal may act for the citizen on the dossier (answer a supplement request): the citizen
 * who submitted it, or a hub officer (the one-stop shop, entering an answer brought on paper).
 */
export function mayActFor(p: Principal, d: DossierRow): boolean {
  if (p.kind === 'citizen') return d.submitted_by === `citizen:${p.pin}`;
  return p.kind === 'officer' && p.agency === 'hub';
}
