import Type, { type Static } from 'typebox';
import { IsoDateSchema } from '../common.ts';

/**
 * The proof social security asks of a voluntary participant who claims the state support for people living in an
 * island commune or special zone (Decree 159/2025/ND-CP; 50% from 2025-07-01): the commune People's Committee's
 * confirmation of residence — its number, the day it was issued and the commune that issued it. Asked as a supplement
 * on `declaration.supportGroup` and answered with this record (`POST /api/v1/dossiers/{id}/supplements`).
 * The document named is *unconfirmed*: VSS's list of accepted papers for this group is not held here.
 */
export const IslandCommuneProof = Type.Object(
  {
    confirmationNumber: Type.String({ minLength: 1, maxLength: 50, description: "the confirmation's number, e.g. 12/XN-UBND" }),
    issuedOn: IsoDateSchema,
    commune: Type.String({ minLength: 1, maxLength: 100, description: 'the island commune or special zone that confirms the residence' }),
  },
  { additionalProperties: false },
);
export type IslandCommuneProof = Static<typeof IslandCommuneProof>;

/** The field a supplement request for this proof is asked on (and its answer keyed by). */
export const ISLAND_COMMUNE_PROOF_PATH = 'declaration.supportGroup';
