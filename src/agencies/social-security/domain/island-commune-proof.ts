/**
 * The island-commune support claim (Decree 159/2025/ND-CP: 50% of the contribution on the rural poverty line for
 * people living in an island commune or special zone, from 2025-07-01). Social security holds no list of island
 * communes, so instead of accepting the claim as declared it asks the participant for the commune's confirmation of
 * residence (`IslandCommuneProof`), as a supplement on `declaration.supportGroup`; the citizen has 7 working days to
 * answer (Decree 63/2024/ND-CP, the hub's supplement path), else the registration is refused.
 *
 * What is checked of the answer (the rest is recorded with the registration as the evidence of the claim):
 *  - its shape (number, date, commune: `contracts/declarations/island-commune-proof.ts`), by the handler;
 *  - the confirmation is not dated after the day it is checked (a paper cannot confirm ahead of its own date).
 *
 * Example: { confirmationNumber: '12/XN-UBND', issuedOn: '2025-01-27', commune: 'Đặc khu Lý Sơn' } checked on
 * 2025-01-28 → accepted; the same dated 2025-02-03 → `invalid-proof` (the participant is asked again).
 */
import type { FieldIssue } from '../../../contracts/common.ts';
import { ISLAND_COMMUNE_PROOF_PATH, type IslandCommuneProof } from '../../../contracts/declarations/island-commune-proof.ts';

export interface Problem {
  readonly reason: string;
  readonly reasonVi: string;
}

const ASK = 'send the confirmation of residence by the commune People’s Committee as { confirmationNumber, issuedOn, commune }';
const ASK_VI = 'hãy gửi giấy xác nhận cư trú của UBND xã đảo, đặc khu gồm số văn bản, ngày cấp và tên xã (confirmationNumber, issuedOn, commune)';

/** The supplement request: the proof that the participant lives in an island commune or special zone. */
export function islandCommuneProofRequest(): FieldIssue {
  return {
    path: ISLAND_COMMUNE_PROOF_PATH,
    code: 'island-commune-proof-required',
    reason: `The state support for people living in an island commune or special zone (Decree 159/2025/ND-CP) needs proof: ${ASK}.`,
    reasonVi: `Để được hỗ trợ mức đóng dành cho người đang sinh sống tại xã đảo, đặc khu (Nghị định 159/2025/NĐ-CP), ${ASK_VI}.`,
  };
}

/** The request asked again, saying what was wrong with the answer (every part of it is asked again). */
export function invalidIslandCommuneProof(problems: readonly Problem[]): FieldIssue {
  return {
    path: ISLAND_COMMUNE_PROOF_PATH,
    code: 'invalid-proof',
    reason: `The answer was not valid (${problems.map((p) => p.reason).join('; ')}): ${ASK} (Decree 159/2025/ND-CP).`,
    reasonVi: `Nội dung bổ sung chưa hợp lệ (${problems.map((p) => p.reasonVi).join('; ')}): ${ASK_VI} (Nghị định 159/2025/NĐ-CP).`,
  };
}

/** What is wrong with a well-formed proof checked on `today`, or null when it is accepted. */
export function islandCommuneProofProblem(proof: IslandCommuneProof, today: string): Problem | null {
  if (proof.issuedOn > today)
    return { reason: `issuedOn: the confirmation is dated ${proof.issuedOn}, after today (${today})`, reasonVi: `issuedOn: ngày cấp giấy xác nhận (${proof.issuedOn}) sau ngày hôm nay (${today})` };
  return null;
}
