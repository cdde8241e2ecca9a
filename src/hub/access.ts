import type { Principal } from '../platform/auth/principal.ts';
import type { Queryable } from '../platform/db/db.ts';
import { hubStore as store, type DossierHeadRow, type DossierRow, type DossierViewRows } from './store.ts';

/** Whether the principal may follow the dossier (if not, the API answers NOT_FOUND: never reveal that it exists). */
export async function maySee(tx: Queryable, p: Principal, d: DossierRow): Promise<boolean> {
  return maySeeWith(p, d, {
    isParty: async (pin) => store.isParty(tx, d.id, pin),
    agencies: async () => (await store.procedures(tx, d.id)).map((x) => x.agency),
  });
}

/** `maySee` on rows already read with the view (`hubStore.forView` asked about the citizen's PIN). */
export function maySeeRead(p: Principal, r: DossierViewRows): Promise<boolean> {
  return maySeeWith(p, r.dossier, { isParty: async () => r.isParty, agencies: async () => r.procedures.map((x) => x.agency) });
}

async function maySeeWith(
  p: Principal,
  d: DossierHeadRow,
  facts: { isParty(pin: string): Promise<boolean>; agencies(): Promise<string[]> },
): Promise<boolean> {
  switch (p.kind) {
    case 'citizen':
      return d.submitted_by === `citizen:${p.pin}` || (await facts.isParty(p.pin));
    case 'officer':
      // An officer works in an area (issue 7: "they see and act on their agency's work in their area only"): one
      // bound to a province follows only that province's dossiers — and none whose province is not yet known.
      if (p.provinceCode !== null && p.provinceCode !== d.province_code) return false;
      // Hub officers (one-stop shop, IT) follow every dossier; agency officers those their agency works on.
      return p.agency === 'hub' || (await facts.agencies()).includes(p.agency);
    case 'system':
      return (await facts.agencies()).includes(p.agency);
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
