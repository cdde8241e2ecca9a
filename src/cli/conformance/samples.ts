import type { MessageType, PayloadOf } from '../../contracts/catalogue.ts';
import type { AgencyName, PartName } from '../../contracts/parts.ts';

/**
 * One request per agency that the conformance kit sends as the hub would. The people in it need not
 * exist in the agency's register: a refusal (`procedure.rejected`) is as conforming an answer as a
 * completion — the kit checks the contract, not the register's content. `--request FILE` replaces it.
 */
export interface SampleRequest<T extends MessageType = MessageType> {
  readonly type: T;
  readonly payload: PayloadOf<T>;
  /** Who sends it (default: the hub); the kit signs as this part, with a key the agency system trusts for it. */
  readonly sender?: PartName;
}

const person = (pin: string, fullName: string, sex: 'male' | 'female', dateOfBirth: string) => ({
  pin,
  fullName,
  sex,
  dateOfBirth,
  alive: true,
  householdId: 'HH-35-0001',
  address: { provinceCode: '35', districtCode: '347', communeCode: '13366', line: 'Thôn 2' },
});

export function sampleRequest(agency: AgencyName, today: string): SampleRequest {
  switch (agency) {
    case 'population':
      return {
        type: 'population.verify-people.requested',
        payload: { people: [{ path: 'declaration.mother', pin: '035195000001', fullName: 'Trần Thị Mai', dateOfBirth: '1995-03-12' }] },
      } satisfies SampleRequest<'population.verify-people.requested'>;
    case 'civil-registry': {
      const mother = person('035195000001', 'Trần Thị Mai', 'female', '1995-03-12');
      return {
        type: 'civil-registry.birth-registration.requested',
        payload: {
          procedure: 'birth-registration',
          child: { fullName: 'Lê Minh Kiểm', sex: 'male', dateOfBirth: today, placeOfBirth: 'Bệnh viện Đa khoa tỉnh Hà Nam' },
          mother,
          father: null,
          declarant: { pin: mother.pin, relationship: 'mother', person: mother },
          registeringCommune: mother.address,
          receivedOn: today,
        },
      } satisfies SampleRequest<'civil-registry.birth-registration.requested'>;
    }
    case 'social-security':
      return {
        type: 'social-security.hi-card.requested',
        payload: {
          procedure: 'hi-card',
          child: { pin: '035226000123', fullName: 'Lê Minh Kiểm', sex: 'male', dateOfBirth: today },
          certificate: { number: '3534713366-2026-000001', registeredOn: today, registeringCommune: { provinceCode: '35', districtCode: '347', communeCode: '13366' } },
          motherPin: '035195000001',
          fatherPin: null,
          initialFacilityCode: '35001',
          deadline: today,
        },
      } satisfies SampleRequest<'social-security.hi-card.requested'>;
    case 'health':
      // Health hears from the civil registry, which asks for a death notice a declaration cites.
      return {
        type: 'health.death-notice-check.requested',
        sender: 'civil-registry',
        payload: { requestId: '00000000-0000-4000-8000-000000000001', noticeId: '00000000-0000-4000-8000-000000000002' },
      } satisfies SampleRequest<'health.death-notice-check.requested'>;
  }
}
